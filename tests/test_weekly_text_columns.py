"""The weekly text report lines its lists up column by column (``widths``, ``_grid``) and shows
control characters by a check first (``visible``): faster on a findings-heavy register, and
the same text, character for character, as the code it replaced (kept here as the oracle)."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

from hypothesis import given, settings, strategies as st

from unittest import mock

from toolkit.outputs import safe, weekly_text
from toolkit.outputs.text import _width, widths
from toolkit.outputs.weekly_tables import show_when
from toolkit.outputs.weekly_text import _grid, _joined


def old_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def old_cell(value, limit=None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    text = show_when(value).replace("\n", " ")
    if limit is None or old_width(text) <= limit:
        return text
    out = ""
    for ch in text:
        if old_width(out + ch) > limit - 1:
            break
        out += ch
    return out + "…"


def old_grid(header, rows, indent="  ", limits=None):
    limits = limits or [None] * len(header)
    cells = [[old_cell(v, lim) for v, lim in zip(row, limits)] for row in rows]
    sizes = [max([old_width(h)] + [old_width(r[i]) for r in cells]) for i, h in enumerate(header)]
    pad = lambda text, width: text + " " * max(0, width - old_width(text))  # noqa: E731
    out = [indent + "  ".join(pad(h, w) for h, w in zip(header, sizes)).rstrip()]
    out += [indent + "  ".join(pad(v, w) for v, w in zip(r, sizes)).rstrip() for r in cells]
    return out


# Chinese, fullwidth, ambiguous and combining characters, emoji and CJK beyond the BMP, NUL and line breaks
CHARS = st.sampled_from(list("ab Z09-—…‘’“”›·、。，：（）客户签字漏水Ａｚ１①㈠〇ｶﾞ가\u0301\u200b\t\n\r\0\x1b\u202e")
                        + ["😀", "𠀀", "\U0002f800", "\U0001f1e8"])
TEXT = st.lists(CHARS, max_size=40).map("".join)
VALUE = st.one_of(st.none(), TEXT, TEXT, TEXT, st.floats(allow_nan=False, allow_infinity=False), st.integers(),
                  st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2030, 1, 1)),
                  st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)))


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, max_size=30))
def test_widths_of_a_column_are_the_widths_of_its_texts(texts):
    assert widths(texts) == [old_width(t) for t in texts]
    assert [_width(t) for t in texts] == [old_width(t) for t in texts]


def test_widths_cover_every_character_of_the_basic_plane():
    chars = [chr(cp) for cp in range(0x10000) if not 0xD800 <= cp <= 0xDFFF]
    assert widths(chars) == [old_width(c) for c in chars]
    assert sum(widths(chars)) > len(chars) + 20_000  # the wide ones counted twice


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 5).flatmap(lambda n: st.tuples(
    st.lists(TEXT, min_size=n, max_size=n), st.lists(st.lists(VALUE, min_size=n, max_size=n), max_size=12),
    st.lists(st.sampled_from([None, None, 16, 32]), min_size=n, max_size=n))))
def test_grid_lines_are_the_lines_of_before(case):
    header, rows, limits = case
    assert _grid(header, rows, limits=limits) == old_grid(header, rows, limits=limits)
    with mock.patch.object(weekly_text, "_BLOCK", 3):  # padded a few rows at a time
        assert _grid(header, rows, limits=limits) == old_grid(header, rows, limits=limits)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 4).flatmap(lambda n: st.tuples(
    st.lists(TEXT, min_size=n, max_size=n), st.lists(st.lists(st.one_of(st.none(), TEXT), min_size=n, max_size=n),
                                                     max_size=12),
    st.lists(st.sampled_from([None, 8, 16, 32]), min_size=n, max_size=n))))
def test_grid_lines_of_text_columns_are_the_lines_of_before(case):  # the lists' usual columns: text or nothing
    header, rows, limits = case
    with mock.patch.object(weekly_text, "_BLOCK", 5):
        assert _grid(header, rows, limits=limits) == old_grid(header, rows, limits=limits)


def test_grid_keeps_only_the_columns_asked_for():
    rows = [["WX1", "厨房水龙头漏水", None, 1.5], ["WX22", None, "李工", 2.0]]
    assert _grid(["no.", "open"], rows, columns=[0, 3]) == old_grid(["no.", "open"], [[r[0], r[3]] for r in rows])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(TEXT, st.sampled_from(["", " ", "  ", "\u3000", "x  "])), max_size=8))
def test_the_report_ends_as_it_ended(lines):
    assert _joined(list(lines)) == "\n".join(lines).rstrip() + "\n"


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_visible_shows_what_it_showed(text):
    assert safe.visible(text) == text.translate(safe._CONTROL)
