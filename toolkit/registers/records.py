"""Typed records: one work order or complaint per register row, with where it came from.

A record holds typed values (datetime/date/time, Decimal, bool, str) and the problems met
while reading them. Cell references come from the record's row and the register's column
map, so every value can be pointed at without storing a reference per cell.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import compress, count, islice, repeat
from operator import itemgetter, le, sub
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import NamedTuple

from toolkit.registers import values as v
from toolkit.registers.fields import (
    COMPLAINTS, COUNT, DATETIME, FIELDS, FLAG, IDENTITY_FIELDS, MONEY, PHONE, TIME_SEQUENCE, WORK_ORDERS,
)
from toolkit.registers.header import ColumnMap, names_time, normalise

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


RECORD_TYPES = {WORK_ORDERS: WorkOrder, COMPLAINTS: Complaint}
assert all(
    set(cls._fields) - {"row", "problems"} == set(FIELDS[kind]) for kind, cls in RECORD_TYPES.items()
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
    # The records' values field by field (a list per field, aligned with ``records``), for rules
    # that screen a whole column at C speed: kept as the records are built, else made on demand.
    values: dict[str, list] = field(default_factory=dict, repr=False, compare=False)

    def __reduce__(self):
        # Records cross from worker processes by the thousand: sent column by column (lists of
        # plain values pickle at C speed) and rebuilt positionally, not one object at a time.
        columns = [self.column(name) for name in RECORD_TYPES[self.kind]._fields] if self.records else []
        return (_rebuilt_register, (self.path, self.sheet, self.kind, self.columns, columns, self.skipped_rows,
                                    self.anchor, self.hidden_rows))

    def column(self, name: str) -> list:
        """Every record's value of one field, in record order."""
        values = self.values.get(name)
        if values is None or len(values) != len(self.records):
            index = RECORD_TYPES[self.kind]._fields.index(name)
            values = self.values[name] = list(map(itemgetter(index), self.records))
        return values

    def has(self, name: str) -> bool:
        return name in self.columns.fields

    def cell(self, record, name: str) -> str | None:
        col = self.columns.fields.get(name)
        return f"{col.letter}{record.row}" if col else None


def _rebuilt_register(path, sheet, kind, columns, values, skipped_rows, anchor, hidden_rows) -> Register:
    cls = RECORD_TYPES[kind]
    records = list(map(_new_record, repeat(cls), zip(*values))) if values else []
    return Register(path, sheet, kind, columns, records, skipped_rows, anchor, hidden_rows,
                    dict(zip(cls._fields, values)))


# ---- building records from rows ----------------------------------------------------------

_PARSERS = {
    DATETIME: None,  # needs the sheet's anchor date
    MONEY: v.parse_money,
    FLAG: v.parse_flag,
    PHONE: v.parse_phone,
    COUNT: v.parse_count,
}
_TOTAL = re.compile(r"^(本月|本页|本周|本年|全月|当月)?(合计|小计|总计|共计|累计|总数|total|sum)")
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
_FOOTER_START = frozenset("制填审复经统主负部批核签盖客服中项日pcaPCA")
_LABELLED = re.compile(r"^[^:：\d]{1,6}[:：]")
_NOTE = re.compile(r"^(说明|注|备注|附注|note)\s*[:：]|^注\d|^\d+[、.]\s*\S")
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")  # a person's name beside a footer label: 张敏
_DATE_TEXT = re.compile(r"^\d{4}\s*[年./\-]\s*\d{1,2}\s*[月./\-]\s*\d{1,2}\s*[日号]?$")


def _is_empty(value) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


def _marker_text(value) -> str:
    return unicodedata.normalize("NFKC", value).strip().lower() if isinstance(value, str) else ""


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
    if header_texts and sum(1 for c, x in filled if header_texts.get(c) == normalise(x)) >= 3:
        return "header"
    if _is_footer(filled):
        return "footer"
    typed = [(c, x) for c, x in filled if c not in computed]
    if not typed:
        return "blank"
    if len(typed) == 1:
        c, x = typed[0]
        if mapped.get(c) in (None, "seq", "remarks") or _NOTE.match(_marker_text(x)):
            return "note"
    names = {mapped.get(c) for c, _ in typed}
    number = "order_no" if cmap.kind == WORK_ORDERS else "complaint_no"
    if names <= {"seq", number}:
        return "number_only"
    return None


def _parser(ftype: str, anchor: date):
    if ftype == DATETIME:
        return lambda raw: v.parse_datetime(raw, anchor)
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
_MARKER_START = frozenset("本全当合小总共累制填审复经统主负部批核签盖tsTSpcaPCA")


_CHUNK = 4096  # rows parsed column by column at a time: fast, and memory stays bounded


def build_records(rows, cmap: ColumnMap, anchor: date, path: str, sheet: str,
                  computed: frozenset[int] | set[int] = frozenset()) -> Register:
    """Rows below the header → typed records. ``rows`` yields (Excel row number, cells);
    ``computed`` names the columns a formula fills in.

    Rows are classified one by one (record, totals, footer, …), then parsed column by
    column in chunks: one parser per column type, records built positionally.
    """
    kind = cmap.kind
    cls = RECORD_TYPES[kind]
    specs = FIELDS[kind]
    order = cls._fields[1:-1]  # the record's fields between row and problems
    plan = {name: (col.index, _parser(specs[name].type, anchor), specs[name].type == DATETIME,
                   cmap.time_columns[name].index if name in cmap.time_columns else None)
            for name, col in cmap.fields.items() if name in specs}
    parse_time = _parser(DATETIME, anchor)
    sequence = [f for f in TIME_SEQUENCE[kind] if f in plan]
    identity = [cmap.fields[f].index for f in IDENTITY_FIELDS[kind] if f in cmap.fields]
    header_texts = {col.index: normalise(col.header.split(" / ")[-1]) for col in cmap.fields.values()}
    header_plain = {col.index: col.header.split(" / ")[-1].strip() for col in cmap.fields.values()}

    register = Register(path, sheet, kind, cmap, anchor=anchor)
    records, skipped, kept_values = register.records, register.skipped_rows, register.values
    parts = {name: [c.index for c in cols] for name, cols in cmap.part_columns.items() if name in plan}
    # an event column whose header names no time (是否结案) holds yes or no; under 结案时间 a
    # 已结案 is a time not written, reported as such
    yes_no = {name for name in _DONE_COLUMNS & plan.keys() if not names_time(normalise(cmap.fields[name].header))}
    width_needed = max([p[0] for p in plan.values()] + [p[3] for p in plan.values() if p[3] is not None]
                       + [i for indices in parts.values() for i in indices] + [0]) + 1
    # calamine returns a date cell whose time is 00:00 as a date, whatever its format shows: it
    # stays a day without a time (a date typed alone is the usual case; an event at exactly
    # midnight only loses what the rules could not have told from a date anyway).
    iterator = iter(rows)
    while True:
        chunk = list(islice(iterator, _CHUNK))
        if not chunk:
            break
        nums = list(map(itemgetter(0), chunk))
        kept = list(map(itemgetter(1), chunk))
        if min(map(len, kept)) < width_needed:  # short rows padded: the transposition stops at the shortest
            kept = [row if len(row) >= width_needed else [*row, *[""] * (width_needed - len(row))] for row in kept]
        by_column = list(zip(*kept))  # the chunk transposed, at C speed
        odd = _not_plain(by_column, len(kept), identity, header_plain)
        # a row of a few cells, one starting like a footer marker, may be a footer whatever its
        # identity cells hold (制表人 | 张敏 | 审核人 | 李强)
        # (calamine gives '' for an empty cell, never None)
        filled = map(sub, map(len, kept), map(list.count, kept, repeat("")))
        sparse = [j for j in compress(count(), map(le, filled, repeat(_FOOTER_CELLS)))
                  if any(type(x) is str and x[:1] in _FOOTER_START for x in kept[j])]
        if sparse:
            odd = sorted(set(odd).union(sparse))
        if odd:
            dropped = set()
            for j in odd:
                reason = classify_row(kept[j], cmap, header_texts, computed)
                if reason is not None:
                    skipped.append(SkippedRow(nums[j], reason))
                    dropped.add(j)
            if dropped:
                nums = [x for j, x in enumerate(nums) if j not in dropped]
                kept = [x for j, x in enumerate(kept) if j not in dropped]
                by_column = list(zip(*kept))
        n = len(kept)
        if not n:
            continue
        problems: dict[int, list[Problem]] = {}
        columns: dict[str, list] = {}
        for name, (index, parse, is_time, time_index) in plan.items():
            raw = by_column[index]
            if is_time:
                col = [x if type(x) is datetime else None if x == "" else parse(x) for x in raw]
                if time_index is not None:
                    raw_times = by_column[time_index]
                    times = list(map(parse_time, raw_times))
                    _take_problems(times, name, problems)
                    col = [d if type(d) is v.Unreadable else _combine(d, t) for d, t in zip(col, times)]
                    if str in set(map(type, raw_times)):
                        _next_day(col, times, raw_times, by_column[index])
            else:
                col = list(map(parse, raw))
            if name in yes_no and v.Unreadable in set(map(type, col)):
                col = v.done_or_not(col)
            _take_problems(col, name, problems)
            if name in _SIGNATURES:
                col = list(map(v.signer, col))
            if name in parts and parse is v.parse_text:
                # a place over side-by-side columns: their texts joined in column order
                pieces = {index: col, **{i: list(map(v.parse_text, by_column[i])) for i in parts[name]}}
                for i in parts[name]:
                    _take_problems(pieces[i], name, problems)
                col = list(map(_joined_place, zip(*(pieces[i] for i in sorted(pieces)))))
            else:
                for index in parts.get(name, ()):
                    more = list(map(parse, by_column[index]))
                    _take_problems(more, name, problems)
                    col = [a if b is None else b if a is None else a + b for a, b in zip(col, more)]
            columns[name] = col
        if kind == COMPLAINTS and problems and "promised_reply_at" in columns and "received_at" in columns:
            _promises_after_receipt(columns["promised_reply_at"], columns["received_at"], problems)
        if sequence:
            loose = {i for name in sequence if time in set(map(type, columns[name]))
                     for i, x in enumerate(columns[name]) if type(x) is time}
            for i in loose:
                values = {name: columns[name][i] for name in sequence}
                found: list[Problem] = []
                _anchor_times(values, sequence, found)
                for name in sequence:
                    columns[name][i] = values.get(name)
                if found:
                    problems.setdefault(i, []).extend(found)
        empty = [None] * n
        found_col = [()] * n
        for i, found in problems.items():
            found_col[i] = tuple(found)
        records.extend(map(_new_record, repeat(cls), zip(nums, *(columns.get(name, empty) for name in order), found_col)))
        for name, col in (("row", nums), *columns.items(), ("problems", found_col)):
            kept_values.setdefault(name, []).extend(col)

    # Blank rows after the last record are the sheet's formatted tail, not skipped records.
    if records:
        last_record_row = records[-1].row
        while skipped and skipped[-1].reason == "blank" and skipped[-1].row > last_record_row:
            skipped.pop()
    return register


_FOOTER_CELLS = 8  # a signature footer fills at most this many cells (three label | name pairs and a date)
_SUSPECT = 100  # an identity cell that may be a totals/footer marker or the header again
_SPACE = frozenset(" \t\r\n\u3000\xa0")
_LOOK_CLOSER = _MARKER_START | _SPACE


def _not_plain(by_column: list[tuple], n: int, identity: list[int], header_plain: dict[int, str]) -> list[int]:
    """Positions of the rows that need a closer look (classify_row). A plain record has two
    filled identity cells and none that looks like a totals/footer marker or the header again:
    told column by column, most cells with one comparison."""
    if not identity:
        return list(range(n))
    states = []
    plain = 0  # identity columns whose every cell is a plain value
    for i in identity:
        header = header_plain.get(i)
        if _all_plain(by_column[i], header):
            plain += 1
            continue
        states.append([
            0 if x is None or x == "" else
            1 if type(x) is not str or (x[0] not in _LOOK_CLOSER and x[-1] not in _SPACE and x != header) else
            _identity_state(x, header)
            for x in by_column[i]])
    if not states:
        return [] if plain >= 2 else list(range(n))
    totals = states[0] if len(states) == 1 else list(map(sum, zip(*states)))
    if plain >= 2:  # two plain identity cells in every row: only a suspect cell makes a row odd
        return list(compress(count(), map(le, repeat(_SUSPECT), totals)))
    low, high = 2 - plain, _SUSPECT - plain
    return [j for j, total in enumerate(totals) if not low <= total < high]


_STARTS_LIKE_MARKER = re.compile("\x00[" + re.escape("".join(sorted(_LOOK_CLOSER))) + "]")
_ENDS_IN_SPACE = re.compile("\x00[" + re.escape("".join(sorted(_SPACE))) + "]")  # searched in the text reversed


def _all_plain(col: tuple, header: str | None) -> bool:
    """Every cell of the column a plain value (state 1 in _not_plain), told at C speed: numbers
    and dates, or texts of which none is empty, the header again, starts like a marker or ends
    in a space. The texts are joined with NUL, which no cell read from XML holds (one that
    did could only make the column look less plain)."""
    try:
        texts = "\x00".join(col)
    except TypeError:  # numbers or dates among the texts (phones typed as numbers): they are plain
        if None in col:
            return False
        texts = "\x00".join(compress(col, map(str.__instancecheck__, col)))
    joined = f"\x00{texts}\x00"
    return ("\x00\x00" not in joined and (header is None or header not in col)
            and _STARTS_LIKE_MARKER.search(joined) is None and _ENDS_IN_SPACE.search(joined[::-1]) is None)


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


def _anchor_times(values: dict, sequence: list[str], problems: list[Problem]) -> None:
    """A time of day written alone takes the date of the event before it (next day if earlier)."""
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
            values[name] = value = moment
        if value is not None:
            previous = value


def _raw_text(raw) -> str:
    text = v.clean_text(raw)
    return text if text is not None else str(raw)
