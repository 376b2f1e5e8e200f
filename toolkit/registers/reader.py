"""Read a workbook as it is: every sheet, its header found, its rows turned into records.

python-calamine reads the values (about ten times faster than openpyxl here, and it also
reads .xls, .xlsb and .ods); openpyxl is only used for writing copies.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from toolkit.errors import InputError
from toolkit.registers.fields import KINDS
from toolkit.registers.header import find_header, normalise
from toolkit.registers.records import Register, build_records

# A package whose parts would unpack to more than this is refused before reading.
MAX_UNPACKED_BYTES = 2_000_000_000
MAX_COMPRESSION_RATIO = 200
FINDINGS_SHEET_NAMES = ("检查结果", "Findings")
FINDINGS_SHEET_MARK = "toolkit:findings"


@dataclass(slots=True)
class SheetRead:
    name: str
    hidden: bool = False
    register: Register | None = None
    skipped_reason: str | None = None  # why the sheet is not a register
    error: InputError | None = None  # the sheet could not be read at all


@dataclass(slots=True)
class WorkbookRead:
    path: str
    sheets: list[SheetRead] = field(default_factory=list)

    @property
    def registers(self) -> list[Register]:
        return [s.register for s in self.sheets if s.register is not None]


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


def _sniff(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(8)
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
    except zipfile.BadZipFile:
        raise InputError("err.bad_zip", path=str(path)) from None
    names = {i.filename for i in infos}
    if not any(n.startswith(("xl/", "content.xml")) for n in names) and "[Content_Types].xml" not in names:
        raise InputError("err.zip_not_workbook", path=str(path))
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if unpacked > MAX_UNPACKED_BYTES or (unpacked > 100_000_000 and unpacked / packed > MAX_COMPRESSION_RATIO):
        raise InputError("err.zip_bomb", path=str(path), mb=unpacked // 1_000_000)


def open_workbook(path: Path):
    """Open with calamine, turning every failure into one clear InputError."""
    import python_calamine as pc

    magic = _sniff(path)
    if not magic:
        raise InputError("err.empty", path=str(path))
    if magic.startswith(_ZIP_MAGIC):
        _check_package(path)
    elif not magic.startswith(_OLE_MAGIC):
        head = magic.lower()
        if head.startswith((b"<?xml", b"<html", b"<!doc", b"<table")):
            raise InputError("err.html", path=str(path))
        if all(32 <= b < 127 or b in (9, 10, 13) for b in magic) or magic.startswith(b"\xef\xbb\xbf"):
            raise InputError("err.csv", path=str(path))
        raise InputError("err.unknown_format", path=str(path))
    try:
        return pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError:
        raise InputError("err.encrypted", path=str(path)) from None
    except Exception as exc:  # calamine raises several types for damaged files
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if magic.startswith(_OLE_MAGIC) and "password" in detail.lower():
            raise InputError("err.encrypted", path=str(path)) from None
        if magic.startswith(_OLE_MAGIC) and path.suffix.lower() in (".xlsx", ".xlsm"):
            raise InputError("err.old_container", path=str(path)) from None
        raise InputError("err.unreadable", path=str(path), detail=detail[:200]) from None


_MONTH_PATTERNS = (
    re.compile(r"(?P<y>20\d{2})\s*[年./\-_]\s*(?P<m>\d{1,2})(?!\d)"),
    re.compile(r"(?P<y>20\d{2})(?P<m>0[1-9]|1[0-2])(?!\d)"),
    re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月"),
)


def sheet_anchor(sheet_name: str, title: str, as_of: datetime) -> date:
    """The month a sheet is about (from its name or title), for dates written without a year."""
    for text in (sheet_name, title):
        for pattern in _MONTH_PATTERNS:
            m = pattern.search(text or "")
            if not m:
                continue
            month = int(m.group("m"))
            if not 1 <= month <= 12:
                continue
            year = int(m.group("y")) if "y" in m.groupdict() and m.group("y") else None
            if year is None:
                # "11月" alone: the nearest such month to the as-of date
                year = min((as_of.year - 1, as_of.year, as_of.year + 1),
                           key=lambda y: abs((date(y, month, 15) - as_of.date()).days))
            return date(year, month, 15)
    return as_of.date()


def _fill_merged_data_cells(rows: list[list], merged, data_start: int) -> None:
    """A value merged down several data rows (one date for a day's orders) belongs to each row."""
    for (r0, c0), (r1, c1) in merged or ():
        if r0 < data_start or r1 <= r0 or r0 >= len(rows):
            continue
        top = rows[r0][c0] if c0 < len(rows[r0]) else ""
        for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, c1 + 1):
                if c < len(row) and row[c] in ("", None):
                    row[c] = top


def read_workbook(path: str | Path, as_of: datetime, columns: dict[str, str] | None = None,
                  kinds: tuple[str, ...] = KINDS) -> WorkbookRead:
    """Read every sheet of one workbook. File-level failures raise InputError."""
    path = Path(path)
    wb = open_workbook(path)
    result = WorkbookRead(str(path))
    explicit = {normalise(k): v for k, v in (columns or {}).items()}
    try:
        metadata = wb.sheets_metadata
    except Exception as exc:
        raise InputError("err.unreadable", path=str(path), detail=str(exc)[:200]) from None
    for meta in metadata:
        sheet = SheetRead(meta.name, hidden=str(meta.visible).split(".")[-1] != "Visible")
        result.sheets.append(sheet)
        if str(meta.typ).split(".")[-1] != "WorkSheet":
            sheet.skipped_reason = "chartsheet" if "chart" in str(meta.typ).lower() else "not_worksheet"
            continue
        try:
            ws = wb.get_sheet_by_name(meta.name)
            rows = ws.to_python(skip_empty_area=False)
            merged = ws.merged_cell_ranges or []
        except Exception as exc:
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            sheet.error = InputError("err.sheet_unreadable", detail=detail[:200])
            continue
        if not rows or not any(any(x not in ("", None) for x in row) for row in rows[:200]):
            sheet.skipped_reason = "empty_sheet"
            continue
        if meta.name in FINDINGS_SHEET_NAMES and rows and rows[0] and str(rows[0][0]).startswith(FINDINGS_SHEET_MARK):
            sheet.skipped_reason = "findings_sheet"
            continue
        guess = find_header(rows, merged, explicit, kinds)
        if guess is None:
            sheet.skipped_reason = "no_header"
            continue
        _fill_merged_data_cells(rows, merged, guess.cmap.data_start)
        anchor = sheet_anchor(meta.name, guess.title_text, as_of)
        sheet.register = build_records(rows, guess.cmap, anchor, str(path), meta.name)
    return result
