"""Damaging real registers the way the field does (a flipped bit, a broken zip directory, a cell
written far outside any sheet), and running the CLI over them as a user would: each file named
alone, and inside a folder between good registers with one and two worker processes."""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from helpers import AS_OF_ARGS, TOOLKIT, good_order, write_register  # noqa: E402


def good_registers(folder: Path) -> list[Path]:
    """Two good registers, each with one real defect the run must still report."""
    folder.mkdir(parents=True, exist_ok=True)
    return [write_register(folder / "a-good.xlsx", [good_order(), good_order(单号="WX2611002", 客户签字=None)]),
            write_register(folder / "z-good.xlsx", [good_order(单号="WX2611009", 维修人员签字=None)])]


GOOD_FINDINGS = {"a-good.xlsx": ["M4"], "z-good.xlsx": ["K3"]}


def register_bytes(tmp: Path) -> bytes:
    return write_register(tmp / "source.xlsx", [good_order(), good_order(单号="WX2611002")]).read_bytes()


def _entries(data: bytes):
    """(central directory offset, name, local header offset, compressed size) of each entry."""
    at = data.find(b"PK\x01\x02")
    while at != -1:
        size, name_len = struct.unpack_from("<I", data, at + 20)[0], struct.unpack_from("<H", data, at + 28)[0]
        offset = struct.unpack_from("<I", data, at + 42)[0]
        yield at, data[at + 46:at + 46 + name_len].decode(), offset, size
        at = data.find(b"PK\x01\x02", at + 4)


def _member_data(data: bytes, member: str) -> tuple[int, int]:
    """Where a member's compressed bytes lie in the file."""
    for _, name, offset, size in _entries(data):
        if name == member:
            name_len, extra_len = struct.unpack_from("<HH", data, offset + 26)
            start = offset + 30 + name_len + extra_len
            return start, start + size
    raise KeyError(member)


def flip_inflate(data: bytes, member: str) -> bytes:
    """A bit flipped inside a member's deflated bytes, where inflating it then raises zlib.error."""
    start, end = _member_data(data, member)
    for at in range(start, end):
        damaged = bytearray(data)
        damaged[at] ^= 0xFF
        try:
            zlib.decompressobj(-15).decompress(bytes(damaged[start:end]))
        except zlib.error:
            return bytes(damaged)
    raise AssertionError(f"no single byte of {member} makes inflating fail")


def patch_central(data: bytes, member: str, offset: int, value: bytes) -> bytes:
    """One field of a member's central directory record overwritten (offset from its signature)."""
    damaged = bytearray(data)
    for at, name, *_ in _entries(data):
        if name == member:
            damaged[at + offset:at + offset + len(value)] = value
            return bytes(damaged)
    raise KeyError(member)


def rewrite_sheet(data: bytes, tmp: Path, change, member: str = "xl/worksheets/sheet1.xml") -> bytes:
    """The package again, one part's XML changed by ``change(xml) -> xml``."""
    src, out = tmp / "in.xlsx", tmp / "out.xlsx"
    src.write_bytes(data)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            xml = zin.read(info)
            zout.writestr(info, change(xml) if info.filename == member else xml)
    return out.read_bytes()


def documented_messages() -> list[str]:
    """The stable start of every input error message (the README lists each)."""
    from toolkit.i18n import _TEXT

    return [re.split(r"[{;(]", en)[0].rstrip(" :") for key, (_, en) in _TEXT.items() if key.startswith("err.")]


def assert_one_documented_line(message: str | None, *expected: str) -> None:
    assert message, "the file has no error"
    assert "\n" not in message and "Traceback" not in message, message
    assert any(message.startswith(m) for m in documented_messages()), f"not a documented message: {message}"
    for words in expected:
        assert words in message, message


def assert_clean_stderr(stderr: str) -> None:
    """Nothing but what the toolkit itself says: no traceback, no panic or abort report of the engine."""
    for word in ("Traceback", "panicked", "stack backtrace", "memory allocation", "internal error"):
        assert word not in stderr, stderr[-2000:]


def run_json(*args: str, timeout: float = 300, preexec=None):
    """``toolkit validate ARGS --format json``: the result and the report (there must be one)."""
    result = subprocess.run([*TOOLKIT, "validate", *args, *AS_OF_ARGS,
                             "--format", "json", "--lang", "en"], capture_output=True, text=True,
                            timeout=timeout, preexec_fn=preexec, env={**os.environ, "NO_COLOR": "1"})
    assert_clean_stderr(result.stderr)
    assert result.stdout, f"no report at all (exit {result.returncode}): {result.stderr[-2000:]}"
    return result, json.loads(result.stdout)


def by_name(report: dict) -> dict[str, dict]:
    return {Path(f["path"]).name: f for f in report["files"]}


def findings_of(report: dict, name: str) -> list[str]:
    return [f["cell"] for f in report["findings"] if Path(f["path"]).name == name]


def file_or_sheet_error(entry: dict) -> str | None:
    """The file's one line: its own error, or the error of its one unreadable sheet."""
    if entry["error"]:
        return entry["error"]
    errors = [s["error"] for s in entry["sheets"] if s["error"]]
    assert len(errors) <= 1, errors
    return errors[0] if errors else None


def check_folder_run(folder: Path, bad: dict[str, tuple[str, ...]], jobs: int, timeout: float = 300,
                     preexec=None, good: dict[str, list[str]] | None = None) -> dict:
    """Run the folder with ``jobs`` workers: exit 2, every bad file its one documented line (with
    the words given), every good register its findings (``good``: more of them), and no file lost."""
    good = {**GOOD_FINDINGS, **(good or {})}
    result, report = run_json(str(folder), "--jobs", str(jobs), timeout=timeout, preexec=preexec)
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    files = by_name(report)
    for name, cells in good.items():
        assert files[name]["error"] is None and findings_of(report, name) == cells, (name, files[name])
    for name, words in bad.items():
        assert_one_documented_line(file_or_sheet_error(files[name]), *words)
        assert findings_of(report, name) == [], name
    assert set(files) == set(good) | set(bad), sorted(files)
    return report


def check_alone(path: Path, *words: str, timeout: float = 300, preexec=None) -> dict:
    """The file named alone (read in the main process): exit 2 and its one documented line."""
    result, report = run_json(str(path), timeout=timeout, preexec=preexec)
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    (entry,) = report["files"]
    assert_one_documented_line(file_or_sheet_error(entry), *words)
    return report
