"""Which rows of a register are orders, and which month a sheet is about, as sites really
keep them: one sheet per month, pre-numbered forms with formula columns, signature footers
in many shapes, an order written over two rows."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime

import openpyxl
import pytest
from helpers import AS_OF, WORK_ORDER_HEADER, good_order, write_register

from toolkit.config import parse_config
from toolkit.registers.reader import read_workbook, sheet_anchor
from toolkit.validate import validate


def check(path, as_of=AS_OF):
    return validate([path], as_of, parse_config({}), "en")


def skipped(report, sheet=0):
    return [(s.row, s.reason) for s in report.files[0].sheets[sheet].skipped_rows]


# ---- the month a sheet is about -----------------------------------------------------------------

def test_monthly_sheets_take_the_year_their_title_gives(tmp_path):
    """Sheets 1月…5月 of a workbook titled 2026: text dates without a year are 2026's, not next year's."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    path = tmp_path / "维修登记.xlsx"
    for month in range(1, 6):
        write_register(path, [good_order(单号=f"WX26{month:02d}001", **{
            "报修时间": f"{month}月3日 14:00", "派单时间": f"{month}月3日 14:02", "工程部接单时间": f"{month}月3日 14:05",
            "完工时间": f"{month}月3日 16:00", "返单时间": f"{month}月3日 17:00"})],
            sheet=f"{month}月", title=f"锦绣家园维修工作单登记表（2026年{month}月）", workbook=wb)
    report = check(path)
    assert report.findings == []
    workbook = read_workbook(path, AS_OF)
    assert [reg.records[0].received_at for reg in workbook.registers] == [
        datetime(2026, month, 3, 14, 0) for month in range(1, 6)]


@pytest.mark.parametrize("name, title, as_of, expected", [
    ("5月", "维修登记表（2026年5月）", AS_OF, (2026, 5)),
    ("1月", "2025年度维修工作单", AS_OF, (2025, 1)),  # a year in the title, without its month
    ("Sheet1", "2025年12月维修登记", AS_OF, (2025, 12)),
    ("2026.10", "", AS_OF, (2026, 10)),
    # a month alone: the latest such month up to the month after the check
    ("1月", "", AS_OF, (2026, 1)),
    ("5月", "", AS_OF, (2026, 5)),
    ("12月", "", AS_OF, (2026, 12)),  # next month's sheet, set up ahead
    ("12月", "", datetime(2027, 1, 10), (2026, 12)),
    ("2月", "", datetime(2027, 1, 10), (2027, 2)),
    ("3月", "", datetime(2027, 1, 10), (2026, 3)),
])
def test_a_sheet_is_about_the_month_its_name_or_title_gives(name, title, as_of, expected):
    anchor = sheet_anchor(name, title, as_of)
    assert (anchor.year, anchor.month) == expected


# ---- pre-numbered forms ---------------------------------------------------------------------

HEADER_WITH_HOURS = WORK_ORDER_HEADER + ["处理时长(小时)"]


def _prenumbered(path, cached: str | None):
    """Two orders, then forms numbered in advance with a duration formula filled down the sheet."""
    rows = [good_order(单号=f"WX261100{i}") for i in (1, 2)]
    rows += [{"单号": f"WX261100{i}"} for i in range(3, 9)]
    write_register(path, rows, HEADER_WITH_HOURS)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for r in range(3, 3 + len(rows)):
        ws.cell(r, len(HEADER_WITH_HOURS), f"=(L{r}-B{r})*24")
    wb.save(path)
    if cached is not None:  # as Excel saves it: each formula with its last computed value
        with zipfile.ZipFile(path) as zf:
            parts = {n: zf.read(n) for n in zf.namelist()}
        sheet = parts["xl/worksheets/sheet1.xml"].decode()
        sheet, n = re.subn(r"(<f>[^<]*</f>)(?:<v\s*/>|<v></v>)?", rf"\1<v>{cached}</v>", sheet)
        assert n == len(rows)
        parts["xl/worksheets/sheet1.xml"] = sheet.encode()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in parts.items():
                zf.writestr(name, data)
    return path


@pytest.mark.parametrize("cached", [None, "0"], ids=["never-calculated", "calculated-by-excel"])
def test_forms_numbered_in_advance_stay_skipped_when_a_formula_column_runs_down_the_sheet(tmp_path, cached):
    report = check(_prenumbered(tmp_path / "预填单号.xlsx", cached))
    assert report.files[0].sheets[0].records == 2
    assert skipped(report) == [(r, "number_only") for r in range(5, 11)]
    assert not [f for f in report.findings if f.rule != "uncalculated-formula"]


def test_a_formula_does_not_hide_an_order_the_clerk_started(tmp_path):
    path = _prenumbered(tmp_path / "预填单号.xlsx", "0")
    wb = openpyxl.load_workbook(path)
    wb.active.cell(5, WORK_ORDER_HEADER.index("报修内容") + 1, "卫生间下水道堵塞")  # WX2611003 begun
    wb.save(path)
    report = check(path)
    assert report.files[0].sheets[0].records == 3
    assert {f.record for f in report.findings if f.rule == "missing-field"} == {"WX2611003"}


# ---- signature footers --------------------------------------------------------------------------

FOOTERS = {
    "label and name in one cell, a date alone": {1: "制表人：张敏", 6: "审核人：李强", 11: "2026年11月30日"},
    "label and name in separate cells": {1: "制表人", 2: "张敏", 6: "审核人", 7: "李强"},
    "roles of the service centre": {2: "客服主管：王丽", 7: "服务中心负责人："},
    "a date label with the date beside it": {1: "填表人：张敏", 9: "填表日期：", 10: "2026.11.30"},
    "an Excel date beside the label": {1: "制表：张敏", 12: "日期", 13: datetime(2026, 11, 30)},
    "one cell": {1: "制表：张敏      审核：李强      日期：2026.11.30"},
}


@pytest.mark.parametrize("cells", FOOTERS.values(), ids=FOOTERS.keys())
def test_a_signature_footer_in_any_usual_shape_is_not_an_order(tmp_path, cells):
    path = write_register(tmp_path / "页脚.xlsx", [good_order(单号="WX2611001"), good_order(单号="WX2611002")])
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.cell(5, 1, "合计")
    for column, value in cells.items():
        ws.cell(7, column, value)
    wb.save(path)
    report = check(path)
    assert report.files[0].sheets[0].records == 2
    assert skipped(report) == [(5, "total"), (6, "blank"), (7, "footer")]
    assert report.findings == []


def test_an_order_whose_content_starts_with_a_footer_word_is_still_an_order(register):
    report = check(register([good_order(报修内容="审核电表读数，电表不走字"),
                             good_order(单号="WX2611002", 报修内容="复核", 客户姓名="张敏", 联系电话=None)]))
    assert report.files[0].sheets[0].records == 2
    assert [(f.record, f.rule, f.field) for f in report.findings] == [
        ("WX2611002", "content-too-brief", "content"), ("WX2611002", "missing-field", "customer_phone")]


def test_an_order_with_few_cells_filled_is_still_an_order(register):
    report = check(register([good_order(), {"单号": "WX2611002", "报修地点": "5栋302", "客户姓名": "王芳"}]))
    assert report.files[0].sheets[0].records == 2
    assert {(f.record, f.field) for f in report.findings if f.rule == "missing-field"} == {
        ("WX2611002", "content"), ("WX2611002", "customer_phone"), ("WX2611002", "paid")}


# ---- one order over two rows --------------------------------------------------------------------

def test_an_order_written_over_two_rows_with_its_number_merged_is_one_order(tmp_path):
    header = WORK_ORDER_HEADER + ["备注"]
    path = write_register(tmp_path / "一单两行.xlsx", [])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2026年11月"
    ws.append(["××物业服务中心维修工作单登记表（2026年11月）"])
    ws.append(header)
    remarks = header.index("备注") + 1
    row = 3
    for number in ("WX2611001", "WX2611002"):
        order = good_order(单号=number, 备注="更换阀芯")
        for column, name in enumerate(header, 1):
            ws.cell(row, column, order.get(name))
        ws.cell(row + 1, remarks, "已试水正常")
        for column in range(1, len(header) + 1):
            if column != remarks:
                ws.merge_cells(start_row=row, start_column=column, end_row=row + 1, end_column=column)
        row += 2
    wb.save(path)
    report = check(path)
    assert report.findings == []  # no duplicate number, no empty second order
    assert report.files[0].sheets[0].records == 2
    assert skipped(report) == [(4, "continued"), (6, "continued")]
    register = read_workbook(path, AS_OF).registers[0]
    assert [(r.row, r.order_no, r.remarks) for r in register.records] == [
        (3, "WX2611001", "更换阀芯\n已试水正常"), (5, "WX2611002", "更换阀芯\n已试水正常")]


def test_a_date_merged_down_a_days_orders_still_gives_one_order_per_row(tmp_path):
    """Merged cells outside the number column keep their meaning: one value for several orders."""
    path = write_register(tmp_path / "合并日期.xlsx", [
        good_order(单号="WX2611001"), good_order(单号="WX2611002", 报修时间=None)])
    wb = openpyxl.load_workbook(path)
    wb.active.merge_cells("B3:B4")
    wb.save(path)
    report = check(path)
    assert report.files[0].sheets[0].records == 2
    assert report.findings == []


# ---- words in time and signature cells ----------------------------------------------------------

def test_an_order_marked_unfinished_in_its_completion_cell_is_open_not_unreadable(register):
    from toolkit.followup.sections import unfinished_orders
    from toolkit.rules.catalog import Settings

    waiting = dict(返单时间=None, 返单签收人=None, 客户签字=None, 财务签收=None)
    path = register([
        good_order(单号="WX2611101", 完工时间="未完工", 未完成原因="等配件", **waiting),
        good_order(单号="WX2611102", 完工时间="待修", **waiting),
    ])
    report = check(path)
    assert [(f.record, f.rule) for f in report.findings] == [("WX2611102", "missing-reason")]
    unfinished = unfinished_orders(read_workbook(path, AS_OF).registers, AS_OF, Settings())
    assert [(u.record, u.reason) for u in unfinished] == [("WX2611101", "等配件"), ("WX2611102", None)]


@pytest.mark.parametrize("word", ["未签", "拒签", "否", "没签字"])
def test_a_signature_cell_saying_nobody_signed_is_a_missing_signature(register, word):
    report = check(register([good_order(客户签字=word)]))
    assert [(f.rule, f.field) for f in report.findings] == [("missing-signature", "customer_signature")]


@pytest.mark.parametrize("word", ["未交", "未签收", "否", "待交"])
def test_a_finance_cell_saying_not_handed_over_is_not_a_receipt(register, word):
    report = check(register([good_order(财务签收=word)]))
    assert [(f.rule, f.field) for f in report.findings] == [("finance-unreceipted", "finance_receipt")]


def test_names_that_begin_like_a_refusal_stay_signatures(register):
    report = check(register([good_order(客户签字="尚文", 维修人员签字="Nancy")]))
    assert report.findings == []


# ---- what a real order may hold that looks like a marker --------------------------------------------

def test_an_open_order_with_a_running_count_in_its_remarks_is_not_a_totals_row(register):
    header = WORK_ORDER_HEADER + ["备注"]
    open_order = dict(完工时间=None, 客户签字=None, 费用=None, 返单时间=None, 返单签收人=None, 财务签收=None,
                      维修人员签字=None, 未完成原因="等配件")
    report = check(register([good_order(), good_order(单号="WX2611002", 备注="累计报修3次", **open_order)], header))
    assert report.files[0].sheets[0].records == 2
    assert skipped(report) == []


def test_an_order_without_its_number_is_not_taken_for_a_footer(register):
    row = good_order(单号=None, 报修地点="服务中心", 报修内容="换灯管", 客户姓名="张敏", **{"有偿/无偿": "免费"})
    report = check(register([good_order(), row]))
    assert report.files[0].sheets[0].records == 2
    assert ("missing-field", "order_no") in {(f.rule, f.field) for f in report.findings}


@pytest.mark.parametrize("name, signed", [("尚不凡", True), ("拒绝签字", False), ("没有", False), ("未签字", False)])
def test_a_refusal_is_told_from_a_name(register, name, signed):
    report = check(register([good_order(客户签字=name)]))
    assert (report.findings == []) is signed


def test_two_values_for_one_cell_of_an_order_over_two_rows_are_both_shown(tmp_path):
    path = tmp_path / "一单两行.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2026年11月"
    ws.append(WORK_ORDER_HEADER)
    fee = WORK_ORDER_HEADER.index("费用(元)") + 1
    order = good_order()
    for column, name in enumerate(WORK_ORDER_HEADER, 1):
        ws.cell(2, column, order.get(name))
    ws.cell(3, fee, 30)  # a second amount on the second line
    for column in range(1, len(WORK_ORDER_HEADER) + 1):
        if column != fee:
            ws.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    wb.save(path)
    report = check(path)
    assert report.files[0].sheets[0].records == 1
    assert [(f.rule, f.cell) for f in report.findings] == [("bad-value", "N2")]
    assert "120\n30" in report.findings[0].message


def test_an_excel_date_without_a_time_is_known_to_the_day_not_midnight(tmp_path):
    """calamine hands over a date cell at 00:00 as a date whatever its format: a date typed alone
    in a column of dates and times must not read as midnight (a false "before the sign-in")."""
    path = write_register(tmp_path / "date-only.xlsx", [good_order(完工时间=datetime(2026, 11, 3).date())])
    report = check(path)
    assert report.findings == []
    assert read_workbook(path, AS_OF).registers[0].records[0].completed_at == datetime(2026, 11, 3).date()


def test_a_workbook_of_several_sheets_reads_the_same_in_a_worker_as_alone(tmp_path):
    """Alone, the next sheet loads in a thread while one is read; in a folder run's worker
    (every core busy) each loads in turn. Either way: the same sheets, records and facts."""
    import openpyxl

    from toolkit.registers.reader import read_workbook

    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active["A1"] = "填表说明：每月一张表"
    for month in (10, 11, 12):
        write_register(tmp_path / "months.xlsx", [good_order(单号=f"WX26{month}{n:03d}") for n in range(1, 30)],
                       sheet=f"2026年{month}月", workbook=wb)
    wb["2026年11月"].row_dimensions[5].hidden = True
    wb.save(tmp_path / "months.xlsx")

    def view(read):
        return [(s.name, s.skipped_reason, s.error, s.register and s.register.records,
                 s.register and s.register.hidden_rows) for s in read.sheets]

    alone = read_workbook(tmp_path / "months.xlsx", AS_OF, overlap=True)
    worker = read_workbook(tmp_path / "months.xlsx", AS_OF, overlap=False)
    assert view(alone) == view(worker)
    assert [s.name for s in worker.sheets] == ["说明", "2026年10月", "2026年11月", "2026年12月"]
    assert [len(s.register.records) for s in worker.sheets[1:]] == [29, 29, 29]
    assert worker.sheets[2].register.hidden_rows == [5]


@pytest.mark.parametrize("marker", ["上半月小计", "下半月小计", "第一周小计", "11月合计", "本季度合计", "12月份合计"])
def test_a_totals_row_that_names_its_span_first_is_not_an_order(tmp_path, marker):
    """A subtotal in the middle of a month (上半月小计 | … | 260) sums the orders above it."""
    path = tmp_path / "维修登记.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2026年11月"
    ws.append(WORK_ORDER_HEADER)
    ws.append([good_order().get(h) for h in WORK_ORDER_HEADER])
    ws.append([marker] + [None] * (WORK_ORDER_HEADER.index("费用(元)") - 1) + [260])
    ws.append([good_order(单号="WX2611002").get(h) for h in WORK_ORDER_HEADER])
    wb.save(path)
    report = check(path)
    assert report.findings == []
    assert skipped(report) == [(3, "total")]


def test_an_order_whose_content_begins_like_a_span_stays_an_order(tmp_path):
    path = write_register(tmp_path / "维修登记.xlsx", [good_order(报修内容="上半月小区停水后水管漏水"),
                                                      good_order(单号="WX2611002", 报修内容="第一周报修的灯又坏了")])
    report = check(path)
    assert report.files[0].sheets[0].records == 2 and report.findings == []
