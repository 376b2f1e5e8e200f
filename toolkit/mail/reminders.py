"""Reply-time reminders for complaints: who gets what, as of a moment.

Stages (issue #5): due soon (to the owner, copy to the first handler), overdue (to the
owner, escalated to `escalate_to`, repeated once a day or along a ladder), major complaint
not closed (escalated), no reply time set, or one written that cannot be read (to the first
handler). One message per
recipient per run, listing all their items, most urgent first. A person with no address
is never dropped: the items go to `escalate_to` with a note, and the run reports it. Nor is
one whose address the mail server refuses for good: their items go to `escalate_to` the same
way, in the same run (`escalate_refused`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from toolkit.i18n import conventions, pick, t
from toolkit.mail.outgoing import LedgerKey, Message, clean_header, sent_keys
from toolkit.mail.settings import MailSettings, _person_key, address_of
from toolkit.model.complaints import is_answered, is_closed, is_major
from toolkit.model.settings import Settings
from toolkit.model.times import latest, show_time
from toolkit.registers.fields import COMPLAINTS

DUE_SOON, OVERDUE, MAJOR, NO_DEADLINE = "due_soon", "overdue", "major", "no_deadline"
UNREADABLE_DEADLINE = "unreadable_deadline"  # a reply time was promised, but its cell cannot be read
OWNER, COPY, ESCALATION, STANDIN = "owner", "copy", "escalation", "standin"
REFUSED = "refused"  # on behalf of someone whose address the mail server refused
_URGENCY = {OVERDUE: 0, MAJOR: 1, DUE_SOON: 2, UNREADABLE_DEADLINE: 3, NO_DEADLINE: 3}


@dataclass(frozen=True)
class Item:
    stage: str
    step: str  # the ledger stage: due_soon, overdue:2026-11-25 (daily) or overdue:step2 (ladder), …
    register: str
    sheet: str
    row: int
    record: str
    complainant: str
    location: str
    content: str
    owner: str
    first_handler: str
    promised: datetime | None
    left: timedelta | None  # time left to the promised reply (negative: overdue); None once answered
    answered: bool = False
    replied: datetime | date | None = None  # when it was answered, if the register says
    promise_text: str | None = None  # the promised reply time as written, when it cannot be read
    phone: str = ""  # the complainant's: shown to the owner only, who calls back (minimum necessary, PIPL)

    @property
    def promised_key(self) -> str:
        return self.promised.isoformat(timespec="minutes") if self.promised else ""


@dataclass(frozen=True)
class Assignment:
    item: Item
    role: str  # owner, copy, escalation, standin (for someone with no address)
    person: str  # who it is about (the name in the register, for standin notes)


@dataclass
class Plan:
    as_of: datetime
    messages: list[Message] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    unknown_people: dict[str, list[str]] = field(default_factory=dict)  # name → records
    undeliverable: list[Item] = field(default_factory=list)  # unknown person and no escalate_to
    already_sent: int = 0
    by_recipient: dict[str, list[Assignment]] = field(default_factory=dict)
    refused: dict[str, list[str]] = field(default_factory=dict)  # address the server refused → records
    refused_to: dict[str, list[str]] = field(default_factory=dict)  # … → the escalation addresses they go to
    standins: list[tuple[Message, list[Assignment]]] = field(default_factory=list)  # their items, to escalate_to


def _overdue_step(left: timedelta, as_of: datetime, ladder: tuple[float, ...]) -> str | None:
    late_hours = -left.total_seconds() / 3600
    if not ladder:
        return f"{OVERDUE}:{as_of.date().isoformat()}"
    reached = [i for i, h in enumerate(ladder) if late_hours >= h]
    return f"{OVERDUE}:step{reached[-1] + 1}" if reached else None


def collect_items(registers, as_of: datetime, settings: MailSettings, thresholds: Settings) -> list[Item]:
    lead = timedelta(hours=settings.reminders.lead_hours)
    items: list[Item] = []
    for reg in registers:
        if reg.kind != COMPLAINTS:
            continue
        closed_column = reg.has("closed_at")
        for c in reg.records:
            if is_closed(c):
                continue
            base = dict(register=reg.path, sheet=reg.sheet, row=c.row,
                        record=c.complaint_no or f"{reg.sheet}!{c.row}", complainant=c.complainant or "",
                        location=c.location or "", content=c.content or "", owner=c.owner or "",
                        first_handler=c.first_handler or "", phone=str(c.phone or ""))
            answered = is_answered(c)
            if is_major(c, as_of, thresholds, closed_column):
                deadline = latest(c.promised_reply_at) if c.promised_reply_at else None
                # an answered complaint is past its promise, not overdue: what is left is closing it
                left = (deadline - as_of) if deadline and not answered else None
                items.append(Item(MAJOR, MAJOR, promised=deadline, left=left, answered=answered, replied=c.replied_at,
                                  **base))
            if answered:
                continue
            if c.promised_reply_at is None:
                text = next((p.raw for p in c.problems if p.field == "promised_reply_at"), None)
                stage = NO_DEADLINE if text is None else UNREADABLE_DEADLINE
                items.append(Item(stage, f"{stage}:{as_of.date().isoformat()}", promised=None, left=None,
                                  promise_text=text, **base))
                continue
            deadline = latest(c.promised_reply_at)  # "答复 before 11月26日" means by the end of that day
            left = deadline - as_of
            if left < timedelta(0):
                step = _overdue_step(left, as_of, settings.reminders.ladder_hours)
                if step:
                    items.append(Item(OVERDUE, step, promised=deadline, left=left, **base))
            elif left <= lead:
                items.append(Item(DUE_SOON, DUE_SOON, promised=deadline, left=left, **base))
    return items


def plan_reminders(registers, as_of: datetime, settings: MailSettings, thresholds: Settings, store, lang: str) -> Plan:
    """Who is reminded of what, and the messages: ``thresholds`` tell a major complaint."""
    plan = Plan(as_of)
    plan.items = collect_items(registers, as_of, settings, thresholds)
    escalate = [a for a in (address_of(n, settings) for n in settings.reminders.escalate_to) if a]
    wanted: dict[str, list[Assignment]] = {}

    def give(person: str, item: Item, role: str):
        address = address_of(person, settings) if person else None
        if address:
            wanted.setdefault(address, []).append(Assignment(item, role, person))
            return
        if person and _person_key(person) in settings.robot_people:  # a group robot instead of email
            return
        who = person or t("remind.blank_person", lang)
        plan.unknown_people.setdefault(who, []).append(item.record)
        if not escalate:
            plan.undeliverable.append(item)
        for a in escalate:
            wanted.setdefault(a, []).append(Assignment(item, STANDIN, who))

    for item in plan.items:
        if item.stage == DUE_SOON:
            give(item.owner, item, OWNER)
            if item.first_handler and _same(item.first_handler, item.owner) is False:
                give(item.first_handler, item, COPY)
        elif item.stage == OVERDUE:
            give(item.owner, item, OWNER)
            for a in escalate:
                wanted.setdefault(a, []).append(Assignment(item, ESCALATION, item.owner))
        elif item.stage == MAJOR:
            for a in escalate:
                wanted.setdefault(a, []).append(Assignment(item, ESCALATION, item.owner))
            if not escalate:
                plan.undeliverable.append(item)
        elif item.stage in (NO_DEADLINE, UNREADABLE_DEADLINE):
            give(item.first_handler or item.owner, item, OWNER)

    # The ledger knows a register by its absolute path: `remind ../site` and `remind /srv/site`
    # are the same reminders. Rows an older version wrote under a relative path still count.
    ledger_paths = {item.register: ledger_path(item.register) for item in plan.items}
    legacy = _legacy_registers(store, set(ledger_paths.values()))
    for address, assignments in wanted.items():
        # one line per item per recipient, whatever number of roles brought it here
        unique: dict[tuple, Assignment] = {}
        for a in assignments:
            unique.setdefault((a.item.register, a.item.record, a.item.step), a)
        keys = {k: LedgerKey(ledger_paths[a.item.register], a.item.record, a.item.step, a.item.promised_key, address)
                for k, a in unique.items()}
        aliases = {k: [LedgerKey(old, key.record, key.stage, key.promised, key.recipient)
                       for old in legacy.get(key.register, ())] for k, key in keys.items()}
        done = sent_keys(store, list(keys.values()) + [alias for found in aliases.values() for alias in found])
        pending = [a for k, a in unique.items() if keys[k] not in done and not any(x in done for x in aliases[k])]
        plan.already_sent += len(unique) - len(pending)
        if not pending:
            continue
        pending.sort(key=_urgency)
        plan.by_recipient[address] = pending
        plan.messages.append(_message(address, pending, as_of, lang,
                                      tuple(keys[(a.item.register, a.item.record, a.item.step)] for a in pending)))
    return plan


def escalate_refused(plan: Plan, addresses: list[str], settings: MailSettings, store, lang: str) -> list[Message]:
    """The items of addresses the mail server refused for good go to `escalate_to`, as those of a
    person with no address do: one message per escalation address, each item once per stage (an
    item already sent there, as an escalation, is not sent again)."""
    escalate = [a for a in (address_of(n, settings) for n in settings.reminders.escalate_to) if a]
    wanted: dict[str, list[Assignment]] = {}
    for address in addresses:
        assignments = plan.by_recipient.get(address, [])
        if not assignments:
            continue
        plan.refused[address] = list(dict.fromkeys(a.item.record for a in assignments))
        plan.refused_to[address] = [target for target in escalate if target not in addresses]
        for target in plan.refused_to[address]:
            for a in assignments:
                wanted.setdefault(target, []).append(Assignment(a.item, REFUSED, address))
    messages = []
    for target, assignments in wanted.items():
        unique: dict[tuple, Assignment] = {}
        for a in assignments:
            unique.setdefault((a.item.register, a.item.record, a.item.step), a)
        keys = {k: LedgerKey(ledger_path(a.item.register), a.item.record, a.item.step, a.item.promised_key, target)
                for k, a in unique.items()}
        done = sent_keys(store, list(keys.values()))
        pending = sorted((a for k, a in unique.items() if keys[k] not in done), key=_urgency)
        if not pending:
            continue
        message = _message(target, pending, plan.as_of, lang,
                           tuple(keys[(a.item.register, a.item.record, a.item.step)] for a in pending))
        plan.standins.append((message, pending))
        messages.append(message)
    return messages


def ledger_path(register: str) -> str:
    """The register as the ledger knows it: its absolute path, whatever was typed."""
    from pathlib import Path

    try:
        return str(Path(register).resolve())
    except (OSError, RuntimeError):
        return str(Path(register).absolute())


def _legacy_registers(store, wanted: set[str]) -> dict[str, list[str]]:
    """Relative register paths in a ledger written before it held absolute ones, by the absolute
    path they name from here (the scheduled job runs from the same folder): absolute → as stored."""
    if store is None or not wanted:
        return {}
    from pathlib import Path

    from toolkit.registers.discover import WORKBOOK_SUFFIXES

    out: dict[str, list[str]] = {}
    for (stored,) in store.db.execute("SELECT DISTINCT register FROM sent"):
        p = Path(stored)
        if p.is_absolute() or p.suffix.lower() not in WORKBOOK_SUFFIXES:
            continue  # already absolute, or not a register (the weekly digest's rows)
        absolute = ledger_path(stored)
        if absolute in wanted:
            out.setdefault(absolute, []).append(stored)
    return out


def _same(a: str, b: str) -> bool:
    return re.sub(r"\s+", "", a) == re.sub(r"\s+", "", b)


def _urgency(a: Assignment):
    left = a.item.left.total_seconds() if a.item.left is not None else float("inf")
    return (_URGENCY[a.item.stage], left, a.item.record)


def describe_left(left: timedelta | None, lang: str) -> str:
    if left is None:
        return "—"
    seconds = abs(left.total_seconds())
    days, hours = int(seconds // 86400), int(seconds % 86400 // 3600)
    minutes = int(seconds % 3600 // 60)
    span = ((t("remind.span.days", lang, days=days) if days else "")
            + (t("remind.span.hours", lang, hours=hours) if hours or days else t("remind.span.minutes", lang, minutes=minutes)))
    return t("remind.overdue_by" if left.total_seconds() < 0 else "remind.left", lang, span=span)


def describe_timing(item: Item, lang: str) -> str:
    """The "left / overdue" of an item: time left or overdue, or why there is none."""
    if item.answered:
        when = show_time(item.replied) if item.replied is not None else ""
        return t("remind.answered_at", lang, when=when) if when else t("remind.answered", lang)
    return describe_left(item.left, lang)


def describe_promise(item: Item, lang: str) -> str:
    """The promised reply time as shown: the time, the unreadable text quoted, or a dash."""
    if item.promised is not None:
        return show_time(item.promised)
    if item.promise_text is not None:
        return conventions(lang).quote(item.promise_text)
    return "—"


def describe_stage(item: Item, lang: str) -> str:
    if item.stage == UNREADABLE_DEADLINE:
        return t("remind.unreadable_deadline", lang, promised=item.promise_text)
    return pick(_STAGE_TEXT[item.stage], lang)


_STAGE_TEXT = {
    DUE_SOON: ("即将到期", "due soon"),
    OVERDUE: ("已超过承诺答复时间", "past the promised reply time"),
    MAJOR: ("重大投诉，须服务中心负责人亲自处理", "major complaint: the centre's head handles it in person"),
    NO_DEADLINE: ("未约定答复时间，请与客户约定", "no reply time promised: agree one with the customer"),
}
_ROLE_TEXT = {
    OWNER: ("您负责", "yours"),
    COPY: ("抄送：您是首问责任人", "copy: you took the complaint"),
    ESCALATION: ("升级：责任人 {person}", "escalated: owner {person}"),
    STANDIN: ("代收：{person} 没有邮箱地址", "on behalf of {person}, who has no address"),
    REFUSED: ("代收：邮件服务器拒收了 {person}", "on behalf of {person}, whose address the mail server refused"),
}


def _message(address: str, assignments: list[Assignment], as_of: datetime, lang: str, keys) -> Message:
    from toolkit.templating import render

    rows = []
    for a in assignments:
        it = a.item
        promised, left = describe_promise(it, lang), describe_timing(it, lang)
        # said in words where there is no time: never "—（—）"
        if promised == "—":
            line = t("remind.mail.no_promise_left", lang, left=left) if left != "—" else (
                "" if it.stage == NO_DEADLINE else t("remind.mail.no_promise", lang))
            promised = t("remind.mail.none_agreed", lang)
        else:
            line = t("remind.mail.promise_left" if left != "—" else "remind.mail.promise", lang, promised=promised,
                     left=left)
        rows.append({
            "record": it.record, "complainant": it.complainant, "location": it.location, "content": it.content,
            "owner": it.owner, "promised": promised, "promise_line": line,
            "left": "" if left == "—" else left, "overdue": it.left is not None and it.left.total_seconds() < 0,
            "stage": describe_stage(it, lang), "stage_id": it.stage,
            "role": pick(_ROLE_TEXT[a.role], lang).format(person=a.person or "—"),
            "phone": it.phone if a.role == OWNER else "",  # the owner calls the customer back; nobody else needs it
            "where": t("remind.where", lang, register=it.register, sheet=it.sheet, row=it.row),
        })
    top = rows[0]
    count = len(rows)
    subject = t("remind.subject", lang, count=count, record=top["record"], urgent=top["left"] or top["stage"])
    context = {"rows": rows, "as_of": show_time(as_of), "count": count, "subject": clean_header(subject),
               "phones": any(r["phone"] for r in rows)}
    html = render(f"reminder.{lang}.html.j2", **context)
    text = render(f"reminder.{lang}.txt.j2", **context)
    return Message(to=(address,), subject=clean_header(subject), html=html, text=text, keys=keys, lang=lang)
