"""Each person's own list of what to fix (分清责任, issue #21): one short mail a week to every
person under [people] whom the week's findings name (as issuer, engineering, repairer, return
signer …), in their language ([weekly] people_zh / people_en, else the digest's).

Sent through the same ledger as the digests: the key ("weekly", week, "weekly:person", "",
address) makes a rerun of the week send nothing twice. A name no [people] entry has is never
matched onto another: it is listed in the weekly output instead (WeeklyReport.unknown_people).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from toolkit.findings import Finding
from toolkit.followup.weekly import WeeklyReport
from toolkit.i18n import t
from toolkit.mail.digest import LEDGER_REGISTER
from toolkit.model.people import person_name

LEDGER_STAGE = "weekly:person"
ITEMS_MAX = 40  # items in one mail; the rest are in the weekly workbook


def people_of(config) -> dict[str, tuple[str, str | None]]:
    """[people] as name (as person_name reads it) → (address, language or None: the digest's);
    [weekly] people_zh and people_en name who reads their list in which language."""
    raw = getattr(config, "raw", None) or {}
    weekly = raw.get("weekly") or {}
    langs = {person_name(n): lang for lang in ("zh", "en") for n in weekly.get(f"people_{lang}", [])}
    out = {}
    for name, table in (raw.get("people") or {}).items():
        key = person_name(name)
        if key is not None and isinstance(table, dict) and table.get("email"):
            out[key] = (str(table["email"]).strip(), langs.get(key))
    return out


def person_messages(report: WeeklyReport, findings: list[Finding], people: dict[str, tuple[str, str | None]],
                    default_lang: str) -> list:
    """One message per listed person with findings to fix this week."""
    from toolkit.mail.outgoing import LedgerKey, Message
    from toolkit.templating import render

    theirs: dict[str, list[tuple[Finding, str]]] = defaultdict(list)
    for f in findings:
        for person, role in zip(f.person, f.role):
            if person is not None and person in people:
                theirs[person].append((f, role))
    messages = []
    for name, items in theirs.items():
        address, lang = people[name]
        lang = lang or default_lang
        rows = [[f"{Path(f.path).name} › {f.sheet}!{f.cell or f'A{f.row}'}", f.record or "", f.message,
                 t(f"role.{role}", lang)] for f, role in items[:ITEMS_MAX]]
        subject = t("person_mail.subject", lang, count=len(items), week=report.week.label, name=name)
        context = {
            "html_lang": t("person_mail.html_lang", lang), "subject": subject,
            "greeting": t("person_mail.greeting", lang, name=name), "intro": t("person_mail.intro", lang),
            "head": [t("person_mail.where", lang), t("col.record", lang), t("person_mail.what", lang),
                     t("person_mail.as", lang)],
            "rows": rows,
            "more": t("person_mail.more", lang, count=len(items) - ITEMS_MAX) if len(items) > ITEMS_MAX else "",
            "footer": t("weekly.as_of", lang, as_of=report.as_of.strftime("%Y-%m-%d %H:%M")),
        }
        key = LedgerKey(LEDGER_REGISTER, report.week.label, LEDGER_STAGE, "", address)
        messages.append(Message(to=(address,), subject=subject, html=render("person_list.html.j2", **context),
                                text=render("person_list.txt.j2", **context), keys=(key,), lang=lang))
    return messages
