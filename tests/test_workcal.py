"""Working days of the Chinese calendar (holidays and 调休 make-up days) and working hours."""

from datetime import date, datetime, time

from toolkit.mail.settings import ReminderSettings
from toolkit.mail.workcal import in_working_time, next_window, work_day

CHINESE = ReminderSettings(calendar="chinese")


def test_national_day_is_not_a_working_day():
    assert work_day(date(2026, 10, 1), CHINESE).working is False


def test_a_make_up_saturday_is_a_working_day():
    assert date(2026, 2, 14).weekday() == 5
    assert work_day(date(2026, 2, 14), CHINESE).working is True


def test_an_ordinary_saturday_is_not_and_a_tuesday_is():
    assert work_day(date(2026, 11, 28), CHINESE).working is False
    assert work_day(date(2026, 11, 24), CHINESE).working is True


def test_a_year_the_calendar_does_not_know_falls_back_to_weekdays_and_says_so():
    settings = ReminderSettings(calendar="chinese", holidays=(date(2027, 1, 1),))
    assert work_day(date(2027, 1, 1), settings).working is False  # configured holiday
    day = work_day(date(2027, 3, 3), settings)
    assert day.working is True and day.note == "calendar_fallback:2027"
    assert work_day(date(2027, 3, 6), settings).working is False  # a Saturday


def test_working_hours_bound_the_sending_window():
    assert in_working_time(datetime(2026, 11, 25, 8, 30), CHINESE)[0] is True
    assert in_working_time(datetime(2026, 11, 25, 18, 0), CHINESE)[0] is False
    assert in_working_time(datetime(2026, 11, 25, 8, 29), CHINESE)[0] is False


def test_the_next_window_skips_the_weekend_and_holidays():
    assert next_window(datetime(2026, 11, 27, 19, 0), CHINESE) == datetime(2026, 11, 30, 8, 30)
    assert next_window(datetime(2026, 9, 30, 18, 30), CHINESE) == datetime(2026, 10, 8, 8, 30)  # after the Golden Week
    assert work_day(date(2026, 10, 10), CHINESE).working is True  # its make-up Saturday
    assert next_window(datetime(2026, 11, 25, 10, 0), CHINESE) == datetime(2026, 11, 25, 10, 0)


def test_custom_work_hours_and_calendar_off():
    custom = ReminderSettings(work_hours=(time(9, 0), time(17, 30)), calendar="off")
    assert in_working_time(datetime(2026, 10, 1, 23, 0), custom)[0] is True
