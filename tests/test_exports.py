"""Exports of property-management software (issue #19, point 5): the list a 工单系统 exports to
Excel. 工单编号 numbered by the system (GD202611240003), 工单状态 (待派单 / 处理中 / 已完成 / 已关闭 /
已取消), 创建时间 (the receipt) … 关闭时间 (the close after the visit, not a return), 项目名称 (the
estate, not the content), 处理人, timestamps to the second, newest first.

The status says how far an order got; the numbers are no pre-printed forms, so their gaps are no
lost forms (the config may say otherwise); a paper register keeps behaving as before."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import openpyxl

from helpers import AS_OF, AS_OF_ARGS, good_order, records, run_cli, weekly_of, write_register
from toolkit.config import parse_config
from toolkit.registers.fields import PRINTED_FORMS, SYSTEM_NUMBERS
from toolkit.validate import read_registers

EXPORT_HEADER = [
    "工单编号", "项目名称", "工单类型", "工单状态", "报事人", "联系电话", "房屋", "报修内容", "创建时间", "派单时间",
    "接单时间", "完成时间", "处理人", "是否有偿", "费用（元）", "超时原因", "回访时间", "回访满意度", "关闭时间", "备注",
]


def stamp(moment: datetime | None) -> str | None:
    """A system's timestamp, as exports write it: text, to the second."""
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else None


def export_order(no: str, created: datetime, status: str = "已关闭", *, content: str = "卫生间花洒龙头漏水，需换阀芯",
                 dispatched: timedelta | None = timedelta(minutes=2, seconds=17),
                 accepted: timedelta | None = timedelta(minutes=4, seconds=41),
                 completed: timedelta | None = timedelta(hours=1, minutes=33, seconds=9),
                 visited: timedelta | None = timedelta(days=1, minutes=7, seconds=12),
                 handler: str | None = "何建", paid: str | None = "无偿", fee: str | None = "0.00",
                 **overrides) -> dict:
    """One row of the export; times after creation, each to the second."""
    at = lambda delta: stamp(created + delta) if delta is not None else None  # noqa: E731
    row = {
        "工单编号": no, "项目名称": "云杉苑", "工单类型": "户内维修", "工单状态": status, "报事人": "汪卫东",
        "联系电话": "18269012861", "房屋": "6幢1单元1302", "报修内容": content, "创建时间": stamp(created),
        "派单时间": at(dispatched), "接单时间": at(accepted), "完成时间": at(completed), "处理人": handler,
        "是否有偿": paid, "费用（元）": fee, "超时原因": None, "回访时间": at(visited),
        "回访满意度": "满意" if visited is not None else None,
        "关闭时间": at(visited + timedelta(seconds=40)) if visited is not None else None, "备注": None,
    }
    row.update(overrides)
    return row


def write_export(path, rows: list[dict], header=EXPORT_HEADER):
    """Header on row 1, no title, as a system writes its list."""
    return write_register(path, rows, header, sheet="工单列表", title=None)


def clean_export() -> list[dict]:
    """A month of orders newest first, every stage, numbered by the system with gaps between them."""
    return [
        export_order("GD202611250001", datetime(2026, 11, 25, 8, 41, 27), "待派单", dispatched=None, accepted=None,
                     completed=None, visited=None, handler=None, paid=None, fee=None),
        export_order("GD202611240019", datetime(2026, 11, 24, 17, 45, 51), "已完成", visited=None),
        export_order("GD202611240002", datetime(2026, 11, 24, 9, 20, 18), "处理中", completed=None, visited=None,
                     fee=None),
        export_order("GD202611200008", datetime(2026, 11, 20, 14, 12, 9), "处理中", completed=None, visited=None,
                     fee=None, **{"超时原因": "等待电梯厂家配件"}),
        export_order("GD202611190001", datetime(2026, 11, 19, 9, 30, 45), paid="有偿", fee="180.00"),
        export_order("GD202611100010", datetime(2026, 11, 10, 13, 22, 47), "已取消", accepted=None, completed=None,
                     visited=None, paid="有偿", fee=None, **{"备注": "业主来电取消"}),
        export_order("GD202611090003", datetime(2026, 11, 9, 9, 0, 5)),
        export_order("GD202611020004", datetime(2026, 11, 2, 9, 12, 33), paid="有偿", fee="60.00"),
    ]


def validate_json(tmp_path, *paths, config: str | None = None) -> dict:
    """`toolkit validate --format json` as a user runs it; the report read back."""
    out = tmp_path / "report.json"
    args = ["validate", *map(str, paths), *AS_OF_ARGS, "--format", "json", "--output", str(out), "--lang", "en"]
    if config is not None:
        (tmp_path / "toolkit.toml").write_text(config, encoding="utf-8")
        args += ["--config", str(tmp_path / "toolkit.toml")]
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def found(report: dict, rule: str | None = None) -> list[tuple[str | None, int, str]]:
    return [(f["record"], f["row"], f["rule"]) for f in report["findings"] if rule is None or f["rule"] == rule]


def letter(header_word: str, header=EXPORT_HEADER) -> str:
    return chr(ord("A") + header.index(header_word))


# ---- what the columns are ----------------------------------------------------------------------

def test_an_export_maps_as_its_headers_say_and_a_clean_one_has_no_finding(tmp_path):
    report = validate_json(tmp_path, write_export(tmp_path / "工单导出.xlsx", clean_export()))
    sheet = report["files"][0]["sheets"][0]
    columns = sheet["columns"]
    assert columns["status"] == letter("工单状态")
    assert columns["received_at"] == letter("创建时间")  # the order was created when the call came in
    assert columns["content"] == letter("报修内容")  # not 项目名称: the estate is no repair content
    assert columns["location"] == letter("房屋")
    assert columns["customer_name"] == letter("报事人")
    assert columns["repairer_signature"] == letter("处理人")  # the repairer where no column names one
    assert "returned_at" not in columns  # 关闭时间 closes after the visit: it is no return
    assert f"{letter('项目名称')}: 项目名称" in sheet["unmapped_columns"]
    assert f"{letter('关闭时间')}: 关闭时间" in sheet["unmapped_columns"]
    assert sheet["records"] == 8
    assert report["findings"] == []  # gaps in the numbers, newest first, every stage: nothing wrong


def test_the_estate_is_never_the_content_and_a_bare_project_only_when_nothing_better_is(tmp_path):
    for estate in ("项目名称", "所属项目", "小区名称", "项目"):
        header = [estate if h == "项目名称" else h for h in EXPORT_HEADER]
        rows = [{(estate if k == "项目名称" else k): v for k, v in row.items()} for row in clean_export()]
        path = write_export(tmp_path / f"{estate}.xlsx", rows, header)
        report = validate_json(tmp_path, path)
        assert report["files"][0]["sheets"][0]["columns"]["content"] == letter("报修内容", header), estate
        assert found(report, "content-too-brief") == [], estate
    # a paper register's 维修项目, or a bare 项目 with no content column beside it, is the content
    for name in ("维修项目", "项目"):
        header = [name if h == "报修内容" else h for h in ["单号", "报修时间", "报修地点", "报修内容", "客户姓名", "联系电话"]]
        path = write_register(tmp_path / f"paper-{name}.xlsx", [["WX2611001", datetime(2026, 11, 3, 9, 0), "3栋1201",
                                                                  "漏水", "刘伟", "13812345678"]], header)
        report = validate_json(tmp_path, path)
        assert report["files"][0]["sheets"][0]["columns"]["content"] == "D", name
        assert found(report, "content-too-brief") == [("WX2611001", 3, "content-too-brief")], name


def test_a_complaint_register_with_a_status_column_is_still_read_as_complaints(tmp_path):
    header = ["投诉编号", "投诉时间", "投诉人", "联系电话", "投诉内容", "处理状态", "责任部门", "答复时间"]
    path = write_register(tmp_path / "投诉.xlsx", [["TS2611001", datetime(2026, 11, 3, 9, 0), "刘伟", "13812345678",
                                                  "楼道灯坏了一周没人修", "处理中", "工程部", datetime(2026, 11, 3, 15, 0)]],
                          header, title="客户投诉登记表（2026年11月）")
    assert validate_json(tmp_path, path)["files"][0]["sheets"][0]["kind"] == "complaints"


# ---- the status says how far an order got ------------------------------------------------------

def test_a_cancelled_order_is_a_record_but_never_judged_for_a_repair_it_did_not_get(tmp_path):
    rows = [
        # dispatched, a handler named, never accepted or completed, paid with no fee, weeks old
        export_order("GD202611030001", datetime(2026, 11, 3, 10, 0, 6), "已取消", accepted=None, completed=None,
                     visited=None, paid="有偿", fee=None),
        export_order("GD202611030002", datetime(2026, 11, 3, 11, 0, 6), "已作废", accepted=None, completed=None,
                     visited=None, fee=None),
        # still a record: what it says of the call is judged
        export_order("GD202611030003", datetime(2026, 11, 3, 12, 0, 6), "已取消", accepted=None, completed=None,
                     visited=None, content="漏水", **{"联系电话": None}),
        # cancelled once dispatched: paid or free was settled when it was issued
        export_order("GD202611030004", datetime(2026, 11, 3, 13, 0, 6), "已取消", accepted=None, completed=None,
                     visited=None, paid=None, fee=None),
        # cancelled before dispatch: it was never issued
        export_order("GD202611030005", datetime(2026, 11, 3, 14, 0, 6), "已取消", dispatched=None, accepted=None,
                     completed=None, visited=None, handler=None, paid=None, fee=None),
    ]
    report = validate_json(tmp_path, write_export(tmp_path / "r.xlsx", rows))
    assert sorted(found(report)) == [
        ("GD202611030003", 4, "content-too-brief"), ("GD202611030003", 4, "missing-field"),
        ("GD202611030004", 5, "missing-field"),
    ]
    assert {f["field"] for f in report["findings"] if f["rule"] == "missing-field"} == {"customer_phone", "paid"}


def test_an_order_waiting_for_dispatch_misses_no_dispatch_and_no_paid_or_free_yet(tmp_path):
    rows = [
        export_order("GD202611250001", datetime(2026, 11, 25, 8, 41, 27), "待派单", dispatched=None, accepted=None,
                     completed=None, visited=None, handler=None, paid=None, fee=None),
        # two days waiting: open past 24 hours with no reason, like any unfinished order
        export_order("GD202611230001", datetime(2026, 11, 23, 8, 41, 27), "待派单", dispatched=None, accepted=None,
                     completed=None, visited=None, handler=None, paid=None, fee=None),
    ]
    report = validate_json(tmp_path, write_export(tmp_path / "r.xlsx", rows))
    assert found(report) == [("GD202611230001", 3, "missing-reason")]


def test_the_status_decides_dispatched_accepted_and_completed(tmp_path):
    created = datetime(2026, 11, 24, 9, 20, 18)
    rows = [
        # 处理中: accepted by engineering, so its sign-in time is missing
        export_order("GD202611240001", created, "处理中", accepted=None, completed=None, visited=None, fee=None),
        # 待接单 with a handler assigned: dispatched (time missing), not yet accepted
        export_order("GD202611240002", created, "待接单", dispatched=None, accepted=None, completed=None,
                     visited=None, fee=None),
        # 已完成 with no completion time, days ago: not unfinished; paid with no fee: missing-fee
        export_order("GD202611200001", datetime(2026, 11, 20, 9, 0, 4), "已完成", completed=None, visited=None,
                     paid="有偿", fee=None),
        # 已关闭: completed, visited and closed; paid with no fee
        export_order("GD202611190001", datetime(2026, 11, 19, 9, 0, 4), "已关闭", paid="有偿", fee=None),
        # 处理中 for days with no reason: still open
        export_order("GD202611180001", datetime(2026, 11, 18, 9, 0, 4), "处理中", completed=None, visited=None,
                     fee=None),
    ]
    report = validate_json(tmp_path, write_export(tmp_path / "r.xlsx", rows))
    by = {(f["record"], f["rule"]): f["field"] for f in report["findings"]}
    assert by == {
        ("GD202611240001", "missing-time"): "accepted_at",
        ("GD202611240002", "missing-time"): "dispatched_at",
        ("GD202611200001", "missing-fee"): "fee",
        ("GD202611190001", "missing-fee"): "fee",
        ("GD202611180001", "missing-reason"): "incomplete_reason",
    }


def test_the_weekly_list_of_unfinished_orders_leaves_out_cancelled_and_completed_ones(tmp_path):
    rows = [
        export_order("GD202611180001", datetime(2026, 11, 18, 9, 0, 4), "处理中", completed=None, visited=None,
                     fee=None),
        export_order("GD202611180002", datetime(2026, 11, 18, 10, 0, 4), "已取消", accepted=None, completed=None,
                     visited=None),
        export_order("GD202611180003", datetime(2026, 11, 18, 11, 0, 4), "已完成", completed=None, visited=None),
    ]
    path = write_export(tmp_path / "r.xlsx", rows)
    assert records(weekly_of([path]).sections.unfinished) == ["GD202611180001"]


def test_a_paper_register_without_a_status_is_judged_as_before(tmp_path):
    # a repairer signed, no sign-in time: engineering took it, the paper says so
    path = write_register(tmp_path / "r.xlsx", [good_order(), good_order(单号="WX2611002", 工程部接单时间=None)])
    report = validate_json(tmp_path, path)
    assert found(report) == [("WX2611002", 4, "missing-time")]
    assert read_registers([path], AS_OF, parse_config({}), "en").registers[0].records[1].status is None


# ---- whose numbers: lost forms or a system's gaps ------------------------------------------------

def test_gaps_in_an_exports_numbers_are_no_lost_forms_but_a_number_used_twice_still_counts(tmp_path):
    rows = clean_export()
    # the same number given again, to a later order (the export lists it higher up)
    rows.insert(1, export_order("GD202611190001", datetime(2026, 11, 24, 18, 30, 2), "已完成", visited=None))
    path = write_export(tmp_path / "r.xlsx", rows)
    report = validate_json(tmp_path, path)
    assert found(report) == [("GD202611190001", 3, "duplicate-number")]  # the later use, not the first
    register = read_registers([path], AS_OF, parse_config({}), "en").registers[0]
    assert register.numbering == SYSTEM_NUMBERS
    assert set(register.numbering_signs) == {"status_column", "dated_numbers", "seconds"}
    assert register.newest_first


def test_a_paper_register_with_the_same_gaps_still_reports_them(tmp_path):
    numbers = ["GD202611240001", "GD202611240002", "GD202611240005"]
    rows = [good_order(单号=no, 报修时间=datetime(2026, 11, 24, 9 + i, 0), 派单时间=datetime(2026, 11, 24, 9 + i, 2),
                       工程部接单时间=datetime(2026, 11, 24, 9 + i, 5), 完工时间=datetime(2026, 11, 24, 9 + i, 50),
                       返单时间=datetime(2026, 11, 24, 17, 0))
            for i, no in enumerate(numbers)]
    path = write_register(tmp_path / "r.xlsx", rows)
    report = validate_json(tmp_path, path)
    assert found(report) == [("GD202611240005", 5, "number-gap")]
    register = read_registers([path], AS_OF, parse_config({}), "en").registers[0]
    assert (register.numbering, register.numbering_signs) == (PRINTED_FORMS, ("dated_numbers",))
    assert not register.newest_first


def test_one_sign_alone_does_not_make_an_export(tmp_path):
    # a paper register with a status column (维修状态) and minutes: its gaps are lost forms
    header = ["单号", "报修时间", "报修地点", "报修内容", "客户姓名", "联系电话", "维修状态"]
    rows = [["WX2611001", datetime(2026, 11, 3, 9, 0), "3栋1201", "厨房水龙头漏水", "刘伟", "13812345678", "已完成"],
            ["WX2611004", datetime(2026, 11, 4, 9, 0), "3栋1202", "卫生间地漏堵塞", "王芳", "13812345679", "处理中"]]
    report = validate_json(tmp_path, write_register(tmp_path / "r.xlsx", rows, header))
    assert report["files"][0]["sheets"][0]["columns"]["status"] == "G"
    assert found(report, "number-gap") == [("WX2611004", 4, "number-gap")]


def test_the_config_overrules_the_judgement_both_ways(tmp_path):
    export = write_export(tmp_path / "export.xlsx", clean_export())
    paper = write_register(tmp_path / "paper.xlsx", [good_order(), good_order(单号="WX2611004")])
    always = validate_json(tmp_path, export, config='[validate]\nnumber_gaps = "always"\n')
    assert ("GD202611240019", 3, "number-gap") in found(always)
    never = validate_json(tmp_path, paper, config='[validate]\nnumber_gaps = "never"\n')
    assert found(never, "number-gap") == []
    assert found(validate_json(tmp_path, paper, config='[validate]\nnumber_gaps = "auto"\n'), "number-gap") == [
        ("WX2611004", 4, "number-gap")]
    (tmp_path / "toolkit.toml").write_text('[validate]\nnumber_gaps = "sometimes"\n', encoding="utf-8")
    wrong = run_cli("validate", str(paper), *AS_OF_ARGS, "--lang", "en", cwd=tmp_path)
    assert wrong.returncode != 0 and "number_gaps" in wrong.stderr


# ---- newest first --------------------------------------------------------------------------------

def test_newest_first_a_time_alone_takes_its_own_rows_date_never_the_row_above(tmp_path):
    rows = clean_export()
    # a dispatch typed as a time alone: the day of its own creation time
    rows[1]["派单时间"] = "17:48:03"
    # a row whose times are all times alone: no date to take, said so (not the date of the row above)
    rows[2].update({"创建时间": "09:20:18", "派单时间": "09:22:40", "接单时间": "09:25:11"})
    path = write_export(tmp_path / "r.xlsx", rows)
    report = validate_json(tmp_path, path)
    assert {(r, row, rule) for r, row, rule in found(report)} == {("GD202611240002", 4, "bad-value")}
    assert {f["field"] for f in report["findings"]} == {"received_at", "dispatched_at", "accepted_at"}
    assert all("has no date" in f["message"] for f in report["findings"])
    record = read_registers([path], AS_OF, parse_config({}), "en").registers[0].records[1]
    assert record.dispatched_at == datetime(2026, 11, 24, 17, 48, 3)


def test_an_export_kept_as_real_dates_is_read_the_same(tmp_path):
    rows = clean_export()
    for row in rows:
        for name in ("创建时间", "派单时间", "接单时间", "完成时间", "回访时间", "关闭时间"):
            if row[name]:
                row[name] = datetime.strptime(row[name], "%Y-%m-%d %H:%M:%S")
    path = write_export(tmp_path / "r.xlsx", rows)
    wb = openpyxl.load_workbook(path)
    for cells in wb.active.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
    wb.save(path)
    report = validate_json(tmp_path, path)
    assert report["findings"] == []
    assert read_registers([path], AS_OF, parse_config({}), "en").registers[0].numbering == SYSTEM_NUMBERS
