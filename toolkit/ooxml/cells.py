"""Cell references: column letters, ``M6``, sheet-qualified references (``'登记'!$A$1``).

The toolkit's one converter between column letters and numbers. Rows and columns are
counted from 1, as Excel counts them; a caller holding 0-based indexes adds one."""

from __future__ import annotations

import re


def column_number(letters: str | bytes) -> int:
    """'A' → 1, 'AB' → 28; bytes too, as a sheet's XML gives them."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ch if type(ch) is int else ord(ch)) - 64
    return n


def column_letters(number: int) -> str:
    """1 → 'A', 28 → 'AB'."""
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(65 + rest) + out
    return out


_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")


def split_ref(ref: str) -> tuple[int, int]:
    """'M6' → (6, 13): row and column; '$M$6' too."""
    m = _REF.fullmatch(ref.strip())
    if not m:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(m.group(2)), column_number(m.group(1))


def cell_ref(row: int, col: int) -> str:
    """(6, 13) → 'M6'."""
    return f"{column_letters(col)}{row}"


def quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def sheet_top_left(sheet: str) -> str:
    """A defined name's formula pointing at a sheet's first cell: ``'登记'!$A$1``."""
    return f"{quote_sheet(sheet)}!$A$1"


def sheet_of(formula: str) -> str | None:
    """The sheet a reference formula points at (``'a''b'!$A$1`` → a'b, ``登记!A1`` → 登记)."""
    quoted = re.match(r"'((?:[^']|'')+)'!", formula)
    if quoted:
        return quoted.group(1).replace("''", "'")
    plain = re.match(r"([^!#]+)!", formula)
    return plain.group(1) if plain else None
