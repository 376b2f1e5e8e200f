"""The package scan: hidden rows, formula columns, never-calculated formulas and error cells,
read from a sheet's XML as it is inflated piece by piece. Real .xlsx packages are built here
with the XML written out, so every shape the scan must see (namespace prefixes, inline text
holding 'f' and '#', hidden columns, rows cut across pieces) is in the file, and the scan is
compared with a plain whole-document reading of the same XML."""

from __future__ import annotations

import random
import re
import zipfile
import zlib
from pathlib import Path

import pytest

from toolkit.registers import package
from toolkit.registers.package import inspect_package

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def build(path: Path, sheet_xml: str, *, method: int = zipfile.ZIP_DEFLATED, name: str = "登记") -> Path:
    """A minimal workbook package holding one sheet with exactly this XML."""
    with zipfile.ZipFile(path, "w", compression=method) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        zf.writestr("_rels/.rels", f'<Relationships xmlns="{RELS_NS}"><Relationship Id="rId1" Type="{RELS_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        zf.writestr("xl/workbook.xml", f'<workbook xmlns="{NS}" xmlns:r="{RELS_NS}"><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>')
        zf.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{RELS_NS}"><Relationship Id="rId1" Type="{RELS_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        zf.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return path


def sheet(rows: list[str], *, prefix: str = "", before: str = "", after: str = "") -> str:
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{NS}"' if prefix else f'xmlns="{NS}"'
    return (f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet {xmlns}>{before}<{p}sheetData>'
            + "".join(rows) + f"</{p}sheetData>{after}</{p}worksheet>")


def row(r: int, cells: list[str], attrs: str = "", prefix: str = "") -> str:
    p = f"{prefix}:" if prefix else ""
    return f'<{p}row r="{r}"{attrs}>' + "".join(cells) + f"</{p}row>"


def text(ref: str, value: str, prefix: str = "") -> str:
    p = f"{prefix}:" if prefix else ""
    return f'<{p}c r="{ref}" t="inlineStr"><{p}is><{p}t>{value}</{p}t></{p}is></{p}c>'


def oracle(xml: str) -> tuple[list[int], set, dict, set]:
    """The facts read the plain way: every row and cell of the whole document at once."""
    data = xml.encode()
    body = data[data.index(b"sheetData"):data.rindex(b"sheetData")]
    hidden = [int(m.group(1)) for m in re.finditer(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"[^>]*>', body)
              if re.search(rb'\bhidden="(?:1|true)"', m.group(0))]
    formula_cols, uncalculated, errors = set(), set(), {}
    for m in re.finditer(rb"<(?:\w+:)?c\b([^>]*?)(/>|>(.*?)</(?:\w+:)?c>)", body, re.S):
        ref = re.search(rb'\br="([A-Z]+)(\d+)"', m.group(1))
        col = sum((ch - 64) * 26 ** i for i, ch in enumerate(reversed(ref.group(1)))) - 1
        inner = m.group(3) or b""
        if b't="e"' in m.group(1):
            value = re.search(rb"<(?:\w+:)?v\b[^>]*>([^<]*)<", inner)
            errors[(int(ref.group(2)), col)] = value.group(1).decode() if value else "#ERROR"
        if re.search(rb"<(?:\w+:)?f\b", inner):
            formula_cols.add(col)
            if not re.search(rb"<(?:\w+:)?(?:v|is)\b[^>]*>[^<]", inner) and b't="str"' not in m.group(1):
                uncalculated.add((int(ref.group(2)), col))
    return hidden, uncalculated, errors, formula_cols


def facts_of(path: Path, name: str = "登记"):
    f = inspect_package(path)[name]
    return f.hidden_rows, f.uncalculated, f.errors, f.formula_columns


@pytest.fixture(params=["isal", "zlib"])
def inflater(request, monkeypatch):
    """Both inflaters: ISA-L where its wheel exists, zlib where it does not."""
    if request.param == "zlib":
        monkeypatch.setattr(package, "_decompressobj", zlib.decompressobj)
        monkeypatch.setattr(package, "_InflateError", zlib.error)
    return request.param


def test_a_plain_register_has_no_facts(tmp_path, inflater):
    rows = [row(r, [text(f"A{r}", f"WX{r:05d}"), f'<c r="B{r}"><v>{46329 + r / 100}</v></c>'], ' spans="1:2" ht="20"')
            for r in range(1, 2000)]
    path = build(tmp_path / "plain.xlsx", sheet(rows, after='<pageMargins footer="0.3"/><headerFooter/>'))
    assert facts_of(path) == ([], set(), {}, set())


def test_hidden_rows_formulas_and_errors_are_found(tmp_path, inflater):
    rows = [
        row(1, [text("A1", "单号")]),
        row(2, [text("A2", "WX1"), '<c r="B2"><f>SUM(C2:D2)</f><v>3</v></c>'], ' hidden="1"'),
        row(3, [text("A3", "WX2"), '<c r="B3"><f>SUM(C3:D3)</f></c>', '<c r="C3" t="e"><v>#DIV/0!</v></c>']),
        row(4, [text("A4", "WX3"), '<c r="AB4" t="e"><f>1/0</f><v>#N/A</v></c>'], ' hidden="true" ht="0"'),
    ]
    xml = sheet(rows)
    path = build(tmp_path / "facts.xlsx", xml)
    assert facts_of(path) == ([2, 4], {(3, 1)}, {(3, 2): "#DIV/0!", (4, 27): "#N/A"}, {1, 27})
    assert facts_of(path) == oracle(xml)


def test_an_empty_text_result_excel_stored_is_calculated(tmp_path, inflater):
    """IF(…,"",…) as Excel saves it: t="str" and an empty value. Never calculated (openpyxl's
    <f>…</f><v></v>, no type) stays uncalculated."""
    rows = [
        row(1, [text("A1", "单号")]),
        row(2, [text("A2", "WX1"), '<c r="B2" s="3" t="str"><f>IF(C2="","",C2)</f><v></v></c>']),
        row(3, [text("A3", "WX2"), '<c r="B3"><f>IF(C3="","",C3)</f><v></v></c>']),
    ]
    xml = sheet(rows)
    path = build(tmp_path / "facts.xlsx", xml)
    assert facts_of(path) == ([], {(3, 1)}, {}, {1})
    assert facts_of(path) == oracle(xml)


def test_text_holding_f_and_hash_is_not_a_formula_or_an_error(tmp_path, inflater):
    rows = [row(r, [text(f"A{r}", "fix the leaking faucet #3 (floor 5)"), text(f"B{r}", "hidden=&quot;1&quot;")])
            for r in range(1, 50)]
    path = build(tmp_path / "words.xlsx", sheet(rows))
    assert facts_of(path) == ([], set(), {}, set())


def test_hidden_columns_and_what_surrounds_the_rows_are_not_rows(tmp_path, inflater):
    # <cols> before the rows and the page set-up after them hold 'hidden', 'f' and '#'
    before = '<sheetFormatPr defaultRowHeight="15"/><cols><col min="2" max="2" hidden="1"/></cols>'
    after = ('<dataValidations><dataValidation sqref="A1"><formula1>"#1,#2"</formula1></dataValidation>'
             '</dataValidations><pageMargins footer="0.3"/>')
    xml = sheet([row(1, [text("A1", "单号")]), row(2, [text("A2", "WX1")])], before=before, after=after)
    path = build(tmp_path / "around.xlsx", xml)
    assert facts_of(path) == ([], set(), {}, set()) == oracle(xml)


def test_namespace_prefixes_are_read(tmp_path, inflater):
    rows = [row(1, [text("A1", "单号", "x")], prefix="x"),
            row(2, ['<x:c r="B2"><x:f>A1</x:f></x:c>', '<x:c r="C2" t="e"><x:v>#REF!</x:v></x:c>'], ' hidden="1"', "x")]
    xml = sheet(rows, prefix="x")
    path = build(tmp_path / "prefixed.xlsx", xml)
    assert facts_of(path) == ([2], {(2, 1)}, {(2, 2): "#REF!"}, {1}) == oracle(xml)


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_a_sheet_inflated_in_many_pieces_loses_nothing_at_their_seams(tmp_path, inflater, method, monkeypatch):
    # rows that do not compress well, read 16 KB at a time: the part comes in many pieces,
    # and rows (and the facts in them) are cut wherever a piece ends
    monkeypatch.setattr(package, "_RAW_CHUNK", 1 << 14)
    rng = random.Random(7)
    rows, expected_hidden = [], []
    for r in range(1, 30_001):
        noise = "".join(rng.choice("abcdeghijklmnopqrstuvwxyz") for _ in range(rng.randint(20, 60)))
        cells = [text(f"A{r}", noise)]
        if r % 5 == 0:
            cells.append(f'<c r="D{r}"><f>A{r}&amp;B{r}</f></c>')
        if r % 7 == 0:
            cells.append(f'<c r="E{r}" t="e"><v>#VALUE!</v></c>')
        hidden = r % 3 == 0
        expected_hidden += [r] if hidden else []
        rows.append(row(r, cells, ' hidden="1"' if hidden else ""))
    xml = sheet(rows)
    path = build(tmp_path / "big.xlsx", xml, method=method)
    info = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml")
    assert info.compress_size > 50 * package._RAW_CHUNK, "the part must come in many pieces"
    found = facts_of(path)
    assert found == oracle(xml)
    assert found[0] == expected_hidden and len(found[1]) == 6_000 and len(found[2]) == 4_285 and found[3] == {3}


def test_a_sheet_with_no_rows_gives_no_facts_and_a_damaged_part_is_refused(tmp_path, inflater):
    empty = build(tmp_path / "empty.xlsx", sheet([]).replace("<sheetData></sheetData>", "<sheetData/>"))
    assert facts_of(empty) == ([], set(), {}, set())
    damaged = build(tmp_path / "damaged.xlsx", sheet([row(1, [text("A1", "x" * 5000)])]))
    data = bytearray(damaged.read_bytes())
    start = data.index(b"xl/worksheets/sheet1.xml") + 40  # inside the part's compressed bytes
    data[start:start + 40] = b"\xff" * 40
    damaged.write_bytes(bytes(data))
    # the scan gives up on the sheet, and the engine must not read what was not checked
    assert inspect_package(damaged)["登记"].refused[0] == "err.damaged_package"


def _patch_central(path: Path, part: str, *, offset: int, value: bytes) -> None:
    """Overwrite a field of one entry's central directory record (offset from its signature)."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        size = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + size] == part.encode():
            data[at + offset:at + offset + len(value)] = value
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def test_a_sheet_that_inflates_past_the_size_it_declares_is_not_inflated_further(tmp_path, inflater):
    """A zip bomb may declare a small size for a part that inflates to gigabytes: nothing is
    inflated past the declared size."""
    import tracemalloc

    xml = sheet([row(1, [text("A1", "单号")]), row(2, [text("A2", "WX1")])]).replace("<sheetData>", "<sheetData>" + " " * 30_000_000)
    path = build(tmp_path / "lying.xlsx", xml)
    _patch_central(path, "xl/worksheets/sheet1.xml", offset=24, value=(20_000).to_bytes(4, "little"))
    tracemalloc.start()
    try:
        facts = package.inspect_package(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert facts["登记"].refused == ("err.damaged_part", {})
    assert peak < 8_000_000, f"{peak:,} bytes held while reading a 30 MB part that declares 20 KB"


def test_part_names_written_without_the_utf8_flag_are_found(tmp_path):
    """A tool that writes UTF-8 names without flagging them: the scan finds the sheet's part as
    the engine does."""
    import python_calamine as pc

    rows = [row(1, [text("A1", "单号")]), row(2, [text("A2", "WX1")], ' hidden="1"')]
    path = tmp_path / "unflagged.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in zipfile.ZipFile(build(tmp_path / "plain.xlsx", sheet(rows))).infolist():
            data = zipfile.ZipFile(tmp_path / "plain.xlsx").read(info)
            data = data.replace(b"worksheets/sheet1.xml", "worksheets/表.xml".encode())
            zf.writestr(info.filename.replace("worksheets/sheet1.xml", "worksheets/表.xml"), data)
    data = bytearray(path.read_bytes())
    for signature, flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at != -1:
            value = int.from_bytes(data[at + flags:at + flags + 2], "little") & ~0x800
            data[at + flags:at + flags + 2] = value.to_bytes(2, "little")
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    assert package.inspect_package(path)["登记"].hidden_rows == [2]
    assert pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("登记").to_python()[1] == ["WX1"]


def test_a_damaged_part_that_is_not_a_sheet_keeps_the_sheets_facts(tmp_path):
    rows = [row(1, [text("A1", "单号")]), row(2, [text("A2", "WX1"), '<c r="B2"><f>1+1</f></c>'], ' hidden="1"')]
    path = build(tmp_path / "props.xlsx", sheet(rows))
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("docProps/core.xml", "<coreProperties/>")
    data = bytearray(path.read_bytes())
    at = data.rfind(b"PK\x03\x04")  # the local header of the part added last
    data[at:at + 4] = b"XX\x03\x04"
    path.write_bytes(bytes(data))
    facts = package.inspect_package(path)
    assert facts["登记"].hidden_rows == [2] and facts["登记"].uncalculated == {(2, 1)}


def test_a_sheet_in_a_method_zipfile_cannot_read_is_refused_without_a_crash(tmp_path):
    path = build(tmp_path / "deflate64.xlsx", sheet([row(1, [text("A1", "单号")])]))
    _patch_central(path, "xl/worksheets/sheet1.xml", offset=10, value=(9).to_bytes(2, "little"))  # deflate64
    facts = package.inspect_package(path)
    assert facts["登记"].refused == ("err.damaged_package", {"detail": "an unknown compression method"})
