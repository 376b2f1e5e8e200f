"""The weekly digest email: subject, HTML and plain text for one recipient, and the messages
for [weekly] to (the full digest), [weekly] finance (the hand-over list) and [weekly]
engineering (the unfinished orders). What each gets is toolkit.outputs.recipients' filter, the
same one their attached workbook is written with.

One digest per ISO week per recipient: each message carries the ledger key
("weekly", week, "weekly", "", recipient) ("weekly:engineering" for engineering's), so a rerun
of the week sends nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toolkit.followup.weekly import WeeklyReport
from toolkit.i18n import t
from toolkit.outputs.recipients import ENGINEERING, FINANCE, FULL, PARTS, link_reach, part_tables
from toolkit.outputs.weekly_tables import Table, headline, section_tables, show_money, show_when

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


def links_note(tables: list[Table], lang: str) -> str:
    """What the attachment's links do, said plainly: they open the registers from any computer
    only when the registers are on a network share; else only on the computer that sent it."""
    reach = link_reach({src.path for tb in tables for src in tb.sources if src is not None})
    if reach is None:
        return t("weekly.links.none", lang)
    return t("weekly.links.shared" if reach.shared else "weekly.links.local", lang, folder=reach.folder,
             source=t("weekly.col.source", lang))


def render_digest(report: WeeklyReport, lang: str, audience: str = FULL) -> Digest:
    from toolkit.templating import render

    part = part_tables(section_tables(report, lang), PARTS[audience])
    tables = {tb.key: tb for tb in part}
    overdue = tables.get("overdue")
    finance = tables.get("finance_handover")
    unfinished = tables.get("unfinished")
    o_head, o_rows = _rows(overdue, ("kind", "record", "why", "since", "hours_over", "who", "location", "content", "source")) if overdue else ([], [])
    f_head, f_rows = _rows(finance, ("record", "completed", "location", "fee", "repairer", "source")) if finance else ([], [])
    u_head, u_rows = _rows(unfinished, ("record", "started", "age", "engineer", "reason", "location", "content", "source")) if unfinished else ([], [])
    lists = report.stats.lists
    w = report.week
    context = {
        "audience": audience,
        "title": t("weekly.title", lang, week=w.label, start=w.start.date().isoformat(), end=w.last_day.isoformat()),
        "as_of": _sentence(t("weekly.as_of", lang, as_of=report.as_of.strftime("%Y-%m-%d %H:%M"))),
        "links_note": links_note(part, lang),
        "engineering_intro": t("weekly.engineering.intro", lang, count=lists.get("unfinished", 0)),
        "unfinished_head": u_head, "unfinished_rows": u_rows,
        "unfinished_more": max(len(unfinished.rows) - INLINE_MAX, 0) if unfinished else 0,
        "week": w.label,
        "headline": headline(report, lang),
        "heads": {"metric": t("weekly.col.metric", lang), "this_week": t("weekly.col.this_week", lang),
                  "last_week": t("weekly.col.last_week", lang), "change": t("weekly.col.change", lang)},
        "has_history": report.last_week is not None,
        "no_history": t("weekly.no_history", lang),
        "overdue_title": overdue.title if overdue else "", "overdue_head": o_head, "overdue_rows": o_rows,
        "overdue_more": max(len(overdue.rows) - INLINE_MAX, 0) if overdue else 0,
        "finance_title": finance.title if finance else "", "finance_head": f_head, "finance_rows": f_rows,
        "finance_more": max(len(finance.rows) - INLINE_MAX, 0) if finance else 0,
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
    elif audience == ENGINEERING:
        subject = t("weekly.subject.engineering", lang, week=w.label, count=lists.get("unfinished", 0))
    else:
        subject = t("weekly.subject", lang, week=w.label, unfinished=lists.get("unfinished", 0),
                    overdue=lists.get("overdue", 0))
    return Digest(subject, html, text)


def digest_messages(report: WeeklyReport, to: tuple[str, ...], finance: tuple[str, ...], lang: str,
                    attachment, engineering: tuple[str, ...] = ()) -> list:
    """One message per recipient and part: the full digest for ``to``, the hand-over list for
    ``finance``, the unfinished orders for ``engineering`` (an address in ``to`` gets the full
    digest only, which holds the others). ``attachment``: a workbook per audience ({audience:
    path}, each written with that audience's part), or one path for all."""
    from toolkit.mail.outgoing import LedgerKey, Message

    wanted = [(a, FULL) for a in to] + [(a, FINANCE) for a in finance if a not in to]
    wanted += [(a, ENGINEERING) for a in engineering if a not in to]
    digests = {}
    messages = []
    for address, audience in wanted:
        if audience not in digests:
            digests[audience] = render_digest(report, lang, audience)
        d = digests[audience]
        stage = LEDGER_STAGE if audience != ENGINEERING else f"{LEDGER_STAGE}:{ENGINEERING}"
        key = LedgerKey(LEDGER_REGISTER, report.week.label, stage, "", address)
        path = attachment.get(audience) if isinstance(attachment, dict) else attachment
        messages.append(Message(to=(address,), subject=d.subject, html=d.html, text=d.text,
                                attachments=(path,) if path else (), keys=(key,), lang=lang))
    return messages
