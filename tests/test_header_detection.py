"""The header is found, not assumed: titles above it, wrapped and full-width text, the words
each site uses, two-level headers, row counters, totals and footers, and sheets that are not
registers at all. A clerk never changes the layout for the toolkit."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import openpyxl
import pytest
from helpers import AS_OF, WORK_ORDER_HEADER, good_order, write_register

from toolkit.config import parse_config
from toolkit.ooxml.cells import column_letters
from toolkit.registers.reader import read_workbook
from toolkit.validate import read_registers, validate


def check(path, config=None):
    return validate([path], AS_OF, config or parse_config({}), "en")


def registers(path, config=None):
    return read_workbook(path, AS_OF, (config or parse_config({})).columns).registers


def sheet_report(report, name=None):
    sheets = report.files[0].sheets
    return sheets[0] if name is None else next(s for s in sheets if s.name == name)


CANONICAL_FIELDS = {
    "单号": "order_no", "报修时间": "received_at", "派单时间": "dispatched_at", "报修地点": "location",
    "报修内容": "content", "客户姓名": "customer_name", "联系电话": "customer_phone", "有偿/无偿": "paid",
    "工程部接单时间": "accepted_at", "接单人": "accepted_by", "维修人员签字": "repairer_signature",
    "完工时间": "completed_at", "客户签字": "customer_signature", "费用(元)": "fee", "延误原因": "delay_reason",
    "未完成原因": "incomplete_reason", "返单时间": "returned_at", "返单签收人": "return_signer",
    "特殊批示": "special_approval", "财务签收": "finance_receipt",
}


def renamed(renames: dict[str, str]):
    """The canonical header with some columns named the way another site names them, and a
    good order keyed by the new names."""
    header = [renames.get(h, h) for h in WORK_ORDER_HEADER]
    order = {renames.get(h, h): v for h, v in good_order().items()}
    return header, order


def expected_columns(header):
    """Field → letter for a header that renames canonical columns in place."""
    assert len(header) == len(WORK_ORDER_HEADER)
    return {CANONICAL_FIELDS[h]: column_letters(i + 1) for i, h in enumerate(WORK_ORDER_HEADER)}


# ---- titles, wrapping, full width ----------------------------------------------------

def test_the_header_is_found_below_two_title_rows(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2026年11月"
    ws.append(["××物业服务中心维修工作单登记表"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(WORK_ORDER_HEADER))
    ws.append(["服务中心：××花园", None, None, None, "统计期间：2026年11月1日—11月30日"])
    ws.append(WORK_ORDER_HEADER)
    ws.append([good_order()[h] for h in WORK_ORDER_HEADER])
    path = tmp_path / "titles.xlsx"
    wb.save(path)
    report = check(path)
    sr = sheet_report(report)
    assert (sr.kind, sr.header_row, sr.records) == ("work_orders", 3, 1)
    assert sr.columns == expected_columns(WORK_ORDER_HEADER)
    assert report.findings == []


def test_a_register_with_no_title_row_starts_at_row_1(register):
    report = check(register([good_order()], title=None))
    assert sheet_report(report).header_row == 1
    assert report.findings == []


def test_headers_wrapped_onto_two_lines_inside_a_cell_are_read(register):
    header, order = renamed({"报修时间": "报修\n时间", "派单时间": "派单\n时间", "工程部接单时间": "工程部\n接单时间",
                             "维修人员签字": "维修人员\n签字", "完工时间": "完工\r\n时间", "返单签收人": "返单\n签收人"})
    report = check(register([order], header))
    assert sheet_report(report).columns == expected_columns(header)
    assert report.findings == []


def test_a_wrapped_header_is_shown_on_one_line_in_messages(register):
    header, order = renamed({"客户签字": "客户\n签字"})
    order["客户\n签字"] = None
    finding = next(f for f in check(register([order], header)).findings if f.rule == "missing-signature")
    assert finding.cell == "M3"
    assert "\n" not in finding.message


def test_full_width_characters_and_units_in_brackets_are_read(register):
    header, order = renamed({"费用(元)": "收费金额（元）", "联系电话": "联系电话（手机）", "单号": "单　号",
                             "报修时间": "报修时间（月/日 时:分）", "有偿/无偿": "有偿／无偿"})
    report = check(register([order], header))
    assert sheet_report(report).columns == expected_columns(header)
    assert report.findings == []


# ---- the words each site uses --------------------------------------------------------

@pytest.mark.parametrize("canonical, variant", [
    ("客户姓名", "业主姓名"), ("客户姓名", "住户姓名"), ("客户姓名", "客户"), ("客户姓名", "业主"), ("客户姓名", "报修人"),
    ("客户签字", "客户签名"), ("客户签字", "业主签字"), ("客户签字", "住户签名"), ("客户签字", "客户签收"),
    ("客户签字", "业主签收"),
    ("维修人员签字", "维修人员签名"), ("维修人员签字", "维修人签字"), ("维修人员签字", "维修师傅"),
    ("报修时间", "报修日期"), ("报修时间", "来电时间"), ("完工时间", "完工日期"), ("完工时间", "完成时间"),
    ("费用(元)", "费用"), ("费用(元)", "金额"), ("费用(元)", "收费(元)"), ("费用(元)", "收费金额"),
    ("费用(元)", "维修费（元）"),
    ("单号", "编号"), ("单号", "工单编号"), ("单号", "维修单号"), ("单号", "No."),
    ("派单时间", "派工时间"), ("派单时间", "发单时间"), ("派单时间", "派工日期"),
    ("返单时间", "交回时间"), ("返单时间", "交回日期"), ("返单时间", "返单日期"),
    ("返单签收人", "收单人"), ("返单签收人", "签收人"), ("返单签收人", "交回签收人"),
    ("接单人", "签收人"), ("工程部接单时间", "签收时间"), ("工程部接单时间", "接单时间"),
    ("有偿/无偿", "收费/免费"), ("有偿/无偿", "是否收费"),
    ("报修地点", "房号"), ("报修内容", "故障描述"), ("联系电话", "手机"),
    ("维修人员签字", "处理人"), ("维修人员签字", "维修处理人"),
    ("返单签收人", "客服签收"), ("返单签收人", "客服签字"), ("返单签收人", "客服收单"),
    ("返单时间", "客服签收时间"),
])
def test_a_header_variant_maps_to_the_same_field(register, canonical, variant):
    header, order = renamed({canonical: variant})
    report = check(register([order], header))
    sr = sheet_report(report)
    position = WORK_ORDER_HEADER.index(canonical)
    assert sr.columns.get(CANONICAL_FIELDS[canonical]) == column_letters(position + 1), sr.columns
    assert sr.unmapped_columns == []
    assert report.findings == []


def test_sign_in_columns_among_the_dispatch_columns_are_engineering_and_after_completion_the_return(register):
    header, order = renamed({"工程部接单时间": "签收时间", "接单人": "签收人"})
    header = [("签收时间 " if h == "返单时间" else "签收人 " if h == "返单签收人" else h) for h in header]
    order["签收时间 "], order["签收人 "] = order.pop("返单时间"), order.pop("返单签收人")
    report = check(register([order], header))
    columns = sheet_report(report).columns
    assert (columns["accepted_at"], columns["accepted_by"]) == ("I", "J")
    assert (columns["returned_at"], columns["return_signer"]) == ("Q", "R")
    assert report.findings == []


@pytest.mark.parametrize("visit", ["回访", "回访记录", "回访内容", "回访意见"])
def test_a_return_visit_column_is_the_visit_result_beside_the_visitor_and_the_visit_time(register, visit):
    header = WORK_ORDER_HEADER + ["回访人", "回访时间", visit]
    order = good_order(回访人="陈静", 回访时间=datetime(2026, 11, 4, 10), **{visit: "满意"})
    report = check(register([order], header))
    sr = sheet_report(report)
    assert (sr.columns["visit_at"], sr.columns["visit_result"]) == ("V", "W")
    assert sr.unmapped_columns == ["U: 回访人"]
    assert report.findings == []


# ---- a fee split into parts ------------------------------------------------------------

SPLIT_FEE = ["材料费", "人工费"]


def split_fee_register(register, total_header, total=50):
    """材料费 | 人工费 | a total column in place of 费用(元); the total is what was charged."""
    at = WORK_ORDER_HEADER.index("费用(元)")
    header = WORK_ORDER_HEADER[:at] + SPLIT_FEE + [total_header] + WORK_ORDER_HEADER[at + 1:]
    order = good_order(材料费=30, 人工费=20, **{total_header: total})
    return register([order], header)


@pytest.mark.parametrize("total_header", [
    "合计(元)", "合计金额", "总金额", "费用合计", "金额合计", "实收金额", "总费用", "收费合计", "合计",
])
def test_with_a_fee_split_into_parts_the_fee_is_read_from_the_total_column(register, total_header):
    path = split_fee_register(register, total_header)
    report = check(path)
    sr = sheet_report(report)
    assert sr.columns["fee"] == "P"
    assert sr.unmapped_columns == ["N: 材料费", "O: 人工费"]
    assert registers(path)[0].records[0].fee == Decimal("50")
    assert report.findings == []


def test_a_paid_order_whose_total_is_empty_is_missing_its_fee_though_a_part_is_filled(register):
    report = check(split_fee_register(register, "合计(元)", total=None))
    assert [(f.rule, f.cell) for f in report.findings] == [("missing-fee", "P3")]


@pytest.mark.parametrize("part", ["材料费", "维修费", "人工费"])
def test_a_lone_part_column_is_still_the_fee_when_nothing_names_the_total(register, part):
    header, order = renamed({"费用(元)": part})
    sr = sheet_report(check(register([order], header)))
    assert sr.columns["fee"] == "N"


@pytest.mark.parametrize("parts, fee", [
    ((None, 40), Decimal("40")),  # labour only: the fee is 40, not missing
    ((0, 30), Decimal("30")),  # no materials: not a fee of 0
    ((25.5, "30元"), Decimal("55.50")),
])
def test_a_fee_split_into_parts_with_no_total_is_the_sum_of_its_parts(register, parts, fee):
    at = WORK_ORDER_HEADER.index("费用(元)")
    header = WORK_ORDER_HEADER[:at] + SPLIT_FEE + WORK_ORDER_HEADER[at + 1:]
    path = register([good_order(材料费=parts[0], 人工费=parts[1])], header)
    report = check(path)
    sr = sheet_report(report)
    assert sr.columns["fee"] == "N+O"
    assert sr.unmapped_columns == []
    assert registers(path)[0].records[0].fee == fee
    assert report.findings == []


def test_a_paid_order_with_every_part_of_its_fee_empty_is_missing_its_fee(register):
    at = WORK_ORDER_HEADER.index("费用(元)")
    header = WORK_ORDER_HEADER[:at] + SPLIT_FEE + WORK_ORDER_HEADER[at + 1:]
    report = check(register([good_order(材料费=None, 人工费=None),
                             good_order(单号="WX2611002", 材料费=None, 人工费="三十")], header))
    assert [(f.record, f.rule) for f in report.findings] == [("WX2611001", "missing-fee"), ("WX2611002", "bad-value")]
    assert report.findings[0].cell == "N3"
    assert "三十" in report.findings[1].message  # a part that cannot be read is said, not taken for 0


@pytest.mark.parametrize("weak, strong, field", [
    ("客服签字", "返单签收人", "return_signer"),  # the intake clerk's column stands first
    ("处理人", "维修人", "repairer_signature"),
])
def test_a_weaker_name_does_not_take_a_field_from_the_column_that_names_it(register, weak, strong, field):
    header = ["单号", "报修时间", weak, "报修地点", "报修内容", "客户姓名", "联系电话", "有偿/无偿", "派单时间", strong,
              "完工时间", "客户签字", "返单时间"]
    sr = sheet_report(check(register([], header)))
    assert sr.columns[field] == "J"
    assert sr.unmapped_columns == [f"C: {weak}"]


def test_a_place_written_over_side_by_side_columns_is_one_location(register):
    header = ["单号", "报修时间", "楼栋", "单元", "房号", "报修内容", "客户姓名", "联系电话", "有偿/无偿"]
    rows = [["WX2611001", datetime(2026, 11, 3, 9, 0), "3栋", "2单元", "1201", "厨房水龙头漏水", "刘伟", "13812345678", "无偿"],
            ["WX2611002", datetime(2026, 11, 3, 9, 0), "3", None, "1201", "厨房水龙头漏水", "刘伟", "13812345678", "无偿"],
            ["WX2611003", datetime(2026, 11, 3, 9, 0), None, None, None, "厨房水龙头漏水", "刘伟", "13812345678", "无偿"]]
    path = register(rows, header)
    report = check(path)
    sr = sheet_report(report)
    assert sr.columns["location"] == "C+D+E" and sr.unmapped_columns == []
    assert [r.location for r in registers(path)[0].records] == ["3栋2单元1201", "3-1201", None]
    assert [(f.record, f.rule, f.cell) for f in report.findings] == [("WX2611003", "missing-field", "C5")]


def test_a_bare_total_column_away_from_the_fee_columns_is_not_the_fee(register):
    header = WORK_ORDER_HEADER + ["合计"]
    sr = sheet_report(check(register([good_order(合计=1)], header)))
    assert sr.columns["fee"] == "N"
    assert sr.unmapped_columns == ["U: 合计"]


# ---- two-level headers ---------------------------------------------------------------

TWO_LEVEL_GROUPS = [  # (group over the columns, or None for a single column merged down both rows, names)
    (None, ["序号"]), (None, ["单号"]),
    ("报修登记", ["报修时间", "地点", "报修内容", "客户姓名", "联系电话", "有偿/无偿"]),
    (None, ["派单时间"]),
    ("工程部", ["签收时间", "签收人"]),
    ("完工", ["完工时间", "维修人员", "客户签字", "费用"]),
    ("返单", ["签收时间", "签收人"]),
    (None, ["备注"]),
]
# The same register with the dispatch time written as the last column of the 报修登记 group.
DISPATCH_UNDER_GROUP = [
    (None, ["序号"]), (None, ["单号"]),
    ("报修登记", ["报修时间", "地点", "报修内容", "客户姓名", "联系电话", "有偿/无偿", "派单时间"]),
    *TWO_LEVEL_GROUPS[4:],
]
TWO_LEVEL_COLUMNS = {
    "order_no": "B", "received_at": "C", "location": "D", "content": "E", "customer_name": "F",
    "customer_phone": "G", "paid": "H", "dispatched_at": "I", "accepted_at": "J", "accepted_by": "K",
    "completed_at": "L", "repairer_signature": "M", "customer_signature": "N", "fee": "O",
    "returned_at": "P", "return_signer": "Q", "remarks": "R",
}


def two_level_register(path, rows, groups=TWO_LEVEL_GROUPS):
    """Title in row 1; group cells merged across row 2 over the names in row 3; single columns
    merged down rows 2–3."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2026年11月"
    spans = []  # (group, first column, names)
    col = 1
    for group, names in groups:
        spans.append((group, col, names))
        col += len(names)
    width = col - 1
    ws.cell(1, 1, "××物业服务中心维修工作单登记表（2026年11月）")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    for group, first, names in spans:
        if group is None:
            for i, name in enumerate(names):
                ws.cell(2, first + i, name)
                ws.merge_cells(start_row=2, start_column=first + i, end_row=3, end_column=first + i)
        else:
            ws.cell(2, first, group)
            if len(names) > 1:
                ws.merge_cells(start_row=2, start_column=first, end_row=2, end_column=first + len(names) - 1)
            for i, name in enumerate(names):
                ws.cell(3, first + i, name)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def two_level_row(seq, number, **overrides):
    row = {
        "seq": seq, "no": number, "received": datetime(2026, 11, 3, 14, 0), "where": "3栋1201",
        "what": "厨房水龙头漏水", "name": "刘伟", "phone": "13812345678", "paid": "有偿",
        "dispatched": datetime(2026, 11, 3, 14, 2),
        "accepted": datetime(2026, 11, 3, 14, 5), "accepted_by": "李工", "completed": datetime(2026, 11, 3, 16, 0),
        "repairer": "李明", "customer": "刘伟", "fee": 120, "returned": datetime(2026, 11, 3, 17, 0),
        "signer": "王丽", "remarks": None,
    }
    row.update(overrides)
    return list(row.values())


def test_a_two_level_header_gives_sign_in_under_engineering_and_under_return_their_meanings(tmp_path):
    path = two_level_register(tmp_path / "two_level.xlsx", [two_level_row(1, "WX2611001"), two_level_row(2, "WX2611002")])
    report = check(path)
    sr = sheet_report(report)
    assert (sr.header_row, sr.records) == (2, 2)
    assert sr.columns == TWO_LEVEL_COLUMNS
    assert report.findings == []


def test_a_two_level_header_reads_each_value_into_its_field(tmp_path):
    path = two_level_register(tmp_path / "two_level.xlsx", [two_level_row(1, "WX2611001")])
    rec = registers(path)[0].records[0]
    assert rec.row == 4
    assert rec.order_no == "WX2611001"
    assert rec.accepted_at == datetime(2026, 11, 3, 14, 5) and rec.accepted_by == "李工"
    assert rec.returned_at == datetime(2026, 11, 3, 17, 0) and rec.return_signer == "王丽"
    assert rec.fee == Decimal("120") and rec.paid is True


def test_findings_in_a_two_level_register_point_at_the_return_columns(tmp_path):
    path = two_level_register(tmp_path / "two_level.xlsx", [two_level_row(1, "WX2611001", signer=None)])
    finding = next(f for f in check(path).findings if f.rule == "missing-signature")
    assert (finding.cell, finding.field, finding.row, finding.record) == ("Q4", "return_signer", 4, "WX2611001")


def test_a_dispatch_time_under_the_registration_group_is_still_the_dispatch_time(tmp_path):
    rows = [two_level_row(1, "WX2611001"), two_level_row(2, "WX2611002")]
    path = two_level_register(tmp_path / "dispatch_in_group.xlsx", rows, DISPATCH_UNDER_GROUP)
    report = check(path)
    sr = sheet_report(report)
    assert (sr.header_row, sr.records) == (2, 2)
    assert sr.columns == TWO_LEVEL_COLUMNS
    assert registers(path)[0].records[0].order_no == "WX2611001"
    assert report.findings == []


# ---- the row counter and the form number ---------------------------------------------

def test_only_the_form_number_identifies_an_order_not_the_row_counter(register):
    header = ["序号"] + WORK_ORDER_HEADER
    rows = [{**good_order(单号=number), "序号": seq}
            for seq, number in ((1, "No.008701"), (2, "No.008702"), (5, "No.008703"))]
    rows[1]["客户签字"] = None
    report = check(register(rows, header))
    sr = sheet_report(report)
    assert sr.columns["order_no"] == "B"
    assert "seq" not in sr.columns
    assert [(f.rule, f.record, f.cell) for f in report.findings] == [("missing-signature", "No.008702", "N4")]


def test_a_repeated_row_counter_is_no_duplicate_but_a_repeated_form_number_is(register):
    header = ["序号"] + WORK_ORDER_HEADER
    rows = [{**good_order(单号=number), "序号": seq} for seq, number in ((1, "008701"), (1, "008702"), (2, "008702"))]
    report = check(register(rows, header))
    assert [(f.rule, f.cell) for f in report.findings] == [("duplicate-number", "B5")]
    assert "008702" in report.findings[0].message


def test_a_form_number_kept_as_text_keeps_its_leading_zeros(register):
    rec = registers(register([good_order(单号="008701")]))[0].records[0]
    assert rec.order_no == "008701"


# ---- rows that are not orders --------------------------------------------------------

def test_totals_footers_and_blank_rows_are_skipped_and_listed_with_their_reasons(tmp_path):
    n = len(WORK_ORDER_HEADER)
    fee_col = WORK_ORDER_HEADER.index("费用(元)")

    def total(word, amount):
        row = [word] + [None] * (n - 1)
        row[fee_col] = amount
        return row

    def order(number):
        return [good_order(单号=number)[h] for h in WORK_ORDER_HEADER]

    rows = [
        order("WX2611001"),                       # row 3
        [None] * n,                               # row 4: blank between orders
        order("WX2611002"),                       # row 5
        total("小计", 240),                        # row 6
        order("WX2611003"),                       # row 7
        total("合计", 360),                        # row 8
        ["制表人：王丽", None, None, "审核：张强", None, None, "日期：2026年11月30日"],  # row 9
    ]
    path = write_register(tmp_path / "totals.xlsx", rows)
    report = check(path)
    sr = sheet_report(report)
    assert sr.records == 3
    assert [(s.row, s.reason) for s in sr.skipped_rows] == [(4, "blank"), (6, "total"), (8, "total"), (9, "footer")]
    assert report.findings == []


def test_formatted_empty_rows_under_the_last_order_are_not_listed(tmp_path):
    path = tmp_path / "tail.xlsx"
    write_register(path, [good_order()])
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    for r in range(4, 300):
        ws.cell(r, 2).number_format = "yyyy/m/d h:mm"
        ws.cell(r, 5, "")
    wb.save(path)
    sr = sheet_report(check(path))
    assert sr.records == 1
    assert sr.skipped_rows == []


def test_the_footer_from_the_shared_helper_is_skipped(register):
    report = check(register([good_order()], footer=True))
    sr = sheet_report(report)
    assert [s.reason for s in sr.skipped_rows] == ["total", "footer"]
    assert report.findings == []


# ---- sheets that are not registers ---------------------------------------------------

def test_instructions_statistics_and_empty_sheets_are_skipped_not_errors(tmp_path):
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "填表说明"
    notes.append(["填表说明"])
    notes.append(["栏目", "填写要求"])
    notes.append(["单号", "填写三联单上预印的编号，不得重复，不得跳号；作废的单据也要登记并注明作废。"])
    notes.append(["报修时间", "精确到分钟，例如 2026/11/03 14:05；工作单应于五分钟内交工程部接收。"])
    notes.append(["客户签字", "返单时须有客户签字，有偿、无偿维修均需客户签字，不得代签。"])
    notes.append(["1、每月一张工作表，月底由客服主管审核后交服务中心负责人。"])

    path = tmp_path / "workbook.xlsx"
    write_register(path, [good_order()], sheet="2026年11月", workbook=wb)

    stats = wb.create_sheet("统计")
    stats.append(["月份", "报修数量", "已完成", "完成率", "收费金额（元）"])
    stats.append(["2026年10月", 45, 44, "97.8%", 1860])
    stats.append(["2026年11月", 38, 35, "92.1%", 1420])
    wb.create_sheet("Sheet2")
    wb.save(path)

    report = check(path)
    file_report = report.files[0]
    assert file_report.error is None and not file_report.unusable
    by_name = {s.name: s for s in file_report.sheets}
    assert by_name["2026年11月"].kind == "work_orders" and by_name["2026年11月"].records == 1
    for name in ("填表说明", "统计", "Sheet2"):
        assert by_name[name].kind is None
        assert by_name[name].skipped_reason is not None
        assert by_name[name].error is None
    assert by_name["Sheet2"].skipped_reason == "empty_sheet"
    assert report.findings == []
    assert report.exit_code() == 0


def test_statistics_sheets_with_places_contents_and_amounts_but_no_orders_are_skipped(tmp_path):
    """By building and by category: 楼栋, 维修项目, 报修地点, 金额, 满意度 map to fields, but with
    no form number and no event time a row is a sum, not an order."""
    wb = openpyxl.Workbook()
    path = tmp_path / "with_stats.xlsx"
    wb.active.title = "说明"
    write_register(path, [good_order()], sheet="2026年11月", workbook=wb)
    wb.remove(wb["说明"])
    by_building = wb.create_sheet("按楼栋统计")
    by_building.append(["11月报修按楼栋统计"])
    by_building.append(["楼栋", "报修单数", "完成单数", "未完成单数", "收费金额", "满意度"])
    by_building.append(["1栋", 2, 2, 0, 30, "100%"])
    by_building.append(["合计", 2, 2, 0, 30, "100%"])
    by_category = wb.create_sheet("分类统计")
    by_category.append(["序号", "维修项目", "报修地点", "次数", "金额(元)"])
    by_category.append([1, "水电", "室内", 12, 360])
    by_category.append([2, "门窗", "室内", 5, 120])
    wb.save(path)

    report = check(path)
    by_name = {s.name: s for s in report.files[0].sheets}
    assert by_name["2026年11月"].kind == "work_orders" and by_name["2026年11月"].records == 1
    for name in ("按楼栋统计", "分类统计"):
        assert (by_name[name].kind, by_name[name].skipped_reason, by_name[name].records) == (None, "no_header", 0)
    assert report.findings == []


def test_a_register_without_a_form_number_is_still_a_register_by_its_times(register):
    header = ["报修时间", "报修地点", "报修内容", "客户姓名", "联系电话", "完工时间"]
    row = [datetime(2026, 11, 3, 14, 0), "3栋1201", "厨房水龙头漏水", "刘伟", "13812345678",
           datetime(2026, 11, 3, 16, 0)]
    sr = sheet_report(check(register([row], header)))
    assert (sr.kind, sr.records) == ("work_orders", 1)


def test_a_workbook_with_no_register_at_all_says_so(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "填表说明"
    wb.active.append(["1、本表由客服前台填写，工程部签收后交回。"])
    path = tmp_path / "notes_only.xlsx"
    wb.save(path)
    report = check(path)
    assert report.files[0].error is not None
    assert report.records == 0


# ---- an explicit column mapping ------------------------------------------------------

def test_an_unknown_header_is_listed_as_unmapped_and_a_config_mapping_gives_it_a_field(register):
    header, order = renamed({"返单签收人": "经手人"})
    order["经手人"] = None
    path = register([order], header)

    plain = check(path)
    assert "return_signer" not in sheet_report(plain).columns
    assert sheet_report(plain).unmapped_columns == ["R: 经手人"]
    assert [f for f in plain.findings if f.field == "return_signer"] == []

    config = parse_config({"columns": {"经手人": "return_signer"}})
    mapped = check(path, config)
    assert sheet_report(mapped).columns["return_signer"] == "R"
    assert sheet_report(mapped).unmapped_columns == []
    finding = next(f for f in mapped.findings if f.rule == "missing-signature")
    assert (finding.cell, finding.field) == ("R3", "return_signer")


def test_a_config_mapping_can_ignore_a_column_so_it_is_no_longer_reported_as_unmapped(register):
    header = WORK_ORDER_HEADER + ["回访电话"]
    path = register([{**good_order(), "回访电话": "已回访"}], header)
    assert "U: 回访电话" in sheet_report(check(path)).unmapped_columns

    report = check(path, parse_config({"columns": {"回访电话": "ignore"}}))
    sr = sheet_report(report)
    assert sr.columns["customer_phone"] == "G"
    assert sr.unmapped_columns == []
    assert report.findings == []


# ---- a layout unlike any sample ------------------------------------------------------

def test_a_register_laid_out_unlike_any_sample_is_read_without_config(tmp_path):
    """No title; columns in another order and named in another site's words; the receipt
    written as a date column and a time column; times alone in the later columns."""
    header = ["编号", "日期", "时间", "业主", "房号", "故障描述", "手机", "是否收费", "派工时间", "维修师傅",
              "完成时间", "业主签名", "金额", "交回时间", "收单人"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "维修登记"
    ws.append(header)
    ws.append(["008701", date(2026, 11, 3), time(14, 5), "刘先生", "3-1201", "厨房水龙头漏水，关不紧", "138 1234 5678",
               "收费", "14:08", "李明", "11月3日 16:30", "刘伟", "￥80", "17:10", "王丽"])
    ws.append(["008702", date(2026, 11, 4), "9:15", "王女士", "5-302", "卫生间灯不亮", "0755-86001234",
               "免费", "9:20", "张强", "11月4日 10:00", None, None, "11:00", "王丽"])
    path = tmp_path / "another_site.xlsx"
    wb.save(path)

    report = check(path)
    sr = sheet_report(report)
    assert (sr.kind, sr.header_row, sr.records) == ("work_orders", 1, 2)
    assert sr.columns == {
        "order_no": "A", "received_at": "B+C", "customer_name": "D", "location": "E", "content": "F",
        "customer_phone": "G", "paid": "H", "dispatched_at": "I", "repairer_signature": "J", "completed_at": "K",
        "customer_signature": "L", "fee": "M", "returned_at": "N", "return_signer": "O",
    }
    assert sr.unmapped_columns == []

    first, second = registers(path)[0].records
    assert first.order_no == "008701"
    assert first.received_at == datetime(2026, 11, 3, 14, 5)
    assert first.dispatched_at == datetime(2026, 11, 3, 14, 8)
    assert first.completed_at == datetime(2026, 11, 3, 16, 30)
    assert first.returned_at == datetime(2026, 11, 3, 17, 10)
    assert (first.paid, first.fee) == (True, Decimal("80"))
    assert second.received_at == datetime(2026, 11, 4, 9, 15)
    assert second.paid is False

    # The one real problem: the second order came back without the customer's signature.
    assert [(f.rule, f.cell, f.record) for f in report.findings] == [("missing-signature", "L3", "008702")]


def test_a_full_header_row_above_text_data_is_not_taken_for_a_two_level_header(tmp_path):
    """A site's own layout: two title rows, 来电日期 + 来电时间, 收费情况, text in every data cell."""
    header = ["工单编号", "来电日期", "来电时间", "业户姓名", "手机", "楼栋房号", "故障描述", "派工时间", "接单人", "师傅",
              "完成时间", "业主确认", "收费情况", "金额(元)", "回单时间", "回单签收", "备注"]
    rows = [["GD-1201", "2026-12-01", "9:10", "周先生", "139-1234-5678", "12-1-902", "卫生间马桶堵塞需疏通", "9:12",
             "吴工", "吴刚", "11:00", "周杰", "有偿", "50元", "11:30", "小王", ""],
            ["GD-1202", "12月2日", "14:00", "钱女士", "13800001111", "3-2-101", "厨房水龙头滴水", "14:20",
             "吴工", "吴刚", "", "", "无偿", "", "", "", ""]]
    path = write_register(tmp_path / "novel.xlsx", rows, header, sheet="12月", title="维修派工记录")
    report = validate([path], datetime(2026, 12, 3, 9, 0), parse_config({}), "en")
    sheet = report.files[0].sheets[0]
    assert sheet.header_row == 2 and sheet.records == 2
    assert sheet.columns["received_at"] == "B+C" and sheet.columns["paid"] == "M"
    assert sheet.columns["repairer_signature"] == "J" and sheet.columns["customer_signature"] == "L"
    first = read_registers([path], datetime(2026, 12, 3, 9, 0), parse_config({}), "en").registers[0].records[0]
    assert first.order_no == "GD-1201" and first.received_at == datetime(2026, 12, 1, 9, 10)
    assert first.dispatched_at == datetime(2026, 12, 1, 9, 12) and first.fee == 50 and first.paid is True
    assert report.findings == []


def test_the_header_repeated_between_orders_is_skipped_not_read_as_an_order(register):
    header = ["单号", "报修时间", "地点", "报修内容", "客户姓名", "联系电话"]
    rows = [["WX2611001", "2026/11/03 14:05", "1-101", "厨房水龙头漏水", "刘先生", "13812345678"], header,
            ["WX2611002", "2026/11/04 14:05", "1-102", "厨房水龙头漏水", "王先生", "13812345679"]]
    report = validate([register(rows, header, title=None)], AS_OF, parse_config({}), "en")
    sheet = report.files[0].sheets[0]
    assert sheet.records == 2
    assert [(s.row, s.reason) for s in sheet.skipped_rows] == [(3, "header")]
    assert report.findings == []


def test_received_by_return_time_is_the_return_time(register):
    header = ["单号", "报修时间", "报修地点", "报修内容", "客户姓名", "联系电话", "完工时间", "收单时间", "收单人"]
    report = validate([register([], header)], AS_OF, parse_config({}), "en")
    columns = report.files[0].sheets[0].columns
    assert columns["returned_at"] == "H" and columns["return_signer"] == "I"
