"""Working time: mail goes out in working hours on working days of the Chinese calendar,
make-up working days (调休) included. For a year the calendar package does not know yet,
Monday–Friday plus the configured holidays is used, and the run says so."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from toolkit.mail.settings import ReminderSettings


@dataclass(frozen=True, slots=True)
class WorkDay:
    working: bool
    note: str | None = None  # set when the calendar had to fall back


def work_day(day: date, settings: ReminderSettings) -> WorkDay:
    if day in settings.workdays:
        return WorkDay(True)
    if day in settings.holidays:
        return WorkDay(False)
    if settings.calendar == "off":
        return WorkDay(True)
    if settings.calendar == "chinese":
        try:
            import chinese_calendar

            return WorkDay(bool(chinese_calendar.is_workday(day)))
        except NotImplementedError:
            return WorkDay(day.weekday() < 5, f"calendar_fallback:{day.year}")
    return WorkDay(day.weekday() < 5)


def in_working_time(moment: datetime, settings: ReminderSettings) -> tuple[bool, str | None]:
    if settings.calendar == "off":
        return True, None
    day = work_day(moment.date(), settings)
    start, end = settings.work_hours
    return day.working and start <= moment.time() < end, day.note


def next_window(moment: datetime, settings: ReminderSettings) -> datetime:
    """When sending may start next (the moment itself when inside a window)."""
    start, end = settings.work_hours
    for offset in range(0, 60):
        day = moment.date() + timedelta(days=offset)
        if not work_day(day, settings).working:
            continue
        opens, closes = datetime.combine(day, start), datetime.combine(day, end)
        if moment < closes:
            return max(moment, opens)
    return moment
