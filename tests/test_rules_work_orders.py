"""Work-order rules (seed 001, part 三): each fires where the rule is broken, and stays quiet
on the near miss a clerk would rightly expect to pass.

Every test builds a real register (title in row 1, header in row 2, first order in row 3)
and runs the same library call as `toolkit validate`.
"""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
from helpers import AS_OF, WORK_ORDER_HEADER, check, good_order, hits, only, sheet, write_register

from toolkit.config import parse_config
from toolkit.validate import validate


def run(register, rows, header=None, config=None, **kw):
    return check(register(rows, header, **kw), config=config)


def without(*names):
    return [h for h in WORK_ORDER_HEADER if h not in names]


def in_progress(**overrides):
    """Dispatched yesterday morning and signed in by engineering; not completed or returned yet."""
    return good_order(**{
        "报修时间": datetime(2026, 11, 24, 10, 0), "派单时间": datetime(2026, 11, 24, 10, 2),
        "工程部接单时间": datetime(2026, 11, 24, 10, 5), "维修人员签字": None, "完工时间": None,
        "客户签字": None, "费用(元)": None, "返单时间": None, "返单签收人": None, "财务签收": None,
        **overrides,
    })


def test_a_complete_returned_order_has_no_findings(register):
    report = run(register, [good_order()])
    assert report.findings == []
    assert sheet(report).records == 1
    assert sheet(report).rules_not_run == {}


# ---- missing-field -------------------------------------------------------------------

@pytest.mark.parametrize("header, cell, field", [
    ("单号", "A3", "order_no"),
    ("报修地点", "D3", "location"),
    ("报修内容", "E3", "content"),
    ("客户姓名", "F3", "customer_name"),
    ("联系电话", "G3", "customer_phone"),
    ("有偿/无偿", "H3", "paid"),
])
def test_an_order_with_a_required_field_left_empty_is_an_error(register, header, cell, field):
    finding = only(run(register, [good_order(**{header: None})]), "missing-field")
    assert (finding.cell, finding.field, finding.severity) == (cell, field, "error")
    assert finding.message == f"{header} is empty"
    assert finding.row == 3


def test_a_slash_written_in_the_phone_column_is_still_a_missing_phone(register):
    finding = only(run(register, [good_order(联系电话="/")]), "missing-field")
    assert (finding.cell, finding.field) == ("G3", "customer_phone")


def test_free_order_marked_no_and_a_numeric_room_are_filled_not_missing(register):
    report = run(register, [good_order(**{"有偿/无偿": "否", "报修地点": 1201, "费用(元)": None, "财务签收": None})])
    assert hits(report, "missing-field") == []
    assert report.findings == []


def test_an_unreadable_paid_flag_is_a_bad_value_not_a_missing_field(register):
    report = run(register, [good_order(**{"有偿/无偿": "看情况"})])
    assert hits(report, "missing-field") == []
    finding = only(report, "bad-value")
    assert (finding.cell, finding.field) == ("H3", "paid")


# ---- missing-time --------------------------------------------------------------------

def test_an_order_without_its_received_time_is_an_error(register):
    finding = only(run(register, [good_order(报修时间=None)]), "missing-time")
    assert (finding.cell, finding.field, finding.severity) == ("B3", "received_at", "error")
    assert "received time is empty" in finding.message


def test_an_order_engineering_took_without_a_dispatch_time_is_an_error(register):
    finding = only(run(register, [good_order(派单时间=None)]), "missing-time")
    assert (finding.cell, finding.field, finding.severity) == ("C3", "dispatched_at", "error")
    assert "dispatched but the dispatch time is empty" in finding.message


def test_engineering_signing_for_an_order_without_writing_the_time_is_an_error(register):
    finding = only(run(register, [in_progress(工程部接单时间=None)]), "missing-time")
    assert (finding.cell, finding.field, finding.severity) == ("I3", "accepted_at", "error")
    assert "no sign-in time" in finding.message


def test_an_order_signed_back_in_without_a_return_time_is_an_error(register):
    finding = only(run(register, [good_order(返单时间=None)]), "missing-time")
    assert (finding.cell, finding.field, finding.severity) == ("Q3", "returned_at", "error")
    assert "return time is empty" in finding.message


def test_an_order_just_received_and_not_yet_dispatched_is_not_missing_later_times(register):
    just_in = good_order(**{
        "报修时间": datetime(2026, 11, 25, 8, 40), "派单时间": None, "有偿/无偿": "无偿", "工程部接单时间": None,
        "接单人": None, "维修人员签字": None, "完工时间": None, "客户签字": None, "费用(元)": None,
        "返单时间": None, "返单签收人": None, "财务签收": None,
    })
    report = run(register, [just_in])
    assert report.findings == []


# ---- missing-signature ---------------------------------------------------------------

@pytest.mark.parametrize("paid", ["有偿", "无偿"])
def test_returned_order_without_customer_signature_is_an_error(register, paid):
    order = good_order(**{"客户签字": None, "有偿/无偿": paid})
    finding = only(run(register, [order]), "missing-signature")
    assert (finding.cell, finding.field, finding.severity) == ("M3", "customer_signature", "error")
    assert "without the customer's signature" in finding.message
    assert finding.record == "WX2611001"


def test_returned_order_without_repairer_signature_must_be_refused(register):
    finding = only(run(register, [good_order(维修人员签字=None)]), "missing-signature")
    assert (finding.cell, finding.field, finding.severity) == ("K3", "repairer_signature", "error")
    assert "repairer's signature" in finding.message and "refused" in finding.message


def test_order_with_a_return_time_but_nobody_signing_for_it_is_an_error(register):
    finding = only(run(register, [good_order(返单签收人=None)]), "missing-signature")
    assert (finding.cell, finding.field, finding.severity) == ("R3", "return_signer", "error")
    assert "no one signing for it" in finding.message


def test_order_with_a_sign_in_time_but_no_engineering_signer_is_an_error(register):
    finding = only(run(register, [in_progress(接单人=None)]), "missing-signature")
    assert (finding.cell, finding.field, finding.severity) == ("J3", "accepted_by", "error")
    assert "nobody signed for it" in finding.message


def test_an_in_progress_order_is_not_missing_the_customer_or_repairer_signature(register):
    report = run(register, [in_progress()])
    assert hits(report, "missing-signature") == []
    assert report.findings == []


# ---- missing-fee ---------------------------------------------------------------------

def test_paid_order_completed_without_a_fee_is_an_error(register):
    finding = only(run(register, [good_order(**{"费用(元)": None})]), "missing-fee")
    assert (finding.cell, finding.field, finding.severity) == ("N3", "fee", "error")
    assert "without a fee" in finding.message


def test_paid_order_with_a_fee_of_zero_is_an_error(register):
    finding = only(run(register, [good_order(**{"费用(元)": "0元"})]), "missing-fee")
    assert (finding.cell, finding.field) == ("N3", "fee")
    assert "fee of 0" in finding.message


def test_free_order_returned_without_a_fee_is_fine(register):
    report = run(register, [good_order(**{"有偿/无偿": "无偿", "费用(元)": None, "财务签收": None})])
    assert report.findings == []


def test_paid_order_still_in_progress_needs_no_fee_yet(register):
    report = run(register, [in_progress(**{"有偿/无偿": "有偿", "费用(元)": None})])
    assert hits(report, "missing-fee") == []


def test_paid_order_with_an_unreadable_fee_is_a_bad_value_not_a_missing_fee(register):
    report = run(register, [good_order(**{"费用(元)": "待定"})])
    assert hits(report, "missing-fee") == []
    finding = only(report, "bad-value")
    assert (finding.cell, finding.field) == ("N3", "fee")
    assert '"待定" is not an amount of money' in finding.message


# ---- missing-reason ------------------------------------------------------------------

def late(**overrides):
    """Dispatched 11-03 14:02, completed the next day; returned after completion."""
    return good_order(**{"完工时间": datetime(2026, 11, 4, 14, 3), "返单时间": datetime(2026, 11, 4, 17, 0),
                         **overrides})


def test_order_completed_over_24_hours_after_dispatch_without_delay_reason_is_an_error(register):
    finding = only(run(register, [late()]), "missing-reason")
    assert (finding.cell, finding.field, finding.severity) == ("O3", "delay_reason", "error")
    assert "completed 24.0 h after dispatch (over 24 h)" in finding.message
    assert "no delay reason" in finding.message


def test_order_completed_exactly_24_hours_after_dispatch_needs_no_delay_reason(register):
    report = run(register, [late(完工时间=datetime(2026, 11, 4, 14, 2))])
    assert hits(report, "missing-reason") == []
    assert report.findings == []


def test_late_order_with_its_delay_reason_written_is_fine(register):
    report = run(register, [late(延误原因="等待配件到货")])
    assert report.findings == []


def test_completion_known_only_to_the_day_after_dispatch_is_not_judged_late_on_a_guess(register):
    report = run(register, [late(完工时间=date(2026, 11, 4))])
    assert hits(report, "missing-reason") == []


def test_order_returned_uncompleted_without_a_reason_is_an_error(register):
    report = run(register, [good_order(完工时间=None)])
    finding = only(report, "missing-reason")
    assert (finding.cell, finding.field, finding.severity) == ("P3", "incomplete_reason", "error")
    assert "returned uncompleted with no reason given" in finding.message


def test_order_still_open_days_after_dispatch_without_a_reason_is_an_error(register):
    order = in_progress(派单时间=datetime(2026, 11, 20, 10, 0), 报修时间=datetime(2026, 11, 20, 9, 58),
                        工程部接单时间=datetime(2026, 11, 20, 10, 3))
    finding = only(run(register, [order]), "missing-reason")
    assert (finding.cell, finding.field, finding.severity) == ("P3", "incomplete_reason", "error")
    # 11-20 10:00 → as of 11-25 09:00 is 4 days 23 hours.
    assert "still open 119.0 h after dispatch (over 24 h)" in finding.message


def test_order_open_less_than_24_hours_needs_no_reason_yet(register):
    report = run(register, [in_progress()])  # dispatched 11-24 10:02, 22 h 58 min before the check
    assert hits(report, "missing-reason") == []


def test_open_order_with_its_reason_written_is_fine(register):
    order = in_progress(派单时间=datetime(2026, 11, 20, 10, 0), 报修时间=datetime(2026, 11, 20, 9, 58),
                        工程部接单时间=datetime(2026, 11, 20, 10, 3), 未完成原因="缺配件，已申购")
    assert run(register, [order]).findings == []


def test_one_shared_delay_or_unfinished_reason_column_satisfies_the_rule(register):
    header = [("延误/未完成原因" if h == "延误原因" else h) for h in WORK_ORDER_HEADER if h != "未完成原因"]
    order = good_order(完工时间=None, 特殊批示="主管同意先收单")
    order["延误/未完成原因"] = "业主不在家，改约下周"
    report = run(register, [order], header)
    assert hits(report, "missing-reason") == []
    assert report.findings == []


def test_a_longer_delay_threshold_in_the_config_lets_a_30_hour_repair_pass(register):
    order = late(完工时间=datetime(2026, 11, 4, 20, 2), 返单时间=datetime(2026, 11, 4, 21, 0))
    assert hits(run(register, [order]), "missing-reason") != []
    config = parse_config({"validate": {"delay_hours": 48}})
    assert hits(run(register, [order], config=config), "missing-reason") == []


# ---- not-completed -------------------------------------------------------------------

def test_order_returned_but_not_completed_must_be_refused(register):
    finding = only(run(register, [good_order(完工时间=None, 未完成原因="缺配件")]), "not-completed")
    assert (finding.cell, finding.field, finding.severity) == ("L3", "completed_at", "error")
    assert "returned but not completed, with no special approval" in finding.message


def test_uncompleted_order_returned_with_special_approval_is_accepted(register):
    report = run(register, [good_order(完工时间=None, 未完成原因="缺配件", 特殊批示="张经理批准先收单")])
    assert hits(report, "not-completed") == []
    assert report.findings == []


def test_register_without_an_approval_column_still_refuses_an_uncompleted_return(register):
    report = run(register, [good_order(完工时间=None, 未完成原因="缺配件")], without("特殊批示"))
    finding = only(report, "not-completed")
    assert finding.cell == "L3"
    assert "not-completed" not in sheet(report).rules_not_run


# ---- slow-handoff --------------------------------------------------------------------

def test_engineering_signing_in_8_minutes_after_dispatch_is_a_warning(register):
    finding = only(run(register, [good_order(工程部接单时间=datetime(2026, 11, 3, 14, 10))]), "slow-handoff")
    assert (finding.cell, finding.field, finding.severity) == ("I3", "accepted_at", "warning")
    assert "8 min after dispatch (limit 5 min)" in finding.message


def test_engineering_signing_in_exactly_5_minutes_after_dispatch_is_on_time(register):
    report = run(register, [good_order(工程部接单时间=datetime(2026, 11, 3, 14, 7))])
    assert report.findings == []


def test_without_a_dispatch_column_the_handoff_is_measured_from_receipt(register):
    order = good_order(工程部接单时间=datetime(2026, 11, 3, 14, 10))
    finding = only(run(register, [order], without("派单时间")), "slow-handoff")
    assert finding.cell == "H3"  # 工程部接单时间 moves one column left
    assert "10 min after receipt" in finding.message


def test_a_longer_handoff_limit_in_the_config_accepts_an_8_minute_handoff(register):
    order = good_order(工程部接单时间=datetime(2026, 11, 3, 14, 10))
    config = parse_config({"validate": {"handoff_minutes": 10}})
    assert run(register, [order], config=config).findings == []


def test_config_can_raise_slow_handoff_to_an_error(register):
    order = good_order(工程部接单时间=datetime(2026, 11, 3, 14, 10))
    config = parse_config({"rules": {"slow-handoff": {"severity": "error"}}})
    report = run(register, [order], config=config)
    assert only(report, "slow-handoff").severity == "error"
    assert report.errors == 1 and report.warnings == 0


# ---- time-order ----------------------------------------------------------------------

def test_completion_before_engineering_signed_in_is_an_error(register):
    finding = only(run(register, [good_order(完工时间=datetime(2026, 11, 3, 13, 0))]), "time-order")
    assert (finding.cell, finding.field, finding.severity) == ("L3", "completed_at", "error")
    assert "Completion time (2026-11-03 13:00) is before the sign-in time (2026-11-03 14:05)" in finding.message


def test_a_return_time_after_the_check_time_is_an_error(register):
    finding = only(run(register, [good_order(返单时间=datetime(2026, 11, 26, 10, 0))]), "time-order")
    assert (finding.cell, finding.field, finding.severity) == ("Q3", "returned_at", "error")
    assert "after the check time 2026-11-25 09:00" in finding.message


@pytest.mark.parametrize("completed", [date(2026, 11, 3), "2026/11/03", "11月3日"])
def test_a_date_only_completion_on_the_dispatch_day_is_in_order(register, completed):
    report = run(register, [good_order(完工时间=completed)])
    assert hits(report, "time-order") == []
    assert report.findings == []


def test_a_date_only_return_on_the_check_day_is_not_in_the_future(register):
    order = in_progress(**{"完工时间": datetime(2026, 11, 24, 15, 0), "维修人员签字": "李明", "客户签字": "刘伟",
                           "费用(元)": 50, "返单时间": "2026-11-25", "返单签收人": "王丽"})
    report = run(register, [order])
    assert hits(report, "time-order") == []
    assert report.findings == []


# ---- proxy-signature -----------------------------------------------------------------

def test_the_repairer_signing_the_order_back_in_is_proxy_signing(register):
    finding = only(run(register, [good_order(返单签收人="李明")]), "proxy-signature")
    assert (finding.cell, finding.field, finding.severity) == ("R3", "return_signer", "error")
    assert 'return signed by the repairer "李明"' in finding.message


def test_the_repairer_signing_for_the_customer_is_proxy_signing_even_with_a_space(register):
    finding = only(run(register, [good_order(客户签字="李 明")]), "proxy-signature")
    assert (finding.cell, finding.field) == ("M3", "customer_signature")
    assert "proxy signing" in finding.message


def test_a_caller_noted_as_mr_liu_who_signs_his_full_name_is_not_proxy_signing(register):
    report = run(register, [good_order(客户姓名="刘先生", 客户签字="刘伟")])
    assert report.findings == []


# ---- content-too-brief ---------------------------------------------------------------

def test_repair_content_of_two_characters_is_too_brief(register):
    finding = only(run(register, [good_order(报修内容="漏水")]), "content-too-brief")
    assert (finding.cell, finding.field, finding.severity) == ("E3", "content", "warning")
    assert 'repair content "漏水" is too brief (under 4 characters)' in finding.message


def test_punctuation_does_not_make_repair_content_long_enough(register):
    assert only(run(register, [good_order(报修内容="漏水！！！")]), "content-too-brief").cell == "E3"


def test_repair_content_of_exactly_four_characters_is_specific_enough(register):
    assert run(register, [good_order(报修内容="水管漏水")]).findings == []


def test_a_lower_minimum_in_the_config_accepts_short_content(register):
    config = parse_config({"validate": {"min_content_chars": 2}})
    assert run(register, [good_order(报修内容="漏水")], config=config).findings == []


def test_a_disabled_rule_reports_nothing(register):
    config = parse_config({"rules": {"content-too-brief": {"enabled": False}}})
    assert run(register, [good_order(报修内容="漏水")], config=config).findings == []


# ---- bad-phone -----------------------------------------------------------------------

@pytest.mark.parametrize("phone", ["1381234567", "12345678901", "138123456789", "110", "无人接听"])
def test_a_phone_that_is_no_valid_number_is_a_warning(register, phone):
    finding = only(run(register, [good_order(联系电话=phone)]), "bad-phone")
    assert (finding.cell, finding.field, finding.severity) == ("G3", "customer_phone", "warning")
    assert f'"{phone}" is not a valid mobile or landline number' in finding.message


def test_mobiles_landlines_and_local_numbers_as_clerks_write_them_are_valid(register):
    phones = ["138 1234 5678", "138-1234-5678", "0755-86001234", "(0755)86001234", "86001234",
              "+86 138 1234 5678", "13812345678/0755-86001234", 13812345678]
    rows = [good_order(单号=f"WX26110{i + 1:02d}", 联系电话=p) for i, p in enumerate(phones)]
    report = run(register, rows)
    assert hits(report, "bad-phone") == []
    assert report.findings == []


# ---- bad-value -----------------------------------------------------------------------

def test_an_unreadable_completion_time_is_a_bad_value_not_a_missing_completion(register):
    report = run(register, [good_order(完工时间="下周三")])
    finding = only(report, "bad-value")
    assert (finding.cell, finding.field, finding.severity) == ("L3", "completed_at", "error")
    assert '"下周三" is not a date or time' in finding.message
    assert hits(report, "not-completed") == [] and hits(report, "missing-reason") == []


def test_an_unreadable_paid_flag_names_the_expected_values(register):
    finding = only(run(register, [good_order(**{"有偿/无偿": "看情况"})]), "bad-value")
    assert finding.cell == "H3"
    assert '"看情况" should be paid (有偿) or free (无偿)' in finding.message


def test_a_time_without_any_earlier_date_is_a_bad_value(register):
    finding = only(run(register, [good_order(报修时间="14:00")]), "bad-value")
    assert (finding.cell, finding.field) == ("B3", "received_at")
    assert 'time "14:00" has no date to go with' in finding.message


def test_fees_flags_and_dates_written_the_usual_ways_are_not_bad_values(register):
    order = good_order(**{"费用(元)": "￥120", "有偿/无偿": "收费", "完工时间": "2026.11.3 16:00",
                          "返单时间": "11月3日 17:00"})
    assert run(register, [order]).findings == []


# ---- duplicate-number ----------------------------------------------------------------

def test_an_order_number_used_twice_is_an_error_at_the_second_use(register):
    report = run(register, [good_order(), good_order(报修地点="5栋302")])
    finding = only(report, "duplicate-number")
    assert (finding.cell, finding.field, finding.severity) == ("A4", "order_no", "error")
    assert "order number WX2611001 is used twice (first at A3)" in finding.message


def test_a_full_width_copy_of_a_number_is_the_same_number(register):
    report = run(register, [good_order(), good_order(单号="ＷＸ2611001")])
    assert only(report, "duplicate-number").cell == "A4"


def test_a_number_reused_in_the_next_months_sheet_names_the_first_sheet(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["本表按月分页"])
    oct_order = good_order(单号="WX2610045", 报修时间=datetime(2026, 10, 30, 9, 0), 派单时间=datetime(2026, 10, 30, 9, 2),
                           工程部接单时间=datetime(2026, 10, 30, 9, 5), 完工时间=datetime(2026, 10, 30, 11, 0),
                           返单时间=datetime(2026, 10, 30, 12, 0))
    path = tmp_path / "two_months.xlsx"
    write_register(path, [oct_order], sheet="2026年10月", workbook=wb)
    write_register(path, [good_order(单号="WX2610045")], sheet="2026年11月", workbook=wb)
    report = validate([path], AS_OF, parse_config({}), "en")
    finding = only(report, "duplicate-number")
    assert (finding.sheet, finding.cell) == ("2026年11月", "A3")
    assert "first at 2026年10月!A3" in finding.message


def test_each_months_row_counter_restarting_at_1_is_not_a_duplicate(tmp_path):
    header = ["序号"] + WORK_ORDER_HEADER
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    oct_rows = [{**good_order(单号=f"WX26100{n:02d}", 报修时间=datetime(2026, 10, 30, 9, 0),
                              派单时间=datetime(2026, 10, 30, 9, 2), 工程部接单时间=datetime(2026, 10, 30, 9, 5),
                              完工时间=datetime(2026, 10, 30, 11, 0), 返单时间=datetime(2026, 10, 30, 12, 0)),
                 "序号": n} for n in (1, 2)]
    nov_rows = [{**good_order(单号=f"WX26110{n:02d}"), "序号": n} for n in (1, 2)]
    path = tmp_path / "counters.xlsx"
    write_register(path, oct_rows, header, sheet="2026年10月", workbook=wb)
    write_register(path, nov_rows, header, sheet="2026年11月", workbook=wb)
    report = validate([path], AS_OF, parse_config({}), "en")
    assert report.findings == []
    assert report.records == 4


# ---- number-gap ----------------------------------------------------------------------

def numbered(*numbers):
    return [good_order(单号=n) for n in numbers]


def test_two_numbers_missing_from_the_sequence_are_a_warning(register):
    finding = only(run(register, numbered("WX2611001", "WX2611004")), "number-gap")
    assert (finding.cell, finding.field, finding.severity) == ("A4", "order_no", "warning")
    assert ("form numbers WX2611002–WX2611003 missing (2, possibly lost) between WX2611001 and WX2611004"
            in finding.message)


def test_one_missing_form_is_named_on_its_own(register):
    finding = only(run(register, numbered("WX2611001", "WX2611003")), "number-gap")
    assert "WX2611002 missing (1," in finding.message


def test_numbers_written_out_of_order_leave_no_gap(register):
    assert run(register, numbered("WX2611001", "WX2611003", "WX2611002")).findings == []


def test_a_jump_of_hundreds_to_the_next_month_is_not_a_gap(register):
    report = run(register, numbered("WX2610044", "WX2610045", "WX2611001", "WX2611002"))
    assert hits(report, "number-gap") == []


def test_a_jump_of_exactly_number_gap_max_is_reported_and_one_more_is_a_new_book(register):
    report = run(register, numbered("WX2611001", "WX2611022"))  # 20 numbers missing
    assert "(20, possibly lost)" in only(report, "number-gap").message
    assert hits(run(register, numbered("WX2611001", "WX2611023")), "number-gap") == []


def test_a_smaller_number_gap_max_in_the_config_treats_a_jump_of_3_as_a_new_book(register):
    config = parse_config({"validate": {"number_gap_max": 1}})
    assert run(register, numbered("WX2611001", "WX2611004"), config=config).findings == []


def test_a_gap_in_text_numbers_with_leading_zeros_names_them_as_printed(register):
    finding = only(run(register, numbered("No.008701", "No.008703")), "number-gap")
    assert "No.008702 missing" in finding.message


# ---- finance-unreceipted -------------------------------------------------------------

def test_paid_order_completed_weeks_ago_without_finance_receipt_is_a_warning(register):
    finding = only(run(register, [good_order(财务签收=None)]), "finance-unreceipted")
    assert (finding.cell, finding.field, finding.severity) == ("T3", "finance_receipt", "warning")
    assert "paid order completed over 7 days ago, not signed for by finance" in finding.message


def finished_on(moment, **overrides):
    return good_order(**{"报修时间": moment.replace(hour=6), "派单时间": moment.replace(hour=6, minute=2),
                         "工程部接单时间": moment.replace(hour=6, minute=5), "完工时间": moment,
                         "返单时间": moment.replace(hour=10), "财务签收": None, **overrides})


def test_paid_order_completed_exactly_7_days_ago_is_not_yet_overdue_for_finance(register):
    report = run(register, [finished_on(datetime(2026, 11, 18, 9, 0))])
    assert report.findings == []


def test_paid_order_completed_7_days_and_a_minute_ago_is_overdue_for_finance(register):
    report = run(register, [finished_on(datetime(2026, 11, 18, 8, 59))])
    assert only(report, "finance-unreceipted").cell == "T3"


def test_free_order_never_goes_to_finance(register):
    report = run(register, [good_order(**{"有偿/无偿": "无偿", "费用(元)": None, "财务签收": None})])
    assert hits(report, "finance-unreceipted") == []


def test_a_longer_finance_period_in_the_config_is_respected(register):
    config = parse_config({"validate": {"finance_days": 30}})
    assert run(register, [good_order(财务签收=None)], config=config).findings == []


# ---- rules need their columns --------------------------------------------------------

def test_a_register_without_a_finance_column_does_not_run_the_finance_rule(register):
    report = run(register, [good_order()], without("财务签收"))
    assert hits(report, "finance-unreceipted") == []
    assert sheet(report).rules_not_run == {"finance-unreceipted": ["finance_receipt"]}


def test_without_a_repairer_column_proxy_signing_is_not_checked_but_the_customer_signature_is(register):
    report = run(register, [good_order(客户签字=None, 返单签收人="王丽")], without("维修人员签字"))
    not_run = sheet(report).rules_not_run
    assert not_run["proxy-signature"] == ["repairer_signature"]
    assert "missing-signature" not in not_run
    assert only(report, "missing-signature").cell == "L3"  # 客户签字 moved one column left


def test_without_a_completion_column_the_rules_that_judge_completion_are_listed_as_not_run(register):
    report = run(register, [good_order()], without("完工时间"))
    not_run = sheet(report).rules_not_run
    assert {"missing-reason", "not-completed", "finance-unreceipted"} <= set(not_run)
    assert not_run["not-completed"] == ["completed_at"]
    assert hits(report, "not-completed") == [] and hits(report, "missing-reason") == []
