"""Cell values as clerks write them → typed values; what cannot be read is said, never guessed."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from helpers import AS_OF, good_order
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.config import parse_config
from toolkit.registers.reader import read_workbook
from toolkit.registers.values import (
    Unreadable, parse_count, parse_datetime, parse_flag, parse_money, parse_phone, parse_text, phone_is_valid,
)
from toolkit.validate import validate

NOV = date(2026, 11, 15)  # the anchor of a November 2026 sheet


# ---- dates and times -----------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    (datetime(2026, 11, 3, 14, 5), datetime(2026, 11, 3, 14, 5)),
    (date(2026, 11, 3), date(2026, 11, 3)),
    ("2026/11/03 14:05", datetime(2026, 11, 3, 14, 5)),
    ("2026-11-03 14:05", datetime(2026, 11, 3, 14, 5)),
    ("2026.11.3 8:05", datetime(2026, 11, 3, 8, 5)),
    ("2026/11/3", date(2026, 11, 3)),
    ("2026年11月3日", date(2026, 11, 3)),
    ("2026年11月3日 14:05", datetime(2026, 11, 3, 14, 5)),
    ("2026年11月3日 下午2:05", datetime(2026, 11, 3, 14, 5)),
    ("11月3日 12点整", datetime(2026, 11, 3, 12, 0)),  # 整 and 正: on the hour
    ("11月3日 下午3点正", datetime(2026, 11, 3, 15, 0)),
    ("11月3日 14:05", datetime(2026, 11, 3, 14, 5)),
    ("11月3日14:05", datetime(2026, 11, 3, 14, 5)),
    ("11月3日", date(2026, 11, 3)),
    ("11/3 14:05", datetime(2026, 11, 3, 14, 5)),
    (" 2026/11/03 14:05 ", datetime(2026, 11, 3, 14, 5)),
    ("２０２６／１１／０３　１４：０５", datetime(2026, 11, 3, 14, 5)),  # typed with a full-width IME
])
def test_dates_written_as_clerks_write_them_are_read(raw, expected):
    value = parse_datetime(raw, NOV)
    assert value == expected
    assert type(value) is type(expected)  # a date alone stays a date: known only to the day


@pytest.mark.parametrize("raw, anchor, expected", [
    ("12月30日 9:00", date(2027, 1, 15), datetime(2026, 12, 30, 9, 0)),  # December in a January sheet
    ("12月31日", date(2027, 1, 15), date(2026, 12, 31)),
    ("1月2日 10:00", date(2026, 12, 15), datetime(2027, 1, 2, 10, 0)),  # January in a December sheet
    ("1月2日 10:00", date(2027, 1, 15), datetime(2027, 1, 2, 10, 0)),
    ("6月1日", date(2026, 11, 15), date(2026, 6, 1)),
])
def test_a_date_without_a_year_takes_the_year_nearest_the_sheets_month(raw, anchor, expected):
    assert parse_datetime(raw, anchor) == expected


@pytest.mark.parametrize("raw, expected", [
    (46329, date(2026, 11, 3)),
    (46329.0, date(2026, 11, 3)),
    (46329 + (14 * 60 + 5) / 1440, datetime(2026, 11, 3, 14, 5)),
    ("46329", date(2026, 11, 3)),
    ("46329.5868", datetime(2026, 11, 3, 14, 5)),
])
def test_a_bare_excel_serial_number_is_a_date(raw, expected):
    assert parse_datetime(raw, NOV) == expected


@pytest.mark.parametrize("raw, expected", [
    (time(14, 5), time(14, 5)),
    ("14:05", time(14, 5)),
    ("8:05", time(8, 5)),
    ("14时05分", time(14, 5)),
    ("下午2点", time(14, 0)),
    ("下午2:30", time(14, 30)),
    (0.5, time(12, 0)),
    ((14 * 60 + 5) / 1440, time(14, 5)),
])
def test_a_time_of_day_alone_is_read_as_a_time_without_a_date(raw, expected):
    assert parse_datetime(raw, NOV) == expected


@pytest.mark.parametrize("raw, expected", [
    ("下午3点半", time(15, 30)),
    ("3点半", time(3, 30)),
    ("3点钟", time(3, 0)),
    ("下午3点钟", time(15, 0)),
    ("中午12点", time(12, 0)),
    ("中午1点", time(13, 0)),  # 中午 runs from late morning into the early afternoon
    ("中午11点半", time(11, 30)),
    ("傍晚6点", time(18, 0)),
    ("晚上8点", time(20, 0)),
    ("深夜11点", time(23, 0)),
    ("早上7点", time(7, 0)),
    ("清晨6点", time(6, 0)),
    ("凌晨2点", time(2, 0)),
    ("12:30am", time(0, 30)),
    # the night runs past midnight: the day it lands on is the next event's to work out
    ("晚上12点", time(0, 0)),
    ("夜里12点", time(0, 0)),
    ("半夜1点", time(1, 0)),
    ("晚上1点", time(1, 0)),
    ("24:00", time(0, 0)),
])
def test_parts_of_the_day_and_half_hours_are_read_as_clerks_mean_them(raw, expected):
    assert parse_datetime(raw, NOV) == expected


@pytest.mark.parametrize("raw, expected", [
    ("晚8点", time(20, 0)),  # the one-character 晚 is 晚上
    ("晚8点半", time(20, 30)),
    ("晚11点", time(23, 0)),
    ("晚12点", time(0, 0)),
    ("早8点", time(8, 0)),  # 早 is 早上
    ("早7:30", time(7, 30)),
    ("午后2点", time(14, 0)),
    ("晚上8点", time(20, 0)),  # the longer words still win over the one character they begin with
    ("早上8点", time(8, 0)),
    ("早晨6点", time(6, 0)),
])
def test_one_character_parts_of_the_day_are_read_like_the_words_they_shorten(raw, expected):
    assert parse_datetime(raw, NOV) == expected


@pytest.mark.parametrize("raw, expected", [
    ("11月3日晚上12点", datetime(2026, 11, 4, 0, 0)),  # the midnight that ends 3 November
    ("2026-11-03 晚上12点", datetime(2026, 11, 4, 0, 0)),
    ("11月3日 晚上1点", datetime(2026, 11, 4, 1, 0)),
    ("11月3日 晚上11点半", datetime(2026, 11, 3, 23, 30)),
    ("2026-11-03 24:00", datetime(2026, 11, 4, 0, 0)),
    ("11月3日24:00", datetime(2026, 11, 4, 0, 0)),
    ("11月3日 中午1点", datetime(2026, 11, 3, 13, 0)),
    ("11月3日下午3点半", datetime(2026, 11, 3, 15, 30)),
    ("11月3日晚8点", datetime(2026, 11, 3, 20, 0)),
    ("11月3日晚9点", datetime(2026, 11, 3, 21, 0)),
    ("11月3日 晚8点半", datetime(2026, 11, 3, 20, 30)),
    ("11月3日晚12点", datetime(2026, 11, 4, 0, 0)),
    ("11月4日早8点", datetime(2026, 11, 4, 8, 0)),
])
def test_a_night_time_written_with_its_date_lands_on_the_right_day(raw, expected):
    assert parse_datetime(raw, NOV) == expected


@pytest.mark.parametrize("raw", ["24:30", "晚上25点", "3点60"])
def test_a_clock_time_past_the_day_is_unreadable(raw):
    assert isinstance(parse_datetime(raw, NOV), Unreadable)


@pytest.mark.parametrize("raw", ["未完工", "未完成", "待修", "待料", "维修中", "处理中", "无法完成", "未返单", "尚未回访"])
def test_a_time_cell_saying_the_event_has_not_happened_is_no_time_yet(raw):
    assert parse_datetime(raw, NOV) is None


@pytest.mark.parametrize("raw, expected", [
    ("11月23日中午前", datetime(2026, 11, 23, 12, 0)),
    ("2026年11月23日上午之前", datetime(2026, 11, 23, 12, 0)),
    ("11月23日 下午前", datetime(2026, 11, 23, 18, 0)),
    ("11月23日下午3点前", datetime(2026, 11, 23, 15, 0)),
    ("11月20日前", date(2026, 11, 20)),
])
def test_a_promise_by_a_part_of_the_day_is_the_end_of_that_part(raw, expected):
    assert parse_datetime(raw, NOV) == expected


@pytest.mark.parametrize("raw", [None, "", "   ", "/", "-", "——", "无"])
def test_an_empty_or_placeholder_date_cell_is_empty(raw):
    assert parse_datetime(raw, NOV) is None


@pytest.mark.parametrize("raw", ["下周三", "下周", "2026年", "月中", "下月中", "2026/13/45", "11月31日", "2026-02-30 10:00", "待定", "25:70", True, -5,
                                 "#N/A"])
def test_an_unreadable_date_is_reported_as_unreadable_not_dropped(raw):
    value = parse_datetime(raw, NOV)
    assert isinstance(value, Unreadable)
    assert value.raw == raw


# ---- money ---------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    (120, "120.00"),
    (120.5, "120.50"),
    ("120", "120.00"),
    ("120.00", "120.00"),
    ("¥120", "120.00"),
    ("￥120", "120.00"),
    ("￥ 120.00", "120.00"),
    ("80元", "80.00"),
    ("1,200", "1200.00"),
    ("1，200", "1200.00"),
    ("￥1,200.50", "1200.50"),
    ("RMB 35", "35.00"),
    ("０元", "0.00"),
    ("免费", "0.00"),
    ("60元整", "60.00"),  # 整: exactly, as on a receipt
    ("60.00元整", "60.00"),
    ("人民币60元整", "60.00"),
    ("￥60整", "60.00"),
    ("60元正", "60.00"),
])
def test_fees_written_as_clerks_write_them_are_read_as_yuan(raw, expected):
    value = parse_money(raw)
    assert isinstance(value, Decimal)
    assert value == Decimal(expected)


@pytest.mark.parametrize("raw", [None, "", "/", "—"])
def test_an_empty_fee_cell_is_empty(raw):
    assert parse_money(raw) is None


@pytest.mark.parametrize("raw", ["待定", "一百二", "120/80", "1.2.3", True, float("nan"), float("inf"), "9" * 40,
                                 10 ** 30, "60元多", "60多元", "约60元", "整", "元整", "60整元", "人工30元", "120\n30"])
def test_a_fee_that_is_not_an_amount_is_unreadable(raw):
    assert isinstance(parse_money(raw), Unreadable)


# ---- paid or free --------------------------------------------------------------------

@pytest.mark.parametrize("raw, paid", [
    ("有偿", True), ("无偿", False), ("收费", True), ("免费", False), ("是", True), ("否", False),
    ("Y", True), ("N", False), ("y", True), ("n", False), (" 有偿 ", True), ("有偿服务", True),
    ("免费维修", False), (True, True), (False, False), (1, True), (0, False),
])
def test_paid_or_free_is_read_in_every_usual_wording(raw, paid):
    assert parse_flag(raw) is paid


@pytest.mark.parametrize("raw", ["看情况", "待定", "120", 2])
def test_a_paid_flag_that_is_neither_paid_nor_free_is_unreadable(raw):
    assert isinstance(parse_flag(raw), Unreadable)


def test_an_empty_paid_cell_is_empty():
    assert parse_flag(None) is None and parse_flag("") is None and parse_flag("/") is None


# ---- counts --------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [(12, 12), (12.0, 12), ("12", 12), ("12人", 12), ("10人以上", 10),
                                           ("３户", 3)])
def test_people_counts_are_read(raw, expected):
    assert parse_count(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("约20人", 20), ("大约20人", 20), ("近20人", 20), ("将近20户", 20), ("20余户", 20), ("20余人", 20),
    ("20多户", 20), ("20多人", 20), ("20人左右", 20), ("20户以上", 20), ("20来人", 20), ("约 20 人", 20),
    ("２０余户", 20), ("十余人", 10), ("二十多户", 20), ("十五人", 15), ("两户", 2),
])
def test_rough_group_counts_read_as_the_number_written(raw, expected):
    value = parse_count(raw)  # "20余户" is at least 20: a group complaint of 10 or more is major
    assert type(value) is int and value == expected


@pytest.mark.parametrize("raw", [-1, 2.5, "很多", "十来个", True, "很多人", "约人", "多人", "余户", "约", "几十户",
                                 "数十人", "十几人", "20-30人", "百余人"])
def test_a_count_that_is_not_a_number_of_people_is_unreadable(raw):
    assert isinstance(parse_count(raw), Unreadable)


# ---- phones --------------------------------------------------------------------------

@pytest.mark.parametrize("phone", [
    "13812345678", "138 1234 5678", "138-1234-5678", "0755-86001234", "0755 8600 1234", "(0755)86001234",
    "（0755）86001234", "010-12345678", "021-6123456", "86001234", "6123456", "+86 138 1234 5678",
    "+8613812345678", "0086 13812345678", "13812345678 / 0755-86001234", "13812345678，13987654321",
    "13812345678、86001234", "13812345678 13987654321", "0755-86001234转8001",
    # a note beside the number does not make it invalid
    "13812345678（微信同号）", "13812345678(微信)", "0571-88886666（办公室）", "（手机）13812345678",
    "13812345678（手机）0571-88886666（办公室）", "13812345678 王先生", "王先生 13812345678", "王先生：13812345678",
    "13812345678王先生", "13812345678，王先生", "138 1234 5678【微信】",
])
def test_mobiles_landlines_and_local_numbers_are_valid(phone):
    assert phone_is_valid(phone)


@pytest.mark.parametrize("phone", [
    "1381234567", "138123456789", "12345678901", "110", "abc", "13812345678/123", "00000000", "1234567",
    "刘先生",
    # a note does not make a wrong number right, and says so when the number does not work
    "1381234567（微信同号）", "138（微信）12345678", "（微信同号）", "王先生", "13812345678（空号）", "13812345678 停机",
    "13812345678（打不通）", "13812345678 abc", "1381234567 王先生",
    # a three-digit area code (0898, 0571) and a local number too short for it
    "0898-663521", "0571-88866",
])
def test_numbers_that_cannot_be_called_are_invalid(phone):
    assert not phone_is_valid(phone)


def test_a_phone_stays_text_as_written_even_when_excel_stored_it_as_a_number():
    assert parse_phone(13812345678.0) == "13812345678"
    assert parse_phone(13812345678) == "13812345678"
    assert parse_phone(" 0755-86001234 ") == "0755-86001234"
    assert parse_phone(None) is None and parse_phone("/") is None
    assert parse_phone("13812345678（微信同号）") == "13812345678（微信同号）"  # the note stays with the number


# ---- values in a real register -------------------------------------------------------

def read(path, as_of=AS_OF):
    workbook = read_workbook(path, as_of)
    assert len(workbook.registers) == 1
    return workbook.registers[0]


def test_a_time_alone_takes_the_date_of_the_event_before_it(register):
    order = good_order(**{"派单时间": "14:02", "工程部接单时间": time(14, 5), "完工时间": "16:00",
                          "返单时间": (17 * 60) / 1440})
    rec = read(register([order])).records[0]
    assert rec.dispatched_at == datetime(2026, 11, 3, 14, 2)
    assert rec.accepted_at == datetime(2026, 11, 3, 14, 5)
    assert rec.completed_at == datetime(2026, 11, 3, 16, 0)
    assert rec.returned_at == datetime(2026, 11, 3, 17, 0)
    assert rec.problems == ()


def test_a_time_alone_earlier_than_the_event_before_it_is_the_next_morning(register):
    order = good_order(**{"工程部接单时间": datetime(2026, 11, 3, 17, 30), "派单时间": datetime(2026, 11, 3, 17, 28),
                          "报修时间": datetime(2026, 11, 3, 17, 25), "完工时间": "9:30", "返单时间": "11:00"})
    rec = read(register([order])).records[0]
    assert rec.completed_at == datetime(2026, 11, 4, 9, 30)
    assert rec.returned_at == datetime(2026, 11, 4, 11, 0)


def test_a_time_alone_after_a_date_only_receipt_takes_that_date(register):
    order = good_order(**{"报修时间": date(2026, 11, 3), "派单时间": "14:02"})
    rec = read(register([order])).records[0]
    assert rec.received_at == date(2026, 11, 3)
    assert rec.dispatched_at == datetime(2026, 11, 3, 14, 2)


def test_a_date_column_and_a_time_column_are_read_as_one_moment(register):
    header = ["单号", "报修日期", "报修时间", "报修地点", "报修内容", "客户姓名", "联系电话", "有偿/无偿",
              "完工日期", "完工时间"]
    rows = [
        ["WX2611001", date(2026, 11, 3), time(14, 5), "3栋1201", "厨房水龙头漏水", "刘伟", "13812345678", "无偿",
         date(2026, 11, 4), "9:30"],
        ["WX2611002", "2026/11/5", "8:40", "5栋302", "卫生间灯不亮", "王芳", "13987654321", "无偿", None, None],
    ]
    reg = read(register(rows, header))
    assert reg.columns.fields["received_at"].letter == "B"  # the date column is the field's home cell
    first, second = reg.records
    assert first.received_at == datetime(2026, 11, 3, 14, 5)
    assert first.completed_at == datetime(2026, 11, 4, 9, 30)
    assert second.received_at == datetime(2026, 11, 5, 8, 40)
    assert second.completed_at is None


def test_a_night_time_in_the_time_column_moves_the_date_beside_it_to_the_next_day(register):
    header = ["单号", "报修日期", "报修时间", "报修地点", "报修内容", "客户姓名", "联系电话", "有偿/无偿"]
    rows = [
        ["WX2611001", date(2026, 11, 3), "晚上12点", "3栋1201", "厨房水龙头漏水", "刘伟", "13812345678", "无偿"],
        ["WX2611002", "2026/11/5", "24:00", "5栋302", "卫生间灯不亮", "王芳", "13987654321", "无偿"],
        ["WX2611003", date(2026, 11, 6), "晚上11点", "5栋303", "卫生间灯不亮", "王芳", "13987654321", "无偿"],
        ["WX2611004", date(2026, 11, 7), "中午1点", "5栋304", "卫生间灯不亮", "王芳", "13987654321", "无偿"],
        ["WX2611005", date(2026, 11, 8), "２４：００", "5栋305", "卫生间灯不亮", "王芳", "13987654321", "无偿"],
    ]
    reg = read(register(rows, header))
    assert [r.received_at for r in reg.records] == [
        datetime(2026, 11, 4, 0, 0), datetime(2026, 11, 6, 0, 0), datetime(2026, 11, 6, 23, 0),
        datetime(2026, 11, 7, 13, 0), datetime(2026, 11, 9, 0, 0)]


def test_a_night_time_alone_after_an_evening_event_is_past_midnight(register):
    order = good_order(**{"报修时间": datetime(2026, 11, 3, 22, 40), "派单时间": "晚上11点半",
                          "工程部接单时间": "晚上12点", "完工时间": "凌晨1点半", "返单时间": "早上8点"})
    rec = read(register([order])).records[0]
    assert rec.dispatched_at == datetime(2026, 11, 3, 23, 30)
    assert rec.accepted_at == datetime(2026, 11, 4, 0, 0)
    assert rec.completed_at == datetime(2026, 11, 4, 1, 30)
    assert rec.returned_at == datetime(2026, 11, 4, 8, 0)
    assert rec.problems == ()


def test_excel_dates_text_dates_and_bare_serials_in_one_register_all_read(register):
    rows = [
        good_order(单号="WX2611001", 报修时间=datetime(2026, 11, 3, 14, 0)),
        good_order(单号="WX2611002", 报修时间="2026/11/03 14:00"),
        good_order(单号="WX2611003", 报修时间="11月3日 14:00"),
        good_order(单号="WX2611004", 报修时间="2026.11.3 14:00"),
        good_order(单号="WX2611005", 报修时间=46329 + 14 / 24),
    ]
    reg = read(register(rows))
    assert [r.received_at for r in reg.records] == [datetime(2026, 11, 3, 14, 0)] * 5


def test_a_december_date_in_a_january_sheet_is_last_december(register):
    order = good_order(**{"报修时间": "12月30日 9:00", "派单时间": "12月30日 9:02", "工程部接单时间": "9:05",
                          "完工时间": "1月2日 10:00", "返单时间": "1月2日 11:00"})
    reg = read(register([order], sheet="2027年1月", title=None), as_of=datetime(2027, 2, 5, 9, 0))
    rec = reg.records[0]
    assert rec.received_at == datetime(2026, 12, 30, 9, 0)
    assert rec.accepted_at == datetime(2026, 12, 30, 9, 5)
    assert rec.completed_at == datetime(2027, 1, 2, 10, 0)


def test_a_sheet_named_by_month_alone_takes_the_year_nearest_the_check(register):
    order = good_order(**{"报修时间": "11月3日 14:00", "派单时间": "11月3日 14:02"})
    reg = read(register([order], sheet="11月", title=None), as_of=datetime(2027, 1, 10, 9, 0))
    assert reg.records[0].received_at == datetime(2026, 11, 3, 14, 0)


def test_fees_and_flags_in_a_register_are_typed(register):
    rows = [good_order(单号=f"WX261100{i}", **{"费用(元)": fee, "有偿/无偿": flag})
            for i, (fee, flag) in enumerate([(120, "有偿"), ("120.00", "收费"), ("¥120", "是"), ("￥120", "Y"),
                                             ("80元", "有偿"), ("1,200", "有偿")], start=1)]
    reg = read(register(rows))
    assert [r.fee for r in reg.records] == [Decimal(x) for x in ("120", "120", "120", "120", "80", "1200")]
    assert all(r.paid is True for r in reg.records)


def test_unreadable_cells_become_bad_value_findings_and_are_never_silently_empty(register):
    order = good_order(**{"报修时间": "昨天下午", "费用(元)": "面议", "有偿/无偿": "看情况"})
    path = register([order])
    rec = read(path).records[0]
    assert rec.received_at is None and rec.fee is None and rec.paid is None
    assert {(p.field, p.raw, p.reason) for p in rec.problems} == {
        ("received_at", "昨天下午", "date"), ("fee", "面议", "money"), ("paid", "看情况", "flag")}

    report = validate([path], AS_OF, parse_config({}), "en")
    bad = {f.cell: f for f in report.findings if f.rule == "bad-value"}
    assert set(bad) == {"B3", "H3", "N3"}
    assert all(f.severity == "error" for f in bad.values())
    assert '"昨天下午"' in bad["B3"].message and '"面议"' in bad["N3"].message and '"看情况"' in bad["H3"].message
    # The cells hold something: no rule reports them as empty.
    assert not [f for f in report.findings if f.rule in ("missing-field", "missing-time", "missing-fee")]


def test_a_payment_transaction_number_pasted_into_the_fee_column_is_a_bad_value_not_a_crash(register):
    wechat_pay_id = "4200001234202611031234567890"  # 28 digits, what a clerk copies from the payment record
    report = validate([register([good_order(**{"费用(元)": wechat_pay_id})])], AS_OF, parse_config({}), "en")
    assert report.files[0].error is None
    assert [(f.rule, f.cell) for f in report.findings] == [("bad-value", "N3")]


def test_an_unreadable_time_in_the_time_column_of_a_split_date_is_a_bad_value(register):
    header = ["单号", "报修日期", "报修时间", "报修地点", "报修内容", "客户姓名", "联系电话", "有偿/无偿"]
    rows = [["WX2611001", date(2026, 11, 3), "下午晚些", "3栋1201", "厨房水龙头漏水", "刘伟", "13812345678", "无偿"]]
    path = register(rows, header)
    rec = read(path).records[0]
    assert rec.received_at == date(2026, 11, 3)
    assert [(p.field, p.raw) for p in rec.problems] == [("received_at", "下午晚些")]
    report = validate([path], AS_OF, parse_config({}), "en")
    assert [f.rule for f in report.findings] == ["bad-value"]


# ---- no parser ever raises -----------------------------------------------------------

cell_values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(), st.text(alphabet="0123456789 ./-:年月日号时分点上下午¥￥元,，+()（）eE"), st.datetimes(), st.dates(),
    st.times(),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=cell_values, anchor=st.dates(min_value=date(1901, 1, 1), max_value=date(9998, 12, 31)),
       text=st.one_of(st.text(), st.text(alphabet="0123456789 -+()（）/，、转x")))
def test_no_cell_content_makes_a_parser_raise(raw, anchor, text):
    parse_datetime(raw, anchor)
    parse_money(raw)
    parse_flag(raw)
    parse_count(raw)
    parse_phone(raw)
    phone_is_valid(text)


def test_a_dotted_time_is_a_time_unless_it_is_a_date_near_the_sheets_month():
    from datetime import date, time
    from toolkit.registers.values import parse_datetime
    november = date(2026, 11, 15)
    assert parse_datetime("8.30", november) == time(8, 30)  # how many clerks write 8:30
    assert parse_datetime("14.05", november) == time(14, 5)
    assert parse_datetime("11.30", november) == date(2026, 11, 30)  # 30 November, in November's sheet
    assert parse_datetime("1.15", date(2026, 1, 10)) == date(2026, 1, 15)


@pytest.mark.parametrize("raw, expected", [
    ("11月5日 9.05", datetime(2026, 11, 5, 9, 5)),
    ("11月5日9.05", datetime(2026, 11, 5, 9, 5)),
    ("11月5号 10.30", datetime(2026, 11, 5, 10, 30)),
    ("11月5日 0.15", datetime(2026, 11, 5, 0, 15)),
    ("11月5日 23.59", datetime(2026, 11, 5, 23, 59)),
    ("2026年11月5日 9.05", datetime(2026, 11, 5, 9, 5)),
    ("2026-11-05 9.05", datetime(2026, 11, 5, 9, 5)),
    ("2026.11.5 9.05", datetime(2026, 11, 5, 9, 5)),
    ("11/5 9.05", datetime(2026, 11, 5, 9, 5)),
])
def test_a_dotted_clock_time_after_a_date_is_a_time_of_that_day(raw, expected):
    assert parse_datetime(raw, NOV) == expected


@pytest.mark.parametrize("raw", ["11月5日 9.5", "11月5日 24.00", "11月5日 9.60", "11月5日 9.005", "11-5.9.05",
                                 "2026.11.5.9.05"])
def test_a_dotted_time_after_a_date_that_is_no_clock_time_is_unreadable(raw):
    assert isinstance(parse_datetime(raw, NOV), Unreadable)


@pytest.mark.parametrize("raw, expected", [
    ("11/3 14:05", datetime(2026, 11, 3, 14, 5)),  # month/day, as Chinese dates run
    ("12/11", date(2026, 12, 11)),  # either reading is near the sheet: month first
    ("5/6", date(2027, 5, 6)),  # neither is near: month first, and the "in the future" finding shows it
])
def test_a_slashed_date_is_read_month_first(raw, expected):
    assert parse_datetime(raw, NOV) == expected


@pytest.mark.parametrize("raw", ["3/11 9:00", "3/11", "1/12"])
def test_a_slashed_date_near_the_sheet_only_when_read_day_first_is_ambiguous(raw):
    """"3/11" on a November sheet: next March read month first, 3 November read day first."""
    assert parse_datetime(raw, NOV) == Unreadable(raw, "ambiguous_date")


# ---- column fast paths agree with the cell-by-cell readers ----------------------------

@settings(max_examples=300, deadline=None)
@given(moment=st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(9999, 12, 31)),
       sep=st.sampled_from("-/"), seconds=st.booleans())
def test_the_usual_typed_datetime_reads_as_the_general_reader_reads_it(moment, sep, seconds):
    text = moment.strftime(f"%Y{sep}%m{sep}%d %H:%M" + (":%S" if seconds else ""))
    quick = parse_datetime(text, NOV)  # the shape the quick path takes
    general = parse_datetime(f" {text}", NOV)  # a leading space: only the general reader takes it
    assert quick == general == moment.replace(microsecond=0, second=moment.second if seconds else 0)


@pytest.mark.parametrize("text", ["2026-11-03 24:05", "2026-11-03 14:05+08", "2026-13-03 14:05", "2026/11/31 14:05",
                                  "2026-11-03 14:05:3x", "２０２６-11-03 14:05"])
def test_text_shaped_like_the_usual_datetime_still_gets_the_general_readers_verdict(text):
    def verdict(value):
        return ("unreadable", value.reason) if isinstance(value, Unreadable) else value

    assert verdict(parse_datetime(text, NOV)) == verdict(parse_datetime(f" {text}", NOV))
