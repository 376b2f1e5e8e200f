"""The mail to escalate_to when a year in use has no confirmed working calendar: once per
year and recipient (the ledger remembers), so that somebody adds [calendar.YYYY]."""

from __future__ import annotations

from toolkit.mail.outgoing import LedgerKey, Message, clean_header, sent_keys
from toolkit.mail.settings import MailSettings, address_of

NOTICE_REGISTER = "calendar"  # the ledger's register column: no file, the calendar itself
NOTICE_STAGE = "calendar_unconfirmed"


def notice_messages(arrangements, settings: MailSettings, store, lang: str, config_path=None) -> list[Message]:
    """One message per escalate_to address and unconfirmed year not told before."""
    unconfirmed = [a for a in arrangements if not a.confirmed]
    if not unconfirmed:
        return []
    addresses = list(dict.fromkeys(a for a in (address_of(n, settings) for n in settings.reminders.escalate_to) if a))
    messages = []
    for arrangement in unconfirmed:
        for address in addresses:
            key = LedgerKey(NOTICE_REGISTER, str(arrangement.year), NOTICE_STAGE, "", address)
            if sent_keys(store, [key]):
                continue
            messages.append(_message(address, arrangement, key, lang, config_path))
    return messages


def _message(address: str, arrangement, key: LedgerKey, lang: str, config_path) -> Message:
    from toolkit.i18n import t, weekday_name
    from toolkit.outputs.calendar_text import day_name, describe_source
    from toolkit.templating import render
    from toolkit.workcalendar import toml_table

    year = arrangement.year
    source = describe_source(arrangement, lang)
    days = [{"date": d.day.isoformat(), "weekday": weekday_name(d.day, lang), "name": day_name(d, lang)}
            for d in sorted(arrangement.days.values(), key=lambda d: d.day) if not d.working]
    context = {
        "lang": lang,
        "subject": clean_header(t("calendar.mail.subject", lang, year=year)),
        "hello": t("calendar.mail.hello", lang),
        "intro": t("calendar.mail.intro", lang, year=year, source=source),
        "days_heading": t("calendar.mail.days", lang),
        "days": days,
        "how": t("calendar.mail.how", lang, year=year, path=config_path or "toolkit.toml"),
        "table": toml_table(arrangement),
        "check": t("calendar.mail.check", lang, year=year),
    }
    return Message(to=(address,), subject=context["subject"], html=render("calendar_notice.html.j2", **context),
                   text=render("calendar_notice.txt.j2", **context), keys=(key,), lang=lang)
