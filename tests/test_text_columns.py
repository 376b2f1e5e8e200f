"""The text report's columns line up as a terminal shows them (#20.4): each column as wide as its
widest cell, measured by display width (a Chinese character takes two columns), so a wide
header such as 客户签字（业主确认） never runs into the severity and the rule; a header too long
for any column is cut with an ellipsis."""

from __future__ import annotations

import unicodedata

import pytest

from helpers import AS_OF_ARGS, WORK_ORDER_HEADER, good_order, run_cli

WIDE = "客户签字（业主确认）"
LONG = "报修内容（请写清楚具体部位、现象和发生的时间，以便派工）"


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_of(line: str, part: str) -> int:
    """The display column where ``part`` starts in ``line``."""
    return display_width(line[:line.index(part)])


@pytest.fixture
def wide_register(register):
    header = [WIDE if h == "客户签字" else LONG if h == "报修内容" else h for h in WORK_ORDER_HEADER]

    def row(**values):
        order = good_order(**values)
        order[WIDE], order[LONG] = order.pop("客户签字"), order.pop("报修内容")
        return order

    return register([row(单号="WX2611001", 客户签字=None), row(单号="WX2611002", 联系电话="1381234567"),
                     row(单号="WX2611003", 报修内容="灯坏")], header)


@pytest.mark.parametrize("lang, rules", [
    ("zh", ("缺签字（missing-signature）", "电话无效（bad-phone）", "内容过简（content-too-brief）")),
    ("en", ("missing-signature", "bad-phone", "content-too-brief")),
])
def test_every_column_of_the_findings_starts_at_the_same_display_column(wide_register, lang, rules):
    result = run_cli("validate", str(wide_register), *AS_OF_ARGS, "--lang", lang)
    assert result.returncode == 1, result.stderr
    lines = [next(l for l in result.stdout.splitlines() if rule in l) for rule in rules]
    assert WIDE in lines[0]  # the wide header whole, not cut
    severity = {"zh": ("错误", "警告"), "en": ("error", "warning")}[lang]
    assert len({column_of(line, next(s for s in severity if s in line)) for line in lines}) == 1, lines
    assert len({column_of(line, rule) for line, rule in zip(lines, rules)}) == 1, lines
    # between the wide header and the severity, at least two blank columns
    assert f"{WIDE}  " in lines[0]


def test_a_header_too_long_for_its_column_is_cut_with_an_ellipsis(wide_register):
    result = run_cli("validate", str(wide_register), *AS_OF_ARGS, "--lang", "zh")
    line = next(l for l in result.stdout.splitlines() if "content-too-brief" in l)
    cut = next(part for part in line.split() if part.startswith("报修内容"))
    assert cut.endswith("…") and LONG not in line and display_width(cut) <= 20
    assert "报修内容“灯坏”过于简略" in line  # the message itself is never cut
