"""Issue #17, the mail items: nothing the site's mail server does stops the run or loses a mail.

Every test runs the CLI in a subprocess against a real SMTP server on 127.0.0.1 (aiosmtpd,
scripted in smtp_server.py): a recipient refused with 550 or 452, a server that takes a message
and then stalls or hangs up before saying so, a run killed while it waits. The messages are
checked as the server received them.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from datetime import datetime

import pytest

from helpers import REMIND_AS_OF, TOOLKIT, run_cli, run_weekly, short_complaint, short_complaints_file
from smtp_server import PASSWORD, Handler, SmtpServer, smtp_config

# nine people, one due-soon complaint each (owner and first handler the same): nine messages
NINE = {"王丽": "wangli@example.com", "张强": "zhangqiang@example.com", "陈晓": "chenxiao@example.com",
        "李工": "ligong@example.com", "林娜": "lina@example.com", "赵敏": "zhaomin@example.com",
        "孙燕": "sunyan@example.com", "周杰": "zhoujie@example.com", "吴磊": "wulei@example.com",
        "主管": "boss@example.com"}
OWNERS = [n for n in NINE if n != "主管"]
REFUSED_550 = "550 5.1.1 <lina@example.com>: mailbox {lina} unavailable"
REFUSED_452 = "452 4.2.2 <lina@example.com>: mailbox full, try later"


@pytest.fixture
def site(reminder_site):
    """A complaint register with one due-soon complaint per owner, and a toolkit.toml pointing at
    a fresh scripted server; returns (register, server)."""
    def make(owners=OWNERS, *, handler: Handler | None = None, escalate_to=("主管",), smtp_extra: str = "",
             extra: str = ""):
        rows = [short_complaint(f"TS2611{i:03d}", datetime(2026, 11, 25, 16, 0), owner=o, handler=o)
                for i, o in enumerate(owners, 1)]
        return reminder_site(rows, people=NINE, escalate_to=escalate_to, handler=handler, title=None,
                             smtp_extra=smtp_extra, extra=extra)
    return make


def remind(tmp_path, path, *args, env=None):
    return run_cli("remind", str(path), "--as-of", REMIND_AS_OF, "--send", *args, cwd=tmp_path, env=env)


def to(server) -> list[str]:
    return [m.recipients[0] for m in server.received]


def ledger(tmp_path, table="sent") -> list[tuple]:
    with sqlite3.connect(tmp_path / "toolkit.sqlite") as db:
        return db.execute(f"SELECT recipient, message_id FROM {table} ORDER BY recipient").fetchall()


# ---- 1. one refused recipient stops nobody else's mail -------------------------------------------

def test_render_shows_a_literal_message_as_it_is_and_fills_only_templates():
    from toolkit.errors import SendError, UsageError

    server_text = "{'lina@example.com': (550, b'5.1.1 mailbox {lina} unavailable')}"
    assert SendError(server_text).render("en") == server_text
    assert SendError(server_text, detail="x").render("zh") == server_text  # params never go into a non-template
    assert UsageError("template.bad_rows", rows=0).render("en") == "--rows must be at least 1, not 0"
    # a value substituted into a template is not formatted again, braces and all
    assert UsageError("template.bad_months", value="{x}").render("en").endswith('not "{x}"')


def test_a_refused_recipient_is_reported_and_escalated_and_everyone_else_gets_theirs(site, tmp_path):
    path, server = site(handler=Handler(refuse_rcpt={"lina@example.com": REFUSED_550}))
    first = remind(tmp_path, path, "--lang", "en")
    assert first.returncode == 3, first.stdout + first.stderr
    assert "internal error" not in first.stderr and "Traceback" not in first.stderr
    owners = sorted(NINE[o] for o in OWNERS if o != "林娜")
    assert sorted(to(server)[:8]) == owners, "all eight other owners got theirs"
    assert "lina@example.com  [REFUSED by the mail server: " + REFUSED_550 + "]" in first.stdout
    assert "the mail server refused lina@example.com (TS2611005) → escalated to boss@example.com" in first.stdout
    assert "toolkit: the mail server refused lina@example.com (" + REFUSED_550 + "); the other messages went ahead" \
        in first.stdout
    # her item goes to the escalation address, saying why
    assert sorted(to(server)) == sorted(owners + ["boss@example.com"])
    boss = next(m for m in server.received if m.recipients == ["boss@example.com"])
    html = boss.part("text/html")
    assert "TS2611005" in html and "on behalf of lina@example.com, whose address the mail server refused" in html
    assert [r for r in ledger(tmp_path) if r[0] == "lina@example.com"] == []

    # the rerun: nothing sent twice; her address is tried again (refused again), not escalated twice
    again = run_cli("remind", str(path), "--as-of", REMIND_AS_OF, "--send", "--format", "json", cwd=tmp_path)
    assert again.returncode == 3
    data = json.loads(again.stdout)
    assert len(server.received) == 9
    assert data["refused"] == {"lina@example.com": ["TS2611005"]}
    lina = next(m for m in data["messages"] if m["to"] == "lina@example.com")
    assert lina["status"] == "refused" and lina["sent"] is False and lina["refused"] == [REFUSED_550]
    assert data["error"].startswith("the mail server refused lina@example.com")
    assert data["already_sent"] == 8

    server.handler.refuse_rcpt.clear()  # the mailbox is fixed
    fixed = remind(tmp_path, path, "--lang", "zh")
    assert fixed.returncode == 0, fixed.stdout
    assert sorted(to(server)) == sorted(owners + ["boss@example.com", "lina@example.com"])
    assert "lina@example.com  [已发送]" in fixed.stdout


def test_refusing_the_first_recipient_of_sixty_stops_nobody(site, tmp_path):
    owners = [f"员工{i:02d}" for i in range(60)]
    people = "".join(f'\n[people."{n}"]\nemail = "staff{i:02d}@example.com"\n' for i, n in enumerate(owners))
    path, server = site(owners, handler=Handler(refuse_rcpt={"staff00@example.com": "550 5.1.1 no such user"}),
                        extra=people)
    result = remind(tmp_path, path, "--format", "json")
    assert result.returncode == 3, result.stderr
    data = json.loads(result.stdout)
    assert sorted(to(server)) == sorted([f"staff{i:02d}@example.com" for i in range(1, 60)] + ["boss@example.com"])
    assert data["refused"] == {"staff00@example.com": ["TS2611001"]}
    statuses = {m["to"]: m["status"] for m in data["messages"] if not m["on_behalf_of"]}
    assert statuses.pop("staff00@example.com") == "refused" and set(statuses.values()) == {"sent"}


def test_a_temporary_refusal_is_retried_then_left_for_the_next_run_not_escalated(site, tmp_path):
    handler = Handler(refuse_rcpt={"lina@example.com": REFUSED_452})
    path, server = site(["林娜", "王丽", "张强"], handler=handler)
    first = remind(tmp_path, path, "--lang", "en")
    assert first.returncode == 3, first.stdout + first.stderr
    assert handler.rcpt_log.count("lina@example.com") == 3, "once, then the two retries of retry_delays"
    assert sorted(to(server)) == ["wangli@example.com", "zhangqiang@example.com"]
    assert "lina@example.com  [deferred by the mail server (" + REFUSED_452 + "), retried; sent on the next run]" \
        in first.stdout
    assert "boss@example.com" not in to(server) and "escalated" not in first.stdout
    handler.refuse_rcpt.clear()
    rerun = remind(tmp_path, path, "--lang", "en")
    assert rerun.returncode == 0, rerun.stdout
    assert sorted(to(server)) == ["lina@example.com", "wangli@example.com", "zhangqiang@example.com"]


def test_weekly_send_with_a_refused_recipient_sends_the_others_and_reports_it(weekly_site, tmp_path):
    refusal = "550 5.7.1 {supervisor} not allowed"
    server = weekly_site(Handler(refuse_rcpt={"supervisor@example.com": refusal}))
    failed = run_weekly(tmp_path, "--send", "--format", "json")
    assert failed.returncode == 3, failed.stdout + failed.stderr
    data = json.loads(failed.stdout)
    assert {e["to"]: e["status"] for e in data["email"]} == {
        "supervisor@example.com": "refused", "zhangqiang@example.com": "sent", "finance@example.com": "sent"}
    assert next(e for e in data["email"] if e["to"] == "supervisor@example.com")["reply"] == refusal
    assert data["email_error"] == f"the mail server refused supervisor@example.com ({refusal}); " \
                                  "the other messages went ahead"
    assert sorted(to(server)) == ["finance@example.com", "zhangqiang@example.com"]
    text = run_weekly(tmp_path, "--send", "--lang", "zh")
    assert text.returncode == 3
    assert f"supervisor@example.com  [邮件服务器拒收：{refusal}]" in text.stdout
    assert len(server.received) == 2
    server.handler.refuse_rcpt.clear()
    fixed = run_weekly(tmp_path, "--send", "--lang", "en")
    assert fixed.returncode == 0, fixed.stdout
    assert sorted(to(server)) == ["finance@example.com", "supervisor@example.com", "zhangqiang@example.com"]


# ---- 2. the HTML arrives as rendered --------------------------------------------------------------

def _assert_proper(message):
    """multipart/alternative of text/plain and text/html (inside multipart/mixed when there is an
    attachment), the HTML our document as the template renders it: no wrapper, no <br> per line."""
    msg = message.message
    alternative = msg if msg.get_content_type() == "multipart/alternative" else msg.get_payload()[0]
    assert alternative.get_content_type() == "multipart/alternative", msg.get_content_type()
    assert [p.get_content_type() for p in alternative.get_payload()] == ["text/plain", "text/html"]
    html = alternative.get_payload()[1].get_content().replace("\r\n", "\n")  # MIME text's canonical line ends
    assert html.startswith("<!DOCTYPE html>\n<html"), html[:60]
    assert html.rstrip().endswith("</html>")
    assert "<br" not in html, "the templates hold no <br>: every one would be added on the way"
    assert "<div><!DOCTYPE" not in html
    text = alternative.get_payload()[0].get_content()
    assert "<table" not in text and "<br" not in text
    return html


def test_a_reminder_arrives_with_its_html_document_untouched(site, tmp_path):
    path, server = site(["王丽"])
    assert remind(tmp_path, path, "--lang", "zh").returncode == 0
    html = _assert_proper(server.received[0])
    assert "\n<tr style=" in html and "TS2611001" in html  # source lines kept as lines


def test_the_weekly_digest_arrives_with_its_html_document_untouched(weekly_site, tmp_path):
    server = weekly_site()
    assert run_weekly(tmp_path, "--send", "--lang", "zh").returncode == 0
    assert server.received, "the digest went out"
    for message in server.received:
        _assert_proper(message)
        assert message.message.get_content_type() == "multipart/mixed"
        assert message.attachments() == ["周报-2026-W47.xlsx"]


# ---- 3. the window SMTP leaves open ------------------------------------------------------------

def test_the_answer_to_the_final_dot_is_awaited_longer_than_a_command(site, tmp_path):
    """A server that takes 2.5 s to accept (a content filter at work) is waited for: the command
    timeout (1 s) is not the final reply's (data_timeout, 600 s by default). Waiting only the
    command timeout, the message was sent a second time in the same run."""
    handler = Handler(stall_after_accept=1, stall_seconds=2.5)
    path, server = site(["王丽", "张强"], handler=handler, smtp_extra="timeout = 1")
    result = remind(tmp_path, path, "--lang", "en")
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(to(server)) == ["wangli@example.com", "zhangqiang@example.com"], "each once"


def test_a_stall_after_the_final_dot_is_not_resent_in_the_run_and_is_resent_next_run(site, tmp_path):
    handler = Handler(stall_after_accept=1)  # takes the first message, never says so
    path, server = site(["王丽", "张强"], handler=handler, smtp_extra="timeout = 1\ndata_timeout = 2")
    started = time.monotonic()
    first = remind(tmp_path, path, "--lang", "en")
    took = time.monotonic() - started
    assert first.returncode == 3, first.stdout + first.stderr
    assert to(server) == ["wangli@example.com"], "handed over once, not again in the same run"
    assert took < 30
    assert "wangli@example.com  [NOT confirmed: handed over, no answer from the server; sent again on the next run]" \
        in first.stdout
    assert "no answer from the server within 2 s of handing over the message to wangli@example.com" in first.stdout
    assert "the other messages wait for the next run: 1" in first.stdout
    assert ledger(tmp_path) == [] and [r[0] for r in ledger(tmp_path, "unconfirmed")] == ["wangli@example.com"]

    handler.stall_after_accept = None
    rerun = remind(tmp_path, path, "--lang", "en")
    assert rerun.returncode == 0, rerun.stdout
    assert to(server) == ["wangli@example.com", "wangli@example.com", "zhangqiang@example.com"]
    assert "wangli@example.com  [sent again: the last run got no answer after handing it over, so it may arrive " \
           "twice (same Message-ID)]" in rerun.stdout
    first_copy, second_copy = server.received[0].message["Message-ID"], server.received[1].message["Message-ID"]
    assert first_copy == second_copy, "the copy is recognisable as the same message"
    assert dict(ledger(tmp_path))["wangli@example.com"] == first_copy
    assert ledger(tmp_path, "unconfirmed") == []
    assert remind(tmp_path, path).returncode == 0 and len(server.received) == 3


def test_a_connection_dropped_after_the_final_dot_goes_on_with_the_others(site, tmp_path):
    handler = Handler(drop_after_accept=1)
    path, server = site(["王丽", "张强", "陈晓"], handler=handler, smtp_extra="timeout = 2\ndata_timeout = 5")
    first = remind(tmp_path, path, "--format", "json")
    assert first.returncode == 3, first.stdout + first.stderr
    data = json.loads(first.stdout)
    assert {m["to"]: m["status"] for m in data["messages"]} == {
        "wangli@example.com": "uncertain", "zhangqiang@example.com": "sent", "chenxiao@example.com": "sent"}
    assert to(server) == ["wangli@example.com", "zhangqiang@example.com", "chenxiao@example.com"]
    handler.drop_after_accept = None
    # a run that cannot deliver it either (refused for a while) keeps the note: the first copy may be there
    handler.refuse_rcpt["wangli@example.com"] = "452 4.3.1 insufficient system storage"
    deferred = remind(tmp_path, path, "--format", "json")
    assert deferred.returncode == 3 and len(server.received) == 3
    assert [r[0] for r in ledger(tmp_path, "unconfirmed")] == ["wangli@example.com"]
    handler.refuse_rcpt.clear()
    rerun = remind(tmp_path, path, "--format", "json")
    assert rerun.returncode == 0
    assert {m["to"]: m["status"] for m in json.loads(rerun.stdout)["messages"]} == {"wangli@example.com": "resent"}
    assert to(server).count("wangli@example.com") == 2


def test_a_run_killed_while_waiting_for_the_answer_resends_it_next_run_saying_so(site, tmp_path):
    handler = Handler(stall_after_accept=2)
    path, server = site(["王丽", "张强", "陈晓"], handler=handler)
    proc = subprocess.Popen([*TOOLKIT, "remind", str(path), "--as-of", REMIND_AS_OF, "--send"],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert handler.arrived.wait(60)
    time.sleep(0.3)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert to(server) == ["wangli@example.com", "zhangqiang@example.com"]
    handler.stall_after_accept = None
    rerun = remind(tmp_path, path, "--lang", "en")
    assert rerun.returncode == 0, rerun.stdout
    assert "zhangqiang@example.com  [sent again" in rerun.stdout
    assert "wangli@example.com" not in to(server)[2:], "what was confirmed is not sent again"
    assert sorted(to(server)[2:]) == ["chenxiao@example.com", "zhangqiang@example.com"]
    ids = [m.message["Message-ID"] for m in server.received if m.recipients == ["zhangqiang@example.com"]]
    assert len(ids) == 2 and ids[0] == ids[1]


def test_each_message_has_a_message_id_of_what_it_is_and_the_ledger_keeps_it(site, tmp_path):
    path, server = site(["王丽", "张强"])
    assert remind(tmp_path, path).returncode == 0
    ids = {m.recipients[0]: m.message["Message-ID"] for m in server.received}
    assert len(set(ids.values())) == 2 and all(i.endswith("@example.com>") for i in ids.values())
    assert dict(ledger(tmp_path)) == ids
    # the same reminder composed again (the outbox of a fresh store) has the same Message-ID;
    # a new promised time is a new reminder, and a new Message-ID
    (tmp_path / "toolkit.sqlite").unlink()
    outbox = tmp_path / "outbox"
    assert run_cli("remind", str(path), "--as-of", REMIND_AS_OF, "--outbox", str(outbox), cwd=tmp_path).returncode == 0
    import email
    import email.policy
    again = {str(m["To"]): m["Message-ID"] for m in
             (email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in outbox.glob("*.eml"))}
    assert again == ids
    short_complaints_file(tmp_path, [short_complaint("TS2611001", datetime(2026, 11, 25, 18, 0), owner="王丽",
                                                     handler="王丽")], title=None)
    assert remind(tmp_path, path).returncode == 0
    assert server.received[-1].message["Message-ID"] != ids["wangli@example.com"]


# ---- 4. no password in the clear ---------------------------------------------------------------

def _login_config(tmp_path, host: str, port: int = 2525):
    text = smtp_config(port, people=NINE, escalate_to=["主管"], host=host, user="kefu@example.com")
    (tmp_path / "toolkit.toml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("command", [["remind"], ["remind", "--send"]])
def test_a_login_without_tls_to_another_host_is_refused(site, tmp_path, command):
    path, server = site(["王丽"])
    _login_config(tmp_path, "mail.example.com")
    result = run_cli(*command, str(path), "--as-of", REMIND_AS_OF, "--lang", "en", cwd=tmp_path,
                     env={"TOOLKIT_SMTP_PASSWORD": "s3cret-Pa55"})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "smtp.user is set but neither smtp.ssl nor smtp.starttls is on: the password would cross the network " \
           "to mail.example.com in the clear" in lines[0]
    assert "s3cret" not in result.stdout + result.stderr
    zh = run_cli(*command, str(path), "--as-of", REMIND_AS_OF, "--lang", "zh", cwd=tmp_path)
    assert zh.returncode == 2 and "密码会以明文经网络发往 mail.example.com" in zh.stderr


@pytest.mark.parametrize("host", ["localhost", "127.0.0.2", "::1", "[::1]"])
def test_a_loopback_host_is_not_refused(site, tmp_path, host):
    path, server = site(["王丽"])
    _login_config(tmp_path, host)
    result = run_cli("remind", str(path), "--as-of", REMIND_AS_OF, "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # on purpose: that is the case
def test_a_login_without_tls_on_this_computer_sends_with_a_warning(tmp_path):
    path = short_complaints_file(tmp_path, [short_complaint("TS2611001", datetime(2026, 11, 25, 16, 0))], "投诉.xlsx",
                                 title=None)
    with SmtpServer(Handler(), login=True, login_without_tls=True) as server:
        _login_config(tmp_path, "127.0.0.1", server.port)
        result = run_cli("remind", str(path), "--as-of", REMIND_AS_OF, "--send", "--lang", "en", cwd=tmp_path,
                         env={"TOOLKIT_SMTP_PASSWORD": PASSWORD})
        assert result.returncode == 0, result.stdout + result.stderr
        assert len(server.received) == 2
        assert "toolkit: warning: the SMTP password goes to 127.0.0.1 unencrypted" in result.stderr
        assert PASSWORD not in result.stdout + result.stderr
