"""The weekly history: each run's statistics in the store, one row per ISO week.

Trends and "compared with last week" read these rows instead of re-reading old registers;
re-running a week replaces its row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from toolkit.followup.stats import WeekStats
from toolkit.followup.week import Week
from toolkit.store import Store


@dataclass(frozen=True, slots=True)
class HistoryRow:
    week: str
    as_of: str
    stats: WeekStats


def save_week(store: Store, stats: WeekStats, as_of: datetime) -> None:
    """Store (or replace) the week's statistics in one transaction."""
    with store.transaction() as db:
        db.execute("INSERT OR REPLACE INTO weekly_history (week, as_of, counts) VALUES (?, ?, ?)",
                   (stats.week, as_of.isoformat(timespec="minutes"),
                    json.dumps(stats.as_dict(), ensure_ascii=False, sort_keys=True)))


def load_weeks(store: Store, before: Week, count: int = 7) -> list[HistoryRow]:
    """The last ``count`` stored weeks before ``before``, oldest first (unreadable rows are skipped)."""
    rows = store.db.execute(
        "SELECT week, as_of, counts FROM weekly_history WHERE week < ? ORDER BY week DESC LIMIT ?",
        (before.label, count)).fetchall()
    out = []
    for week, as_of, counts in reversed(rows):
        try:
            out.append(HistoryRow(week, as_of, WeekStats.from_dict(json.loads(counts))))
        except (ValueError, TypeError, AttributeError):
            continue  # a damaged row is a missing week, not a failed run
    return out


def load_week(store: Store, week: Week) -> HistoryRow | None:
    row = store.db.execute("SELECT week, as_of, counts FROM weekly_history WHERE week = ?", (week.label,)).fetchone()
    if row is None:
        return None
    try:
        return HistoryRow(row[0], row[1], WeekStats.from_dict(json.loads(row[2])))
    except (ValueError, TypeError, AttributeError):
        return None
