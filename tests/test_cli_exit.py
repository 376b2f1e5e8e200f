"""The way out of a run: the exit code says what was found, whoever stops reading the output."""

from __future__ import annotations

import os
import subprocess
import sys

import openpyxl
from helpers import WORK_ORDER_HEADER, good_order


def test_a_reader_that_stops_early_leaves_the_exit_code_and_stderr_as_they_were(tmp_path):
    """`toolkit validate … | head`: the report is cut short, the run still exits 1 (findings) and
    says nothing about the closed pipe (the run used to end in os._exit to keep it quiet)."""
    path = tmp_path / "broken.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("2026年11月")
    ws.append(WORK_ORDER_HEADER)
    for n in range(3000):  # a report far larger than a pipe's buffer
        ws.append([good_order(单号=f"WX26{n:07d}", 客户签字=None).get(h) for h in WORK_ORDER_HEADER])
    wb.save(path)
    for output in ("text", "json"):
        proc = subprocess.Popen([sys.executable, "-m", "toolkit", "validate", str(path), "--format", output,
                                 "--as-of", "2026-11-25 09:00"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env={**os.environ, "NO_COLOR": "1"})
        assert proc.stdout.read(200)
        proc.stdout.close()
        stderr = proc.stderr.read().decode()
        assert proc.wait(timeout=300) == 1, (output, stderr)
        assert stderr == "", output
