"""`toolkit remind` against a real SMTP server on 127.0.0.1: who gets what, exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from datetime import datetime

import pytest

from helpers import REMIND_AS_OF, TOOLKIT, run_cli, short_complaint, short_complaints_file
from smtp_server import smtp_config

PEOPLE = {"王丽": "wangli@example.com", "张强": "zhangqiang@example.com", "陈晓": "chenxiao@example.com",
          "李工": "ligong@example.com"}



@pytest.fixture
def setup(tmp_path, smtp_server):
    """setup(rows, …) → a short complaint register of these rows, and a fresh local server the
    toolkit.toml beside it points at."""
    def make(rows, *, escalate_to=("张强",), people=PEOPLE, extra=""):
        path = short_complaints_file(tmp_path, rows)
        server = smtp_server()
        (tmp_path / "toolkit.toml").write_text(
            smtp_config(server.port, people=people, escalate_to=list(escalate_to), extra=extra), encoding="utf-8")
        return path, server
    return make


def remind(tmp_path, path, *args):
    return run_cli("remind", str(path), "--as-of", REMIND_AS_OF, *args, cwd=tmp_path)


def test_preview_sends_nothing_and_shows_who_would_get_what(setup, tmp_path):
    path, server = setup([short_complaint("TS2611001", datetime(2026, 11, 25, 16, 0))])
    result = remind(tmp_path, path, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert server.received == []
    assert "wangli@example.com  [would send (preview)]" in result.stdout
    assert "chenxiao@example.com" in result.stdout  # the first handler gets a copy
    assert "TS2611001" in result.stdout and "6 h left" in result.stdout


def test_due_soon_goes_to_the_owner_with_a_copy_to_the_first_handler(setup, tmp_path):
    path, server = setup([short_complaint("TS2611001", datetime(2026, 11, 25, 16, 0)),
                          short_complaint("TS2611002", datetime(2026, 11, 28, 16, 0))])  # beyond lead_hours: not yet
    result = remind(tmp_path, path, "--send", "--lang", "zh")
    assert result.returncode == 0, result.stdout + result.stderr
    by_rcpt = {m.recipients[0]: m for m in server.received}
    assert set(by_rcpt) == {"wangli@example.com", "chenxiao@example.com"}
    owner = by_rcpt["wangli@example.com"]
    assert owner.subject == "【投诉答复提醒】1 件待处理，最急：TS2611001 还剩 6 小时"
    html = owner.part("text/html")
    assert "TS2611001" in html and "楼上漏水" in html and "您负责" in html and "2026-11-25 16:00" in html
    assert "TS2611002" not in html
    text = owner.part("text/plain")
    assert "TS2611001" in text and "<table" not in text
    assert "首问责任人" in by_rcpt["chenxiao@example.com"].part("text/html")


def test_overdue_goes_to_the_owner_and_is_escalated_one_message_per_recipient(setup, tmp_path):
    path, server = setup([
        short_complaint("TS2611001", datetime(2026, 11, 23, 17, 0)),  # 2 days overdue
        short_complaint("TS2611002", datetime(2026, 11, 25, 9, 0)),  # 1 hour overdue
        short_complaint("TS2611003", datetime(2026, 11, 25, 15, 0)),  # due soon
    ])
    result = remind(tmp_path, path, "--send", "--lang", "en")
    assert result.returncode == 0, result.stdout + result.stderr
    owner = [m for m in server.received if m.recipients == ["wangli@example.com"]]
    boss = [m for m in server.received if m.recipients == ["zhangqiang@example.com"]]
    assert len(owner) == 1 and len(boss) == 1, "one email per recipient per run"
    assert owner[0].subject == "[Complaint reply reminder] 3 items, most urgent: TS2611001 overdue by 1 d 17 h"
    html = owner[0].part("text/html")
    assert html.index("TS2611001") < html.index("TS2611002") < html.index("TS2611003")
    boss_html = boss[0].part("text/html")
    assert "TS2611001" in boss_html and "TS2611002" in boss_html and "TS2611003" not in boss_html
    assert "escalated: owner 王丽" in boss_html


def test_a_second_run_the_same_day_sends_nothing_and_a_new_promised_time_is_a_new_item(setup, tmp_path):
    rows = [short_complaint("TS2611001", datetime(2026, 11, 25, 16, 0))]
    path, server = setup(rows)
    assert remind(tmp_path, path, "--send").returncode == 0
    first = len(server.received)
    assert first == 2
    again = remind(tmp_path, path, "--send", "--lang", "en")
    assert again.returncode == 0 and len(server.received) == first
    assert "2 items already reminded before" in again.stdout
    # the clerk agreed a new reply time with the customer: that is a new reminder
    short_complaints_file(tmp_path, [short_complaint("TS2611001", datetime(2026, 11, 25, 18, 0))])
    third = remind(tmp_path, path, "--send")
    assert third.returncode == 0 and len(server.received) == first + 2


def test_overdue_reminders_repeat_once_a_day(setup, tmp_path):
    path, server = setup([short_complaint("TS2611001", datetime(2026, 11, 24, 17, 0))], escalate_to=())
    assert run_cli("remind", str(path), "--as-of", "2026-11-25 09:00", "--send", cwd=tmp_path).returncode == 0
    assert run_cli("remind", str(path), "--as-of", "2026-11-25 15:00", "--send", cwd=tmp_path).returncode == 0
    assert len(server.received) == 1
    assert run_cli("remind", str(path), "--as-of", "2026-11-26 09:00", "--send", cwd=tmp_path).returncode == 0
    assert len(server.received) == 2


def test_a_person_without_an_address_is_escalated_with_a_note_not_dropped(setup, tmp_path):
    path, server = setup([short_complaint("TS2611001", datetime(2026, 11, 25, 16, 0), owner="赵六", handler="赵六")])
    result = remind(tmp_path, path, "--send", "--lang", "en")
    assert result.returncode == 0
    assert "no address for 赵六 (TS2611001) → sent to escalate_to instead" in result.stdout
    assert [m.recipients for m in server.received] == [["zhangqiang@example.com"]]
    assert "on behalf of 赵六, who has no address" in server.received[0].part("text/html")


def test_an_unknown_person_with_no_escalation_is_reported_and_exits_2(setup, tmp_path):
    path, server = setup([short_complaint("TS2611001", datetime(2026, 11, 25, 16, 0), owner="赵六", handler="赵六")],
                         escalate_to=())
    result = remind(tmp_path, path, "--send", "--lang", "en")
    assert result.returncode == 2
    assert "no address for 赵六 (TS2611001) and no escalate_to: NOT reminded" in result.stdout
    assert server.received == []


def test_no_reply_time_goes_to_the_first_handler(setup, tmp_path):
    path, server = setup([short_complaint("TS2611001", None, owner="王丽", handler="陈晓")])
    assert remind(tmp_path, path, "--send", "--lang", "en").returncode == 0
    assert [m.recipients for m in server.received] == [["chenxiao@example.com"]]
    assert "no reply time promised" in server.received[0].part("text/html")


def test_answered_and_closed_complaints_are_not_reminded(setup, tmp_path):
    path, server = setup([
        short_complaint("TS2611001", datetime(2026, 11, 23, 16, 0), replied=datetime(2026, 11, 23, 15, 0)),
        short_complaint("TS2611002", datetime(2026, 11, 23, 16, 0), closed=datetime(2026, 11, 24, 10, 0)),
    ])
    result = remind(tmp_path, path, "--send")
    assert result.returncode == 0 and server.received == []


def test_spreadsheet_content_is_escaped_and_cannot_inject_headers(setup, tmp_path):
    path, server = setup([short_complaint("TS\r\nBcc: evil@example.com", datetime(2026, 11, 25, 16, 0),
                                    content="<script>alert(1)</script> 漏水", name="<b>刘伟</b>")], escalate_to=())
    assert remind(tmp_path, path, "--send").returncode == 0
    assert server.received, "the reminder went out: the checks below are on something"
    for m in server.received:
        assert "evil@example.com" not in m.recipients
        assert m.message["Bcc"] is None
        html = m.part("text/html")
        assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;刘伟" in html


def test_outbox_holds_exactly_what_send_would_send(setup, tmp_path):
    path, server = setup([short_complaint("TS2611001", datetime(2026, 11, 25, 16, 0))])
    outbox = tmp_path / "outbox"
    result = remind(tmp_path, path, "--outbox", str(outbox))
    assert result.returncode == 0 and server.received == []
    files = sorted(outbox.glob("*.eml"))
    assert len(files) == 2
    import email
    msg = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert msg["To"] in ("wangli@example.com", "chenxiao@example.com") and "TS2611001" in str(msg["Subject"])


def test_a_server_refusing_mid_batch_exits_3_and_the_rerun_sends_only_the_rest(setup, tmp_path):
    rows = [short_complaint(f"TS26110{i:02d}", datetime(2026, 11, 25, 16, 0), owner=o, handler=o)
            for i, o in enumerate(["王丽", "张强", "陈晓", "李工"], 1)]
    path, server = setup(rows, escalate_to=())
    server.handler.refuse_from = 3
    result = remind(tmp_path, path, "--send", "--lang", "en")
    assert result.returncode == 3
    assert "failed (attempts: 3)" in result.stdout and "messages left for the next run: 2" in result.stdout
    assert len(server.received) == 2
    server.handler.refuse_from = None
    rerun = remind(tmp_path, path, "--send")
    assert rerun.returncode == 0
    recipients = sorted(m.recipients[0] for m in server.received)
    assert recipients == sorted(PEOPLE.values()), "every recipient exactly once across both runs"


def test_killing_a_send_mid_batch_loses_and_duplicates_nothing(setup, tmp_path):
    rows = [short_complaint(f"TS26110{i:02d}", datetime(2026, 11, 25, 16, 0), owner=o, handler=o)
            for i, o in enumerate(["王丽", "张强", "陈晓", "李工"], 1)]
    path, server = setup(rows, escalate_to=())
    server.handler.hang_on = 3  # the 3rd message is never answered: the run is killed waiting for it
    proc = subprocess.Popen([*TOOLKIT, "remind", str(path), "--as-of", REMIND_AS_OF, "--send"],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert server.handler.arrived.wait(60)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert len(server.received) == 2
    server.handler.hang_on = None
    rerun = remind(tmp_path, path, "--send")
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert sorted(m.recipients[0] for m in server.received) == sorted(PEOPLE.values())


def test_outside_working_hours_nothing_is_sent_until_the_next_window(setup, tmp_path):
    path, server = setup([short_complaint("TS2611001", datetime(2026, 11, 25, 22, 0))])
    cfg = (tmp_path / "toolkit.toml").read_text(encoding="utf-8").replace('calendar = "off"', 'calendar = "chinese"')
    (tmp_path / "toolkit.toml").write_text(cfg, encoding="utf-8")
    late = run_cli("remind", str(path), "--as-of", "2026-11-25 20:00", "--send", "--lang", "en", cwd=tmp_path)
    assert late.returncode == 0 and server.received == []
    assert "next window opens 2026-11-26 08:30" in late.stdout
    forced = run_cli("remind", str(path), "--as-of", "2026-11-25 20:00", "--send", "--now", "--lang", "en", cwd=tmp_path)
    assert forced.returncode == 0
    # the two reminders, and (from November, 2027 being unconfirmed) the calendar notice to escalate_to
    assert sorted((m.recipients[0], m.subject.startswith("[Working calendar]")) for m in server.received) == [
        ("chenxiao@example.com", False), ("wangli@example.com", False), ("zhangqiang@example.com", True)]


def test_the_json_output_lists_messages_and_items(setup, tmp_path):
    path, server = setup([short_complaint("TS2611001", datetime(2026, 11, 24, 16, 0))])
    result = remind(tmp_path, path, "--format", "json")
    data = json.loads(result.stdout)
    assert {m["to"] for m in data["messages"]} == {"wangli@example.com", "zhangqiang@example.com"}
    item = data["messages"][0]["items"][0]
    assert item["record"] == "TS2611001" and item["stage"] == "overdue" and item["row"] == 3


def test_two_runs_at_once_send_each_reminder_exactly_once(setup, tmp_path):
    """A scheduled job and a supervisor start `remind --send` together: the store's lock and
    transactions let one send and the other find everything already sent."""
    rows = [short_complaint(f"TS26110{i:02d}", datetime(2026, 11, 25, 16, 0), owner=o, handler=o)
            for i, o in enumerate(["王丽", "张强", "陈晓", "李工"], 1)]
    path, server = setup(rows, escalate_to=())
    command = [*TOOLKIT, "remind", str(path), "--as-of", REMIND_AS_OF, "--send"]
    first = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    second = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    outcomes = [(p.wait(120), p.stderr.read().decode()) for p in (first, second)]
    assert [code for code, _ in outcomes] == [0, 0], outcomes
    assert sorted(m.recipients[0] for m in server.received) == sorted(PEOPLE.values())
    import sqlite3
    with sqlite3.connect(tmp_path / "toolkit.sqlite") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("SELECT COUNT(*) FROM sent").fetchone()[0] == 4


def test_the_ledger_knows_a_register_by_its_absolute_path_whatever_was_typed(setup, tmp_path):
    path, server = setup([short_complaint("TS2611001", datetime(2026, 11, 25, 16, 0))])
    first = run_cli("remind", path.name, "--as-of", REMIND_AS_OF, "--send", "--lang", "en", cwd=tmp_path)
    assert first.returncode == 0 and len(server.received) == 2
    assert f"{path.name} · 2026年11月 · row 3" in server.received[0].part("text/plain")  # shown as typed
    (tmp_path / "sub").mkdir()
    for typed, cwd in ((str(path), tmp_path), (f"../{path.name}", tmp_path / "sub"), (f"./{path.name}", tmp_path)):
        again = run_cli("remind", typed, "--as-of", REMIND_AS_OF, "--send", "--lang", "en",
                        "--config", str(tmp_path / "toolkit.toml"), cwd=cwd)
        assert again.returncode == 0, again.stdout + again.stderr
        assert "2 items already reminded before" in again.stdout, typed
    assert len(server.received) == 2
    import sqlite3
    with sqlite3.connect(tmp_path / "toolkit.sqlite") as db:
        assert {r[0] for r in db.execute("SELECT register FROM sent")} == {str(path.resolve())}


def test_a_ledger_written_with_the_path_as_typed_is_still_honoured(setup, tmp_path):
    """A ledger from before keys were absolute holds `投诉登记.xlsx` as typed in this folder."""
    import sqlite3
    path, server = setup([short_complaint("TS2611001", datetime(2026, 11, 25, 16, 0))])
    assert run_cli("remind", path.name, "--as-of", REMIND_AS_OF, "--send", cwd=tmp_path).returncode == 0
    with sqlite3.connect(tmp_path / "toolkit.sqlite") as db:
        db.execute("UPDATE sent SET register = ?", (path.name,))
    again = run_cli("remind", str(path), "--as-of", REMIND_AS_OF, "--send", "--lang", "en", cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    assert len(server.received) == 2 and "2 items already reminded before" in again.stdout


def _eml_text(outbox, address):
    import email
    path = next(p for p in outbox.glob("*.eml") if p.name.endswith(f"-{address}.eml"))
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    return str(msg["Subject"]), msg.get_body(("plain",)).get_content()


def test_an_unreadable_promised_reply_time_is_quoted_and_asked_for_as_a_date_and_time(setup, tmp_path):
    """validate says bad-value (a time was promised, it cannot be read): remind must not say none was promised."""
    path, server = setup([short_complaint("TS2611001", "三个工作日内", owner="王丽", handler="陈晓")])
    outbox = tmp_path / "outbox"
    assert remind(tmp_path, path, "--lang", "zh", "--outbox", str(outbox)).returncode == 0
    subject, text = _eml_text(outbox, "chenxiao@example.com")
    assert "承诺答复时间“三个工作日内”无法识别" in subject and "写成日期和时间" in text
    assert "未约定答复时间" not in text
    result = remind(tmp_path, path, "--send", "--lang", "en")
    assert result.returncode == 0, result.stdout
    assert [m.recipients for m in server.received] == [["chenxiao@example.com"]]
    text = server.received[0].part("text/plain")
    assert 'the promised reply time "三个工作日内" cannot be read: write it in the register as a date and time' in text
    assert "no reply time promised" not in text
    item = json.loads(remind(tmp_path, path, "--format", "json", "--as-of", "2026-11-26 10:00").stdout)["messages"][0]["items"][0]
    assert item["stage"] == "unreadable_deadline" and item["promised_text"] == "三个工作日内" and item["promised"] is None


def test_an_answered_major_complaint_is_not_called_overdue(setup, tmp_path):
    """Answered before its promise (10-22 15:00, promised 17:00) but still not closed a month later:
    a major complaint for the head, with nothing overdue about its reply."""
    row = short_complaint("TS2610002", datetime(2026, 10, 22, 17, 0), replied=datetime(2026, 10, 22, 15, 0))
    row["投诉时间"] = datetime(2026, 10, 20, 9, 0)
    path, server = setup([row])
    outbox = tmp_path / "outbox"
    assert remind(tmp_path, path, "--lang", "zh", "--outbox", str(outbox)).returncode == 0
    subject, text = _eml_text(outbox, "zhangqiang@example.com")
    assert "已于 2026-10-22 15:00 答复，尚未结案" in subject + text
    assert "超时" not in subject and "已超时" not in text
    result = remind(tmp_path, path, "--send", "--lang", "en")
    assert result.returncode == 0, result.stdout
    assert [m.recipients for m in server.received] == [["zhangqiang@example.com"]]
    message = server.received[0]
    text = message.part("text/plain")
    assert "major complaint" in text and "answered 2026-10-22 15:00, not closed" in text
    assert "overdue" not in message.subject and "overdue" not in text
    assert "answered 2026-10-22 15:00, not closed" in result.stdout


def test_an_unanswered_major_complaint_past_its_promise_is_still_overdue(setup, tmp_path):
    row = short_complaint("TS2610003", datetime(2026, 10, 22, 17, 0))
    row["投诉时间"] = datetime(2026, 10, 20, 9, 0)
    path, server = setup([row])
    result = remind(tmp_path, path, "--lang", "en")
    line = next(l for l in result.stdout.splitlines() if "TS2610003" in l and "major" in l)
    assert "overdue by 33 d 17 h" in line
