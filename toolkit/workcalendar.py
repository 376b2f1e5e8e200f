"""The one working-time calendar of the reminders and the weekly job.

Which days of a year are off comes from the first source that knows the year:

1. the user's own table, ``[calendar.2027]`` in toolkit.toml (``days_off``, ``workdays``): confirmed;
2. chinesecalendar, the State Council's published arrangement with make-up days (调休): confirmed;
3. the statutory days the ``holidays`` package computes: an estimate, with no make-up days;
4. Monday–Friday.

``[reminders] holidays`` / ``workdays`` are extra days off / working days on top of any source;
``[reminders] calendar = "weekdays"`` skips 2 and 3 (the site keeps Monday–Friday by choice),
``"off"`` makes every moment working time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from toolkit.errors import ConfigError

MODES = ("chinese", "weekdays", "off")
CONFIG, CHINESECALENDAR, HOLIDAYS, WEEKDAYS = "config", "chinesecalendar", "holidays", "weekdays"
WEEKENDS = "weekends"  # the source of a Saturday or Sunday no source names
# The State Council publishes the next year's arrangement in November: from then on it matters.
NEXT_YEAR_FROM_MONTH = 11
_TABLE_KEYS = ("days_off", "workdays")


@dataclass(frozen=True, slots=True)
class YearTable:
    """A year's arrangement as the user wrote it in ``[calendar.YYYY]``."""
    days_off: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()  # make-up working days (调休), usually a Saturday or Sunday


@dataclass(frozen=True)
class CalendarSettings:
    mode: str = "chinese"
    work_hours: tuple[time, time] = (time(8, 30), time(18, 0))
    extra_days_off: frozenset[date] = frozenset()  # [reminders] holidays
    extra_workdays: frozenset[date] = frozenset()  # [reminders] workdays
    years: Mapping[int, YearTable] = field(default_factory=dict)  # [calendar.YYYY]


@dataclass(frozen=True, slots=True)
class Day:
    """A day whose status a source names: a holiday, a make-up working day, or a weekend."""
    day: date
    working: bool
    source: str  # config, chinesecalendar, holidays, weekends, weekdays
    name_zh: str = ""
    name_en: str = ""


@dataclass(frozen=True)
class Arrangement:
    """One year's days off and make-up working days, and where they come from."""
    year: int
    source: str  # config, chinesecalendar, holidays or weekdays
    confirmed: bool  # False: the official arrangement is not known (an estimate, or weekdays alone)
    days: Mapping[date, Day] = field(default_factory=dict)


class WorkCalendar:
    def __init__(self, settings: CalendarSettings | None = None):
        self.settings = settings or CalendarSettings()
        self._years: dict[int, Arrangement] = {}

    @property
    def off(self) -> bool:
        return self.settings.mode == "off"

    def arrangement(self, year: int) -> Arrangement:
        if year not in self._years:
            self._years[year] = _arrangement(year, self.settings)
        return self._years[year]

    def day(self, day: date) -> Day:
        s = self.settings
        if self.off:
            return Day(day, True, WEEKDAYS)
        if day in s.extra_workdays:
            return Day(day, True, CONFIG, "[reminders] workdays", "[reminders] workdays")
        if day in s.extra_days_off:
            return Day(day, False, CONFIG, "[reminders] holidays", "[reminders] holidays")
        named = self.arrangement(day.year).days.get(day)
        if named is not None:
            return named
        return Day(day, True, WEEKDAYS) if day.weekday() < 5 else Day(day, False, WEEKENDS)

    def is_working_day(self, day: date) -> bool:
        return self.day(day).working

    def next_working_day(self, day: date) -> date:
        """The first working day after ``day``."""
        for offset in range(1, 366):
            candidate = day + timedelta(days=offset)
            if self.is_working_day(candidate):
                return candidate
        return day + timedelta(days=1)  # a calendar with no working day at all: do not wait forever

    def in_working_time(self, moment: datetime) -> bool:
        if self.off:
            return True
        start, end = self.settings.work_hours
        return self.is_working_day(moment.date()) and start <= moment.time() < end

    def next_window(self, moment: datetime) -> datetime:
        """When sending may start next (the moment itself when inside a window)."""
        if self.off:
            return moment
        start, end = self.settings.work_hours
        for offset in range(0, 366):
            day = moment.date() + timedelta(days=offset)
            if not self.is_working_day(day):
                continue
            opens, closes = datetime.combine(day, start), datetime.combine(day, end)
            if moment < closes:
                return max(moment, opens)
        return moment

    def years_in_use(self, as_of: datetime, *also: datetime | date | None) -> list[int]:
        """This year, the next one from 1 November, and the year of any other moment given."""
        if self.off:
            return []
        return sorted({*current_years(as_of), *(m.year for m in also if m is not None)})

    def status(self, as_of: datetime, *also: datetime | date | None) -> list[Arrangement]:
        return [self.arrangement(y) for y in self.years_in_use(as_of, *also)]

    def year_days(self, year: int) -> list[Day]:
        """Every day of the year that is off or a make-up working day, weekends included."""
        out = []
        day = date(year, 1, 1)
        while day.year == year:
            d = self.day(day)
            if not d.working or day.weekday() >= 5:
                out.append(d)
            day += timedelta(days=1)
        return out


def current_years(as_of: datetime | date) -> list[int]:
    """This year, and the next one from 1 November."""
    return [as_of.year] + ([as_of.year + 1] if as_of.month >= NEXT_YEAR_FROM_MONTH else [])


def status_json(arrangements) -> dict:
    """The ``"calendar"`` object of the JSON outputs: {"2027": {"source": …, "confirmed": …}}."""
    return {str(a.year): {"source": a.source, "confirmed": a.confirmed} for a in arrangements}


def toml_table(arrangement: Arrangement) -> str:
    """A ``[calendar.YYYY]`` table to start from: the days off and make-up days now in use."""
    import json

    days = sorted(arrangement.days.values(), key=lambda d: d.day)
    off = [d.day.isoformat() for d in days if not d.working]
    work = [d.day.isoformat() for d in days if d.working]
    return f"[calendar.{arrangement.year}]\ndays_off = {json.dumps(off)}\nworkdays = {json.dumps(work)}\n"


# ---- the sources -------------------------------------------------------------------------------

def _arrangement(year: int, settings: CalendarSettings) -> Arrangement:
    table = settings.years.get(year)
    if table is not None:
        days = {d: Day(d, False, CONFIG) for d in table.days_off}
        days.update({d: Day(d, True, CONFIG) for d in table.workdays})
        return Arrangement(year, CONFIG, True, days)
    if settings.mode == "weekdays":  # chosen in the config: nothing to confirm
        return Arrangement(year, WEEKDAYS, True)
    days = _chinesecalendar(year)
    if days is not None:
        return Arrangement(year, CHINESECALENDAR, True, days)
    days = _holidays(year)
    if days:
        return Arrangement(year, HOLIDAYS, False, days)
    return Arrangement(year, WEEKDAYS, False)


def _chinesecalendar(year: int) -> dict[date, Day] | None:
    try:
        import chinese_calendar

        chinese_calendar.is_workday(date(year, 1, 1))  # NotImplementedError for a year it lacks
    except (ImportError, NotImplementedError):
        return None

    def names(value):
        try:
            return chinese_calendar.Holiday(value).chinese, value
        except ValueError:
            return value, value

    days = {d: Day(d, False, CHINESECALENDAR, *names(v)) for d, v in chinese_calendar.holidays.items() if d.year == year}
    days.update({d: Day(d, True, CHINESECALENDAR, *names(v)) for d, v in chinese_calendar.workdays.items()
                 if d.year == year})
    return days


def _holidays(year: int) -> dict[date, Day] | None:
    try:
        import holidays

        zh = holidays.country_holidays("CN", years=year, language="zh_CN")
        en = holidays.country_holidays("CN", years=year, language="en_US")
    except Exception:  # not installed, or a year it cannot compute: fall back to Monday–Friday
        return None
    return {d: Day(d, False, HOLIDAYS, zh.get(d, ""), en.get(d, "")) for d in zh if d.year == year}


# ---- toolkit.toml → CalendarSettings -----------------------------------------------------------

def calendar_settings(config) -> CalendarSettings:
    """[calendar.YYYY] tables and the calendar keys of [reminders], validated (one-line ConfigErrors)."""
    raw = getattr(config, "raw", None) or {}
    path = getattr(config, "path", None)
    where = str(path) if path else "toolkit.toml"

    def fail(msg: str):
        raise ConfigError(msg, path=where)

    values: dict = {}
    rem = raw.get("reminders", {})
    if isinstance(rem, dict):  # mail settings report a [reminders] that is not a table
        if "calendar" in rem:
            if rem["calendar"] not in MODES:
                fail('reminders.calendar must be "chinese", "weekdays" or "off"')
            values["mode"] = rem["calendar"]
        if "work_hours" in rem:
            values["work_hours"] = parse_work_hours(where, rem["work_hours"])
        if "holidays" in rem:
            values["extra_days_off"] = frozenset(_dates(fail, "reminders.holidays", rem["holidays"]))
        if "workdays" in rem:
            values["extra_workdays"] = frozenset(_dates(fail, "reminders.workdays", rem["workdays"]))

    section = raw.get("calendar", {})
    if not isinstance(section, dict):
        fail("[calendar] takes one table per year, like [calendar.2027] days_off = [...] workdays = [...]")
    years: dict[int, YearTable] = {}
    for key, table in section.items():
        if not re.fullmatch(r"\d{4}", str(key)):
            fail(f"unknown setting 'calendar.{key}' (the calendar takes one table per year, like [calendar.2027])")
        year = int(key)
        if not isinstance(table, dict):
            fail(f"calendar.{key} must be a table: [calendar.{key}] days_off = [...] workdays = [...]")
        for name in table:
            if name not in _TABLE_KEYS:
                fail(f"unknown setting 'calendar.{key}.{name}' (known: {', '.join(_TABLE_KEYS)})")
        if "days_off" not in table:
            fail(f"[calendar.{key}] needs days_off = [...]: the year's days off")
        lists = {name: _dates(fail, f"calendar.{key}.{name}", table.get(name, [])) for name in _TABLE_KEYS}
        for name, days in lists.items():
            for d in days:
                if d.year != year:
                    fail(f"calendar.{key}.{name}: {d.isoformat()} is not in {year}")
        both = sorted(set(lists["days_off"]) & set(lists["workdays"]))
        if both:
            fail(f"calendar.{key}: {both[0].isoformat()} is both a day off and a working day")
        years[year] = YearTable(frozenset(lists["days_off"]), frozenset(lists["workdays"]))
    values["years"] = years
    return CalendarSettings(**values)


def parse_work_hours(where: str, text) -> tuple[time, time]:
    m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*", str(text))
    if not m or int(m[1]) > 23 or int(m[3]) > 23 or int(m[2]) > 59 or int(m[4]) > 59:
        raise ConfigError(f'reminders.work_hours must look like "08:30-18:00", not "{text}"', path=where)
    start, end = time(int(m[1]), int(m[2])), time(int(m[3]), int(m[4]))
    if start >= end:
        raise ConfigError("reminders.work_hours: the start must be before the end", path=where)
    return start, end


def _dates(fail, name: str, values) -> list[date]:
    if not isinstance(values, list):
        fail(f"{name} must be a list of dates, like [\"2027-01-01\"]")
    out = []
    for v in values:
        if isinstance(v, date) and not isinstance(v, datetime):  # a TOML date: 2027-01-01 unquoted
            out.append(v)
            continue
        try:
            if not isinstance(v, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v.strip()):
                raise ValueError
            out.append(date.fromisoformat(v.strip()))
        except ValueError:
            fail(f"{name}: '{v}' is not a date (YYYY-MM-DD)")
    return out
