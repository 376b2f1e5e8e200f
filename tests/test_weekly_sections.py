"""The weekly lists: which orders and complaints each section selects (seed 001 三.9–10, 三.15; 000 回访).

Week 2026-W47 runs from Monday 2026-11-16 00:00 to Monday 2026-11-23 00:00; the clerk runs
the job at 08:30 on that Monday; delay_hours is 24.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from helpers import (
    WEEKLY_COMPLAINT_HEADER, WORK_ORDER_HEADER_WITH_VISITS, complaints_file, order, orders_file, records, weekly_complaint,
    weekly_of, write_register,
)


def test_open_orders_are_listed_oldest_first_with_age_engineer_and_reason(tmp_path):
    path = orders_file(tmp_path, [
        order("WX2611002", datetime(2026, 11, 22, 9, 0), engineer="周工"),
        order("WX2611001", datetime(2026, 11, 20, 10, 0), reason="等配件（水泵）"),
        order("WX2611003", datetime(2026, 11, 19, 9, 0), completed=datetime(2026, 11, 19, 15, 0)),
    ])
    unfinished = weekly_of([path]).sections.unfinished
    assert records(unfinished) == ["WX2611001", "WX2611002"]
    first, second = unfinished
    # dispatched 11-20 10:02, checked 11-23 08:30: 70 h 28 min
    assert first.age_hours == 70.5 and first.age_exact and first.past_delay
    assert first.engineer == "李工" and first.reason == "等配件（水泵）"
    assert first.source.sheet == "2026年11月" and first.source.row == 4 and first.source.cell == "A4"
    # dispatched 11-22 09:02: 23 h 28 min, not yet past 24 h
    assert second.age_hours == 23.5 and not second.past_delay
    assert second.engineer == "周工" and second.reason is None


def test_an_order_open_exactly_delay_hours_after_dispatch_is_not_yet_overdue(tmp_path):
    path = orders_file(tmp_path, [
        order("WX2611001", datetime(2026, 11, 22, 8, 28)),  # dispatched 08:30: exactly 24 h
        order("WX2611002", datetime(2026, 11, 22, 8, 27)),  # dispatched 08:29: 24 h 1 min
    ])
    weekly = weekly_of([path])
    by_no = {u.record: u for u in weekly.sections.unfinished}
    assert not by_no["WX2611001"].past_delay
    assert by_no["WX2611002"].past_delay
    assert records(weekly.sections.overdue) == ["WX2611002"]
    assert weekly.sections.overdue[0].why == ("open_past_delay",)


def test_a_completion_known_only_to_the_day_is_never_called_unfinished_on_a_guess(tmp_path):
    path = orders_file(tmp_path, [
        order("WX2611001", datetime(2026, 11, 22, 9, 0), completed="2026-11-23"),  # typed as text: today, no time
        order("WX2611002", datetime(2026, 11, 22, 9, 0), completed=datetime(2026, 11, 23, 15, 0)),  # later today
        order("WX2611003", datetime(2026, 11, 23, 10, 0)),  # phoned in after the as-of time
    ])
    assert records(weekly_of([path]).sections.unfinished) == ["WX2611002"]


def test_an_order_returned_uncompleted_is_still_followed(tmp_path):
    path = orders_file(tmp_path, [
        order("WX2611001", datetime(2026, 11, 18, 9, 0), returned=datetime(2026, 11, 18, 17, 0), reason="业主不在家"),
    ])
    (item,) = weekly_of([path]).sections.unfinished
    assert item.returned and item.reason == "业主不在家"


def test_overdue_lists_complaints_past_their_promised_reply_and_open_major_complaints(tmp_path):
    received = datetime(2026, 11, 18, 9, 0)
    path = complaints_file(tmp_path, [
        weekly_complaint("TS2611001", received, promised=datetime(2026, 11, 21, 17, 0)),
        weekly_complaint("TS2611002", received, promised=datetime(2026, 11, 21, 17, 0), replied=datetime(2026, 11, 21, 15, 0)),
        weekly_complaint("TS2611003", received, promised="2026-11-23"),  # due today: not late yet
        weekly_complaint("TS2611004", received, promised="2026-11-22"),  # due yesterday
        weekly_complaint("TS2611005", received, promised=datetime(2026, 11, 30, 17, 0), people=12,
                  content="12户业主联名投诉电梯频繁停运"),
        weekly_complaint("TS2611006", received, promised=datetime(2026, 11, 19, 17, 0), replied=datetime(2026, 11, 19, 10, 0),
                  people=15, closed=datetime(2026, 11, 20, 10, 0), visit_result="满意"),
    ])
    overdue = {o.record: o for o in weekly_of([path]).sections.overdue}
    assert set(overdue) == {"TS2611001", "TS2611004", "TS2611005"}
    assert overdue["TS2611001"].why == ("reply_overdue",)
    assert overdue["TS2611001"].hours_over == 39.5  # 11-21 17:00 → 11-23 08:30
    assert overdue["TS2611004"].why == ("reply_overdue",)
    assert overdue["TS2611005"].why == ("major",) and "12" in overdue["TS2611005"].note
    assert all(o.kind == "complaint" and o.who == "工程部" for o in overdue.values())


def test_finance_handover_lists_paid_completed_orders_without_a_receipt_and_totals_text_fees(tmp_path):
    done = dict(paid="有偿")
    path = orders_file(tmp_path, [
        order("WX2611001", datetime(2026, 11, 18, 9, 0), completed=datetime(2026, 11, 18, 11, 0), fee="¥120", **done),
        order("WX2611002", datetime(2026, 11, 10, 9, 0), completed=datetime(2026, 11, 10, 11, 0), fee="80元", **done),
        order("WX2611003", datetime(2026, 11, 20, 9, 0), completed=datetime(2026, 11, 20, 11, 0), fee="120.00", **done),
        order("WX2611004", datetime(2026, 11, 19, 9, 0), completed=datetime(2026, 11, 19, 11, 0), fee=50,
              finance="赵会计", **done),
        order("WX2611005", datetime(2026, 11, 19, 9, 0), completed=datetime(2026, 11, 19, 11, 0)),  # free
        order("WX2611006", datetime(2026, 11, 21, 9, 0), fee=200, **done),  # not completed yet
        order("WX2611007", datetime(2026, 11, 19, 9, 0), completed=datetime(2026, 11, 19, 12, 0), fee="面议", **done),
    ])
    weekly = weekly_of([path])
    handover = weekly.sections.finance_handover
    assert records(handover) == ["WX2611002", "WX2611001", "WX2611007", "WX2611003"]  # by completion date
    fees = {f.record: f.fee for f in handover}
    assert fees == {"WX2611001": Decimal("120"), "WX2611002": Decimal("80"), "WX2611003": Decimal("120"),
                    "WX2611007": None}
    assert handover[2].fee_raw == "面议"
    assert weekly.sections.finance_total == Decimal("320")
    first = handover[1]
    assert first.location == "3栋1201" and first.repairer == "李明" and first.completed_at == datetime(2026, 11, 18, 11, 0)


def test_without_a_finance_column_the_handover_is_this_weeks_paid_orders(tmp_path):
    header = [h for h in WORK_ORDER_HEADER_WITH_VISITS if h != "财务签收"]
    path = orders_file(tmp_path, [
        order("WX2611001", datetime(2026, 11, 18, 9, 0), completed=datetime(2026, 11, 18, 11, 0), paid="有偿", fee=60),
        order("WX2611002", datetime(2026, 11, 10, 9, 0), completed=datetime(2026, 11, 10, 11, 0), paid="有偿", fee=90),
    ], header=header)
    assert records(weekly_of([path]).sections.finance_handover) == ["WX2611001"]


def test_the_return_visit_call_list_holds_the_weeks_completed_orders_not_yet_visited(tmp_path):
    start = datetime(2026, 11, 10, 9, 0)
    path = orders_file(tmp_path, [
        order("WX2611001", start, completed=datetime(2026, 11, 16, 0, 0)),  # the week's first minute
        order("WX2611002", start, completed=datetime(2026, 11, 22, 23, 59)),  # its last
        order("WX2611003", start, completed=datetime(2026, 11, 23, 0, 0)),  # next week
        order("WX2611004", start, completed=datetime(2026, 11, 15, 23, 59)),  # last week
        order("WX2611005", start, completed="2026-11-22"),  # typed as text: Sunday, no time: in the week
        order("WX2611006", start, completed=datetime(2026, 11, 18, 10, 0), visit_at=datetime(2026, 11, 19, 10, 0),
              visit_result="满意"),
        order("WX2611007", start, completed=datetime(2026, 11, 18, 10, 0), visit_result="未回访，电话无人接听"),
        order("WX2611008", start, completed=datetime(2026, 11, 17, 10, 0), visit_at=datetime(2026, 11, 20, 10, 0),
              visit_result="不满意，水龙头仍滴水", customer="王芳", phone="13700001111"),
    ], header=WORK_ORDER_HEADER_WITH_VISITS)
    visits = weekly_of([path]).sections.return_visits
    assert [(v.record, v.why) for v in visits] == [
        ("WX2611001", "completed"), ("WX2611007", "completed"), ("WX2611005", "completed"),
        ("WX2611002", "completed"), ("WX2611008", "unsatisfied"),
    ]
    call = visits[0]
    assert (call.name, call.phone, call.done, call.who) == ("刘伟", "13812345678", "厨房水龙头漏水", "李明")
    assert visits[-1].name == "王芳" and visits[-1].visit_result == "不满意，水龙头仍滴水"


def test_answered_complaints_are_called_back_and_unsatisfied_ones_go_back_to_handling(tmp_path):
    path = complaints_file(tmp_path, [
        weekly_complaint("TS2611001", datetime(2026, 11, 17, 9, 0), promised=datetime(2026, 11, 19, 17, 0),
                  replied=datetime(2026, 11, 19, 10, 0), result="已更换楼上防水层"),
        weekly_complaint("TS2611002", datetime(2026, 11, 5, 9, 0), promised=datetime(2026, 11, 8, 17, 0),
                  replied=datetime(2026, 11, 7, 10, 0), visit_at=datetime(2026, 11, 9, 10, 0), visit_result="不满意"),
        weekly_complaint("TS2611003", datetime(2026, 11, 17, 9, 0), promised=datetime(2026, 11, 19, 17, 0),
                  replied=datetime(2026, 11, 19, 10, 0), visit_at=datetime(2026, 11, 20, 10, 0), visit_result="满意",
                  closed=datetime(2026, 11, 20, 11, 0)),
    ])
    visits = weekly_of([path]).sections.return_visits
    assert [(v.record, v.why) for v in visits] == [("TS2611001", "answered"), ("TS2611002", "unsatisfied")]
    assert visits[0].done == "已更换楼上防水层" and visits[0].name == "陈静" and visits[0].kind == "complaint"


def test_a_complaint_closed_in_the_week_with_no_reply_time_and_no_visit_is_called_back(tmp_path):
    """Its close time is its answer (docs/reference.md, Rules: answered once it has a reply, a visit or a close time)."""
    path = complaints_file(tmp_path, [
        weekly_complaint("TS2611004", datetime(2026, 11, 17, 9, 0), promised=datetime(2026, 11, 19, 17, 0),
                  closed=datetime(2026, 11, 18, 16, 0)),
        weekly_complaint("TS2611005", datetime(2026, 11, 10, 9, 0), promised=datetime(2026, 11, 12, 17, 0),
                  closed=datetime(2026, 11, 12, 16, 0)),  # closed the week before: that week's call
    ])
    visits = weekly_of([path]).sections.return_visits
    assert [(v.record, v.why, v.at) for v in visits] == [("TS2611004", "answered", datetime(2026, 11, 18, 16, 0))]


def test_a_complaint_closed_by_a_yes_in_its_close_column_is_not_overdue_or_major(tmp_path):
    header = [("是否结案" if h == "结案时间" else h) for h in WEEKLY_COMPLAINT_HEADER]
    rows = [weekly_complaint("TS2611001", datetime(2026, 10, 1, 9, 0), promised=datetime(2026, 10, 3, 17, 0)) | {"是否结案": "是"},
            weekly_complaint("TS2611002", datetime(2026, 10, 1, 9, 0), promised=datetime(2026, 10, 3, 17, 0)) | {"是否结案": "否"}]
    path = write_register(tmp_path / "投诉登记.xlsx", rows, header, title="客户投诉登记表（2026年11月）")
    overdue = weekly_of([path]).sections.overdue
    assert [(o.record, o.why) for o in overdue] == [("TS2611002", ("reply_overdue", "major"))]


def test_findings_are_the_clerks_to_do_list_grouped_by_rule_then_register(tmp_path):
    done = datetime(2026, 11, 18, 11, 0)
    a = orders_file(tmp_path, [order("WX2611001", datetime(2026, 11, 18, 9, 0), handoff_min=12, content="灯坏",
                                     completed=done)], name="a.xlsx")
    b = orders_file(tmp_path, [order("WX2611001", datetime(2026, 11, 18, 9, 0), handoff_min=9, completed=done)],
                    name="b.xlsx")
    findings = weekly_of([b, a]).sections.findings
    # catalog order: slow-handoff comes before content-too-brief
    assert [(f.rule, f.path.split("/")[-1]) for f in findings] == [
        ("slow-handoff", "a.xlsx"), ("slow-handoff", "b.xlsx"), ("content-too-brief", "a.xlsx")]
