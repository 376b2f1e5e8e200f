"""CPU time of `toolkit validate`, one source tree against another, run back to back.

    python benchmarks/bench_cpu.py --tree now=. --tree before=/tmp/before --group 50x5000 --repeat 3
    python benchmarks/bench_cpu.py --tree now=. --rows 100000 --read

Wall time on a shared machine says more about the neighbours than about the code: this
measures the CPU seconds (user + system) of the command and every process it waited for,
so a change can be judged on a loaded machine. Each tree is a directory holding a
``toolkit`` package, put first on PYTHONPATH (worker processes inherit it); the trees are
alternated, and the best of ``--repeat`` runs of each is kept. The group case is the
issue's: a folder of N registers of M rows (as benchmarks/bench.py makes them) validated
with ``--jobs 1``. ``--read`` adds a bare python-calamine read of each single register,
the yardstick of the issue's "within 2.5x a bare read".
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench import AS_OF, CACHE, READ, _gen_one, cached  # noqa: E402

WRAPPER = """
import json, resource, subprocess, sys
p = subprocess.run(sys.argv[2:], stdout=open(sys.argv[1], "wb"), stderr=subprocess.PIPE)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps([r.ru_utime + r.ru_stime, r.ru_maxrss / 1024, p.returncode, p.stderr.decode(errors="replace")[-500:]]))
"""


def cpu(cmd: list[str], env: dict | None = None, out: str = os.devnull) -> tuple[float, float, int]:
    """(CPU seconds, peak RSS MB, exit code) of ``cmd`` and the processes it waited for."""
    res = subprocess.run([sys.executable, "-c", WRAPPER, out, *cmd], capture_output=True, text=True, check=True,
                         env=env)
    seconds, rss, rc, err = json.loads(res.stdout)
    if rc not in (0, 1):
        sys.exit(f"{' '.join(cmd)} exited {rc}:\n{err}")
    return seconds, rss, rc


def tree_env(tree: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(tree), *filter(None, [env.get("PYTHONPATH")])])
    return env


def validate_cmd(path: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "toolkit", "validate", str(path), "--format", "json", "--as-of", AS_OF,
            "--jobs", str(jobs)]


def group_folder(spec: str) -> Path:
    n, m = (int(x) for x in spec.lower().split("x"))
    folder = CACHE / f"group-{n}x{m}"
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(n):  # one at a time: the machine is shared
        _gen_one((folder / f"register-{k:04d}.xlsx", m, k))
    return folder


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tree", action="append", required=True, metavar="NAME=DIR",
                    help="a source tree holding the toolkit package (repeatable)")
    ap.add_argument("--group", action="append", default=[], metavar="NxM", help="a folder of N registers of M rows")
    ap.add_argument("--rows", action="append", default=[], type=int, help="one register of this many rows")
    ap.add_argument("--broken", action="store_true", help="the single registers break rules on every row")
    ap.add_argument("--blanks", type=float, default=0.0, help="share of cells left empty in the single registers")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--read", action="store_true", help="also a bare python-calamine read of each single register")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    trees = [(name, Path(d).resolve()) for name, d in (t.split("=", 1) for t in args.tree)]
    CACHE.mkdir(parents=True, exist_ok=True)
    cases = [(f"group {spec}", group_folder(spec)) for spec in args.group]
    kind = "broken" if args.broken else "clean"
    suffix = f"-blanks{args.blanks:g}" if args.blanks else ""
    cases += [(f"{kind}{suffix} {rows:,}", cached(CACHE / f"{kind}{suffix}-{rows}.xlsx", rows, broken=args.broken,
                                                  blanks=args.blanks, seed=rows)) for rows in args.rows]
    for label, path in cases:
        best: dict[str, tuple] = {}
        for _ in range(args.repeat):
            if args.read and path.is_file():
                got = cpu([sys.executable, "-c", READ, str(path)])
                best["bare read"] = min(best.get("bare read", got), got)
            for name, tree in trees:
                got = cpu(validate_cmd(path, args.jobs), tree_env(tree))
                best[name] = min(best.get(name, got), got)
        first = best[trees[0][0]][0]
        print(f"{label} (--jobs {args.jobs}), CPU seconds, best of {args.repeat}:")
        for name, (seconds, rss, rc) in best.items():
            print(f"  {name:>12}: {seconds:7.2f} s  {rss:6.0f} MB  exit {rc}  ({seconds / first:.2f}x {trees[0][0]})")
        if "bare read" in best:
            read = best["bare read"][0]
            for name, _ in trees:
                print(f"  {name:>12} / bare read: {best[name][0] / read:.2f}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
