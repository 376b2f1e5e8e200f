"""The working calendar end to end: `remind` and `weekly` against a real SMTP server around the
turn of 2026/2027, when chinesecalendar does not know 2027 yet, and `toolkit calendar`."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from helpers import run_cli, weekly_complaint, complaints_file, order, orders_file
from smtp_server import SmtpServer, smtp_config

PEOPLE = {"王丽": "wangli@example.com", "张强": "zhangqiang@example.com"}
WEEKLY = '\n[weekly]\nto = ["supervisor@example.com", "张强"]\n'
TABLE_2027 = ('\n[calendar.2027]\ndays_off = ["2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", '
              '"2027-02-09", "2027-02-10", "2027-02-11"]\nworkdays = ["2027-02-20"]\n')
UNCONFIRMED = "the 2027 holiday arrangement is not confirmed"
NOTICE_EN = "[Working calendar] The 2027 holiday arrangement is not confirmed: add [calendar.2027] to toolkit.toml"


class Site:
    def __init__(self, folder, server):
        self.folder, self.server = folder, server
        self.complaints = complaints_file(folder, [
            weekly_complaint("TS2612031", datetime(2026, 12, 31, 9, 0), promised=datetime(2027, 1, 1, 16, 0), owner="王丽"),
            weekly_complaint("TS2701001", datetime(2027, 1, 1, 9, 0), promised=datetime(2027, 1, 5, 16, 0), owner="王丽"),
        ])
        self.orders = orders_file(folder, [order("WX2612001", datetime(2026, 12, 28, 10, 0), reason="等配件")])
        self.write_config()

    def write_config(self, extra: str = "") -> None:
        text = smtp_config(self.server.port, people=PEOPLE, escalate_to=["张强"], extra=WEEKLY + extra)
        (self.folder / "toolkit.toml").write_text(text.replace('calendar = "off"', 'calendar = "chinese"'),
                                                  encoding="utf-8")

    def remind(self, as_of: str, *args: str):
        return run_cli("remind", str(self.complaints), "--as-of", as_of, *args, cwd=self.folder)

    def weekly(self, as_of: str, *args: str):
        return run_cli("weekly", str(self.orders), str(self.complaints), "--as-of", as_of, "--week", "last",
                       "--out", str(self.folder / "weekly.xlsx"), *args, cwd=self.folder)

    def subjects(self) -> list[str]:
        return [m.subject for m in self.server.received]


@pytest.fixture
def site(tmp_path):
    with SmtpServer() as server:
        yield Site(tmp_path, server)


def test_on_new_years_day_2027_remind_sends_nothing_and_says_why(site):
    result = site.remind("2027-01-01 10:00", "--send", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert site.server.received == []
    assert ("2027-01-01 is a day off (New Year's Day, holidays-estimated): nothing sent; "
            "next window opens 2027-01-04 08:30 (--now sends anyway)") in result.stdout
    assert UNCONFIRMED in result.stderr


def test_on_the_third_day_of_the_spring_festival_remind_sends_nothing(site):
    result = site.remind("2027-02-08 10:00", "--send", "--lang", "zh")
    assert result.returncode == 0, result.stderr
    assert site.server.received == []
    assert "2027-02-08 是休息日（春节，holidays 推算）：未发送；下一个发送时段：2027-02-11 08:30" in result.stdout
    assert "2027 年的放假安排未经确认" in result.stderr


def test_on_new_years_eve_after_hours_the_next_window_is_the_first_working_day_of_2027(site):
    result = site.remind("2026-12-31 18:30", "--send", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["outside_hours_next_window"] == "2027-01-04T08:30"  # 元旦 off, then Saturday and Sunday
    assert data["day_off"] is False  # a working day, after hours
    assert data["calendar"] == {"2026": {"source": "chinesecalendar", "confirmed": True},
                                "2027": {"source": "holidays", "confirmed": False}}
    assert site.server.received == []
    assert UNCONFIRMED in result.stderr


def test_on_a_working_day_reminders_go_out_and_the_calendar_notice_goes_once(site):
    first = site.remind("2027-01-05 10:00", "--send", "--lang", "zh")
    assert first.returncode == 0, first.stdout + first.stderr
    notices = [m for m in site.server.received if "[calendar.2027]" in m.subject]
    assert [m.recipients for m in notices] == [["zhangqiang@example.com"]]
    notice = notices[0]
    assert notice.subject == "【工作日历】2027 年放假安排未经确认：请在 toolkit.toml 中加入 [calendar.2027]"
    text = notice.part("text/plain")
    assert "holidays 包推算的法定节假日" in text and "2027-02-08" in text
    assert '[calendar.2027]\ndays_off = ["2027-01-01", "2027-02-05"' in text and "workdays = []" in text
    assert str(site.folder / "toolkit.toml") in text  # which file to add it to
    assert "[calendar.2027]" in notice.part("text/html")
    reminders = [m for m in site.server.received if m is not notice]
    assert reminders and all("TS2612031" in m.part("text/html") for m in reminders)
    assert "已发送工作日历提醒（2027 年放假安排未确认）给 zhangqiang@example.com" in first.stdout
    assert "2027 年的放假安排未经确认" in first.stderr

    second = site.remind("2027-01-06 10:00", "--send", "--lang", "en")
    assert second.returncode == 0, second.stdout + second.stderr
    assert len([s for s in site.subjects() if "[calendar.2027]" in s]) == 1  # the ledger remembers it
    assert len(site.server.received) > len(reminders) + 1  # the overdue reminders of the day still went
    assert UNCONFIRMED in second.stderr  # said on every run until confirmed


def test_a_refused_notice_exits_3_and_the_next_run_sends_it_and_nothing_else(site):
    site.server.handler.refuse_from = 3  # the two reminders pass, the calendar notice is refused
    failed = site.remind("2027-01-05 10:00", "--send", "--lang", "en")
    assert failed.returncode == 3, failed.stdout + failed.stderr
    assert "calendar notice (2027) NOT sent to zhangqiang@example.com: retried on the next run" in failed.stdout
    assert len(site.server.received) == 2 and NOTICE_EN not in site.subjects()
    site.server.handler.refuse_from = None
    retry = site.remind("2027-01-05 11:00", "--send", "--lang", "en")
    assert retry.returncode == 0, retry.stdout + retry.stderr
    assert site.subjects()[2:] == [NOTICE_EN]  # the reminders were not sent twice


def test_the_notice_in_english_says_the_year_the_source_and_the_table_to_add(site):
    result = site.remind("2027-01-05 10:00", "--send", "--lang", "en")
    assert result.returncode == 0, result.stderr
    notice = next(m for m in site.server.received if m.subject == NOTICE_EN)
    text = notice.part("text/plain")
    assert "The 2027 holiday arrangement is not confirmed" in text
    assert "the statutory days computed by the holidays package" in text
    assert "[calendar.2027]" in text and "toolkit calendar 2027" in text


def test_every_run_says_2027_is_unconfirmed_until_the_config_has_its_table(site):
    for fmt in ("text", "json"):
        result = site.remind("2027-01-05 10:00", "--format", fmt, "--lang", "en")
        assert result.returncode == 0 and UNCONFIRMED in result.stderr
    assert json.loads(result.stdout)["calendar"] == {"2027": {"source": "holidays", "confirmed": False}}

    site.write_config(TABLE_2027)
    for fmt in ("text", "json"):
        result = site.remind("2027-01-05 10:00", "--format", fmt, "--lang", "en")
        assert result.returncode == 0 and result.stderr == ""
    assert json.loads(result.stdout)["calendar"] == {"2027": {"source": "config", "confirmed": True}}
    sent = site.remind("2027-01-05 10:00", "--send", "--lang", "en")
    assert sent.returncode == 0 and sent.stderr == ""
    assert site.server.received and not any("[calendar.2027]" in s for s in site.subjects())  # no notice either


def test_the_users_table_decides_the_days(site):
    site.write_config(TABLE_2027)
    holiday = site.remind("2027-02-11 10:00", "--send", "--lang", "en")  # off by the table, not by the estimate
    assert holiday.returncode == 0 and site.server.received == []
    assert "2027-02-11 is a day off (config): nothing sent; next window opens 2027-02-12 08:30" in holiday.stdout
    make_up = site.remind("2027-02-20 10:00", "--send", "--lang", "en")  # a make-up Saturday
    assert make_up.returncode == 0 and site.server.received


def test_weekly_send_on_new_years_day_writes_the_workbook_and_waits_and_now_sends(site):
    held = site.weekly("2027-01-01 09:00", "--send", "--lang", "en")
    assert held.returncode == 0, held.stderr
    assert site.server.received == []
    assert (site.folder / "weekly.xlsx").exists()
    assert ("2027-01-01 is a day off (New Year's Day, holidays-estimated): the digest is not sent; the run on the "
            "next working day, 2027-01-04, sends it (--now sends anyway)") in held.stdout
    assert "supervisor@example.com  [not sent: a day off, waiting for the next working day]" in held.stdout
    assert UNCONFIRMED in held.stderr

    as_json = site.weekly("2027-01-01 09:00", "--send", "--format", "json")
    data = json.loads(as_json.stdout)
    assert as_json.returncode == 0 and site.server.received == []
    assert data["send_waits_until"] == "2027-01-04"
    assert {e["status"] for e in data["email"]} == {"waiting"}
    assert data["calendar"] == {"2027": {"source": "holidays", "confirmed": False}}
    assert UNCONFIRMED in as_json.stderr

    forced = site.weekly("2027-01-01 09:00", "--send", "--now", "--lang", "en")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    digests = sorted(m.recipients[0] for m in site.server.received if "2026-W52" in m.subject)
    assert digests == ["supervisor@example.com", "zhangqiang@example.com"]
    assert site.subjects().count(NOTICE_EN) == 1  # the weekly job tells escalate_to too, once


def test_weekly_on_a_holiday_monday_is_sent_by_the_next_working_days_run_once(site):
    monday = site.weekly("2027-02-08 08:30", "--send", "--lang", "en")  # 正月初三
    assert monday.returncode == 0 and site.server.received == []
    assert "the run on the next working day, 2027-02-11, sends it" in monday.stdout
    tuesday = site.weekly("2027-02-09 08:30", "--send", "--lang", "en")
    assert tuesday.returncode == 0 and site.server.received == []
    thursday = site.weekly("2027-02-11 08:30", "--send", "--lang", "en")
    assert thursday.returncode == 0, thursday.stdout + thursday.stderr
    assert sorted(m.recipients[0] for m in site.server.received if "2027-W05" in m.subject) == [
        "supervisor@example.com", "zhangqiang@example.com"]
    count = len(site.server.received)
    friday = site.weekly("2027-02-12 08:30", "--send", "--lang", "en")
    assert friday.returncode == 0 and len(site.server.received) == count
    assert "already sent this week" in friday.stdout


def test_calendar_2027_lists_the_estimated_days_and_a_table_to_start_from(tmp_path):
    result = run_cli("calendar", "2027", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("2027: the statutory days computed by the holidays package (estimated, no make-up "
                          "working days) — NOT confirmed\n  Days off (19):\n")
    assert "    2027-01-01  Fri  New Year's Day" in out and out.count("holidays-estimated") == 19
    assert "    2027-02-08  Mon  Chinese New Year (Spring Festival)" in out
    assert "  Make-up working days (0): none\n" in out
    assert "  and 98 Saturdays and Sundays off (weekends)\n" in out
    assert '    [calendar.2027]\n    days_off = ["2027-01-01", "2027-02-05",' in out
    assert "Working hours: 08:30–18:00" in out

    zh = run_cli("calendar", "2027", "--lang", "zh", cwd=tmp_path)
    assert zh.returncode == 0
    assert zh.stdout.startswith("2027 年：holidays 包推算的法定节假日（推定，不含调休上班日） — 未确认")
    assert "2027-02-05  周五  农历除夕" in zh.stdout and "holidays 推算" in zh.stdout

    data = json.loads(run_cli("calendar", "2027", "--format", "json", cwd=tmp_path).stdout)
    year = data["years"]["2027"]
    assert (year["source"], year["confirmed"], year["workdays"]) == ("holidays", False, [])
    named = [d["date"] for d in year["days_off"] if d["source"] == "holidays"]
    assert named[:7] == ["2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09",
                         "2027-02-10"] and len(named) == 19
    assert {"date": "2027-01-02", "name": "weekend", "source": "weekends"} in year["days_off"]
    assert len(year["days_off"]) == 19 + 98


def test_calendar_shows_the_published_2026_and_the_users_own_2027(tmp_path):
    (tmp_path / "toolkit.toml").write_text(TABLE_2027, encoding="utf-8")
    result = run_cli("calendar", "--as-of", "2026-11-05 09:00", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "2026: chinesecalendar (the State Council's published arrangement, make-up days included) — confirmed" in out
    assert "  Make-up working days (6):\n    2026-01-04  Sun" in out and "2026-02-14  Sat" in out
    assert "2027: [calendar.2027] in toolkit.toml — confirmed" in out
    assert "    2027-02-20  Sat" in out and out.count(" config\n") == 9  # 8 days off, 1 make-up day
    assert "To confirm it" not in out
    october = run_cli("calendar", "--as-of", "2026-10-31 09:00", "--format", "json", cwd=tmp_path)
    assert list(json.loads(october.stdout)["years"]) == ["2026"]  # the next year only from 1 November


def test_a_bad_calendar_table_is_one_line_naming_the_file(tmp_path):
    config = tmp_path / "toolkit.toml"
    for text, said in [
        ('[calendar.2027]\ndays_off = ["2027-13-01"]\n', "calendar.2027.days_off: '2027-13-01' is not a date (YYYY-MM-DD)"),
        ('[calendar.2027]\ndays_off = ["2028-01-01"]\n', "calendar.2027.days_off: 2028-01-01 is not in 2027"),
        ('[calendar.2027]\ndays_off = ["2027-02-20"]\nworkdays = ["2027-02-20"]\n',
         "calendar.2027: 2027-02-20 is both a day off and a working day"),
        ('[calendar.2027]\ndays_off = []\nmakeup = []\n', "unknown setting 'calendar.2027.makeup' (known: days_off, workdays)"),
    ]:
        config.write_text(text, encoding="utf-8")
        for command in (["calendar", "2027"], ["remind", str(tmp_path)], ["weekly", str(tmp_path)]):
            result = run_cli(*command, "--lang", "en", cwd=tmp_path)
            assert result.returncode == 2, (command, result.stdout, result.stderr)
            assert result.stderr == f"toolkit: {config}: {said}\n", command
