"""The weekly workbook as openpyxl's normal mode wrote it before the lists were streamed
(toolkit/outputs/weekly_workbook.py at the commit before "Weekly workbook: stream the lists"),
kept unchanged as the oracle of tests/test_weekly_workbook_stream.py. Not used by the toolkit.
Since issue #20 the layout on paper (print setup, wrapped columns, row heights, widths) is the
toolkit's own, taken from it: what this oracle checks is the streaming of the rows.
"""


from __future__ import annotations

import os
from functools import lru_cache
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from toolkit.followup.weekly import WeeklyReport
from toolkit.i18n import t
from toolkit.outputs.safe import xlsx_text
from toolkit.outputs.weekly_tables import (
    Column, Table, category_table, complaint_categories, engineer_label, engineer_table, findings_compared, headline,
    section_tables, show_rate, trend_rows,
)

_TABLE_NAMES = {"unfinished": "Unfinished", "overdue": "Overdue", "finance_handover": "FinanceHandover",
                "return_visits": "ReturnVisits", "findings": "Findings"}
_SHEET_NAMES = {  # (zh, en); Excel allows 31 characters and no []:*?/\
    "summary": ("汇总", "Summary"), "unfinished": ("未完成工单", "Unfinished"), "overdue": ("超时事项", "Overdue"),
    "finance_handover": ("交财务", "Finance handover"), "return_visits": ("回访清单", "Return visits"),
    "findings": ("检查结果", "Findings"), "stats": ("统计", "Statistics"),
}
from toolkit.outputs.weekly_workbook import _WRAP, header_height, summary_print, wrapped_heights  # noqa: E402
_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
_DATE_FORMAT = "yyyy-mm-dd"


def sheet_name(key: str, lang: str) -> str:
    zh, en = _SHEET_NAMES[key]
    return zh if lang == "zh" else en


def write_workbook(report: WeeklyReport, out: Path, lang: str) -> Path:
    """Write the workbook to ``out`` atomically (a temporary file renamed over it)."""
    from openpyxl import Workbook

    from toolkit.fileio import atomic_path

    out = Path(out)
    wb = Workbook()
    summary = wb.active
    summary.title = sheet_name("summary", lang)
    styles = _Styles()
    tables = section_tables(report, lang)
    _summary_sheet(summary, report, lang, styles)
    link_base = out.resolve().parent
    for tb in tables:
        ws = wb.create_sheet(sheet_name(tb.key, lang))
        _section_sheet(ws, tb, report, lang, styles, link_base)
    _stats_sheet(wb.create_sheet(sheet_name("stats", lang)), report, lang, styles)
    _mark(wb, summary.title)
    with atomic_path(out) as tmp:
        wb.save(tmp)
    return out


def _mark(wb, summary_title: str) -> None:
    """A hidden defined name (which Excel keeps) saying this is the toolkit's weekly workbook:
    saved into the register folder, the next run skips it instead of reading its lists as registers."""
    from openpyxl.workbook.defined_name import DefinedName

    from toolkit.ooxml.marks import WEEKLY_DEFINED_NAME

    quoted = "'" + summary_title.replace("'", "''") + "'"
    wb.defined_names[WEEKLY_DEFINED_NAME] = DefinedName(WEEKLY_DEFINED_NAME, attr_text=f"{quoted}!$A$1", hidden=True)


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


def _header(cell, styles: "_Styles") -> None:
    # Table styles are Excel's; LibreOffice and some printers ignore them, so the header is also bold and shaded.
    cell.font = styles.total
    cell.fill = styles.head_fill
    cell.alignment = styles.wrap


@lru_cache(maxsize=256)
def link_target(source_path: str, base: Path) -> str:
    """The source file relative to the workbook's folder (absolute when on another drive)."""
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
    styles.stamp(cell, ("link", bool(cell.alignment.wrap_text)), lambda c: setattr(c, "font", styles.link))


def _table(ws, tb: Table, top: int, name: str, styles: _Styles, base: Path | None = None, lang: str = "en",
           widths: bool = True) -> int:
    """Write ``tb`` as an Excel table with its header at row ``top``; return the last row used."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table as XlTable, TableStyleInfo

    for c, col in enumerate(tb.columns, 1):
        _header(_put(ws, top, c, col.header), styles)
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
    last = top + len(rows)
    ref = f"A{top}:{get_column_letter(len(tb.columns))}{last}"
    table = XlTable(displayName=name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    return last


from toolkit.outputs.weekly_workbook import _print_setup  # noqa: E402


# ---- sheets ---------------------------------------------------------------------------------

def _title(report: WeeklyReport, lang: str) -> str:
    w = report.week
    return t("weekly.title", lang, week=w.label, start=w.start.date().isoformat(), end=w.last_day.isoformat())


def _section_sheet(ws, tb: Table, report: WeeklyReport, lang: str, styles: _Styles, base: Path) -> None:
    last = _table(ws, tb, 1, _TABLE_NAMES[tb.key], styles, base, lang)
    ws.freeze_panes = "A2"
    if tb.key == "finance_handover":
        fee_col = tb.column("fee") + 1
        _put(ws, last + 1, fee_col - 1, t("weekly.total", lang)).font = styles.total
        total = _put(ws, last + 1, fee_col, report.sections.finance_total)
        total.font = styles.total
        _put(ws, last + 3, 1, "财务签收人：__________    日期：__________" if lang == "zh"
             else "Received by finance: __________    Date: __________")
    _print_setup(ws, f"{tb.title} · {_title(report, lang)}", 1, lang)


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


def _stats_sheet(ws, report: WeeklyReport, lang: str, styles: _Styles) -> None:
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
    _table(ws, tb, row + 1, "ComplaintsByCategory", styles, None, lang, widths=False)
    ws.column_dimensions["A"].width = 40
    _print_setup(ws, _title(report, lang), None, lang)


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
