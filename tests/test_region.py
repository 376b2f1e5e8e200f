"""Registers kept in Hong Kong, Macau and Taiwan follow their region's conventions: phones by the
region's numbering plan, fees in its money (HK$, NT$, MOP$), slashed dates day first in Hong
Kong and Macau. The region is set in toolkit.toml ([registers] region) or guessed per register
from its first rows, and `validate --verbose` says which and why."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

import pytest

from helpers import AS_OF, AS_OF_ARGS, good_order, run_cli, write_register
from toolkit.config import parse_config
from toolkit.registers.values import FOREIGN_CURRENCY, Unreadable, parse_datetime, parse_money, phone_is_valid
from toolkit.validate import read_registers

NOV = date(2026, 11, 15)

# ---- values: phones by the region's plan -------------------------------------------------------------


@pytest.mark.parametrize("phone, region", [
    ("9123 4567", "hong_kong"), ("2345-6789", "hong_kong"), ("5123 4567", "hong_kong"), ("3123 4567", "hong_kong"),
    ("+852 9123 4567", "hong_kong"), ("852 6123 4567", "hong_kong"), ("(852) 2345 6789", "hong_kong"),
    ("9123 4567（陳生）", "hong_kong"),
    ("6612 3456", "macau"), ("2888 1234", "macau"), ("8802 8888", "macau"), ("+853 6612 3456", "macau"),
    ("0911-521-929", "taiwan"), ("0911521929", "taiwan"), ("(02) 2345-6789", "taiwan"), ("04-2234-5678", "taiwan"),
    ("037-123456", "taiwan"), ("+886 912 345 678", "taiwan"), ("+886 (0)2 2345 6789", "taiwan"), ("2345-6789", "taiwan"),
    # a number with its country code, in any region's register
    ("+852 9123 4567", "mainland"), ("00852-2345-6789", "mainland"), ("+853 2888 1234", "mainland"),
    ("+886 912 345 678", "mainland"), ("+86 138 1234 5678", "hong_kong"),
    # a mainland mobile is like no Hong Kong, Macau or Taiwan number: a number anywhere
    ("13812345678", "hong_kong"), ("13812345678", "taiwan"),
])
def test_a_number_of_the_registers_region_or_with_its_country_code_is_valid(phone, region):
    assert phone_is_valid(phone, region)


@pytest.mark.parametrize("phone, region", [
    ("1234 5678", "hong_kong"), ("4123 4567", "hong_kong"), ("9123 456", "hong_kong"), ("91234 5678", "hong_kong"),
    ("0755-86001234", "hong_kong"),  # a mainland landline needs +86 from Hong Kong
    ("9123 4567（空號）", "hong_kong"), ("3123 4567", "macau"), ("6612 345", "macau"),
    ("0911-521-92", "taiwan"), ("0911-521-9290", "taiwan"), ("+852 1234 5678", "mainland"),
    ("+853 3123 4567", "mainland"), ("+1 555 123 4567", "mainland"),
])
def test_a_number_off_the_plan_is_invalid(phone, region):
    assert not phone_is_valid(phone, region)


# ---- values: amounts with a currency mark ----------------------------------------------------------

@pytest.mark.parametrize("raw, region, expected", [
    ("HK$350", "hong_kong", "350.00"), ("HK$1,200", "hong_kong", "1200.00"), ("HKD 80", "hong_kong", "80.00"),
    ("港幣200元", "hong_kong", "200.00"), ("港币200", "hong_kong", "200.00"), ("350元", "hong_kong", "350.00"),
    ("$350", "hong_kong", "350.00"),
    ("NT$800", "taiwan", "800.00"), ("NT$1,500", "taiwan", "1500.00"), ("新台幣600元", "taiwan", "600.00"),
    ("新台币600", "taiwan", "600.00"), ("800圓", "taiwan", "800.00"),
    ("MOP$200", "macau", "200.00"), ("MOP 200", "macau", "200.00"), ("澳門幣150", "macau", "150.00"),
    ("澳门币150", "macau", "150.00"),
    ("¥120", "mainland", "120.00"), ("RMB 35", "mainland", "35.00"), ("人民币60元整", "mainland", "60.00"),
])
def test_an_amount_marked_in_the_registers_own_money_is_read(raw, region, expected):
    assert parse_money(raw, region) == Decimal(expected)


@pytest.mark.parametrize("raw, region", [
    ("HK$350", "mainland"), ("NT$800", "mainland"), ("MOP$200", "mainland"), ("US$50", "mainland"),
    ("USD 50", "hong_kong"), ("¥120", "hong_kong"), ("HK$350", "macau"), ("NT$800", "hong_kong"),
])
def test_an_amount_in_another_regions_money_is_foreign_not_unreadable(raw, region):
    value = parse_money(raw, region)
    assert isinstance(value, Unreadable) and value.reason == FOREIGN_CURRENCY


def test_a_currency_mark_alone_is_still_not_an_amount():
    assert parse_money("HK$", "hong_kong").reason == "money"
    assert parse_money("HK$待定", "hong_kong").reason == "money"


# ---- values: day-first dates -------------------------------------------------------------------------

@pytest.mark.parametrize("raw, day_first, expected", [
    ("18/11/2026 10:20", True, datetime(2026, 11, 18, 10, 20)),
    ("3/11/2026", True, date(2026, 11, 3)),
    ("03/11/2026 09:05", True, datetime(2026, 11, 3, 9, 5)),
    ("3/11", True, date(2026, 11, 3)),
    ("18-11-2026", True, date(2026, 11, 18)),
    # anywhere: a first number past 12 is the day, a second past 12 the day of a month-first date
    ("18/11/2026 10:20", False, datetime(2026, 11, 18, 10, 20)),
    ("11/18/2026", False, date(2026, 11, 18)),
    ("18/11", False, date(2026, 11, 18)),
    # both 12 or less on the mainland: the reading near the sheet's month
    ("5/11/2026", False, date(2026, 11, 5)),
    ("11/5/2026", False, date(2026, 11, 5)),
    # year first and month first stay as they were
    ("2026/11/03 14:05", True, datetime(2026, 11, 3, 14, 5)),
    ("11/3", False, date(2026, 11, 3)),
])
def test_slashed_dates_are_day_first_where_the_region_writes_them_so(raw, day_first, expected):
    assert parse_datetime(raw, NOV, day_first=day_first) == expected


def test_a_year_last_date_near_the_sheet_month_both_ways_is_ambiguous_on_the_mainland():
    value = parse_datetime("10/11/2026", NOV)
    assert isinstance(value, Unreadable) and value.reason == "ambiguous_date"
    assert parse_datetime("10/11/2026", NOV, day_first=True) == date(2026, 11, 10)


# ---- registers, through the CLI ------------------------------------------------------------------------

HK_HEADER = [
    "單號", "報修時間", "派單時間", "戶別", "報修內容", "住戶姓名", "聯絡電話", "收費/免費",
    "工程部接單時間", "接單人", "維修人員簽名", "完工時間", "住戶簽名", "費用", "返單時間", "返單簽收人", "財務簽收",
]


def hk_order(no: str, day: int, phone: str, **overrides) -> dict:
    """A complete, returned, correct order of a Hong Kong register: times typed day first."""
    order = {
        "單號": no, "報修時間": f"{day:02d}/11/2026 10:00", "派單時間": f"{day:02d}/11/2026 10:02",
        "戶別": "A座12樓C室", "報修內容": "廚房水龍頭漏水", "住戶姓名": "陳大文", "聯絡電話": phone,
        "收費/免費": "收費", "工程部接單時間": f"{day:02d}/11/2026 10:04", "接單人": "黃師傅",
        "維修人員簽名": "李俊傑", "完工時間": f"{day:02d}/11/2026 12:00", "住戶簽名": "陳大文", "費用": "HK$350",
        "返單時間": f"{day:02d}/11/2026 13:00", "返單簽收人": "何小姐", "財務簽收": "會計部",
    }
    order.update(overrides)
    return order


def validate_json(*args: str) -> dict:
    result = run_cli("validate", *args, *AS_OF_ARGS, "--format", "json", "--lang", "en")
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def findings(data: dict, rule: str | None = None) -> list[tuple[int, str]]:
    return [(f["row"], f["rule"]) for f in data["findings"] if rule is None or f["rule"] == rule]


def test_a_hong_kong_register_is_read_by_hong_kong_conventions(tmp_path):
    rows = [
        hk_order("004501", 2, "9123 4567"),
        hk_order("004502", 3, "2345-6789"),
        hk_order("004503", 4, "+852 6123 4567", **{"費用": "HK$1,200"}),
        hk_order("004504", 5, "5123 4567"),
        hk_order("004505", 6, "1234 5678"),  # no Hong Kong number starts with 1
        hk_order("004506", 7, "3123 4567", **{"費用": "港幣480元"}),
        hk_order("004507", 9, "9876 5432", **{"完工時間": "18/11/2026 10:20", "返單時間": "18/11/2026 15:00"}),
        hk_order("004508", 10, "9123 456"),  # a digit short
    ]
    path = write_register(tmp_path / "海濱花園-維修工作單登記表.xlsx", rows, HK_HEADER,
                          title="海濱花園管理處維修工作單登記表（2026年11月）")
    data = validate_json(str(path))
    # dates day first (no ambiguous 03/11), HK$ amounts read: nothing unreadable
    assert findings(data, "bad-value") == [] and findings(data, "foreign-currency") == []
    # 1234 5678 and a 7-digit number; the mainland plan took both as local numbers
    assert findings(data, "bad-phone") == [(7, "bad-phone"), (10, "bad-phone")]
    # 18/11 is 18 November: a completion 8 days after dispatch, with no delay reason column here
    assert findings(data, "time-order") == []
    region = data["files"][0]["sheets"][0]["region"]
    assert region["region"] == "hong_kong" and region["source"] == "guessed"
    assert region["clues"]["traditional"] == 1 and region["clues"]["phones"] >= 6 and region["clues"]["currency"] == 8
    assert region["day_first_dates"] > 0

    verbose = run_cli("validate", str(path), *AS_OF_ARGS, "--verbose", "--lang", "en").stdout
    line = next(x for x in verbose.splitlines() if "region:" in x)
    assert "region: Hong Kong (guessed from Traditional script, " in line
    assert "amounts with a currency mark" in line and "slashed dates read day first" in line
    zh = run_cli("validate", str(path), *AS_OF_ARGS, "--verbose", "--lang", "zh").stdout
    assert "地区：香港（推测自繁体字" in zh


def test_the_dates_of_a_hong_kong_register_are_read_day_first_from_the_first_row(tmp_path):
    rows = [hk_order(f"0045{i:02d}", day, "9123 4567") for i, day in enumerate((3, 5, 7, 11, 12), 1)]
    path = write_register(tmp_path / "hk.xlsx", rows, HK_HEADER, title="維修工作單登記表（2026年11月）")
    register = read_registers([path], AS_OF, parse_config({}), "en").registers[0]
    assert register.region == "hong_kong"
    assert [r.received_at for r in register.records] == [datetime(2026, 11, d, 10, 0) for d in (3, 5, 7, 11, 12)]
    assert {r.fee for r in register.records} == {Decimal("350.00")}


MACAU_HEADER = [
    "投訴編號", "投訴時間", "投訴人", "聯絡電話", "單位", "投訴內容", "投訴類別", "首問責任人", "責任部門",
    "承諾答覆時間", "答覆時間", "處理結果", "回訪時間", "回訪結果", "結案時間",
]


def macau_complaint(no: str, day: int, phone: str) -> dict:
    return {
        "投訴編號": no, "投訴時間": f"{day}/11/2026 09:30", "投訴人": "陳大文", "聯絡電話": phone, "單位": "B座8樓A室",
        "投訴內容": "樓上裝修噪音過大，中午也在施工", "投訴類別": "管理服務", "首問責任人": "何小姐", "責任部門": "保安部",
        "承諾答覆時間": f"{day + 2}/11/2026 17:00", "答覆時間": f"{day + 1}/11/2026 10:00", "處理結果": "已約談裝修戶",
        "回訪時間": f"{day + 3}/11/2026 15:00", "回訪結果": "滿意", "結案時間": f"{day + 3}/11/2026 16:00",
    }


def test_a_macau_complaint_register_is_judged_by_macaus_plan(tmp_path):
    rows = [
        macau_complaint("TS001", 2, "6612 3456"), macau_complaint("TS002", 3, "2888 1234"),
        macau_complaint("TS003", 4, "+853 6688 1234"), macau_complaint("TS004", 5, "8802 8888"),
        macau_complaint("TS005", 6, "6123 4567"),
        macau_complaint("TS006", 7, "2123 4567"),  # a Hong Kong landline: not Macau's
    ]
    path = write_register(tmp_path / "濠江雅苑-客戶投訴登記表.xlsx", rows, MACAU_HEADER, title="客戶投訴登記表（2026年11月）")
    data = validate_json(str(path))
    assert data["files"][0]["sheets"][0]["region"]["region"] == "macau"
    assert findings(data, "bad-phone") == [(8, "bad-phone")]
    assert findings(data, "bad-value") == [] and findings(data, "time-order") == []


TW_HEADER = ["單號", "報修日期", "戶別", "報修內容", "住戶姓名", "聯絡電話", "收費/免費", "維修人員簽名", "完工日期", "住戶簽名",
             "費用", "返單日期", "返單簽收人", "財務簽收"]


def tw_order(no: str, day: int, phone: str, fee: str = "NT$800") -> dict:
    return {"單號": no, "報修日期": f"115/11/{day:02d}", "戶別": "5樓之3", "報修內容": "浴室排水孔堵塞", "住戶姓名": "林小姐",
            "聯絡電話": phone, "收費/免費": "收費", "維修人員簽名": "張師傅", "完工日期": f"115/11/{day:02d}",
            "住戶簽名": "林小姐", "費用": fee, "返單日期": f"115/11/{day + 1:02d}", "返單簽收人": "王小姐", "財務簽收": "會計"}


def test_a_taiwan_register_is_judged_by_taiwans_plan_and_reads_nt_dollars(tmp_path):
    rows = [
        tw_order("A001", 2, "0911-521-929"), tw_order("A002", 3, "(02) 2345-6789", "NT$1,500"),
        tw_order("A003", 4, "04-2234-5678"), tw_order("A004", 5, "0922 333 444", "新台幣600元"),
        tw_order("A005", 6, "0911-521-92"),  # a digit short
    ]
    path = write_register(tmp_path / "翠峰大廈-報修登記簿.xlsx", rows, TW_HEADER, title="報修登記簿（115年11月）")
    data = validate_json(str(path))
    region = data["files"][0]["sheets"][0]["region"]
    assert region["region"] == "taiwan" and region["clues"]["roc_dates"] > 0 and region["day_first_dates"] == 0
    assert findings(data, "bad-phone") == [(7, "bad-phone")]
    assert findings(data, "bad-value") == [] and findings(data, "foreign-currency") == []


def test_a_mainland_register_accepts_numbers_with_a_country_code_and_warns_of_foreign_money(tmp_path):
    rows = [
        good_order(单号="WX2611001"),
        good_order(单号="WX2611002", 联系电话="+852 9123 4567"),  # a Hong Kong owner, with the code
        good_order(单号="WX2611003", 联系电话="86001234"),  # a local landline: not Hong Kong's
        good_order(单号="WX2611004", **{"费用(元)": "HK$350"}),
        good_order(单号="WX2611005", **{"费用(元)": "US$50"}),
        good_order(单号="WX2611006", 报修时间="18/11/2026 10:20", 派单时间="18/11/2026 10:22",
                   工程部接单时间="18/11/2026 10:25", 完工时间="18/11/2026 11:00", 返单时间="18/11/2026 12:00"),
    ]
    path = write_register(tmp_path / "维修登记.xlsx", rows)
    data = validate_json(str(path))
    assert findings(data, "bad-phone") == []
    # left out of the totals, said once as a warning: not "not an amount", not a missing fee
    assert findings(data, "foreign-currency") == [(6, "foreign-currency"), (7, "foreign-currency")]
    assert findings(data, "bad-value") == [] and findings(data, "missing-fee") == []
    message = next(f["message"] for f in data["findings"] if f["rule"] == "foreign-currency")
    assert message == "fee \"HK$350\" is not in the money of the register's region: left out of the fee totals"
    region = data["files"][0]["sheets"][0]["region"]
    assert region["region"] == "mainland" and region["day_first_dates"] == 5  # 18/11/2026: only day first can be
    assert findings(data, "time-order") == []
    verbose = run_cli("validate", str(path), *AS_OF_ARGS, "--verbose", "--lang", "en").stdout
    assert "region: mainland (guessed from 4 phone numbers); slashed dates read day first" in verbose


def test_a_plain_mainland_register_says_nothing_of_its_region(tmp_path):
    path = write_register(tmp_path / "维修登记.xlsx", [good_order(单号=f"WX26110{i:02d}") for i in range(1, 4)])
    data = validate_json(str(path))
    assert data["files"][0]["sheets"][0]["region"] is None and data["findings"] == []
    assert "region" not in run_cli("validate", str(path), *AS_OF_ARGS, "--verbose", "--lang", "en").stdout


def test_a_traditional_register_with_mainland_phones_stays_mainland(tmp_path):
    rows = [hk_order(f"0045{i:02d}", 10 + i, "13812345678", **{"費用": "¥120"}) for i in range(1, 4)]
    path = write_register(tmp_path / "trad.xlsx", rows, HK_HEADER, title="維修工作單登記表（2026年11月）")
    data = validate_json(str(path))
    region = data["files"][0]["sheets"][0]["region"]
    assert region["region"] == "mainland" and region["source"] == "guessed"
    assert findings(data, "bad-phone") == [] and findings(data, "foreign-currency") == []


def test_the_config_sets_the_region_over_the_guess(tmp_path):
    rows = [good_order(单号="WX2611001", 联系电话="9123 4567", **{"费用(元)": "HK$350"}),
            good_order(单号="WX2611002", 联系电话="0755-86001234"),  # a mainland landline, no +86
            good_order(单号="WX2611003", 联系电话="86001234")]  # a mainland local number; no Hong Kong one starts with 8
    path = write_register(tmp_path / "维修登记.xlsx", rows)
    # unset: a Simplified register with one HK$ is the mainland's, and 8 digits are a local number
    data = validate_json(str(path))
    assert findings(data, "bad-phone") == [] and findings(data, "foreign-currency") == [(3, "foreign-currency")]

    config = tmp_path / "toolkit.toml"
    config.write_text('[registers]\nregion = "hong_kong"\n', encoding="utf-8")
    data = validate_json(str(path), "--config", str(config))
    assert data["files"][0]["sheets"][0]["region"] == {"region": "hong_kong", "source": "config", "clues": {},
                                                        "day_first_dates": 0}
    assert findings(data, "bad-phone") == [(4, "bad-phone"), (5, "bad-phone")] and findings(data, "foreign-currency") == []
    verbose = run_cli("validate", str(path), *AS_OF_ARGS, "--verbose", "--lang", "en", "--config", str(config)).stdout
    assert "region: Hong Kong (set in toolkit.toml)" in verbose


def test_an_unknown_region_in_the_config_is_refused_naming_the_choices(tmp_path):
    path = write_register(tmp_path / "维修登记.xlsx", [good_order()])
    config = tmp_path / "toolkit.toml"
    config.write_text('[registers]\nregion = "hongkong"\n', encoding="utf-8")
    result = run_cli("validate", str(path), *AS_OF_ARGS, "--lang", "en", "--config", str(config))
    assert result.returncode == 2
    assert "registers.region" in result.stderr and '"hong_kong"' in result.stderr


def test_toolkit_init_shows_the_region_setting(tmp_path):
    result = run_cli("init", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "toolkit.toml").read_text(encoding="utf-8")
    assert "[registers]" in text and '# region = "hong_kong"' in text
    assert parse_config({"registers": {"region": "taiwan"}}).region == "taiwan"
