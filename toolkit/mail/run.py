"""What a `toolkit remind` run did (the run itself is toolkit.commands.remind), in words and as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from toolkit.errors import EXIT_INPUT, EXIT_OK, EXIT_SEND, ToolkitError
from toolkit.i18n import t
from toolkit.mail.outgoing import DeliveryResult
from toolkit.mail.reminders import Plan, describe_promise, describe_timing
from toolkit.mail.robots import RobotDelivery, robot_json, robot_lines
from toolkit.outputs.calendar_text import notice_json, notice_lines
from toolkit.outputs.text import pad
from toolkit.model.times import show_time
from toolkit.workcalendar import Arrangement, status_json


@dataclass
class RemindResult:
    as_of: datetime
    plan: Plan
    delivery: DeliveryResult | None = None
    send: bool = False
    outside_hours: datetime | None = None  # set when sending waited for the next window
    day_off: str | None = None  # why it waited, when the reason is a day off ("2027-01-01 is a day off (…)")
    calendar: list[Arrangement] = field(default_factory=list)  # the years in use, and where their days come from
    notices: DeliveryResult | None = None  # the calendar notice to escalate_to (a year not confirmed)
    file_errors: list[str] = field(default_factory=list)
    complaints: int = 0
    configured: bool = True  # a toolkit.toml was found
    robots: RobotDelivery | None = None  # the group robots' posts (issue #22), None when none is configured

    def exit_code(self) -> int:
        if (self.delivery and self.delivery.error) or (self.notices and self.notices.error) or (
                self.robots and self.robots.error):
            return EXIT_SEND
        if self.file_errors or self.plan.undeliverable or (self.delivery and self.delivery.invalid):
            return EXIT_INPUT
        return EXIT_OK


def _outbox(result: RemindResult) -> list[Path]:
    return [p for d in (result.delivery, result.notices) if d for p in d.outbox_files]


def render_text(result: RemindResult, lang: str) -> str:
    lines: list[str] = []
    plan, d = result.plan, result.delivery
    for error in result.file_errors:
        lines.append(error)
    message_of = {m.to[0]: m for m in plan.messages}
    recipients = [(address, assignments, message_of.get(address), "") for address, assignments in plan.by_recipient.items()]
    recipients += [(m.to[0], assignments, m, "  (" + t("mail.on_behalf", lang, address=", ".join(
        dict.fromkeys(a.person for a in assignments))) + ")") for m, assignments in plan.standins]
    for address, assignments, message, note in recipients:
        status = _status(d, message, result, lang)
        lines.append(f"{address}  [{status}]  {t('remind.items', lang, count=len(assignments))}{note}")
        for a in assignments:
            it = a.item
            # columns padded by display width: a Chinese stage or time is two columns a character
            lines.append(f"    {pad(it.record, 14)}{pad(t('remind.stage.' + it.stage, lang) + ' ', 12)}"
                         f"{pad(describe_promise(it, lang) + ' ', 18)}{pad(describe_timing(it, lang) + ' ', 22)}"
                         f"{it.complainant} {it.location} {it.content[:30]}")
    for name, records in plan.unknown_people.items():
        lines.append(t("remind.no_address_alone" if plan.undeliverable else "remind.no_address_escalated", lang,
                       name=name, records=", ".join(records)))
    for address, records in plan.refused.items():
        targets = plan.refused_to.get(address)
        lines.append(t("mail.refused_escalated" if targets else "mail.refused_alone", lang, address=address,
                       records=", ".join(records), targets=", ".join(targets or ())))
    if d:
        for message, bad in d.invalid:
            lines.append(t("remind.invalid_address", lang, address=bad))
    lines += notice_lines(result.notices, lang)
    for path in _outbox(result):
        lines.append(t("output.written", lang, path=path))
    if result.day_off:
        lines.append(t("remind.day_off", lang, day_off=result.day_off, next=show_time(result.outside_hours)))
    elif result.outside_hours:
        lines.append(t("remind.outside_hours", lang, next=show_time(result.outside_hours)))
    for error in (d.error if d else None, result.notices.error if result.notices else None):
        if error:
            lines.append(f"toolkit: {error.render(lang)}")
    lines += robot_lines(result.robots, lang)
    if not result.complaints and not result.file_errors:
        lines.append(t("remind.no_complaints", lang))
    if plan.unknown_people and not result.configured:
        lines.append(t("remind.no_config", lang))
    sent = sum(d.status(m) in ("sent", "resent") for m in plan.messages) if d else 0  # escalations apart
    lines.append(totals_line(result, sent, lang))
    return "\n".join(lines) + "\n"


def totals_line(result: RemindResult, sent: int, lang: str) -> str:
    """The run in one line, each number counted in its own unit: an item is a complaint's stage, a
    reminder is an item for one recipient (so those already sent are reminders, and may outnumber items)."""
    from toolkit.i18n import conventions

    plan = result.plan
    reminders = sum(len(assignments) for assignments in plan.by_recipient.values()) + plan.already_sent
    counts = conventions(lang).join([t("remind.sum.complaints", lang, count=result.complaints),
                                     t("remind.sum.items", lang, count=len(plan.items)),
                                     t("remind.sum.reminders", lang, count=reminders)])
    already = t("remind.sum.already", lang, count=plan.already_sent) if plan.already_sent else ""
    return t("remind.sum.line", lang, counts=counts, already=already,
             messages=t("remind.sum.messages", lang, count=len(plan.messages)),
             sent=t("remind.sum.sent", lang, count=sent))


def _status(d: DeliveryResult | None, message, result: RemindResult, lang: str) -> str:
    status = d.status(message) if d is not None and message is not None else "preview"
    if status in ("sent", "resent", "uncertain"):
        return t(f"mail.status.{status}", lang)
    if status in ("refused", "deferred"):
        return t(f"mail.status.{status}", lang, reply="; ".join(r.reply for r in d.refusals(message)))
    if status == "preview" or not result.send or result.outside_hours:
        return t("remind.status.preview", lang)
    return t("remind.status.not_sent", lang)


def _json_status(d: DeliveryResult | None, message) -> str:
    return d.status(message) if d is not None and message is not None else "preview"


def render_json(result: RemindResult) -> str:
    d = result.delivery
    message_of = {m.to[0]: m for m in result.plan.messages}
    data = {
        "as_of": result.as_of.isoformat(timespec="minutes"),
        "send": result.send,
        "outside_hours_next_window": result.outside_hours.isoformat(timespec="minutes") if result.outside_hours else None,
        "day_off": result.day_off is not None,
        # each year in use: {"2027": {"source": "holidays", "confirmed": false}}
        "calendar": status_json(result.calendar),
        "calendar_notice": notice_json(result.notices),
        "messages": [
            {"to": address, "sent": _json_status(d, message) in ("sent", "resent"),
             "status": _json_status(d, message),
             "refused": [r.reply for r in d.refusals(message)] if d is not None and message is not None else [],
             "on_behalf_of": on_behalf,
             "subject": message.subject if message is not None else None,
             "items": [{"record": a.item.record, "stage": a.item.stage, "role": a.role, "path": a.item.register,
                        "sheet": a.item.sheet, "row": a.item.row,
                        "promised": a.item.promised.isoformat(timespec="minutes") if a.item.promised else None,
                        "promised_text": a.item.promise_text, "answered": a.item.answered}
                       for a in assignments]}
            for address, assignments, message, on_behalf in
            [(address, assignments, message_of.get(address), None)
             for address, assignments in result.plan.by_recipient.items()]
            + [(m.to[0], assignments, m, sorted({a.person for a in assignments}))
               for m, assignments in result.plan.standins]],
        "unknown_people": result.plan.unknown_people,
        # addresses the mail server refused for good this run → their records (escalated when there is escalate_to)
        "refused": result.plan.refused,
        "already_sent": result.plan.already_sent,
        "outbox": [str(p) for p in _outbox(result)],
        "error": (d.error.render("en") if d and d.error else
                  result.notices.error.render("en") if result.notices and result.notices.error else None),
        "file_errors": result.file_errors,
        # one entry per group robot post: robot, platform, status, records listed, more (left for the next run)
        "robots": robot_json(result.robots),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


__all__ = ["render_text", "render_json", "RemindResult", "ToolkitError"]
