"""`--log FILE` on remind and weekly: each run appended under a header with the time and the
command, UTF-8, errors included, and whatever was written kept when the run dies midway."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from datetime import datetime

from helpers import OWNER_AND_HANDLER, REMIND_AS_OF, ROOT, order, orders_file, run_cli, short_complaint, short_complaints_file
from smtp_server import smtp_config

HEADER = re.compile(r"^===== (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) toolkit (.+)$")


def _runs(log) -> list[tuple[str, str, str]]:
    """(time, command, output) for each run in a log."""
    runs = []
    for line in log.read_text(encoding="utf-8").splitlines(keepends=True):
        m = HEADER.match(line.rstrip("\n"))
        if m:
            runs.append([m.group(1), m.group(2), ""])
        else:
            assert runs, "the log starts with a header"
            runs[-1][2] += line
    return [tuple(r) for r in runs]


def test_remind_appends_each_run_under_a_header_and_still_prints(tmp_path):
    register = short_complaints_file(tmp_path, [short_complaint("TS2611001", datetime(2026, 11, 25, 16, 0))])
    (tmp_path / "toolkit.toml").write_text(smtp_config(2525, people=OWNER_AND_HANDLER), encoding="utf-8")
    log = tmp_path / "日志" / "toolkit-remind.log"  # its folder is made
    args = ["remind", str(register), "--as-of", REMIND_AS_OF, "--lang", "zh", "--log", str(log)]
    first = run_cli(*args, cwd=tmp_path)
    second = run_cli(*args, cwd=tmp_path)
    assert first.returncode == second.returncode == 0, first.stderr
    assert "wangli@example.com" in first.stdout  # the terminal still gets it all
    runs = _runs(log)
    assert len(runs) == 2
    for (when, command, output), result in zip(runs, (first, second)):
        assert abs((datetime.now() - datetime.strptime(when, "%Y-%m-%d %H:%M:%S")).total_seconds()) < 300
        assert command == " ".join(args)
        assert output.rstrip("\n") == (result.stdout + result.stderr).rstrip("\n")
    assert "TS2611001" in runs[0][2] and "楼上漏水" in log.read_text(encoding="utf-8")
    assert log.read_bytes().decode("utf-8")  # UTF-8, no BOM needed
    assert not log.read_bytes().startswith(b"\xef\xbb\xbf")


def test_weekly_logs_its_errors_too(tmp_path):
    orders_file(tmp_path, [order("WX2611001", datetime(2026, 11, 20, 10, 0), reason="等配件")])
    log = tmp_path / "toolkit-weekly.log"
    ok = run_cli("weekly", str(tmp_path), "--as-of", "2026-11-23 08:30", "--week", "last", "--lang", "en",
                 "--log", str(log), cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    (tmp_path / "toolkit.toml").write_text("[weekly]\ntypo = 1\n", encoding="utf-8")
    bad = run_cli("weekly", str(tmp_path), "--as-of", "2026-11-23 08:30", "--lang", "en", "--log", str(log), cwd=tmp_path)
    assert bad.returncode == 2
    runs = _runs(log)
    assert [r[1].split()[0] for r in runs] == ["weekly", "weekly"]
    assert "WX2611001" in runs[0][2]
    error = bad.stderr.strip()
    assert error.startswith("toolkit: ") and runs[1][2].strip() == error


def test_a_log_that_cannot_be_written_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "a-folder.log").mkdir()
    result = run_cli("weekly", str(tmp_path), "--log", str(tmp_path / "a-folder.log"), "--lang", "en", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().startswith(f"toolkit: {tmp_path / 'a-folder.log'}: cannot write the log: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_run_killed_midway_leaves_what_it_had_written(tmp_path):
    log = tmp_path / "toolkit-remind.log"
    script = (
        "import os, signal, sys\n"
        "from toolkit.runlog import start_log\n"
        f"start_log({str(log)!r}, ['remind', 'D:/登记表', '--send'])\n"
        "print('第一封：已发送 wangli@example.com')\n"
        "sys.stderr.write('toolkit: SMTP 连接中断\\n')\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
        "print('never')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert result.returncode == -signal.SIGKILL
    runs = _runs(log)
    assert runs[0][1] == "remind D:/登记表 --send"
    assert runs[0][2] == "第一封：已发送 wangli@example.com\ntoolkit: SMTP 连接中断\n"
