"""Screens: a rule's quick look at whole columns for the records it could fire on.

A record rule is a small pure function of one record. Called once per record and rule, a
register of 5,000 clean orders costs tens of thousands of Python calls that find nothing.
A rule may also declare a screen: given the register's values column by column, it names
the positions of the records the rule *could* fire on, told at C speed (``None in col``,
``map`` over built-in operators); the rule then runs on those records alone. A screen
may name records the rule passes, never leave out one it would fire on (a test holds
every screen to that on random registers).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import compress, count, repeat
from operator import is_, not_


class Columns:
    """A register's values field by field, for the records ``records[start:stop]`` (positions
    are counted from ``start``)."""

    __slots__ = ("_register", "_start", "_stop", "_cache", "size")

    def __init__(self, register, start: int = 0, stop: int | None = None):
        self._register = register
        self._start = start
        self._stop = len(register.records) if stop is None else stop
        self._cache: dict[str, list] = {}
        self.size = self._stop - self._start

    def __getitem__(self, name: str) -> list:
        col = self._cache.get(name)
        if col is None:
            whole = self._register.column(name)
            col = whole if self._start == 0 and self._stop == len(whole) else whole[self._start:self._stop]
            self._cache[name] = col
        return col


def nones(col: list) -> list[int]:
    """Positions of the empty values."""
    if all(col) or None not in col:  # the usual full column: texts and times are all true
        return []
    return list(compress(count(), map(is_, col, repeat(None))))


def falsy(col: list) -> list[int]:
    """Positions of the values that are empty, zero or otherwise false."""
    return list(compress(count(), map(not_, col)))


def truthy(col: list) -> list[int]:
    return list(compress(count(), col))


def union(positions: Iterable[list[int]]) -> list[int]:
    """Positions in any of the lists, in order and once each."""
    lists = [p for p in positions if p]
    if not lists:
        return []
    if len(lists) == 1:
        return lists[0]
    return sorted(set().union(*lists))


def any_none(cols: Columns, names: Iterable[str]) -> list[int]:
    """Records with any of these fields empty."""
    return union(nones(cols[name]) for name in names)


def mapped(ctx, names: Iterable[str]) -> list[str]:
    """The fields among ``names`` the register has columns for (an unmapped one is empty everywhere)."""
    return [name for name in names if name in ctx.columns]
