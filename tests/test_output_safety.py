"""What the toolkit writes, on a shared folder and a terminal: files get the permissions the
umask gives (or keep those of the file they replace), a killed write leaves nothing behind for
long, and control characters from cells never reach a terminal, a mail or a workbook raw."""

from __future__ import annotations

import email
import os
import stat
import subprocess
import time
from datetime import datetime
from email import policy
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from helpers import (
    AS_OF_ARGS, REMIND_AS_OF, SHORT_COMPLAINT_HEADER, TOOLKIT, WORK_ORDER_HEADER, good_order, run_cli, write_register,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes and umask are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- permissions ------------------------------------------------------------------------------

@pytest.fixture
def broken_register(tmp_path) -> Path:
    return write_register(tmp_path / "维修登记.xlsx", [good_order(), good_order(单号="WX2611002", 客户签字=None)])


def _outputs(tmp_path: Path, register: Path, umask: int) -> dict[str, Path]:
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    made = {
        "report": (["validate", str(register), *AS_OF_ARGS, "-o", str(out / "报告.txt")], out / "报告.txt"),
        "csv": (["validate", str(register), *AS_OF_ARGS, "-f", "csv", "-o", str(out / "报告.csv")], out / "报告.csv"),
        "annotated": (["validate", str(register), *AS_OF_ARGS, "--annotate", str(out)], out / "维修登记.checked.xlsx"),
        "weekly": (["weekly", str(register), *AS_OF_ARGS, "--out", str(out / "weekly.xlsx")], out / "weekly.xlsx"),
        "template": (["template", "work-orders", str(out / "模板.xlsx"), "--months", "2026-11"], out / "模板.xlsx"),
        "init": (["init", str(out / "toolkit.toml")], out / "toolkit.toml"),
    }
    for name, (args, path) in made.items():
        result = run_cli(*args, cwd=tmp_path, umask=umask)
        assert result.returncode in (0, 1), (name, result.stderr)
        assert path.is_file(), name
    return {name: path for name, (_, path) in made.items()}


@posix_only
@pytest.mark.parametrize("umask, expected", [(0o002, 0o664), (0o022, 0o644), (0o077, 0o600)])
def test_every_output_gets_the_permissions_the_umask_gives(tmp_path, broken_register, umask, expected):
    for name, path in _outputs(tmp_path, broken_register, umask).items():
        assert mode(path) == expected, (name, oct(mode(path)))


@posix_only
def test_a_replaced_output_keeps_the_permissions_it_had(tmp_path, broken_register):
    target = tmp_path / "weekly.xlsx"
    assert run_cli("weekly", str(broken_register), *AS_OF_ARGS, "--out", str(target), cwd=tmp_path).returncode == 0
    target.chmod(0o640)  # the supervisor shared it with the group only
    assert run_cli("weekly", str(broken_register), *AS_OF_ARGS, "--out", str(target), cwd=tmp_path, umask=0o022).returncode == 0
    assert mode(target) == 0o640


def test_temporaries_left_by_killed_writes_are_cleaned_and_nothing_else(tmp_path, broken_register):
    out = tmp_path / "out"
    out.mkdir()
    gone_pid = out / ".weekly.xlsx.999999999.k3j4.tmp"  # a process number no system hands out
    old = out / ".weekly.xlsx.x8f2ab.tmp"  # from a version that wrote no process number, hours old
    live = out / f".weekly.xlsx.{os.getpid()}.a1b2.tmp"  # a write in progress (this process is alive)
    other = out / ".报告.txt.999999999.z9.tmp"  # another output's: left for that output's next write
    mine = out / ".weekly.xlsx.notes.txt"  # not one of our names
    for path in (gone_pid, old, live, other, mine):
        path.write_bytes(b"x" * 1024)
    hours_ago = time.time() - 7 * 3600
    os.utime(old, (hours_ago, hours_ago))
    result = run_cli("weekly", str(broken_register), *AS_OF_ARGS, "--out", str(out / "weekly.xlsx"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not gone_pid.exists() and not old.exists()
    assert live.exists() and other.exists() and mine.exists()
    assert sorted(p.name for p in out.iterdir() if p.name.endswith(".tmp")) == sorted([live.name, other.name])


def test_a_run_killed_mid_write_leaves_the_old_output_whole_and_the_next_run_cleans_up(tmp_path, broken_register):
    """kill -9 while the weekly workbook is being written: the previous workbook stays as it
    was, and what the killed run left beside it is gone after the next run."""
    target = tmp_path / "weekly.xlsx"
    assert run_cli("weekly", str(broken_register), *AS_OF_ARGS, "--out", str(target), cwd=tmp_path).returncode == 0
    before = target.read_bytes()
    # a larger register, so that writing takes long enough to be interrupted
    big = write_register(tmp_path / "大登记表.xlsx", [good_order(单号=f"WX26{i:06d}", 完工时间=None) for i in range(20_000)])
    proc = subprocess.Popen([*TOOLKIT, "weekly", str(big), *AS_OF_ARGS, "--out", str(target)],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(tmp_path.glob(".weekly.xlsx.*.tmp")):
        time.sleep(0.01)
    proc.kill()
    proc.wait()
    assert target.read_bytes() == before
    assert run_cli("weekly", str(broken_register), *AS_OF_ARGS, "--out", str(target), cwd=tmp_path).returncode == 0
    assert not list(tmp_path.glob(".weekly.xlsx.*.tmp"))


# --- control characters from cells ------------------------------------------------------------

ESCAPES = "\x1b]52;c;ZXZpbA==\x07\x1b[2J"  # a clipboard write (OSC 52) and a screen clear


def _xlsxwriter_register(path: Path, header: list[str], rows: list[list], sheet: str = "2026年11月") -> Path:
    """Written as Excel stores control characters (_x001B_): openpyxl refuses to write them."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet(sheet)
    when = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    ws.write_row(0, 0, header)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, datetime):
                ws.write_datetime(r, c, value, when)
            elif value is not None:
                ws.write(r, c, value)
    wb.close()
    return path


@pytest.fixture
def hostile_orders(tmp_path) -> Path:
    bad_time = good_order(单号="WX2611002", 完工时间=f"11-03{ESCAPES}")
    open_order = good_order(单号="WX2611003", 完工时间=None, 客户签字=None, 费用=None, 返单时间=None, 返单签收人=None,
                            财务签收=None, 报修内容=f"门锁\x01坏了{ESCAPES}")
    rows = [[o.get(h) for h in WORK_ORDER_HEADER] for o in (good_order(), bad_time, open_order)]
    return _xlsxwriter_register(tmp_path / "维修登记.xlsx", WORK_ORDER_HEADER, rows)


def test_the_text_report_shows_control_characters_escaped(tmp_path, hostile_orders):
    result = run_cli("validate", str(hostile_orders), *AS_OF_ARGS, "--lang", "en", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    line = next(l for l in result.stdout.splitlines() if "bad-value" in l)
    assert r"\x1b]52;c;ZXZpbA==\x07\x1b[2J" in line  # the reader sees what was in the cell


def test_weekly_workbook_and_text_survive_control_characters(tmp_path, hostile_orders):
    out = tmp_path / "weekly.xlsx"
    result = run_cli("weekly", str(hostile_orders), *AS_OF_ARGS, "--out", str(out), "--lang", "zh", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x01" not in result.stdout
    wb = openpyxl.load_workbook(out)
    cells = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(r"门锁\x01坏了\x1b]52" in v for v in cells)  # the open order is listed, its content legible


def test_a_reminders_plain_text_and_html_show_control_characters_escaped(tmp_path):
    register = _xlsxwriter_register(tmp_path / "投诉登记.xlsx", SHORT_COMPLAINT_HEADER, [[
        "TS2611001", datetime(2026, 11, 20, 9, 0), "刘伟", "13812345678", "3栋1201", f"楼上漏水{ESCAPES}", "设备设施",
        "chenxiao@example.com", "wangli@example.com", datetime(2026, 11, 25, 16, 0), None, None, None, None]])
    outbox = tmp_path / "outbox"
    result = run_cli("remind", str(register), "--as-of", REMIND_AS_OF, "--outbox", str(outbox), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    messages = [email.message_from_bytes(p.read_bytes(), policy=policy.default) for p in outbox.glob("*.eml")]
    assert messages
    for message in messages:
        for kind in ("plain", "html"):
            body = message.get_body(preferencelist=(kind,)).get_content()
            assert "\x1b" not in body and "\x07" not in body
            assert r"楼上漏水\x1b]52;c;ZXZpbA==\x07" in body
