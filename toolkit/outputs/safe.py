"""Neutralise spreadsheet formula injection in what the toolkit writes.

A cell from a register that starts with = + - @ (or a tab / carriage return) would run as a
formula when a CSV is opened in Excel; it is prefixed with an apostrophe, which Excel
shows as text and hides in the cell itself.
"""

from __future__ import annotations

import re

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value


# Control characters from cells (Excel keeps them as _x001B_ and gives them back) would drive
# the terminal that shows them: colours, a cleared screen, a clipboard write (OSC 52). They
# are shown as escapes instead; newline and tab are layout and stay. Bidirectional overrides
# would reorder what is shown, so they are shown as escapes too.
_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if c not in (0x09, 0x0A)}
_CONTROL.update({c: f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_CONTROL_RE = re.compile("[" + "".join(f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}" for c in sorted(_CONTROL)) + "]")


def visible(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``), newlines kept."""
    if _CONTROL_RE.search(text) is None:  # the usual case, found at C speed (translate goes char by char)
        return text
    return text.translate(_CONTROL)


def xlsx_text(value):
    """A cell value openpyxl can write: the control characters XML 1.0 cannot hold are shown
    as escapes (openpyxl refuses them with IllegalCharacterError)."""
    if isinstance(value, str) and not value.isprintable():
        return value.translate(_XML_ILLEGAL)
    return value


_XML_ILLEGAL = {c: f"\\x{c:02x}" for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)}
