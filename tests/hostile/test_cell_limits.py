"""#17, 3 and 5: a cell written past Excel's limits, or far from the others, made the engine ask for
hundreds of GB and abort the process (SIGABRT, exit 134, nothing printed) when the file was
checked alone; a row past the limit cost a gigabyte and ten seconds. The package scan now places
the cells before the engine reads a sheet and refuses such a sheet with one line. And 3,000
sheets naming one sheet part are read once, not 3,000 times.

Runs are capped at 3 GB of address space, so the old behaviour fails fast instead of taking
the machine's memory."""

from __future__ import annotations

import re
import sys
import time
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from helpers import good_order, write_register  # noqa: E402
from hostile.damage import (  # noqa: E402
    by_name, check_alone, check_folder_run, findings_of, good_registers, rewrite_sheet, run_json,
)

from toolkit.registers import package  # noqa: E402

PAST = ("lies past Excel's last row or column",)
SPAN = ("its cells span A1:XFD1048576",)


def _capped():
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, resource.getrlimit(resource.RLIMIT_AS)[1]))


def _cell(ref: bytes, to: bytes):
    """The cell at ``ref`` written at ``to`` (its reference attribute only)."""
    def change(xml: bytes) -> bytes:
        assert b'<c r="' + ref + b'"' in xml
        return xml.replace(b'<c r="' + ref + b'"', b'<c r="' + to + b'"', 1)
    return change


def _dimension(ref: bytes):
    def change(xml: bytes) -> bytes:
        xml, n = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="' + ref + b'"', xml)
        assert n == 1
        return xml
    return change


def _counted_cells(xml: bytes) -> bytes:
    """A row far down whose 100 cells carry no reference: the engine counts their places."""
    row = b'<row r="1000000">' + b"<c><v>1</v></c>" * 100 + b"</row>"
    return xml.replace(b"</sheetData>", row + b"</sheetData>")


SMALL = {  # name → (change to the sheet XML, words of its one line)
    "row-past-limit.xlsx": (_cell(b"A4", b"A99999999999"), ("cell A99999999999",) + PAST),
    "column-past-limit.xlsx": (_cell(b"A4", b"ZZZZZZ1"), ("cell ZZZZZZ1",) + PAST),
    "first-row-past.xlsx": (_cell(b"A4", b"A1048577"), ("cell A1048577",) + PAST),
    "dimension-past-limit.xlsx": (_dimension(b"A1:XFD99999999"), ("declares its size as A1:XFD99999999",)),
    "far-apart.xlsx": (_cell(b"A4", b"XFD1048576"), SPAN),
    "second-reference.xlsx": (_cell(b"A4", b'A4" r="XFD1048576'), SPAN),
    "prefixed-cell.xlsx": (lambda xml: xml.replace(b"</sheetData>", b'<row r="1048576"><x:c r="XFD1048576"><x:v>1'
                                                   b"</x:v></x:c></row></sheetData>"), SPAN),
    "counted-places.xlsx": (_counted_cells, ("its cells span A1:CV1000000",)),
}


def _large_register(folder: Path) -> bytes:
    """A register whose sheet part is larger than the part checked cell by cell."""
    rows = [good_order(单号=f"WX26{i:06d}") for i in range(1, 1500)]
    data = write_register(folder / "large.xlsx", rows).read_bytes()
    with zipfile.ZipFile(folder / "large.xlsx") as zf:
        assert zf.getinfo("xl/worksheets/sheet1.xml").compress_size > getattr(package, "EVERY_CELL_BELOW", 65536)
    return data


def _stray_cell_as_excel_writes_it(xml: bytes) -> bytes:
    """A value typed in XFD1048576: Excel writes the cell and widens the sheet's declared size."""
    xml = _dimension(b"A1:XFD1048576")(xml)
    return xml.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')


def _hidden_far_cell(xml: bytes) -> bytes:
    """The same cell planted among the rows, the declared size left as it was: only placing every
    cell would find it, which a sheet this large is not (the worker's memory cap catches it)."""
    return xml.replace(b'<c r="A700"', b'<c r="XFD1048576"><v>1</v></c><c r="A700"', 1)


@pytest.fixture(scope="module")
def shelf(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("far-cells")
    good_registers(folder)
    scratch = tmp_path_factory.mktemp("scratch")
    data = write_register(scratch / "source.xlsx", [good_order(), good_order(单号="WX2611002")]).read_bytes()
    for name, (change, _) in SMALL.items():
        (folder / name).write_bytes(rewrite_sheet(data, scratch, change))
    large = _large_register(scratch)
    (folder / "stray-cell.xlsx").write_bytes(rewrite_sheet(large, scratch, _stray_cell_as_excel_writes_it))
    return folder


BAD = {**{name: words for name, (_, words) in SMALL.items()}, "stray-cell.xlsx": SPAN}


@pytest.mark.parametrize("jobs", [2, 1])
def test_cells_far_away_in_a_folder_are_one_line_each(shelf, jobs):
    check_folder_run(shelf, BAD, jobs, preexec=_capped)


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_cell_far_away_named_alone_is_one_line_not_an_abort(shelf, name):
    check_alone(shelf / name, *BAD[name], preexec=_capped)


def test_a_register_reaching_excels_last_row_is_read(tmp_path):
    """A value in the last row Excel has is within the limits: the sheet is read (its cells
    span 1,048,576 rows of 20 columns, within what a sheet may span)."""
    data = write_register(tmp_path / "source.xlsx", [good_order(), good_order(单号="WX2611002", 客户签字=None)]).read_bytes()
    path = tmp_path / "last-row.xlsx"
    path.write_bytes(rewrite_sheet(data, tmp_path, lambda xml: xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="B1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')))
    result, report = run_json(str(path), preexec=_capped)
    assert result.returncode == 1 and by_name(report)["last-row.xlsx"]["error"] is None
    assert "M4" in findings_of(report, "last-row.xlsx")


@pytest.mark.parametrize("jobs", [2, 1])
def test_a_far_cell_hidden_in_a_large_sheet_costs_only_its_worker(tmp_path, jobs):
    """What the scan does not place cell by cell: in a folder the engine's failed allocation
    ends only the worker reading it (its memory cap), and the file's line says so."""
    good_registers(tmp_path / "site")
    large = _large_register(tmp_path)
    (tmp_path / "site" / "hidden.xlsx").write_bytes(rewrite_sheet(large, tmp_path, _hidden_far_cell))
    check_folder_run(tmp_path / "site", {"hidden.xlsx": ("killed by signal 6 (SIGABRT)",)}, jobs)


def _repeated_sheets(data: bytes, tmp: Path, count: int) -> bytes:
    """``count`` sheets in workbook.xml, every one naming the same sheet part."""
    def change(xml: bytes) -> bytes:
        one = re.search(rb"<sheet [^>]*/>", xml).group(0)
        rid = re.search(rb'r:id="([^"]+)"', one).group(1)
        many = b"".join(b'<sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
                        b'name="S%d" sheetId="%d" r:id="%s"/>' % (i, i, rid) for i in range(1, count + 1))
        return xml.replace(one, many)
    return rewrite_sheet(data, tmp, change, member="xl/workbook.xml")


def test_sheets_naming_one_part_are_read_once(tmp_path):
    data = write_register(tmp_path / "source.xlsx", [good_order(), good_order(单号="WX2611002", 客户签字=None)]).read_bytes()
    path = tmp_path / "repeated.xlsx"
    path.write_bytes(_repeated_sheets(data, tmp_path, 3000))
    assert path.stat().st_size < 50_000
    started = time.monotonic()
    result, report = run_json(str(path), "--annotate", str(tmp_path / "copies"))
    elapsed = time.monotonic() - started
    assert result.returncode == 1
    sheets = report["files"][0]["sheets"]
    assert len(sheets) == 3000 and sheets[0]["records"] == 2
    assert {s["skipped"] for s in sheets[1:]} == {"same_part"}
    assert findings_of(report, "repeated.xlsx") == ["M4"], "one finding, not one per sheet naming the part"
    assert (tmp_path / "copies" / "repeated.checked.xlsx").exists()
    assert elapsed < 30, f"{elapsed:.1f} s"


@pytest.mark.parametrize("jobs", [2, 1])
def test_sheets_naming_one_part_in_a_folder(tmp_path, jobs):
    good_registers(tmp_path / "site")
    data = write_register(tmp_path / "source.xlsx", [good_order(单号="WX2611030", 维修人员签字=None)]).read_bytes()
    (tmp_path / "site" / "repeated.xlsx").write_bytes(_repeated_sheets(data, tmp_path, 3000))
    (tmp_path / "site" / "broken.xlsx").write_bytes(rewrite_sheet(data, tmp_path, _cell(b"A3", b"A99999999999")))
    check_folder_run(tmp_path / "site", {"broken.xlsx": PAST}, jobs, good={"repeated.xlsx": ["K3"]})
