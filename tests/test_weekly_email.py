"""The weekly digest over a real SMTP server on 127.0.0.1: who gets what, once a week."""

from __future__ import annotations

from helpers import run_weekly
from smtp_server import Handler


def test_email_without_send_is_a_preview_that_sends_nothing(weekly_site, tmp_path):
    server = weekly_site()
    result = run_weekly(tmp_path, "--email", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert server.received == []
    assert "supervisor@example.com  [would send (preview; --send sends)]  Weekly follow-up 2026-W47: 2 unfinished, 3 overdue" in result.stdout
    assert "zhangqiang@example.com  [would send" in result.stdout
    assert "finance@example.com  [would send (preview; --send sends)]  Finance hand-over 2026-W47: 1 paid orders, 120.00 yuan" in result.stdout


def test_send_delivers_the_digest_with_the_overdue_list_inline_and_the_workbook_attached(weekly_site, tmp_path):
    server = weekly_site()
    result = run_weekly(tmp_path, "--send", "--lang", "zh", "--out", str(tmp_path / "周报.xlsx"))
    assert result.returncode == 0, result.stdout + result.stderr
    by_rcpt = {m.recipients[0]: m for m in server.received}
    assert set(by_rcpt) == {"supervisor@example.com", "zhangqiang@example.com", "finance@example.com"}
    digest = by_rcpt["supervisor@example.com"]
    assert digest.subject == "【周报】2026-W47 维修与投诉：未完成 2，超时 3"
    html = digest.part("text/html")
    for overdue in ("WX2611001", "WX2611002", "TS2611001"):
        assert overdue in html
    assert "本周要点" in html and "5 分钟内交工程部接单率" in html
    assert "&lt;b&gt;卫生间&lt;/b&gt; &amp; 厨房漏水" in html  # register text is escaped in HTML
    text = digest.part("text/plain")
    assert "<b>卫生间</b> & 厨房漏水" in text and "<table" not in text  # and left as written in plain text
    assert digest.attachments() == ["周报.xlsx"]
    finance = by_rcpt["finance@example.com"]
    assert finance.subject == "【交财务】2026-W47 有偿维修单 1 张，合计 120.00 元"
    assert "WX2611003" in finance.part("text/html") and "WX2611001" not in finance.part("text/html")
    assert "[已发送]" in result.stdout


def test_a_rerun_of_the_week_sends_no_second_digest(weekly_site, tmp_path):
    server = weekly_site()
    assert run_weekly(tmp_path, "--send").returncode == 0
    assert len(server.received) == 3
    again = run_weekly(tmp_path, "--send", "--lang", "en")
    assert again.returncode == 0
    assert len(server.received) == 3
    assert again.stdout.count("[already sent this week, not again]") == 3


def test_without_out_the_digest_still_attaches_a_workbook_named_for_the_week(weekly_site, tmp_path):
    server = weekly_site()
    assert run_weekly(tmp_path, "--send", "--lang", "en").returncode == 0
    assert {m.attachments()[0] for m in server.received} == {"weekly-2026-W47.xlsx"}
    assert not list(tmp_path.glob("weekly-*.xlsx"))  # the temporary workbook is not left behind


def test_a_refusing_server_exits_3_and_the_next_run_sends_what_is_pending(weekly_site, tmp_path):
    handler = Handler(refuse_from=2)
    server = weekly_site(handler)
    failed = run_weekly(tmp_path, "--send", "--lang", "en")
    assert failed.returncode == 3, failed.stdout + failed.stderr
    assert len(server.received) == 1
    assert "NOT sent" in failed.stdout
    handler.refuse_from = None
    retry = run_weekly(tmp_path, "--send", "--lang", "en")
    assert retry.returncode == 0, retry.stdout + retry.stderr
    assert sorted(m.recipients[0] for m in server.received) == [
        "finance@example.com", "supervisor@example.com", "zhangqiang@example.com"]


def test_email_with_nobody_to_send_to_is_a_usage_error(weekly_site, tmp_path):
    weekly_site(extra="")
    result = run_weekly(tmp_path, "--email")
    assert result.returncode == 2
    assert "[weekly] to" in result.stderr


def test_an_unknown_weekly_setting_names_the_key(weekly_site, tmp_path):
    weekly_site(extra='\n[weekly]\nto = ["a@example.com"]\nsubjct = "x"\n')
    result = run_weekly(tmp_path, "--email")
    assert result.returncode == 2 and "weekly.subjct" in result.stderr
