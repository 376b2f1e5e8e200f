"""Registers written in Traditional Chinese (Hong Kong, Macau, Taiwan) are read like Simplified
ones: headers and the words the reader interprets are folded to Simplified (OpenCC), headers are
quoted as written, and a Taiwanese register's ROC dates (民國115年11月6日, 115/11/06) are dates."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime

import pytest

from helpers import check, hits, sheet, write_register
from toolkit.registers.script import fold, is_traditional, may_be_traditional
from toolkit.registers.values import Unreadable, parse_datetime, parse_flag, roc_to_western, signer

HK_ORDER_HEADER = [
    "單號", "報修時間", "派單時間", "戶別", "報修內容", "住戶姓名", "聯絡電話", "收費/免費",
    "工程部接單時間", "接單人", "維修人員簽名", "完工時間", "住戶簽名", "費用", "延誤原因",
    "未完成原因", "返單時間", "返單簽收人", "特殊批示", "財務簽收",
]


def hk_order(no: str, day: int, **overrides) -> dict:
    """A complete, returned, correct work order of a Hong Kong register."""
    order = {
        "單號": no, "報修時間": datetime(2026, 11, day, 10, 0), "派單時間": datetime(2026, 11, day, 10, 2),
        "戶別": "A座12樓C室", "報修內容": "廚房水龍頭漏水", "住戶姓名": "陳大文", "聯絡電話": "13812345678",
        "收費/免費": "收費", "工程部接單時間": datetime(2026, 11, day, 10, 4), "接單人": "黃師傅",
        "維修人員簽名": "李俊傑", "完工時間": datetime(2026, 11, day, 12, 0), "住戶簽名": "陳大文", "費用": 120,
        "延誤原因": None, "未完成原因": None, "返單時間": datetime(2026, 11, day, 13, 0), "返單簽收人": "何小姐",
        "特殊批示": None, "財務簽收": "會計部",
    }
    order.update(overrides)
    return order


def test_a_hong_kong_work_order_register_is_found_and_its_defects_reported(tmp_path):
    rows = [
        hk_order("004501", 2),
        hk_order("004502", 3, **{"收費/免費": "免費", "費用": None, "財務簽收": None}),
        hk_order("004503", 4, **{"住戶簽名": "未簽"}),  # returned without the customer's signature
        hk_order("004504", 5, **{"費用": None}),  # paid, returned, no fee
        hk_order("004505", 6, **{"完工時間": "維修中", "返單時間": None, "返單簽收人": None,
                                   "未完成原因": "等待配件"}),  # still open
    ]
    path = write_register(tmp_path / "海濱花園-維修工作單登記表.xlsx", rows, HK_ORDER_HEADER,
                          title="海濱花園管理處維修工作單登記表（2026年11月）")
    # the totals and signature footer, written in Traditional
    import openpyxl
    wb = openpyxl.load_workbook(path)
    wb.active.append(["合計"] + [None] * (len(HK_ORDER_HEADER) - 1))
    wb.active.append(["製表人：何小姐", None, None, "審核：張經理"])
    wb.save(path)

    report = check(path)
    s = sheet(report)
    assert s.kind == "work_orders"
    assert s.columns["location"] == "D" and s.columns["paid"] == "H" and s.columns["customer_signature"] == "M"
    assert s.unmapped_columns == []
    assert s.records == 5  # 合計 and 製表人 are not orders
    assert hits(report, "bad-value") == []  # 收費, 免費, 維修中 all read
    signature = hits(report, "missing-signature")
    assert [(f.row, f.cell, f.column) for f in signature] == [(5, "M5", "住戶簽名")]  # quoted as written
    assert [f.row for f in hits(report, "missing-fee")] == [6]
    assert {f.rule for f in report.findings} == {"missing-signature", "missing-fee"}


TRAD_COMPLAINT_HEADER = [
    "投訴編號", "投訴時間", "投訴人", "聯絡電話", "單位", "投訴內容", "投訴類別", "涉及人數", "曝光/訴訟",
    "首問責任人", "責任部門", "承諾答覆時間", "答覆時間", "處理結果", "回訪時間", "回訪結果", "結案時間",
]


def trad_complaint(no: str, **overrides) -> dict:
    complaint = {
        "投訴編號": no, "投訴時間": datetime(2026, 11, 10, 9, 30), "投訴人": "陳大文", "聯絡電話": "13812345678",
        "單位": "B座8樓A室", "投訴內容": "樓上裝修噪音過大，中午也在施工", "投訴類別": "管理服務", "涉及人數": 1,
        "曝光/訴訟": "否", "首問責任人": "何小姐", "責任部門": "保安部",
        "承諾答覆時間": datetime(2026, 11, 12, 17, 0), "答覆時間": datetime(2026, 11, 12, 10, 0),
        "處理結果": "已約見裝修戶，限定施工時間", "回訪時間": datetime(2026, 11, 14, 15, 0), "回訪結果": "滿意",
        "結案時間": datetime(2026, 11, 14, 16, 0),
    }
    complaint.update(overrides)
    return complaint


def test_a_traditional_complaint_register_is_found_and_its_defects_reported(tmp_path):
    rows = [
        trad_complaint("TS001"),
        trad_complaint("TS002", **{"投訴類別": "設備設施", "回訪結果": "不滿意，閘機仍故障"}),  # closed unsatisfied
        trad_complaint("TS003", **{"投訴時間": datetime(2026, 11, 20, 9, 0), "投訴內容": "電梯困人，已有記者到場採訪",
                                   "投訴類別": "突發事件", "承諾答覆時間": datetime(2026, 11, 28, 17, 0),
                                   "答覆時間": None, "處理結果": None, "回訪時間": None, "回訪結果": None,
                                   "結案時間": None}),  # major: a reporter
        trad_complaint("TS004", **{"投訴類別": "收費", "結案時間": "已結案"}),  # closed, time not written
    ]
    path = write_register(tmp_path / "客戶投訴登記表.xlsx", rows, TRAD_COMPLAINT_HEADER,
                          title="濠江雅苑客戶投訴登記表（2026年11月）")
    report = check(path)
    s = sheet(report)
    assert s.kind == "complaints"
    assert s.columns["location"] == "E" and s.columns["visit_result"] == "P" and s.columns["closed_at"] == "Q"
    assert hits(report, "bad-category") == []  # 設備設施, 突發事件, 收費 are the classes
    unsatisfied = hits(report, "closed-unsatisfied")
    assert [f.row for f in unsatisfied] == [4]
    major = hits(report, "major-complaint")
    assert [(f.row, f.column) for f in major] == [(5, "投訴內容")]
    assert "TS004" not in {f.record for f in report.findings if f.rule in ("missing-visit", "reply-overdue")}


def test_fold_uses_the_conversion_table_and_leaves_simplified_alone():
    assert fold("維修工作單登記表") == "维修工作单登记表"
    assert fold("綫路") == "线路"  # a Hong Kong variant
    assert fold("臺北") == "台北"
    simplified = "维修工作单登记表 2026"
    assert fold(simplified) is simplified
    assert not may_be_traditional("单号") and may_be_traditional("單號")
    assert is_traditional("報修時間") and not is_traditional("报修时间")


def test_words_in_values_are_read_folded():
    # a Traditional register's cells are parsed folded (the register test above); a signature
    # saying nobody signed is told in either script wherever it stands
    assert parse_flag(fold("收費")) is True and parse_flag(fold("免費")) is False
    assert signer("未簽") is None and signer("拒簽") is None and signer("陳大文") == "陳大文"


@pytest.mark.parametrize("text, expected", [
    ("民國115年11月6日", date(2026, 11, 6)),
    ("民国115年11月6日", date(2026, 11, 6)),
    ("115/11/06", date(2026, 11, 6)),
    ("115.11.6", date(2026, 11, 6)),
    ("115/11/02 12:28", datetime(2026, 11, 2, 12, 28)),
    ("民國99年1月2日", date(2010, 1, 2)),
    ("2026/11/06", date(2026, 11, 6)),  # a Western year stays one
])
def test_roc_dates_in_a_taiwanese_register(text, expected):
    assert parse_datetime(text, date(2026, 11, 1), roc=True) == expected


def test_roc_dates_only_in_a_taiwanese_register():
    assert type(parse_datetime("115/11/06", date(2026, 11, 1))) is Unreadable
    assert roc_to_western("115/11/06") == "2026/11/06"
    assert roc_to_western("250/11/06") == "250/11/06"
    assert roc_to_western("10.30") == "10.30"


def test_a_taiwanese_register_reads_roc_dates(tmp_path):
    header = ["編號", "報修日期", "戶別", "住戶姓名", "聯絡電話", "報修事項", "派工時間", "接單時間", "維修人員簽名",
              "完工時間", "住戶簽名", "收費/免費", "費用", "單據交回時間", "交回簽收人"]
    rows = [["115-11-001", "民國115年11月2日 09:10", "3樓之1", "林志明", "13812345678", "浴室水龍頭漏水",
             "115/11/02 09:12", "115/11/02 09:14", "王師傅", "115/11/02 11:00", "林志明", "免費", None,
             "115/11/02 12:00", "張小姐"]]
    report = check(write_register(tmp_path / "翠峰大廈-報修登記簿.xlsx", rows, header, sheet="115年11月",
                                  title="翠峰大廈報修登記簿"))
    assert sheet(report).kind == "work_orders"
    assert report.findings == []


def test_opencc_is_loaded_only_for_traditional_text(tmp_path):
    code = ("import sys\n"
            "from toolkit.registers.header import normalise\n"
            "from toolkit.registers.values import parse_flag, signer\n"
            "assert normalise('报修时间') == '报修时间' and parse_flag('收费') and signer('未签') is None\n"
            "assert 'opencc' not in sys.modules\n"
            "assert normalise('報修時間') == '报修时间'\n"
            "assert 'opencc' in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True)
    help_run = subprocess.run([sys.executable, "-X", "importtime", "-m", "toolkit", "--help"],
                              capture_output=True, text=True, check=True)
    assert "opencc" not in help_run.stderr
