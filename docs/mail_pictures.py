"""The README's mail pictures, made from the messages as an SMTP server really received them.

    .venv/bin/python docs/mail_pictures.py

Runs `toolkit remind --send` (three complaints of 王丽's, two past their promised reply time)
and `toolkit weekly --send` (the sample registers of workbooks/, week 2026-W47) against an SMTP
server on 127.0.0.1 (aiosmtpd, the tests' tests/smtp_server.py), saves each message as the
server received it (in a temporary folder), renders its HTML part with
../shared/tools/render (headless Chromium, as a mail client shows it) and trims the blank page
below: docs/reminder-email.png, docs/weekly-digest-email.png (the supervisor's) and
docs/finance-digest-email.png (finance's part). The sender is named by [smtp] from_name.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import tempfile
import zlib
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]
RENDER = ROOT.parent / "shared" / "tools" / "render"

from helpers import short_complaint as complaint, short_complaints_file  # noqa: E402
from smtp_server import SmtpServer, smtp_config  # noqa: E402

FROM_NAME = 'from_name = "阳光花园客服中心"'


def _cli(*args: str, cwd: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "toolkit", *args], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)})
    if result.returncode != 0:
        raise SystemExit(f"toolkit {args[0]} exited {result.returncode}:\n{result.stdout}{result.stderr}")


def received_reminder(folder: Path) -> bytes:
    rows = [complaint("TS2611003", datetime(2026, 11, 23, 17, 0), name="周敏", content="楼上装修噪音，晚上十点后仍在施工"),
            complaint("TS2611007", datetime(2026, 11, 25, 9, 0), name="孙浩", content="地下车库照明多处不亮"),
            complaint("TS2611009", datetime(2026, 11, 25, 16, 0), name="刘伟", content="物业费账单金额与合同不符")]
    for row, room in zip(rows, ("5栋302", "2栋1101", "3栋1201")):
        row["房号"] = room
        row["首问责任人"] = "王丽"
    register = short_complaints_file(folder, rows, name="投诉登记-2026.xlsx", title="客户投诉登记表（2026年11月）")
    with SmtpServer() as server:
        (folder / "toolkit.toml").write_text(smtp_config(server.port, people={"王丽": "wangli@example.com"},
                                                         smtp_extra=FROM_NAME), encoding="utf-8")
        _cli("remind", register.name, "--as-of", "2026-11-25 10:00", "--send", "--lang", "zh", cwd=folder)
        return next(m.raw for m in server.received if m.recipients == ["wangli@example.com"])


def received_digests(folder: Path) -> dict[str, bytes]:
    """The week's digests as received: recipient → the message."""
    with SmtpServer() as server:
        (folder / "toolkit.toml").write_text(
            smtp_config(server.port, smtp_extra=FROM_NAME,
                        extra='\n[weekly]\nto = ["supervisor@example.com"]\nfinance = ["finance@example.com"]\n'),
            encoding="utf-8")
        _cli("weekly", str(ROOT / "workbooks"), "--as-of", "2026-11-23 08:30", "--week", "2026-W47", "--send",
             "--lang", "zh", cwd=folder)
        return {m.recipients[0]: m.raw for m in server.received}


def received_digest(folder: Path) -> bytes:
    return received_digests(folder)["supervisor@example.com"]


def received_finance_digest(folder: Path) -> bytes:
    return received_digests(folder)["finance@example.com"]


def trim_png(path: Path, margin: int = 12) -> None:
    """Cut the blank (white) rows under the message: Chromium shoots a fixed 900 × 1600 page."""
    data = path.read_bytes()
    pos, chunks = 8, []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunks.append((kind, data[pos + 8:pos + 8 + length]))
        pos += 12 + length
    head = next(body for kind, body in chunks if kind == b"IHDR")
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", head)
    channels = {2: 3, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        return  # not the kind Chromium writes: left as it is
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], (prev[i - channels] if i >= channels else 0)
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    white = bytes([255] * stride)
    last = max((y for y, line in enumerate(rows) if line != white), default=height - 1)
    keep = min(height, last + 1 + margin)
    body = zlib.compress(b"".join(b"\0" + line for line in rows[:keep]), 9)

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    header = struct.pack(">IIBBBBB", width, keep, 8, colour, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b""))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name, make in (("reminder-email", received_reminder), ("weekly-digest-email", received_digest),
                           ("finance-digest-email", received_finance_digest)):
            folder = tmp / name
            folder.mkdir()
            eml = tmp / f"{name}.eml"
            eml.write_bytes(make(folder))
            out = tmp / "png"
            subprocess.run([sys.executable, str(RENDER), str(out), str(eml)], check=True, capture_output=True)
            png = out / f"{name}.png"
            trim_png(png)
            (ROOT / "docs" / f"{name}.png").write_bytes(png.read_bytes())
            print(f"docs/{name}.png from the message as received ({eml.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
