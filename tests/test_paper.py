"""Paper that works (issue #20): the template, the weekly workbook and the annotated copy print
on A4 landscape, text at 9 pt or more, the header row on every page, a grid on the rows to fill
in, wrapped text in rows tall enough for it. The settings are read with openpyxl; then each file
is printed to PDF by LibreOffice (as ../shared/tools/render does) and its pages are measured."""

from __future__ import annotations

import math
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from helpers import AS_OF_ARGS, ROOT, run_cli, soffice

from toolkit.outputs import paper

A4_LANDSCAPE = (842, 595)
SAMPLES = ROOT / "workbooks"


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The template (no --site), the weekly workbook and an annotated copy, as the CLI writes them."""
    folder = tmp_path_factory.mktemp("paper")
    files = {"template": folder / "template.xlsx", "weekly": folder / "weekly.xlsx"}
    assert run_cli("template", "work-orders", str(files["template"]), "--months", "2026-11", "--rows", "40").returncode == 0
    weekly = run_cli("weekly", str(SAMPLES), *AS_OF_ARGS, "--lang", "zh", "-o", str(files["weekly"]), cwd=folder)
    assert weekly.returncode in (0, 1), weekly.stderr
    validate = run_cli("validate", str(SAMPLES), *AS_OF_ARGS, "--lang", "zh", "--annotate", str(folder / "checked"), cwd=folder)
    assert validate.returncode in (0, 1), validate.stderr
    files["annotated"] = folder / "checked" / "阳光花园-维修工作单登记表-2026.checked.xlsx"
    return files


def _a4_landscape(ws):
    assert ws.page_setup.orientation == "landscape", ws.title
    assert int(ws.page_setup.paperSize) == 9, ws.title  # A4


def _scale_keeps_9pt(ws):
    if not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage:
        assert (ws.page_setup.scale or 100) * paper.FONT_PT / 100 >= 9, ws.title


def _fonts(wb) -> list[float]:
    return [f.sz for f in wb._fonts if f.sz is not None]


def _widths(ws) -> dict[int, float]:
    """Each column's width (openpyxl keeps equal neighbours as one <col min max>)."""
    out = {}
    for dim in ws.column_dimensions.values():
        for col in range(dim.min or 1, (dim.max or dim.min or 1) + 1):
            out[col] = dim.width or 8.43
    return out


def _wrapped_rows_are_tall_enough(ws, first_row: int):
    """Every row whose wrapped text takes more than one line has a height for those lines."""
    widths = _widths(ws)
    merged = {(m.min_row, m.min_col): sum(widths.get(c, 8.43) for c in range(m.min_col, m.max_col + 1))
              for m in ws.merged_cells.ranges}
    checked = 0
    for row in ws.iter_rows(min_row=first_row):
        need = max((paper.lines(c.value, merged.get((c.row, c.column), widths.get(c.column, 8.43)))
                    for c in row if c.alignment.wrap_text and isinstance(c.value, str)), default=1)
        if need > 1:
            height = ws.row_dimensions[row[0].row].height
            assert height and height >= need * 14.5, (ws.title, row[0].row, need, height)
            checked += 1
    return checked


# ---- the settings, as Excel reads them ----------------------------------------------------------

def test_the_template_prints_landscape_at_9pt_with_titles_a_grid_and_no_placeholder(printed):
    wb = openpyxl.load_workbook(printed["template"])
    ws = wb["2026年11月"]
    assert "×" not in ws["A1"].value and ws["A1"].value == "维修工作单登记表（2026年11月）"
    assert "服务中心" in ws.oddHeader.left.text  # a line to write the centre on
    _a4_landscape(ws)
    _scale_keeps_9pt(ws)
    assert not ws.sheet_properties.pageSetUpPr.fitToPage  # never squeezed onto one page wide
    assert ws.print_title_rows == "$1:$2" and ws.print_title_cols == "$A:$A"
    assert ws.print_area == "'2026年11月'!$A$1:$W$42"  # the empty rows are the form
    assert [b.id for b in ws.col_breaks.brk]  # the columns split over pages across
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws.sheet_format.defaultRowHeight >= 20 and ws.sheet_format.customHeight  # room for a hand
    grid = [r for cf in ws.conditional_formatting for r in cf.rules if r.formula == ["TRUE"]]
    assert grid and grid[0].dxf.border.left.style == "thin"
    assert min(_fonts(wb)) >= 9
    notes = wb["填表说明"]
    _a4_landscape(notes)
    assert _wrapped_rows_are_tall_enough(notes, 1) > 0


def test_every_sheet_of_the_weekly_workbook_prints_landscape_with_its_header_and_tall_rows(printed):
    wb = openpyxl.load_workbook(printed["weekly"])
    tall = 0
    for ws in wb.worksheets:
        _a4_landscape(ws)
        assert ws.page_setup.fitToWidth == 1 and ws.oddFooter.center.text == "第 &P 页 共 &N 页", ws.title
        if ws.title not in ("汇总", "统计"):
            assert ws.print_title_rows == "$1:$1", ws.title
            widths = [_widths(ws)[c.column] for c in ws[1]]
            # one page wide at 85 % or more: 11 pt text prints at 9 pt or more
            assert sum(paper.width_pt(w) for w in widths) * 0.85 <= paper.PRINTABLE_WIDTH_PT + 8, ws.title
            tall += _wrapped_rows_are_tall_enough(ws, 1)
    assert tall > 5
    assert min(_fonts(wb)) >= 9


def test_the_findings_sheet_of_an_annotated_copy_prints_landscape_with_its_header_and_tall_rows(printed):
    wb = openpyxl.load_workbook(printed["annotated"])
    ws = wb.worksheets[0]
    assert ws.title == "检查结果"
    _a4_landscape(ws)
    _scale_keeps_9pt(ws)
    assert ws.print_title_rows == "$3:$3"
    assert [b.id for b in ws.col_breaks.brk] == [8]  # the summary block on pages of its own
    assert ws["L4"].alignment.wrap_text  # 检查内容 stays inside the table
    assert _wrapped_rows_are_tall_enough(ws, 4) > 0
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"


# ---- the pages, as LibreOffice prints them ------------------------------------------------------

def _pdf(path: Path, out: Path) -> Path:
    out.mkdir(exist_ok=True)
    subprocess.run([soffice(), "--headless", f"-env:UserInstallation=file://{out}/profile", "--convert-to", "pdf",
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=300)
    return out / (path.stem + ".pdf")


def _pages(pdf: Path) -> list[tuple[tuple[int, int], float, str]]:
    """(page size in points, the smallest text on it, its text) of each page."""
    pdfminer = pytest.importorskip("pdfminer.high_level", reason="pdfminer.six is in the test extras")
    from pdfminer.layout import LTChar

    def chars(box):
        for item in box:
            if isinstance(item, LTChar):
                yield item
            elif hasattr(item, "__iter__"):
                yield from chars(item)

    out = []
    for page in pdfminer.extract_pages(str(pdf)):
        cs = list(chars(page))
        out.append(((round(page.width), round(page.height)), min((c.size for c in cs), default=99),
                    "".join(c.get_text() for c in cs)))
    return out


def _calibri_metrics() -> bool:
    """Page counts assume Calibri's widths (Excel's); LibreOffice has them with Carlito."""
    if not shutil.which("fc-match"):
        return False
    found = subprocess.run(["fc-match", "Calibri"], capture_output=True, text=True).stdout.lower()
    return "calibri" in found or "carlito" in found


@pytest.mark.requires_soffice
def test_the_template_prints_as_a_form_on_a4_landscape_at_9pt(printed, tmp_path):
    pages = _pages(_pdf(printed["template"], tmp_path))
    assert all(size == A4_LANDSCAPE for size, _, _ in pages)
    assert min(small for _, small, _ in pages) >= 8.9
    form = [text for _, _, text in pages if "填表说明" not in text]
    assert all("第" in text and "页" in text for text in form)
    if not _calibri_metrics():
        pytest.skip("page counts need Calibri's metrics: apt-get install fonts-crosextra-carlito")
    # an empty template: the form's two halves (the columns split in two, 单号 on both), then 填表说明
    assert len(form) == 2 and len(pages) == 3
    assert "维修工作单登记表（2026年11月）" in form[0] and "备注" in form[1] and "报修内容" in form[0]


@pytest.mark.requires_soffice
def test_the_annotated_copy_prints_its_findings_at_full_size_with_the_header_on_each_page(printed, tmp_path):
    pages = _pages(_pdf(printed["annotated"], tmp_path))
    findings = [p for p in pages if "检查结果" in p[2] or "按规则" in p[2]]
    assert findings and all(size == A4_LANDSCAPE for size, _, _ in findings)
    assert min(small for _, small, _ in findings) >= 10.9  # 11 pt, not scaled
    assert "说明" in findings[0][2] and "按规则" not in findings[0][2]  # the table, one page wide
    assert any("检查内容" in text for _, _, text in findings)
    if _calibri_metrics():  # 15 findings: the table on one page, then the summary block
        assert "按规则" in findings[1][2] and len(findings) <= 3


@pytest.mark.requires_soffice
def test_the_weekly_workbook_prints_each_list_one_page_wide_with_its_header(printed, tmp_path):
    wb = openpyxl.load_workbook(printed["weekly"])
    pages = _pages(_pdf(printed["weekly"], tmp_path))
    assert all(size == A4_LANDSCAPE for size, _, _ in pages)
    for ws in wb.worksheets:
        if ws.title in ("汇总", "统计"):
            continue
        head = [c.value for c in ws[1]]
        mine = [text for _, _, text in pages if text.startswith(ws.oddHeader.center.text.replace("&&", "&"))]
        assert mine, ws.title
        # every page: the header row repeated, all its columns (one page wide)
        assert all(head[0] in text and head[-1][:2] in text for text in mine), ws.title
        rows = ws.max_row - 1
        assert len(mine) <= max(1, math.ceil(rows / 5)), (ws.title, len(mine), rows)
    # the summary: the charts and their numbers, then the headline numbers on a page of their own
    assert "截至" in pages[0][2] and "本周要点" not in pages[0][2] and "本周要点" in pages[1][2]
    assert min(small for _, small, _ in pages[:2]) >= 8.9


@pytest.mark.requires_soffice
def test_every_weekly_page_prints_at_9pt_or_more(printed, tmp_path):
    pages = _pages(_pdf(printed["weekly"], tmp_path))
    assert min(small for _, small, _ in pages) >= 8.9
