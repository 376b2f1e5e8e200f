"""`toolkit validate --annotate DIR`: the annotated copy a supervisor hands back to the clerk."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import warnings
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
import python_calamine as pc

from helpers import AS_OF, WORK_ORDER_HEADER, good_order, run_cli, soffice, write_register
from xlsx_dressed import (CORPUS_EXCEL, FINDING_CELLS, SHEET, big_register, dressed_register, parts, vba_project,
                          well_formed)

from toolkit.config import load_config
from toolkit.findings import Finding
from toolkit.outputs.annotate import annotate_file, annotate_report, render_lines
from toolkit.validate import validate

AS_OF_ARGS = ["--as-of", "2026-11-25 09:00"]
ERROR_FILL, WARNING_FILL = "FFFFC7CE", "FFFFEB9C"


def check(paths, lang="zh"):
    return validate([str(p) for p in paths], AS_OF, load_config(None), lang)


def load(path, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about parts it does not read
        wb = openpyxl.load_workbook(path, **kw)
    if wb.vba_archive is not None:  # openpyxl never closes it (Python 3.13 warns when it is collected)
        wb.vba_archive.close()
    return wb


def xml(style) -> bytes:
    from openpyxl.xml.functions import tostring
    return tostring(style.to_tree())


def changed_parts(source: Path, copy: Path) -> tuple[set[str], set[str], set[str]]:
    """(parts missing from the copy, parts whose bytes changed, parts added)."""
    a, b = parts(source), parts(copy)
    return set(a) - set(b), {n for n in a if n in b and a[n] != b[n]}, set(b) - set(a)


@pytest.fixture
def styled_register(tmp_path):
    """A register a clerk formatted: merged title, bold header, date formats, borders, widths,
    frozen panes, a drop-down, a formula; row 4 lacks the customer's signature (M4) and
    row 5 was handed over 12 minutes late (I5)."""
    from openpyxl.styles import Border, Font, PatternFill, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    path = write_register(tmp_path / "阳光花园-维修登记.xlsx", [
        good_order(单号="WX2611001"),
        good_order(单号="WX2611002", 客户签字=None),
        good_order(单号="WX2611003", 工程部接单时间=good_order()["派单时间"].replace(minute=14)),
    ])
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    thin = Side(style="thin", color="FF999999")
    for row in ws.iter_rows(min_row=2, max_row=5, max_col=len(WORK_ORDER_HEADER)):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            if cell.row == 2:
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor="FFDDEBF7")
            elif hasattr(cell.value, "year"):
                cell.number_format = "yyyy-mm-dd hh:mm"
    ws.column_dimensions["I"].width = 21
    ws.freeze_panes = "B3"
    dv = DataValidation(type="list", formula1='"有偿,无偿"')
    dv.add("H3:H100")
    ws.add_data_validation(dv)
    ws["N7"] = "=SUM(N3:N5)"
    wb.save(path)
    return path


# ---------------------------------------------------------------- the cells

def test_every_finding_cell_is_filled_by_severity_and_noted_and_no_other_cell_changes(styled_register, tmp_path):
    report = check([styled_register])
    assert {f.cell for f in report.findings} == {"M4", "I5"}
    [copy] = annotate_report(report, tmp_path / "out")
    assert copy.error is None and copy.cells == 2
    before = load(styled_register).active
    after = load(copy.target)[before.title]
    for row in after.iter_rows(min_row=1, max_row=after.max_row, max_col=after.max_column):
        for cell in row:
            old = before[cell.coordinate]
            if cell.coordinate == "M4":
                assert cell.fill.fgColor.rgb == ERROR_FILL
                assert "missing-signature" in cell.comment.text and "客户签字" in cell.comment.text
            elif cell.coordinate == "I5":
                assert cell.fill.fgColor.rgb == WARNING_FILL
                assert "slow-handoff" in cell.comment.text and "12 分钟" in cell.comment.text
            else:
                assert xml(cell.fill) == xml(old.fill) and cell.comment is None, cell.coordinate
            assert cell.value == old.value and cell.number_format == old.number_format, cell.coordinate
            assert xml(cell.border) == xml(old.border) and xml(cell.font) == xml(old.font), cell.coordinate


def test_the_clerks_formatting_widths_panes_merges_drop_downs_and_formulas_stay(styled_register, tmp_path):
    [copy] = annotate_report(check([styled_register]), tmp_path / "out")
    ws = load(copy.target)[SHEET]
    assert ws["I5"].number_format == "yyyy-mm-dd hh:mm" and ws["I5"].border.left.style == "thin"
    assert ws["M4"].border.left.style == "thin"
    assert ws.column_dimensions["I"].width == 21
    assert ws.freeze_panes == "B3"
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:T1"]
    assert [str(dv.sqref) for dv in ws.data_validations.dataValidation] == ["H3:H100"]
    assert ws["N7"].value == "=SUM(N3:N5)"


def test_a_finding_in_an_empty_cell_outside_any_row_gets_a_new_cell_in_column_order(tmp_path):
    path = write_register(tmp_path / "r.xlsx", [good_order()])
    finding = Finding(str(path), SHEET, 9, "C9", "派单时间", "dispatched_at", None, "missing-time", "error", "缺派单时间")
    other = Finding(str(path), SHEET, 3, "Z3", None, None, None, "missing-field", "warning", "右边的空格")
    copy = annotate_file(path, [finding, other], tmp_path / "out.xlsx", "zh")
    assert copy.error is None
    ws = load(copy.target)[SHEET]
    assert ws["C9"].fill.fgColor.rgb == ERROR_FILL and ws["Z3"].fill.fgColor.rgb == WARNING_FILL
    assert ws["A3"].value == "WX2611001" and ws["T3"].value == "赵会计"  # the row it joined is intact
    sheet = parts(Path(copy.target))["xl/worksheets/sheet1.xml"].decode()
    assert sheet.index('r="T3"') < sheet.index('r="Z3"') < sheet.index('<row r="9"')


# ---------------------------------------------------------------- the findings sheet

def test_the_findings_sheet_comes_first_and_links_every_finding_to_its_cell(styled_register, tmp_path):
    report = check([styled_register])
    [copy] = annotate_report(report, tmp_path / "out")
    wb = load(copy.target)
    assert wb.sheetnames == ["检查结果", SHEET] and wb.active.title == "检查结果"
    ws = wb["检查结果"]
    assert ws.freeze_panes == "A4"
    [table] = ws.tables.values()
    assert table.ref == "A3:H5" and table.autoFilter.ref == "A3:H5"
    assert [c.value for c in ws[3][:8]] == ["工作表", "单元格", "行", "列", "单号", "级别", "规则", "说明"]
    listed = {}
    for row in ws.iter_rows(min_row=4, max_row=5):
        listed[row[1].value] = (row[0].value, row[2].value, row[5].value, row[6].value, row[1].hyperlink.location)
    assert listed == {
        "M4": (SHEET, 4, "错误", "缺签字（missing-signature）", f"'{SHEET}'!M4"),
        "I5": (SHEET, 5, "警告", "接单超时（slow-handoff）", f"'{SHEET}'!I5"),
    }
    assert ws.column_dimensions["H"].width >= 40 and ws.column_dimensions["A"].width >= 12
    summary = {ws.cell(r, 10).value: ws.cell(r, 11).value for r in range(3, ws.max_row + 1) if ws.cell(r, 10).value}
    assert summary["缺签字（missing-signature）"] == 1 and summary["接单超时（slow-handoff）"] == 1
    assert summary["客户签字"] == 1 and summary["工程部接单时间"] == 1
    assert summary["错误"] == 1 and summary["警告"] == 1


def test_the_findings_sheet_speaks_english_when_asked(styled_register, tmp_path):
    [copy] = annotate_report(check([styled_register], lang="en"), tmp_path / "out")
    wb = load(copy.target)
    assert wb.sheetnames[0] == "Findings"
    assert wb["Findings"]["G4"].value in ("missing-signature", "slow-handoff")
    assert "customer's signature" in wb[SHEET]["M4"].comment.text


def test_validating_the_copy_again_skips_the_findings_sheet_and_finds_the_same(styled_register, tmp_path):
    first = check([styled_register])
    [annotated] = annotate_report(first, tmp_path / "out")
    copy = Path(annotated.target)
    a, b = first.as_dict(), check([copy]).as_dict()
    assert [(f["sheet"], f["cell"], f["rule"]) for f in a["findings"]] == [(f["sheet"], f["cell"], f["rule"]) for f in b["findings"]]
    sheets = {s["name"]: s["skipped"] for s in b["files"][0]["sheets"]}
    assert sheets["检查结果"] == "findings_sheet"
    # renamed by the clerk, still recognised (the mark follows the sheet)
    wb = load(copy)
    wb["检查结果"].title = "问题清单"
    renamed = tmp_path / "renamed.xlsx"
    wb.save(renamed)
    third = check([renamed]).as_dict()
    assert {s["name"]: s["skipped"] for s in third["files"][0]["sheets"]}["问题清单"] == "findings_sheet"


def test_the_copy_opens_on_the_findings_sheet_with_no_other_tab_selected(tmp_path):
    path = write_register(tmp_path / "r.xlsx", [good_order(客户签字=None)])
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("统计").append(["月份", "报修数量"])
    wb.active = 1  # the clerk last looked at the statistics
    wb.save(path)
    [copy] = annotate_report(check([path]), tmp_path / "out")
    new = parts(Path(copy.target))
    selected = [n for n, data in new.items() if n.startswith("xl/worksheets/sheet") and b'tabSelected="1"' in data]
    assert len(selected) == 1 and b"inlineStr" in new[selected[0]]  # only the findings sheet
    assert 'activeTab="0"' in new["xl/workbook.xml"].decode()
    stats_before = parts(path)["xl/worksheets/sheet2.xml"]
    assert new["xl/worksheets/sheet2.xml"] == stats_before.replace(b' tabSelected="1"', b"")


def test_annotating_an_annotated_copy_replaces_its_findings_sheet_and_notes(styled_register, tmp_path):
    [first] = annotate_report(check([styled_register]), tmp_path / "one")
    [second] = annotate_report(check([first.target]), tmp_path / "two")
    assert Path(second.target).name == "阳光花园-维修登记.checked.xlsx"
    wb = load(second.target)
    assert wb.sheetnames == ["检查结果", SHEET]
    assert wb[SHEET]["M4"].comment.text.count("missing-signature") == 1
    assert wb["检查结果"]["B4"].value in ("M4", "I5") and wb["检查结果"].max_row == first_max_row(first.target)


def first_max_row(path):
    return load(path)["检查结果"].max_row


# ---------------------------------------------------------------- the source and the package

def test_the_source_is_never_written_and_unchanged_parts_are_copied_byte_for_byte(tmp_path):
    source = dressed_register(tmp_path / "dressed.xlsx")
    before, mtime = source.read_bytes(), source.stat().st_mtime_ns
    os.chmod(source, 0o444)  # a read-only register is fine: it is only read
    result = run_cli("validate", str(source), *AS_OF_ARGS, "--lang", "en", "--annotate", str(tmp_path / "out"))
    assert result.returncode == 1, result.stderr
    copy = tmp_path / "out" / "dressed.checked.xlsx"
    assert f"wrote annotated copy {copy} (2 cells filled and noted, 2 findings)" in result.stdout
    assert source.read_bytes() == before and source.stat().st_mtime_ns == mtime
    assert not list((tmp_path / "out").glob(".*.tmp"))
    missing, changed, added = changed_parts(source, copy)
    assert not missing
    assert changed == {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                       "xl/worksheets/sheet1.xml", "xl/comments1.xml", "xl/drawings/vmlDrawing1.vml"}
    assert added == {"xl/worksheets/sheet3.xml", "xl/worksheets/_rels/sheet3.xml.rels", "xl/tables/table1.xml"}
    copied = parts(copy)
    assert all(well_formed(n, copied[n]) for n in copied if n.endswith((".xml", ".rels")))


def test_a_dressed_register_keeps_every_part_and_the_clerks_notes(tmp_path):
    source = dressed_register(tmp_path / "dressed.xlsx")
    [copy] = annotate_report(check([source]), tmp_path / "out")
    old, new = parts(source), parts(Path(copy.target))
    kinds = {
        "chart": "xl/charts/chart1.xml", "chart sheet": "xl/chartsheets/sheet1.xml",
        "picture and text box": "xl/drawings/drawing1.xml", "in-cell picture": "xl/richData/rdrichvalue.xml",
        "header image": "xl/drawings/vmlDrawing2.vml", "theme": "xl/theme/theme1.xml",
        "shared strings": "xl/sharedStrings.xml", "metadata": "xl/metadata.xml",
    }
    for what, name in kinds.items():
        assert name in old, f"the test register should have a {what}"
        assert new[name] == old[name], f"{what} ({name}) changed"
    media = [n for n in old if n.startswith("xl/media/")]
    assert len(media) >= 3 and all(new[n] == old[n] for n in media)
    sheet = new["xl/worksheets/sheet1.xml"].decode()
    for kept in ("<dataValidations", "<conditionalFormatting", "<mergeCell ref=\"A1:T1\"", "<drawing r:id",
                 "<legacyDrawing r:id", "<legacyDrawingHF r:id", "<pane ", "<cols>", "<f>SUM(N3:N6)</f>",
                 'vm="1"'):
        assert kept in sheet, kept
    vml = new["xl/drawings/vmlDrawing1.vml"].decode()
    assert 'ObjectType="Button"' in vml and "refresh" in vml and vml.count('ObjectType="Note"') == 3
    assert '<definedName name="费用合计">' in new["xl/workbook.xml"].decode()
    ws = load(copy.target)[SHEET]
    assert ws["E3"].comment.text == "已电话确认" and ws["E3"].comment.author == "王丽"
    note = ws["M4"].comment.text
    assert note.startswith("客户说下午再来签字") and "missing-signature" in note
    for cell, severity in FINDING_CELLS.items():
        assert ws[cell].fill.fgColor.rgb == (ERROR_FILL if severity == "error" else WARNING_FILL)
    cal = pc.CalamineWorkbook.from_path(copy.target)
    assert cal.sheet_names == ["检查结果", SHEET, "统计", "费用图"]
    assert cal.get_sheet_by_name(SHEET).to_python()[3][0] == "WX2611002"


@pytest.mark.requires_corpus
def test_a_macro_register_stays_xlsm_with_its_vba_project(tmp_path):
    source = dressed_register(tmp_path / "宏.xlsm", vba=vba_project(tmp_path))
    [copy] = annotate_report(check([source]), tmp_path / "out")
    assert copy.target.endswith("宏.checked.xlsm") and copy.not_kept == []
    old, new = parts(source), parts(Path(copy.target))
    assert new["xl/vbaProject.bin"] == old["xl/vbaProject.bin"]
    assert "macroEnabled" in new["[Content_Types].xml"].decode()
    wb = load(copy.target, keep_vba=True)
    assert wb.vba_archive is not None and wb.sheetnames[0] == "检查结果"


def test_parts_that_cannot_be_kept_are_named_in_the_output_and_on_the_findings_sheet(styled_register, tmp_path):
    signed = tmp_path / "signed.xlsx"
    with zipfile.ZipFile(styled_register) as zin, zipfile.ZipFile(signed, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "_rels/.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdSig" Type="http://schemas.openxmlformats.org'
                                    b'/package/2006/relationships/digital-signature/origin" Target="_xmlsignatures/origin.sigs"/>'
                                    b"</Relationships>")
            zout.writestr(info, data)
        zout.writestr("_xmlsignatures/origin.sigs", b"")
        zout.writestr("_xmlsignatures/sig1.xml", b'<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/>')
    result = run_cli("validate", str(signed), *AS_OF_ARGS, "--lang", "en", "--annotate", str(tmp_path / "out"))
    lines = result.stdout.splitlines()
    assert "not kept in the copy: the digital signature (any change invalidates it; removed)" in lines[-1]
    copy = tmp_path / "out" / "signed.checked.xlsx"
    assert not [n for n in parts(copy) if n.startswith("_xmlsignatures/")]
    assert "digital-signature" not in parts(copy)["_rels/.rels"].decode()
    note = load(copy)["Findings"]["A2"].value
    assert note.startswith("Note: not kept from the original") and "digital signature" in note


def test_a_file_that_cannot_be_annotated_gets_one_line_and_exit_2_while_the_others_are_written(styled_register, tmp_path):
    out = tmp_path / "out"
    [first] = annotate_report(check([styled_register]), out)
    copy = Path(first.target)
    other = write_register(tmp_path / "翠湖苑.xlsx", [good_order(客户签字=None)])
    before = copy.read_bytes()
    # the copy named again with the same folder would overwrite itself: refused, the other file still done
    result = run_cli("validate", str(copy), str(other), *AS_OF_ARGS, "--lang", "en", "--format", "json", "--annotate", str(out))
    assert result.returncode == 2
    assert json.loads(result.stdout)["summary"]["errors"] == 2  # the report itself is intact
    assert f"{copy}: no annotated copy: the copy would overwrite the source" in result.stderr
    assert (out / "翠湖苑.checked.xlsx").exists() and copy.read_bytes() == before
    assert "Traceback" not in result.stderr


def test_damaged_and_non_xlsx_sources_get_no_copy_and_a_reason(tmp_path):
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not really a zip")
    ods = tmp_path / "old.ods"
    ods.write_bytes(b"")
    finding = dict(row=3, cell="M3", column="客户签字", field="customer_signature", record="WX1",
                   rule="missing-signature", severity="error", message="x")
    for path, expected in ((damaged, "cannot be edited: damaged package"), (ods, "a .ods file cannot be annotated")):
        copy = annotate_file(path, [Finding(str(path), SHEET, **finding)], tmp_path / "out" / "x.xlsx", "en")
        assert copy.target is None and expected in copy.error
    assert not (tmp_path / "out" / "x.xlsx").exists()


def test_a_run_without_findings_says_no_copy_was_needed():
    assert render_lines([], "en") == "no findings: no annotated copy written\n"
    assert render_lines([], "zh") == "没有检查结果，无需标注副本\n"


# ---------------------------------------------------------------- Excel's own files

@pytest.mark.requires_corpus
def test_every_excel_saved_file_of_the_corpus_keeps_every_part(tmp_path):
    """198 files saved by Excel itself: a synthetic finding on A1 of the first worksheet."""
    files = sorted(p for p in CORPUS_EXCEL.iterdir() if p.suffix in (".xlsx", ".xlsm"))
    assert len(files) > 150
    for source in files:
        book = pc.CalamineWorkbook.from_path(str(source))
        first = next(m.name for m in book.sheets_metadata if str(m.typ).endswith("WorkSheet"))
        finding = Finding(str(source), first, 1, "A1", None, None, None, "missing-field", "error", "测试")
        copy = annotate_file(source, [finding], tmp_path / (source.stem + ".checked" + source.suffix), "zh")
        assert copy.error is None and copy.not_kept == [], (source.name, copy.error)
        missing, changed, added = changed_parts(source, Path(copy.target))
        assert not missing, (source.name, missing)
        new = parts(Path(copy.target))
        assert all(well_formed(n, new[n]) for n in changed | added if n.endswith((".xml", ".rels"))), source.name
        copy_book = pc.CalamineWorkbook.from_path(copy.target)
        assert copy_book.sheet_names == ["检查结果", *book.sheet_names], source.name
        assert copy_book.get_sheet_by_name(first).to_python()[:1] == book.get_sheet_by_name(first).to_python()[:1]
    # openpyxl re-reads a sample of kinds (reading all takes seconds)
    for name in ("comment02.xlsx", "button03.xlsx", "table05.xlsx", "chartsheet01.xlsx", "embed_image07.xlsx",
                 "header_image04.xlsx", "macro02.xlsm", "textbox02.xlsx", "data_validation01.xlsx"):
        load(tmp_path / name.replace(".xls", ".checked.xls"), keep_vba=name.endswith(".xlsm"))


# ---------------------------------------------------------------- LibreOffice and speed

@pytest.mark.requires_corpus
@pytest.mark.requires_soffice
def test_the_copies_open_in_libreoffice(styled_register, tmp_path):
    exe = soffice()
    macro = dressed_register(tmp_path / "dressed.xlsm", vba=vba_project(tmp_path))  # every dressing, and macros
    copies = annotate_report(check([styled_register, macro]), tmp_path / "out")
    corpus = CORPUS_EXCEL / "comment02.xlsx"
    corpus_copy = annotate_file(corpus, [Finding(str(corpus), "Sheet1", 2, "B2", None, None, None, "x", "warning", "测试")],
                                tmp_path / "out" / "comment02.checked.xlsx", "zh")
    targets = [c.target for c in copies] + [corpus_copy.target]
    pdf = tmp_path / "pdf"
    profile = tmp_path / "lo-profile"
    result = subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                             "--outdir", str(pdf), *targets], capture_output=True, text=True, timeout=240)
    made = {p.stem for p in pdf.glob("*.pdf")}
    assert made == {Path(t).stem for t in targets}, result.stdout + result.stderr
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf / "阳光花园-维修登记.checked.pdf"), "-"], capture_output=True,
                              text=True).stdout
        assert "检查结果" in text and "missing-signature" in text


def test_annotating_a_5000_row_register_takes_under_3_seconds(tmp_path):
    path = big_register(tmp_path / "big.xlsx", 5000)
    findings = [Finding(str(path), SHEET, r, f"M{r}", "客户签字", "customer_signature", None,
                        "missing-signature", "error", "已返单但无客户签字") for r in range(4, 5002, 3)]
    start = time.perf_counter()
    copy = annotate_file(path, findings, tmp_path / "big.checked.xlsx", "zh", datetime(2026, 11, 25, 9))
    elapsed = time.perf_counter() - start
    assert copy.error is None and copy.cells == len(findings) == 1666
    assert elapsed < 3, f"{elapsed:.2f} s"
    ws = pc.CalamineWorkbook.from_path(copy.target).get_sheet_by_name(SHEET).to_python()
    assert len(ws) == 5001 and ws[5000][0] == "WX2611001"
