"""How the toolkit's sheets look on paper: A4 landscape, text no smaller than 9 pt, the header
repeated on every page, and rows as tall as their wrapped text.

Neither LibreOffice nor Excel makes a row taller for wrapped text in a file it opens (the text
runs over the rows below), so the writers set the height themselves, estimated here from the
text's display width: a Chinese character is about two digits wide.
"""

from __future__ import annotations

import math
from operator import methodcaller

from toolkit.i18n import pick

PAPER_A4 = 9  # the paperSize code of A4
A4_LANDSCAPE_PT = (841.89, 595.28)
MIN_FONT_PT = 9.0
FONT_PT = 11.0  # Calibri 11: the default font of the workbooks openpyxl writes
# One line of 11 pt text: Excel's row is 15 pt with Calibri, a Chinese font needs more (Noto Sans
# CJK, which LibreOffice falls back to, is 1.45 em high): the taller one, so neither clips.
LINE_PT = 16.0
ROW_PAD_PT = 2.0
MARGIN_SIDE_IN = 0.4
# The page width left for columns, in points (less a little: the applications round), and the
# width a column of ``w`` characters takes: 7 pixels a character at Calibri 11 and 5 of padding,
# 96 pixels an inch.
PRINTABLE_WIDTH_PT = A4_LANDSCAPE_PT[0] - 2 * 72 * MARGIN_SIDE_IN - 8
PT_PER_CHAR, PT_PADDING = 5.25, 3.75
# The smallest scale that keeps 11 pt text at 9 pt or more.
MIN_SCALE = math.ceil(100 * MIN_FONT_PT / FONT_PT)


def page_footer(lang: str) -> str:
    """The footer of every printed page (Excel's codes: &P the page, &N the pages)."""
    return pick(("第 &P 页 共 &N 页", "Page &P of &N"), lang)


def display_width(text: str) -> float:
    """Columns ``text`` takes: a Chinese (three-byte UTF-8) character 2, an ASCII one 1. Counted
    at C speed from the encoded length; others (accents, astral) fall in between or count more,
    which only makes a row a little taller."""
    n = len(text)
    return n + (len(text.encode("utf-8")) - n) / 2


def lines(text, width: float) -> int:
    """The lines ``text`` wraps to in a column ``width`` characters wide."""
    if text is None:
        return 1
    if not isinstance(text, str):
        return 1
    usable = max(1.0, width - 1.5)  # the cell's padding, and a word wrapped whole
    return sum(max(1, math.ceil(display_width(part) * 1.05 / usable)) for part in text.split("\n"))


def column_lines(values: list, width: float) -> list[int]:
    """``lines`` of a column's values, at C speed for the most part (the weekly lists hold
    hundreds of thousands of rows): paragraphs are not measured apart, a line feed adds a line,
    which is never fewer lines than the text takes."""
    usable = max(1.0, width - 1.5) / 1.05
    texts = [v if type(v) is str else "" for v in values]
    n = list(map(len, texts))
    wide = map(len, map(methodcaller("encode", "utf-8", "surrogatepass"), texts))
    feeds = map(methodcaller("count", "\n"), texts)
    return [max(1, math.ceil((a + (b - a) / 2) / usable)) + f for a, b, f in zip(n, wide, feeds)]


MAX_ROW_PT = 409.0  # Excel's tallest row


def row_height(count: int, font_pt: float = FONT_PT) -> float | None:
    """The height of a row of ``count`` lines; None for one line (the sheet's default)."""
    if count <= 1:
        return None
    return min(MAX_ROW_PT, round(count * LINE_PT * font_pt / FONT_PT + ROW_PAD_PT, 1))


def width_pt(chars: float, scale: float = 100) -> float:
    """The printed width of a column ``chars`` wide at ``scale`` percent."""
    return (chars * PT_PER_CHAR + PT_PADDING) * scale / 100


def fits_at(widths: list[float], scale: float) -> bool:
    return sum(width_pt(w, scale) for w in widths) <= PRINTABLE_WIDTH_PT


def column_breaks(widths: list[float], scale: float, repeated: float = 0) -> list[int]:
    """Where pages begin across (1-based columns after which to break), filling each page from
    the left at ``scale``; ``repeated``: the width of the title columns printed on every page."""
    breaks, used = [], 0.0
    for i, w in enumerate(widths, start=1):
        wide = width_pt(w, scale)
        if used and used + wide > PRINTABLE_WIDTH_PT:
            breaks.append(i - 1)
            used = width_pt(repeated, scale)
        used += wide
    return breaks


def best_scale(widths: list[float], repeated: float = 0) -> tuple[int, list[int]]:
    """The largest scale (100 down to ``MIN_SCALE``) that prints the columns on as few pages
    across as the smallest scale does, and the breaks at that scale."""
    fewest = len(column_breaks(widths, MIN_SCALE, repeated))
    for scale in range(100, MIN_SCALE - 1, -1):
        breaks = column_breaks(widths, scale, repeated)
        if len(breaks) == fewest:
            return scale, breaks
    return MIN_SCALE, column_breaks(widths, MIN_SCALE, repeated)  # pragma: no cover - the loop ends there


def a4_landscape(ws, *, footer: str | None = None, margins: bool = True) -> None:
    """An openpyxl sheet on A4 landscape, with the page footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_A4
    if margins:
        ws.page_margins.left = ws.page_margins.right = MARGIN_SIDE_IN
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.page_margins.header = ws.page_margins.footer = 0.25
    if footer:
        ws.oddFooter.center.text = footer
