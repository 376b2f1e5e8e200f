"""Times known to the minute or only to the day: a register's "11月26日" is a whole day, and a
value known only to the day never makes a rule fire on a guess."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta


def earliest(value) -> datetime:
    """The earliest moment a value can mean (a date alone: its first minute)."""
    return value if isinstance(value, datetime) else datetime.combine(value, time.min)


def latest(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time(23, 59, 59))


_NO_TIME = timedelta(0)


def surely_after(later, earlier, by: timedelta = _NO_TIME) -> bool:
    """True only when ``later`` is certainly more than ``by`` after ``earlier``.

    A value known only to the day never makes a rule fire on a guess.
    """
    if type(later) is datetime and type(earlier) is datetime:  # the common case, kept cheap
        return later - earlier > by
    return earliest(later) - latest(earlier) > by


def show_time(value) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def hours(delta: timedelta) -> str:
    return f"{delta.total_seconds() / 3600:.1f}"
