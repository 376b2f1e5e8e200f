"""The README shows real commands and what they really print: every block marked
`<!-- checked ... -->` is run on the sample registers and its shown output must be there.

A marked block's lines after a prompt (`$ `, `> `, `D:\\客服中心> `) are toolkit commands; the
lines under a command are its output. They are run in a temporary folder holding workbooks/'s
registers as 登记表文件夹/ (and the README's `<!-- checked: toolkit.toml -->` block as toolkit.toml
when the marker says `checked with toolkit.toml`), with the marker's arguments after `checked:`
added (such as a fixed --as-of). `\\` reads as `/` (the README shows Windows paths); `…` in a line
stands for any text, a line of `…` alone for any lines; other consecutive lines must be
consecutive in what was printed, in the order shown."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import ROOT, TOOLKIT

README = ROOT / "README.md"
MARKER = re.compile(r"<!-- checked(?P<with> with toolkit\.toml)?(?::\s*(?P<args>.*?))?\s*-->")
PROMPT = re.compile(r"^(?:\$ |> |[A-Z]:\\[^>]*> )(?P<command>toolkit(?: .*)?)$")
SAMPLES = "登记表文件夹"  # the folder name the README's first run uses


@dataclass(frozen=True)
class Shown:
    """One command of a checked block, with the output the README shows under it."""
    line: int  # README line of the command, for the failure message
    command: str
    output: tuple[str, ...]
    extra_args: str
    with_config: bool


def _blocks() -> tuple[list[Shown], str | None]:
    lines = README.read_text(encoding="utf-8").split("\n")
    shown, config = [], None
    for i, line in enumerate(lines):
        marker = MARKER.fullmatch(line.strip())
        if not marker:
            continue
        start = i + 1
        assert lines[start].startswith("```"), f"README line {i + 1}: a checked marker must stand right above a fenced block"
        end = next(j for j in range(start + 1, len(lines)) if lines[j].startswith("```"))
        body = lines[start + 1:end]
        args = (marker["args"] or "").strip()
        if args == "toolkit.toml":
            config = "\n".join(body) + "\n"
            continue
        command = None
        for j, text in enumerate(body, start=start + 2):
            prompt = PROMPT.match(text)
            if prompt:
                if command:
                    shown.append(command)
                command = Shown(j, prompt["command"], (), args, bool(marker["with"]))
            else:
                assert command, f"README line {j}: output before any command in a checked block"
                command = Shown(command.line, command.command, (*command.output, text), args, command.with_config)
        assert command, f"README line {i + 1}: a checked block without a toolkit command"
        shown.append(command)
    return shown, config


SHOWN, CONFIG = _blocks() if README.exists() else ([], None)  # a copy of tests/ alone still collects


def _normalised(line: str) -> str:
    return line.replace("\\", "/").rstrip()


def _pattern(line: str) -> re.Pattern:
    return re.compile(".*".join(re.escape(part) for part in _normalised(line).split("…")))


def _chunks(output: tuple[str, ...]) -> list[list[str]]:
    """Runs of shown lines that must be consecutive in the real output, split at lines of `…`."""
    chunks, chunk = [], []
    for line in output:
        if line.strip() == "…":
            chunks.append(chunk)
            chunk = []
        elif line.strip():
            chunk.append(line)
    chunks.append(chunk)
    return [chunk for chunk in chunks if chunk]


def _find(printed: list[str], chunks: list[list[str]]) -> str | None:
    """None when every chunk is found, in order; else the first shown line not found."""
    at = 0
    for chunk in chunks:
        patterns = [_pattern(line) for line in chunk]
        for start in range(at, len(printed) - len(patterns) + 1):
            if all(p.fullmatch(printed[start + k]) for k, p in enumerate(patterns)):
                at = start + len(patterns)
                break
        else:
            for line, p in zip(chunk, patterns):  # name the first line that is missing
                if not any(p.fullmatch(got) for got in printed[at:]):
                    return line
            return chunk[0] + "  (the lines are there, but not together or not in this order)"
    return None


def _run(shown: Shown, folder: Path) -> subprocess.CompletedProcess:
    registers = folder / SAMPLES
    registers.mkdir()
    for register in (ROOT / "workbooks").glob("*.xlsx"):
        shutil.copy(register, registers / register.name)
    if shown.with_config:
        assert CONFIG, "the README has no <!-- checked: toolkit.toml --> block"
        (folder / "toolkit.toml").write_text(CONFIG, encoding="utf-8")
    args = shlex.split(_normalised(shown.command))[1:] + shlex.split(shown.extra_args)
    env = {**os.environ, "NO_COLOR": "1", "XDG_DATA_HOME": str(folder / "data")}  # no store outside the folder
    return subprocess.run([*TOOLKIT, *args], cwd=folder, capture_output=True, text=True, env=env, timeout=300)


def test_the_readme_has_checked_blocks():
    """The first run, --verbose, --annotate, weekly, remind and template are all shown for real."""
    commands = " ".join(shown.command for shown in SHOWN)
    for command in ("validate", "--verbose", "--annotate", "weekly", "remind", "template"):
        assert command in commands, f"no checked README block runs {command}"
    assert CONFIG and "[smtp]" in CONFIG


@pytest.mark.parametrize("shown", SHOWN, ids=[f"line{shown.line}" for shown in SHOWN])
def test_a_readme_command_prints_what_the_readme_shows(shown, tmp_path):
    result = _run(shown, tmp_path)
    assert result.returncode in (0, 1), f"README line {shown.line}: `{shown.command}` exited {result.returncode}: {result.stderr}"
    printed = [_normalised(line) for line in (result.stdout + result.stderr).split("\n")]
    missing = _find(printed, _chunks(shown.output))
    assert missing is None, (f"README line {shown.line}: `{shown.command}` does not print\n  {missing}\n"
                             f"what it prints:\n{result.stdout}{result.stderr}")


def test_the_readme_config_block_is_a_valid_config(tmp_path):
    from toolkit.config import load_config
    (tmp_path / "toolkit.toml").write_text(CONFIG, encoding="utf-8")
    config = load_config(tmp_path / "toolkit.toml")
    assert config is not None


def test_the_readme_is_the_supervisors_guide():
    """Short, and without developer material: that lives in docs/development.md."""
    text = README.read_text(encoding="utf-8")
    assert len(text.split("\n")) <= 420, "the README has grown past its guide: move reference material to docs/reference.md"
    for developer in ("../shared", "issue #", "ISA-L", "named tuple", "lint-imports", "benchmarks/", "pytest"):
        assert developer not in text, f"the README mentions {developer!r}: developer material goes to docs/development.md"
    for heading in ("## Install", "### Windows", "## First run on your own folder", "## Reminders by mail",
                    "toolkit schedule", "## After `make demo`", "## Reference"):
        assert heading in text, heading


def test_every_relative_link_of_the_readme_and_the_docs_points_at_something():
    """Links into docs/reference.md name a heading that is there; pictures exist."""
    anchors: dict[Path, set[str]] = {}

    def anchors_of(path: Path) -> set[str]:
        if path not in anchors:
            found, fence = set(), False
            for line in path.read_text(encoding="utf-8").split("\n"):
                fence ^= line.startswith("```")
                heading = re.match(r"#+ (.*)", line)
                if heading and not fence:
                    found.add(re.sub(r"[^\w\- ]", "", heading[1].strip().lower()).replace(" ", "-"))
            anchors[path] = found
        return anchors[path]

    for document in (README, ROOT / "docs" / "reference.md", ROOT / "docs" / "development.md"):
        for target in re.findall(r"\]\(([^)\s]+)\)", document.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target):
                continue
            file, _, anchor = target.partition("#")
            path = (document.parent / file).resolve() if file else document
            assert path.exists(), f"{document.name}: {target} points at no file"
            if anchor and path.suffix == ".md":
                assert anchor in anchors_of(path), f"{document.name}: {target} points at no heading"
