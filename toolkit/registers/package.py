"""What the values alone do not tell, read from an .xlsx package's sheet XML: hidden rows,
which columns a formula computes (not what the clerk typed), and formulas that were never
calculated (a file written by a program and never opened in Excel has formulas without
cached values; their cells read as empty, and must not be taken for empty).

And whether the engine may read a sheet at all. python-calamine lays a sheet out as one block
of cells from its first row to its last and its first column to its last, 32 bytes a cell,
whether they hold anything or not: a cell written far from the others (A1 and XFD1048576: 550
GB), or past Excel's last row and column (r="A99999999999"), makes it ask for more memory than
any machine has, and a failed allocation aborts the process (SIGABRT, nothing printed). So
before the engine reads a sheet, the scan makes sure its cells stay within Excel's limits and
span at most MAX_SHEET_CELLS: for a small sheet part (hostile files are small) every cell's
place is checked; for a larger one the size the sheet declares (``<dimension>``, which Excel
writes for every sheet), and its first and last cells, are checked against it, and every cell
only when these do not agree. A sheet that fails is refused with one line; the others are read.
The same part named by several sheets is scanned once, and read once."""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from toolkit.ooxml.cells import cell_ref, column_number
from toolkit.ooxml.package import relationships, rels_part
from toolkit.ooxml.workbook import sheet_parts as ooxml_sheet_parts

_CHUNK = 1 << 20
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(/>|>(.*?)</(?:\w+:)?c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_HAS_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*>([^<]*)<")
_HAS_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is)\b[^>]*>[^<]")
_TEXT_TYPE = re.compile(rb"""\st\s*=\s*["']str["']""")


@dataclass
class SheetFacts:
    hidden_rows: list[int] = field(default_factory=list)
    uncalculated: set[tuple[int, int]] = field(default_factory=set)  # (Excel row, 0-based column)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # cells holding #VALUE! and the like
    formula_columns: set[int] = field(default_factory=set)  # 0-based columns holding formulas
    refused: tuple[str, dict] | None = None  # the engine must not read it: why (a message key and its values)
    same_part_as: str | None = None  # an earlier sheet names the same part: that one is read, this one not again


# Excel's limits: no program that writes for Excel puts a cell beyond them.
EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384  # XFD
# What a sheet's cells may span (rows × columns from its first cell to its last), as the engine
# lays them out: about 1.9 GB. A register of Excel's full height fits with 57 columns.
MAX_SHEET_CELLS = 60_000_000
# A sheet part this small (compressed; about 100 rows of a register) has every cell's place
# checked: a file made to harm is a small one. Checking costs what reading the XML once more
# does (half a millisecond here); a larger sheet is checked by its declared size, which costs nothing.
EVERY_CELL_BELOW = 16 * 1024


# The engine finds the workbook and its relationships at these names, whatever the package's own
# relationships say: the scan reads the sheets the engine will read.
_WORKBOOK = "xl/workbook.xml"


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → part name (xl/worksheets/sheet1.xml), from the workbook and its rels."""
    try:
        workbook = zf.read(_WORKBOOK).decode("utf-8", "replace")
        rels = zf.read(rels_part(_WORKBOOK)).decode("utf-8", "replace")
    except KeyError:
        return {}
    return ooxml_sheet_parts(workbook, relationships(rels), _WORKBOOK)


def inspect_package(path) -> dict[str, SheetFacts]:
    """Facts per sheet name; empty for files that are not .xlsx packages or cannot be read (the
    engine then says what is wrong). No part is inflated past the size it declares (a zip bomb
    can lie about it)."""
    facts: dict[str, SheetFacts] = {}
    try:
        with zipfile.ZipFile(path) as zf, open(path, "rb") as raw:
            infos = zf.infolist()
            named = _names_by_part(sheet_parts(zf), infos)
            sheets = {entry: names[0] for entry, names in named.items()}  # each part scanned once
            for info in infos:
                if info.filename in sheets:
                    facts[sheets[info.filename]] = _facts_of(lambda info=info: _inflated(zf, raw, info), info)
            return _with_repeats(facts, named)
    except Exception:  # the workbook part or the zip directory damaged: the engine reports what it finds
        return {}


def _names_by_part(parts: dict[str, str], infos: list[zipfile.ZipInfo]) -> dict[str, list[str]]:
    """Entry name → the sheets naming it, in the workbook's order. A part is found as the engine
    finds it: whatever the case of its name, and by its UTF-8 name where the zip does not flag
    it as UTF-8; a sheet whose part is not there has none."""
    entries = {i.filename: i.filename for i in infos}
    folded: dict[str, str] = {}
    for i in infos:
        folded.setdefault(i.filename.lower(), i.filename)
        if not i.flag_bits & 0x800:
            try:
                folded.setdefault(i.filename.encode("cp437").decode("utf-8").lower(), i.filename)
            except (UnicodeEncodeError, UnicodeDecodeError):
                pass
    named: dict[str, list[str]] = {}
    for name, part in parts.items():
        entry = entries.get(part) or folded.get(part.lower())
        if entry is not None:
            named.setdefault(entry, []).append(name)
    return named


def _with_repeats(facts: dict[str, SheetFacts], named: dict[str, list[str]]) -> dict[str, SheetFacts]:
    """The second and later sheets naming a part already scanned: said so, not read again."""
    for names in named.values():
        for name in names[1:]:
            facts[name] = SheetFacts(same_part_as=names[0])
    return facts


def _facts_of(read, info: zipfile.ZipInfo) -> SheetFacts:
    """A sheet part's facts, read by ``read()`` (again when every cell must be placed); a part that
    cannot be read is refused (the engine must not read what was not checked)."""
    try:
        return _scan(read(), info.compress_size <= EVERY_CELL_BELOW, read)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError, struct.error,
            _InflateError) as exc:  # damaged, encrypted, an unknown method, larger than it declares
        if "declares" in str(exc):
            return SheetFacts(refused=("err.damaged_part", {}))
        return SheetFacts(refused=("err.damaged_package", {"detail": _why_not(exc)}))


def _why_not(exc: BaseException) -> str:
    """Why a part could not be read, in a few words (not Python's)."""
    if isinstance(exc, _InflateError):
        return "its compressed data is corrupt"
    if isinstance(exc, NotImplementedError):
        return "an unknown compression method"
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc):
        return "it is encrypted"
    if isinstance(exc, EOFError):
        return "it is cut short"
    if isinstance(exc, (struct.error, zipfile.BadZipFile)):
        return "the zip directory points to the wrong place"
    return (str(exc) or type(exc).__name__)[:120]


def _seek_data(raw, info: zipfile.ZipInfo) -> None:
    """Put the file at the first byte of an entry's data, past its local header."""
    raw.seek(info.header_offset)
    magic, name_len, extra_len = _LOCAL_HEADER.unpack(raw.read(_LOCAL_HEADER.size))
    if magic != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"bad local header for {info.filename}")
    raw.seek(info.header_offset + _LOCAL_HEADER.size + name_len + extra_len)


try:  # ISA-L inflates a sheet's XML about three times faster than zlib
    from isal.isal_zlib import decompressobj as _decompressobj, error as _InflateError
except ImportError:  # a platform without its wheel: zlib, slower and the same
    from zlib import decompressobj as _decompressobj, error as _InflateError

_RAW_CHUNK = 1 << 20  # compressed bytes read at a time
_LOCAL_HEADER = struct.Struct("<4s22xHH")


def _inflated(zf: zipfile.ZipFile, raw, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A part's bytes, in pieces of a few MB. A deflated part is inflated from its raw bytes
    without zipfile's per-read overhead; any other method goes through zipfile."""
    if info.compress_type not in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED) or info.flag_bits & 0x1:
        with zf.open(info) as fh:
            yield from iter(lambda: fh.read(_CHUNK), b"")
        return
    _seek_data(raw, info)
    left = info.compress_size
    room = info.file_size + 1  # what may still come out: no more than the part declares
    inflate = _decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    while left > 0:
        piece = raw.read(min(_RAW_CHUNK, left))
        if not piece:
            raise EOFError(f"{info.filename} is cut short")
        left -= len(piece)
        if inflate is not None:
            piece = inflate.decompress(piece, room)
            if inflate.unconsumed_tail:
                raise ValueError(f"{info.filename} is larger than it declares")
        room -= len(piece)
        if room <= 0:
            raise ValueError(f"{info.filename} is larger than it declares")
        yield piece
    if inflate is not None and (rest := inflate.flush()):
        if len(rest) >= room:
            raise ValueError(f"{info.filename} is larger than it declares")
        yield rest


def _scan(pieces: Iterator[bytes], every_cell: bool = True, again=None) -> SheetFacts:
    """Scan a sheet's XML as it is inflated, a block of whole rows at a time. ``every_cell``:
    check every cell's place (else the sheet's declared size, and its first and last cells);
    ``again()`` gives the XML once more, for placing every cell exactly when that is needed."""
    result = SheetFacts()
    places = _Places(every_cell)
    tail = b""
    state = [False]  # inside <sheetData> yet
    for piece in pieces:
        if not piece:
            continue
        data = tail + piece if tail else piece
        # scan up to the last complete row; an unfinished one waits for the next piece
        cut = data.rfind(b"</row>")
        if cut < 0:
            tail = data
            if len(tail) > 64 * _CHUNK:  # a single absurd row: give up on the facts, not on the check
                places.exact, tail = True, b""
                break
            continue
        cut += 6
        _scan_block(data, cut, result, state, last=False, places=places)
        tail = data[cut:]
    if tail:
        _scan_block(tail, len(tail), result, state, last=True, places=places)
    if places.needs_exact():
        places.refused = _placed(again) if again is not None else ("err.damaged_package", {"detail": "not scanned"})
    result.refused = places.refused
    return result


def _scan_block(data: bytes, end: int, result: SheetFacts, state: list, last: bool, places=None) -> None:
    """The facts in ``data[:end]``, whole rows. Most sheets have no hidden row, error cell or
    formula: each is ruled out first by a search for a byte or word it cannot do without,
    run only over the rows (the parts around them name formats, columns and footers)."""
    lo = opening = 0
    if not state[0]:
        lo = data.find(b"<sheetData", 0, end)
        if lo < 0:
            lo = data.find(b":sheetData", 0, end)
            if places is not None:
                places.prefixed = lo >= 0  # the engine takes <x:c> for a cell too: every one is placed
            if lo < 0:
                return
        state[0] = True
        opening = 10  # past the opening tag's own "sheetData>"
        if places is not None:
            places.head(data, lo)
    hi = end
    if last:  # only the piece after the last row holds </sheetData>; what follows it is not rows
        close = data.find(b"sheetData>", lo + opening, end)
        hi = end if close < 0 else close
    if places is not None:
        places.rows(data, lo + opening, hi)
    if data.find(b'hidden="', lo, hi) >= 0:
        for m in _ROW.finditer(data, lo, hi):
            if _HIDDEN.search(m.group(1)):
                num = _ROW_NUMBER.search(m.group(1))
                if num:
                    result.hidden_rows.append(int(num.group(1)))
    # an error value starts with '#' (#N/A, #VALUE!); a formula is an element named f
    if data.find(b"#", lo, hi) >= 0 and data.find(b't="e"', lo, hi) >= 0:
        for m in _CELL.finditer(data, lo, hi):
            if b't="e"' in m.group(1):
                ref = _REF.search(m.group(1))
                value = _VALUE.search(m.group(3) or b"")
                if ref:
                    result.errors[(int(ref.group(2)), column_number(ref.group(1)) - 1)] = (
                        value.group(1).decode("utf-8", "replace") if value else "#ERROR")
    if data.find(b"f", lo, hi) >= 0 and (data.find(b"<f", lo, hi) >= 0 or data.find(b":f>", lo, hi) >= 0
                                         or data.find(b":f ", lo, hi) >= 0):
        seen: dict[bytes, int] = {}
        for m in _CELL.finditer(data, lo, hi):
            body = m.group(3) or b""
            if _HAS_FORMULA.search(body):
                ref = _REF.search(m.group(1))
                if ref:
                    letters = ref.group(1)
                    if letters not in seen:
                        seen[letters] = column_number(letters) - 1
                        result.formula_columns.add(seen[letters])
                    # no result stored: never calculated (openpyxl writes <f>…</f><v></v>); Excel
                    # stores an empty text result (IF(…,"",…)) as t="str" with an empty <v>
                    if not _HAS_VALUE.search(body) and not _TEXT_TYPE.search(m.group(1)):
                        result.uncalculated.add((int(ref.group(2)), seen[letters]))


# ---- where the engine places each cell -----------------------------------------------------------

_DIMENSION = re.compile(rb"""<(?:[\w.-]+:)?dimension\b[^>]*?\sref\s*=\s*["']([^"']*)""")
# A cell whose reference is not the plain kind (a letter, or A and a letter: up to column AZ; up
# to six digits; and no second r after it, which the engine would take instead), or that has
# none (the engine then counts its place): each is a reason to place every cell exactly.
_UNUSUAL_CELL = re.compile(rb"""<c(?=[\s>/])(?! r="[Aa]?[A-Za-z]\d{1,6}"(?:[^>"'r]++|"[^"]*+"|'[^']*+'|r(?!\s*=))*+>)""")
_PREFIXED_CELL = re.compile(rb":c[\s>/]")  # <x:c …>: the engine reads any prefix
_FIRST_REF = re.compile(rb'<c r="([^"]{1,24})"')
_TAG = re.compile(rb"""<(/?)(?:[A-Za-z_][\w.\-]*:)?(row|c|sheetData)(?=[\s/>])((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>""")
_R_ATTR = re.compile(rb"""(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CELL_NAME = re.compile(rb"([A-Za-z]+)([0-9]+)")
_ROW_NAME = re.compile(rb"[A-Za-z]*([0-9]+)")


def _position(ref: bytes) -> tuple[int, int] | None:
    """(row, column), 0-based, as the engine reads a cell reference; None when it refuses it."""
    m = _CELL_NAME.fullmatch(ref)
    if m is None or int(m.group(2)) == 0:
        return None
    return int(m.group(2)) - 1, column_number(m.group(1)) - 1


def _name(row: int, col: int) -> str:
    """A 0-based place as Excel names it."""
    return cell_ref(row + 1, col + 1)


def _beyond(row: int, col: int) -> bool:
    return row >= EXCEL_ROWS or col >= EXCEL_COLUMNS


class _Places:
    """What the scan learns of a sheet's extent as it passes: the size it declares, whether every
    cell reference is plain, its first and last cells."""

    __slots__ = ("every_cell", "exact", "refused", "declared", "first", "last", "prefixed")

    def __init__(self, every_cell: bool):
        self.every_cell = every_cell
        self.exact = False  # every cell must be placed as the engine places it
        self.refused: tuple[str, dict] | None = None
        self.declared: tuple[tuple[int, int], tuple[int, int]] | None = None
        self.first: bytes | None = None
        self.last: bytes | None = None
        self.prefixed = False

    def head(self, data: bytes, end: int) -> None:
        """The sheet's declared size (``<dimension ref="A1:T5002"/>``), before its rows."""
        m = _DIMENSION.search(data, 0, end)
        ends = [_position(part) for part in m.group(1).split(b":")] if m else []
        if not ends or len(ends) > 2 or None in ends:
            return  # none, or one the engine refuses itself
        if any(_beyond(*e) for e in ends):
            self.refused = ("err.dimension_past_limits", {"ref": m.group(1).decode("ascii", "replace")[:40]})
        self.declared = (ends[0], ends[-1])

    def rows(self, data: bytes, lo: int, hi: int) -> None:
        if self.exact or self.refused:
            return
        if self.every_cell:
            if _UNUSUAL_CELL.search(data, lo, hi) or _PREFIXED_CELL.search(data, lo, hi):
                self.exact = True
            return
        if self.first is None:
            m = _FIRST_REF.search(data, lo, hi)
            self.first = m.group(1) if m else None
        at = data.rfind(b'<c r="', lo, hi)
        if at >= 0:
            close = data.find(b'"', at + 6, hi)
            self.last = data[at + 6:close] if close > 0 else b"?"

    def needs_exact(self) -> bool:
        if self.refused is not None:
            return False
        if self.exact or self.prefixed:
            return True
        if self.every_cell:
            return False  # every reference is plain: within AZ999999, 52 million cells at most
        if self.declared is None:
            return True  # Excel declares every sheet's size; a sheet without one is placed cell by cell
        (top, left), (bottom, right) = self.declared
        if (bottom - top + 1) * (right - left + 1) > MAX_SHEET_CELLS:
            return True  # a stray cell far from the rest, most likely: placed exactly before refusing
        for ref in (self.first, self.last):
            at = _position(ref) if ref is not None else (top, left)
            if at is None or not (top <= at[0] <= bottom and left <= at[1] <= right):
                return True  # cells outside the size declared: the declaration cannot be trusted
        return False


def _placed(again) -> tuple[str, dict] | None:
    """Place every cell as the engine does (its xlsx cell reader: a cell's own r, else the row's
    and the count of cells before it in the row; an empty cell takes a place but no memory), and
    say why the engine must not read the sheet, or None when it may (or will refuse it itself:
    a reference it cannot read ends its reading before it lays anything out). ``again()`` gives
    the sheet's XML: read whole-sheet at C speed when every cell carries its own plain reference
    (every sheet a program writes for Excel), tag by tag otherwise."""
    plain = _placed_by_references(again())
    return plain if plain is not _NOT_PLAIN else _placed_tag_by_tag(again())


_NOT_PLAIN = ("", {})
_PLAIN_PLACE = re.compile(rb"""<c(?=[\s>/])(?! r="[A-Za-z]+\d+"(?:[^>"'r]++|"[^"]*+"|'[^']*+'|r(?!\s*=))*+>)""")
_PLAIN_REF = re.compile(rb'<c r="([A-Za-z]+)([0-9]+)"[^>]*?(/?)>')


def _regions(pieces: Iterator[bytes]) -> Iterator[bytes]:
    """The XML in pieces that end before a tag (every tag whole in one piece)."""
    tail = b""
    for piece in pieces:
        data = tail + piece if tail else piece
        cut = data.rfind(b"<")
        if cut <= 0:
            tail = data
            if len(tail) > 64 * _CHUNK:
                return  # a tag that never ends: the engine fails on it
            continue
        yield data[:cut]
        tail = data[cut:]
    if tail:
        yield tail


def _placed_by_references(pieces: Iterator[bytes]):
    """The verdict from the references alone, or _NOT_PLAIN when some cell's place is counted
    (no r), or could be another than its first r says, or its tag carries a prefix."""
    rows: set[bytes] = set()
    columns: set[bytes] = set()
    for data in _regions(pieces):
        if _PLAIN_PLACE.search(data) or _PREFIXED_CELL.search(data):
            return _NOT_PLAIN
        for letters, digits, empty in _PLAIN_REF.findall(data):
            if len(digits) > 6 or len(letters) > 2:  # from row 1,000,000 or column AAA: near the limits
                at = _position(letters + digits)
                if at is None:
                    return None  # row 0: the engine refuses the reference itself
                if _beyond(*at):
                    return "err.cell_past_limits", {"ref": (letters + digits).decode("ascii")[:24]}
            if not empty:  # an empty cell is placed but not laid out
                rows.add(digits)
                columns.add(letters)
    if not rows:
        return None
    numbers = [int(d) - 1 for d in rows]
    if min(numbers) < 0:
        return None  # row 0: the engine refuses the reference itself
    places = [_position(c + b"1")[1] for c in columns]
    top, bottom, left, right = min(numbers), max(numbers), min(places), max(places)
    return _span(top, left, bottom, right)


def _placed_tag_by_tag(pieces: Iterator[bytes]) -> tuple[str, dict] | None:
    row = col = 0
    inside = False
    top = left = bottom = right = None
    for data in _regions(pieces):
        for m in _TAG.finditer(data):
            closing, tag, attrs = m.groups()
            empty = attrs.endswith(b"/")
            if tag == b"sheetData":
                if closing or empty or inside:
                    return _span(top, left, bottom, right)
                inside = True
                continue
            if not inside or (closing and tag == b"c"):
                continue
            if tag == b"row":
                if not closing:
                    ref = _R_ATTR.search(attrs)  # the engine takes a row's first r
                    if ref is not None:
                        number = _ROW_NAME.fullmatch(ref.group(1) if ref.group(1) is not None else ref.group(2))
                        if number is None or int(number.group(1)) == 0:
                            return None
                        row = int(number.group(1)) - 1
                if closing or empty:
                    row, col = row + 1, 0
                continue
            refs = _R_ATTR.findall(attrs)  # and a cell's last
            if refs:
                ref = refs[-1][0] or refs[-1][1]
                at = _position(ref)
                if at is None:
                    return None
                r, col = at
                shown = ref.decode("ascii", "replace")[:24]
            else:
                r = row
                shown = _name(row, col) if not _beyond(row, col) else f"R{row + 1}C{col + 1}"
            if _beyond(r, col):
                return "err.cell_past_limits", {"ref": shown}
            if not empty:
                top = r if top is None else min(top, r)
                bottom = r if bottom is None else max(bottom, r)
                left = col if left is None else min(left, col)
                right = col if right is None else max(right, col)
            col += 1
    return _span(top, left, bottom, right)


def _span(top, left, bottom, right) -> tuple[str, dict] | None:
    if top is None:
        return None
    cells = (bottom - top + 1) * (right - left + 1)
    if cells <= MAX_SHEET_CELLS:
        return None
    return "err.sheet_span", {"span": f"{_name(top, left)}:{_name(bottom, right)}", "cells": f"{cells:,}",
                              "max": f"{MAX_SHEET_CELLS:,}"}
