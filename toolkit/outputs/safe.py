"""Neutralise spreadsheet formula injection in what the toolkit writes.

A cell from a register that starts with = + - @ (or a tab / carriage return) would run as a
formula when a CSV is opened in Excel; it is prefixed with an apostrophe, which Excel
shows as text and hides in the cell itself.
"""

from __future__ import annotations

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value
