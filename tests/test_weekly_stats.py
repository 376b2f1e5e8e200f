"""Weekly statistics: counts by week, on-time rates at their thresholds, n/a when nothing can be judged."""

from __future__ import annotations

from datetime import datetime, timedelta

from helpers import weekly_complaint, complaints_file, order, orders_file, weekly_of


def test_received_and_completed_count_only_the_weeks_orders(tmp_path):
    path = orders_file(tmp_path, [
        order("WX2611001", datetime(2026, 11, 16, 0, 0), completed=datetime(2026, 11, 16, 9, 0)),
        order("WX2611002", datetime(2026, 11, 22, 23, 50), completed=datetime(2026, 11, 23, 0, 0)),
        order("WX2611003", datetime(2026, 11, 15, 23, 50), completed=datetime(2026, 11, 16, 8, 0)),
        order("WX2611004", datetime(2026, 11, 23, 0, 10)),  # Monday: next week
    ])
    stats = weekly_of([path]).stats
    assert stats.orders.received == 2  # 001 and 002
    assert stats.orders.completed == 2  # 001 and 003; 002 finished on Monday 00:00


def test_hand_over_exactly_at_handoff_minutes_is_on_time(tmp_path):
    received = datetime(2026, 11, 18, 9, 0)
    path = orders_file(tmp_path, [
        order("WX2611001", received, handoff_min=5, completed=received + timedelta(hours=2)),
        order("WX2611002", received, handoff_min=6, completed=received + timedelta(hours=2)),
        order("WX2611003", received, handoff_min=1, completed=received + timedelta(hours=2)),
    ])
    handover = weekly_of([path]).stats.orders.handover
    assert (handover.count, handover.of) == (2, 3)


def test_completion_exactly_delay_hours_after_dispatch_is_on_time(tmp_path):
    received = datetime(2026, 11, 17, 9, 0)
    dispatched = received + timedelta(minutes=2)
    path = orders_file(tmp_path, [
        order("WX2611001", received, completed=dispatched + timedelta(hours=24)),
        order("WX2611002", received, completed=dispatched + timedelta(hours=24, minutes=1), delay_reason="等配件"),
        order("WX2611003", received, completed=dispatched + timedelta(hours=2)),
        # a completion known only to the day, the day after dispatch: 15 to 39 hours, cannot tell
        order("WX2611004", received, completed="2026-11-18"),
    ])
    orders = weekly_of([path]).stats.orders
    assert orders.completed == 4
    assert (orders.completion.count, orders.completion.of) == (2, 3)
    assert orders.median_hours == 24.0  # of 2, 24 and 24.02 hours; the date-only order is left out


def test_rates_read_na_when_nothing_could_be_judged(tmp_path):
    path = orders_file(tmp_path, [order("WX2611001", datetime(2026, 11, 2, 9, 0), completed=datetime(2026, 11, 2, 11, 0))])
    weekly = weekly_of([path])
    stats = weekly.stats
    assert stats.orders.received == 0 and stats.orders.handover.value is None and stats.orders.completion.value is None
    assert stats.orders.median_hours is None and stats.complaints.reply_on_time.value is None
    assert stats.as_dict()["orders"]["completed_on_time"] == {"count": 0, "of": 0, "rate": None}
    from toolkit.outputs.weekly_text import render
    assert "completed ≤ 24 h after dispatch     n/a" in render(weekly, "en")
    assert "无数据" in render(weekly, "zh")


def test_orders_are_counted_by_engineer_and_by_a_keyword_category(tmp_path):
    received = datetime(2026, 11, 18, 9, 0)
    done = received + timedelta(hours=3)
    path = orders_file(tmp_path, [
        order("WX2611001", received, content="厨房水龙头漏水", completed=done),
        order("WX2611002", received, content="客厅灯具不亮", completed=done, engineer="周工"),
        order("WX2611003", received, content="空调漏水需检修", engineer="周工"),
        order("WX2611004", received, content="3单元电梯困人", engineer=None),
    ])
    stats = weekly_of([path]).stats
    assert {k: (g.received, g.completed, g.open) for k, g in stats.by_engineer.items()} == {
        "李工": (1, 1, 0), "周工": (2, 1, 1), "": (1, 0, 1)}
    assert set(stats.by_category) == {"plumbing", "electrical", "air_conditioning", "public_facilities"}
    assert stats.by_category["air_conditioning"].open == 1  # 空调漏水 is air conditioning, not plumbing


def test_complaint_statistics_by_category_reply_on_time_and_satisfaction(tmp_path):
    received = datetime(2026, 11, 17, 9, 0)
    path = complaints_file(tmp_path, [
        weekly_complaint("TS2611001", received, promised=datetime(2026, 11, 19, 17, 0), replied=datetime(2026, 11, 19, 17, 0),
                  visit_at=datetime(2026, 11, 20, 9, 0), visit_result="满意"),
        weekly_complaint("TS2611002", received, promised=datetime(2026, 11, 19, 17, 0), replied=datetime(2026, 11, 20, 9, 0),
                  visit_at=datetime(2026, 11, 21, 9, 0), visit_result="不满意", category="管理服务"),
        weekly_complaint("TS2611003", received, promised=datetime(2026, 11, 20, 17, 0), category="",
                  content="物业费比去年多收了两百元"),
        weekly_complaint("TS2611004", datetime(2026, 11, 2, 9, 0), promised=datetime(2026, 11, 4, 17, 0),
                  replied=datetime(2026, 11, 4, 9, 0)),  # another week
    ])
    c = weekly_of([path]).stats.complaints
    assert c.received == 3 and c.replied == 2
    assert c.by_category == {"facilities": 1, "fees": 1, "service": 1}
    assert (c.reply_on_time.count, c.reply_on_time.of) == (1, 3)  # on the dot; a day late; never answered
    assert (c.satisfaction.count, c.satisfaction.of) == (1, 2)
