"""Findings come in the order a clerk reads the workbook: sheet by sheet as the tabs stand,
row by row, column by column (… Y, Z, AA), then rule ID. The rules run rule by rule, so
this order is made, not inherited."""

from __future__ import annotations

from datetime import datetime

import openpyxl
from helpers import AS_OF, WORK_ORDER_HEADER, good_order, write_register

from toolkit.config import parse_config
from toolkit.validate import validate

SPARE = [f"备用{i}" for i in range(1, 8)]  # seven columns before the register: 财务签收 lands in AA


def _rows():
    late_finance = dict(good_order(单号="WX2611001", 联系电话="12345"), 财务签收=None,
                        完工时间=datetime(2026, 11, 3, 16, 0))
    return [
        [None] * 7 + [late_finance.get(h) for h in WORK_ORDER_HEADER],
        [None] * 7 + [good_order(单号="WX2611002", 客户签字=None).get(h) for h in WORK_ORDER_HEADER],
    ]


def test_findings_are_ordered_by_tab_row_column_and_rule(tmp_path):
    path = tmp_path / "two-months.xlsx"
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    # November's tab first: the order of the tabs, not of the names, is the order of the report
    write_register(path, _rows(), SPARE + WORK_ORDER_HEADER, sheet="2026年11月", workbook=wb)
    write_register(path, _rows(), SPARE + WORK_ORDER_HEADER, sheet="2026年10月", workbook=wb,
                   title="××物业服务中心维修工作单登记表（2026年10月）")
    report = validate([path], AS_OF, parse_config({}), "en")
    got = [(f.sheet, f.cell, f.rule) for f in report.findings]
    november = [("N3", "bad-phone"), ("AA3", "finance-unreceipted"), ("T4", "missing-signature")]
    # the second tab reuses the first one's numbers: a workbook-wide rule, found in another pass
    october = [("H3", "duplicate-number"), ("N3", "bad-phone"), ("AA3", "finance-unreceipted"),
               ("H4", "duplicate-number"), ("T4", "missing-signature")]
    assert got == [("2026年11月", c, r) for c, r in november] + [("2026年10月", c, r) for c, r in october]


def test_a_large_register_checked_on_two_cores_reports_what_one_core_reports(tmp_path):
    ROWS = 20_500  # a register large enough to be worth a second core
    path = tmp_path / "large.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("2026年11月")
    ws.append(WORK_ORDER_HEADER)
    for n in range(ROWS):
        order = good_order(单号=f"WX26{n:07d}")
        if n % 997 == 0:
            order["客户签字"] = None
        if n % 1499 == 0:
            order["联系电话"] = "12345"
        ws.append([order.get(h) for h in WORK_ORDER_HEADER])
    ws.append([good_order(单号="WX260000010").get(h) for h in WORK_ORDER_HEADER])  # a number used twice
    wb.save(path)
    two = validate([path], AS_OF, parse_config({}), "en", jobs=2)
    one = validate([path], AS_OF, parse_config({}), "en", jobs=1)
    assert two.findings == one.findings
    rows = [f.row for f in one.findings]
    assert rows == sorted(rows) and len(one.findings) == 21 + 14 + 1
    assert one.findings[-1][:4] == (str(path), "2026年11月", ROWS + 2, f"A{ROWS + 2}")
