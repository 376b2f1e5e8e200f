"""Complaint-handling rules (seeds 000, 002, 003): each fires where the rule is broken, and
stays quiet on the near miss a clerk would rightly expect to pass.

Every test builds a real complaint register (title in row 1, header in row 2, first complaint
in row 3) and runs the same library call as `toolkit validate`. The check time is
2026-11-25 09:00.
"""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
from helpers import (
    AS_OF, COMPLAINT_HEADER, COMPLAINT_TITLE, check, good_complaint, hits, only, open_complaint, sheet, write_register,
)

from toolkit.config import parse_config
from toolkit.validate import validate


def run(register, rows, header=None, config=None, **kw):
    kw.setdefault("title", COMPLAINT_TITLE)
    return check(register(rows, header or COMPLAINT_HEADER, **kw), config=config)


def run_zh(register, rows, header=None, **kw):
    return check(register(rows, header or COMPLAINT_HEADER, title=COMPLAINT_TITLE, **kw), lang="zh")


def without(*names):
    return [h for h in COMPLAINT_HEADER if h not in names]


def test_a_complaint_handled_to_the_end_has_no_findings(register):
    report = run(register, [good_complaint()])
    assert report.findings == []
    assert sheet(report).kind == "complaints"
    assert sheet(report).records == 1
    assert sheet(report).rules_not_run == {}


def test_a_complaint_received_yesterday_with_a_reply_promised_for_tomorrow_has_no_findings(register):
    assert run(register, [open_complaint()]).findings == []


# ---- missing-field -------------------------------------------------------------------------

@pytest.mark.parametrize("header, cell, field", [
    ("投诉编号", "A3", "complaint_no"),
    ("投诉时间", "B3", "received_at"),
    ("投诉人", "C3", "complainant"),
    ("联系电话", "D3", "phone"),
    ("投诉内容", "F3", "content"),
    ("责任部门", "K3", "owner"),
])
def test_a_complaint_with_a_required_field_left_empty_is_an_error(register, header, cell, field):
    finding = only(run(register, [good_complaint(**{header: None})]), "missing-field")
    assert (finding.cell, finding.field, finding.severity) == (cell, field, "error")
    assert finding.message == f"{header} is empty"
    assert finding.record == (None if field == "complaint_no" else "TS2611001")


def test_room_category_head_count_first_handler_and_result_may_stay_empty(register):
    report = run(register, [good_complaint(房号=None, 投诉类别=None, 涉及人数=None, 首问责任人=None, 处理结果=None)])
    assert report.findings == []


def test_a_dash_in_the_complainant_column_is_still_a_missing_complainant(register):
    finding = only(run(register, [good_complaint(投诉人="-")]), "missing-field")
    assert (finding.cell, finding.field) == ("C3", "complainant")


def test_an_unreadable_received_time_is_a_bad_value_not_a_missing_field(register):
    report = run(register, [good_complaint(投诉时间="上周")])
    assert hits(report, "missing-field") == []
    finding = only(report, "bad-value")
    assert (finding.cell, finding.field) == ("B3", "received_at")


def test_missing_field_message_in_chinese_names_the_header_as_written(register):
    finding = only(run_zh(register, [good_complaint(投诉人=None)]), "missing-field")
    assert finding.message == "投诉人为空"


# ---- missing-reply-deadline ------------------------------------------------------------------

def test_an_unanswered_complaint_without_a_promised_reply_time_is_an_error(register):
    finding = only(run(register, [open_complaint(承诺答复时间=None)]), "missing-reply-deadline")
    assert (finding.cell, finding.field, finding.severity) == ("L3", "promised_reply_at", "error")
    assert "no reply time promised" in finding.message


def test_a_complaint_answered_on_the_spot_needs_no_promised_reply_time(register):
    report = run(register, [good_complaint(承诺答复时间=None, 答复时间=datetime(2026, 11, 10, 9, 45))])
    assert report.findings == []


def test_a_closed_complaint_without_reply_or_promise_is_not_missing_its_deadline(register):
    report = run(register, [good_complaint(承诺答复时间=None, 答复时间=None)])
    assert hits(report, "missing-reply-deadline") == []
    assert hits(report, "reply-overdue") == []


def test_a_register_without_a_promised_reply_column_does_not_run_the_deadline_rules(register):
    report = run(register, [open_complaint()], without("承诺答复时间"))
    assert report.findings == []
    not_run = sheet(report).rules_not_run
    for rule in ("missing-reply-deadline", "reply-late", "reply-overdue"):
        assert not_run[rule] == ["promised_reply_at"]


def test_without_any_column_that_records_an_answer_unanswered_is_not_guessed(register):
    header = without("答复时间", "回访时间", "回访结果", "结案时间")
    report = run(register, [open_complaint(承诺答复时间=None)], header)
    assert hits(report, "missing-reply-deadline") == []
    assert "missing-reply-deadline" in sheet(report).rules_not_run


# ---- reply-late ----------------------------------------------------------------------------------

def test_an_answer_after_the_promised_reply_time_is_a_warning(register):
    finding = only(run(register, [good_complaint(答复时间=datetime(2026, 11, 13, 9, 0))]), "reply-late")
    assert (finding.cell, finding.field, finding.severity) == ("M3", "replied_at", "warning")
    assert finding.message == "answered at 2026-11-13 09:00, after the promised reply time 2026-11-12 17:00"


def test_an_answer_exactly_at_the_promised_time_is_on_time(register):
    report = run(register, [good_complaint(答复时间=datetime(2026, 11, 12, 17, 0))])
    assert report.findings == []


def test_a_promise_written_as_a_day_alone_holds_until_the_end_of_that_day(register):
    # "我会在11月12日前给您答复": an answer in the evening of the 12th is not late.
    report = run(register, [good_complaint(承诺答复时间="2026/11/12", 答复时间="2026/11/12 18:30")])
    assert hits(report, "reply-late") == []
    late = only(run(register, [good_complaint(承诺答复时间="2026/11/12", 答复时间="2026/11/13 08:30")]), "reply-late")
    assert "after the promised reply time 2026-11-12" in late.message


def test_an_answer_known_only_to_the_day_of_the_promise_is_not_late_on_a_guess(register):
    report = run(register, [good_complaint(答复时间="2026/11/12")])
    assert hits(report, "reply-late") == []


# ---- reply-overdue --------------------------------------------------------------------------------

def test_an_unanswered_complaint_past_its_promised_reply_time_is_an_error(register):
    finding = only(run(register, [open_complaint(承诺答复时间=datetime(2026, 11, 24, 17, 0))]), "reply-overdue")
    assert (finding.cell, finding.field, finding.severity) == ("L3", "promised_reply_at", "error")
    assert finding.message.startswith("promised a reply by 2026-11-24 17:00, still unanswered 16.0 h later")
    assert "call the customer" in finding.message and "give a new reply time" in finding.message


def test_a_promise_broken_days_ago_is_counted_in_days(register):
    report = run(register, [open_complaint(投诉时间=datetime(2026, 11, 18, 10, 0), 承诺答复时间="11月20日 17:00")])
    finding = only(report, "reply-overdue")
    assert "promised a reply by 2026-11-20 17:00, still unanswered 4 days later" in finding.message


def test_overdue_message_in_chinese_asks_to_call_the_customer(register):
    report = run_zh(register, [open_complaint(承诺答复时间=datetime(2026, 11, 24, 17, 0))])
    finding = only(report, "reply-overdue")
    assert finding.message.startswith("承诺 2026-11-24 17:00 前答复，已超过 16.0 小时仍未答复")
    assert "致电客户" in finding.message


@pytest.mark.parametrize("promise", [datetime(2026, 11, 25, 17, 0), "2026/11/25", datetime(2026, 11, 25, 9, 0)])
def test_a_promise_not_yet_past_at_the_check_time_is_not_overdue(register, promise):
    report = run(register, [open_complaint(承诺答复时间=promise)])
    assert hits(report, "reply-overdue") == []


def test_a_reply_promised_within_hours_or_days_of_receipt_is_that_long_after_it(register):
    report = run(register, [
        open_complaint(投诉编号="TS2611001", 投诉时间=datetime(2026, 11, 24, 10, 0), 承诺答复时间="24小时内"),
        open_complaint(投诉编号="TS2611002", 投诉时间=date(2026, 11, 20), 承诺答复时间="三天内答复"),
        open_complaint(投诉编号="TS2611003", 承诺答复时间="3个工作日内"),
    ])
    assert [(f.record, f.rule) for f in report.findings] == [
        ("TS2611002", "reply-overdue"), ("TS2611003", "bad-value")]
    assert "2026-11-23" in report.findings[0].message


def test_an_answered_complaint_past_its_promise_is_not_overdue(register):
    report = run(register, [open_complaint(承诺答复时间=datetime(2026, 11, 24, 17, 0),
                                           答复时间=datetime(2026, 11, 24, 16, 0))])
    assert report.findings == []


# ---- major-complaint ----------------------------------------------------------------------------------

@pytest.mark.parametrize("people", [10, 12, "10人", "15户"])
def test_ten_or_more_people_make_an_open_complaint_major(register, people):
    finding = only(run(register, [open_complaint(涉及人数=people)]), "major-complaint")
    assert (finding.cell, finding.field, finding.severity) == ("H3", "people_count", "error")
    count = int(str(people).rstrip("人户"))
    assert finding.message == (f"major complaint ({count} people involved, 10 or more): "
                               "the centre's head handles it in person")


def test_nine_people_are_not_a_major_complaint(register):
    assert hits(run(register, [open_complaint(涉及人数=9)]), "major-complaint") == []


def test_the_major_head_count_is_set_in_the_config(register):
    config = parse_config({"complaints": {"major_people": 20}})
    assert hits(run(register, [open_complaint(涉及人数=12)], config=config), "major-complaint") == []
    assert hits(run(register, [open_complaint(涉及人数=20)], config=config), "major-complaint")


@pytest.mark.parametrize("mark", ["是", "已曝光", "√", "已起诉"])
def test_media_or_a_lawsuit_marked_in_its_column_makes_a_complaint_major(register, mark):
    finding = only(run(register, [open_complaint(**{"曝光/诉讼": mark})]), "major-complaint")
    assert (finding.cell, finding.field) == ("I3", "media_or_legal")
    assert f'media/lawsuit marked "{mark}"' in finding.message


@pytest.mark.parametrize("mark", ["否", "无", "/", "没有"])
def test_a_media_column_saying_no_is_not_a_major_complaint(register, mark):
    assert hits(run(register, [open_complaint(**{"曝光/诉讼": mark})]), "major-complaint") == []


@pytest.mark.parametrize("content, word", [
    ("外墙渗水三个月未修复，业主表示已联系媒体曝光", "媒体"),
    ("停车位被占用，业主称将向法院起诉物业公司", "法院"),
    ("业主发来律师函，要求赔偿泡水损失", "律师函"),
    ("多次反映无果，已拨打12345热线投诉", "12345"),
    ("电梯突然下坠，业主受伤送医", "受伤"),
])
def test_media_a_lawsuit_the_12345_hotline_or_an_injury_named_in_the_content_make_it_major(register, content, word):
    finding = only(run(register, [open_complaint(投诉内容=content)]), "major-complaint")
    assert (finding.cell, finding.field) == ("F3", "content")
    assert f'the content names "{word}"' in finding.message


@pytest.mark.parametrize("content", [
    "电梯停运半小时，所幸无人受伤",
    "业主暂未起诉，要求三天内给出维修方案",
    "门禁密码123456被人乱改，要求重置",
])
def test_a_negated_word_or_a_longer_number_is_not_a_major_complaint(register, content):
    assert hits(run(register, [open_complaint(投诉内容=content)]), "major-complaint") == []


def test_a_complaint_still_open_more_than_30_days_after_receipt_is_major(register):
    report = run(register, [open_complaint(投诉时间=datetime(2026, 10, 20, 10, 0),
                                           承诺答复时间=datetime(2026, 10, 22, 17, 0),
                                           答复时间=datetime(2026, 10, 22, 15, 0), 处理结果="待开发商维修")])
    finding = only(report, "major-complaint")
    assert (finding.cell, finding.field) == ("Q3", "closed_at")
    assert "still open 35 days after receipt, over 30" in finding.message


def test_a_complaint_open_for_four_weeks_is_not_major_yet(register):
    report = run(register, [open_complaint(投诉时间=datetime(2026, 10, 29, 10, 0),
                                           承诺答复时间=datetime(2026, 10, 31, 17, 0),
                                           答复时间=datetime(2026, 10, 30, 15, 0))])
    assert report.findings == []


def test_the_open_days_limit_is_set_in_the_config(register):
    config = parse_config({"complaints": {"major_open_days": 7}})
    report = run(register, [open_complaint(投诉时间=datetime(2026, 11, 10, 10, 0),
                                           承诺答复时间=datetime(2026, 11, 12, 17, 0),
                                           答复时间=datetime(2026, 11, 12, 15, 0))], config=config)
    assert "still open 14 days after receipt, over 7" in only(report, "major-complaint").message


def test_an_old_complaint_the_customer_called_satisfied_is_not_unresolved(register):
    report = run(register, [open_complaint(投诉时间=datetime(2026, 10, 1, 10, 0),
                                           承诺答复时间=datetime(2026, 10, 3, 17, 0),
                                           答复时间=datetime(2026, 10, 3, 15, 0),
                                           回访时间=datetime(2026, 10, 8, 10, 0), 回访结果="满意")])
    assert hits(report, "major-complaint") == []


def test_a_closed_complaint_is_no_longer_flagged_as_major(register):
    report = run(register, [good_complaint(涉及人数=15, 投诉内容="业主称已向电视台曝光")])
    assert report.findings == []


def test_every_reason_is_named_and_the_finding_points_at_the_first(register):
    report = run(register, [open_complaint(涉及人数=12, 投诉内容="业主称已向电视台反映", 投诉时间=datetime(2026, 10, 1, 9, 0))])
    finding = only(report, "major-complaint")
    assert finding.cell == "H3"
    assert finding.message == ('major complaint (12 people involved, 10 or more; the content names "电视台"; '
                               "still open 55 days after receipt, over 30): the centre's head handles it in person")


def test_major_complaint_message_in_chinese(register):
    finding = only(run_zh(register, [open_complaint(涉及人数=12)]), "major-complaint")
    assert finding.message == "重大投诉（涉及 12 人，达 10 人以上）：须由服务中心负责人亲自处理"


def test_without_a_close_column_the_open_days_are_not_judged(register):
    header = without("结案时间")
    report = run(register, [open_complaint(投诉时间=datetime(2026, 10, 1, 9, 0), 承诺答复时间=datetime(2026, 10, 3, 9, 0),
                                           答复时间=datetime(2026, 10, 2, 9, 0))], header)
    assert hits(report, "major-complaint") == []


# ---- closed-unsatisfied ----------------------------------------------------------------------------

@pytest.mark.parametrize("result", ["不满意", "非常不满意", "不满意，噪音仍在", "否", "不太满意", "不是很满意", "不够满意",
                                    "未满意", "满意度低"])
def test_closing_a_complaint_the_customer_is_not_satisfied_with_is_an_error(register, result):
    finding = only(run(register, [good_complaint(回访结果=result)]), "closed-unsatisfied")
    assert (finding.cell, finding.field, finding.severity) == ("Q3", "closed_at", "error")
    assert finding.message == f'closed although the return visit says "{result}": it must go back to handling'


@pytest.mark.parametrize("result", ["满意", "基本满意", "非常满意", "是"])
def test_closing_after_a_satisfied_visit_is_right(register, result):
    assert run(register, [good_complaint(回访结果=result)]).findings == []


def test_an_unsatisfied_complaint_sent_back_to_handling_is_right(register):
    report = run(register, [good_complaint(回访结果="不满意", 结案时间=None)])
    assert hits(report, "closed-unsatisfied") == []
    assert report.findings == []


# ---- missing-visit ------------------------------------------------------------------------------------

def test_closing_without_a_return_visit_is_a_warning(register):
    finding = only(run(register, [good_complaint(回访时间=None, 回访结果=None)]), "missing-visit")
    assert (finding.cell, finding.field, finding.severity) == ("O3", "visit_at", "warning")
    assert "closed without a return visit" in finding.message


def test_a_visit_result_saying_no_visit_was_made_is_a_missing_visit(register):
    finding = only(run(register, [good_complaint(回访时间=None, 回访结果="未回访")]), "missing-visit")
    assert finding.cell == "O3"


def test_a_visit_time_beside_could_not_reach_the_customer_is_not_a_visit(register):
    finding = only(run(register, [good_complaint(回访结果="联系不上")]), "missing-visit")
    assert (finding.field, finding.column) == ("visit_result", "回访结果")


@pytest.mark.parametrize("result", ["联系不上", "电话无人接听", "关机", "未接通，明天再打"])
def test_a_call_nobody_answered_is_no_answer_to_a_complaint_past_its_promise(register, result):
    """A visit time beside 联系不上 records an attempt: the customer has still heard nothing."""
    report = run(register, [open_complaint(承诺答复时间=datetime(2026, 11, 24, 17, 0), 答复时间=None,
                                           回访时间=datetime(2026, 11, 24, 18, 0), 回访结果=result)])
    assert [f.rule for f in report.findings] == ["reply-overdue"]


def test_a_customer_who_does_not_accept_the_result_is_unsatisfied_not_unreached(register):
    report = run(register, [good_complaint(回访结果="业主不接受处理结果")])
    assert [f.rule for f in report.findings] == ["closed-unsatisfied"]


def test_a_visit_with_its_result_but_no_time_still_counts_as_a_visit(register):
    assert run(register, [good_complaint(回访时间=None)]).findings == []


def test_an_open_complaint_not_yet_visited_is_not_missing_its_visit(register):
    assert hits(run(register, [open_complaint()]), "missing-visit") == []


def test_without_a_visit_time_column_the_missing_visit_points_at_the_visit_result(register):
    finding = only(run(register, [good_complaint(回访结果=None)], without("回访时间")), "missing-visit")
    assert (finding.field, finding.column) == ("visit_result", "回访结果")


# ---- time-order ---------------------------------------------------------------------------------------

def test_a_reply_before_the_complaint_came_in_is_an_error(register):
    finding = only(run(register, [good_complaint(答复时间=datetime(2026, 11, 9, 10, 0))]), "time-order")
    assert (finding.cell, finding.field, finding.severity) == ("M3", "replied_at", "error")
    assert finding.message == "Reply time (2026-11-09 10:00) is before the receipt time (2026-11-10 09:30)"


def test_closing_before_the_return_visit_is_an_error(register):
    finding = only(run(register, [good_complaint(结案时间=datetime(2026, 11, 13, 9, 0))]), "time-order")
    assert finding.cell == "Q3"
    assert finding.message == "Closing time (2026-11-13 09:00) is before the return visit time (2026-11-14 15:00)"


def test_a_promised_reply_time_before_the_complaint_is_an_error(register):
    finding = only(run(register, [good_complaint(承诺答复时间=datetime(2026, 11, 9, 17, 0))]), "time-order")
    assert finding.cell == "L3"
    assert "Promised reply time (2026-11-09 17:00) is before the receipt time" in finding.message


def test_a_close_time_after_the_check_time_is_an_error_but_a_promise_ahead_is_normal(register):
    report = run(register, [good_complaint(结案时间=datetime(2026, 11, 26, 9, 0))])
    finding = only(report, "time-order")
    assert finding.message == "Closing time (2026-11-26 09:00) is after the check time 2026-11-25 09:00"
    assert run(register, [open_complaint(承诺答复时间=datetime(2026, 12, 1, 17, 0))]).findings == []


def test_a_reply_on_the_day_of_receipt_known_only_to_the_day_is_in_order(register):
    assert run(register, [good_complaint(答复时间="2026/11/10")]).findings == []


def test_time_order_message_in_chinese(register):
    finding = only(run_zh(register, [good_complaint(答复时间=datetime(2026, 11, 9, 10, 0))]), "time-order")
    assert finding.message == "答复时间（2026-11-09 10:00）早于投诉时间（2026-11-10 09:30）"


# ---- bad-value ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("header, raw, cell, text", [
    ("投诉时间", "11月31日 9:00", "B3", '"11月31日 9:00" is not a date or time'),
    ("涉及人数", "很多人", "H3", '"很多人" is not a number of people'),
    ("答复时间", "昨天下午", "M3", '"昨天下午" is not a date or time'),
])
def test_a_value_that_cannot_be_read_is_a_bad_value(register, header, raw, cell, text):
    finding = only(run(register, [good_complaint(**{header: raw})]), "bad-value")
    assert (finding.cell, finding.severity, finding.message) == (cell, "error", text)


def test_an_unreadable_close_time_still_counts_as_closed(register):
    report = run(register, [good_complaint(结案时间="已结案", 回访时间=None, 回访结果=None)])
    assert {f.rule for f in report.findings} == {"bad-value", "missing-visit"}


# ---- bad-phone ----------------------------------------------------------------------------------------

def test_a_phone_with_a_digit_missing_is_a_warning(register):
    finding = only(run(register, [good_complaint(联系电话="1381234567")]), "bad-phone")
    assert (finding.cell, finding.field, finding.severity) == ("D3", "phone", "warning")
    assert finding.message == '"1381234567" is not a valid mobile or landline number'


@pytest.mark.parametrize("phone", ["0755-86001234", "138 1234 5678", "86001234", 13812345678])
def test_landlines_local_numbers_and_spaced_mobiles_are_valid_phones(register, phone):
    assert run(register, [good_complaint(联系电话=phone)]).findings == []


# ---- duplicate-number ---------------------------------------------------------------------------------

def test_a_complaint_number_used_twice_is_an_error_on_the_second(register):
    report = run(register, [good_complaint(), good_complaint(投诉人="陈静")])
    finding = only(report, "duplicate-number")
    assert (finding.cell, finding.record, finding.severity) == ("A4", "TS2611001", "error")
    assert finding.message == "complaint number TS2611001 is used twice (first at A3)"


def test_a_number_reused_on_next_months_sheet_names_the_first_sheet(tmp_path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    path = tmp_path / "投诉登记.xlsx"
    write_register(path, [good_complaint(投诉时间=datetime(2026, 10, 10, 9, 30), 承诺答复时间=datetime(2026, 10, 12, 17),
                                         答复时间=datetime(2026, 10, 12, 10), 回访时间=datetime(2026, 10, 14, 15),
                                         结案时间=datetime(2026, 10, 14, 16))],
                   COMPLAINT_HEADER, sheet="2026年10月", title=COMPLAINT_TITLE, workbook=wb)
    write_register(path, [good_complaint()], COMPLAINT_HEADER, sheet="2026年11月", title=COMPLAINT_TITLE, workbook=wb)
    report = validate([path], AS_OF, parse_config({}), "en")
    finding = only(report, "duplicate-number")
    assert finding.sheet == "2026年11月" and "first at 2026年10月!A3" in finding.message


def test_different_complaint_numbers_are_not_duplicates(register):
    assert run(register, [good_complaint(), good_complaint(投诉编号="TS2611002")]).findings == []


# ---- bad-category -------------------------------------------------------------------------------------

@pytest.mark.parametrize("category", ["设备设施", "管理服务", "收费", "突发事件", "设备设施类", "收费类投诉",
                                      "管理服务方面", "设施设备", "第四类：突发事件"])
def test_the_four_classes_however_decorated_are_accepted(register, category):
    assert run(register, [good_complaint(投诉类别=category)]).findings == []


@pytest.mark.parametrize("category, suggestion", [
    ("服务态度", "管理服务"),
    ("物业费", "收费"),
    ("停车费", "收费"),
    ("设施", "设备设施"),
    ("紧急事件", "突发事件"),
    ("设备实施", "设备设施"),
])
def test_a_category_outside_the_four_classes_is_a_warning_suggesting_the_nearest(register, category, suggestion):
    finding = only(run(register, [good_complaint(投诉类别=category)]), "bad-category")
    assert (finding.cell, finding.field, finding.severity) == ("G3", "category", "warning")
    assert finding.message == f'category "{category}" is not one of the four classes; "{suggestion}"?'


def test_a_category_like_other_is_matched_to_a_class_by_its_content(register):
    finding = only(run(register, [good_complaint(投诉类别="其他", 投诉内容="电梯困人半小时无人救援")]), "bad-category")
    assert '"突发事件"?' in finding.message


def test_a_category_nothing_resembles_lists_the_four_classes(register):
    finding = only(run(register, [good_complaint(投诉类别="其他", 投诉内容="对处理结果有异议")]), "bad-category")
    assert finding.message == 'category "其他" is not one of the four classes (设备设施, 管理服务, 收费, 突发事件)'


def test_bad_category_message_in_chinese_suggests_the_class(register):
    finding = only(run_zh(register, [good_complaint(投诉类别="服务态度")]), "bad-category")
    assert finding.message == "投诉类别“服务态度”不在四类之中，应为“管理服务”？"


# ---- the catalog ---------------------------------------------------------------------------------------

def test_every_complaint_rule_has_its_seed_and_both_languages():
    from toolkit.rules.catalog import rules_for
    rules = {r.id: r for r in rules_for("complaints")}
    assert set(rules) >= {
        "missing-field", "missing-reply-deadline", "reply-late", "reply-overdue", "major-complaint",
        "closed-unsatisfied", "missing-visit", "time-order", "bad-value", "bad-phone", "duplicate-number",
        "bad-category",
    }
    assert rules["major-complaint"].source == "000 重大投诉"
    assert rules["reply-late"].severity == rules["missing-visit"].severity == rules["bad-category"].severity == "warning"
    for rule in rules.values():
        assert rule.checks[0] and rule.checks[1]
        for zh, en in rule.messages.values():
            assert zh and en
