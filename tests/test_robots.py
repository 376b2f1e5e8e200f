"""Issue #22: reminders and the weekly digest posted to WeCom and DingTalk group robots beside email.

Every test runs the CLI in a subprocess against real servers on 127.0.0.1: the robots' webhooks
(robot_server.py, which checks the key and DingTalk's signature as the platforms do) and the SMTP
server (aiosmtpd). Each item goes once per channel; a robot failing (a wrong key, 4xx, 5xx, a
stall, nobody listening) exits 3 and stops neither the mail nor the other robot.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

import pytest

from helpers import REMIND_AS_OF, run_cli, run_weekly, short_complaint
from robot_server import (DINGTALK_PATH, DINGTALK_SECRET, DINGTALK_TOKEN, WECOM_KEY, WECOM_PATH, Robots,
                          Script)
from smtp_server import WEEKLY_RECIPIENTS, free_port

PEOPLE = {"王丽": "wangli@example.com", "陈晓": "chenxiao@example.com", "主管": "boss@example.com"}
MOBILES = '\n[mobiles]\n"王丽" = "138 0013 8001"\n"主管" = "+8613800138009"\n'
KEYS = {"TOOLKIT_ROBOT_KEY_KEFU": WECOM_KEY, "TOOLKIT_ROBOT_KEY_DING": DINGTALK_TOKEN,
        "TOOLKIT_ROBOT_SECRET_DING": DINGTALK_SECRET, "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1"}
SECRETS = (WECOM_KEY, DINGTALK_TOKEN, DINGTALK_SECRET)


def robots_toml(robots: Robots, *, wecom_url: str | None = None, ding_url: str | None = None,
                weekly: str = "off", timeout: float = 2) -> str:
    return (f'\n[robots.kefu]\nplatform = "wecom"\nurl = "{wecom_url or robots.url("wecom")}"\nreminders = true\n'
            f'weekly = "{weekly}"\ntimeout = {timeout}\n'
            f'\n[robots.ding]\nplatform = "dingtalk"\nurl = "{ding_url or robots.url("dingtalk")}"\nreminders = true\n'
            f'weekly = "{weekly}"\ntimeout = {timeout}\n' + MOBILES)


@pytest.fixture
def robots():
    with Robots() as server:
        yield server


@pytest.fixture
def site(reminder_site, robots):
    """An overdue complaint of 王丽's (her mobile known), one due soon of 陈晓's (no mobile): the
    register, the SMTP server and a toolkit.toml with both robots."""
    def make(rows=None, **robot_options):
        rows = rows or [short_complaint("TS2611001", datetime(2026, 11, 24, 17, 0), owner="王丽", handler="王丽"),
                        short_complaint("TS2611002", datetime(2026, 11, 25, 16, 0), owner="陈晓", handler="陈晓")]
        return reminder_site(rows, people=PEOPLE, escalate_to=("主管",), extra=robots_toml(robots, **robot_options))
    return make


def remind(tmp_path, path, *args, env=None):
    return run_cli("remind", str(path), "--as-of", REMIND_AS_OF, "--send", *args, cwd=tmp_path,
                   env={**KEYS, **(env or {})})


def robot_rows(tmp_path) -> list[tuple]:
    with sqlite3.connect(tmp_path / "toolkit.sqlite") as db:
        return db.execute("SELECT record, recipient FROM sent WHERE recipient LIKE 'robot:%' "
                          "ORDER BY recipient, record").fetchall()


def assert_no_secret(*texts):
    for text in texts:
        for secret in SECRETS:
            assert secret not in text


# ---- the messages as the platforms get them -------------------------------------------------------

def test_each_item_goes_once_per_channel_wecom_dingtalk_and_email(tmp_path, site, robots):
    path, smtp = site()
    first = remind(tmp_path, path, "--lang", "zh")
    assert first.returncode == 0, first.stdout + first.stderr
    second = remind(tmp_path, path, "--lang", "zh")
    assert second.returncode == 0, second.stdout + second.stderr
    # email: 王丽 (overdue), 陈晓 (due soon), 主管 (the escalation): once each, over two runs
    assert sorted(m.recipients[0] for m in smtp.received) == sorted(PEOPLE.values())
    wecom, ding = robots.posted(WECOM_PATH), robots.posted(DINGTALK_PATH)
    assert len(wecom) == 1 and len(ding) == 1 and len(robots.requests) == 2
    assert robot_rows(tmp_path) == [("TS2611001", "robot:ding"), ("TS2611002", "robot:ding"),
                                    ("TS2611001", "robot:kefu"), ("TS2611002", "robot:kefu")]
    # WeCom: a text message, because its markdown cannot @ by mobile; the overdue item first
    body = wecom[0].body
    assert body["msgtype"] == "text"
    assert body["text"]["mentioned_mobile_list"] == ["13800138001", "13800138009"]  # 王丽 and the escalation
    content = body["text"]["content"]
    assert content.startswith("投诉答复提醒：2 项")
    assert content.index("TS2611001") < content.index("TS2611002")
    assert "13800138001" not in content and "13812345678" not in content  # no customer's phone in a group
    # DingTalk: markdown, signed (the server checked), @ in the text as DingTalk wants it
    body = ding[0].body
    assert body["msgtype"] == "markdown" and body["markdown"]["title"] == "投诉答复提醒：2 项"
    assert body["at"] == {"atMobiles": ["13800138001", "13800138009"], "isAtAll": False}
    assert "@13800138001" in body["markdown"]["text"] and "**TS2611001**" in body["markdown"]["text"]
    assert set(ding[0].query) == {"access_token", "timestamp", "sign"}
    # what the run says: the robots, their status, who was @-mentioned (never their numbers)
    assert "机器人 kefu（企业微信）[已发送] TS2611001, TS2611002，@ 王丽, 主管" in first.stdout
    assert "机器人 ding（钉钉）[已发送]" in first.stdout
    assert "4 项此前已发到群机器人，本次不再发送" in second.stdout
    assert_no_secret(first.stdout, first.stderr, second.stdout, second.stderr,
                     (tmp_path / "toolkit.toml").read_text(encoding="utf-8"))
    for output in (first.stdout, second.stdout):
        assert "13800138001" not in output and "1380013800" not in output


def test_json_output_and_outbox_hold_no_key_and_the_english_message(tmp_path, site, robots):
    path, smtp = site()
    result = remind(tmp_path, path, "--format", "json", "--lang", "en", "--outbox", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(r["robot"], r["platform"], r["status"], r["records"]) for r in data["robots"]] == [
        ("kefu", "wecom", "sent", ["TS2611001", "TS2611002"]), ("ding", "dingtalk", "sent", ["TS2611001", "TS2611002"])]
    assert data["robots"][0]["mentioned"] == ["王丽", "主管"]
    assert robots.posted(DINGTALK_PATH)[0].body["markdown"]["title"] == "Reply reminders: 2 items"
    sent = sorted((tmp_path / "out").glob("*-robot-*.json"))
    assert len(sent) == 2
    assert_no_secret(result.stdout, result.stderr, *(p.read_text(encoding="utf-8") for p in sent))
    assert json.loads(sent[1].read_text(encoding="utf-8")) in [r.body for r in robots.requests]


def test_a_message_fits_the_platform_limit_most_urgent_first_and_the_rest_next_run(tmp_path, site, robots):
    # 60 due-soon complaints, long texts: more than 2,048 (WeCom text) or 4,096 bytes (markdown) hold
    rows = [short_complaint(f"TS2611{i:03d}", datetime(2026, 11, 25, 11 + i // 10, i % 60), owner="王丽",
                            handler="王丽", content="楼上漏水，卫生间天花板滴水，业主情绪激动，要求当天上门处理" * 3)
            for i in range(60)]
    path, smtp = site(rows)
    first = remind(tmp_path, path, "--lang", "zh")
    second = remind(tmp_path, path, "--lang", "zh")
    assert first.returncode == 0 and second.returncode == 0, first.stdout + second.stdout
    wecom = robots.posted(WECOM_PATH)
    ding = robots.posted(DINGTALK_PATH)
    for request in wecom:
        assert len(request.content.encode("utf-8")) <= 2048  # a text message, since 王丽 is @-mentioned
    for request in ding:
        assert len(request.content.encode("utf-8")) <= 4096
    content = wecom[0].content
    listed = content.count("【TS2611")
    assert 3 <= listed < 60
    assert f"另有 {60 - listed} 项未列出（共 60 项），下次运行接着发" in content
    assert content.index("TS2611000") < content.index("TS2611001")  # the nearest deadline first
    # the next run lists the next ones: nothing twice
    again = wecom[1].content
    assert "【TS2611000】" not in again and f"【TS2611{listed:03d}】" in again
    assert "，另有" in first.stdout


# ---- failures: each channel on its own ------------------------------------------------------------

def test_a_wrong_key_is_reported_exit_3_and_the_mail_and_the_other_robot_still_go(tmp_path, site, robots):
    path, smtp = site()
    result = remind(tmp_path, path, "--lang", "en", env={"TOOLKIT_ROBOT_KEY_KEFU": "not-the-key"})
    assert result.returncode == 3
    assert [r.query.get("key") for r in robots.requests if r.path == WECOM_PATH] == ["not-the-key"]  # no retry
    assert len(robots.posted(DINGTALK_PATH)) == 1
    assert len(smtp.received) == 3
    assert "robot kefu (WeCom) [NOT posted, retried on the next run]" in result.stdout
    assert "group robot post failed: kefu: errcode 93000: invalid webhook url (×1)" in result.stdout
    assert robot_rows(tmp_path) == [("TS2611001", "robot:ding"), ("TS2611002", "robot:ding")]
    assert "not-the-key" not in result.stdout + result.stderr


def test_a_bad_dingtalk_secret_fails_the_signature_check(tmp_path, site, robots):
    path, smtp = site()
    result = remind(tmp_path, path, env={"TOOLKIT_ROBOT_SECRET_DING": "SECwrong"})
    assert result.returncode == 3
    assert "errcode 310000: sign not match" in result.stdout
    assert len(robots.posted(WECOM_PATH)) == 1 and not robots.posted(DINGTALK_PATH)


def test_5xx_is_retried_along_retry_delays_then_exit_3_and_the_next_run_posts_it(tmp_path, site, robots):
    robots.scripts[WECOM_PATH] = Script(status=502, times=3)
    path, smtp = site()
    first = remind(tmp_path, path)
    second = remind(tmp_path, path)
    assert first.returncode == 3 and "HTTP 502 (×3)" in first.stdout  # retry_delays = [0.05, 0.05]
    assert second.returncode == 0, second.stdout
    assert len([r for r in robots.requests if r.path == WECOM_PATH]) == 4
    assert len(robots.posted(WECOM_PATH)) == 1 and len(robots.posted(DINGTALK_PATH)) == 1
    assert len(smtp.received) == 3  # the mail went in the first run, once


def test_4xx_is_not_retried(tmp_path, site, robots):
    robots.scripts[DINGTALK_PATH] = Script(status=404)
    path, smtp = site()
    result = remind(tmp_path, path)
    assert result.returncode == 3 and "ding: HTTP 404 (×1)" in result.stdout
    assert len([r for r in robots.requests if r.path == DINGTALK_PATH]) == 1
    assert len(robots.posted(WECOM_PATH)) == 1 and len(smtp.received) == 3


def test_a_stall_may_have_posted_it_not_again_this_run_again_next_run(tmp_path, site, robots):
    robots.scripts[WECOM_PATH] = Script(stall=3, times=1)
    path, smtp = site(timeout=1)
    first = remind(tmp_path, path, "--lang", "en")
    second = remind(tmp_path, path, "--lang", "en")
    assert first.returncode == 3
    assert "group robot never answered: kefu: timed out" in first.stdout
    assert robots._seen[WECOM_PATH] == 2  # once per run (the stalled one is recorded when it answers)
    assert "robot kefu (WeCom) [posted again (no answer last time)]" in second.stdout
    assert second.returncode == 0 and len(smtp.received) == 3


def test_nobody_listening_is_retried_and_reported(tmp_path, site, robots):
    path, smtp = site(wecom_url=f"http://127.0.0.1:{free_port()}/cgi-bin/webhook/send")
    result = remind(tmp_path, path)
    assert result.returncode == 3 and "kefu: connection refused (×3)" in result.stdout
    assert len(robots.posted(DINGTALK_PATH)) == 1 and len(smtp.received) == 3


def test_the_mail_server_down_stops_no_robot(tmp_path, robots, reminder_site):
    rows = [short_complaint("TS2611001", datetime(2026, 11, 24, 17, 0), owner="王丽", handler="王丽")]
    path, smtp = reminder_site(rows, people=PEOPLE, escalate_to=("主管",), extra=robots_toml(robots))
    config = tmp_path / "toolkit.toml"  # the mail server is down: nobody listens on its port
    config.write_text(config.read_text(encoding="utf-8").replace(f"port = {smtp.port}", f"port = {free_port()}"),
                      encoding="utf-8")
    result = remind(tmp_path, path)
    assert result.returncode == 3
    assert len(robots.posted(WECOM_PATH)) == 1 and len(robots.posted(DINGTALK_PATH)) == 1
    assert not smtp.received and "SMTP 127.0.0.1" in result.stdout


def test_a_key_in_the_url_is_refused_and_never_echoed(tmp_path, site, robots):
    path, smtp = site(wecom_url=robots.url("wecom") + "?key=" + WECOM_KEY)
    result = remind(tmp_path, path)
    assert result.returncode == 2
    assert "must not carry key" in result.stderr
    assert_no_secret(result.stdout, result.stderr)


def test_a_person_named_by_a_robot_gets_the_robot_instead_of_email(tmp_path, robots, reminder_site):
    rows = [short_complaint("TS2611001", datetime(2026, 11, 25, 16, 0), owner="孙燕", handler="孙燕")]
    extra = (f'\n[robots.kefu]\nplatform = "wecom"\nurl = "{robots.url("wecom")}"\npeople = ["孙燕"]\n'
             '\n[mobiles]\n"孙燕" = "13800138005"\n')
    path, smtp = reminder_site(rows, people=PEOPLE, extra=extra)
    result = remind(tmp_path, path, "--lang", "en")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not smtp.received and "has no address" not in result.stdout
    (post,) = robots.posted(WECOM_PATH)
    assert post.body["text"]["mentioned_mobile_list"] == ["13800138005"]


# ---- the weekly digest --------------------------------------------------------------------------

def test_the_weekly_digest_goes_to_each_robot_once_a_week(tmp_path, weekly_site, robots, monkeypatch):
    smtp = weekly_site(extra=WEEKLY_RECIPIENTS + robots_toml(robots, weekly="full"))
    for name, value in KEYS.items():  # run_weekly passes the environment on
        monkeypatch.setenv(name, value)
    first = run_weekly(tmp_path, "--email", "--send", "--lang", "zh")
    second = run_weekly(tmp_path, "--email", "--send", "--lang", "zh")
    assert first.returncode == 0, first.stdout + first.stderr
    assert second.returncode == 0
    wecom, ding = robots.posted(WECOM_PATH), robots.posted(DINGTALK_PATH)
    assert len(wecom) == 1 and len(ding) == 1
    content = wecom[0].body["markdown"]["content"]
    assert wecom[0].body["msgtype"] == "markdown" and content.startswith("### 周报 2026-W47")
    assert "WX2611002" in content and len(content.encode("utf-8")) <= 4096
    assert "13812345678" not in content  # no customer's phone in a group chat
    assert "机器人 kefu（企业微信）[已发送] 2026-W47" in first.stdout
    assert "2 项此前已发到群机器人" in second.stdout
    assert len(smtp.received) == 3  # the mail as before, once


def test_robot_key_set_check_delete_in_the_keyring(tmp_path, robots):
    (tmp_path / "toolkit.toml").write_text(robots_toml(robots), encoding="utf-8")
    env = {"PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring", "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    stored = run_cli("robot-key", "set", "ding", "--secret", "--lang", "en", cwd=tmp_path, env=env,
                     input=DINGTALK_SECRET + "\n")
    assert stored.returncode == 0, stored.stderr
    assert "stored the DingTalk signing secret of robot ding" in stored.stdout
    check = run_cli("robot-key", "check", "ding", "--secret", "--lang", "en", cwd=tmp_path, env=env)
    assert check.returncode == 0
    missing = run_cli("robot-key", "check", "kefu", "--lang", "en", cwd=tmp_path, env=env)
    assert missing.returncode == 1
    unknown = run_cli("robot-key", "check", "nobody", "--lang", "en", cwd=tmp_path, env=env)
    assert unknown.returncode == 2
    assert_no_secret(stored.stdout + stored.stderr, check.stdout + check.stderr)


def test_schedule_says_robots_need_only_their_key(tmp_path):
    result = run_cli("schedule", "--lang", "en", cwd=tmp_path)
    assert "toolkit robot-key set NAME" in result.stdout and "no other task is needed" in result.stdout
