"""Fixtures: real .xlsx registers built with openpyxl in tmp_path, and the CLI run in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import shutil

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
IN_CI = os.environ.get("CI") == "true"


# Tests that need what a newcomer's clone may lack: they skip with the reason there, and fail
# under CI=true, where ../shared is beside the clone and .ci/run installs LibreOffice.
def pytest_configure(config):
    config.addinivalue_line("markers", "requires_corpus: needs ../shared/corpus beside the checkout")
    config.addinivalue_line("markers", "requires_soffice: needs LibreOffice (soffice) on PATH")


def _lacking(item) -> str | None:
    if item.get_closest_marker("requires_corpus") and not CORPUS.is_dir():
        return f"{CORPUS} is absent: ../shared/corpus is not beside this checkout"
    if item.get_closest_marker("requires_soffice") and not soffice():
        return "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"
    return None


def soffice() -> str | None:
    """LibreOffice's command, for the tests marked requires_soffice."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def pytest_runtest_setup(item):
    reason = _lacking(item)
    if reason:
        if IN_CI:
            pytest.fail(f"{reason} (under CI=true this is a failure, not a skip)", pytrace=False)
        pytest.skip(reason)
AS_OF = datetime(2026, 11, 25, 9, 0)

# The canonical single-row header of a work-order register, in the order clerks keep it.
WORK_ORDER_HEADER = [
    "单号", "报修时间", "派单时间", "报修地点", "报修内容", "客户姓名", "联系电话", "有偿/无偿",
    "工程部接单时间", "接单人", "维修人员签字", "完工时间", "客户签字", "费用(元)", "延误原因",
    "未完成原因", "返单时间", "返单签收人", "特殊批示", "财务签收",
]


def good_order(**overrides) -> dict:
    """A complete, returned, correct work order as a header → value dict."""
    order = {
        "单号": "WX2611001", "报修时间": datetime(2026, 11, 3, 14, 0), "派单时间": datetime(2026, 11, 3, 14, 2),
        "报修地点": "3栋1201", "报修内容": "厨房水龙头漏水", "客户姓名": "刘伟", "联系电话": "13812345678",
        "有偿/无偿": "有偿", "工程部接单时间": datetime(2026, 11, 3, 14, 5), "接单人": "李工",
        "维修人员签字": "李明", "完工时间": datetime(2026, 11, 3, 16, 0), "客户签字": "刘伟", "费用(元)": 120,
        "延误原因": None, "未完成原因": None, "返单时间": datetime(2026, 11, 3, 17, 0), "返单签收人": "王丽",
        "特殊批示": None, "财务签收": "赵会计",
    }
    order.update(overrides)
    return order


def write_register(path: Path, rows: list[dict] | list[list], header: list[str] | None = None, *,
                   sheet: str = "2026年11月", title: str | None = "××物业服务中心维修工作单登记表（2026年11月）",
                   footer: bool = False, workbook: openpyxl.Workbook | None = None) -> Path:
    """Write a register sheet: optional merged title row, the header, the rows, optional totals and footer."""
    header = header or WORK_ORDER_HEADER
    wb = workbook or openpyxl.Workbook()
    if workbook is None:
        ws = wb.active
        ws.title = sheet
    else:
        ws = wb.create_sheet(sheet)
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    for row in rows:
        ws.append([row.get(h) for h in header] if isinstance(row, dict) else row)
    if footer:
        ws.append(["合计"] + [None] * (len(header) - 1))
        ws.append(["制表人：王丽", None, None, "审核：张强"])
    wb.save(path)
    return path


@pytest.fixture
def register(tmp_path):
    """register(rows, header=None, **kw) → path of a fresh one-sheet register in tmp_path."""
    counter = iter(range(10_000))

    def make(rows, header=None, **kw):
        return write_register(tmp_path / f"register{next(counter)}.xlsx", rows, header, **kw)

    return make


def hits(report, rule):
    """The findings of one rule in a report."""
    return [f for f in report.findings if f.rule == rule]


def only(report, rule):
    """The one finding of a rule (it fails when there are none or several)."""
    found = hits(report, rule)
    assert len(found) == 1, report.findings
    return found[0]


def sheet(report, index=0):
    """A sheet of the first file's report."""
    return report.files[0].sheets[index]


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, input: str | None = None):
    """Run the installed CLI in a subprocess, as a user would."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True, text=True,
                          cwd=cwd, env=full_env, input=input, timeout=300)
