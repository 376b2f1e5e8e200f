"""Amounts, counts and dates written in Chinese numerals (issue #19, point 3): 叁拾元, 壹佰贰拾元整,
一百二十户, 十一月五日 are read as the numbers and dates they are, with cn2an, which only a cell
written in numerals loads."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time
from decimal import Decimal

import pytest

from helpers import (
    AS_OF, COMPLAINT_HEADER, COMPLAINT_TITLE, check, good_complaint, good_order, hits, only, open_complaint,
    write_register,
)
from toolkit.config import parse_config
from toolkit.registers.values import Unreadable, parse_count, parse_datetime, parse_money
from toolkit.validate import read_registers

ANCHOR = date(2026, 11, 15)  # a November register


@pytest.mark.parametrize("raw, amount", [
    ("叁拾元", "30"), ("壹佰贰拾元整", "120"), ("伍拾元整", "50"), ("两百元", "200"), ("¥叁拾元", "30"),
    ("贰拾伍元伍角", "25.5"), ("叁拾元正", "30"), ("壹佰贰拾", "120"), ("叁拾块", "30"), ("零", "0"),
])
def test_an_amount_in_chinese_numerals_is_read_as_money(raw, amount):
    assert parse_money(raw) == Decimal(amount)


@pytest.mark.parametrize("raw", ["三十多元", "约三十元", "三十", "负五十元"])
def test_an_amount_in_words_that_is_rough_bare_or_negative_is_not_read(raw):
    # 三十 with no unit and not in capitals is not how an amount is written: said, not guessed
    assert isinstance(parse_money(raw), Unreadable)


@pytest.mark.parametrize("raw, count", [
    ("一百二十户", 120), ("两百人", 200), ("约一百人", 100), ("壹佰伍拾户", 150), ("一百余户", 100),
    ("十余人", 10), ("12人", 12),
])
def test_a_count_in_chinese_numerals_is_read(raw, count):
    assert parse_count(raw) == count


@pytest.mark.parametrize("raw", ["负五人", "三点五人", "一些人"])
def test_a_count_that_is_no_whole_number_is_not_read(raw):
    assert isinstance(parse_count(raw), Unreadable)


@pytest.mark.parametrize("raw, value", [
    ("十一月五日", date(2026, 11, 5)),
    ("二〇二六年十一月五日", date(2026, 11, 5)),
    ("二零二六年十一月五日", date(2026, 11, 5)),
    ("十一月五号", date(2026, 11, 5)),
    ("十二月三十一日", date(2026, 12, 31)),
    ("一月二日", date(2027, 1, 2)),  # no year written: the one nearest the register's month
    ("十一月五日下午三点半", datetime(2026, 11, 5, 15, 30)),
    ("二〇二六年十一月五日 十四时零五分", datetime(2026, 11, 5, 14, 5)),
    ("十一月二十日前", date(2026, 11, 20)),
    ("下午两点", time(14, 0)),
])
def test_a_date_in_chinese_numerals_is_read_as_the_register_anchors_it(raw, value):
    assert parse_datetime(raw, ANCHOR) == value


def test_a_text_with_numerals_that_is_no_date_stays_unreadable_and_not_yet_stays_empty():
    assert isinstance(parse_datetime("一直没人", ANCHOR), Unreadable)
    assert parse_datetime("未完工", ANCHOR) is None


def test_a_paid_order_with_its_fee_in_capitals_has_its_fee(tmp_path):
    path = write_register(tmp_path / "r.xlsx", [
        good_order(**{"费用(元)": "叁拾元"}),
        good_order(单号="WX2611002", **{"费用(元)": "壹佰贰拾元整"}),
        good_order(单号="WX2611003", **{"费用(元)": None}),
    ])
    report = check(path)
    assert [(f.rule, f.record) for f in report.findings] == [("missing-fee", "WX2611003")]
    records = read_registers([path], AS_OF, parse_config({}), "en").registers[0].records
    assert [r.fee for r in records] == [Decimal("30.00"), Decimal("120.00"), None]


def test_a_complaint_involving_a_hundred_and_twenty_households_is_major(tmp_path):
    path = write_register(tmp_path / "c.xlsx", [
        open_complaint(涉及人数="一百二十户"),  # an open complaint: the head handles a major one
        open_complaint(投诉编号="TS2611002", 涉及人数="三户"),
    ], COMPLAINT_HEADER, title=COMPLAINT_TITLE)
    report = check(path)
    assert not hits(report, "bad-value")
    assert only(report, "major-complaint").record == "TS2611001"
    assert "120" in only(report, "major-complaint").message


def test_dates_in_numerals_in_the_date_columns_are_read(tmp_path):
    path = write_register(tmp_path / "c.xlsx", [
        good_complaint(承诺答复时间="十一月十二日", 答复时间="二〇二六年十一月十二日上午十时"),
        # answered the day after the promise, written in numerals too
        good_complaint(投诉编号="TS2611002", 承诺答复时间="十一月十二日下午五点", 答复时间="十一月十三日上午九点"),
    ], COMPLAINT_HEADER, title=COMPLAINT_TITLE)
    report = check(path)
    assert not hits(report, "bad-value")
    assert only(report, "reply-late").record == "TS2611002"
    records = read_registers([path], AS_OF, parse_config({}), "en").registers[0].records
    assert records[0].promised_reply_at == date(2026, 11, 12)
    assert records[0].replied_at == datetime(2026, 11, 12, 10, 0)


_LOADS_CN2AN = """
import sys
from datetime import datetime
from toolkit.config import parse_config
from toolkit.validate import validate
validate([sys.argv[1]], datetime(2026, 11, 25, 9), parse_config({}), "en")
print("cn2an" in sys.modules)
"""


def test_only_a_register_written_in_numerals_loads_the_converter(tmp_path):
    plain = write_register(tmp_path / "plain.xlsx", [good_order(), good_order(单号="WX2611002", **{"费用(元)": "¥120"})])
    numerals = write_register(tmp_path / "numerals.xlsx", [good_order(**{"费用(元)": "叁拾元"})])

    def loads(path):
        run = subprocess.run([sys.executable, "-c", _LOADS_CN2AN, str(path)], capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        return run.stdout.strip()

    assert loads(plain) == "False"
    assert loads(numerals) == "True"
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "toolkit", "--help"], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0 and "cn2an" not in run.stderr
