"""The column-wise shortcuts of the workbook rules (one unbroken book of numbers, plain ASCII
numbers) give what the number-by-number way gives, on random books of form numbers."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from itertools import islice
from operator import itemgetter

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.config import Config
from toolkit.registers.fields import FIELDS, WORK_ORDERS
from toolkit.registers.header import Column, ColumnMap
from toolkit.registers.records import RECORD_TYPES, Register
from toolkit.rules import work_orders
from toolkit.rules.catalog import RuleContext, Settings
from toolkit.rules.work_orders import number_parts

AS_OF = datetime(2026, 11, 25, 9, 0)


def register_of(kind: str, records, sheet: str = "Sheet1") -> Register:
    columns = ColumnMap(kind, 1, 1, {f: Column(i, f) for i, f in enumerate(FIELDS[kind])})
    return Register("random.xlsx", sheet, kind, columns, records)


def gaps_one_by_one(registers, gap_max: int) -> list[tuple[str, str]]:
    """number-gap as it reads number by number: (before, after) of every gap it reports."""
    sequences = defaultdict(list)
    for reg in registers:
        for rec in reg.records:
            if rec.order_no is not None and (parts := number_parts(rec.order_no)):
                sequences[(parts[0], parts[2])].append((parts[1], rec))
    found = []
    for items in sequences.values():
        items.sort(key=itemgetter(0))
        for (n0, r0), (n1, r1) in zip(items, islice(items, 1, None)):
            if 0 < n1 - n0 - 1 <= gap_max:
                found.append((r0.order_no, r1.order_no))
    return sorted(found)


numbers = st.lists(st.one_of(
    st.integers(min_value=1, max_value=60).map(lambda n: f"WX26{n:04d}"),
    st.integers(min_value=1, max_value=60).map(lambda n: f"wx26{n:04d}"),
    st.integers(min_value=1, max_value=60).map(lambda n: f"WX26{n:05d}"),
    st.integers(min_value=1, max_value=60).map(lambda n: f"ＷＸ26{n:04d}"),
    st.sampled_from(["WX 260001", "No.008701", "A", "260003", None])), max_size=40)


def numbered(orders: list[str | None], sheet: str = "Sheet1"):
    cls = RECORD_TYPES[WORK_ORDERS]
    return register_of(WORK_ORDERS, [cls(2 + i, n) for i, n in enumerate(orders)], sheet)


@settings(max_examples=300, deadline=None)
@given(sheets=st.lists(numbers, min_size=1, max_size=3), gap_max=st.sampled_from([1, 5, 20]))
def test_number_gaps_are_those_found_number_by_number(sheets, gap_max):
    registers = [numbered(orders) for orders in sheets]
    ctx = RuleContext(AS_OF, Settings(number_gap_max=gap_max), frozenset({"order_no"}))
    found = sorted((hit.params["before"], hit.params["after"]) for _, _, hit in work_orders.number_gap(registers, ctx))
    assert found == gaps_one_by_one(registers, gap_max)


@given(sheets=st.lists(numbers, min_size=1, max_size=3))
@settings(max_examples=300, deadline=None)
def test_numbers_used_twice_are_those_found_number_by_number(sheets):
    registers = [numbered(orders, f"{k + 1}月") for k, orders in enumerate(sheets)]
    ctx = RuleContext(AS_OF, Config().settings, frozenset({"order_no"}))
    found = [(reg.sheet, rec.row) for reg, rec, _ in work_orders.duplicate_number(registers, ctx)]
    seen, expected = set(), []
    for reg in registers:
        for rec in reg.records:
            if rec.order_no is not None:
                key = work_orders._number_key(rec.order_no)
                if key in seen:
                    expected.append((reg.sheet, rec.row))
                seen.add(key)
    assert found == expected


def test_an_unbroken_book_over_several_sheets_has_no_gap_and_one_missing_number_is_found():
    november = numbered([f"WX26{n:04d}" for n in range(1, 3001)])
    december = numbered([f"WX26{n:04d}" for n in range(3001, 5001)])
    ctx = RuleContext(AS_OF, Config().settings, frozenset({"order_no"}))
    assert work_orders._one_unbroken_book([november, december])
    assert list(work_orders.number_gap([november, december], ctx)) == []
    lost = numbered([f"WX26{n:04d}" for n in range(3001, 5001) if n != 4321])
    assert not work_orders._one_unbroken_book([november, lost])
    [(_, rec, hit)] = work_orders.number_gap([november, lost], ctx)
    assert hit.params["missing"] == "WX264321" and rec.order_no == "WX264322"
