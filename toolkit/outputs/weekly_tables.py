"""The weekly report as localised tables: one definition of each section's columns, used by
the text report, the workbook and the digest alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from toolkit.followup.categories import category_label
from toolkit.followup.sections import Source
from toolkit.followup.stats import UNASSIGNED, OrderStats, Rate, WeekStats
from toolkit.followup.weekly import WeeklyReport
from toolkit.i18n import join, t
from toolkit.rules.catalog import rule_labels

SECTIONS = ("unfinished", "overdue", "finance_handover", "return_visits", "findings")


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    width: int = 12  # Excel column width (characters)
    brief: bool = True  # shown in the text report too


@dataclass(slots=True)
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)  # typed values: str, int, float, Decimal, datetime, date, None
    sources: list[Source | None] = field(default_factory=list)  # the cell each row links back to

    def column(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)


def show_when(value) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def show_rate(rate: Rate, lang: str) -> str:
    if rate.value is None:
        return t("weekly.na", lang)
    return f"{rate.value:.0%} ({rate.count}/{rate.of})"


def show_money(value) -> str:
    return f"{Decimal(str(value)):.2f}"


def source_text(src: Source) -> str:
    return f"{_file_name(src.path)} › {src.sheet}!{src.cell}"


@lru_cache(maxsize=1024)
def _file_name(path: str) -> str:
    return Path(path).name  # once per register, not once per row


def engineer_label(name: str | None, lang: str) -> str:
    return name if name else t("weekly.unassigned", lang)


def section_tables(report: WeeklyReport, lang: str) -> list[Table]:
    s = report.sections
    c = lambda key, width=12, brief=True: Column(key, t(f"weekly.col.{key}", lang), width, brief)  # noqa: E731
    tables = []

    # Widths (characters) that print one A4 landscape page wide at 85 % or more: 9 pt or more of
    # 11 pt text (tests/test_paper.py); long texts wrap in their column.
    tb = Table("unfinished", t("weekly.section.unfinished", lang), [
        c("record", 13), c("started", 16), c("age", 8), c("engineer", 10), c("reason", 16), c("past_delay", 6),
        c("location", 12), c("content", 24), c("category", 10, False), c("customer", 10, False),
        c("phone", 13, False), c("source", 24)])
    for u in s.unfinished:
        age = u.age_hours if u.age_exact or u.age_hours is None else f"≥{u.age_hours}"
        reason = u.reason or t("weekly.no_reason", lang)
        if u.returned:
            reason += t("weekly.returned_uncompleted", lang)
        tb.rows.append([u.record, u.started_at, age, engineer_label(u.engineer, lang), reason,
                        t("weekly.yes" if u.past_delay else "weekly.no", lang), u.location, u.content,
                        category_label(u.category, lang), u.customer_name, u.customer_phone, source_text(u.source)])
        tb.sources.append(u.source)
    tables.append(tb)

    tb = Table("overdue", t("weekly.section.overdue", lang), [
        c("kind", 8), c("record", 13), c("why", 20), c("since", 16), c("hours_over", 8), c("who", 10),
        c("location", 12), c("content", 24), c("note", 24, False), c("source", 24)])
    hours = f"{report.settings.delay_hours:g}"
    for o in s.overdue:
        why = join((t(f"weekly.why.{w}", lang, hours=hours) for w in o.why), lang, "semicolon")
        tb.rows.append([t(f"weekly.kind.{o.kind}", lang), o.record, why, o.since, o.hours_over,
                        engineer_label(o.who, lang) if o.kind == "work_order" else o.who, o.location, o.content,
                        o.note, source_text(o.source)])
        tb.sources.append(o.source)
    tables.append(tb)

    tb = Table("finance_handover", t("weekly.section.finance_handover", lang), [
        c("record", 13), c("completed", 12), c("location", 12), c("fee", 11), c("repairer", 10),
        c("customer", 10, False), c("finance_sign", 14, False), c("source", 34)])
    for f in s.finance_handover:
        fee = f.fee if f.fee is not None else (t("weekly.fee_unreadable", lang, raw=f.fee_raw) if f.fee_raw else None)
        completed = f.completed_at.date() if isinstance(f.completed_at, datetime) else f.completed_at
        tb.rows.append([f.record, completed, f.location, fee, f.repairer, f.customer_name, None, source_text(f.source)])
        tb.sources.append(f.source)
    tables.append(tb)

    tb = Table("return_visits", t("weekly.section.return_visits", lang), [
        c("visit_why", 12), c("record", 13), c("call", 10), c("phone", 13), c("location", 12), c("done", 26),
        c("date", 16), c("who", 10, False), c("visit_result", 10), c("source", 24)])
    for v in s.return_visits:
        tb.rows.append([t(f"weekly.visit.{v.why}", lang), v.record, v.name, v.phone, v.location, v.done, v.at,
                        v.who, v.visit_result, source_text(v.source)])
        tb.sources.append(v.source)
    tables.append(tb)

    tb = Table("findings", t("weekly.section.findings", lang), [
        Column("rule", t("col.rule", lang), 20), Column("severity", t("col.severity", lang), 8),
        Column("record", t("weekly.col.record", lang), 13), Column("column", t("col.column", lang), 14, False),
        Column("message", t("col.message", lang), 54), Column("source", t("weekly.col.source", lang), 28)])
    severity = {key: t(f"severity.{key}", lang) for key in {f.severity for f in s.findings}}
    labels = rule_labels(lang)  # the rule as the clerks read it: its name beside the ID in Chinese
    rows, sources = tb.rows, tb.sources  # a row per finding: hundreds of thousands on a broken register
    for f in s.findings:
        src = Source(f.path, f.sheet, f.row or 1, f.cell or f"A{f.row or 1}")
        rows.append([labels.get(f.rule, f.rule), severity[f.severity], f.record, f.column, f.message, source_text(src)])
        sources.append(src)
    tables.append(tb)
    return tables


# ---- statistics ------------------------------------------------------------------------------

@dataclass(slots=True)
class StatLine:
    label: str
    this_week: object  # a number, or text such as "80% (8/10)"
    last_week: object = None
    change: object = None


def _delta(now, before):
    if isinstance(now, (int, float)) and isinstance(before, (int, float)):
        d = round(now - before, 1)
        return f"+{d:g}" if d > 0 else f"{d:g}"
    return None


def _rate_delta(now: Rate, before: Rate | None):
    if before is None or now.value is None or before.value is None:
        return None
    d = round((now.value - before.value) * 100)
    return f"+{d} pt" if d > 0 else f"{d} pt"


def headline(report: WeeklyReport, lang: str) -> list[StatLine]:
    """The numbers a supervisor reads first, with last week's beside them."""
    now, before = report.stats, report.last_week
    st = report.settings
    lines = []

    def count(key, a, b):
        lines.append(StatLine(t(key, lang), a, b, _delta(a, b)))

    def rate(key, a: Rate, b: Rate | None, **params):
        lines.append(StatLine(t(key, lang, **params), show_rate(a, lang),
                              show_rate(b, lang) if b is not None else None, _rate_delta(a, b)))

    b = before
    count("weekly.stat.received", now.orders.received, b.orders.received if b else None)
    count("weekly.stat.completed", now.orders.completed, b.orders.completed if b else None)
    count("weekly.stat.unfinished", now.lists.get("unfinished", 0), b.lists.get("unfinished") if b else None)
    count("weekly.stat.overdue", now.lists.get("overdue", 0), b.lists.get("overdue") if b else None)
    rate("weekly.stat.handover", now.orders.handover, b.orders.handover if b else None, minutes=f"{st.handoff_minutes:g}")
    rate("weekly.stat.completion", now.orders.completion, b.orders.completion if b else None, hours=f"{st.delay_hours:g}")
    median = now.orders.median_hours
    lines.append(StatLine(t("weekly.stat.median", lang), median if median is not None else t("weekly.na", lang),
                          (b.orders.median_hours if b.orders.median_hours is not None else t("weekly.na", lang)) if b else None,
                          _delta(median, b.orders.median_hours) if b else None))
    rate("weekly.stat.order_satisfaction", now.order_satisfaction, b.order_satisfaction if b else None)
    count("weekly.stat.complaints", now.complaints.received, b.complaints.received if b else None)
    count("weekly.stat.replied", now.complaints.replied, b.complaints.replied if b else None)
    rate("weekly.stat.reply_on_time", now.complaints.reply_on_time, b.complaints.reply_on_time if b else None)
    rate("weekly.stat.satisfaction", now.complaints.satisfaction, b.complaints.satisfaction if b else None)
    lines.append(StatLine(t("weekly.stat.finance", lang),
                          f"{now.lists.get('finance_handover', 0)} / {show_money(now.finance_total)}",
                          f"{b.lists.get('finance_handover', 0)} / {show_money(b.finance_total)}" if b else None))
    count("weekly.stat.return_visits", now.lists.get("return_visits", 0), b.lists.get("return_visits") if b else None)
    lines.append(StatLine(t("weekly.stat.findings", lang), f"{now.errors} / {now.warnings}",
                          f"{b.errors} / {b.warnings}" if b else None, _delta(now.errors + now.warnings,
                                                                              b.errors + b.warnings) if b else None))
    return lines


def group_table(title: str, groups: dict[str, OrderStats], label, report: WeeklyReport, lang: str) -> Table:
    st = report.settings
    cols = [Column("name", title, 16), Column("received", t("weekly.stat.received", lang), 10),
            Column("completed", t("weekly.stat.completed", lang), 10), Column("open", t("weekly.stat.open", lang), 10),
            Column("handover", t("weekly.stat.handover", lang, minutes=f"{st.handoff_minutes:g}"), 16),
            Column("completion", t("weekly.stat.completion", lang, hours=f"{st.delay_hours:g}"), 16),
            Column("median", t("weekly.stat.median", lang), 12)]
    tb = Table("group", title, cols)
    for key, g in groups.items():
        tb.rows.append([label(key), g.received, g.completed, g.open, show_rate(g.handover, lang),
                        show_rate(g.completion, lang),
                        g.median_hours if g.median_hours is not None else t("weekly.na", lang)])
        tb.sources.append(None)
    return tb


def engineer_table(report: WeeklyReport, lang: str) -> Table:
    return group_table(t("weekly.col.engineer", lang), report.stats.by_engineer,
                       lambda k: engineer_label(k if k != UNASSIGNED else None, lang), report, lang)


def category_table(report: WeeklyReport, lang: str) -> Table:
    return group_table(t("weekly.col.category", lang), report.stats.by_category,
                       lambda k: category_label(k, lang), report, lang)


def compared_table(title: str, key_header: str, now: dict[str, int], before: dict[str, int] | None,
                   label=None) -> Table:
    """Counts this week beside last week's, every key of either week (shown by ``label``, when given)."""
    lang_cols = [Column("key", key_header, 40), Column("this_week", title[0], 10), Column("last_week", title[1], 10),
                 Column("change", title[2], 10)]
    tb = Table("compared", "", lang_cols)
    for key in sorted(set(now) | set(before or {})):
        a, b = now.get(key, 0), (before.get(key, 0) if before is not None else None)
        tb.rows.append([label.get(key, key) if label else key, a, b, _delta(a, b)])
        tb.sources.append(None)
    return tb


def findings_compared(report: WeeklyReport, lang: str, by: str) -> Table:
    heads = (t("weekly.col.this_week", lang), t("weekly.col.last_week", lang), t("weekly.col.change", lang))
    before = report.last_week
    if by == "rule":
        return compared_table(heads, t("col.rule", lang), report.stats.findings_by_rule,
                              before.findings_by_rule if before else None, rule_labels(lang))
    return compared_table(heads, t("weekly.col.register", lang), report.stats.findings_by_register,
                          before.findings_by_register if before else None)


def trend_rows(report: WeeklyReport) -> list[tuple[str, int | None, int | None]]:
    """(week, received, completed) for the last 8 weeks; None where no run stored the week."""
    return [(label, s.orders.received if s else None, s.orders.completed if s else None)
            for label, s in report.trend()]


def complaint_categories(stats: WeekStats, lang: str) -> list[tuple[str, int]]:
    return [(category_label(k, lang), n) for k, n in stats.complaints.by_category.items()]


# ---- who must fix it, and repeat repairs (issue #21) ---------------------------------------------

def people_compared(report: WeeklyReport, lang: str) -> Table:
    """Findings by person and role, this week against last (the role alone where no name is written)."""
    from toolkit.followup.stats import split_person_key

    before = report.last_week.findings_by_person if report.last_week else None
    cols = [Column("person", t("weekly.people.person", lang), 16), Column("role", t("weekly.people.role", lang), 14),
            Column("this_week", t("weekly.people.this_week", lang), 10),
            Column("last_week", t("weekly.people.last_week", lang), 10), Column("change", t("weekly.people.change", lang), 10)]
    tb = Table("people", t("weekly.people.title", lang), cols)
    now = report.stats.findings_by_person
    keys = sorted(set(now) | set(before or {}), key=lambda k: (-now.get(k, 0), split_person_key(k)[0] is None, k))
    for key in keys:
        person, role = split_person_key(key)
        a, b = now.get(key, 0), (before.get(key, 0) if before is not None else None)
        tb.rows.append([person or t("weekly.people.unnamed", lang), t(f"role.{role}", lang), a, b, _delta(a, b)])
        tb.sources.append(None)
    return tb


def repeat_table(report: WeeklyReport, lang: str) -> Table:
    """The week's repeat repairs: each row's number links to the second order, the first order's
    number (its own column) to the first. Narrow: it prints below the statistics, one page wide."""
    cols = [Column("record", t("weekly.repeat.again", lang), 13), Column("first", t("weekly.repeat.first", lang), 10),
            Column("days", t("weekly.repeat.days", lang), 8), Column("location", t("weekly.repeat.location", lang), 10),
            Column("content", t("weekly.repeat.fault", lang), 16),
            Column("repairer", t("weekly.repeat.repairer", lang), 10)]
    tb = Table("repeats", t("weekly.repeat.title", lang), cols)
    for r in report.repeats:
        fault = f"{r.content_first or ''} → {r.content_again or ''}"
        tb.rows.append([r.again, r.first, r.days, r.location, fault, engineer_label(r.repairer, lang)])
        tb.sources.append(r.again_source)
    return tb


def repeat_rate_table(report: WeeklyReport, lang: str) -> Table:
    """Per engineer: repeat repairs counted against them, of their repairs completed in the window."""
    cols = [Column("name", t("weekly.col.engineer", lang), 16), Column("repeats", t("weekly.repeat.title", lang), 10),
            Column("rate", t("weekly.repeat.rate", lang), 16)]
    tb = Table("repeat_rates", t("weekly.repeat.rate", lang), cols)
    for name, rate in report.repeat_rates.items():
        tb.rows.append([name, rate.count, show_rate(rate, lang)])
        tb.sources.append(None)
    return tb
