"""Typed records: one work order or complaint per register row, with where it came from.

A record holds typed values (datetime/date/time, Decimal, bool, str) and the problems met
while reading them. Cell references come from the record's row and the register's column
map, so every value can be pointed at without storing a reference per cell.
"""

from __future__ import annotations

import re
import unicodedata
from functools import partial, wraps
from itertools import islice, repeat
from operator import itemgetter
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import NamedTuple

from toolkit.model.regions import DAY_FIRST, MAINLAND, TAIWAN
from toolkit.registers import values as v
from toolkit.registers.fields import (
    CALLS, COMPLAINTS, COUNT, DATETIME, FLAG, IDENTITY_FIELDS, MONEY, PHONE, PRINTED_FORMS, READ_FIELDS,
    RECORD_NUMBER, STATUS, SYSTEM_NUMBERS, TIME_SEQUENCE, WORK_ORDERS,
)
from toolkit.registers.header import ColumnMap, names_time, normalise
from toolkit.registers.region import SAMPLE_ROWS, RegionGuess, guess_region
from toolkit.registers.script import fold, is_traditional

When = datetime | date | None


@dataclass(frozen=True, slots=True)
class Problem:
    """A cell that holds something its column's type cannot read."""

    field: str
    raw: str
    reason: str


class WorkOrder(NamedTuple):
    """One work order as read. A named tuple: a register's orders are made from its columns at
    C speed (tuple.__new__ over zip), thousands per sheet, and never change once read."""

    row: int  # the Excel row number the clerk sees
    order_no: str | None = None
    received_at: When = None
    dispatched_at: When = None
    location: str | None = None
    content: str | None = None
    customer_name: str | None = None
    customer_phone: str | None = None
    paid: bool | None = None
    accepted_at: When = None
    accepted_by: str | None = None
    repairer_signature: str | None = None
    completed_at: When = None
    customer_signature: str | None = None
    fee: Decimal | None = None
    delay_reason: str | None = None
    incomplete_reason: str | None = None
    returned_at: When = None
    return_signer: str | None = None
    special_approval: str | None = None
    finance_receipt: str | None = None
    visit_at: When = None
    visit_result: str | None = None
    remarks: str | None = None
    status: str | None = None  # toolkit.model.work_orders: PENDING … CANCELLED, None without a status
    issued_by: str | None = None  # who issued the order (发单人, 接报人 …): answers for the issue-time cells
    problems: tuple[Problem, ...] = ()

    @property
    def is_returned(self) -> bool:
        """Back at customer service: it has a return time or a return signer."""
        return self.returned_at is not None or self.return_signer is not None


class Complaint(NamedTuple):
    """One complaint as read (a named tuple, like WorkOrder)."""

    row: int
    complaint_no: str | None = None
    received_at: When = None
    complainant: str | None = None
    phone: str | None = None
    location: str | None = None
    content: str | None = None
    category: str | None = None
    people_count: int | None = None
    media_or_legal: str | None = None
    first_handler: str | None = None
    owner: str | None = None
    promised_reply_at: When = None
    replied_at: When = None
    result: str | None = None
    visit_at: When = None
    visit_result: str | None = None
    closed_at: When = None
    remarks: str | None = None
    problems: tuple[Problem, ...] = ()


class Call(NamedTuple):
    """One call of a call log that is neither a repair nor a complaint (咨询, 建议, 表扬 …)."""

    row: int
    call_no: str | None = None
    received_at: When = None
    caller: str | None = None
    phone: str | None = None
    location: str | None = None
    content: str | None = None
    taker: str | None = None
    result: str | None = None
    remarks: str | None = None
    problems: tuple[Problem, ...] = ()


RECORD_TYPES = {WORK_ORDERS: WorkOrder, COMPLAINTS: Complaint, CALLS: Call}
assert all(
    set(cls._fields) - {"row", "problems"} == set(READ_FIELDS[kind]) for kind, cls in RECORD_TYPES.items()
), "record classes and the field table must agree"
_new_record = tuple.__new__  # a record from a tuple of its values, without the keyword handling of __new__


@dataclass(frozen=True, slots=True)
class SkippedRow:
    row: int
    reason: str  # blank, total, footer, note, header, number_only, continued


@dataclass(slots=True)
class Register:
    """One register table on one sheet: its columns, its records, the rows that were not records."""

    path: str
    sheet: str
    kind: str
    columns: ColumnMap
    records: list = field(default_factory=list)
    skipped_rows: list[SkippedRow] = field(default_factory=list)
    anchor: date | None = None  # the month the sheet is about, for dates written without a year
    hidden_rows: list[int] = field(default_factory=list)  # rows hidden in Excel (checked all the same)
    call_log: object = None  # a CallLog when the sheet is a call log split into kinds of call
    # (row, field) of each time written alone that is earlier than the event before it on its
    # row, read as the next day: 14:27 after a 15:00 sign-in may be a slip as well (said in --verbose)
    next_day: list[tuple[int, str]] = field(default_factory=list)
    region_guess: RegionGuess = field(default_factory=RegionGuess)  # whose phones, money and dates, and why

    @property
    def region(self) -> str:
        """The region whose conventions the register's values follow (mainland, hong_kong, …)."""
        return self.region_guess.region
    # Whose numbers these are: PRINTED_FORMS (a gap is a lost form) or SYSTEM_NUMBERS (a software
    # export's: a gap is no lost form), and the signs that told (see judge_numbering).
    numbering: str = PRINTED_FORMS
    numbering_signs: tuple[str, ...] = ()
    newest_first: bool = False  # the records run newest first, as software exports list them

    def column(self, name: str) -> list:
        """Every record's value of one field, in record order (for the workbook-wide rules)."""
        return list(map(itemgetter(RECORD_TYPES[self.kind]._fields.index(name)), self.records))

    def has(self, name: str) -> bool:
        return name in self.columns.fields

    def cell(self, record, name: str) -> str | None:
        col = self.columns.fields.get(name)
        return f"{col.letter}{record.row}" if col else None


# ---- building records from rows ----------------------------------------------------------

_PARSERS = {
    DATETIME: None,  # needs the sheet's anchor date
    MONEY: v.parse_money,
    FLAG: v.parse_flag,
    PHONE: v.parse_phone,
    COUNT: v.parse_count,
    STATUS: v.parse_status,
}
# A totals row may name its span first: 本月合计, 上半月小计, 第一周小计, 11月合计, 本季度合计.
_TOTAL = re.compile(r"^(本月|本页|本周|本年|全月|当月|上半月|下半月|上旬|中旬|下旬|本季度?|全年|年度|月度|"
                    r"第[一二三四五六七八九十\d]{1,3}[周页]|[一二三四五六七八九十\d]{1,3}月份?)?"
                    r"(合计|小计|总计|共计|累计|总数|total|sum)")
# In a column of free text (content, remarks, reasons) only the whole cell marks a totals row:
# "累计报修3次" in the remarks is an order's note.
_TOTAL_CELL = re.compile(_TOTAL.pattern + r"\s*[:：]?$")
_FREE_TEXT = frozenset({"content", "remarks", "delay_reason", "incomplete_reason", "special_approval",
                        "visit_result", "result", "location", "category", "media_or_legal"})
_FOOTER = re.compile(
    r"^(制表|填表|审核|审批|复核|经办|统计|主管|负责人|部门负责人|批准|核对|签字|盖章|prepared|checked|approved)"
    r"(人|者|员)?(签字|签名)?\s*[:：]?"
)
# Roles and labels that also sign a footer, taken as such only with a colon or standing alone.
_FOOTER_ROLE = re.compile(
    r"^(客服主管|客服经理|服务中心负责人|服务中心主任|中心负责人|项目经理|经理|主任|日期|填表日期|制表日期)"
    r"(签字|签名)?\s*(?:[:：]|$)"
)
# First characters of footer markers: rows with few cells are looked at closely only with one.
# (with their Traditional forms: the marker itself is matched folded)
_FOOTER_START = frozenset("制填审复经统主负部批核签盖客服中项日pcaPCA" "製審復複經統負簽蓋項")
_LABELLED = re.compile(r"^[^:：\d]{1,6}[:：]")
_NOTE = re.compile(r"^(说明|注|备注|附注|note)\s*[:：]|^注\d|^\d+[、.]\s*\S")
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")  # a person's name beside a footer label: 张敏
_DATE_TEXT = re.compile(r"^\d{4}\s*[年./\-]\s*\d{1,2}\s*[月./\-]\s*\d{1,2}\s*[日号]?$")


def _is_empty(value) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


def _marker_text(value) -> str:
    return fold(unicodedata.normalize("NFKC", value).strip().lower()) if isinstance(value, str) else ""


def _footer_marker(text: str) -> bool:
    return bool(_FOOTER.match(text) or _FOOTER_ROLE.match(text))


def _is_footer(filled: list[tuple[int, object]]) -> bool:
    """A signature footer: a 制表人/审核 marker, and every other cell a label (制表人：张敏), a
    name right after a bare label (制表人 | 张敏), or a date after a label or ending the row."""
    texts = [_marker_text(x) for _, x in filled]
    markers = [isinstance(x, str) and len(x) <= 40 and _footer_marker(t) for (_, x), t in zip(filled, texts)]
    if not any(markers):
        return False
    for i, ((_, x), text) in enumerate(zip(filled, texts)):
        after_label = i > 0 and (markers[i - 1] or bool(_LABELLED.match(texts[i - 1])))
        if markers[i] or (text and _LABELLED.match(text)):
            continue
        if isinstance(x, (date, datetime)) or _DATE_TEXT.match(text):
            if after_label or i == len(filled) - 1:
                continue
            return False
        if _NAME.match(text) and i > 0 and markers[i - 1]:
            continue
        return False
    return True


def _is_total(filled: list[tuple[int, object]], mapped: dict[int, str]) -> bool:
    for c, x in filled:
        text = _marker_text(x)
        if text and len(text) <= 12:
            text = text.replace(" ", "")
            if (_TOTAL_CELL if mapped.get(c) in _FREE_TEXT else _TOTAL).match(text):
                return True
    return False


def _parser(ftype: str, anchor: date, roc: bool = False, region: str = MAINLAND):
    if ftype == DATETIME:
        day_first = region in DAY_FIRST
        return lambda raw: v.parse_datetime(raw, anchor, roc, day_first)
    if ftype == MONEY and region != MAINLAND:
        return partial(v.parse_money, region=region)
    return _PARSERS.get(ftype) or v.parse_text


def _combine(date_part, time_part):
    """A date column and a time column → one value (a time in the date column also counts)."""
    if isinstance(date_part, datetime):
        if isinstance(time_part, time) and not (date_part.hour or date_part.minute):
            return datetime.combine(date_part.date(), time_part)
        return date_part
    if isinstance(date_part, date):
        if isinstance(time_part, datetime):
            return datetime.combine(date_part, time_part.time())
        if isinstance(time_part, time):
            return datetime.combine(date_part, time_part)
        return date_part
    if date_part is None:
        return time_part
    return date_part


def _next_day(col: list, times: list, raw_times, raw_dates) -> None:
    """晚上12点 or 24:00 in the time column beside a date is the first moment of the next day."""
    for i, raw in enumerate(raw_times):
        if type(times[i]) is time and type(col[i]) is datetime and col[i].time() == times[i] \
                and type(raw_dates[i]) is not datetime and v.rolls_over(raw):
            col[i] += timedelta(days=1)


# Event columns a register may keep as yes/no (是否结案: 是/否) instead of a time.
_DONE_COLUMNS = frozenset({"closed_at"})
# Cells a person signs: 未签, 未交, 拒签 or 否 in them is no signature.
_SIGNATURES = frozenset({"accepted_by", "repairer_signature", "customer_signature", "return_signer", "finance_receipt"})


# First characters of totals and footer markers: a cheap test before the regexes.
_MARKER_START = frozenset("本全当合小总共累制填审复经统主负部批核签盖上下中第年月tsTSpcaPCA" "當總製審復複經統負簽蓋")


_CHUNK = 4096  # rows parsed column by column at a time: fast, and memory stays bounded


@dataclass(frozen=True, slots=True)
class _ColumnPlan:
    """How one field's column is read."""

    index: int
    parse: object  # the field type's parser
    is_time: bool
    time_index: int | None  # a time column beside a date column (报修日期 | 报修时间)
    parts: tuple[int, ...] = ()  # further columns of the same field (a place over side-by-side columns)


@dataclass(frozen=True, slots=True)
class _SheetPlan:
    """What building one sheet's records needs, worked out once from its column map."""

    cmap: ColumnMap
    columns: dict[str, _ColumnPlan]
    parse_time: object
    sequence: list[str]  # the register's event times present, in the order they happen
    identity: list[int]  # columns of the fields that tell one record from another
    header_texts: dict[int, str]  # column → its header, normalised (a repeated header row)
    header_plain: dict[int, str]  # column → its header as written
    yes_no: frozenset[str]  # event columns kept as yes/no
    width: int  # cells a row needs for every column read
    computed: frozenset[int] | set[int]  # columns a formula fills in
    traditional: bool = False  # the header is written in Traditional Chinese: values are read folded


# Text fields whose words the toolkit interprets (满意, 曝光, 设备设施 …): kept folded to Simplified
# in a Traditional register. Other text (names, places, notes) stays as written.
_READ_BY_WORD = frozenset({"visit_result", "media_or_legal", "category", "content", "status"})


def _folding(parse, keep_folded: bool):
    """A parser reading a Traditional register's cell folded to Simplified (收費 → 收费, 維修中,
    未簽, 無). What it cannot read is reported as written; text is kept as written unless its words
    are interpreted (``keep_folded``)."""
    @wraps(parse)
    def read(raw):
        if type(raw) is not str:
            return parse(raw)
        folded = fold(raw)
        if folded == raw:
            return parse(raw)
        value = parse(folded)
        if type(value) is v.Unreadable:
            return v.Unreadable(raw, value.reason)
        if type(value) is str and not keep_folded:
            return parse(raw)
        return value
    return read


def _sheet_plan(cmap: ColumnMap, anchor: date, computed, region: str = MAINLAND) -> _SheetPlan:
    specs = READ_FIELDS[cmap.kind]
    parts = {name: tuple(c.index for c in cols) for name, cols in cmap.part_columns.items()}
    traditional = any(is_traditional(col.header) for col in cmap.fields.values())
    roc = traditional or region == TAIWAN  # dates may be in the ROC calendar (115/11/06)
    columns = {name: _ColumnPlan(col.index, _parser(specs[name].type, anchor, roc, region), specs[name].type == DATETIME,
                                 cmap.time_columns[name].index if name in cmap.time_columns else None,
                                 parts.get(name, ()))
               for name, col in cmap.fields.items() if name in specs}
    if traditional:
        columns = {name: replace(c, parse=_folding(c.parse, name in _READ_BY_WORD)) for name, c in columns.items()}
    width = max([c.index for c in columns.values()] + [c.time_index for c in columns.values() if c.time_index is not None]
                + [i for c in columns.values() for i in c.parts] + [0]) + 1
    return _SheetPlan(
        cmap=cmap, columns=columns,
        parse_time=_folding(_parser(DATETIME, anchor, roc, region), False) if traditional else _parser(DATETIME, anchor, roc, region),
        sequence=[f for f in TIME_SEQUENCE[cmap.kind] if f in columns],
        identity=[cmap.fields[f].index for f in IDENTITY_FIELDS[cmap.kind] if f in cmap.fields],
        header_texts={col.index: normalise(col.header.split(" / ")[-1]) for col in cmap.fields.values()},
        header_plain={col.index: col.header.split(" / ")[-1].strip() for col in cmap.fields.values()},
        # an event column whose header names no time (是否结案) holds yes or no; under 结案时间 a
        # 已结案 is a time not written, reported as such
        yes_no=frozenset(name for name in _DONE_COLUMNS & columns.keys()
                         if not names_time(normalise(cmap.fields[name].header))),
        width=width, computed=computed, traditional=traditional)


def build_records(rows, cmap: ColumnMap, anchor: date, path: str, sheet: str,
                  computed: frozenset[int] | set[int] = frozenset(), region: str | None = None) -> Register:
    """Rows below the header → typed records. ``rows`` yields (Excel row number, cells);
    ``computed`` names the columns a formula fills in; ``region`` is the config's (None: the
    register's region is guessed from its first rows).

    Rows are told apart one by one (record, totals, footer, …), then the records' cells are
    parsed column by column in chunks: one parser per column type, records built positionally.
    """
    plan = _sheet_plan(cmap, anchor, computed)
    register = Register(path, sheet, cmap.kind, cmap, anchor=anchor)
    iterator = iter(rows)
    guessed = False
    while chunk := list(islice(iterator, _CHUNK)):
        numbers, cells = _record_rows(chunk, plan, register.skipped_rows)
        if not guessed:  # the first rows say whose conventions the values follow, before any is read
            register.region_guess = _region_of(plan, cells, region)
            if register.region != MAINLAND:
                plan = _sheet_plan(cmap, anchor, computed, register.region)
            guessed = True
        if numbers:
            _add_records(register, plan, numbers, cells)
    if not guessed:
        register.region_guess = _region_of(plan, [], region)
    _drop_trailing_blanks(register)
    judge_numbering(register)
    register.newest_first = _newest_first(register)
    return register


# ---- a software export or pre-printed forms -------------------------------------------------

_SAMPLE = 200  # records looked at to judge the register as a whole: the first ones tell
# A system number: a letter prefix, the full date it was created (yyyymmdd) and a serial of that
# day (GD202611240003). A paper book numbers by month at most (WX2611001), never by day.
_DATED_NUMBER = re.compile(r"^[A-Za-z]{0,6}[-_]?((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[-_]?\d{3,6}$")
STATUS_COLUMN, DATED_NUMBERS, SECONDS = "status_column", "dated_numbers", "seconds"


def judge_numbering(register: Register) -> None:
    """A software export or a register of pre-printed forms? Two of three signs make an export: a
    status column (工单状态), numbers carrying the day they were created (GD20261124…, the day of
    the receipt where the register has one), times to the second (a clerk types minutes)."""
    records = register.records[:_SAMPLE]
    if not records:
        return
    signs = []
    if register.has("status"):
        signs.append(STATUS_COLUMN)
    if _dated_numbers(register, records):
        signs.append(DATED_NUMBERS)
    if _to_the_second(register, records):
        signs.append(SECONDS)
    register.numbering_signs = tuple(signs)
    if len(signs) >= 2:
        register.numbering = SYSTEM_NUMBERS


def _dated_numbers(register: Register, records: list) -> bool:
    """Four in five numbers carry a date, and (with a receipt) the date the order was received."""
    number = RECORD_NUMBER[register.kind]
    if not register.has(number):
        return False
    numbered = [(m, r.received_at) for r in records
                if (n := getattr(r, number)) is not None and (m := _DATED_NUMBER.match(n.replace(" ", "")))]
    if len(numbered) * 5 < len(records) * 4:
        return False
    received = [(m, d) for m, d in numbered if isinstance(d, date)]
    same_day = sum(1 for m, d in received if (int(m[1]), int(m[2]), int(m[3])) == (d.year, d.month, d.day))
    return not received or same_day * 5 >= len(received) * 4


def _to_the_second(register: Register, records: list) -> bool:
    """Half the times or more carry seconds (a system's clock; one in sixty falls on :00)."""
    names = [name for name in TIME_SEQUENCE[register.kind] if register.has(name)]
    times = [x for r in records for name in names if type(x := getattr(r, name)) is datetime]
    return len(times) >= 3 and sum(1 for x in times if x.second) * 2 >= len(times)


def _newest_first(register: Register) -> bool:
    """Receipts running down the sheet from the newest to the oldest, most of the way."""
    if not register.has("received_at"):
        return False
    times = [r.received_at for r in register.records[:_SAMPLE] if type(r.received_at) is datetime]
    pairs = list(zip(times, times[1:]))
    down = sum(1 for a, b in pairs if a > b)
    return len(pairs) >= 2 and down * 3 >= len(pairs) * 2


def _record_rows(chunk: list, plan: _SheetPlan, skipped: list[SkippedRow]) -> tuple[list[int], list[list]]:
    """The rows of a chunk that are records (row numbers, cells padded to the plan's width); the
    others are listed in ``skipped`` with why."""
    numbers, cells = [], []
    for number, row in chunk:
        reason = row_kind(row, plan)
        if reason is not None:
            skipped.append(SkippedRow(number, reason))
            continue
        numbers.append(number)
        # short rows padded: the transposition into columns stops at the shortest
        cells.append(row if len(row) >= plan.width else [*row, *[""] * (plan.width - len(row))])
    return numbers, cells


_SAMPLED = {PHONE: 0, MONEY: 1, DATETIME: 2}  # the cells a region is told by: phones, amounts, dates


def _region_of(plan: _SheetPlan, cells: list[list], configured: str | None) -> RegionGuess:
    """The region of the register: the config's, or guessed from its first record rows."""
    specs = READ_FIELDS[plan.cmap.kind]
    sample = cells[:SAMPLE_ROWS]
    found: tuple[list, list, list] = ([], [], [])
    for name, spec in plan.columns.items():
        kind = _SAMPLED.get(specs[name].type)
        if kind is not None:
            for i in (spec.index, *spec.parts):
                found[kind].extend(row[i] for row in sample)
    return guess_region(*found, plan.traditional, configured)


def _drop_trailing_blanks(register: Register) -> None:
    """Blank rows after the last record are the sheet's formatted tail, not skipped records."""
    if not register.records:
        return
    last_record_row = register.records[-1].row
    skipped = register.skipped_rows
    while skipped and skipped[-1].reason == "blank" and skipped[-1].row > last_record_row:
        skipped.pop()


# ---- what kind of row ----------------------------------------------------------------------

_FOOTER_CELLS = 8  # a signature footer fills at most this many cells (three label | name pairs and a date)
_SPACE = frozenset(" \t\r\n\u3000\xa0")
_LOOK_CLOSER = _MARKER_START | _SPACE


def row_kind(row: list, plan: _SheetPlan) -> str | None:
    """Why a row is not a record (blank, total, header, footer, note, number_only), or None for
    a record. A plain record (two filled identity cells, none like a marker or the header again)
    is taken as it is, unless it may be a signature footer; any other row is looked at closely."""
    if _plain_record(row, plan) and not _may_be_footer(row):
        return None
    return classify_row(row, plan.cmap, plan.header_texts, plan.computed)


def _plain_record(row: list, plan: _SheetPlan) -> bool:
    """Two filled identity cells or more, and none that looks like a totals/footer marker or the
    header again (calamine gives '' for an empty cell, never None)."""
    filled = 0
    for i in plan.identity:
        x = row[i] if i < len(row) else ""
        if x is None or x == "":
            continue
        if type(x) is str and (x[0] in _LOOK_CLOSER or x[-1] in _SPACE or x == plan.header_plain.get(i)):
            state = _identity_state(x, plan.header_plain.get(i))
            if state == _SUSPECT:
                return False
            filled += state
        else:
            filled += 1
    return filled >= 2


def _may_be_footer(row: list) -> bool:
    """A row of a few cells, one starting like a footer marker, may be a footer whatever its
    identity cells hold (制表人 | 张敏 | 审核人 | 李强)."""
    return (len(row) - row.count("") <= _FOOTER_CELLS
            and any(type(x) is str and x[:1] in _FOOTER_START for x in row))


def classify_row(row: list, cmap: ColumnMap, header_texts: dict[int, str],
                 computed: set[int] | frozenset[int] = frozenset()) -> str | None:
    """Why a row is not a record (blank, totals, footer, …), or None for a record.

    ``computed``: the columns a formula fills in (a total, a duration), which say nothing of
    whether a clerk wrote an order on the row."""
    filled = [(c, x) for c, x in enumerate(row) if not _is_empty(x)]
    if not filled:
        return "blank"
    mapped = {col.index: name for name, col in cmap.fields.items()}
    if _is_total(filled, mapped):
        return "total"
    if _is_header_again(filled, header_texts):
        return "header"
    if _is_footer(filled):
        return "footer"
    typed = [(c, x) for c, x in filled if c not in computed]
    if not typed:
        return "blank"
    if _is_note(typed, mapped):
        return "note"
    if _is_number_only(typed, mapped, cmap.kind):
        return "number_only"
    return None


def _is_header_again(filled: list[tuple[int, object]], header_texts: dict[int, str]) -> bool:
    """The header row repeated (a register pasted under another, a printed page's heading)."""
    return bool(header_texts) and sum(1 for c, x in filled if header_texts.get(c) == normalise(x)) >= 3


def _is_note(typed: list[tuple[int, object]], mapped: dict[int, str]) -> bool:
    """One cell of text outside the record's columns (or in remarks), or written as a note (说明：…)."""
    if len(typed) != 1:
        return False
    c, x = typed[0]
    return mapped.get(c) in (None, "seq", "remarks") or bool(_NOTE.match(_marker_text(x)))


def _is_number_only(typed: list[tuple[int, object]], mapped: dict[int, str], kind: str) -> bool:
    """A form number (and a sequence number) and nothing else: a row set up and never written."""
    number = "order_no" if kind == WORK_ORDERS else "complaint_no"
    return {mapped.get(c) for c, _ in typed} <= {"seq", number}


# ---- the records' values, column by column -------------------------------------------------

def _add_records(register: Register, plan: _SheetPlan, numbers: list[int], cells: list[list]) -> None:
    """Parse the record rows' cells column by column and add their records to the register."""
    by_column = list(zip(*cells))  # the rows transposed, at C speed
    n = len(cells)
    problems: dict[int, list[Problem]] = {}
    columns = {name: _field_values(name, spec, by_column, plan, problems) for name, spec in plan.columns.items()}
    if register.kind == COMPLAINTS and problems and "promised_reply_at" in columns and "received_at" in columns:
        _promises_after_receipt(columns["promised_reply_at"], columns["received_at"], problems)
    if plan.sequence:
        rolled: list[tuple[int, str]] = []
        _anchor_loose_times(columns, plan.sequence, problems, rolled)
        register.next_day.extend((numbers[i], name) for i, name in rolled)
    empty = [None] * n
    found_col = [()] * n
    for i, found in problems.items():
        found_col[i] = tuple(found)
    cls = RECORD_TYPES[register.kind]
    order = cls._fields[1:-1]  # the record's fields between row and problems
    register.records.extend(map(_new_record, repeat(cls),
                                zip(numbers, *(columns.get(name, empty) for name in order), found_col)))


def _field_values(name: str, spec: _ColumnPlan, by_column: list[tuple], plan: _SheetPlan,
                  problems: dict[int, list[Problem]]) -> list:
    """One field's values for every record row; what cannot be read goes to ``problems``.
    A date column is read with its time column beside it; a date at exactly midnight stays a
    day without a time (calamine gives a date for it, whatever the cell's format shows)."""
    raw = by_column[spec.index]
    if spec.is_time:
        col = _times(name, spec, raw, by_column, plan.parse_time, problems)
    else:
        col = list(map(spec.parse, raw))
    if name in plan.yes_no and v.Unreadable in set(map(type, col)):
        col = v.done_or_not(col)
    _take_problems(col, name, problems)
    if name in _SIGNATURES:
        col = list(map(v.signer, col))
    if spec.parts:
        col = _with_parts(name, spec, col, by_column, problems)
    return col


def _times(name: str, spec: _ColumnPlan, raw: tuple, by_column: list[tuple], parse_time,
           problems: dict[int, list[Problem]]) -> list:
    """A date-time column, combined with the time column beside it when there is one."""
    col = [x if type(x) is datetime else None if x == "" else spec.parse(x) for x in raw]
    if spec.time_index is None:
        return col
    raw_times = by_column[spec.time_index]
    times = list(map(parse_time, raw_times))
    _take_problems(times, name, problems)
    col = [d if type(d) is v.Unreadable else _combine(d, t) for d, t in zip(col, times)]
    if str in set(map(type, raw_times)):
        _next_day(col, times, raw_times, raw)
    return col


def _with_parts(name: str, spec: _ColumnPlan, col: list, by_column: list[tuple],
                problems: dict[int, list[Problem]]) -> list:
    """A field written over several columns: texts joined in column order (a place: 3栋 | 1201),
    anything else added up."""
    if getattr(spec.parse, "__wrapped__", spec.parse) is v.parse_text:
        pieces = {spec.index: col, **{i: list(map(v.parse_text, by_column[i])) for i in spec.parts}}
        for i in spec.parts:
            _take_problems(pieces[i], name, problems)
        return list(map(_joined_place, zip(*(pieces[i] for i in sorted(pieces)))))
    for i in spec.parts:
        more = list(map(spec.parse, by_column[i]))
        _take_problems(more, name, problems)
        col = [a if b is None else b if a is None else a + b for a, b in zip(col, more)]
    return col


def _anchor_loose_times(columns: dict[str, list], sequence: list[str], problems: dict[int, list[Problem]],
                        rolled: list[tuple[int, str]]) -> None:
    """Records with a time of day written alone: each takes the date of the event before it
    (the next day when earlier than it: those are added to ``rolled`` as (record index, field))."""
    loose = {i for name in sequence if time in set(map(type, columns[name]))
             for i, x in enumerate(columns[name]) if type(x) is time}
    for i in loose:
        values = {name: columns[name][i] for name in sequence}
        found: list[Problem] = []
        for name in _anchor_times(values, sequence, found):
            rolled.append((i, name))
        for name in sequence:
            columns[name][i] = values.get(name)
        if found:
            problems.setdefault(i, []).extend(found)


_SUSPECT = 100  # an identity cell that may be a totals/footer marker or the header again


def _identity_state(text: str, header: str | None) -> int:
    """0 for a blank cell, _SUSPECT for a marker or the header text, 1 for a value."""
    s = text.strip()
    if not s:
        return 0
    if (s[0] in _MARKER_START and _looks_like_marker(s)) or s == header:
        return _SUSPECT
    return 1


def _joined_place(pieces) -> str | None:
    """3栋 + 1201 → 3栋1201; 3 + 1201 → 3-1201 (digits meeting digits keep a dash between)."""
    text = ""
    for piece in pieces:
        if piece is None:
            continue
        piece = str(piece)
        text += f"-{piece}" if text and text[-1].isdigit() and piece[0].isdigit() else piece
    return text or None


def _promises_after_receipt(promised: list, received: list, problems: dict[int, list[Problem]]) -> None:
    """"24小时内" or "三天内答复" in the promised reply time: that long after the complaint was
    received (a date-only receipt gives a date: a promise known to the day)."""
    for i, found in problems.items():
        for problem in found:
            if problem.field != "promised_reply_at" or received[i] is None:
                continue
            delta = v.within(problem.raw)
            if delta is None:
                continue
            start = received[i]
            if isinstance(start, datetime):
                promised[i] = start + delta
            elif isinstance(start, date):
                promised[i] = start + timedelta(days=-(-delta.total_seconds() // 86400))
            else:
                continue
            found.remove(problem)
            break
    for i in [i for i, found in problems.items() if not found]:
        del problems[i]


def _take_problems(col: list, name: str, problems: dict[int, list[Problem]]) -> None:
    """Unreadable values leave the column (as None) and become the record's problems."""
    kinds = set(map(type, col))
    if v.Unreadable not in kinds and type(v.UNCALCULATED) not in kinds:
        return  # the usual case, decided at C speed
    for i, x in enumerate(col):
        if type(x) is v.Unreadable:
            problems.setdefault(i, []).append(Problem(name, _raw_text(x.raw), x.reason))
            col[i] = None
        elif x is v.UNCALCULATED:
            problems.setdefault(i, []).append(Problem(name, "=…", v.UNCALCULATED_REASON))
            col[i] = None


def _looks_like_marker(text: str) -> bool:
    if len(text) > 40:
        return False
    t = _marker_text(text)
    return bool(_TOTAL.match(t.replace(" ", "")) or _FOOTER.match(t))


def _anchor_times(values: dict, sequence: list[str], problems: list[Problem]) -> list[str]:
    """A time of day written alone takes the date of the event before it (next day if earlier).
    Returns the fields read as the next day."""
    rolled: list[str] = []
    previous: datetime | date | None = None
    for name in sequence:
        value = values.get(name)
        if isinstance(value, time):
            if previous is None:
                problems.append(Problem(name, value.strftime("%H:%M"), v.BAD_TIME_ONLY))
                del values[name]
                continue
            base = previous if isinstance(previous, datetime) else datetime.combine(previous, time())
            moment = datetime.combine(base.date(), value)
            if isinstance(previous, datetime) and moment < previous:
                moment += timedelta(days=1)
                rolled.append(name)
            values[name] = value = moment
        if value is not None:
            previous = value
    return rolled


def _raw_text(raw) -> str:
    text = v.clean_text(raw)
    return text if text is not None else str(raw)
