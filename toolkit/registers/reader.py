"""Read a workbook as it is: every sheet, its header found, its rows turned into records.

python-calamine reads the values (about ten times faster than openpyxl here, and it also
reads .xls, .xlsb, .ods and WPS Office's .et); openpyxl is only used for writing copies. A file
is read by what its content is: an .xls saved under an .xlsx name is read as an .xls.
"""

from __future__ import annotations

import re
import zipfile
from itertools import chain, count, islice
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from toolkit.errors import InputError
from toolkit.ooxml.marks import ToolkitMarks, toolkit_marks
from toolkit.registers.header import (
    HEADER_SCAN_ROWS, MAX_HEADER_CHARS, MIN_FIELDS, find_header, map_columns, normalise,
)
from toolkit.registers.native import is_panic, panic_detail
from toolkit.registers import call_log
from toolkit.registers.fields import CALLS, KINDS, RECORD_KINDS, WORK_ORDERS
from toolkit.registers.records import Register, SkippedRow, build_records
from toolkit.registers.values import clean_text

# A package whose parts would unpack to more than this is refused before reading.
MAX_UNPACKED_BYTES = 2_000_000_000
MAX_COMPRESSION_RATIO = 200
FINDINGS_SHEET_NAMES = ("检查结果", "Findings")
FINDINGS_SHEET_MARK = "toolkit:findings"
# An annotated copy marks its findings sheet (toolkit.ooxml.marks); a copy converted to another
# format is still recognised by the findings table's header row.
FINDINGS_COLUMNS = ("col.sheet", "col.cell", "col.row", "col.column", "col.record", "col.severity", "col.rule",
                    "col.message")
FINDINGS_HEADER_ROW = 3


@dataclass(slots=True)
class SheetRead:
    name: str
    hidden: bool = False
    registers: list[Register] = field(default_factory=list)  # one, or a call log's kinds of call
    skipped_reason: str | None = None  # why the sheet is not a register
    error: InputError | None = None  # the sheet could not be read at all

    @property
    def register(self) -> Register | None:
        """The sheet's register (for a call log, the first of its kinds)."""
        return self.registers[0] if self.registers else None


@dataclass(slots=True)
class WorkbookRead:
    path: str
    sheets: list[SheetRead] = field(default_factory=list)

    @property
    def registers(self) -> list[Register]:
        return [reg for s in self.sheets for reg in s.registers]


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
# The container each name promises. WPS Office's .et promises neither: it is an old-format
# (OLE, like .xls) or a new-format (zip, like .xlsx) workbook, told apart by its first bytes.
_CONTAINER_OF_SUFFIX = {".xlsx": _ZIP_MAGIC, ".xlsm": _ZIP_MAGIC, ".xlsb": _ZIP_MAGIC, ".ods": _ZIP_MAGIC,
                        ".xls": _OLE_MAGIC}
WPS_SUFFIX = ".et"


def _name_lies(path: Path, magic: bytes) -> bool:
    """The file's name promises another container than its first bytes hold (or none: .et)."""
    promised = _CONTAINER_OF_SUFFIX.get(path.suffix.lower())
    return promised is None or not magic.startswith(promised)


def _sniff(path: Path) -> bytes:
    from toolkit.registers.files import open_regular

    try:
        with open_regular(path) as fh:  # a regular file of a size the toolkit reads, or InputError
            return fh.read(4096)
    except FileNotFoundError:
        raise InputError("err.not_found", path=str(path)) from None
    except IsADirectoryError:
        raise InputError("err.is_folder", path=str(path)) from None
    except PermissionError:
        raise InputError("err.permission", path=str(path)) from None
    except OSError as exc:
        raise InputError("err.os", path=str(path), detail=exc.strerror or str(exc)) from None


def _check_package(path: Path) -> None:
    """Refuse zip bombs before the engine inflates them."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except Exception:  # BadZipFile, and what a damaged directory makes zipfile raise besides (struct.error…)
        raise InputError("err.bad_zip", path=str(path)) from None
    names = {i.filename for i in infos}
    if not any(n.startswith(("xl/", "content.xml")) for n in names) and "[Content_Types].xml" not in names:
        raise InputError("err.zip_not_workbook", path=str(path))
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if unpacked > MAX_UNPACKED_BYTES or (unpacked > 100_000_000 and unpacked / packed > MAX_COMPRESSION_RATIO):
        raise InputError("err.zip_bomb", path=str(path), mb=unpacked // 1_000_000)


def _is_findings_sheet(name: str, rows: list[list], marked: str | None) -> bool:
    if name == marked:
        return True
    if name in FINDINGS_SHEET_NAMES and rows and rows[0] and str(rows[0][0]).startswith(FINDINGS_SHEET_MARK):
        return True
    if len(rows) < FINDINGS_HEADER_ROW:
        return False
    from toolkit.i18n import LANGS, t

    header = [str(x).strip() for x in rows[FINDINGS_HEADER_ROW - 1][:len(FINDINGS_COLUMNS)]]
    return any(header == [t(k, lang) for k in FINDINGS_COLUMNS] for lang in LANGS)


def _looks_like_text(head: bytes) -> bool:
    """CSV or text saved with a spreadsheet name: decodable text with no control bytes."""
    if b"\x00" in head:
        return False
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            # the 4 KB cut may split a character: drop up to 3 trailing bytes and retry
            try:
                text = head[:-3].decode(encoding)
            except UnicodeDecodeError:
                continue
        return all(ch.isprintable() or ch in "\t\r\n" for ch in text)
    return False


def _explained(detail: str, path: Path) -> InputError:
    """calamine's own words, turned into what the user can do about it."""
    cells = re.search(r"Cell limit exceeded \((\d+) cells", detail)
    if cells:
        return InputError("err.too_many_cells", path=str(path), cells=f"{int(cells.group(1)):,}")
    if detail.startswith("Cfb error") or "points past end" in detail:
        return InputError("err.damaged_xls", path=str(path), detail=detail[:120])
    if "larger than its declared" in detail or "CRC" in detail or "crc" in detail:
        return InputError("err.damaged_part", path=str(path))
    if any(w in detail for w in ("deflate", "Zip archive", "compression method", "Password required")):
        return InputError("err.damaged_package", path=str(path), detail=detail[:120])
    return InputError("err.unreadable", path=str(path), detail=detail[:200])


def open_workbook(path: Path, magic: bytes | None = None):
    """Open with calamine, turning every failure into one clear InputError. ``magic``: what
    check_file_kind gave, when it has been asked already."""
    import python_calamine as pc

    magic = check_file_kind(path) if magic is None else magic
    if _name_lies(path, magic):
        # the engine picks its reader by the name in from_path; from a file object it goes by
        # the content (an .xls saved as .xlsx, a WPS .et of either kind)
        try:
            with open(path, "rb") as fh:
                return pc.CalamineWorkbook.from_filelike(fh)
        except pc.PasswordError:
            raise InputError("err.encrypted", path=str(path)) from None
        except OSError as exc:
            raise InputError("err.os", path=str(path), detail=exc.strerror or str(exc)) from None
        except BaseException as exc:
            _reraise_unless_engine(exc)
            if is_panic(exc):
                raise InputError("err.engine_panic", path=str(path), detail=panic_detail(exc)) from None
            if path.suffix.lower() == WPS_SUFFIX:
                detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                if "password" in detail.lower():
                    raise InputError("err.encrypted", path=str(path)) from None
                raise InputError("err.et_unreadable", path=str(path), detail=detail[:200]) from None
            # else what the name's own reader says (an encrypted .xlsx is an OLE container too)
    try:
        return pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError:
        raise InputError("err.encrypted", path=str(path)) from None
    except BaseException as exc:  # calamine raises several types for damaged files, and may panic
        _reraise_unless_engine(exc)
        if is_panic(exc):
            raise InputError("err.engine_panic", path=str(path), detail=panic_detail(exc)) from None
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if magic.startswith(_OLE_MAGIC) and "password" in detail.lower():
            raise InputError("err.encrypted", path=str(path)) from None
        if magic.startswith(_OLE_MAGIC) and path.suffix.lower() in (".xlsx", ".xlsm"):
            raise InputError("err.old_container", path=str(path)) from None
        raise _explained(detail, path) from None


def _reraise_unless_engine(exc: BaseException) -> None:
    """What the engine raises is an Exception or a panic (a BaseException); anything else
    (KeyboardInterrupt, SystemExit) goes on up."""
    if not (isinstance(exc, Exception) or is_panic(exc)):
        raise exc


def _sheet_error(exc: BaseException, ws=None) -> InputError:
    """A sheet the engine could not read: a panic said as such (with the row it failed on, found
    by reading the rows again: only after a failure), anything else in its own words."""
    if is_panic(exc):
        row = _failing_row(ws) if ws is not None else None
        if row is not None:
            return InputError("err.engine_panic_row", row=row, detail=panic_detail(exc))
        return InputError("err.engine_panic", detail=panic_detail(exc))
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return InputError("err.sheet_unreadable", detail=detail[:200])


def _failing_row(ws) -> int | None:
    """The Excel row on which converting the sheet's rows fails again (None when it does not)."""
    rows = 0
    try:
        for _ in ws.iter_rows():
            rows += 1
    except BaseException as exc:
        _reraise_unless_engine(exc)
        return (ws.start[0] if ws.start else 0) + rows + 1
    return None


def check_file_kind(path: Path) -> bytes:
    """The file's first bytes, once it is known to be a workbook the engine may open: empty
    files, zip bombs, web pages, text and unknown formats are refused here."""
    magic = _sniff(path)
    if not magic:
        raise InputError("err.empty", path=str(path))
    if path.suffix.lower() == WPS_SUFFIX and not magic.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        raise InputError("err.et_unknown", path=str(path))
    if magic.startswith(_ZIP_MAGIC):
        _check_package(path)
    elif not magic.startswith(_OLE_MAGIC):
        head = magic.lower()
        if head.startswith((b"<?xml", b"<html", b"<!doc", b"<table")):
            raise InputError("err.html", path=str(path))
        if _looks_like_text(magic):
            raise InputError("err.csv", path=str(path))
        raise InputError("err.unknown_format", path=str(path))
    return magic


_MONTH_PATTERNS = (
    re.compile(r"(?P<y>20\d{2})\s*[年./\-_]\s*(?P<m>\d{1,2})(?!\d)"),
    re.compile(r"(?P<y>20\d{2})(?P<m>0[1-9]|1[0-2])(?!\d)"),
    re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月"),
)


_YEAR = re.compile(r"(?<!\d)(?P<y>20\d{2})\s*年")


def sheet_anchor(sheet_name: str, title: str, as_of: datetime) -> date:
    """The month a sheet is about (from its name or title), for dates written without a year.

    A month named without its year ("5月") takes the year the other text gives (a title
    "…（2026年5月）" or "2026年度…"), else the latest such month up to the month after the
    as-of date."""
    found = [m for text in (sheet_name, title) for m in _month_matches(text or "")]
    if not found:
        return as_of.date()
    month, year = found[0]
    if year is None:
        year = next((y for _, y in found if y is not None), None)
    if year is None:
        m = _YEAR.search(sheet_name or "") or _YEAR.search(title or "")
        year = int(m.group("y")) if m else None
    if year is None:
        # "5月" alone: the latest such month up to the check's next month (a register records
        # what has happened; a sheet may be set up for the coming month, not for next spring)
        year = as_of.year if month <= as_of.month + 1 else as_of.year - 1
    return date(year, month, 15)


def _month_matches(text: str) -> list[tuple[int, int | None]]:
    """(month, year or None) for the first month each pattern finds in ``text``."""
    found = []
    for pattern in _MONTH_PATTERNS:
        m = pattern.search(text)
        if m and 1 <= int(m.group("m")) <= 12:
            year = m.groupdict().get("y")
            found.append((int(m.group("m")), int(year) if year else None))
    return found


def _stream_fixes(rows, merged, data_start: int, uncalculated, errors=None):
    """Apply, row by row, what the values alone miss: a value merged down several data rows
    (one date for a day's orders) belongs to each row; a never-calculated formula is unknown."""
    spans = sorted(((r0, r1, c0, c1) for (r0, c0), (r1, c1) in merged or () if r1 > r0 and r0 >= data_start))
    from toolkit.registers.values import UNCALCULATED

    by_row: dict[int, list[tuple[int, object]]] = {}
    for r, c in uncalculated or ():
        by_row.setdefault(r, []).append((c, UNCALCULATED))
    for (r, c), text in (errors or {}).items():
        by_row.setdefault(r, []).append((c, text))  # calamine reads an error cell as empty
    if not spans and not by_row:
        return rows  # the usual sheet: its rows pass as they come, through no generator
    return _fixed(rows, spans, by_row)


@dataclass(frozen=True, slots=True)
class _MergedDown:
    """A value merged down several data rows (a day's date over its orders), from its first row."""

    first: int  # 0-based rows and columns, as the engine gives merges
    last: int
    left: int
    right: int
    value: object


def _fixed(rows, spans, by_row):
    active: list[_MergedDown] = []
    pending = list(spans)
    for excel_row, row in rows:
        index = excel_row - 1
        if by_row.get(excel_row):
            row = list(row)
            for c, stand_in in by_row[excel_row]:
                if c < len(row) and row[c] in ("", None):
                    row[c] = stand_in
        while pending and pending[0][0] == index:
            r0, r1, c0, c1 = pending.pop(0)
            active.append(_MergedDown(r0, r1, c0, c1, row[c0] if c0 < len(row) else ""))
        active = [a for a in active if a.last >= index]
        for merge in active:
            if index > merge.first:
                row = list(row)
                for c in range(merge.left, min(merge.right + 1, len(row))):
                    if row[c] in ("", None):
                        row[c] = merge.value
        yield excel_row, row


def _fold_merged_orders(rows, merged, cmap, data_start: int, continued: list[int]):
    """One order written over several rows, its form number merged down them: the rows are
    one record (at the number's row); text the later rows add (a second line of notes) is
    joined to it, and the later rows are listed in ``continued``."""
    number = cmap.fields.get("order_no" if cmap.kind == WORK_ORDERS else "complaint_no")
    spans = {r0 + 1: r1 + 1 for (r0, c0), (r1, c1) in merged or ()
             if number is not None and c0 <= number.index <= c1 and r1 > r0 and r0 >= data_start}
    if not spans:
        return rows
    return _folded(rows, spans, continued)


@dataclass(slots=True)
class _HeldOrder:
    """An order written over several rows, held until its last row has been read."""

    row: int  # the first row: the record's
    cells: list
    last_row: int
    lines: dict[int, dict[str, None]] = field(default_factory=dict)  # column → lines added, in order

    def add(self, more: list) -> None:
        """A later row's own values: they fill the first row's empty cells, or add a line of text."""
        first = self.cells
        if len(more) > len(first):
            first.extend([""] * (len(more) - len(first)))
        for c, value in enumerate(more):
            if value in ("", None) or value == first[c]:
                continue
            if first[c] in ("", None):
                first[c] = value
            else:  # two values for one cell: both kept as its lines (a fee or a date then reads as unreadable)
                self.lines.setdefault(c, {})[_as_line(value)] = None  # each line once, in order

    def joined(self) -> list:
        for c, more in self.lines.items():
            self.cells[c] = "\n".join([_as_line(self.cells[c]), *more])
        return self.cells


def _folded(rows, spans, continued: list[int]):
    held: _HeldOrder | None = None
    for excel_row, row in rows:
        if held is not None and excel_row <= held.last_row:
            held.add(row)
            continued.append(excel_row)
            continue
        if held is not None:
            yield held.row, held.joined()
            held = None
        if excel_row in spans:
            held = _HeldOrder(excel_row, list(row), spans[excel_row])
            continue
        yield excel_row, row
    if held is not None:
        yield held.row, held.joined()


def _as_line(value) -> str:
    return value if isinstance(value, str) else clean_text(value) or str(value)


def _sheet_rows(ws):
    """(Excel row number, cells from column A) for every row of the used range, lazily."""
    start = ws.start
    if start is None:
        return iter(())
    r0, c0 = start
    if not c0:
        return zip(count(r0 + 1), ws.iter_rows())
    pad = [""] * c0
    return ((r0 + i + 1, pad + row) for i, row in enumerate(ws.iter_rows()))


def warm_up() -> None:
    """Pay now what reading the first workbook costs once per process (the engine imported,
    header words compiled): called before worker processes are forked, so that each of them
    starts warm instead of paying it again. Reading knows no rule: a caller that checks
    warms its rules itself."""
    import python_calamine  # noqa: F401
    from concurrent.futures import ThreadPoolExecutor  # noqa: F401

    from toolkit.registers import package  # noqa: F401
    from toolkit.registers.header import patterns_for_all

    patterns_for_all()


def read_workbook(path: str | Path, as_of: datetime, columns: dict[str, str] | None = None,
                  kinds: tuple[str, ...] = KINDS, overlap: bool = True, region: str | None = None) -> WorkbookRead:
    """Read every sheet of one workbook. File-level failures raise InputError. With ``overlap``
    the next sheet loads in a thread while this one is read (worth it when a core is free: not
    in a worker process beside others that keep every core busy). The engine's panic reports
    are kept off stderr meanwhile (the panic is the sheet's or the file's one line). ``region``:
    the config's (mainland, hong_kong, macau, taiwan); None guesses it per register."""
    from toolkit.registers.native import quiet_panics

    with quiet_panics():
        return _read_workbook(path, as_of, columns, kinds, overlap, region)


def _read_workbook(path, as_of, columns, kinds, overlap, region=None) -> WorkbookRead:
    from toolkit.registers.package import inspect_package

    path = Path(path)
    magic = check_file_kind(path)
    marks = toolkit_marks(path) if magic.startswith(_ZIP_MAGIC) else ToolkitMarks()
    if marks.weekly:
        raise InputError("err.weekly_workbook", path=str(path))
    # what the values do not tell (hidden rows, formulas), and which sheets the engine may lay out
    facts = inspect_package(path) if magic.startswith(_ZIP_MAGIC) else {}
    wb = open_workbook(path, magic)
    result = WorkbookRead(str(path))
    explicit = {normalise(k): v for k, v in (columns or {}).items()}
    try:
        metadata = wb.sheets_metadata
    except BaseException as exc:
        _reraise_unless_engine(exc)
        raise InputError("err.unreadable", path=str(path), detail=str(exc)[:200]) from None
    from concurrent.futures import ThreadPoolExecutor

    # the worksheets the engine will load: not one the package scan refused (laying it out could
    # abort the process), nor one naming the same part as an earlier sheet (read once)
    worksheets = [m.name for m in metadata if str(m.typ).split(".")[-1] == "WorkSheet" and _to_load(facts.get(m.name))]
    # calamine parses a sheet without holding the GIL: the next sheet loads in a thread while
    # this one is turned into records.
    loader = ThreadPoolExecutor(max_workers=1) if overlap else _InPlace()
    reading = _Reading(wb, path, as_of, kinds, explicit, facts, marks.findings_sheet, worksheets, loader,
                       {name: loader.submit(wb.get_sheet_by_name, name) for name in worksheets[:1]}, region)
    try:
        for meta in metadata:
            result.sheets.append(_read_sheet(reading, meta))
    finally:
        loader.shutdown(wait=True, cancel_futures=True)
    return result


@dataclass(frozen=True, slots=True)
class _Reading:
    """What reading each sheet of one workbook needs."""

    workbook: object  # the engine's workbook
    path: Path
    as_of: datetime
    kinds: tuple[str, ...]  # the kinds of register looked for
    explicit: dict[str, str]  # header → field, as the config names them (normalised)
    facts: dict  # sheet name → what the package scan found (SheetFacts)
    findings_sheet: str | None  # the sheet an annotated copy marked as its findings sheet
    worksheets: list[str]  # the worksheets the engine will load, in order
    loader: object  # loads a sheet in a thread (or in place)
    loading: dict  # sheet name → its load under way (a Future)
    region: str | None = None  # the config's region; None: guessed per register

    def load(self, name: str):
        """The sheet's load, and the next worksheet's started beside it (in a thread)."""
        future = self.loading.pop(name, None) or self.loader.submit(self.workbook.get_sheet_by_name, name)
        position = self.worksheets.index(name)
        if position + 1 < len(self.worksheets) and not isinstance(self.loader, _InPlace):  # in place: one at a time
            following = self.worksheets[position + 1]
            self.loading.setdefault(following, self.loader.submit(self.workbook.get_sheet_by_name, following))
        return future


def _to_load(known) -> bool:
    """Whether the engine may load a sheet, by what the package scan found (None: nothing)."""
    return known is None or (known.refused is None and known.same_part_as is None)


class _InPlace:
    """A loader that loads when asked, in this thread (the ThreadPoolExecutor calls it makes)."""

    def submit(self, fn, *args):
        from concurrent.futures import Future

        future = Future()
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # raised again where the sheet is taken, as from a thread
            _reraise_unless_engine(exc)
            future.set_exception(exc)
        return future

    def shutdown(self, **_):
        pass


def _read_sheet(reading: _Reading, meta) -> SheetRead:
    """One sheet: header found, rows turned into records, or the reason it is not a register."""
    sheet = SheetRead(meta.name, hidden=str(meta.visible).split(".")[-1] != "Visible")
    if str(meta.typ).split(".")[-1] != "WorkSheet":
        sheet.skipped_reason = "chartsheet" if "chart" in str(meta.typ).lower() else "not_worksheet"
        return sheet
    known = reading.facts.get(meta.name)
    if not _to_load(known):
        if known.refused is not None:
            key, values = known.refused
            sheet.error = InputError(key, **values)
        else:
            sheet.skipped_reason = "same_part"
        return sheet
    ws = None
    try:
        ws = reading.load(meta.name).result()
        merged = ws.merged_cell_ranges or []
        stream = _sheet_rows(ws)
        head = list(islice(stream, HEADER_SCAN_ROWS + 2))
    except BaseException as exc:
        _reraise_unless_engine(exc)
        sheet.error = _sheet_error(exc, ws)
        return sheet
    if not any(any(x not in ("", None) for x in row) for _, row in head):
        sheet.skipped_reason = "empty_sheet"
        return sheet
    # the top rows as a list indexed from Excel row 1, for the header search
    first = head[0][0]
    top = [[] for _ in range(first - 1)] + [row for _, row in head]
    if _is_findings_sheet(meta.name, top, reading.findings_sheet):
        sheet.skipped_reason = "findings_sheet"
        return sheet
    guess = find_header(top, merged, reading.explicit, reading.kinds)
    if guess is None:
        sheet.skipped_reason = "no_header"
        return sheet
    data_start = guess.cmap.data_start
    rows = chain(((n, r) for n, r in head if n - 1 >= data_start), stream)
    rows = _stream_fixes(rows, merged, data_start, known.uncalculated if known else None,
                         known.errors if known else None)
    continued: list[int] = []
    rows = _fold_merged_orders(rows, merged, guess.cmap, data_start, continued)
    anchor = sheet_anchor(meta.name, guess.title_text, reading.as_of)
    computed = frozenset(known.formula_columns) if known else frozenset()
    try:
        # a sheet may hold two tables, one under the other (repairs, then complaints): each its register
        registers = [reg for table, table_rows in _tables(rows, guess, reading)
                     for reg in _registers(table_rows, table, anchor, reading, meta.name, computed)]
    except BaseException as exc:  # the engine converts cells as they are taken: a panic comes up here
        _reraise_unless_engine(exc)
        sheet.error = _sheet_error(exc, ws)
        return sheet
    if continued and registers:
        first = registers[0]
        first.skipped_rows = sorted([*first.skipped_rows, *(SkippedRow(r, "continued") for r in continued)],
                                    key=lambda s: s.row)
    if known is not None:
        for register in registers:
            hidden = [r for r in known.hidden_rows if r > data_start]
            if len(registers) > 1:  # each kind of call, each table, lists its own rows
                rows_of = {rec.row for rec in register.records}
                hidden = [r for r in hidden if r in rows_of]
            register.hidden_rows = hidden
    sheet.registers = registers
    return sheet


def _tables(rows, guess, reading: _Reading):
    """The sheet's tables, as (header guess, its rows): a register's rows end where the header of
    another begins (a complaint table under the repair table, with its own columns)."""
    rows = iter(rows)
    while guess is not None:
        following: list = []
        yield guess, _until_another_header(rows, guess, reading, following)
        guess = following[0] if following else None


_DIGIT = re.compile(r"\d")


def _until_another_header(rows, guess, reading: _Reading, following: list):
    """The rows up to the header of another table (put in ``following``), or to the end.
    Only a row of short texts without a digit is looked at as a header: an order has numbers."""
    for number, cells in rows:
        if _may_be_header(cells):
            found = find_header([cells], [], reading.explicit, reading.kinds)
            if found is not None and _another_table(found.cmap, guess.cmap):
                found.cmap.header_row = number
                following.append(found)
                return
        yield number, cells


def _may_be_header(cells: list) -> bool:
    """Short texts only, more than a header's least, and no digit. Told cheaply first: a cell
    holding a number or a date (most order rows, early in the row) ends the look at once."""
    if not all(x is None or type(x) is str for x in cells):
        return False
    texts = [x for x in cells if x]
    return (len(texts) > MIN_FIELDS and all(len(x) <= MAX_HEADER_CHARS for x in texts)
            and not _DIGIT.search("".join(texts)))


def _another_table(found, current) -> bool:
    """A header of another register: another kind, or the same kind's fields in other columns (the
    same header again is a repeated heading, not a new table)."""
    if found.kind != current.kind:
        return True
    moved = {name for name, col in found.fields.items() if name in current.fields
             and current.fields[name].index != col.index}
    return len(moved) >= 2


def _registers(rows, guess, anchor, reading: _Reading, sheet: str, computed) -> list[Register]:
    """The sheet's register; for a call log (a column saying each call's kind), a register of
    each kind of call it holds, each read with the columns its kind names."""
    path = str(reading.path)
    sample, rows = call_log.peek(rows)
    column = call_log.type_column(list(guess.headers), [cells for _, cells in sample])
    if column is None:
        return [build_records(rows, guess.cmap, anchor, path, sheet, computed, reading.region)]
    headers = call_log.without(list(guess.headers), column)
    header_row, header_rows = guess.cmap.header_row, guess.cmap.header_rows
    cmaps = {kind: map_columns(kind, headers, header_row, header_rows, reading.explicit) for kind in RECORD_KINDS}
    parts, guessed, unknown = call_log.split(rows, column, cmaps)
    registers = [build_records(part, cmaps[kind], anchor, path, sheet, computed, reading.region)
                 for kind, part in parts.items() if part and (kind in reading.kinds or kind == CALLS)]
    registers = [reg for reg in registers if reg.records]
    records = {rec.row for reg in registers for rec in reg.records}
    log = call_log.CallLog(column, tuple((reg.kind, len(reg.records)) for reg in registers),
                           tuple(r for r in guessed if r in records), tuple(unknown))
    for reg in registers:
        reg.call_log = log
    return registers
