"""The supervisor's Windows PC, simulated where it matters: multiprocessing with only the spawn
start method and no ``os.fork`` (tests/windows_like.py), output redirected to files and pipes in
code page 936, a console that cannot show every character, colour where the console has it,
and the user's language read from Windows itself."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from helpers import AS_OF_ARGS, ROOT, SHORT_COMPLAINT_HEADER, TOOLKIT, good_order, write_register

WINDOWS_LIKE = ROOT / "tests" / "windows_like.py"
# Characters a clerk really types or pastes that code page 936 (GBK) cannot encode
NOT_IN_GBK = ["✓", "𠮷", "🔧"]
CP936 = {"PYTHONIOENCODING": "cp936", "NO_COLOR": "1"}


def _env(extra: dict | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    env.update(extra or {})
    return env


def run(args: list[str], *, cwd: Path, windows: bool = False, env: dict | None = None) -> subprocess.CompletedProcess:
    """The CLI in a subprocess, its stdout a pipe (bytes: the test decodes what really came out)."""
    command = [sys.executable, str(WINDOWS_LIKE)] if windows else TOOLKIT
    return subprocess.run([*command, *args], capture_output=True, cwd=cwd, env=_env(env), timeout=300)


@pytest.fixture
def site(tmp_path) -> Path:
    """A folder as the supervisor has it: the three sample registers and one whose name, sheet
    and cells hold characters GBK lacks (a rare character of a place name, a tick, an emoji)."""
    folder = tmp_path / "登记表文件夹"
    folder.mkdir()
    for sample in (ROOT / "workbooks").glob("*.xlsx"):
        shutil.copy(sample, folder / sample.name)
    write_register(folder / "𠮷祥苑-维修登记.xlsx", [
        good_order(单号="WX2611101", 完工时间="🔧 11-03"),
        good_order(单号="WX2611102", 客户签字=None),
    ], sheet="2026年11月✓")
    write_register(folder / "𠮷祥苑-投诉登记.xlsx", [[
        "TS2611901", datetime(2026, 11, 20, 9, 0), "刘伟", "13812345678", "3栋1201", "🔧 𠮷祥苑门禁✓坏了", "设备设施",
        "chenxiao@example.com", "wangli@example.com", datetime(2026, 11, 25, 16, 0), None, None, None, None,
    ]], SHORT_COMPLAINT_HEADER, title="投诉登记表（2026年11月）")
    return folder


def _work(tmp_path: Path, name: str) -> Path:
    cwd = tmp_path / name
    cwd.mkdir()
    return cwd


@pytest.mark.parametrize("command", [
    ["validate", "{site}", "--jobs", "2", "--format", "json"],
    ["weekly", "{site}", "--format", "json", "--out", "weekly.xlsx"],
    ["remind", "{site}", "--format", "json"],
])
def test_folder_runs_work_under_spawn_without_fork_and_match_the_forked_run(site, tmp_path, command):
    args = [str(site) if a == "{site}" else a for a in command] + AS_OF_ARGS + ["--lang", "zh"]
    spawned = run(args, cwd=_work(tmp_path, "spawn"), windows=True, env=CP936)
    forked = run(args, cwd=_work(tmp_path, "fork"))
    assert b"internal error" not in spawned.stderr, spawned.stderr.decode("utf-8", "replace")
    # remind exits 2 here: the samples name people no config gives an address (the same below)
    assert spawned.returncode == forked.returncode == {"validate": 1, "weekly": 0, "remind": 2}[command[0]], spawned.stderr
    spawned_report, forked_report = json.loads(spawned.stdout.decode("utf-8")), json.loads(forked.stdout.decode("utf-8"))
    assert spawned_report == forked_report
    text = json.dumps(spawned_report, ensure_ascii=False)
    assert "翠湖苑" in text or command[0] == "remind"  # every file of the folder was read
    if command[0] == "weekly":
        assert (tmp_path / "spawn" / "weekly.xlsx").stat().st_size > 0


def test_validate_folder_under_spawn_finds_every_sample_defect(site, tmp_path):
    result = run(["validate", str(site), "--jobs", "2", "--format", "json", *AS_OF_ARGS],
                 cwd=tmp_path, windows=True, env=CP936)
    report = json.loads(result.stdout.decode("utf-8"))
    assert result.returncode == 1
    files = {Path(f["path"]).name: f for f in report["files"]}
    assert set(files) == {p.name for p in site.iterdir()}
    assert not any(f.get("error") for f in files.values())
    rules = {(Path(f["path"]).name, f["rule"]) for f in report["findings"]}
    assert ("𠮷祥苑-维修登记.xlsx", "missing-signature") in rules


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_reports_to_a_file_or_pipe_are_utf8_whatever_the_code_page(site, tmp_path, fmt):
    result = run(["validate", str(site), "--format", fmt, *AS_OF_ARGS, "--lang", "zh"], cwd=tmp_path, env=CP936)
    assert result.returncode == 1, result.stderr.decode("utf-8", "replace")
    assert result.stderr == b""
    out = result.stdout.decode("utf-8")  # strict: a byte of cp936 would fail here
    if fmt == "csv":
        assert out.startswith("\ufeff")  # Excel opens it as UTF-8
    if fmt == "json":
        json.loads(out)  # whole, not cut off mid-stream
    for char in ("🔧", "𠮷", "✓"):
        assert char in out  # from a cell, the file's name and the sheet's name


def test_a_redirect_to_a_file_keeps_every_character(site, tmp_path):
    """`toolkit validate … --format csv > 报告.csv` as cmd.exe does it: stdout is the file."""
    target = tmp_path / "报告.csv"
    with open(target, "wb") as fh:
        result = subprocess.run([*TOOLKIT, "validate", str(site), "--format", "csv", *AS_OF_ARGS],
                                stdout=fh, stderr=subprocess.PIPE, env=_env(CP936), timeout=300)
    assert result.returncode == 1
    data = target.read_bytes()
    assert data.startswith("\ufeff".encode("utf-8")) and "🔧".encode("utf-8") in data


@pytest.mark.parametrize("command", [
    ["weekly", "{site}"],
    ["weekly", "{site}", "--format", "json"],
    ["remind", "{site}"],
    ["remind", "{site}", "--format", "json"],
])
def test_weekly_and_remind_print_under_cp936(site, tmp_path, command):
    args = [str(site) if a == "{site}" else a for a in command] + AS_OF_ARGS + ["--lang", "zh"]
    result = run(args, cwd=tmp_path, env=CP936)
    assert b"Traceback" not in result.stderr and b"internal error" not in result.stderr, result.stderr
    assert result.returncode == (0 if command[0] == "weekly" else 2), result.stderr.decode("utf-8", "replace")
    out = result.stdout.decode("utf-8")
    assert ("TS2611901" if command[0] == "remind" and "json" in command else "𠮷祥苑") in out
    if command == ["remind", "{site}"]:
        assert "🔧 𠮷祥苑门禁✓坏了" in out  # the reminder's line for the owner shows the complaint
    if "json" in command:
        json.loads(out)


needs_pty = pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals on this platform")


def _on_terminal(args: list[str], cwd: Path, env: dict) -> tuple[int, str, bytes]:
    """Run with stdout on a real pseudo-terminal, as in the clerk's console window."""
    master, slave = os.openpty()
    try:
        proc = subprocess.Popen([*TOOLKIT, *args], stdout=slave, stderr=subprocess.PIPE,
                                cwd=cwd, env=_env({"TERM": "xterm-256color", "COLUMNS": "200", **env}))
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        stderr = proc.stderr.read()
        proc.wait(timeout=300)
        return proc.returncode, stderr.decode("utf-8", "replace"), b"".join(chunks)
    finally:
        os.close(master)


@needs_pty
def test_a_console_that_cannot_show_a_character_gets_a_question_mark_not_a_crash(site, tmp_path):
    code, stderr, shown = _on_terminal(["validate", str(site), *AS_OF_ARGS, "--lang", "zh"], tmp_path,
                                       {"PYTHONIOENCODING": "cp936", "NO_COLOR": "1"})
    assert code == 1, stderr
    assert "Traceback" not in stderr and stderr == ""
    text = shown.decode("cp936", "replace")
    assert "个错误" in text and "?" in text  # the summary line came through; the emoji became "?"


def _has_colour(shown: bytes) -> bool:
    return b"\x1b[" in shown


@needs_pty
@pytest.mark.parametrize("env, coloured", [
    ({}, True),                     # a terminal that shows colour
    ({"NO_COLOR": "1"}, False),     # the user said no
    ({"TERM": "dumb"}, False),      # a terminal without colour
])
def test_colour_only_where_the_terminal_shows_it(site, tmp_path, env, coloured):
    _, _, shown = _on_terminal(["validate", str(site), *AS_OF_ARGS], tmp_path, env)
    assert _has_colour(shown) is coloured


def test_no_colour_in_a_pipe_unless_forced(site, tmp_path):
    plain = run(["validate", str(site), *AS_OF_ARGS], cwd=tmp_path)
    forced = run(["validate", str(site), *AS_OF_ARGS], cwd=tmp_path, env={"FORCE_COLOR": "1"})
    assert not _has_colour(plain.stdout)
    assert _has_colour(forced.stdout)


# --- the user's language on Windows, which sets no LANG -------------------------------------

class _FakeKernel32:
    def __init__(self, ui: int, regional: int):
        self.GetUserDefaultUILanguage = lambda: ui
        self.GetUserDefaultLangID = lambda: regional


@pytest.fixture
def windows(monkeypatch):
    """This process made to look like Windows: no locale variables, Windows' language calls."""
    import ctypes

    from toolkit import i18n

    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(sys, "platform", "win32")

    def language(ui: int, regional: int = 0x0409) -> None:
        monkeypatch.setattr(ctypes, "windll", type("WinDLL", (), {"kernel32": _FakeKernel32(ui, regional)}),
                            raising=False)

    return i18n, language


@pytest.mark.parametrize("langid, expected", [
    (0x0804, "zh"),  # 中文(简体，中国)
    (0x0404, "zh"),  # 中文(繁體，台灣)
    (0x0C04, "zh"),  # 中文(香港)
    (0x0409, "en"),  # English (United States)
    (0x0809, "en"),  # English (United Kingdom)
])
def test_the_language_follows_windows_display_language(windows, langid, expected):
    i18n, language = windows
    language(langid)
    assert i18n.resolve_lang() == expected


def test_the_option_and_the_config_still_come_first_on_windows(windows):
    i18n, language = windows
    language(0x0804)
    assert i18n.resolve_lang("en") == "en"
    assert i18n.resolve_lang(None, "en") == "en"


def test_a_locale_variable_set_on_windows_is_honoured(windows, monkeypatch):
    i18n, language = windows
    language(0x0409)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")  # Git Bash, or a user who set it
    assert i18n.resolve_lang() == "zh"


def test_without_the_windows_calls_the_regional_locale_decides(windows, monkeypatch):
    import ctypes
    import locale

    i18n, _ = windows
    monkeypatch.delattr(ctypes, "windll", raising=False)
    monkeypatch.setattr(locale, "getlocale", lambda *a: ("Chinese (Simplified)_China", "936"))
    assert i18n.resolve_lang() == "zh"


def test_linux_without_locale_variables_is_english(monkeypatch):
    from toolkit import i18n

    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert i18n.resolve_lang() == "en"
