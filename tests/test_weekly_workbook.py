"""The weekly workbook, read back with openpyxl: sheets, real tables, charts, links, print setup."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from urllib.parse import unquote

import openpyxl
import pytest
from helpers import weekly_complaint, complaints_file, order, orders_file, weekly_of

from toolkit.outputs.weekly_workbook import write_workbook

INJECTION = '=HYPERLINK("http://example.invalid","点我")'


@pytest.fixture
def week_report(tmp_path):
    regs = tmp_path / "登记表"
    regs.mkdir()
    orders = orders_file(regs, [
        order("WX2611001", datetime(2026, 11, 20, 10, 0), reason="等配件"),
        order("WX2611002", datetime(2026, 11, 18, 9, 0), engineer="周工"),
        order("WX2611003", datetime(2026, 11, 18, 9, 0), completed=datetime(2026, 11, 18, 11, 0), paid="有偿",
              fee="¥120"),
        order("WX2611004", datetime(2026, 11, 19, 9, 0), completed=datetime(2026, 11, 19, 12, 0), paid="有偿", fee=80),
    ], name="维修 登记 #11.xlsx")
    wb = openpyxl.load_workbook(orders)  # the clerk typed it as text: a string cell, not a formula
    wb.active["E5"].value = INJECTION
    wb.active["E5"].data_type = "s"
    wb.save(orders)
    complaints = complaints_file(regs, [
        weekly_complaint("TS2611001", datetime(2026, 11, 17, 9, 0), promised=datetime(2026, 11, 20, 17, 0)),
        weekly_complaint("TS2611002", datetime(2026, 11, 18, 9, 0), promised=datetime(2026, 11, 30, 17, 0), category="收费"),
    ])
    return weekly_of([orders, complaints]), orders, complaints


def _table_rows(ws, name: str) -> list[tuple]:
    ref = ws.tables[name].ref
    return [tuple(c.value for c in row) for row in ws[ref]]


def test_the_workbook_has_a_summary_then_one_sheet_per_list_in_the_chosen_language(week_report, tmp_path):
    weekly, _, _ = week_report
    zh = openpyxl.load_workbook(write_workbook(weekly, tmp_path / "out" / "周报.xlsx", "zh"))
    assert zh.sheetnames == ["汇总", "未完成工单", "超时事项", "交财务", "回访清单", "检查结果", "统计"]
    en = openpyxl.load_workbook(write_workbook(weekly, tmp_path / "out" / "weekly.xlsx", "en"))
    assert en.sheetnames == ["Summary", "Unfinished", "Overdue", "Finance handover", "Return visits", "Findings",
                             "Statistics"]
    assert not [p for p in (tmp_path / "out").iterdir() if p.suffix == ".tmp"]  # written atomically


def test_each_list_is_a_real_excel_table_with_its_rows(week_report, tmp_path):
    weekly, _, _ = week_report
    wb = openpyxl.load_workbook(write_workbook(weekly, tmp_path / "weekly.xlsx", "en"))
    unfinished = _table_rows(wb["Unfinished"], "Unfinished")
    assert unfinished[0][:3] == ("no.", "dispatched (or received)", "open (h)")
    assert [r[0] for r in unfinished[1:]] == ["WX2611002", "WX2611001"]  # oldest first
    assert unfinished[2][4] == "等配件" and unfinished[1][4] == "no reason"
    assert isinstance(unfinished[1][1], datetime)
    finance = _table_rows(wb["Finance handover"], "FinanceHandover")
    assert [(r[0], r[3]) for r in finance[1:]] == [("WX2611003", 120), ("WX2611004", 80)]
    ws = wb["Finance handover"]
    total_row = len(finance) + 1
    assert ws.cell(row=total_row, column=3).value == "total" and ws.cell(row=total_row, column=4).value == 200
    overdue = _table_rows(wb["Overdue"], "Overdue")
    assert {r[1] for r in overdue[1:]} == {"WX2611001", "WX2611002", "TS2611001"}
    assert set(wb["Findings"].tables) == {"Findings"} and set(wb["Return visits"].tables) == {"ReturnVisits"}
    assert {"ByEngineer", "ByCategory", "History", "FindingsByRule"} <= set(wb["Statistics"].tables)


def test_an_empty_list_is_still_a_table_that_says_none(week_report, tmp_path):
    weekly, _, _ = week_report
    weekly.sections.return_visits.clear()
    wb = openpyxl.load_workbook(write_workbook(weekly, tmp_path / "weekly.xlsx", "zh"))
    rows = _table_rows(wb["回访清单"], "ReturnVisits")
    assert len(rows) == 2 and rows[1][0] == "无"


def test_rows_link_back_to_the_source_file_and_cell(week_report, tmp_path):
    weekly, orders, complaints = week_report
    out = tmp_path / "reports" / "weekly.xlsx"
    wb = openpyxl.load_workbook(write_workbook(weekly, out, "en"))
    ws = wb["Unfinished"]
    link = ws["A2"].hyperlink
    assert ws["A2"].value == "WX2611002"
    assert link.location == "'2026年11月'!A4"
    assert (out.parent / unquote(link.target)).resolve() == orders.resolve()  # relative, spaces and # escaped
    assert ws.cell(row=2, column=12).hyperlink.location == "'2026年11月'!A4"  # the source column links too
    finding_links = {c.hyperlink.location for c in wb["Findings"]["F"][1:] if c.hyperlink}
    assert finding_links  # each finding links to the exact cell to fix
    complaint_row = next(r for r in wb["Overdue"].iter_rows(min_row=2) if r[1].value == "TS2611001")
    assert (out.parent / unquote(complaint_row[1].hyperlink.target)).resolve() == complaints.resolve()


def test_register_text_that_looks_like_a_formula_stays_text(week_report, tmp_path):
    weekly, _, _ = week_report
    path = write_workbook(weekly, tmp_path / "weekly.xlsx", "en")
    ws = openpyxl.load_workbook(path)["Return visits"]
    cells = [c for row in ws.iter_rows() for c in row if c.value == INJECTION]
    assert len(cells) == 1 and cells[0].data_type == "s"


def test_the_summary_sheet_starts_with_three_native_charts(week_report, tmp_path):
    weekly, _, _ = week_report
    ws = openpyxl.load_workbook(write_workbook(weekly, tmp_path / "weekly.xlsx", "en"))["Summary"]
    charts = ws._charts
    titles = [c.title.tx.rich.p[0].r[0].t for c in charts]
    assert titles == ["Received vs completed, last 8 weeks", "Open orders by engineer",
                      "Complaints by category this week"]
    assert [c.type for c in charts] == ["col", "bar", "col"]
    assert len(charts[0].series) == 2  # received and completed
    # The data the charts draw is in tables under them.
    assert {"Trend", "OpenByEngineer", "ComplaintCategories", "Headline"} <= set(ws.tables)
    engineers = _table_rows(ws, "OpenByEngineer")
    assert sorted(engineers[1:]) == [("周工", 1), ("李工", 1)]
    assert _table_rows(ws, "Trend")[-1] == ("2026-W47", 4, 2)
    cats = dict(_table_rows(ws, "ComplaintCategories")[1:])
    assert cats == {"facilities and equipment": 1, "fees": 1}
    assert ws["A1"].value.startswith("Weekly follow-up 2026-W47")


def test_every_sheet_prints_landscape_fitted_to_width_with_the_header_repeated(week_report, tmp_path):
    weekly, _, _ = week_report
    wb = openpyxl.load_workbook(write_workbook(weekly, tmp_path / "weekly.xlsx", "en"))
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1, ws.title
    for name in ("Unfinished", "Overdue", "Finance handover", "Return visits", "Findings"):
        assert wb[name].print_title_rows == "$1:$1"
        assert wb[name].freeze_panes == "A2"


def test_a_workbook_cannot_be_written_into_a_missing_drive_as_an_error_not_a_crash(week_report, tmp_path):
    from toolkit.errors import OutputError

    weekly, _, _ = week_report
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError):
        write_workbook(weekly, blocker / "weekly.xlsx", "en")
    assert Path(blocker).read_text() == "x"
