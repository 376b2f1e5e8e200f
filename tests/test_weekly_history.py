"""The weekly history in the store: one row per ISO week, trends and last week's numbers."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from weekly_fixtures import order, orders_file

from toolkit.config import Config
from toolkit.followup.history import load_weeks
from toolkit.followup.week import Week
from toolkit.followup.weekly import run_weekly
from toolkit.store import Store

W46, W47 = Week(2026, 46), Week(2026, 47)


def _orders(first_day: datetime, n: int, prefix: str, slow: int = 0) -> list[dict]:
    return [order(f"{prefix}{i:03d}", first_day + timedelta(hours=i), handoff_min=9 if i < slow else 2,
                  completed=first_day + timedelta(hours=i + 3)) for i in range(1, n + 1)]


def test_two_weeks_of_history_give_last_weeks_numbers_and_the_trend(tmp_path):
    w46 = _orders(datetime(2026, 11, 9, 8, 0), 3, "WX26110", slow=3)
    with Store(tmp_path / "toolkit.sqlite") as store:
        # Monday 16th: the register as it was then; Monday 23rd: a week more written into it.
        first = run_weekly([orders_file(tmp_path, w46)], datetime(2026, 11, 16, 8, 30), W46, Config(), "en", store)
        path = orders_file(tmp_path, w46 + _orders(datetime(2026, 11, 16, 8, 0), 5, "WX26111"))
        second = run_weekly([path], datetime(2026, 11, 23, 8, 30), W47, Config(), "en", store)
    assert first.last_week is None
    assert first.stats.orders.received == 3 and first.stats.findings_by_rule == {"slow-handoff": 2}
    last = second.last_week
    assert last is not None and last.week == "2026-W46"
    assert last.orders.received == 3 and last.orders.handover.count == 1 and last.findings_by_rule == {"slow-handoff": 2}
    assert second.stats.orders.received == 5
    trend = second.trend()
    assert len(trend) == 8 and trend[-2][0] == "2026-W46" and trend[-1][0] == "2026-W47"
    assert [s.orders.received if s else None for _, s in trend[-3:]] == [None, 3, 5]
    from toolkit.outputs.weekly_tables import findings_compared
    rows = {r[0]: r[1:] for r in findings_compared(second, "en", "rule").rows}
    assert rows == {"slow-handoff": [2, 2, "0"]}  # this week, last week, change: the register still holds W46's


def test_rerunning_a_week_replaces_its_row(tmp_path):
    store_file = tmp_path / "toolkit.sqlite"
    path = orders_file(tmp_path, _orders(datetime(2026, 11, 16, 8, 0), 2, "WX26111"))
    with Store(store_file) as store:
        run_weekly([path], datetime(2026, 11, 23, 8, 30), W47, Config(), "en", store)
    path = orders_file(tmp_path, _orders(datetime(2026, 11, 16, 8, 0), 4, "WX26111"))
    with Store(store_file) as store:
        run_weekly([path], datetime(2026, 11, 23, 9, 30), W47, Config(), "en", store)
        rows = store.db.execute("SELECT week, as_of, counts FROM weekly_history").fetchall()
    assert len(rows) == 1
    week, as_of, counts = rows[0]
    assert week == "2026-W47" and as_of == "2026-11-23T09:30"
    assert json.loads(counts)["orders"]["received"] == 4


def test_a_damaged_history_row_is_a_missing_week_not_a_failed_run(tmp_path):
    with Store(tmp_path / "toolkit.sqlite") as store:
        with store.transaction() as db:
            db.execute("INSERT INTO weekly_history VALUES ('2026-W46', '2026-11-16T08:30', 'not json')")
        assert load_weeks(store, W47) == []
