"""What the values alone do not tell, read from an .xlsx package's sheet XML: hidden rows,
which columns a formula computes (not what the clerk typed), and formulas that were never
calculated (a file written by a program and never opened in Excel has formulas without
cached values; their cells read as empty, and must not be taken for empty)."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from posixpath import join, normpath

_CHUNK = 1 << 20
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(/>|>(.*?)</(?:\w+:)?c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_HAS_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*>([^<]*)<")
_HAS_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is)\b[^>]*>[^<]")


@dataclass
class SheetFacts:
    hidden_rows: list[int] = field(default_factory=list)
    uncalculated: set[tuple[int, int]] = field(default_factory=set)  # (Excel row, 0-based column)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # cells holding #VALUE! and the like
    formula_columns: set[int] = field(default_factory=set)  # 0-based columns holding formulas


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → part name (xl/worksheets/sheet1.xml), from the workbook and its rels."""
    try:
        workbook = zf.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {}
    for m in re.finditer(r"<(?:\w+:)?Relationship\b([^>]*)/?>", rels):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        if "Id" in attrs and "Target" in attrs:
            t = attrs["Target"]
            targets[attrs["Id"]] = t.lstrip("/") if t.startswith("/") else normpath(join("xl", t))
    parts = {}
    for m in re.finditer(r"<(?:\w+:)?sheet\b([^>]*)/?>", workbook):
        attrs = dict(re.findall(r'([\w:]+)="([^"]*)"', m.group(1)))
        rid = next((v for k, v in attrs.items() if k.endswith(":id")), None)
        name = _unescape(attrs.get("name", ""))
        if rid in targets:
            parts[name] = targets[rid]
    return parts


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def inspect_package(path) -> dict[str, SheetFacts]:
    """Facts per sheet name; empty for files that are not .xlsx packages or cannot be read."""
    return read_package(path, inflate=False)[0]


# A package whose copy (sheets and shared strings inflated, every other part as it is) would
# be larger than this is read by the engine from its file: memory stays bounded, and for a
# large register the inflating saved is small beside the memory the copy takes.
MAX_INFLATED = 16 * 1024**2


def read_package(path, inflate: bool = True) -> tuple[dict[str, SheetFacts], io.BytesIO | None]:
    """Facts per sheet name, and (with ``inflate``) the package again with its sheets and shared
    strings stored inflated: the sheets' XML is inflated here once, for the facts, and the
    engine reading the copy need not inflate it a second time. The copy is None for a large
    package, anything unusual or damaged in it (the engine then reads the file itself and
    says what is wrong); the facts are empty for files that are not .xlsx packages or cannot
    be read. No part is inflated past the size it declares (a zip bomb can lie about it)."""
    facts: dict[str, SheetFacts] = {}
    try:
        with zipfile.ZipFile(path) as zf, open(path, "rb") as raw:
            parts = sheet_parts(zf)
            sheets = {part: name for name, part in parts.items()}
            infos = zf.infolist()
            if inflate and parts:
                size = sum(i.file_size if i.filename in sheets or i.filename == _SHARED_STRINGS else i.compress_size
                           for i in infos)
                inflate = size <= MAX_INFLATED and _plain_entries(infos)
            if not (inflate and parts):
                for name, part in parts.items():
                    try:
                        facts[name] = _scan(_inflated(zf, raw, zf.getinfo(part)))
                    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError,
                            NotImplementedError, struct.error, _InflateError):  # damaged, encrypted, an unknown method
                        continue
                return facts, None
            try:
                return _copied(raw, infos, sheets)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, struct.error, _InflateError):
                return inspect_package(path), None  # a damaged part: the engine reports it
    except Exception:  # the workbook part or the zip directory damaged: the engine reports what it finds
        return {}, None


def _copied(raw, infos: list[zipfile.ZipInfo], sheets: dict[str, str]) -> tuple[dict[str, SheetFacts], io.BytesIO]:
    """The facts of each sheet, and the package copied with its sheets and shared strings stored."""
    facts: dict[str, SheetFacts] = {}
    copy = _StoredCopy()
    for info in infos:
        data = _raw_bytes(raw, info)
        if info.filename in sheets or info.filename == _SHARED_STRINGS:
            data = _inflate_whole(data, info)
            if info.filename in sheets:
                facts[sheets[info.filename]] = _scan(iter((data,)))
            copy.add(info, data, stored=True)
        else:
            copy.add(info, data, stored=False)
    return facts, copy.finish()


_SHARED_STRINGS = "xl/sharedStrings.xml"


def _plain_entries(infos: list[zipfile.ZipInfo]) -> bool:
    """Entries a copy can be written for as they are: deflated or stored, not encrypted, a
    package of ordinary size."""
    return (len(infos) < 0xFFFF and all(i.compress_type in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED)
                                        and not i.flag_bits & 0x1 and i.file_size < 0xFFFFFFFF
                                        and i.compress_size < 0xFFFFFFFF for i in infos))


def _seek_data(raw, info: zipfile.ZipInfo) -> None:
    """Put the file at the first byte of an entry's data, past its local header."""
    raw.seek(info.header_offset)
    magic, name_len, extra_len = _LOCAL_HEADER.unpack(raw.read(_LOCAL_HEADER.size))
    if magic != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"bad local header for {info.filename}")
    raw.seek(info.header_offset + _LOCAL_HEADER.size + name_len + extra_len)


def _raw_bytes(raw, info: zipfile.ZipInfo) -> bytes:
    """An entry's bytes as they lie in the file (compressed as they are)."""
    _seek_data(raw, info)
    data = raw.read(info.compress_size)
    if len(data) != info.compress_size:
        raise EOFError(f"{info.filename} is cut short")
    return data


def _inflate_whole(data: bytes, info: zipfile.ZipInfo) -> bytes:
    if info.compress_type == zipfile.ZIP_DEFLATED:
        inflate = _decompressobj(-15)
        data = inflate.decompress(data, info.file_size + 1)  # one byte past the declared size tells a lie
    if len(data) != info.file_size:
        raise ValueError(f"{info.filename} does not match its declared size")
    return data


def _unicode_path(extra: bytes) -> bytes:
    """The Info-ZIP Unicode Path records of an extra field (empty when there are none)."""
    kept, at = b"", 0
    while at + 4 <= len(extra):
        kind, size = struct.unpack_from("<HH", extra, at)
        if kind == 0x7075:
            kept += extra[at:at + 4 + size]
        at += 4 + size
    return kept


class _StoredCopy:
    """A zip package written in memory: entries copied as they are, or stored uncompressed.
    Each entry keeps its CRC (of the uncompressed bytes, the same either way), which the
    engine checks as it reads."""

    _LOCAL = struct.Struct("<4sHHHHHIIIHH")
    _CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
    _END = struct.Struct("<4sHHHHIIH")

    def __init__(self):
        self._out = io.BytesIO()
        self._central: list[bytes] = []

    def add(self, info: zipfile.ZipInfo, data: bytes, stored: bool) -> None:
        # the name as its bytes were (UTF-8 when flagged so, else what zipfile read as cp437),
        # and the extra field that may give it in Unicode (Info-ZIP 0x7075); no other extra
        # field carries over (zip64 sizes would contradict the ones written here)
        utf8 = info.flag_bits & 0x800
        name = info.orig_filename.encode("utf-8" if utf8 else "cp437")
        extra = _unicode_path(info.extra)
        method = zipfile.ZIP_STORED if stored else info.compress_type
        offset = self._out.tell()
        fields = (20, utf8, method, 0, 0x21, info.CRC, len(data), info.file_size, len(name), len(extra))
        self._out.write(self._LOCAL.pack(b"PK\x03\x04", *fields))
        self._out.write(name)
        self._out.write(extra)
        self._out.write(data)
        self._central.append(self._CENTRAL.pack(b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, offset) + name + extra)

    def finish(self) -> io.BytesIO:
        """The package, ready to be read from its start (the buffer itself, not a copy of it)."""
        start = self._out.tell()
        for entry in self._central:
            self._out.write(entry)
        size = self._out.tell() - start
        count = len(self._central)
        self._out.write(self._END.pack(b"PK\x05\x06", 0, 0, count, count, size, start, 0))
        self._out.seek(0)
        return self._out


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


def _scan(pieces: Iterator[bytes]) -> SheetFacts:
    """Scan a sheet's XML as it is inflated, a block of whole rows at a time."""
    result = SheetFacts()
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
            if len(tail) > 64 * _CHUNK:  # a single absurd row: give up on the facts, not the file
                return result
            continue
        cut += 6
        _scan_block(data, cut, result, state, last=False)
        tail = data[cut:]
    if tail:
        _scan_block(tail, len(tail), result, state, last=True)
    return result


def _scan_block(data: bytes, end: int, result: SheetFacts, state: list, last: bool) -> None:
    """The facts in ``data[:end]``, whole rows. Most sheets have no hidden row, error cell or
    formula: each is ruled out first by a search for a byte or word it cannot do without,
    run only over the rows (the parts around them name formats, columns and footers)."""
    lo = opening = 0
    if not state[0]:
        lo = data.find(b"<sheetData", 0, end)
        if lo < 0:
            lo = data.find(b":sheetData", 0, end)
            if lo < 0:
                return
        state[0] = True
        opening = 10  # past the opening tag's own "sheetData>"
    hi = end
    if last:  # only the piece after the last row holds </sheetData>; what follows it is not rows
        close = data.find(b"sheetData>", lo + opening, end)
        hi = end if close < 0 else close
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
                    result.errors[(int(ref.group(2)), _col_index(ref.group(1)))] = (
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
                        seen[letters] = _col_index(letters)
                        result.formula_columns.add(seen[letters])
                    if not _HAS_VALUE.search(body):
                        result.uncalculated.add((int(ref.group(2)), seen[letters]))
