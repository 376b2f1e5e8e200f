"""Random cell values through the whole pipeline (header → records → every rule): no exception escapes."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from helpers import AS_OF, WORK_ORDER_HEADER  # noqa: E402

from toolkit.config import Config  # noqa: E402
from toolkit.registers.header import find_header  # noqa: E402
from toolkit.registers.records import build_records  # noqa: E402
from toolkit.rules.engine import check_registers  # noqa: E402

COMPLAINT_HEADER = ["投诉编号", "投诉时间", "投诉人", "联系电话", "房号", "投诉内容", "投诉类别", "涉及人数", "首问责任人",
                    "责任人", "承诺答复时间", "答复时间", "处理结果", "回访时间", "回访结果", "结案时间"]

cell = st.one_of(
    st.just(""), st.none(), st.booleans(),
    st.integers(min_value=-10**30, max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
    st.times(),
    st.text(max_size=30),
    st.sampled_from(["合计", "制表人：王丽", "有偿", "无偿", "¥120", "11月31日", "14:05", "2026/11/03 14:05", "#N/A",
                     "138 1234 5678", "WX2611001", "WX2611001", "No.008701", "=SUM(A1:A3)", "不满意", "曝光"]),
)


def _run(header, rows):
    table = [header] + rows
    guess = find_header(table, [])
    assert guess is not None
    rows_below = ((n, row) for n, row in enumerate(table, 1) if n > guess.cmap.data_start)
    register = build_records(rows_below, guess.cmap, AS_OF.date(), "random.xlsx", "Sheet1")
    for lang in ("zh", "en"):
        check_registers([register], AS_OF, Config(), lang)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(cell, min_size=len(WORK_ORDER_HEADER), max_size=len(WORK_ORDER_HEADER)), min_size=1, max_size=8))
def test_random_work_order_rows_never_raise(rows):
    _run(WORK_ORDER_HEADER, rows)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(cell, min_size=len(COMPLAINT_HEADER), max_size=len(COMPLAINT_HEADER)), min_size=1, max_size=8))
def test_random_complaint_rows_never_raise(rows):
    _run(COMPLAINT_HEADER, rows)
