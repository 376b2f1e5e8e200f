"""Complaint registers read as clerks keep them: recognised by their columns beside work-order
registers, with each site's header words, dates typed as text, totals and footers.

The check time is 2026-11-25 09:00.
"""

from __future__ import annotations

import json
from datetime import datetime

import openpyxl
import pytest
from helpers import (
    AS_OF, COMPLAINT_HEADER, COMPLAINT_TITLE, WORK_ORDER_HEADER, check, good_complaint, good_order, open_complaint, run_cli,
    write_register,
)

from toolkit.config import parse_config
from toolkit.validate import read_registers, validate
from toolkit import validate as library


def rules(report):
    return {(f.record, f.rule) for f in report.findings}


# ---- recognised by its columns ------------------------------------------------------------------

def test_a_complaint_register_is_recognised_by_its_columns_without_a_title(register):
    report = check(register([good_complaint()], COMPLAINT_HEADER, title=None))
    sheet = report.files[0].sheets[0]
    assert (sheet.kind, sheet.header_row, sheet.records) == ("complaints", 1, 1)
    assert sheet.columns["complaint_no"] == "A" and sheet.columns["closed_at"] == "Q"
    assert sheet.unmapped_columns == []


def test_a_register_with_a_different_site_s_words_is_still_a_complaint_register(register):
    header = ["编号", "日期", "业主", "电话", "地址", "事由", "类型", "投诉人数", "受理人", "处理人",
              "约定回复时间", "回复时间", "处理情况", "回访日期", "满意度", "关闭时间"]
    row = ["KS-031", "2026/11/10", "周敏", "13566778899", "5-2-802", "地下车库积水，车辆无法进出", "设备设施", 1,
           "陈晓", "工程部", "2026/11/11 17:00", "2026/11/11 10:00", "已疏通排水沟", "2026/11/13",
           "不满意", "2026/11/13"]
    report = check(register([row], header, title="翠湖苑服务中心投诉登记（2026年11月）"))
    sheet = report.files[0].sheets[0]
    assert sheet.kind == "complaints"
    assert sheet.columns == {
        "complaint_no": "A", "received_at": "B", "complainant": "C", "phone": "D", "location": "E", "content": "F",
        "category": "G", "people_count": "H", "first_handler": "I", "owner": "J", "promised_reply_at": "K",
        "replied_at": "L", "result": "M", "visit_at": "N", "visit_result": "O", "closed_at": "P",
    }
    assert rules(report) == {("KS-031", "closed-unsatisfied")}


@pytest.mark.parametrize("canonical, variant", [
    ("投诉编号", "编号"), ("投诉编号", "投诉单号"), ("投诉编号", "登记号"),
    ("投诉时间", "受理时间"), ("投诉时间", "来电时间"), ("投诉时间", "投诉日期"),
    ("投诉人", "客户"), ("投诉人", "业主姓名"), ("投诉人", "投诉人姓名"),
    ("联系电话", "手机"), ("联系电话", "联系方式"),
    ("房号", "地址"), ("房号", "楼栋房号"),
    ("投诉内容", "事由"), ("投诉内容", "投诉事由"), ("投诉内容", "问题描述"),
    ("投诉类别", "类型"), ("投诉类别", "投诉类型"),
    ("涉及人数", "投诉人数"), ("涉及人数", "人数"),
    ("曝光/诉讼", "是否曝光/诉讼"), ("曝光/诉讼", "媒体曝光"), ("曝光/诉讼", "诉讼情况"),
    ("首问责任人", "受理人"), ("首问责任人", "接待人"), ("首问责任人", "首问人"),
    ("责任部门", "责任人"), ("责任部门", "处理人"), ("责任部门", "承办部门"), ("责任部门", "处理部门"),
    ("承诺答复时间", "约定回复时间"), ("承诺答复时间", "答复期限"), ("承诺答复时间", "承诺回复日期"),
    ("承诺答复时间", "最迟答复时间"),
    ("答复时间", "回复时间"), ("答复时间", "实际答复时间"), ("答复时间", "回复日期"),
    ("处理结果", "处理情况"), ("处理结果", "答复内容"),
    ("回访时间", "回访日期"),
    ("回访结果", "满意度"), ("回访结果", "回访意见"), ("回访结果", "是否满意"),
    ("结案时间", "关闭时间"), ("结案时间", "办结日期"), ("结案时间", "结案日期"),
])
def test_a_header_variant_maps_to_the_same_field(register, canonical, variant):
    header = [variant if h == canonical else h for h in COMPLAINT_HEADER]
    reference = check(register([good_complaint()], COMPLAINT_HEADER)).files[0].sheets[0].columns
    sheet = check(register([good_complaint()], header)).files[0].sheets[0]
    assert sheet.kind == "complaints"
    assert sheet.columns == reference, sheet.unmapped_columns
    assert sheet.unmapped_columns == []


def test_the_first_handler_is_not_taken_for_the_responsible_department(register):
    header = ["投诉编号", "投诉时间", "投诉人", "联系电话", "投诉内容", "首问责任人", "责任人"]
    sheet = check(register([["TS01", "2026/11/10 9:30", "刘伟", "13812345678", "漏水", "王丽", "李工"]], header)
                  ).files[0].sheets[0]
    assert (sheet.columns["first_handler"], sheet.columns["owner"]) == ("F", "G")


def test_a_work_order_register_with_return_visit_columns_stays_a_work_order_register(register):
    header = WORK_ORDER_HEADER + ["回访时间", "回访结果"]
    sheet = check(register([good_order(回访时间=datetime(2026, 11, 4, 10), 回访结果="满意")], header)).files[0].sheets[0]
    assert sheet.kind == "work_orders"
    assert sheet.columns["visit_result"] == "V"


def test_a_complaint_register_s_row_counter_is_not_its_number(register):
    header = ["序号"] + COMPLAINT_HEADER
    report = check(register([[1, *good_complaint().values()], [2, *good_complaint(投诉编号="TS2611002").values()]],
                            header))
    sheet = report.files[0].sheets[0]
    assert sheet.columns["complaint_no"] == "B"
    assert report.findings == []


def test_a_two_level_complaint_header_takes_the_meaning_from_its_groups(tmp_path):
    # 处理 / 回访 groups over the column names; 序号 and 结案时间 merged down both rows.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "11月"
    ws.append(["翠湖苑服务中心 投诉登记（2026年11月）"])
    ws.merge_cells("A1:O1")
    ws.append(["序号", "投诉登记", None, None, None, None, None, None, "处理", None, None, None, "回访", None, "结案时间"])
    ws.append([None, "编号", "日期", "投诉人", "电话", "房号", "内容", "类别", "责任部门", "承诺答复时间", "答复时间",
               "处理结果", "时间", "结果", None])
    for col in ("A", "O"):
        ws.merge_cells(f"{col}2:{col}3")
    for cells in ("B2:H2", "I2:L2", "M2:N2"):
        ws.merge_cells(cells)
    ws.append([1, "TS001", "11月10日 9:30", "刘伟", "13812345678", "3-1201", "楼上装修噪音", "管理服务", "秩序部",
               "11月12日 17:00", "11月12日 15:00", "已约谈装修户", "11月14日 10:00", "不满意", "11月14日 11:00"])
    path = tmp_path / "投诉登记.xlsx"
    wb.save(path)
    report = check(path)
    sheet = report.files[0].sheets[0]
    assert (sheet.kind, sheet.header_row, sheet.records) == ("complaints", 2, 1)
    assert (sheet.columns["visit_at"], sheet.columns["visit_result"], sheet.columns["closed_at"]) == ("M", "N", "O")
    assert (sheet.columns["received_at"], sheet.columns["owner"]) == ("C", "I")
    assert rules(report) == {("TS001", "closed-unsatisfied")}


@pytest.mark.parametrize("promised, actual", [("承诺", "实际"), ("应答复", "已答复")])
def test_under_a_reply_group_the_promised_and_the_actual_reply_are_told_apart(tmp_path, promised, actual):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2026年11月"
    ws.append(["投诉编号", "投诉时间", "投诉人", "联系电话", "房号", "投诉内容", "责任人", "答复", None, "结案时间"])
    ws.append([None, None, None, None, None, None, None, promised, actual, None])
    for col in ("A", "B", "C", "D", "E", "F", "G", "J"):
        ws.merge_cells(f"{col}1:{col}2")
    ws.merge_cells("H1:I1")
    ws.append(["TS2611001", datetime(2026, 11, 5, 9, 0), "刘伟", "13812345678", "3-1201", "楼上装修噪音", "王丽",
               datetime(2026, 11, 6, 18, 0), datetime(2026, 11, 7, 10, 0), None])
    path = tmp_path / "投诉登记.xlsx"
    wb.save(path)
    report = check(path)
    sheet = report.files[0].sheets[0]
    assert (sheet.columns["promised_reply_at"], sheet.columns["replied_at"]) == ("H", "I")
    assert rules(report) == {("TS2611001", "reply-late")}  # answered, late: not "still unanswered"


@pytest.mark.parametrize("column", ["是否结案", "结案"])
def test_a_close_kept_as_yes_or_no_counts_as_closed_or_open(register, column):
    header = [column if h == "结案时间" else h for h in COMPLAINT_HEADER]
    answered = {"答复时间": None, "处理结果": None}
    rows = [
        good_complaint(投诉编号="TS2611001", 回访结果="不满意", **{"结案时间": None, column: "是"}),
        good_complaint(投诉编号="TS2611002", 回访时间=None, 回访结果=None, **{column: "已结案"}),
        good_complaint(投诉编号="TS2611003", 投诉时间=datetime(2026, 10, 10, 9, 0),
                       承诺答复时间=datetime(2026, 11, 30, 17, 0), 回访时间=None, 回访结果=None, **answered,
                       **{column: "否"}),
        good_complaint(投诉编号="TS2611004", **{column: "√"}),
    ]
    report = check(register(rows, header, title=COMPLAINT_TITLE))
    assert report.files[0].sheets[0].columns["closed_at"] == "Q"
    assert rules(report) == {("TS2611001", "closed-unsatisfied"), ("TS2611002", "missing-visit"),
                             ("TS2611003", "major-complaint")}  # open 46 days: major; no bad values


# ---- values as clerks type them -------------------------------------------------------------------

def test_dates_typed_as_text_are_read_in_every_usual_form(register):
    row = good_complaint(投诉时间="2026.11.10 9:30", 承诺答复时间="11月12日 17:00", 答复时间="2026/11/13 09:00",
                         回访时间="11月14日 15:00", 结案时间="2026-11-14 16:00")
    report = check(register([row], COMPLAINT_HEADER))
    assert rules(report) == {("TS2611001", "reply-late")}
    finding = report.findings[0]
    assert finding.message == "answered at 2026-11-13 09:00, after the promised reply time 2026-11-12 17:00"


def test_a_promised_reply_written_as_a_time_alone_is_that_day_of_the_complaint(register):
    row = open_complaint(投诉时间="11月24日 10:00", 承诺答复时间="17:00")
    report = check(register([row], COMPLAINT_HEADER))
    finding = next(f for f in report.findings if f.rule == "reply-overdue")
    assert "promised a reply by 2026-11-24 17:00, still unanswered 16.0 h later" in finding.message


def test_a_date_column_and_a_time_column_make_one_receipt_time(register):
    header = ["编号", "日期", "时间", "投诉人", "电话", "投诉内容", "责任人", "承诺答复时间", "答复时间"]
    row = ["TS01", "2026/11/24", "10:00", "刘伟", "13812345678", "电梯异响", "工程部", "12:00", None]
    report = check(register([row], header))
    sheet = report.files[0].sheets[0]
    assert sheet.kind == "complaints" and sheet.columns["received_at"] == "B+C"
    finding = next(f for f in report.findings if f.rule == "reply-overdue")
    assert "promised a reply by 2026-11-24 12:00" in finding.message


def test_a_head_count_typed_with_its_unit_is_read(register):
    report = check(register([open_complaint(涉及人数="12人")], COMPLAINT_HEADER))
    assert rules(report) == {("TS2611001", "major-complaint")}


def test_totals_and_signature_footer_under_a_complaint_register_are_skipped(register):
    report = check(register([good_complaint(), good_complaint(投诉编号="TS2611002")], COMPLAINT_HEADER,
                            title=COMPLAINT_TITLE, footer=True))
    sheet = report.files[0].sheets[0]
    assert sheet.records == 2
    assert [(s.row, s.reason) for s in sheet.skipped_rows] == [(5, "total"), (6, "footer")]
    assert report.findings == []


# ---- both kinds together -------------------------------------------------------------------------

def test_a_folder_with_both_kinds_checks_each_with_its_own_rules(tmp_path):
    write_register(tmp_path / "维修登记.xlsx", [good_order(客户签字=None)])
    write_register(tmp_path / "投诉登记.xlsx", [good_complaint(回访结果="不满意")], COMPLAINT_HEADER, title=COMPLAINT_TITLE)
    result = run_cli("validate", str(tmp_path), "--as-of", "2026-11-25 09:00", "--format", "json", "--lang", "en")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    kinds = {f["path"].rsplit("/", 1)[-1]: [s["kind"] for s in f["sheets"]] for f in data["files"]}
    assert kinds == {"维修登记.xlsx": ["work_orders"], "投诉登记.xlsx": ["complaints"]}
    found = {(f["path"].rsplit("/", 1)[-1], f["record"], f["rule"]) for f in data["findings"]}
    assert found == {("维修登记.xlsx", "WX2611001", "missing-signature"),
                     ("投诉登记.xlsx", "TS2611001", "closed-unsatisfied")}
    assert data["summary"]["registers"] == 2 and data["summary"]["records"] == 2


def test_registers_can_be_read_for_one_kind_only_and_every_file_is_still_read(tmp_path):
    """What reminders ask for: the complaint registers' records, while every file is still read and reported."""
    for k in range(2):  # two files: read in worker processes, as a folder is
        write_register(tmp_path / f"维修登记-{k}.xlsx", [good_order(单号=f"WX261100{k}", 客户签字=None)])
    write_register(tmp_path / "投诉登记.xlsx", [good_complaint()], COMPLAINT_HEADER, title=COMPLAINT_TITLE)
    read = read_registers([tmp_path], AS_OF, parse_config({}), "en", kinds=("complaints",))
    assert [(reg.kind, len(reg.records)) for reg in read.registers] == [("complaints", 1)]
    assert len(read.files) == 3 and not read.unusable_files
    everything = read_registers([tmp_path], AS_OF, parse_config({}), "en")
    assert sorted(reg.kind for reg in everything.registers) == ["complaints", "work_orders", "work_orders"]
    findings = library.check(everything.registers, parse_config({}), AS_OF, "en")
    assert sorted(f.record for f in findings) == ["WX2611000", "WX2611001"]


def test_one_workbook_with_a_work_order_sheet_and_a_complaint_sheet_checks_both(tmp_path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    path = tmp_path / "服务中心登记表-2026年11月.xlsx"
    write_register(path, [good_order(联系电话="1381234567")], sheet="维修", workbook=wb)
    write_register(path, [good_complaint(投诉类别="服务态度")], COMPLAINT_HEADER, sheet="投诉", title=COMPLAINT_TITLE, workbook=wb)
    report = check(path)
    assert [(s.name, s.kind) for s in report.files[0].sheets] == [("维修", "work_orders"), ("投诉", "complaints")]
    assert {(f.sheet, f.rule, f.field) for f in report.findings} == {
        ("维修", "bad-phone", "customer_phone"), ("投诉", "bad-category", "category")}


def test_a_work_order_and_a_complaint_sharing_a_number_are_not_duplicates(tmp_path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    path = tmp_path / "登记表.xlsx"
    write_register(path, [good_order(单号="2611001")], sheet="维修", workbook=wb)
    write_register(path, [good_complaint(投诉编号="2611001")], COMPLAINT_HEADER, sheet="投诉", title=COMPLAINT_TITLE, workbook=wb)
    assert check(path).findings == []


def test_the_text_report_names_the_complaint_register_kind(register):
    path = register([good_complaint(回访时间=None, 回访结果=None)], COMPLAINT_HEADER, title=COMPLAINT_TITLE)
    result = run_cli("validate", str(path), "--as-of", "2026-11-25 09:00", "--lang", "zh")
    assert result.returncode == 0, result.stderr  # a warning only
    assert "2026年11月 · 投诉 ·" in result.stdout
    assert "missing-visit" in result.stdout and "已结案但没有回访记录" in result.stdout


def test_how_a_complaint_came_in_is_not_the_complainant(register):
    header = ["编号", "受理时间", "投诉方式", "投诉人", "联系电话", "投诉内容", "责任人", "承诺答复时间", "答复时间"]
    row = ["TS01", "2026/11/24 10:00", "电话", "刘伟", "13812345678", "电梯异响", "工程部", "2026/11/25 12:00", None]
    report = check(register([row], header))
    sheet = report.files[0].sheets[0]
    assert sheet.columns["complainant"] == "D"
    assert "C: 投诉方式" in sheet.unmapped_columns


def test_a_group_label_over_one_column_still_names_it(tmp_path):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2026年11月"
    ws.append(["编号", "受理时间", "投诉人", "联系电话", "投诉内容", "责任人", "承诺答复时间", "答复", "回访", None])
    ws.append([None, None, None, None, None, None, None, "时间", "时间", "结果"])
    ws.merge_cells("I1:J1")
    for col in "ABCDEFG":
        ws.merge_cells(f"{col}1:{col}2")
    ws.append(["TS01", "2026/11/18 10:00", "刘伟", "13812345678", "电梯异响", "王丽", "2026/11/21 17:00",
               "2026/11/21 15:00", "2026/11/22 10:00", "满意"])
    path = tmp_path / "c.xlsx"
    wb.save(path)
    report = check(path)
    sheet = report.files[0].sheets[0]
    assert sheet.columns["replied_at"] == "H" and sheet.columns["visit_at"] == "I" and sheet.columns["visit_result"] == "J"
    assert not [f for f in report.findings if f.rule == "reply-overdue"]


@pytest.mark.parametrize("about", ["被投诉人", "被投诉部门", "被投诉对象"])
def test_whom_the_complaint_is_about_is_never_the_complainant(register, about):
    header = ["投诉编号", "投诉时间", "业主姓名", "房号", "联系电话", "投诉内容", about, "投诉类别", "处理部门",
              "承诺答复时间", "答复时间", "回访结果", "结案日期"]
    rows = [["TS2611001", "2026/11/02 9:00", "刘伟", "1-1201", "13812345678", "楼上装修噪音影响休息", None, "管理服务",
             "客服部", "2026/11/03 17:00", "2026/11/03 10:00", "满意", "2026/11/04 10:00"],
            ["TS2611002", "2026/11/04 9:00", "王芳", "2-0502", "13912345678", "保安对业主态度恶劣", "保安 张强", "管理服务",
             "秩序部", "2026/11/05 17:00", "2026/11/05 10:00", "满意", "2026/11/06 10:00"]]
    report = check(register(rows, header))
    sheet = report.files[0].sheets[0]
    assert sheet.kind == "complaints"
    assert sheet.columns["complainant"] == "C" and sheet.columns["owner"] == "I"
    assert sheet.unmapped_columns == [f"G: {about}"]
    assert report.findings == []


@pytest.mark.parametrize("visit", ["回访", "回访记录", "回访内容", "回访意见"])
def test_a_return_visit_column_is_the_visit_result_so_an_unsatisfied_closure_is_caught(register, visit):
    header = [visit if h == "回访结果" else h for h in COMPLAINT_HEADER] + ["回访人"]
    rows = [{**good_complaint(), visit: "不满意，仍有异味", "回访人": "陈静"},
            {**good_complaint(投诉编号="TS2611002", 回访时间=None), visit: None}]
    report = check(register(rows, header))
    sheet = report.files[0].sheets[0]
    assert (sheet.columns["visit_at"], sheet.columns["visit_result"]) == ("O", "P")
    assert sheet.unmapped_columns == ["R: 回访人"]
    assert rules(report) == {("TS2611001", "closed-unsatisfied"), ("TS2611002", "missing-visit")}


def test_the_handler_of_a_complaint_stays_its_owner_though_a_work_order_s_handler_is_the_repairer(register):
    header = ["编号", "受理时间", "业主姓名", "联系电话", "投诉内容", "处理人", "答复时间", "回访"]
    row = ["TS01", "2026/11/18 10:00", "刘伟", "13812345678", "电梯异响", "李工", "2026/11/18 15:00", "满意"]
    sheet = check(register([row], header, title=None)).files[0].sheets[0]
    assert sheet.kind == "complaints"
    assert (sheet.columns["owner"], sheet.columns["visit_result"]) == ("F", "H")
    assert sheet.unmapped_columns == []
