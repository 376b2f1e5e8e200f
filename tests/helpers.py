"""What the tests share: real .xlsx registers built with openpyxl, the CLI run in a subprocess as
a user runs it, and the library call `toolkit validate` makes. Test files import from here (and
from smtp_server.py, xlsx_dressed.py), never from each other or from conftest.py, which holds
only pytest's hooks and fixtures."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl

from toolkit.config import Config, parse_config
from toolkit.followup.week import Week
from toolkit.followup.weekly import WeeklyReport, build_weekly
from toolkit.validate import check as check_registers, read_registers, validate

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"  # real spreadsheets, never copied into the repository

# The check time of the validation tests, and the same on the command line.
AS_OF = datetime(2026, 11, 25, 9, 0)
AS_OF_ARGS = ["--as-of", AS_OF.strftime("%Y-%m-%d %H:%M")]
# The reminder run of that morning, an hour later.
REMIND_AS_OF = "2026-11-25 10:00"

# The CLI as a user starts it, for the tests that need the process itself (to kill it, to give it
# a terminal); the others use run_cli.
TOOLKIT = [sys.executable, "-m", "toolkit"]


def soffice() -> str | None:
    """LibreOffice's command, for the tests marked requires_soffice."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, input: str | None = None,
            umask: int | None = None) -> subprocess.CompletedProcess:
    """Run the installed CLI in a subprocess, as a user would (under ``umask`` when given)."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run([*TOOLKIT, *args], capture_output=True, text=True, cwd=cwd, env=full_env, input=input,
                          timeout=300, preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)


def check(*paths, config: Config | None = None, lang: str = "en", as_of: datetime = AS_OF):
    """The report `toolkit validate` makes of these files (default config, English)."""
    return validate(list(paths), as_of, config or parse_config({}), lang)


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


# ---- work orders ----------------------------------------------------------------------------------

# The canonical single-row header of a work-order register, in the order clerks keep it.
WORK_ORDER_HEADER = [
    "单号", "报修时间", "派单时间", "报修地点", "报修内容", "客户姓名", "联系电话", "有偿/无偿",
    "工程部接单时间", "接单人", "维修人员签字", "完工时间", "客户签字", "费用(元)", "延误原因",
    "未完成原因", "返单时间", "返单签收人", "特殊批示", "财务签收",
]
# The same with the return-visit columns a site adds after it, which the weekly follow-up reads.
WORK_ORDER_HEADER_WITH_VISITS = WORK_ORDER_HEADER + ["回访时间", "回访结果"]


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


# ---- complaints: three registers, as sites keep them ------------------------------------------------

COMPLAINT_TITLE = "××物业服务中心客户投诉登记表（2026年11月）"

# The canonical header of a complaint register, columns A … Q: the department responsible
# (责任部门), the people involved and media exposure or lawsuit (which make a complaint major).
COMPLAINT_HEADER = [
    "投诉编号", "投诉时间", "投诉人", "联系电话", "房号", "投诉内容", "投诉类别", "涉及人数", "曝光/诉讼",
    "首问责任人", "责任部门", "承诺答复时间", "答复时间", "处理结果", "回访时间", "回访结果", "结案时间",
]
# A register naming whoever is responsible (责任人) instead of a department, with the people
# involved and the return visit, without the exposure column: what the weekly follow-up counts.
WEEKLY_COMPLAINT_HEADER = [
    "投诉编号", "投诉时间", "投诉人", "联系电话", "房号", "投诉内容", "投诉类别", "涉及人数", "首问责任人",
    "责任人", "承诺答复时间", "答复时间", "处理结果", "回访时间", "回访结果", "结案时间",
]
# A short register naming whoever is responsible (责任人), with no people count, exposure or visit
# time: the columns a reminder needs and little more.
SHORT_COMPLAINT_HEADER = [
    "投诉编号", "投诉时间", "投诉人", "联系电话", "房号", "投诉内容", "投诉类别", "首问责任人",
    "责任人", "承诺答复时间", "答复时间", "处理结果", "回访结果", "结案时间",
]


def good_complaint(**overrides) -> dict:
    """A complaint handled to the end: answered before the promise, visited, satisfied, closed
    (COMPLAINT_HEADER's columns)."""
    complaint = {
        "投诉编号": "TS2611001", "投诉时间": datetime(2026, 11, 10, 9, 30), "投诉人": "刘伟",
        "联系电话": "13812345678", "房号": "3栋1201", "投诉内容": "楼上装修噪音过大，中午也在施工",
        "投诉类别": "管理服务", "涉及人数": 1, "曝光/诉讼": None, "首问责任人": "王丽", "责任部门": "秩序部",
        "承诺答复时间": datetime(2026, 11, 12, 17, 0), "答复时间": datetime(2026, 11, 12, 10, 0),
        "处理结果": "已约谈装修户，限定施工时间", "回访时间": datetime(2026, 11, 14, 15, 0), "回访结果": "满意",
        "结案时间": datetime(2026, 11, 14, 16, 0),
    }
    complaint.update(overrides)
    return complaint


def open_complaint(**overrides) -> dict:
    """Received yesterday, reply promised for tomorrow afternoon; not answered yet."""
    return good_complaint(**{
        "投诉时间": datetime(2026, 11, 24, 10, 0), "承诺答复时间": datetime(2026, 11, 26, 17, 0),
        "答复时间": None, "处理结果": None, "回访时间": None, "回访结果": None, "结案时间": None, **overrides,
    })


def short_complaint(no, promised, *, owner="王丽", handler="陈晓", replied=None, closed=None,
                    content="楼上漏水，卫生间天花板滴水", people=None, name="刘伟") -> dict:
    """A complaint of 2026-11-20 09:00 with its reply promised at ``promised`` (SHORT_COMPLAINT_HEADER's
    columns): ``handler`` took it (首问责任人), ``owner`` is responsible (责任人)."""
    return {"投诉编号": no, "投诉时间": datetime(2026, 11, 20, 9, 0), "投诉人": name, "联系电话": "13812345678",
            "房号": "3栋1201", "投诉内容": content, "投诉类别": "设备设施", "首问责任人": handler, "责任人": owner,
            "承诺答复时间": promised, "答复时间": replied, "处理结果": None, "回访结果": None, "结案时间": closed}


# The owner and the first handler of a short_complaint, unless told otherwise.
OWNER_AND_HANDLER = {"王丽": "wangli@example.com", "陈晓": "chenxiao@example.com"}


def short_complaints_file(folder: Path, rows: list[dict], name: str = "投诉登记.xlsx",
                          title: str | None = "投诉登记表（2026年11月）") -> Path:
    return write_register(folder / name, rows, SHORT_COMPLAINT_HEADER, title=title)


# ---- the week: ISO week 2026-W47 (Monday 2026-11-16 00:00 up to Monday 2026-11-23 00:00) -------------

W47 = Week(2026, 47)
MONDAY = datetime(2026, 11, 23, 8, 30)  # the clerk's Monday morning after W47


def order(no: str, received, *, handoff_min: int = 3, completed=None, engineer: str = "李工", repairer: str = "李明",
          paid: str = "无偿", fee=None, finance=None, reason=None, delay_reason=None, content: str = "厨房水龙头漏水",
          customer: str = "刘伟", phone: str = "13812345678", location: str = "3栋1201", visit_at=None, visit_result=None,
          returned=None, dispatched="same") -> dict:
    """A work order as the clerk writes it (WORK_ORDER_HEADER_WITH_VISITS): dispatched two minutes
    after the call unless told otherwise."""
    if dispatched == "same":
        dispatched = received + timedelta(minutes=2) if isinstance(received, datetime) else received
    accepted = dispatched + timedelta(minutes=handoff_min) if isinstance(dispatched, datetime) else None
    done = completed is not None
    return {
        "单号": no, "报修时间": received, "派单时间": dispatched, "报修地点": location, "报修内容": content,
        "客户姓名": customer, "联系电话": phone, "有偿/无偿": paid, "工程部接单时间": accepted, "接单人": engineer,
        "维修人员签字": repairer if done else None, "完工时间": completed, "客户签字": customer if done else None,
        "费用(元)": fee, "延误原因": delay_reason, "未完成原因": reason, "返单时间": returned,
        "返单签收人": "王丽" if returned else None, "特殊批示": None, "财务签收": finance,
        "回访时间": visit_at, "回访结果": visit_result,
    }


def weekly_complaint(no: str, received, *, promised=None, replied=None, closed=None, people=None,
                     category: str = "设备设施", content: str = "楼上漏水，卫生间天花板滴水", owner: str = "工程部",
                     result=None, visit_at=None, visit_result=None, name: str = "陈静",
                     phone: str = "13900001111") -> dict:
    """A complaint in WEEKLY_COMPLAINT_HEADER's columns."""
    return {"投诉编号": no, "投诉时间": received, "投诉人": name, "联系电话": phone, "房号": "5栋302",
            "投诉内容": content, "投诉类别": category, "涉及人数": people, "首问责任人": "王丽", "责任人": owner,
            "承诺答复时间": promised, "答复时间": replied, "处理结果": result, "回访时间": visit_at,
            "回访结果": visit_result, "结案时间": closed}


def orders_file(folder: Path, rows: list[dict], name: str = "维修登记.xlsx", header=None) -> Path:
    return write_register(folder / name, rows, header or WORK_ORDER_HEADER_WITH_VISITS,
                          title="维修工作单登记表（2026年11月）")


def complaints_file(folder: Path, rows: list[dict], name: str = "投诉登记.xlsx") -> Path:
    return write_register(folder / name, rows, WEEKLY_COMPLAINT_HEADER, title="客户投诉登记表（2026年11月）")


def week_registers(folder: Path) -> tuple[Path, Path]:
    """The work orders and complaints of W47 the weekly mail tests send: two orders unfinished
    (one with HTML-like text), one paid and completed, one complaint overdue."""
    orders = orders_file(folder, [
        order("WX2611001", datetime(2026, 11, 20, 10, 0), reason="等配件"),
        order("WX2611002", datetime(2026, 11, 18, 9, 0), content="<b>卫生间</b> & 厨房漏水"),
        order("WX2611003", datetime(2026, 11, 18, 9, 0), completed=datetime(2026, 11, 18, 11, 0), paid="有偿",
              fee="¥120"),
    ])
    complaints = complaints_file(folder, [weekly_complaint("TS2611001", datetime(2026, 11, 17, 9, 0),
                                                           promised=datetime(2026, 11, 20, 17, 0))])
    return orders, complaints


def run_weekly(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """`toolkit weekly` on the week_registers of this folder, on MONDAY, for W47."""
    return run_cli("weekly", str(folder / "维修登记.xlsx"), str(folder / "投诉登记.xlsx"),
                   "--as-of", MONDAY.strftime("%Y-%m-%d %H:%M"), "--week", str(W47), *args, cwd=folder)


def weekly_of(paths: list[Path], as_of: datetime = MONDAY, week: Week = W47, config: Config | None = None,
              history=()) -> WeeklyReport:
    """Read real registers and build the week, as `toolkit weekly` does (without the store)."""
    config = config or Config()
    read = read_registers(paths, as_of, config, "en")
    assert not read.unusable_files, [f.error for f in read.files]
    findings = check_registers(read.registers, config, as_of, "en")
    return build_weekly(read.registers, findings, as_of, week, config.settings, history)


def records(items) -> list[str]:
    return [i.record for i in items]
