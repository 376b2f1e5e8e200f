"""The weekly workbook (--out): a summary sheet with native Excel charts first, then one sheet
per list and a statistics sheet. Every list is a real Excel table whose rows link back to
the source cell; every sheet prints landscape, fitted to the page width, with its header
row repeated on each page.

Cell text from registers is written explicitly as text, so "=…" never becomes a formula.

openpyxl builds everything but the lists' rows (a few hundred cells: titles, headers, charts,
tables, print setup, styles); the rows, their hyperlinks and the hyperlinks' relationships are
then streamed into that package as openpyxl would have written them (``_ListRows``). A
findings-heavy register lists hundreds of thousands of rows: as openpyxl cells they took a
minute and gigabytes, streamed they take seconds and no memory beyond the lists themselves.
"""

from __future__ import annotations

import io
import operator
import os
import re
import zipfile
from functools import lru_cache
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from toolkit.followup.weekly import WeeklyReport
from toolkit.i18n import join, pick, t
from toolkit.ooxml.package import relationships, rels_part
from toolkit.outputs import paper
from toolkit.outputs.recipients import FULL, PARTS, Part, absolute_target, part_tables
from toolkit.outputs.safe import xlsx_text
from toolkit.outputs.weekly_tables import (
    Column, Table, category_table, complaint_categories, engineer_label, engineer_table, findings_compared, headline,
    section_tables, show_rate, trend_rows, people_compared, repeat_rate_table, repeat_table,
)

_TABLE_NAMES = {"unfinished": "Unfinished", "overdue": "Overdue", "finance_handover": "FinanceHandover",
                "return_visits": "ReturnVisits", "findings": "Findings"}
_SHEET_NAMES = {  # (zh, en); Excel allows 31 characters and no []:*?/\
    "summary": ("汇总", "Summary"), "unfinished": ("未完成工单", "Unfinished"), "overdue": ("超时事项", "Overdue"),
    "finance_handover": ("交财务", "Finance handover"), "return_visits": ("回访清单", "Return visits"),
    "findings": ("检查结果", "Findings"), "stats": ("统计", "Statistics"),
}
_WRAP = {"content", "done", "note", "message", "reason", "why", "source", "key"}
_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
_DATE_FORMAT = "yyyy-mm-dd"


def sheet_name(key: str, lang: str) -> str:
    return pick(_SHEET_NAMES[key], lang)


def write_workbook(report: WeeklyReport, out: Path, lang: str, *, tables: list[Table] | None = None,
                   part: Part = PARTS[FULL], absolute_links: bool = False) -> Path:
    """Write the workbook to ``out`` atomically (a temporary file renamed over it). ``tables``:
    ``section_tables(report, lang)`` when the caller has made them already. ``part``: what one
    kind of recipient gets (toolkit.outputs.recipients). ``absolute_links``: the rows link to
    the registers by absolute path (a mailed workbook), else relative to ``out``'s folder."""
    from openpyxl import Workbook

    from toolkit.fileio import atomic_path

    out = Path(out)
    wb = Workbook()
    summary = wb.active
    styles = _Styles()
    tables = part_tables(section_tables(report, lang) if tables is None else tables, part)
    whole = part.sections is None  # the summary and statistics come with every list
    if whole:
        summary.title = sheet_name("summary", lang)
        _summary_sheet(summary, report, lang, styles)
    link_base = ABSOLUTE_LINKS if absolute_links else out.resolve().parent
    lists = []
    for n, tb in enumerate(tables):
        ws = wb.create_sheet(sheet_name(tb.key, lang)) if whole or n else summary
        ws.title = sheet_name(tb.key, lang)
        lists.append(_section_sheet(ws, tb, report, lang, styles, link_base))
    if whole:
        _stats_sheet(wb.create_sheet(sheet_name("stats", lang)), report, lang, styles, link_base)
    _mark(wb, wb.worksheets[0].title)
    frame = io.BytesIO()
    wb.save(frame)  # the package without the lists' rows
    with atomic_path(out) as tmp:
        try:
            _write_package(frame, tmp, lists)
        except _NeedsZip64:  # a list past 2 GiB of XML (about 300,000 findings-heavy rows): again, with Zip64
            _write_package(frame, tmp, lists, zip64=True)
    return out


def _mark(wb, summary_title: str) -> None:
    """A hidden defined name (which Excel keeps) saying this is the toolkit's weekly workbook:
    saved into the register folder, the next run skips it instead of reading its lists as registers."""
    from openpyxl.workbook.defined_name import DefinedName

    from toolkit.ooxml.cells import sheet_top_left
    from toolkit.ooxml.marks import WEEKLY_DEFINED_NAME

    wb.defined_names[WEEKLY_DEFINED_NAME] = DefinedName(WEEKLY_DEFINED_NAME, attr_text=sheet_top_left(summary_title),
                                                        hidden=True)


class _Styles:
    def __init__(self):
        from openpyxl.styles import Alignment, Font, PatternFill

        self.title = Font(bold=True, size=14)
        self.subtitle = Font(bold=True, size=11)
        self.note = Font(italic=True, color="666666")
        self.warn = Font(bold=True, color="C00000")
        self.link = Font(color="0563C1", underline="single")
        self.wrap = Alignment(wrap_text=True, vertical="center")
        self.middle = Alignment(vertical="center")
        self.right = Alignment(horizontal="right")
        self.total = Font(bold=True)
        self.head_fill = PatternFill("solid", fgColor="DDEBF7")
        self._stamps: dict = {}

    def stamp(self, cell, key, setup) -> None:
        """Style a cell like the first one of its kind: openpyxl's per-attribute styling is slow."""
        from copy import copy

        style = self._stamps.get(key)
        if style is None:
            setup(cell)
            self._stamps[key] = copy(cell._style)
        else:
            cell._style = copy(style)


# ---- cells ----------------------------------------------------------------------------------

def _put(ws, row: int, col: int, value, styles: _Styles | None = None, wrap: bool = False):
    """One cell; text is always text (never a formula), times get a date format."""
    cell = ws.cell(row=row, column=col)
    fmt = None
    if isinstance(value, Decimal):
        value, fmt = float(value), "0.00"
    elif isinstance(value, datetime):
        fmt = _DATETIME_FORMAT
    elif isinstance(value, date):
        fmt = _DATE_FORMAT
    cell.value = xlsx_text(value)  # a control character from a cell would stop openpyxl
    if isinstance(value, str):
        cell.data_type = "s"  # "=SUM(…)" typed in a register stays text
    if styles is None:
        if fmt:
            cell.number_format = fmt
    else:
        styles.stamp(cell, (fmt, wrap), lambda c: _style(c, fmt, styles.wrap if wrap else styles.middle))
    return cell


def _style(cell, fmt, alignment) -> None:
    if fmt:
        cell.number_format = fmt
    if alignment is not None:
        cell.alignment = alignment


def _header(cell, styles: "_Styles"):
    # Table styles are Excel's; LibreOffice and some printers ignore them, so the header is also bold and shaded.
    cell.font = styles.total
    cell.fill = styles.head_fill
    cell.alignment = styles.wrap
    return cell


ABSOLUTE_LINKS = object()  # as the links' base: absolute targets, for a workbook that travels by mail


@lru_cache(maxsize=256)
def link_target(source_path: str, base: Path) -> str:
    """The source file relative to the workbook's folder (absolute when on another drive), or
    its absolute file URI when ``base`` is ABSOLUTE_LINKS."""
    if base is ABSOLUTE_LINKS:
        return absolute_target(source_path)
    src = Path(source_path).resolve()
    try:
        rel = os.path.relpath(src, base)
    except ValueError:  # another drive on Windows
        rel = str(src)
    return rel.replace(os.sep, "/").replace("%", "%25").replace("#", "%23").replace(" ", "%20")


def _link(cell, source, base: Path, styles: _Styles) -> None:
    from openpyxl.worksheet.hyperlink import Hyperlink

    sheet = source.sheet.replace("'", "''")
    cell.hyperlink = Hyperlink(ref=cell.coordinate, target=link_target(source.path, base),
                               location=f"'{sheet}'!{source.cell}", tooltip=f"{Path(source.path).name} › {source.sheet}!{source.cell}")
    # a wrapped column's links wrap too (the source): their own stamp
    styles.stamp(cell, ("link", bool(cell.alignment.wrap_text)), lambda c: setattr(c, "font", styles.link))


def _table(ws, tb: Table, top: int, name: str, styles: _Styles, base: Path | None = None, lang: str = "en",
           widths: bool = True, stream: bool = False):
    """Write ``tb`` as an Excel table with its header at row ``top``; return the last row used
    (with ``stream``: the last row and the ``_ListRows`` to stream into the saved package)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table as XlTable, TableStyleInfo

    headers = []
    for c, col in enumerate(tb.columns, 1):
        headers.append(_header(_put(ws, top, c, col.header), styles))
        if widths:
            # the widest table's width; openpyxl makes an unset column 13 wide, wider than many lists' columns
            letter = get_column_letter(c)
            set_before = ws.column_dimensions[letter].width if letter in ws.column_dimensions else 0
            ws.column_dimensions[letter].width = max(col.width, set_before or 0)
    ws.row_dimensions[top].height = header_height(tb.columns)
    rows = tb.rows or [[t("weekly.none", lang)] + [None] * (len(tb.columns) - 1)]
    sources = tb.sources or [None]
    record_col = next((i for i, c in enumerate(tb.columns) if c.key == "record"), None)
    source_col = next((i for i, c in enumerate(tb.columns) if c.key == "source"), None)
    last = top + len(rows)
    ref = f"A{top}:{get_column_letter(len(tb.columns))}{last}"
    table = XlTable(displayName=name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    if stream:
        # openpyxl names the columns from the header cells of the whole range, which it would
        # create cell by cell: named here, as it names them.
        table._initialise_columns()
        for col, cell in zip(table.tableColumns, headers):
            col.name = str(cell.value)
        ws.add_table(table)
        links = [i for i in (record_col, source_col) if i is not None] if base is not None else []
        return last, _ListRows(ws, tb.columns, rows, sources, top, base, sorted(links), styles)
    for r, height in enumerate(wrapped_heights(tb.columns, rows), top + 1):
        if height:
            ws.row_dimensions[r].height = height
    for r, (values, src) in enumerate(zip(rows, sources), top + 1):
        for c, value in enumerate(values, 1):
            _put(ws, r, c, value, styles, wrap=tb.columns[c - 1].key in _WRAP)
        if src is not None and base is not None:
            for i in (record_col, source_col):
                if i is not None and ws.cell(row=r, column=i + 1).value is not None:
                    _link(ws.cell(row=r, column=i + 1), src, base, styles)
    ws.add_table(table)
    return last


def header_height(columns: list[Column]) -> float | None:
    """A header row as tall as its longest header wrapped in its column."""
    return paper.row_height(max(paper.lines(c.header, c.width) for c in columns))


def wrapped_heights(columns: list[Column], rows: list[list]) -> list[float | None]:
    """Each row's height: as many lines as its longest wrapped text takes (None: one line).
    Neither Excel nor LibreOffice grows a row for wrapped text in a file it opens."""
    counts = None
    for i, col in enumerate(columns):
        if col.key in _WRAP:
            lines = paper.column_lines([row[i] for row in rows], col.width)
            counts = lines if counts is None else list(map(max, counts, lines))
    if counts is None:
        return [None] * len(rows)
    return [paper.row_height(n) if n > 1 else None for n in counts]


def _print_setup(ws, title: str, repeat_header: int | None, lang: str) -> None:
    """A4 landscape, one page wide (the columns' widths keep that at 9 pt or more), the header
    row on every page, the page number in the footer."""
    paper.a4_landscape(ws, footer=paper.page_footer(lang), margins=False)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = paper.MARGIN_SIDE_IN
    ws.page_margins.top = ws.page_margins.bottom = 0.8
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if repeat_header:
        ws.print_title_rows = f"{repeat_header}:{repeat_header}"
    if title:
        ws.oddHeader.center.text = title.replace("&", "&&")


def summary_print(ws, headline_row: int, last: int, lang: str) -> None:
    """The summary on paper: the charts and their numbers on the first page, the headline
    numbers from a page of their own, at full size (fitted to one page they were 6 pt)."""
    from openpyxl.worksheet.pagebreak import Break

    _print_setup(ws, "", None, lang)
    ws.print_area = f"A1:K{last + 1}"
    ws.row_breaks.append(Break(id=headline_row - 1))


# ---- sheets ---------------------------------------------------------------------------------

def _title(report: WeeklyReport, lang: str) -> str:
    w = report.week
    return t("weekly.title", lang, week=w.label, start=w.start.date().isoformat(), end=w.last_day.isoformat())


def _section_sheet(ws, tb: Table, report: WeeklyReport, lang: str, styles: _Styles, base: Path) -> "_ListRows":
    last, rows = _table(ws, tb, 1, _TABLE_NAMES[tb.key], styles, base, lang, stream=True)
    ws.freeze_panes = "A2"
    if tb.key == "finance_handover":
        fee_col = tb.column("fee") + 1
        _put(ws, last + 1, fee_col - 1, t("weekly.total", lang)).font = styles.total
        total = _put(ws, last + 1, fee_col, report.sections.finance_total)
        total.font = styles.total
        _put(ws, last + 3, 1, t("weekly.finance_sign_line", lang))
    _print_setup(ws, f"{tb.title} · {_title(report, lang)}", 1, lang)
    return rows


def _summary_sheet(ws, report: WeeklyReport, lang: str, styles: _Styles) -> None:
    from openpyxl.chart import Reference
    from openpyxl.utils import get_column_letter

    _put(ws, 1, 1, _title(report, lang)).font = styles.title
    _put(ws, 2, 1, t("weekly.as_of", lang, as_of=report.as_of.strftime("%Y-%m-%d %H:%M"))).font = styles.note
    for col, width in enumerate((28, 14, 14, 12, 3, 18, 12, 3, 3, 18, 14), 1):
        ws.column_dimensions[get_column_letter(col)].width = width

    # The data the charts draw, under them (row 21 on): the charts come first on the sheet.
    data_top = 21 + len(report.unusable)
    engineers = [(engineer_label(k or None, lang), g.open) for k, g in report.stats.by_engineer.items() if g.open]
    engineers.sort(key=lambda kv: -kv[1])
    trend = trend_rows(report)
    cats = complaint_categories(report.stats, lang)

    def small(title, headers, rows, col, name):
        _put(ws, data_top, col, title).font = styles.subtitle
        tb = Table(name, title, [Column(h, h, 10) for h in headers],
                   [list(r) for r in rows], [None] * len(rows))
        return _small_table(ws, tb, data_top + 1, col, name, styles, lang)

    eng_last = small(t("weekly.chart.open_by_engineer", lang),
                     [t("weekly.col.engineer", lang), t("weekly.stat.unfinished", lang)], engineers, 6, "OpenByEngineer")
    trend_last = small(t("weekly.trend", lang), [t("weekly.col.week", lang), t("weekly.stat.received", lang),
                                                 t("weekly.stat.completed", lang)], trend, 1, "Trend")
    cat_last = small(t("weekly.chart.complaints", lang), [t("weekly.col.category", lang), t("weekly.col.count", lang)],
                     cats, 10, "ComplaintCategories")

    top = data_top + 1
    chart_y = 1.7 + 0.53 * len(report.unusable)  # cm from the top: under the title lines
    ch = _bar(t("weekly.chart.received_completed", lang), "col", labels=False)
    ch.add_data(Reference(ws, min_col=2, max_col=3, min_row=top, max_row=trend_last), titles_from_data=True)
    ch.set_categories(Reference(ws, min_col=1, min_row=top + 1, max_row=trend_last))
    ch.legend.position = "b"
    ch.gapWidth = 60
    _whole_numbers(ch, [v for _, r, c in trend for v in (r, c) if v is not None])
    ws.add_chart(ch)
    ch.anchor = _at(0.1, chart_y, 11.6, 7.4)

    ch = _bar(t("weekly.chart.open_by_engineer", lang), "bar")
    ch.add_data(Reference(ws, min_col=7, min_row=top, max_row=eng_last), titles_from_data=True)
    ch.set_categories(Reference(ws, min_col=6, min_row=top + 1, max_row=eng_last))
    ch.legend = None
    ch.x_axis.scaling.orientation = "maxMin"  # the busiest engineer on top…
    ch.y_axis.crosses = "max"  # …and the count axis still at the bottom
    _whole_numbers(ch, [n for _, n in engineers])
    ws.add_chart(ch)
    ch.anchor = _at(11.9, chart_y, 7.8, 7.4)

    ch = _bar(t("weekly.chart.complaints", lang), "col")
    ch.add_data(Reference(ws, min_col=11, min_row=top, max_row=cat_last), titles_from_data=True)
    ch.set_categories(Reference(ws, min_col=10, min_row=top + 1, max_row=cat_last))
    ch.legend = None
    _whole_numbers(ch, [n for _, n in cats])
    ws.add_chart(ch)
    ch.anchor = _at(20.0, chart_y, 7.2, 7.4)

    for i, (path, why) in enumerate(report.unusable):
        _put(ws, 3 + i, 1, t("weekly.unusable", lang, path=path, why=why)).font = styles.warn

    # The headline numbers, with last week's beside them.
    row = max(trend_last, eng_last, cat_last) + 2
    _put(ws, row, 1, t("weekly.headline", lang)).font = styles.subtitle
    lines = headline(report, lang)
    head = [t("weekly.col.metric", lang), t("weekly.col.this_week", lang), t("weekly.col.last_week", lang),
            t("weekly.col.change", lang)]
    tb = Table("headline", "", [Column(h, h, 10) for h in head],
               [[s.label, s.this_week, s.last_week if s.last_week is not None else "—", s.change] for s in lines],
               [None] * len(lines))
    last = _small_table(ws, tb, row + 1, 1, "Headline", styles, lang)
    for r in range(row + 2, last + 1):
        for c in (2, 3, 4):  # counts and rates, right-aligned alike
            ws.cell(row=r, column=c).alignment = styles.right
    if report.last_week is None:
        _put(ws, last + 1, 1, t("weekly.no_history", lang)).font = styles.note
    summary_print(ws, row, last, lang)


def _font(size: int, bold: bool = False):
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

    props = CharacterProperties(sz=size * 100, b=bold)
    return props, RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])


def _bar(title: str, kind: str, labels: bool = True):
    """A bar chart with a modest title, readable axes and (optionally) the value on each bar."""
    from openpyxl.chart import BarChart
    from openpyxl.chart.label import DataLabelList
    from openpyxl.chart.text import RichText, Text
    from openpyxl.chart.title import Title
    from openpyxl.drawing.text import Paragraph, ParagraphProperties, RegularTextRun

    ch = BarChart()
    ch.type = kind
    ch.style = 10
    props, _ = _font(11, bold=True)
    ch.title = Title(tx=Text(rich=RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props),
                                                          r=[RegularTextRun(rPr=props, t=title)])])), overlay=False)
    for axis in (ch.x_axis, ch.y_axis):
        axis.delete = False  # Excel 365 hides axes openpyxl leaves unset
        axis.txPr = _font(9)[1]
    if labels:
        ch.dataLabels = DataLabelList(showVal=True, showSerName=False, showCatName=False, showLegendKey=False,
                                      showPercent=False, txPr=_font(9)[1])
    return ch


def _whole_numbers(ch, values: list) -> None:
    """Counts are whole: no 0.5 ticks on a small axis."""
    ch.y_axis.numFmt = "0"
    ch.y_axis.scaling.min = 0
    if max(values or [0]) <= 8:
        ch.y_axis.majorUnit = 1


def _at(x_cm: float, y_cm: float, width_cm: float, height_cm: float):
    """An absolute position on the sheet: charts side by side whatever the column widths."""
    from openpyxl.drawing.spreadsheet_drawing import AbsoluteAnchor
    from openpyxl.drawing.xdr import XDRPoint2D, XDRPositiveSize2D
    from openpyxl.utils.units import cm_to_EMU

    return AbsoluteAnchor(pos=XDRPoint2D(cm_to_EMU(x_cm), cm_to_EMU(y_cm)),
                          ext=XDRPositiveSize2D(cm_to_EMU(width_cm), cm_to_EMU(height_cm)))


def _small_table(ws, tb: Table, top: int, col: int, name: str, styles: _Styles, lang: str) -> int:
    """A small Excel table starting at column ``col`` (chart data, headline numbers)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table as XlTable, TableStyleInfo

    for i, c in enumerate(tb.columns):
        _header(_put(ws, top, col + i, c.header), styles)
    rows = tb.rows or [[t("weekly.none", lang), 0] + [None] * (len(tb.columns) - 2)]
    for r, values in enumerate(rows, top + 1):
        for i, value in enumerate(values):
            _put(ws, r, col + i, value)
    last = top + len(rows)
    table = XlTable(displayName=name, ref=f"{get_column_letter(col)}{top}:{get_column_letter(col + len(tb.columns) - 1)}{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)
    return last


def _stats_sheet(ws, report: WeeklyReport, lang: str, styles: _Styles, base: Path | None = None) -> None:
    row = 1
    _put(ws, row, 1, f"{t('weekly.section.stats', lang)} · {_title(report, lang)}").font = styles.title
    row += 2
    parts = [
        (t("weekly.by_engineer", lang), engineer_table(report, lang), "ByEngineer"),
        (t("weekly.by_category", lang), category_table(report, lang), "ByCategory"),
        (t("weekly.trend", lang), _history_table(report, lang), "History"),
        (t("weekly.findings_by_rule", lang), findings_compared(report, lang, "rule"), "FindingsByRule"),
        (t("weekly.findings_by_register", lang), findings_compared(report, lang, "register"), "FindingsByRegister"),
    ]
    for title, tb, name in parts:
        _put(ws, row, 1, title).font = styles.subtitle
        row = _table(ws, tb, row + 1, name, styles, None, lang) + 2
    cats = complaint_categories(report.stats, lang)
    _put(ws, row, 1, t("weekly.complaints_by_category", lang)).font = styles.subtitle
    tb = Table("cats", "", [Column("category", t("weekly.col.category", lang), 16),
                            Column("count", t("weekly.col.count", lang), 10)],
               [list(c) for c in cats], [None] * len(cats))
    row = _table(ws, tb, row + 1, "ComplaintsByCategory", styles, None, lang, widths=False) + 2
    if report.responsibility:
        _people_part(ws, row, report, lang, styles, base)
    ws.column_dimensions["A"].width = 40
    _print_setup(ws, _title(report, lang), None, lang)


def _people_part(ws, row: int, report: WeeklyReport, lang: str, styles: _Styles, base: Path | None) -> None:
    """Who must fix what, this week against last; the repeat repairs (both orders linked: the row's
    source to the second, its own column to the first) and each engineer's repeat rate. Written by
    the weekly job below the statistics (a report a library caller built keeps its layout)."""
    _put(ws, row, 1, t("weekly.people.intro", lang))
    unknown = report.unknown_people
    if unknown:
        row += 1
        _put(ws, row, 1, t("weekly.people.unknown", lang, names=join(unknown, lang, "enumeration")))
    row += 2
    _put(ws, row, 1, t("weekly.people.title", lang)).font = styles.subtitle
    row = _table(ws, people_compared(report, lang), row + 1, "ByPerson", styles, None, lang) + 2
    _put(ws, row, 1, t("weekly.repeat.title", lang)).font = styles.subtitle
    _put(ws, row + 1, 1, t("weekly.repeat.intro", lang, days=report.repeat_days))
    repeats = repeat_table(report, lang)
    row = _table(ws, repeats, row + 2, "RepeatRepairs", styles, base, lang) + 1
    first = next(i for i, c in enumerate(repeats.columns) if c.key == "first")
    for r, item in enumerate(report.repeats, row - len(report.repeats)):
        if base is not None:  # the first order's own link, in its column
            _link(ws.cell(row=r, column=first + 1), item.first_source, base, styles)
    row += 1
    _put(ws, row, 1, t("weekly.repeat.rate", lang)).font = styles.subtitle
    _table(ws, repeat_rate_table(report, lang), row + 1, "RepeatRates", styles, None, lang, widths=False)


def _history_table(report: WeeklyReport, lang: str) -> Table:
    st = report.settings
    cols = [Column("week", t("weekly.col.week", lang), 10), Column("received", t("weekly.stat.received", lang), 10),
            Column("completed", t("weekly.stat.completed", lang), 10),
            Column("handover", t("weekly.stat.handover", lang, minutes=f"{st.handoff_minutes:g}"), 16),
            Column("completion", t("weekly.stat.completion", lang, hours=f"{st.delay_hours:g}"), 16),
            Column("median", t("weekly.stat.median", lang), 12),
            Column("complaints", t("weekly.stat.complaints", lang), 10),
            Column("reply", t("weekly.stat.reply_on_time", lang), 14),
            Column("satisfaction", t("weekly.stat.satisfaction", lang), 14)]
    tb = Table("history", "", cols)
    for label, s in report.trend():
        if s is None:
            tb.rows.append([label] + [None] * (len(cols) - 1))
        else:
            tb.rows.append([label, s.orders.received, s.orders.completed, show_rate(s.orders.handover, lang),
                            show_rate(s.orders.completion, lang),
                            s.orders.median_hours if s.orders.median_hours is not None else t("weekly.na", lang),
                            s.complaints.received, show_rate(s.complaints.reply_on_time, lang),
                            show_rate(s.complaints.satisfaction, lang)])
        tb.sources.append(None)
    return tb


# ---- the lists' rows, streamed into the saved package ----------------------------------------
# Built as UTF-8 bytes, column by column with map(): bytes % is several times faster than
# str.format over text mixing ASCII and Chinese, and the bytes go to the zip as they are.

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_FORMATS = {Decimal: "0.00", datetime: _DATETIME_FORMAT, date: _DATE_FORMAT}
_CHUNK = 2000  # rows built and compressed at a time
_WHERE, _PATH, _CELL = operator.attrgetter("path", "sheet"), operator.attrgetter("path"), operator.attrgetter("cell")
_FIRST, _SECOND = operator.itemgetter(0), operator.itemgetter(1)
_REMEMBERED = 50_000  # distinct texts of a column kept escaped: the ones that repeat mostly repeat close by
_PLAIN_ZIP_LIMIT = zipfile.ZIP64_LIMIT  # bytes a part may hold without Zip64


def _inline(values: list[str], style: int) -> list[bytes]:
    """Text cells after their reference, as ``_put`` and openpyxl (with lxml) write them: control
    characters escaped by ``xlsx_text``, 32,767 characters at most, XML-escaped, spaces at either
    end kept. All at once: escaped and encoded as one string, at C speed."""
    texts = [v if v.isprintable() else xlsx_text(v) for v in values]
    if max(map(len, texts)) > 32767:
        texts = [v[:32767] for v in texts]
    joined = "\0".join(texts)  # xlsx_text has escaped any NUL
    escaped = (joined.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
               .encode("utf-8").split(b"\0"))
    out = list(map((b'" s="%d" t="inlineStr"><is><t>' % style + b"%s</t></is></c>").__mod__, escaped))
    for k in [k for k, spaced in enumerate(map(operator.ne, texts, map(str.strip, texts))) if spaced]:
        out[k] = b'" s="%d" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (style, escaped[k])
    if "" in texts:
        for k in [k for k, v in enumerate(texts) if not v]:
            out[k] = b'" s="%d" t="inlineStr"/>' % style
    return out


def _attr(value: str) -> str:
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))


def _number(value) -> bytes:
    from openpyxl.compat import safe_string

    return safe_string(value).encode("ascii")


class _ListRows:
    """A list's rows under its header, written as the cells openpyxl's ``_put`` and ``_link``
    would have made: the same values, styles and hyperlinks, as XML, a chunk of rows at a time."""

    def __init__(self, ws, columns, rows, sources, top: int, base: Path | None, links: list[int], styles: _Styles):
        from openpyxl.utils import get_column_letter

        self.ws, self.rows, self.sources, self.top, self.base = ws, rows, sources, top, base
        self.columns = columns
        self.links = links if base is not None else []
        self.letters = [get_column_letter(c) for c in range(1, len(columns) + 1)]
        self.wrap = [c.key in _WRAP for c in columns]
        self.last = top + len(rows)
        self._ids: dict = {}
        # Every style the rows may use goes into the workbook now (openpyxl writes the styles part
        # with the frame): each number format with each alignment, used or not.
        for wrap in set(self.wrap):
            for fmt in (None, *_FORMATS.values()):
                self._style_id(fmt, wrap, styles)
        self.link_ids: dict[int, int] = {}  # linked column → the style of its links (one per wrap)
        for wrap in {self.wrap[i] for i in self.links}:
            first = next((row[i] for row, src in zip(rows, sources) if src is not None
                          for i in self.links if self.wrap[i] == wrap and row[i] is not None), None)
            if first is not None:
                link_id = self._link_id(_format(type(first)), wrap, styles)
                self.link_ids.update((i, link_id) for i in self.links if self.wrap[i] == wrap)

    def _probe(self):
        from openpyxl.cell import Cell

        return Cell(self.ws)  # not on the sheet: only its style is wanted

    def _style_id(self, fmt, wrap: bool, styles: _Styles) -> int:
        key = (fmt, wrap)
        if key not in self._ids:
            cell = self._probe()
            styles.stamp(cell, key, lambda c: _style(c, fmt, styles.wrap if wrap else styles.middle))
            self._ids[key] = cell.style_id
        return self._ids[key]

    def _link_id(self, fmt, wrap: bool, styles: _Styles) -> int:
        """The first linked cell's style with the link font, as ``_link`` stamps it."""
        cell = self._probe()
        styles.stamp(cell, (fmt, wrap), lambda c: _style(c, fmt, styles.wrap if wrap else styles.middle))
        styles.stamp(cell, ("link", wrap), lambda c: setattr(c, "font", styles.link))
        return cell.style_id

    def _chunks(self):
        """(row numbers as bytes, rows, sources) a chunk at a time."""
        for start in range(0, len(self.rows), _CHUNK):
            rows = self.rows[start:start + _CHUNK]
            first = self.top + 1 + start
            yield [b"%d" % r for r in range(first, first + len(rows))], rows, self.sources[start:start + _CHUNK]

    def cells(self):
        """``<row>`` elements, a chunk of rows at a time, column by column: a text seen before in
        its column is looked up at C speed (``map``), so most cells cost no Python code of their own."""
        from operator import itemgetter

        template = (b'<row r="%s%s>' + b"".join(b'<c r="%s%%s%%s' % letter.encode() for letter in self.letters)
                    + b"</row>")
        seen = [{} for _ in self.letters]  # text (or None) → the rest of its cell
        for numbers, rows, sources in self._chunks():
            # a row with wrapped text as tall as its lines, as _table sets it (`"` closes r="…")
            heights = [b'"' if h is None else b'" ht="%s" customHeight="1"' % _number(h)
                       for h in wrapped_heights(self.columns, rows)]
            columns = []
            for i, memo in enumerate(seen):
                values = list(map(itemgetter(i), rows))
                rests = list(map(memo.get, values))
                if None in rests:
                    if len(memo) > _REMEMBERED:
                        memo.clear()
                    missing = [k for k, rest in enumerate(rests) if rest is None]
                    texts = [k for k in missing if type(values[k]) is str]
                    if texts:  # the chunk's new texts together
                        for k, rest in zip(texts, _inline([values[k] for k in texts], self._text_style(i, True))):
                            rests[k] = memo[values[k]] = rest
                    for k in missing:
                        if rests[k] is None:  # numbers, times (1 == 1.0 == True: not remembered) and None
                            rests[k] = self._rest(values[k], i, True)
                            if values[k] is None:
                                memo[None] = rests[k]
                columns.append(rests)
            if self.links and None in sources:  # a row with no source has no link
                for k, src in enumerate(sources):
                    if src is None:
                        for i in self.links:
                            columns[i][k] = self._rest(rows[k][i], i, False)
            yield b"".join(map(template.__mod__, zip(numbers, heights,
                                                     *[x for rests in columns for x in (numbers, rests)])))

    def _text_style(self, i: int, linked: bool) -> int:
        if linked and i in self.link_ids:
            return self.link_ids[i]
        return self._ids[(None, self.wrap[i])]

    def _rest(self, value, i: int, linked: bool) -> bytes:
        """A cell after its reference: its style, type and value, as openpyxl writes it."""
        wrap = self.wrap[i]
        if value is None:
            return b'" s="%d" t="n"/>' % self._ids[(None, wrap)]
        kind = type(value)
        if kind is str:
            return _inline([value], self._text_style(i, linked))[0]
        fmt = _format(kind)
        style = self.link_ids[i] if linked and i in self.link_ids else self._ids[(fmt, wrap)]
        if kind is bool:
            return b'" s="%d" t="b"><v>%s</v></c>' % (style, _number(value))
        if fmt == "0.00":
            value = float(value)
        elif fmt is not None:
            from openpyxl.utils.datetime import to_excel

            value = to_excel(value, self.ws.parent.epoch)
        elif not isinstance(value, (int, float)):
            raise ValueError(f"Cannot convert {value!r} to Excel")
        return b'" s="%d" t="n"><v>%s</v></c>' % (style, _number(value))

    def _linked(self, numbers, rows, sources) -> tuple[list[bytes], list]:
        """The cell references and sources of a chunk's hyperlinks, in the order openpyxl writes them."""
        links = [(i, letter.encode()) for i, letter in enumerate(self.letters) if i in self.links]
        pairs = [(letter + number, src) for number, values, src in zip(numbers, rows, sources)
                 if src is not None for i, letter in links if values[i] is not None]
        return (list(map(_FIRST, pairs)), list(map(_SECOND, pairs))) if pairs else ([], [])

    def hyperlinks(self, first_id: int):
        """``<hyperlink>`` elements (relationships numbered from ``first_id``), a chunk at a time."""
        templates: dict = {}  # (path, sheet) → the element, its location and tooltip up to the cell
        n = first_id
        for chunk in self._chunks() if self.links else ():
            refs, sources = self._linked(*chunk)
            if not refs:
                continue
            keys = list(map(_WHERE, sources))
            for path, sheet in set(keys) - templates.keys():
                location = _attr("'" + sheet.replace("'", "''") + "'!").encode().replace(b"%", b"%%")
                tooltip = _attr(f"{Path(path).name} › {sheet}!").encode().replace(b"%", b"%%")
                templates[(path, sheet)] = (b'<hyperlink ref="%s" location="' + location + b'%s" tooltip="' + tooltip
                                            + b'%s" r:id="rId%d"/>')
            cells = _attr("\0".join(map(_CELL, sources))).encode().split(b"\0")
            yield b"".join(map(bytes.__mod__, map(templates.__getitem__, keys),
                               zip(refs, cells, cells, range(n, n + len(refs)))))
            n += len(refs)

    def relationships(self, first_id: int):
        """The hyperlinks' ``<Relationship>`` elements, numbered as ``hyperlinks`` numbers them."""
        heads: dict = {}  # path → the element up to its number
        n = first_id
        for chunk in self._chunks() if self.links else ():
            paths = list(map(_PATH, self._linked(*chunk)[1]))
            if not paths:
                continue
            for path in set(paths) - heads.keys():
                heads[path] = (f'<Relationship Type="{_REL_NS}/hyperlink" '
                               f'Target="{_attr(link_target(path, self.base))}" TargetMode="External" Id="rId').encode()
            ids = map(b"%d".__mod__, range(n, n + len(paths)))
            if paths.count(paths[0]) == len(paths):  # one register: the same element, only its number changes
                yield heads[paths[0]] + (b'"/>' + heads[paths[0]]).join(ids) + b'"/>'
            else:
                yield b"".join(map(b'%s%s"/>'.__mod__, zip(map(heads.__getitem__, paths), ids)))
            n += len(paths)


def _format(kind: type) -> str | None:
    fmt = _FORMATS.get(kind)
    if fmt is None and kind not in (str, int, float, bool, type(None)):
        fmt = next((f for k, f in _FORMATS.items() if issubclass(kind, k)), None)
    return fmt


def _write_package(frame: io.BytesIO, path: Path, lists: list[_ListRows], zip64: bool = False) -> None:
    """Copy the package openpyxl saved into ``path``, each list's sheet with its rows, hyperlinks
    and their relationships streamed in."""
    sheets = {_part(rows.ws): rows for rows in lists}
    rels = {rels_part(part): rows for part, rows in sheets.items()}
    with zipfile.ZipFile(frame) as src:
        names = set(src.namelist())
        first_ids = {}
        for name, rows in rels.items():  # hyperlinks are numbered after the sheet's own relationships
            ids = [r.id[3:] for r in relationships(src.read(name).decode("utf-8")) if r.id.startswith("rId")] if name in names else []
            first_ids[id(rows)] = max((int(n) for n in ids if n.isdigit()), default=0) + 1
            if rows.links and name not in names:
                raise RuntimeError(f"openpyxl wrote no {name}")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
            for info in src.infolist():
                data = src.read(info)
                if info.filename in sheets:
                    rows = sheets[info.filename]
                    _write_sheet(out, info.filename, data.decode("utf-8"), rows, first_ids[id(rows)], zip64)
                elif info.filename in rels and rels[info.filename].links:
                    rows = rels[info.filename]
                    head, tail = data.rsplit(b"</Relationships>", 1)
                    with _Part(out, info.filename, zip64) as part:
                        part.write(head)
                        for chunk in rows.relationships(first_ids[id(rows)]):
                            part.write(chunk)
                        part.write(b"</Relationships>" + tail)
                else:
                    out.writestr(info.filename, data)


def _part(ws) -> str:
    return ws.path.lstrip("/")  # known once openpyxl has saved the workbook


class _NeedsZip64(Exception):
    pass


class _Part:
    """A part streamed into the package, deflated by ISA-L (a dependency already, for reading):
    three times zlib's speed on these hundreds of megabytes of XML. zipfile has no hook for its
    compressor, so the one it made is swapped before anything is written (zlib stays if that ever
    changes). A streamed part gets Zip64 only when told to: Excel reads Zip64 strictly, and a part
    that grows past what a plain entry holds stops the write, to be written again with it."""

    def __init__(self, out: zipfile.ZipFile, name: str, zip64: bool):
        self._file = out.open(name, "w", force_zip64=zip64)
        self._zip64, self._size = zip64, 0
        try:
            from isal import isal_zlib
        except ImportError:  # pragma: no cover - isal is a dependency
            return
        if getattr(self._file, "_compressor", None) is not None:
            self._file._compressor = isal_zlib.compressobj(1, isal_zlib.DEFLATED, -15)

    def write(self, data: bytes) -> None:
        self._size += len(data)
        if not self._zip64 and self._size > _PLAIN_ZIP_LIMIT:
            raise _NeedsZip64
        self._file.write(data)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self._file.close()


def _write_sheet(out: zipfile.ZipFile, name: str, xml: str, rows: _ListRows, first_id: int, zip64: bool) -> None:
    from openpyxl.utils import get_column_letter, range_boundaries

    header = re.search(rf'<row r="{rows.top}"[^>]*>.*?</row>', xml, re.S)
    mark = min((i for i in (xml.find("<printOptions"), xml.find("<pageMargins")) if i > 0), default=-1)
    if header is None or mark < header.end() or "<hyperlinks" in xml:
        raise RuntimeError(f"unexpected layout of {name} as openpyxl wrote it")

    def dimension(m):  # the rows openpyxl did not see are in the sheet's extent
        lo_col, lo_row, hi_col, hi_row = range_boundaries(m.group(1))
        return (f'<dimension ref="{get_column_letter(lo_col)}{min(lo_row, rows.top)}:'
                f'{get_column_letter(max(hi_col, len(rows.letters)))}{max(hi_row, rows.last)}"/>')

    head = re.sub(r'<dimension ref="([^"]+)"/>', dimension, xml[:header.end()], count=1)
    with _Part(out, name, zip64) as part:
        part.write(head.encode("utf-8"))
        for chunk in rows.cells():
            part.write(chunk)
        part.write(xml[header.end():mark].encode("utf-8"))
        opened = False
        for chunk in rows.hyperlinks(first_id):
            if not opened:
                part.write(f'<hyperlinks xmlns:r="{_REL_NS}">'.encode())
                opened = True
            part.write(chunk)
        if opened:
            part.write(b"</hyperlinks>")
        part.write(xml[mark:].encode("utf-8"))
