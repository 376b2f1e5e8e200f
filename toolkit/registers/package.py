"""What the values alone do not tell, read from an .xlsx package's sheet XML: hidden rows,
which columns a formula computes (not what the clerk typed), and formulas that were never
calculated (a file written by a program and never opened in Excel has formulas without
cached values; their cells read as empty, and must not be taken for empty)."""

from __future__ import annotations

import re
import zipfile
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
    facts: dict[str, SheetFacts] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            for name, part in sheet_parts(zf).items():
                try:
                    facts[name] = _scan(zf, part)
                except (KeyError, zipfile.BadZipFile, OSError, EOFError):
                    continue
    except (zipfile.BadZipFile, OSError):
        return {}
    return facts


def _scan(zf: zipfile.ZipFile, part: str) -> SheetFacts:
    result = SheetFacts()
    tail = b""
    with zf.open(part) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            data = tail + chunk
            if not chunk:
                _scan_block(data, result)
                break
            # keep an unfinished row for the next round: scan up to the last complete row
            cut = data.rfind(b"</row>")
            cut = cut + 6 if cut >= 0 else 0
            _scan_block(data[:cut], result)
            tail = data[cut:]
            if len(tail) > 64 * _CHUNK:  # a single absurd row: give up on the facts, not the file
                break
    return result


def _scan_block(data: bytes, result: SheetFacts) -> None:
    if b'hidden="' in data:
        for m in _ROW.finditer(data):
            if _HIDDEN.search(m.group(1)):
                num = _ROW_NUMBER.search(m.group(1))
                if num:
                    result.hidden_rows.append(int(num.group(1)))
    if b't="e"' in data:
        for m in _CELL.finditer(data):
            if b't="e"' in m.group(1):
                ref = _REF.search(m.group(1))
                value = _VALUE.search(m.group(3) or b"")
                if ref:
                    result.errors[(int(ref.group(2)), _col_index(ref.group(1)))] = (
                        value.group(1).decode("utf-8", "replace") if value else "#ERROR")
    if b"<f" in data or b":f>" in data or b":f " in data:
        seen: dict[bytes, int] = {}
        for m in _CELL.finditer(data):
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
