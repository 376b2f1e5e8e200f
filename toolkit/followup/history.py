"""The weekly history: each run's statistics in the store, one row per site and ISO week.

A site is the set of registers a run names (its files and folders, as absolute paths): two sites
kept with one config never compare with, nor replace, each other's weeks. Rows stored before
sites were kept apart (site '') are found for the site whose registers they count.

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


def site_of(paths: Iterable[str | Path]) -> str:
    """The site a run's history is kept under: the files and folders it names, as absolute paths,
    sorted, one a line (`weekly ../site` and `weekly /srv/site` are one site)."""
    return "\n".join(sorted({_absolute(str(p)) for p in paths}))


def save_week(store: Store, stats: WeekStats, as_of: datetime, paths: RegisterPaths | None = None,
              site: str = "") -> bool:
    """Store the week's statistics of ``site`` in one transaction (register keys made absolute
    with ``paths``), replacing the site's stored row with the same or an earlier as-of time. False
    when the stored row is from a later as-of time and was kept: a run looking back at a past
    moment counts what the registers hold now, entries made after that moment included."""
    if paths is not None:
        stats = paths.stored(stats)
    with store.transaction() as db:
        cursor = db.execute(
            "INSERT INTO weekly_history (site, week, as_of, counts) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (site, week) DO UPDATE SET as_of = excluded.as_of, counts = excluded.counts "
            "WHERE excluded.as_of >= weekly_history.as_of",
            (site, stats.week, as_of.isoformat(timespec="minutes"),
             json.dumps(stats.as_dict(), ensure_ascii=False, sort_keys=True)))
        return cursor.rowcount > 0


def load_weeks(store: Store, before: Week, count: int = 7, paths: RegisterPaths | None = None,
               site: str = "") -> list[HistoryRow]:
    """The last ``count`` weeks of ``site`` stored before ``before``, oldest first (unreadable rows
    are skipped), rows of an older store that count this site's registers included; with
    ``paths``, register keys as this run shows them."""
    weeks = dict(_site_rows(store, "week < ?", (before.label,), site))
    if site:
        for week, row in _older_rows(store, "week < ?", (before.label,), site):
            weeks.setdefault(week, row)
    out = []
    for week in sorted(weeks)[-count:] if count > 0 else []:
        row = weeks[week]
        out.append(replace(row, stats=paths.shown(row.stats)) if paths is not None else row)
    return out


def load_week(store: Store, week: Week, site: str = "") -> HistoryRow | None:
    """The stored row of one week of ``site`` (None when there is none or it cannot be read)."""
    return next((row for _, row in _site_rows(store, "week = ?", (week.label,), site)), None)


def _site_rows(store: Store, where: str, args: tuple, site: str) -> list[tuple[str, HistoryRow]]:
    if not store.has_sites():  # an older store, read by a preview: its rows are all of site ''
        return _read(store, where, args) if not site else []
    return _read(store, f"site = ? AND {where}", (site, *args))


def _older_rows(store: Store, where: str, args: tuple, site: str) -> list[tuple[str, HistoryRow]]:
    """The rows stored before sites were kept apart that are this site's: those counting findings
    of a register in it, and those counting none when no row counts a register elsewhere (the
    store then knew this site alone)."""
    rows = _read(store, where if not store.has_sites() else f"site = '' AND {where}", args)
    places = [Path(p) for p in site.split("\n")]

    def here(key: str) -> bool:
        path = Path(_absolute(key.partition(register_key("", ""))[0]))
        return any(path == place or place in path.parents for place in places)

    named = [(week, row, [here(key) for key in row.stats.findings_by_register]) for week, row in rows]
    alone = all(all(found) for _, _, found in named)
    return [(week, row) for week, row, found in named if any(found) or (not found and alone)]


def _read(store: Store, where: str, args: tuple) -> list[tuple[str, HistoryRow]]:
    out = []
    for week, as_of, counts in store.db.execute(f"SELECT week, as_of, counts FROM weekly_history WHERE {where}", args):
        try:
            out.append((week, HistoryRow(week, as_of, WeekStats.from_dict(json.loads(counts)))))
        except (ValueError, TypeError, AttributeError):
            continue  # a damaged row is a missing week, not a failed run
    return out
