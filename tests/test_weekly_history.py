"""The weekly history in the store: one row per ISO week, trends and last week's numbers."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta

from helpers import order, orders_file

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
            db.execute("INSERT INTO weekly_history (week, as_of, counts) VALUES ('2026-W46', '2026-11-16T08:30', 'not json')")
        assert load_weeks(store, W47) == []


def _two_weeks_typed_two_ways(tmp_path, monkeypatch, first_typed, second_typed):
    """W46 then W47 over the same register, the path typed differently each Monday."""
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "run").mkdir()
    monkeypatch.chdir(tmp_path / "run")
    w46 = _orders(datetime(2026, 11, 9, 8, 0), 3, "WX26110", slow=3)
    with Store(tmp_path / "toolkit.sqlite") as store:
        orders_file(site, w46)
        run_weekly([first_typed], datetime(2026, 11, 16, 8, 30), W46, Config(), "en", store)
        orders_file(site, w46 + _orders(datetime(2026, 11, 16, 8, 0), 5, "WX26111", slow=2))
        return run_weekly([second_typed], datetime(2026, 11, 23, 8, 30), W47, Config(), "en", store)


def test_last_week_by_register_is_compared_whatever_path_was_typed(tmp_path, monkeypatch):
    from toolkit.outputs.weekly_tables import findings_compared
    absolute = str(tmp_path / "site" / "维修登记.xlsx")
    for first, second in (("../site/维修登记.xlsx", absolute), (absolute, "../site/维修登记.xlsx")):
        for leftover in tmp_path.iterdir():
            shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
        report = _two_weeks_typed_two_ways(tmp_path, monkeypatch, first, second)
        rows = findings_compared(report, "en", "register").rows
        assert rows == [[f"{second} › 2026年11月", 3, 2, "+1"]], (first, second)  # one row, shown as typed now
        with Store(tmp_path / "toolkit.sqlite") as store:
            stored = [json.loads(c)["findings"]["by_register"] for (c,) in store.db.execute("SELECT counts FROM weekly_history")]
        resolved = (tmp_path / "site" / "维修登记.xlsx").resolve()
        assert stored == [{f"{resolved} › 2026年11月": 2}, {f"{resolved} › 2026年11月": 3}]


def test_a_history_row_stored_under_the_path_as_typed_is_compared_too(tmp_path, monkeypatch):
    """A store written before register keys were absolute: its relative keys are read from this folder."""
    absolute = str(tmp_path / "site" / "维修登记.xlsx")
    report = _two_weeks_typed_two_ways(tmp_path, monkeypatch, "../site/维修登记.xlsx", "../site/维修登记.xlsx")
    with Store(tmp_path / "toolkit.sqlite") as store:
        (counts,) = store.db.execute("SELECT counts FROM weekly_history WHERE week = '2026-W46'").fetchone()
        old = json.loads(counts)
        old["findings"]["by_register"] = {"../site/维修登记.xlsx › 2026年11月": 2, "../gone/维修登记.xlsx › 1月": 1}
        with store.transaction() as db:
            db.execute("UPDATE weekly_history SET counts = ? WHERE week = '2026-W46'", (json.dumps(old, ensure_ascii=False),))
        report = run_weekly([absolute], datetime(2026, 11, 23, 8, 30), W47, Config(), "en", store)
    assert report.last_week.findings_by_register == {f"{absolute} › 2026年11月": 2,
                                                     f"{(tmp_path / 'gone' / '维修登记.xlsx').resolve()} › 1月": 1}


def test_a_look_back_at_an_earlier_moment_keeps_the_weeks_stored_row(tmp_path):
    """Monday's run stored W47; a run as of the Friday before sees the registers as they are now
    (later entries, "in the future" findings): it must not overwrite what Monday's run stored."""
    path = orders_file(tmp_path, _orders(datetime(2026, 11, 16, 8, 0), 4, "WX26111"))
    with Store(tmp_path / "toolkit.sqlite") as store:
        monday = run_weekly([path], datetime(2026, 11, 23, 8, 30), W47, Config(), "en", store)
        friday = run_weekly([path], datetime(2026, 11, 20, 12, 0), W47, Config(), "en", store)
        rows = store.db.execute("SELECT as_of, counts FROM weekly_history").fetchall()
        assert monday.history_kept is None and friday.history_kept == "2026-11-23T08:30"
        assert rows == [("2026-11-23T08:30", rows[0][1])]
        assert json.loads(rows[0][1]) == monday.stats.as_dict()
        later = run_weekly([path], datetime(2026, 11, 23, 9, 30), W47, Config(), "en", store)
        assert later.history_kept is None
        assert store.db.execute("SELECT as_of FROM weekly_history").fetchall() == [("2026-11-23T09:30",)]
