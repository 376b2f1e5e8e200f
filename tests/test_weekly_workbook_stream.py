"""The weekly workbook's lists are streamed into the package openpyxl saves without them
(toolkit/outputs/weekly_workbook.py). What a person or a program reads from it must be what
openpyxl's normal mode wrote before: tests/weekly_workbook_reference.py is that writer, kept
unchanged, and every cell, style, hyperlink, table, chart and sheet setting is compared."""

from __future__ import annotations

import zipfile
from copy import copy
from datetime import date, datetime

import openpyxl
import pytest
import weekly_workbook_reference as reference
import xlsxwriter
from helpers import WEEKLY_COMPLAINT_HEADER, MONDAY, WORK_ORDER_HEADER_WITH_VISITS, W47, weekly_complaint, order, weekly_of

from toolkit.outputs import weekly_workbook as streamed

NASTY = ['=HYPERLINK("http://example.invalid","点我")', "  两头有空格 ", "a & b < c > d \"q\" 'x'", "一行\r\n两行\n三行",
         "控制\x01字符\x1b[2J", "\t制表开头", "长" * 33_000, "@SUM(A1)", "-1", "#N/A", "Ｆｕｌｌｗｉｄｔｈ①", "𠀀 astral"]


def _register(path, rows, header, sheet="2026年11月", title=None):
    """Written as Excel stores control characters (_x001B_): openpyxl refuses to write them."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet(sheet)
    when, day = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"}), wb.add_format({"num_format": "yyyy-mm-dd"})
    top = 0
    if title:
        ws.write_string(0, 0, title)
        top = 1
    ws.write_row(top, 0, header)
    for r, row in enumerate(rows, start=top + 1):
        for c, value in enumerate(row.get(h) for h in header):
            if isinstance(value, datetime):
                ws.write_datetime(r, c, value, when)
            elif isinstance(value, date):
                ws.write_datetime(r, c, datetime.combine(value, datetime.min.time()), day)
            elif isinstance(value, str):
                ws.write_string(r, c, value)
            elif value is not None:
                ws.write_number(r, c, value)
    wb.close()
    return path


def _varied(folder):
    """Two work-order registers and a complaints register with every kind of value the lists hold."""
    folder.mkdir()
    orders = []
    for k in range(40):
        received = datetime(2026, 11, 16 + k % 7, 8 + k % 9, k % 60)
        done = datetime(2026, 11, 17 + k % 6, 15, 30) if k % 3 == 0 else None
        orders.append(order(
            f"WX2611{k:03d}" if k % 11 else None, received if k % 5 else received.date(),
            completed=done, paid="有偿" if k % 2 else "无偿", fee=[None, "¥120", 80, "面议", 35.5][k % 5],
            content=NASTY[k % len(NASTY)], reason=["等配件", None, "客户不在家 ", "=1+1"][k % 4],
            engineer=["李工", "周工", "", None][k % 4] or None, location=f"{k % 9}栋{k:02d}01",
            customer=["刘伟", "  王芳", "赵&钱"][k % 3], visit_result=["满意", "不满意", None][k % 3] if done else None,
            handoff_min=3 + (k % 4) * 20))
    one = _register(folder / "维修 登记 #11 %.xlsx", orders[:25], WORK_ORDER_HEADER_WITH_VISITS, sheet="O'Brien 11月",
                    title="维修工作单登记表（2026年11月）")
    two = _register(folder / "维修&二.xlsx", orders[25:], WORK_ORDER_HEADER_WITH_VISITS)
    complaints = _register(folder / "投诉登记.xlsx", [
        weekly_complaint(f"TS2611{k:03d}", datetime(2026, 11, 16 + k % 6, 9, 0), promised=datetime(2026, 11, 18 + k % 4, 17, 0),
                  people=[None, 12][k % 2], content=NASTY[(k + 3) % len(NASTY)], category=["收费", "设备设施", "安全"][k % 3],
                  replied=datetime(2026, 11, 20, 10, 0) if k % 4 == 0 else None)
        for k in range(12)], WEEKLY_COMPLAINT_HEADER, title="客户投诉登记表（2026年11月）")
    return [one, two, complaints]


def _style(cell) -> tuple:
    # copies: openpyxl hands out proxies, which compare unequal to one another
    return (copy(cell.font), copy(cell.fill), copy(cell.alignment), copy(cell.border), copy(cell.protection),
            cell.number_format)


def _link(cell):
    h = cell.hyperlink
    return None if h is None else (h.target, h.location, h.tooltip, h.display, h.ref)


def _sheet_settings(ws) -> tuple:
    return (ws.freeze_panes, ws.print_title_rows, ws.print_area, ws.sheet_properties.pageSetUpPr.fitToPage,
            ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight,
            ws.print_options.gridLines, ws.page_margins.left, ws.page_margins.top, ws.page_margins.header,
            ws.oddHeader.center.text, ws.oddFooter.center.text,
            {k: d.width for k, d in ws.column_dimensions.items()}, {k: d.height for k, d in ws.row_dimensions.items()},
            sorted((t.name, t.ref, t.displayName, [c.name for c in t.tableColumns], t.tableStyleInfo.name,
                    t.autoFilter.ref if t.autoFilter else None) for t in ws.tables.values()))


def assert_same_workbook(new_path, old_path):
    new, old = openpyxl.load_workbook(new_path), openpyxl.load_workbook(old_path)
    assert new.sheetnames == old.sheetnames
    assert {n: (d.attr_text, d.hidden) for n, d in new.defined_names.items()} == \
        {n: (d.attr_text, d.hidden) for n, d in old.defined_names.items()}
    checked = 0
    for ws_new, ws_old in zip(new.worksheets, old.worksheets):
        assert (ws_new.max_row, ws_new.max_column) == (ws_old.max_row, ws_old.max_column), ws_new.title
        for row_new, row_old in zip(ws_new.iter_rows(), ws_old.iter_rows()):
            for a, b in zip(row_new, row_old):
                where = f"{ws_new.title}!{a.coordinate}"
                assert (a.value, a.data_type) == (b.value, b.data_type), where
                assert _style(a) == _style(b), where
                assert _link(a) == _link(b), where
                checked += 1
        assert _sheet_settings(ws_new) == _sheet_settings(ws_old), ws_new.title
        assert [(c.tagname, c.anchor._from if hasattr(c.anchor, "_from") else c.anchor.pos.x) for c in ws_new._charts] \
            == [(c.tagname, c.anchor._from if hasattr(c.anchor, "_from") else c.anchor.pos.x) for c in ws_old._charts]
    # What other readers trust: each sheet's stored extent, and the chart parts as written.
    for a, b in zip(openpyxl.load_workbook(new_path, read_only=True), openpyxl.load_workbook(old_path, read_only=True)):
        assert a.calculate_dimension() == b.calculate_dimension(), a.title
    with zipfile.ZipFile(new_path) as zn, zipfile.ZipFile(old_path) as zo:
        charts = sorted(n for n in zo.namelist() if n.startswith("xl/charts/"))
        assert charts and [zn.read(n) for n in charts] == [zo.read(n) for n in charts]
        sheets = sorted(n for n in zo.namelist() if n.startswith("xl/worksheets/sheet"))
        assert sheets == sorted(n for n in zn.namelist() if n.startswith("xl/worksheets/sheet"))
        for name in sheets:  # as written, beyond what openpyxl reads back (xml:space, number text)
            assert _cells_as_written(zn.read(name)) == _cells_as_written(zo.read(name)), name
    return checked


def _cells_as_written(xml: bytes) -> list[tuple]:
    from xml.etree import ElementTree as ET

    m = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    space = "{http://www.w3.org/XML/1998/namespace}space"
    out = []
    for c in ET.fromstring(xml).iter(m + "c"):
        t = c.find(f"{m}is/{m}t")
        v = c.find(m + "v")
        out.append((c.get("r"), c.get("t"), c.get("s") is not None, v.text if v is not None else None,
                    (t.text, t.get(space)) if t is not None else None, len(c)))
    return out


@pytest.fixture(scope="module")
def varied(tmp_path_factory):
    return weekly_of(_varied(tmp_path_factory.mktemp("site") / "登记表"), as_of=MONDAY, week=W47)


@pytest.mark.parametrize("chunk,remembered", [(2000, 50_000), (7, 5)])  # chunks and the memory of texts, small
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_streamed_workbook_reads_exactly_as_the_one_openpyxl_wrote(varied, tmp_path, monkeypatch, lang, chunk,
                                                                        remembered):
    monkeypatch.setattr(streamed, "_CHUNK", chunk)
    monkeypatch.setattr(streamed, "_REMEMBERED", remembered)
    s = varied.sections
    assert len(s.unfinished) > 20 and s.overdue and s.finance_handover and s.return_visits and len(s.findings) > 50
    kinds = {type(v).__name__ for tb in streamed.section_tables(varied, lang) for row in tb.rows for v in row}
    assert {"str", "float", "Decimal", "datetime", "date", "NoneType"} <= kinds
    assert any(tb.rows and any(r[tb.column("record")] is None for r in tb.rows)
               for tb in streamed.section_tables(varied, lang) if any(c.key == "record" for c in tb.columns))
    new = streamed.write_workbook(varied, tmp_path / "out" / "new.xlsx", lang)
    old = reference.write_workbook(varied, tmp_path / "out" / "old.xlsx", lang)
    assert assert_same_workbook(new, old) > 1000


def test_an_empty_list_and_a_list_without_links_stream_as_openpyxl_wrote_them(varied, tmp_path):
    from dataclasses import replace

    report = replace(varied, sections=replace(varied.sections, return_visits=[], finance_handover=[]))
    new = streamed.write_workbook(report, tmp_path / "new.xlsx", "zh")
    old = reference.write_workbook(report, tmp_path / "old.xlsx", "zh")
    assert_same_workbook(new, old)
    assert openpyxl.load_workbook(new)["回访清单"]["A2"].value == "无"


def test_the_streamed_sheets_are_well_formed_xml_with_one_relationship_per_hyperlink(varied, tmp_path):
    from xml.etree import ElementTree as ET

    path = streamed.write_workbook(varied, tmp_path / "weekly.xlsx", "en")
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                ET.fromstring(z.read(name))  # raises on anything malformed
        sheet = ET.fromstring(z.read("xl/worksheets/sheet6.xml"))
        rels = ET.fromstring(z.read("xl/worksheets/_rels/sheet6.xml.rels"))
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    links = [h.get(r_id) for h in sheet.iterfind("m:hyperlinks/m:hyperlink", ns)]
    ids = [r.get("Id") for r in rels]
    assert len(links) == len(set(links)) > 50 and set(links) <= set(ids) and len(ids) == len(set(ids))


def test_any_value_a_list_can_hold_streams_as_openpyxl_wrote_it(varied, tmp_path, monkeypatch):
    """Values today's registers do not bring (the reader strips spaces; a cell holds 32,767
    characters, a reason with "returned" added may not), and rows without a source among linked
    rows: the lists are written by the rules of ``_put`` and ``_link``, whatever they hold."""
    from decimal import Decimal

    tables = streamed.section_tables(varied, "en")
    odd = ["  spaced both ends ", "trailing\t", "长" * 33_000, "", "x\r\ny", "\x01\x1b[2J", True, 0.1 + 0.2, 10**17,
           Decimal("1.005"), date(2026, 11, 1), datetime(1900, 2, 28, 12, 0), -0.0, None]
    for tb in tables:
        record = tb.column("record") if any(c.key == "record" for c in tb.columns) else 0
        for k, value in enumerate(odd):
            row = list(tb.rows[k % len(tb.rows)]) if tb.rows else [None] * len(tb.columns)
            row[k % len(row)] = value
            row[record] = value if k % 2 else row[record]  # odd values in the linked column too
            tb.rows.insert(2 * k, row)
            tb.sources.insert(2 * k, None if k % 3 == 0 else next((s for s in tb.sources if s is not None), None))
    monkeypatch.setattr(streamed, "section_tables", lambda report, lang: tables)
    monkeypatch.setattr(reference, "section_tables", lambda report, lang: tables)
    monkeypatch.setattr(streamed, "_CHUNK", 5)
    new = streamed.write_workbook(varied, tmp_path / "new.xlsx", "en")
    old = reference.write_workbook(varied, tmp_path / "old.xlsx", "en")
    assert_same_workbook(new, old)
    ws = openpyxl.load_workbook(new)["Unfinished"]
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "  spaced both ends " in values and "长" * 32_767 in values and True in values


def test_a_list_past_what_a_plain_zip_entry_holds_is_written_again_with_zip64(varied, tmp_path, monkeypatch):
    def local_extra(path, name) -> int:  # the length of the extra field of the part's local header
        with zipfile.ZipFile(path) as z:
            assert z.testzip() is None
            offset = z.getinfo(name).header_offset
        with open(path, "rb") as fh:
            fh.seek(offset + 28)
            return int.from_bytes(fh.read(2), "little")

    plain = streamed.write_workbook(varied, tmp_path / "plain.xlsx", "en")
    assert local_extra(plain, "xl/worksheets/sheet6.xml") == 0  # Excel reads Zip64 strictly: none unless needed
    monkeypatch.setattr(streamed, "_PLAIN_ZIP_LIMIT", 20_000)  # as if the findings were gigabytes
    big = streamed.write_workbook(varied, tmp_path / "big.xlsx", "en")
    assert local_extra(big, "xl/worksheets/sheet6.xml") > 0  # the Zip64 field
    assert_same_workbook(big, reference.write_workbook(varied, tmp_path / "old.xlsx", "en"))
