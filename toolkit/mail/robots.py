"""Group robots of WeCom (企业微信) and DingTalk (钉钉): reminders and the weekly digest posted
to a group chat, beside email.

A robot is a webhook: an HTTPS POST of a small JSON message. WeCom's address carries ``key=``;
DingTalk's carries ``access_token=`` and, per request, ``timestamp`` (ms) and ``sign`` = the
HMAC-SHA256 of "timestamp\\nsecret" keyed with the secret, base64 then URL-encoded. The key
and the secret are kept like the SMTP password: an environment variable or the system keyring
(`toolkit robot-key set NAME`), never in toolkit.toml, and never in what the toolkit prints.

The same ledger as mail: each item (register, record, stage, promised) is posted once per robot,
the recipient column holding ``robot:NAME``. The keys are noted unconfirmed just before the
POST and recorded sent once the platform answers errcode 0; an answer that never comes (a
stall, a hang-up after the request went) may have been posted: not again this run, again on
the next, saying so (the mail path's rule). A failure before the request went (connection
refused, 5xx, rate limit) is retried along [smtp] retry_delays; a 4xx or a refused key is
not (a retry cannot mend it). One robot failing stops neither another robot nor the mail.

Messages are sized for a phone: the most urgent items first, as many as fit the platform's
limit (measured in UTF-8 bytes), the rest counted in one line; those are posted on the next
run. The responsible person is @-mentioned when [people] has their mobile.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from toolkit.errors import ConfigError, SendError
from toolkit.i18n import t
from toolkit.mail.outgoing import (LedgerKey, _forget_unconfirmed, _mark_unconfirmed, mark_sent, sent_keys,
                                   unconfirmed_keys)

WECOM, DINGTALK = "wecom", "dingtalk"
# the address without its key; the key (and DingTalk's signature) are added when posting
DEFAULT_URL = {WECOM: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send",
               DINGTALK: "https://oapi.dingtalk.com/robot/send"}
KEY_PARAM = {WECOM: "key", DINGTALK: "access_token"}
# WeCom: markdown.content ≤ 4096 bytes, text.content ≤ 2048 bytes (UTF-8). DingTalk documents no
# tighter bound; 4096 bytes is already more than a phone shows without scrolling.
LIMIT = {("wecom", "markdown"): 4096, ("wecom", "text"): 2048, ("dingtalk", "markdown"): 4096}
# errcodes that say "too fast": worth a retry. Any other non-zero errcode (a wrong key, a bad
# signature, 310000 keywords or IP not allowed) is not mended by trying again.
RATE_LIMITED = {45009, 130101, 660026}
KEY_ENV, SECRET_ENV = "TOOLKIT_ROBOT_KEY_{}", "TOOLKIT_ROBOT_SECRET_{}"
KEY_SERVICE, SECRET_SERVICE = "toolkit-robot", "toolkit-robot-secret"
WEEKLY_OFF = "off"
_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
_MOBILE = re.compile(r"^(?:\+?86[- ]?)?(1\d{10})$")


# ---- settings ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Robot:
    name: str
    platform: str
    url: str
    reminders: bool = False  # every reminder item goes to this group
    weekly: str = WEEKLY_OFF  # the digest's part for this group: off, full, finance, engineering
    timeout: float = 10

    @property
    def recipient(self) -> str:
        """The ledger's recipient column for this robot."""
        return f"robot:{self.name}"


@dataclass(frozen=True)
class RobotSettings:
    robots: dict[str, Robot] = field(default_factory=dict)
    people: dict[str, tuple[str, ...]] = field(default_factory=dict)  # person key → their groups' robots
    mobiles: dict[str, str] = field(default_factory=dict)  # person key → mobile (for @, never shown)
    retry_delays: tuple[float, ...] = (2, 10, 30)

    def robots_of(self, name: str) -> tuple[str, ...]:
        from toolkit.mail.settings import _person_key

        return self.people.get(_person_key(name), ()) if name else ()

    def mobile_of(self, name: str) -> str | None:
        from toolkit.mail.settings import _person_key

        return self.mobiles.get(_person_key(name)) if name else None


def robot_settings(config) -> RobotSettings:
    """[robots.NAME] and the robot and mobile of [people] (types checked by toolkit.config_schema)."""
    from toolkit.mail.settings import _person_key

    raw = getattr(config, "raw", None) or {}
    where = str(config.path) if getattr(config, "path", None) else "toolkit.toml"
    robots: dict[str, Robot] = {}
    for name, table in raw.get("robots", {}).items():
        if not _NAME.match(name):  # it names an environment variable and a keyring entry
            raise ConfigError("robot.bad_name", path=where, name=name)
        platform = table["platform"]
        url = table.get("url") or DEFAULT_URL[platform]
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
        if not url.startswith(("https://", "http://")) or KEY_PARAM[platform] in query or "sign" in query:
            raise ConfigError("robot.url_with_key", path=where, name=name, param=KEY_PARAM[platform])
        robots[name] = Robot(name, platform, url, bool(table.get("reminders", False)),
                             table.get("weekly", WEEKLY_OFF), float(table.get("timeout", 10)))
    people: dict[str, tuple[str, ...]] = {}
    for name, table in raw.get("robots", {}).items():
        listed = table.get("people", [])
        for person in [listed] if isinstance(listed, str) else listed:
            key = _person_key(person)
            people[key] = (*people.get(key, ()), name)
    mobiles: dict[str, str] = {}
    for person, number in raw.get("mobiles", {}).items():
        m = _MOBILE.match(re.sub(r"[\s-]", "", str(number)))
        if not isinstance(number, (str, int)) or not m:
            raise ConfigError("robot.bad_mobile", path=where, name=f'mobiles."{person}"')
        mobiles[_person_key(person)] = m.group(1)
    delays = raw.get("smtp", {}).get("retry_delays")
    return RobotSettings(robots, people, mobiles,
                         tuple(float(x) for x in delays) if delays is not None else RobotSettings.retry_delays)


def _env_name(template: str, robot: Robot) -> str:
    return template.format(robot.name.upper().replace("-", "_"))


def robot_secret(robot: Robot, which: str = "key") -> str:
    """The webhook key ("key") or DingTalk's signing secret ("secret"): the environment, else the keyring."""
    template, service = (KEY_ENV, KEY_SERVICE) if which == "key" else (SECRET_ENV, SECRET_SERVICE)
    value = os.environ.get(_env_name(template, robot))
    if not value:
        try:
            import keyring

            value = keyring.get_password(service, robot.name)
        except Exception:  # no keyring backend on this machine
            value = None
    if not value:
        raise SendError("robot.no_key", robot=robot.name, what=which, env=_env_name(template, robot))
    return value


# ---- messages ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class RobotPost:
    """One message to one robot: the JSON as posted (without the key), and what it covers."""

    robot: Robot
    body: dict
    keys: tuple[LedgerKey, ...]  # of the listed items only: the others are posted next time
    records: tuple[str, ...]  # listed, most urgent first
    more: int  # items not listed (counted in the message)
    mentioned: tuple[str, ...] = ()  # names @-mentioned (their mobiles are in the body only)

    @property
    def content(self) -> str:
        kind = self.body["msgtype"]
        part = self.body[kind]
        return part.get("content") if "content" in part else part["text"]


def _fit(head: list[str], blocks: list[str], foot, limit: int, sep: str) -> tuple[str, int]:
    """As many blocks as fit ``limit`` UTF-8 bytes after ``head`` and before ``foot(n left)``."""
    used = len(sep.join(head).encode("utf-8"))
    kept: list[str] = []
    for i, block in enumerate(blocks):
        left = len(blocks) - i - 1
        tail = foot(left) if left else ""
        size = len((sep + block).encode("utf-8")) + (len((sep + tail).encode("utf-8")) if tail else 0)
        if used + size > limit:
            break
        kept.append(block)
        used += len((sep + block).encode("utf-8"))
    left = len(blocks) - len(kept)
    lines = head + kept + ([foot(left)] if left else [])
    return sep.join(lines), len(kept)


def _body(robot: Robot, title: str, markdown: str, text: str | None, mobiles: list[str]) -> dict:
    if robot.platform == DINGTALK:
        body = {"msgtype": "markdown", "markdown": {"title": title, "text": markdown}}
        if mobiles:
            body["at"] = {"atMobiles": mobiles, "isAtAll": False}
        return body
    if mobiles:  # WeCom's markdown cannot @ by mobile: its text message can
        return {"msgtype": "text", "text": {"content": text, "mentioned_mobile_list": mobiles}}
    return {"msgtype": "markdown", "markdown": {"content": markdown}}


def _short(text: str, n: int = 30) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()
    return text if len(text) <= n else text[:n - 1] + "…"


def reminder_posts(plan, settings: RobotSettings, escalate_to, store, lang: str) -> tuple[list[RobotPost], int]:
    """One post per robot that has items not yet posted to it; and how many were posted before."""
    from toolkit.mail.reminders import DUE_SOON, MAJOR, OVERDUE, _urgency, Assignment, ledger_path

    def concerned(item) -> list[str]:  # who is responsible, as email's roles say; each once
        return list(dict.fromkeys(_concerned(item)))

    def _concerned(item) -> list[str]:
        if item.stage == DUE_SOON:
            return [p for p in (item.owner, item.first_handler) if p]
        if item.stage == OVERDUE:
            return [p for p in (item.owner, *escalate_to) if p]
        if item.stage == MAJOR:
            return list(escalate_to)
        return [item.first_handler or item.owner] if (item.first_handler or item.owner) else []

    posts, already = [], 0
    for robot in settings.robots.values():
        items = [it for it in plan.items if robot.reminders
                 or any(robot.name in settings.robots_of(p) for p in concerned(it))]
        if not items:
            continue
        keys = {id(it): LedgerKey(ledger_path(it.register), it.record, it.step, it.promised_key, robot.recipient)
                for it in items}
        done = sent_keys(store, list(keys.values()))
        pending = [it for it in items if keys[id(it)] not in done]
        already += len(items) - len(pending)
        if not pending:
            continue
        pending.sort(key=lambda it: _urgency(Assignment(it, "owner", "")))
        posts.append(_reminder_post(robot, pending, keys, settings, concerned, plan.as_of, lang))
    return posts, already


def _reminder_post(robot, items, keys, settings, concerned, as_of, lang) -> RobotPost:
    from toolkit.mail.reminders import OVERDUE, describe_promise, describe_stage, describe_timing
    from toolkit.model.times import show_time

    title = t("robot.remind.title", lang, count=len(items))
    blocks_md, blocks_text, mentions = [], [], []
    for it in items:
        people = concerned(it)
        mobile_people = [(p, settings.mobile_of(p)) for p in people if settings.mobile_of(p)]
        timing = describe_timing(it, lang)
        stage = describe_stage(it, lang) + ("" if timing == "—" else f" · {timing}")
        where = " · ".join(x for x in (_short(it.location, 16), _short(it.content)) if x)
        who = t("robot.remind.owner", lang, name=it.owner or "—")
        at = " ".join(f"@{m}" for _, m in mobile_people) if robot.platform == DINGTALK else ""
        promise = t("robot.remind.promised", lang, promised=describe_promise(it, lang))
        if robot.platform == WECOM:
            colour = "warning" if it.stage == OVERDUE else "comment"
            stage_md = f'<font color="{colour}">{stage}</font>'
        else:
            stage_md = f"**{stage}**" if it.stage == OVERDUE else stage
        blocks_md.append(f"**{it.record}** {stage_md}  \n> {promise} · {where}  \n> {who} {at}".rstrip())
        blocks_text.append(f"【{it.record}】{stage}\n{promise} · {where}\n{who}")
        mentions.append(mobile_people)
    head_md = [f"### {title}", t("robot.remind.as_of", lang, as_of=show_time(as_of))]
    head_text = [title, t("robot.remind.as_of", lang, as_of=show_time(as_of))]

    def foot(n):
        return t("robot.more", lang, count=n, total=len(items))

    any_mobile = any(mentions)
    if robot.platform == WECOM and any_mobile:
        text, n = _fit(head_text, blocks_text, foot, LIMIT[(WECOM, "text")], "\n\n")
        markdown = ""
    else:
        markdown, n = _fit(head_md, blocks_md, foot, LIMIT[(robot.platform, "markdown")], "\n\n")
        text = None
    listed = items[:n]
    mobiles = list(dict.fromkeys(m for ms in mentions[:n] for _, m in ms))
    names = tuple(dict.fromkeys(p for ms in mentions[:n] for p, _ in ms))
    body = _body(robot, title, markdown, text, mobiles)
    return RobotPost(robot, body, tuple(keys[id(it)] for it in listed), tuple(it.record for it in listed),
                     len(items) - n, names)


# the columns a group chat sees of a weekly list: what to act on, never a customer's name or phone
_WEEKLY_COLUMNS = ("record", "why", "hours_over", "age", "who", "engineer", "reason", "fee", "repairer")


def weekly_posts(report, settings: RobotSettings, store, lang: str) -> tuple[list[RobotPost], int]:
    """The week's digest, summarised, for each robot with ``weekly`` set: once per week per robot."""
    from toolkit.mail.digest import LEDGER_REGISTER, LEDGER_STAGE
    from toolkit.outputs.recipients import FULL, PARTS, part_tables
    from toolkit.outputs.weekly_tables import headline, section_tables, show_when

    posts, already = [], 0
    tables = None
    for robot in settings.robots.values():
        if robot.weekly == WEEKLY_OFF:
            continue
        stage = LEDGER_STAGE if robot.weekly == FULL else f"{LEDGER_STAGE}:{robot.weekly}"
        key = LedgerKey(LEDGER_REGISTER, report.week.label, stage, "", robot.recipient)
        if sent_keys(store, [key]):
            already += 1
            continue
        tables = tables if tables is not None else section_tables(report, lang)
        part = part_tables(tables, PARTS[robot.weekly])
        if robot.weekly == FULL:  # the lists to act on first; the others are in the mail and workbook
            order = {"overdue": 0, "unfinished": 1}
            part = sorted((tb for tb in part if tb.key in order), key=lambda tb: order[tb.key])
        title = t("robot.weekly.title", lang, week=report.week.label)
        head = [f"### {title}"]
        if robot.weekly == FULL:
            for line in headline(report, lang)[:6]:
                last = "" if line.last_week is None else t("robot.weekly.last", lang, value=line.last_week)
                head.append(t("robot.weekly.stat", lang, label=line.label, value=line.this_week, last=last))
        blocks, total = [], 0
        for tb in part:
            idx = [tb.column(k) for k in _WEEKLY_COLUMNS if any(c.key == k for c in tb.columns)]
            blocks.append(t("robot.weekly.list", lang, title=tb.title, n=len(tb.rows)))
            for row in tb.rows:
                cells = ["" if row[i] is None else (f"{row[i]:g}" if isinstance(row[i], float) else show_when(row[i]))
                         for i in idx]
                blocks.append("> " + " · ".join(c for c in cells if c))
                total += 1

        def foot(n):
            return t("robot.weekly.more", lang)

        markdown, n = _fit(head, blocks, foot, LIMIT[(robot.platform, "markdown")], "\n")
        body = _body(robot, title, markdown, None, [])
        posts.append(RobotPost(robot, body, (key,), (report.week.label,), max(len(blocks) - n, 0)))
    return posts, already


# ---- posting ----------------------------------------------------------------------------------

@dataclass
class RobotDelivery:
    posts: list[RobotPost] = field(default_factory=list)
    sent: list[RobotPost] = field(default_factory=list)
    resent: list[RobotPost] = field(default_factory=list)  # an earlier run never heard back (also in sent)
    failed: list[tuple[RobotPost, str]] = field(default_factory=list)  # not posted: the next run tries again
    uncertain: list[tuple[RobotPost, str]] = field(default_factory=list)  # may have been posted: again next run
    already: int = 0  # items posted to their robots by an earlier run
    attempted: bool = False
    outbox_files: list[Path] = field(default_factory=list)

    @property
    def error(self) -> SendError | None:
        """What makes the run exit 3, as SMTP's failures do."""
        if self.failed:
            return SendError("robot.failed", details="; ".join(f"{p.robot.name}: {d}" for p, d in self.failed))
        if self.uncertain:
            return SendError("robot.uncertain", details="; ".join(f"{p.robot.name}: {d}" for p, d in self.uncertain))
        return None

    def as_json(self) -> list[dict]:
        return robot_json(self)

    def status(self, post: RobotPost) -> str:
        """sent, resent, failed, uncertain, pending or preview."""
        if any(post is p for p in self.sent):
            return "resent" if any(post is p for p in self.resent) else "sent"
        if any(post is p for p, _ in self.failed):
            return "failed"
        if any(post is p for p, _ in self.uncertain):
            return "uncertain"
        return "pending" if self.attempted else "preview"


class _Retry(Exception):
    """Not posted (nothing reached the platform, or it said so): worth trying again."""


class _Refused(Exception):
    """Not posted, and a retry cannot mend it (a 4xx, a wrong key, a bad signature)."""


class _NoAnswer(Exception):
    """The request went; the answer did not come back: it may have been posted."""


def sign(secret: str, timestamp: str) -> str:
    """DingTalk's signature: base64(HMAC-SHA256(key=secret, "timestamp\\nsecret")), URL-encoded by the caller."""
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp}\n{secret}".encode("utf-8"), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def _post(robot: Robot, body: dict, key: str, secret: str | None) -> dict:
    params = {KEY_PARAM[robot.platform]: key}
    if robot.platform == DINGTALK:
        stamp = str(round(time.time() * 1000))
        params.update(timestamp=stamp, sign=sign(secret or "", stamp))
    url = robot.url + ("&" if "?" in robot.url else "?") + urllib.parse.urlencode(params)
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="POST",
                                     headers={"Content-Type": "application/json; charset=utf-8"})
    try:
        # urllib wraps what fails before the request is written (connecting, sending) in URLError;
        # what fails while waiting for the answer comes through as it is (a timeout, a hang-up).
        with urllib.request.urlopen(request, timeout=robot.timeout) as response:
            answer = response.read()
    except urllib.error.HTTPError as exc:
        detail = f"HTTP {exc.code}"
        if exc.code >= 500 or exc.code == 429:
            raise _Retry(detail) from None
        raise _Refused(detail) from None
    except urllib.error.URLError as exc:
        raise _Retry(_reason(exc.reason)) from None
    except OSError as exc:
        raise _NoAnswer(_reason(exc)) from None
    try:
        answer = json.loads(answer.decode("utf-8"))
        code = int(answer.get("errcode", -1))
    except (ValueError, AttributeError, TypeError):
        raise _Retry("not a JSON answer") from None
    if code != 0:
        detail = f"errcode {code}: {str(answer.get('errmsg', ''))[:120]}"
        raise (_Retry if code in RATE_LIMITED else _Refused)(detail)
    return answer


def _reason(reason) -> str:
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return "timed out"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    return f"{type(reason).__name__}: {str(reason)[:120]}" if isinstance(reason, BaseException) else str(reason)[:120]


def deliver_posts(posts: list[RobotPost], settings: RobotSettings, store, *, send: bool, already: int = 0,
                  outbox: Path | None = None, sleep=time.sleep) -> RobotDelivery:
    """Preview, write each post's JSON to the outbox, and (with ``send``) post it. Each robot on its own:
    one failing leaves the others (and the mail) alone."""
    from toolkit.fileio import atomic_open

    result = RobotDelivery(posts=list(posts), already=already)
    if outbox is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        for n, post in enumerate(posts, 1):
            path = Path(outbox) / f"{stamp}-{n:03d}-robot-{post.robot.name}.json"
            with atomic_open(path, "w", encoding="utf-8") as fh:
                fh.write(json.dumps(post.body, ensure_ascii=False, indent=2) + "\n")
            result.outbox_files.append(path)
    if not send or not posts:
        return result
    result.attempted = True
    for post in posts:
        robot = post.robot
        try:
            key = robot_secret(robot, "key")
            secret = robot_secret(robot, "secret") if robot.platform == DINGTALK else None
        except SendError as exc:
            result.failed.append((post, exc.render("en", with_path=False)))
            continue
        again = bool(unconfirmed_keys(store, post.keys))
        outcome, detail, attempts = None, "", 0
        for delay in (0.0, *settings.retry_delays):
            if delay:
                sleep(delay)
            attempts += 1
            _mark_unconfirmed(store, post.keys, f"robot:{robot.platform}")  # from here it may be posted
            try:
                _post(robot, post.body, key, secret)
            except _NoAnswer as exc:  # it may have been posted: never again in this run
                outcome, detail = "uncertain", _scrub(str(exc), key, secret)
                break
            except (_Retry, _Refused) as exc:
                if not again:  # a definite no: this attempt's note goes (an earlier run's stays)
                    _forget_unconfirmed(store, post.keys)
                detail = _scrub(str(exc), key, secret)
                if isinstance(exc, _Refused):
                    break
                continue
            outcome = "sent"
            break
        if outcome == "sent":
            if store is not None:
                mark_sent(store, post.keys, f"robot:{robot.platform}")
            result.sent.append(post)
            if again:
                result.resent.append(post)
        elif outcome == "uncertain":
            result.uncertain.append((post, detail))
        else:
            result.failed.append((post, f"{detail} (×{attempts})"))
    return result


def _scrub(text: str, *secrets) -> str:
    """A server's message never carries the key out (some echo the request back)."""
    for s in secrets:
        if s:
            text = text.replace(s, "***").replace(urllib.parse.quote_plus(s), "***")
    return text


# ---- what the run says ------------------------------------------------------------------------

def robot_lines(delivery: RobotDelivery | None, lang: str) -> list[str]:
    """One line per post (robot, status, items listed and left), then what went wrong."""
    if delivery is None:
        return []
    lines = []
    for post in delivery.posts:
        status = delivery.status(post)
        line = t("robot.line", lang, robot=post.robot.name, platform=t(f"robot.platform.{post.robot.platform}", lang),
                 status=t(f"robot.status.{status}", lang), records=", ".join(post.records))
        if post.more:
            line += t("robot.line_more", lang, count=post.more)
        if post.mentioned:
            line += t("robot.line_at", lang, names=", ".join(post.mentioned))
        lines.append(line)
    if delivery.already:
        lines.append(t("robot.already", lang, count=delivery.already))
    for path in delivery.outbox_files:
        lines.append(t("output.written", lang, path=path))
    if delivery.error:
        lines.append(f"toolkit: {delivery.error.render(lang)}")
    return lines


def robot_json(delivery: RobotDelivery | None) -> list[dict]:
    if delivery is None:
        return []
    return [{"robot": p.robot.name, "platform": p.robot.platform, "status": delivery.status(p),
             "records": list(p.records), "more": p.more, "mentioned": list(p.mentioned),
             "error": next((d for q, d in delivery.failed + delivery.uncertain if q is p), None)}
            for p in delivery.posts]


# ---- the commands' one call each ----------------------------------------------------------------

def remind_robots(plan, robots: RobotSettings, escalate_to, store, *, send: bool, outbox: Path | None,
                  lang: str) -> RobotDelivery | None:
    """`toolkit remind`: the plan's items to each robot (None when no robot is configured)."""
    if not robots.robots:
        return None
    posts, already = reminder_posts(plan, robots, escalate_to, store, lang)
    return deliver_posts(posts, robots, store, send=send, already=already, outbox=outbox)


def weekly_robots(report, robots: RobotSettings, store, *, send: bool, outbox: Path | None,
                  lang: str) -> RobotDelivery | None:
    """`toolkit weekly --email`: the digest to each robot with ``weekly`` set (None when there is none)."""
    if not any(r.weekly != WEEKLY_OFF for r in robots.robots.values()):
        return None
    posts, already = weekly_posts(report, robots, store, lang)
    return deliver_posts(posts, robots, store, send=send, already=already, outbox=outbox)
