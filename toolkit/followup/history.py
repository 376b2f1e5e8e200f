"""The weekly history: each run's statistics in the store, one row per ISO week.

Trends and "compared with last week" read these rows instead of re-reading old registers;
re-running a week replaces its row, unless the row holds a run with a later as-of time (a look
back at a past moment does not overwrite what the week's own run saw). Counts by register are stored under the register's absolute
path and shown under the path as typed, so `weekly ../site` and `weekly /srv/site` compare.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from toolkit.followup.stats import WeekStats, register_key
from toolkit.followup.week import Week
from toolkit.store import Store


@dataclass(frozen=True, slots=True)
class HistoryRow:
    week: str
    as_of: str
    stats: WeekStats


@dataclass(frozen=True, slots=True)
class RegisterPaths:
    """The files of one run, as typed and as absolute paths: the history's register keys
    ("path › sheet") are stored by absolute path and shown as typed."""

    absolute: dict[str, str]  # as typed → absolute

    @classmethod
    def of(cls, typed: Iterable[str]) -> "RegisterPaths":
        return cls({p: _absolute(p) for p in typed})

    def stored(self, stats: WeekStats) -> WeekStats:
        """The week as it goes into the store: register keys under absolute paths."""
        return self._rekey(stats, self.absolute, lambda key: key)

    def shown(self, stats: WeekStats) -> WeekStats:
        """A stored week as this run shows it: the registers it read under their typed paths. A
        relative key (a store written before keys were absolute) is taken from this folder."""
        typed = {absolute: p for p, absolute in self.absolute.items()}

        def legacy(key: str) -> str:
            path, sep, sheet = key.partition(register_key("", ""))
            if not sep or Path(path).is_absolute():
                return key
            return register_key(_absolute(path), sheet)

        return self._rekey(stats, typed, legacy)

    @staticmethod
    def _rekey(stats: WeekStats, paths: dict[str, str], fallback) -> WeekStats:
        prefixes = sorted(((register_key(a, ""), register_key(b, "")) for a, b in paths.items()),
                          key=lambda pair: -len(pair[0]))

        def one(key: str, retry: bool = True) -> str:
            for old, new in prefixes:
                if key.startswith(old):
                    return new + key[len(old):]
            return one(fallback(key), False) if retry else key

        counts: Counter = Counter()
        for key, n in stats.findings_by_register.items():
            counts[one(key)] += n
        return replace(stats, findings_by_register=dict(sorted(counts.items())))


def _absolute(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return str(Path(path).absolute())


def save_week(store: Store, stats: WeekStats, as_of: datetime, paths: RegisterPaths | None = None) -> bool:
    """Store the week's statistics in one transaction (register keys made absolute with ``paths``),
    replacing a stored row with the same or an earlier as-of time. False when the stored row is
    from a later as-of time and was kept: a run looking back at a past moment counts what the
    registers hold now, entries made after that moment included."""
    if paths is not None:
        stats = paths.stored(stats)
    with store.transaction() as db:
        cursor = db.execute(
            "INSERT INTO weekly_history (week, as_of, counts) VALUES (?, ?, ?) "
            "ON CONFLICT (week) DO UPDATE SET as_of = excluded.as_of, counts = excluded.counts "
            "WHERE excluded.as_of >= weekly_history.as_of",
            (stats.week, as_of.isoformat(timespec="minutes"), json.dumps(stats.as_dict(), ensure_ascii=False, sort_keys=True)))
        return cursor.rowcount > 0


def load_weeks(store: Store, before: Week, count: int = 7, paths: RegisterPaths | None = None) -> list[HistoryRow]:
    """The last ``count`` stored weeks before ``before``, oldest first (unreadable rows are skipped);
    with ``paths``, register keys as this run shows them."""
    rows = store.db.execute(
        "SELECT week, as_of, counts FROM weekly_history WHERE week < ? ORDER BY week DESC LIMIT ?",
        (before.label, count)).fetchall()
    out = []
    for week, as_of, counts in reversed(rows):
        try:
            stats = WeekStats.from_dict(json.loads(counts))
        except (ValueError, TypeError, AttributeError):
            continue  # a damaged row is a missing week, not a failed run
        out.append(HistoryRow(week, as_of, paths.shown(stats) if paths is not None else stats))
    return out


def load_week(store: Store, week: Week) -> HistoryRow | None:
    """The stored row of one week (None when there is none or it cannot be read)."""
    row = store.db.execute("SELECT week, as_of, counts FROM weekly_history WHERE week = ?", (week.label,)).fetchone()
    if row is None:
        return None
    try:
        return HistoryRow(row[0], row[1], WeekStats.from_dict(json.loads(row[2])))
    except (ValueError, TypeError, AttributeError):
        return None
