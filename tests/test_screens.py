"""Screens never hide a finding: on random registers, every record a rule fires on is among
the records its screen names, whatever columns the register has. The column-wise shortcuts
of the workbook rules (one unbroken book of numbers, plain ASCII numbers) give what the
number-by-number way gives.

Records are made directly here, with the values rules meet after reading (times to the
minute or the day, names written with spaces or full-width letters, phones of every shape,
unreadable cells as problems): the reading itself is tested elsewhere with real files."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import islice
from operator import itemgetter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.config import Config
from toolkit.registers.fields import COMPLAINTS, FIELDS, WORK_ORDERS
from toolkit.registers.header import Column, ColumnMap
from toolkit.registers.records import RECORD_TYPES, Problem, Register
from toolkit.registers.values import DONE_NO_TIME, UNCALCULATED_REASON
from toolkit.rules import work_orders
from toolkit.rules.catalog import RECORD, RuleContext, Settings, rules_for
from toolkit.rules.screens import Columns
from toolkit.rules.work_orders import number_parts

AS_OF = datetime(2026, 11, 25, 9, 0)
BASE = datetime(2026, 11, 10, 8, 0)

moment = st.one_of(
    st.none(),
    st.integers(min_value=-60 * 24 * 20, max_value=60 * 24 * 30).map(lambda m: BASE + timedelta(minutes=m)),
    st.integers(min_value=-20, max_value=30).map(lambda d: BASE.date() + timedelta(days=d)),
)
name = st.sampled_from([None, "李明", "李 明", "李明 ", "张强", "ＡＢ", "AB", "ab", "王丽", "未签", "拒签", "陈静",
                        "Li Ming", "LiMing", "李\u3000明"])
phone = st.one_of(st.none(), st.sampled_from([
    "13812345678", "19899650943", "12812345678", "1381234567", "138123456789", "0571-88886666", "057188886666",
    "021-6666 8888", "(0571)88886666", "１３８１２３４５６７８", "13812345678 王先生", "空号", "1381234567a", "",
    "138-1234-5678", "88886666", "+8613812345678", "٠١٢٣٤٥٦٧٨٩٠", "13812345678/13912345678"]),
    st.text(alphabet="0123456789-1 ", min_size=1, max_size=13))
text = st.one_of(st.none(), st.sampled_from(["厨房水龙头漏水", "漏水", "修灯", "a_b", "门 坏", "空调不制冷需检修", "!!!!!",
                                             "OK", "曝光", "不满意", "满意", "联系不上", "设备设施", "收费类", "电梯困人",
                                             "12345", "否", "是"]), st.text(max_size=12))
problem = st.builds(Problem, st.sampled_from(sorted({f for k in FIELDS for f in FIELDS[k]})), st.just("x"),
                    st.sampled_from(["date", "money", "flag", UNCALCULATED_REASON, DONE_NO_TIME, "excel_error"]))


def value_for(kind: str, field: str):
    ftype = FIELDS[kind][field].type
    if ftype == "datetime":
        return moment
    if field in ("customer_phone", "phone"):
        return phone
    if ftype == "money":
        return st.sampled_from([None, Decimal(0), Decimal("0.00"), Decimal(50), Decimal("-5")])
    if ftype == "flag":
        return st.sampled_from([None, True, False])
    if ftype == "count":
        return st.sampled_from([None, 0, 3, 10, 25])
    if field in ("order_no", "complaint_no"):
        return st.sampled_from([None, "WX001", "WX002", "wx002", "WX 003", "No.008701", "ＷＸ００４", "WX1", "A"])
    if field in ("accepted_by", "repairer_signature", "customer_signature", "return_signer", "finance_receipt",
                 "customer_name", "complainant", "owner", "first_handler"):
        return name
    return text


def records_of(kind: str):
    cls = RECORD_TYPES[kind]
    fields = cls._fields[1:-1]
    one = st.tuples(*(value_for(kind, f) for f in fields), st.lists(problem, max_size=2).map(tuple))
    return st.lists(one, min_size=1, max_size=25).map(
        lambda rows: [cls(10 + i, *row) for i, row in enumerate(rows)])


def register_of(kind: str, records, sheet: str = "Sheet1") -> Register:
    columns = ColumnMap(kind, 1, 1, {f: Column(i, f) for i, f in enumerate(FIELDS[kind])})
    return Register("random.xlsx", sheet, kind, columns, records)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), kind=st.sampled_from([WORK_ORDERS, COMPLAINTS]))
def test_every_record_a_rule_fires_on_is_among_those_its_screen_names(data, kind):
    records = data.draw(records_of(kind))
    mapped = frozenset(data.draw(st.sets(st.sampled_from(sorted(FIELDS[kind])), min_size=1)))
    ctx = RuleContext(AS_OF, Config().settings, mapped)
    register = register_of(kind, records)
    screened = [r for r in rules_for(kind) if r.scope == RECORD and r.screen is not None]
    assert screened, "the catalog screens some rules"
    start = data.draw(st.integers(min_value=0, max_value=len(records) - 1))
    columns = Columns(register, start, len(records))
    for rule in screened:
        if rule.missing_columns(mapped):
            continue
        named = set(rule.screen(columns, ctx))
        assert all(0 <= i < len(records) - start for i in named), rule.id
        fired = {i for i, rec in enumerate(records[start:]) if rule.check(rec, ctx)}
        assert fired <= named, (rule.id, [records[start + i] for i in sorted(fired - named)])


def test_screens_leave_the_usual_clean_record_out():
    """Not a check of correctness but of the point of screens: a clean order is named by none."""
    order = RECORD_TYPES[WORK_ORDERS](
        5, "WX001", BASE, BASE + timedelta(minutes=1), "3栋1201", "厨房水龙头漏水", "陈静", "13812345678", True,
        BASE + timedelta(minutes=3), "周工", "李明", BASE + timedelta(hours=2), "陈静", Decimal(80), None, None,
        BASE + timedelta(hours=3), "何敏", None, "财务王", None, None, None, ())
    register = register_of(WORK_ORDERS, [order] * 3)
    ctx = RuleContext(AS_OF, Config().settings, frozenset(FIELDS[WORK_ORDERS]))
    columns = Columns(register)
    named = {r.id: r.screen(columns, ctx) for r in rules_for(WORK_ORDERS) if r.screen is not None}
    assert named and all(positions == [] for positions in named.values()), named


# ---- the workbook rules' shortcuts against the number-by-number way ---------------------------

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


PHONES = ["13812345678", "19899650943", "12812345678", "1381234567", "138123456789", "0571-88886666", "057188886666",
          "021-6666 8888", "(0571)88886666", "１３８１２３４５６７８", "13812345678 王先生", "空号", "1381234567a",
          "a3812345678", "23812345678", "138-1234-56", "88886666", "+8613812345678", "٠١٢٣٤٥٦٧٨٩٠", "1381234567٠",
          "13812345678/13912345678", "", " 13812345678", None]


def test_each_phone_the_rule_would_report_is_named_among_plain_mobiles():
    """One odd phone among many plain mobiles, wherever it stands: the screen names it if the
    rule reports it (plain mobiles are told together, so one odd cell must spoil the batch)."""
    from toolkit.registers.values import phone_is_valid
    from toolkit.rules.work_orders import not_plain_mobiles

    plain = [f"13{d}{n:08d}" for d, n in zip("3456789" * 3, range(0, 21_000_000, 1_000_000))]
    for odd in PHONES:
        for where in (0, 7, len(plain)):
            col = [*plain[:where], odd, *plain[where:]]
            named = not_plain_mobiles(col)
            reported = [i for i, p in enumerate(col) if p is not None and not phone_is_valid(p)]
            assert set(reported) <= set(named), (odd, where)
            assert set(named) <= {where}, "plain mobiles are never named"
