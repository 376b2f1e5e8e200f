"""The weekly report as plain text: the headline numbers, then each list, one line per item."""

from __future__ import annotations

import operator
from operator import itemgetter

from toolkit.followup.weekly import WeeklyReport
from toolkit.i18n import conventions, join, t
from toolkit.outputs.text import _pad, _width, widths
from toolkit.outputs.weekly_tables import (
    Table, category_table, complaint_categories, engineer_table, findings_compared, headline, section_tables,
    people_compared, repeat_rate_table, repeat_table,
    show_money, show_when, trend_rows,
)

_SHORTENED = {"content": 32, "done": 32, "note": 32, "location": 16}  # display width kept in a line
_BLOCK = 10_000  # rows padded at a time


def _cell(value, limit: int | None = None) -> str:
    if type(value) is str and "\n" not in value and (limit is None or 2 * len(value) <= limit):
        return value  # most cells: shown as they are, and short enough whatever their characters
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    text = show_when(value).replace("\n", " ")
    if limit is None or _width(text) <= limit:
        return text
    out = ""
    for ch in text:
        if _width(out + ch) > limit - 1:
            break
        out += ch
    return out + "…"


def _grid(header: list[str], rows: list, indent: str = "  ", limits: list | None = None,
          columns: list[int] | None = None) -> list[str]:
    """Lines of ``rows`` (``columns`` of them: default all) under ``header``, padded to line up.
    Column by column and mostly at C speed (``map``): a findings-heavy list has a line per row."""
    limits = limits or [None] * len(header)
    cells, sizes, width = [], [], []
    for i, head, limit in zip(columns or range(len(header)), header, limits):
        cells.append(_column(list(map(itemgetter(i), rows)), limit))
        sizes.append(widths(cells[-1]))
        width.append(max(_width(head), max(sizes[-1], default=0)))
    lines = [indent + "  ".join(_pad(h, w) for h, w in zip(header, width)).rstrip()]
    for start in range(0, len(rows), _BLOCK):  # padded a block at a time: a copy of every cell at once is a lot
        block = slice(start, start + _BLOCK)
        padded = [list(map(operator.add, texts[block], map(" ".__mul__, map(w.__sub__, n[block]))))
                  for texts, n, w in zip(cells, sizes, width)]
        lines += map(indent.__add__, map(str.rstrip, map("  ".join, zip(*padded))))
    return lines


def _column(values: list, limit: int | None) -> list[str]:
    """``_cell`` of each value; a column of short one-line texts is shown as it is."""
    kinds = set(map(type, values))
    if kinds <= {str, type(None)}:
        cells = values if type(None) not in kinds else ["" if v is None else v for v in values]
        if (limit is None or 2 * max(map(len, cells), default=0) <= limit) and "\n" not in "".join(cells):
            return cells
    return [_cell(v, limit) for v in values]


def _table(tb: Table, brief: bool = True) -> list[str]:
    keep = [i for i, c in enumerate(tb.columns) if c.brief or not brief]
    return _grid([tb.columns[i].header for i in keep], tb.rows,
                 limits=[_SHORTENED.get(tb.columns[i].key) for i in keep], columns=keep)


def render(report: WeeklyReport, lang: str, *, tables: list[Table] | None = None) -> str:
    """The report as text; ``tables``: ``section_tables(report, lang)`` when the caller has them already."""
    w = report.week
    lines = [t("weekly.title", lang, week=w.label, start=w.start.date().isoformat(), end=w.last_day.isoformat())
             + conventions(lang).comma + t("weekly.as_of", lang, as_of=report.as_of.strftime("%Y-%m-%d %H:%M")), ""]
    for path, why in report.unusable:
        lines.append("! " + t("weekly.unusable", lang, path=path, why=why))
    if report.history_kept:
        lines.append("! " + t("weekly.history_kept", lang, week=w.label, kept=report.history_kept.replace("T", " ")))
    if report.site and report.store:  # whose weeks "last week" is, and whether this run keeps its own
        said = "weekly.history_recorded" if report.recorded else (
            "weekly.history_read" if report.store_exists else "weekly.history_none")
        lines.append(t(said, lang, site=join(report.site.split("\n"), lang), store=report.store))
    if report.unusable or report.history_kept or (report.site and report.store):
        lines.append("")

    lines.append(t("weekly.headline", lang))
    head = [t("weekly.col.metric", lang), t("weekly.col.this_week", lang), t("weekly.col.last_week", lang),
            t("weekly.col.change", lang)]
    lines += _grid(head, [[s.label, s.this_week, "—" if s.last_week is None else s.last_week, s.change]
                          for s in headline(report, lang)])
    if report.last_week is None:
        lines.append("  " + t("weekly.no_history", lang))
    lines.append("")

    for tb in section_tables(report, lang) if tables is None else tables:
        lines.append(f"{tb.title} ({len(tb.rows)})")
        if tb.rows:
            lines += _table(tb)
        if tb.key == "finance_handover" and tb.rows:
            lines.append(f"  {t('weekly.total', lang)}{conventions(lang).colon}"
                         f"{show_money(report.sections.finance_total)}")
        lines.append("")

    lines.append(t("weekly.section.stats", lang))
    for title, tb in ((t("weekly.by_engineer", lang), engineer_table(report, lang)),
                      (t("weekly.by_category", lang), category_table(report, lang))):
        lines.append("  " + title)
        lines += _table(tb, brief=False) if tb.rows else ["    " + t("weekly.none", lang)]
    cats = complaint_categories(report.stats, lang)
    lines.append("  " + t("weekly.complaints_by_category", lang))
    lines += _grid([t("weekly.col.category", lang), t("weekly.col.count", lang)], cats) if cats \
        else ["    " + t("weekly.none", lang)]
    lines.append("  " + t("weekly.findings_by_rule", lang))
    tb = findings_compared(report, lang, "rule")
    lines += _table(tb) if tb.rows else ["    " + t("weekly.none", lang)]
    lines.append("  " + t("weekly.trend", lang))
    lines += _grid([t("weekly.col.week", lang), t("weekly.stat.received", lang), t("weekly.stat.completed", lang)],
                   [[wk, "—" if r is None else r, "—" if c is None else c] for wk, r, c in trend_rows(report)])
    if report.responsibility:  # who must fix what; the repeat repairs (issue #21)
        lines.append("")
        lines.append(t("weekly.people.title", lang))
        tb = people_compared(report, lang)
        lines += _table(tb) if tb.rows else ["    " + t("weekly.none", lang)]
        if report.unknown_people:
            lines.append("  " + t("weekly.people.unknown", lang, names=join(report.unknown_people, lang, "enumeration")))
        lines.append(t("weekly.repeat.title", lang) + f" ({len(report.repeats)})")
        lines.append("  " + t("weekly.repeat.intro", lang, days=report.repeat_days))
        tb = repeat_table(report, lang)
        lines += _table(tb) if tb.rows else ["    " + t("weekly.repeat.none", lang)]
        tb = repeat_rate_table(report, lang)
        if tb.rows:
            lines.append("  " + t("weekly.repeat.rate", lang))
            lines += _table(tb)
    return _joined(lines)


def _joined(lines: list[str]) -> str:
    """``"\n".join(lines).rstrip() + "\n"`` without a second copy of a long report."""
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return "\n"
    lines[-1] = lines[-1].rstrip()
    lines.append("")
    return "\n".join(lines)


def mail_status(job) -> list[tuple[str, str, str, str]]:
    """(recipient, status key, subject, server reply) of each digest: sent, resent, preview, already,
    pending, invalid, refused, deferred or uncertain (the reply is the server's, for a refusal)."""
    d = job.delivery
    if d is None:
        return []
    out = []
    for m in job.messages:
        status = d.status(m)
        if status in ("pending", "preview") and job.waits_until:
            status = "waiting"  # --send on a day off
        elif status == "pending" and not job.send:
            status = "preview"
        out.append((m.to[0], status, m.subject, "; ".join(r.reply for r in d.refusals(m))))
    return out


def render_mail(job, lang: str) -> str:
    from toolkit.outputs.calendar_text import notice_lines

    lines = [f"{to}  [{t('weekly.mail.' + status, lang, **({'reply': reply} if reply else {}))}]  {subject}"
             for to, status, subject, reply in mail_status(job)]
    lines += notice_lines(job.notices, lang)
    for d in (job.delivery, job.notices):
        for path in (d.outbox_files if d else []):
            lines.append(t("output.written", lang, path=path))
    if job.waits_until:
        lines.append(t("weekly.waits", lang, day_off=job.day_off, next=job.waits_until.isoformat()))
    for d in (job.delivery, job.notices):
        if d is not None and d.error is not None:
            lines.append(f"toolkit: {d.error.render(lang)}")
    return "\n".join(lines) + ("\n" if lines else "")
