"""The working calendar: which days are off, where each year's days come from, working hours."""

from datetime import date, datetime, time

import pytest

from toolkit.config import parse_config
from toolkit.errors import ConfigError
from toolkit.workcalendar import CalendarSettings, WorkCalendar, calendar_settings

CHINESE = WorkCalendar()
HOLIDAYS_2027 = {date(2027, 1, 1), *(date(2027, 2, d) for d in range(5, 11)), date(2027, 4, 5),
                 *(date(2027, 5, d) for d in range(1, 5)), date(2027, 6, 9), date(2027, 9, 15),
                 *(date(2027, 10, d) for d in range(1, 6))}


def calendar_of(text: str) -> WorkCalendar:
    import tomllib

    return WorkCalendar(calendar_settings(parse_config(tomllib.loads(text))))


def test_national_day_is_not_a_working_day():
    assert CHINESE.is_working_day(date(2026, 10, 1)) is False


def test_a_make_up_saturday_is_a_working_day():
    assert date(2026, 2, 14).weekday() == 5
    assert CHINESE.is_working_day(date(2026, 2, 14)) is True


def test_an_ordinary_saturday_is_not_and_a_tuesday_is():
    assert CHINESE.is_working_day(date(2026, 11, 28)) is False
    assert CHINESE.is_working_day(date(2026, 11, 24)) is True


def test_2026_is_the_published_arrangement_and_2027_the_estimated_statutory_days():
    y2026, y2027 = CHINESE.arrangement(2026), CHINESE.arrangement(2027)
    assert (y2026.source, y2026.confirmed) == ("chinesecalendar", True)
    assert (y2027.source, y2027.confirmed) == ("holidays", False)
    off_2027 = {d.day for d in CHINESE.year_days(2027) if not d.working and d.source != "weekends"}
    assert off_2027 == HOLIDAYS_2027
    assert not any(d.working for d in CHINESE.year_days(2027))  # no make-up days are known


def test_new_years_day_and_the_spring_festival_of_2027_are_days_off():
    assert CHINESE.is_working_day(date(2027, 1, 1)) is False
    assert CHINESE.is_working_day(date(2027, 2, 8)) is False  # 正月初三
    assert CHINESE.is_working_day(date(2027, 2, 11)) is True
    assert CHINESE.is_working_day(date(2027, 1, 5)) is True


def test_a_year_nothing_knows_is_monday_to_friday_and_not_confirmed():
    far = CHINESE.arrangement(2200)
    assert (far.source, far.confirmed) == ("weekdays", False)
    assert CHINESE.is_working_day(date(2200, 1, 1)) is True  # a Wednesday: nothing says otherwise
    assert CHINESE.is_working_day(date(2200, 1, 4)) is False  # a Saturday


def test_the_users_table_wins_and_is_confirmed():
    cal = calendar_of('[calendar.2027]\ndays_off = ["2027-01-01", "2027-02-11"]\nworkdays = [2027-02-20]\n')
    y = cal.arrangement(2027)
    assert (y.source, y.confirmed) == ("config", True)
    assert cal.is_working_day(date(2027, 2, 11)) is False  # the table's day off
    assert cal.is_working_day(date(2027, 2, 8)) is True  # the estimate no longer counts
    assert cal.is_working_day(date(2027, 2, 20)) is True  # a make-up Saturday
    assert cal.arrangement(2026).source == "chinesecalendar"  # other years keep their source


def test_reminders_holidays_and_workdays_are_extra_days_on_top_of_any_source():
    cal = calendar_of('[reminders]\nholidays = ["2026-11-24", "2027-01-05"]\nworkdays = ["2026-10-01"]\n')
    assert cal.is_working_day(date(2026, 11, 24)) is False
    assert cal.is_working_day(date(2027, 1, 5)) is False
    assert cal.is_working_day(date(2026, 10, 1)) is True
    assert cal.arrangement(2027).confirmed is False  # an extra day off does not confirm a year


def test_weekdays_by_choice_needs_no_confirming():
    cal = calendar_of('[reminders]\ncalendar = "weekdays"\n')
    assert cal.is_working_day(date(2026, 10, 1)) is True and cal.is_working_day(date(2026, 2, 14)) is False
    assert [(a.source, a.confirmed) for a in cal.status(datetime(2026, 12, 1))] == [("weekdays", True)] * 2


def test_from_november_the_next_year_is_in_use_too():
    assert CHINESE.years_in_use(datetime(2026, 10, 31, 23, 0)) == [2026]
    assert CHINESE.years_in_use(datetime(2026, 11, 1, 0, 0)) == [2026, 2027]
    assert CHINESE.years_in_use(datetime(2027, 3, 1), datetime(2027, 3, 2)) == [2027]


def test_working_hours_bound_the_sending_window():
    assert CHINESE.in_working_time(datetime(2026, 11, 25, 8, 30)) is True
    assert CHINESE.in_working_time(datetime(2026, 11, 25, 18, 0)) is False
    assert CHINESE.in_working_time(datetime(2026, 11, 25, 8, 29)) is False
    assert CHINESE.in_working_time(datetime(2027, 1, 1, 10, 0)) is False


def test_the_next_window_skips_the_weekend_and_holidays():
    assert CHINESE.next_window(datetime(2026, 11, 27, 19, 0)) == datetime(2026, 11, 30, 8, 30)
    assert CHINESE.next_window(datetime(2026, 9, 30, 18, 30)) == datetime(2026, 10, 8, 8, 30)  # after the Golden Week
    assert CHINESE.is_working_day(date(2026, 10, 10)) is True  # its make-up Saturday
    assert CHINESE.next_window(datetime(2026, 11, 25, 10, 0)) == datetime(2026, 11, 25, 10, 0)
    # New Year's Eve after hours: 元旦 is off, then a weekend
    assert CHINESE.next_window(datetime(2026, 12, 31, 18, 30)) == datetime(2027, 1, 4, 8, 30)
    assert CHINESE.next_working_day(date(2027, 2, 8)) == date(2027, 2, 11)


def test_custom_work_hours_and_calendar_off():
    custom = WorkCalendar(CalendarSettings(work_hours=(time(9, 0), time(17, 30)), mode="off"))
    assert custom.in_working_time(datetime(2026, 10, 1, 23, 0)) is True
    assert custom.status(datetime(2026, 12, 1)) == []  # nothing in use, nothing to confirm
    hours = calendar_of('[reminders]\nwork_hours = "09:00-17:30"\n')
    assert hours.in_working_time(datetime(2026, 11, 25, 17, 29)) is True
    assert hours.in_working_time(datetime(2026, 11, 25, 17, 30)) is False


@pytest.mark.parametrize("text, said", [
    ('[calendar.2027]\ndays_off = ["2027-02-30"]\n', "calendar.2027.days_off: '2027-02-30' is not a date (YYYY-MM-DD)"),
    ('[calendar.2027]\ndays_off = ["2026-10-01"]\n', "calendar.2027.days_off: 2026-10-01 is not in 2027"),
    ('[calendar.2027]\ndays_off = ["2027-02-20"]\nworkdays = ["2027-02-20"]\n',
     "calendar.2027: 2027-02-20 is both a day off and a working day"),
    ('[calendar.2027]\ndays_off = []\nholidays = []\n', "unknown setting 'calendar.2027.holidays' (known: days_off, workdays)"),
    ('[calendar.next]\ndays_off = []\n', "unknown setting 'calendar.next'"),
    ('[calendar.2027]\nworkdays = ["2027-02-20"]\n', "[calendar.2027] needs days_off = [...]"),
    ('[calendar.2027]\ndays_off = "2027-01-01"\n', "calendar.2027.days_off must be a list of dates"),
    ('[calendar.2027]\ndays_off = [2027-01-01T10:00:00]\n', "is not a date (YYYY-MM-DD)"),
    ('calendar = 2027\n', "[calendar] takes one table per year"),
    ('[reminders]\ncalendar = "lunar"\n', 'reminders.calendar must be "chinese", "weekdays" or "off"'),
    ('[reminders]\nwork_hours = "25:00-18:00"\n', 'reminders.work_hours must look like "08:30-18:00"'),
    ('[reminders]\nholidays = ["soon"]\n', "reminders.holidays: 'soon' is not a date (YYYY-MM-DD)"),
])
def test_a_bad_calendar_setting_is_a_config_error_saying_what(text, said):
    import tomllib

    with pytest.raises(ConfigError) as caught:
        calendar_settings(parse_config(tomllib.loads(text)))
    assert said in caught.value.message
