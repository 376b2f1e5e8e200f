"""Every mail as its recipient gets it (issue #20.1): what a real SMTP server on 127.0.0.1
received, parsed as a mail client parses it (email.parser, policy default): the sender's name,
the texts in both languages, and what the digest says of its attachment's links."""

from __future__ import annotations

import email
import email.policy
import re
import shutil
import subprocess
from datetime import datetime

import pytest

from helpers import MONDAY, REMIND_AS_OF, W47, run_cli, short_complaint, short_complaints_file, week_registers
from smtp_server import smtp_config

PEOPLE = {"王丽": "wangli@example.com", "陈晓": "chenxiao@example.com", "张强": "zhangqiang@example.com"}
WEEKLY = ('\n[weekly]\nto = ["supervisor@example.com"]\nfinance = ["finance@example.com"]\n'
          'engineering = ["gongcheng@example.com"]\n')
PHONE = "13812345678"  # helpers.short_complaint's complainant
REMINDED = "投诉台账.xlsx"  # the complaints reminded of, beside the week's registers


def parsed(received):
    return email.message_from_bytes(received.raw, policy=email.policy.default)


def texts(message) -> tuple[str, str]:
    """(HTML, plain text) of a received message."""
    parts = {p.get_content_type(): p.get_content() for p in message.walk()
             if p.get_content_maintype() == "text" and not p.get_filename()}
    return parts["text/html"], parts["text/plain"].replace("\r\n", "\n")


def site(tmp_path, smtp_server, rows, *, smtp_extra="", extra=""):
    week_registers(tmp_path)
    short_complaints_file(tmp_path, rows, name=REMINDED)
    server = smtp_server()
    (tmp_path / "toolkit.toml").write_text(
        smtp_config(server.port, people=PEOPLE, escalate_to=["张强"], smtp_extra=smtp_extra, extra=extra),
        encoding="utf-8")
    return server


def remind(tmp_path, *args):
    return run_cli("remind", REMINDED, "--as-of", REMIND_AS_OF, "--send", *args, cwd=tmp_path)


def weekly(tmp_path, *args):
    # the registers named as a clerk types them, from their folder
    return run_cli("weekly", "维修登记.xlsx", "投诉登记.xlsx", "--as-of", MONDAY.strftime("%Y-%m-%d %H:%M"),
                   "--week", str(W47), "--send", *args, cwd=tmp_path)


def test_the_sender_name_goes_out_encoded_and_reads_as_written(tmp_path, smtp_server):
    server = site(tmp_path, smtp_server, [short_complaint("TS2611001", datetime(2026, 11, 25, 16, 0))],
                  smtp_extra='from_name = "阳光花园客服中心"', extra=WEEKLY)
    assert remind(tmp_path, "--lang", "en").returncode == 0
    assert weekly(tmp_path, "--lang", "zh").returncode == 0
    assert len(server.received) == 5
    for received in server.received:
        head = received.raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
        [line] = [x for x in head.splitlines() if x.startswith(b"From:")]
        assert b"=?utf-8?" in line and line.isascii(), line  # RFC 2047: no raw 8-bit in a header
        [sender] = parsed(received)["From"].addresses
        assert (sender.display_name, sender.addr_spec) == ("阳光花园客服中心", "kefu@example.com")
        assert received.sender == "kefu@example.com"  # the envelope keeps the bare address


@pytest.mark.parametrize("lang, name", [("zh", "客服中心"), ("en", "Customer service centre")])
def test_without_from_name_the_sender_is_the_centre_in_the_mail_language(tmp_path, smtp_server, lang, name):
    server = site(tmp_path, smtp_server, [short_complaint("TS2611001", datetime(2026, 11, 25, 16, 0))])
    assert remind(tmp_path, "--lang", lang).returncode == 0
    assert {parsed(m)["From"].addresses[0].display_name for m in server.received} == {name}


@pytest.mark.parametrize("lang, words, said", [
    ("zh", "未约定", "未约定答复时间，请与客户约定"), ("en", "none agreed", "no reply time promised: agree one")])
def test_a_reminder_without_a_promised_time_says_so_in_words(tmp_path, smtp_server, lang, words, said):
    server = site(tmp_path, smtp_server, [short_complaint("TS2611002", None)])
    result = remind(tmp_path, "--lang", lang)
    assert result.returncode == 0, result.stdout + result.stderr
    [received] = server.received
    html, text = texts(parsed(received))
    assert "—（—）" not in text and "— (—)" not in text and "（—）" not in text
    assert said in text and said in html
    assert f"<td>{words}</td>" in html
    assert not re.search(r"<td>\s*—\s*</td>", html)


def test_the_complainant_s_phone_goes_to_the_owner_who_calls_back_and_to_nobody_else(tmp_path, smtp_server):
    server = site(tmp_path, smtp_server, [short_complaint("TS2611001", datetime(2026, 11, 25, 16, 0)),
                                          short_complaint("TS2611003", datetime(2026, 11, 24, 17, 0))])
    assert remind(tmp_path, "--lang", "zh").returncode == 0
    got = {m.recipients[0]: texts(parsed(m)) for m in server.received}
    assert set(got) == {"wangli@example.com", "chenxiao@example.com", "zhangqiang@example.com"}
    html, text = got["wangli@example.com"]  # the owner
    assert PHONE in html and f"电话 {PHONE}" in text and "联系电话" in html
    for copy in ("chenxiao@example.com", "zhangqiang@example.com"):  # a copy, an escalation
        assert PHONE not in "".join(got[copy]) and "联系电话" not in got[copy][0]


def test_the_last_line_of_remind_counts_items_and_reminders_apart(tmp_path, smtp_server):
    server = site(tmp_path, smtp_server, [short_complaint("TS2611001", datetime(2026, 11, 25, 16, 0))])
    first = remind(tmp_path, "--lang", "zh")
    assert first.stdout.strip().splitlines()[-1] == "1 件投诉，1 项需提醒，按收件人计 2 条提醒；2 封邮件，已发送 2 封"
    again = remind(tmp_path, "--lang", "zh")
    assert again.stdout.strip().splitlines()[-1] == (
        "1 件投诉，1 项需提醒，按收件人计 2 条提醒（其中 2 条此前已提醒过，本次不再发送）；0 封邮件，已发送 0 封")
    english = remind(tmp_path, "--lang", "en")
    assert english.stdout.strip().splitlines()[-1] == (
        "1 complaint, 1 item to remind of, 2 reminders counting each recipient (2 items already reminded "
        "before, not sent again); 0 messages, 0 sent")
    assert len(server.received) == 2


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_mail_reads_right_as_received(tmp_path, smtp_server, lang):
    """Each template as its recipient reads it: reminders (owner, copy, escalation, no promised time)
    and the three digests, in the language asked."""
    server = site(tmp_path, smtp_server, [short_complaint("TS2611001", datetime(2026, 11, 25, 16, 0)),
                                          short_complaint("TS2611002", None),
                                          short_complaint("TS2611003", datetime(2026, 11, 24, 17, 0))], extra=WEEKLY)
    assert remind(tmp_path, "--lang", lang).returncode == 0
    assert weekly(tmp_path, "--lang", lang).returncode == 0
    assert len(server.received) == 6
    html_lang = {"zh": 'lang="zh-CN"', "en": 'lang="en"'}[lang]
    for received in server.received:
        message = parsed(received)
        html, text = texts(message)
        # (a long ASCII subject is folded onto its own line: Python's parser keeps the fold's space, clients trim it)
        subject = str(message["Subject"]).strip()
        assert "=?" not in subject and subject, received.recipients
        assert html.startswith("<!DOCTYPE html>") and html_lang in html, received.recipients
        for wrong in ("{{", "{%", "None", "—（—）", "— (—)", "()", "（）"):
            assert wrong not in html and wrong not in text, (received.recipients, wrong)
        assert "<table" not in text and "<br" not in text
    digests = [parsed(m) for m in server.received if m.attachments()]
    assert len(digests) == 3
    folder = str(tmp_path.resolve())
    for message in digests:
        html, text = texts(message)
        # registers on this computer's disk: said so, with where they are, and the way to find a cell
        assert folder in html and folder in text
        assert "links back" not in text and "链接回" not in text


def test_a_received_digest_renders_in_a_headless_browser(tmp_path, smtp_server):
    """The HTML as a mail client shows it: rendered by headless Chromium to a PNG (look at it when a
    template changes: ../shared/tools/render OUT FILE.eml does the same with the headers)."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        pytest.skip("no headless Chromium here (apt-get install chromium)")
    server = site(tmp_path, smtp_server, [short_complaint("TS2611001", datetime(2026, 11, 25, 16, 0))],
                  smtp_extra='from_name = "阳光花园客服中心"', extra=WEEKLY)
    assert weekly(tmp_path, "--lang", "zh").returncode == 0
    supervisor = next(m for m in server.received if m.recipients == ["supervisor@example.com"])
    page = tmp_path / "digest.html"
    page.write_text(texts(parsed(supervisor))[0], encoding="utf-8")
    png = tmp_path / "digest.png"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={png}",
                    "--window-size=900,1200", page.as_uri()], capture_output=True, timeout=120, check=True)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
