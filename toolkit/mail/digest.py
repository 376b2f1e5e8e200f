"""The weekly digest email: subject, HTML and plain text for one recipient, and the messages
for [weekly] to (the full digest) and [weekly] finance (the hand-over list).

One digest per ISO week per recipient: each message carries the ledger key
("weekly", week, "weekly", "", recipient), so a rerun of the week sends nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toolkit.followup.weekly import WeeklyReport
from toolkit.i18n import t
from toolkit.outputs.weekly_tables import Table, headline, section_tables, show_money, show_when

FULL, FINANCE = "full", "finance"
INLINE_MAX = 60  # rows shown in the mail; the rest are in the attached workbook
LEDGER_REGISTER = LEDGER_STAGE = "weekly"


@dataclass(frozen=True, slots=True)
class Digest:
    subject: str
    html: str
    text: str


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _rows(tb: Table, keys: tuple[str, ...]) -> tuple[list[str], list[list[str]]]:
    idx = [tb.column(k) for k in keys]
    cells = [["" if row[i] is None else (f"{row[i]:g}" if isinstance(row[i], float) else show_when(row[i]))
              for i in idx] for row in tb.rows[:INLINE_MAX]]
    return [tb.columns[i].header for i in idx], cells


def render_digest(report: WeeklyReport, lang: str, audience: str = FULL) -> Digest:
    from toolkit.templating import render

    tables = {tb.key: tb for tb in section_tables(report, lang)}
    overdue = tables["overdue"]
    finance = tables["finance_handover"]
    o_head, o_rows = _rows(overdue, ("kind", "record", "why", "since", "hours_over", "who", "location", "content", "source"))
    f_head, f_rows = _rows(finance, ("record", "completed", "location", "fee", "repairer", "source"))
    lists = report.stats.lists
    w = report.week
    context = {
        "audience": audience,
        "title": t("weekly.title", lang, week=w.label, start=w.start.date().isoformat(), end=w.last_day.isoformat()),
        "as_of": _sentence(t("weekly.as_of", lang, as_of=report.as_of.strftime("%Y-%m-%d %H:%M"))),
        "week": w.label,
        "headline": headline(report, lang),
        "heads": {"metric": t("weekly.col.metric", lang), "this_week": t("weekly.col.this_week", lang),
                  "last_week": t("weekly.col.last_week", lang), "change": t("weekly.col.change", lang)},
        "has_history": report.last_week is not None,
        "no_history": t("weekly.no_history", lang),
        "overdue_title": overdue.title, "overdue_head": o_head, "overdue_rows": o_rows,
        "overdue_more": max(len(overdue.rows) - INLINE_MAX, 0),
        "finance_title": finance.title, "finance_head": f_head, "finance_rows": f_rows,
        "finance_more": max(len(finance.rows) - INLINE_MAX, 0),
        "finance_total": show_money(report.sections.finance_total),
        "total_label": t("weekly.total", lang),
        "lists": lists,
        "unusable": [t("weekly.unusable", lang, path=p, why=why) for p, why in report.unusable],
        "more": lambda n: t("weekly.more", lang, n=n),
        "none": t("weekly.none", lang),
    }
    html = render(f"weekly_digest.{lang}.html.j2", **context)
    text = render(f"weekly_digest.{lang}.txt.j2", **context)
    if audience == FINANCE:
        subject = t("weekly.subject.finance", lang, week=w.label, count=lists.get("finance_handover", 0),
                    total=context["finance_total"])
    else:
        subject = t("weekly.subject", lang, week=w.label, unfinished=lists.get("unfinished", 0),
                    overdue=lists.get("overdue", 0))
    return Digest(subject, html, text)


def digest_messages(report: WeeklyReport, to: tuple[str, ...], finance: tuple[str, ...], lang: str,
                    attachment: Path | None) -> list:
    """One message per recipient: the full digest for ``to``, the hand-over list for ``finance``
    (an address in both gets the full digest, which holds the hand-over count too)."""
    from toolkit.mail.outgoing import LedgerKey, Message

    digests = {}
    messages = []
    for address, audience in [(a, FULL) for a in to] + [(a, FINANCE) for a in finance if a not in to]:
        if audience not in digests:
            digests[audience] = render_digest(report, lang, audience)
        d = digests[audience]
        key = LedgerKey(LEDGER_REGISTER, report.week.label, LEDGER_STAGE, "", address)
        messages.append(Message(to=(address,), subject=d.subject, html=d.html, text=d.text,
                                attachments=(attachment,) if attachment else (), keys=(key,), lang=lang))
    return messages
