"""Headers that carry a note in brackets (issue #19, point 4): 报修位置（楼栋-单元-房号）,
报修内容（请写清部位和现象）, 费用（元，无偿填0）. The column is what its name says; the note may
add evidence but never joins it to the next column or leaves it unmapped."""

from __future__ import annotations

from decimal import Decimal

import pytest

from helpers import AS_OF, WORK_ORDER_HEADER, check, good_order, hits, only, sheet, write_register
from toolkit.config import parse_config
from toolkit.ooxml.cells import column_letters
from toolkit.validate import read_registers

NOTED = {
    "报修地点": "报修位置（楼栋-单元-房号）",
    "报修内容": "报修内容（请写清部位和现象）",
    "费用(元)": "费用（元，无偿填0）",
}


def noted(renames: dict[str, str] = NOTED):
    header = [renames.get(h, h) for h in WORK_ORDER_HEADER]

    def row(**overrides):
        return {renames.get(h, h): v for h, v in good_order(**overrides).items()}

    return header, row


def letter(header_word: str) -> str:
    return column_letters(WORK_ORDER_HEADER.index(header_word) + 1)


def test_noted_headers_map_to_what_their_names_say(tmp_path):
    header, row = noted()
    path = write_register(tmp_path / "r.xlsx", [row()], header)
    report = check(path)
    sr = sheet(report)
    assert sr.columns["location"] == letter("报修地点")  # alone: not joined with the content beside it
    assert sr.columns["content"] == letter("报修内容")
    assert sr.columns["fee"] == letter("费用(元)")
    assert sr.columns["paid"] == letter("有偿/无偿")
    assert sr.unmapped_columns == []
    assert report.findings == []
    record = read_registers([path], AS_OF, parse_config({}), "en").registers[0].records[0]
    assert (record.location, record.content, record.fee) == ("3栋1201", "厨房水龙头漏水", Decimal("120.00"))


def test_content_too_brief_runs_under_a_noted_content_header(tmp_path):
    header, row = noted()
    path = write_register(tmp_path / "r.xlsx", [row(), row(单号="WX2611002", 报修内容="漏水")], header)
    finding = only(check(path), "content-too-brief")
    assert (finding.record, finding.cell) == ("WX2611002", f"{letter('报修内容')}4")


def test_a_paid_order_under_a_noted_fee_header_is_missing_its_fee(tmp_path):
    header, row = noted()
    path = write_register(tmp_path / "r.xlsx", [row(), row(单号="WX2611002", **{"费用(元)": None}),
                                                 row(单号="WX2611003", **{"有偿/无偿": "无偿", "费用(元)": 0})], header)
    report = check(path)
    assert [(f.rule, f.record) for f in report.findings] == [("missing-fee", "WX2611002")]


@pytest.mark.parametrize("renames, field, word", [
    ({"报修地点": "报修位置(楼栋-单元-房号)"}, "location", "报修地点"),  # ASCII brackets
    ({"报修内容": "报修内容(请写清部位和现象)"}, "content", "报修内容"),
    ({"报修内容": "报修内容（请写清楚损坏的具体部位、现象及发生的大概时间）"}, "content", "报修内容"),  # a long note
    ({"客户签字": "客户签字（本人签名，代签无效）"}, "customer_signature", "客户签字"),
    ({"联系电话": "联系电话（手机或座机，写区号）"}, "customer_phone", "联系电话"),
    ({"完工时间": "完工时间（月/日 时:分）"}, "completed_at", "完工时间"),
])
def test_one_noted_header_maps_as_its_name(tmp_path, renames, field, word):
    header, row = noted(renames)
    sr = sheet(check(write_register(tmp_path / "r.xlsx", [row()], header)))
    assert sr.columns[field] == letter(word)
    assert sr.unmapped_columns == []


@pytest.mark.parametrize("fee_header", ["收费(元)", "合计(元)", "维修费（元）", "金额（元）"])
def test_a_unit_in_brackets_still_adds_its_evidence(tmp_path, fee_header):
    header, row = noted({"费用(元)": fee_header})
    sr = sheet(check(write_register(tmp_path / "r.xlsx", [row()], header)))
    assert sr.columns["fee"] == letter("费用(元)")


def test_the_config_may_name_a_noted_header_as_written(tmp_path):
    header, row = noted({"报修内容": "情况（请写清部位和现象）"})
    path = write_register(tmp_path / "r.xlsx", [row(), row(单号="WX2611002", 报修内容="漏水")], header)
    config = parse_config({"columns": {"情况（请写清部位和现象）": "content"}})
    report = check(path, config=config)
    assert sheet(report).columns["content"] == letter("报修内容")
    assert hits(report, "content-too-brief")
