"""The reporting week: ISO week, Monday 00:00 up to (not including) the next Monday 00:00.

Weeks start at midnight, so a time known only to the day is always wholly inside or
wholly outside a week: "in the week" never has to guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from toolkit.errors import UsageError
from toolkit.model.times import surely_after

_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)
LAST = ("last", "previous", "上周")


@dataclass(frozen=True, slots=True, order=True)
class Week:
    year: int
    number: int
    start: datetime = field(init=False, compare=False, repr=False)  # Monday 00:00
    end: datetime = field(init=False, compare=False, repr=False)  # the next Monday 00:00 (not in the week)

    def __post_init__(self):
        start = datetime.combine(date.fromisocalendar(self.year, self.number, 1), time.min)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", start + timedelta(days=7))

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def last_day(self) -> date:
        return (self.end - timedelta(days=1)).date()

    def shift(self, weeks: int) -> "Week":
        return week_of(self.start + timedelta(weeks=weeks))

    def contains(self, value) -> bool:
        """A datetime or a date falls in the week (a date is a whole day: in or out, never both)."""
        if value is None:
            return False
        moment = value if isinstance(value, datetime) else datetime.combine(value, time.min)
        return self.start <= moment < self.end

    def __str__(self) -> str:
        return self.label


def week_of(moment: datetime | date) -> Week:
    year, number, _ = moment.isocalendar()
    return Week(year, number)


def parse_week(text: str | None, as_of: datetime) -> Week:
    """``--week``: "2026-W47" (or "2026W47"), "last" for the week before the as-of week, or None."""
    if text is None or not text.strip():
        return week_of(as_of)
    if text.strip().lower() in LAST:
        return week_of(as_of).shift(-1)
    m = _WEEK.match(text)
    if m:
        year, number = int(m.group(1)), int(m.group(2))
        try:
            date.fromisocalendar(year, number, 1)
        except ValueError:
            pass
        else:
            return Week(year, number)
    raise UsageError("weekly.bad_week", value=text)


def happened_by(value, as_of: datetime) -> bool:
    """The event may already have happened at ``as_of`` (it is not surely later)."""
    return value is not None and not surely_after(value, as_of)


def in_week(value, week: Week, as_of: datetime) -> bool:
    """In the week and not after the as-of time (a re-run of a past week ignores later entries)."""
    return week.contains(value) and happened_by(value, as_of)
