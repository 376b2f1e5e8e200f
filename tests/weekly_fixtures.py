"""Registers for the weekly tests: work orders and complaints around ISO week 2026-W47
(Monday 2026-11-16 00:00 up to Monday 2026-11-23 00:00), checked on the Monday morning after."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from conftest import WORK_ORDER_HEADER, write_register
from toolkit.config import Config
from toolkit.followup.week import Week
from toolkit.followup.weekly import WeeklyReport, build_weekly
from toolkit.validate import check, read_registers

W47 = Week(2026, 47)
MONDAY = datetime(2026, 11, 23, 8, 30)  # the clerk's Monday morning after W47
ORDER_HEADER = WORK_ORDER_HEADER + ["回访时间", "回访结果"]
COMPLAINT_HEADER = ["投诉编号", "投诉时间", "投诉人", "联系电话", "房号", "投诉内容", "投诉类别", "涉及人数", "首问责任人",
                    "责任人", "承诺答复时间", "答复时间", "处理结果", "回访时间", "回访结果", "结案时间"]


def order(no: str, received, *, handoff_min: int = 3, completed=None, engineer: str = "李工", repairer: str = "李明",
          paid: str = "无偿", fee=None, finance=None, reason=None, delay_reason=None, content: str = "厨房水龙头漏水",
          customer: str = "刘伟", phone: str = "13812345678", location: str = "3栋1201", visit_at=None, visit_result=None,
          returned=None, dispatched="same") -> dict:
    """A work order as the clerk writes it: dispatched two minutes after the call unless told otherwise."""
    from datetime import timedelta

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


def complaint(no: str, received, *, promised=None, replied=None, closed=None, people=None, category: str = "设备设施",
              content: str = "楼上漏水，卫生间天花板滴水", owner: str = "工程部", result=None, visit_at=None,
              visit_result=None, name: str = "陈静", phone: str = "13900001111") -> dict:
    return {"投诉编号": no, "投诉时间": received, "投诉人": name, "联系电话": phone, "房号": "5栋302",
            "投诉内容": content, "投诉类别": category, "涉及人数": people, "首问责任人": "王丽", "责任人": owner,
            "承诺答复时间": promised, "答复时间": replied, "处理结果": result, "回访时间": visit_at,
            "回访结果": visit_result, "结案时间": closed}


def orders_file(folder: Path, rows: list[dict], name: str = "维修登记.xlsx", header=None) -> Path:
    return write_register(folder / name, rows, header or ORDER_HEADER, title="维修工作单登记表（2026年11月）")


def complaints_file(folder: Path, rows: list[dict], name: str = "投诉登记.xlsx") -> Path:
    return write_register(folder / name, rows, COMPLAINT_HEADER, title="客户投诉登记表（2026年11月）")


def weekly_of(paths: list[Path], as_of: datetime = MONDAY, week: Week = W47, config: Config | None = None,
              history=()) -> WeeklyReport:
    """Read real registers and build the week, as `toolkit weekly` does (without the store)."""
    config = config or Config()
    read = read_registers(paths, as_of, config, "en")
    assert not read.unusable_files, [f.error for f in read.files]
    findings = check(read.registers, config, as_of, "en")
    return build_weekly(read.registers, findings, as_of, week, config.settings, history)


def records(items) -> list[str]:
    return [i.record for i in items]
