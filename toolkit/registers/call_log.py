"""Call logs: one sheet, one row per call, a column saying what kind of call each row is.

Many centres keep a single 客服来电登记表 (来电来访登记表, 服务台登记表) instead of a repair
register and a complaint register: a column 来电类型 / 类别 / 事项类型 says 报修, 投诉, 咨询,
建议, 表扬 …, with the repair columns and the complaint columns side by side, blank where they
do not apply. Such a sheet is split by that column: the repair rows are read as work orders,
the complaint rows as complaints, the other calls as call records, each with the columns its
kind names. A number column holding WX… and TS… is then two sequences, one per kind.

A row whose kind is not written (or is a word not known) is judged by what it holds: repair
columns filled make it a work order, complaint columns a complaint, else it is another call.
Such rows are listed, so ``--verbose`` can say which kinds were guessed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from itertools import chain, islice

from toolkit.registers.fields import CALLS, COMPLAINTS, WORK_ORDERS
from toolkit.registers.header import Column, ColumnMap
from toolkit.registers.script import fold

# Header words of the column that says the call's kind (来电类型, 类别, 事项类型, 业务类型 …);
# its values decide whether it is one.
_TYPE_HEADER_WORDS = ("类型", "类别", "分类", "性质", "事项", "业务", "来电", "type", "category", "kind")
# … but not a class within one kind (投诉类别: 设备设施 / 管理服务, 维修类型: 水电 / 土建).
_NOT_TYPE_HEADER_WORDS = ("投诉", "维修", "报修", "收费", "费", "complaint", "repair")
# What a call-kind cell says, by kind (folded to Simplified, NFKC, lower case, no spaces).
_KIND_WORDS = {
    WORK_ORDERS: ("报修", "维修", "报事", "报障", "故障", "修理", "工程", "repair", "maintenance"),
    COMPLAINTS: ("投诉", "客诉", "complaint"),
    CALLS: ("咨询", "建议", "表扬", "求助", "查询", "意见", "其他", "其它", "感谢", "预约", "通知", "来访",
            "enquiry", "inquiry", "suggestion", "praise", "compliment", "other", "help"),
}
# Kinds a call log's rows may be, strongest first: 投诉建议 is a complaint, 报修咨询 a repair.
_ORDER = (COMPLAINTS, WORK_ORDERS, CALLS)
_SAMPLE_ROWS = 200  # rows looked at to tell whether a type column holds call kinds
_MIN_SHARE = 0.6  # of the filled cells sampled, this share must be call kinds …
_MIN_KINDS = 2  # … of at least this many different kinds (a repair register's 维修类型 is not)

# Fields only a work order or only a complaint has: a row without a kind written is judged by them.
_OWN_FIELDS = {
    WORK_ORDERS: ("dispatched_at", "accepted_at", "accepted_by", "repairer_signature", "completed_at",
                  "customer_signature", "paid", "fee", "returned_at", "return_signer", "finance_receipt"),
    COMPLAINTS: ("promised_reply_at", "replied_at", "closed_at", "category", "people_count", "media_or_legal"),
}


@dataclass(frozen=True, slots=True)
class CallLog:
    """How a call-log sheet was split: the column saying each call's kind, and what was guessed."""

    type_column: Column
    rows: tuple[tuple[str, int], ...]  # (kind, rows taken as that kind), for every kind met
    guessed: tuple[int, ...] = ()  # rows whose kind was not written or not known: judged by what they hold
    unknown_words: tuple[str, ...] = ()  # kind words met that name no known kind (read by what the row holds)


def call_kind(value: object) -> str | None:
    """The kind of call a type cell names (work_orders, complaints, calls), or None."""
    if not isinstance(value, str):
        return None
    text = fold(unicodedata.normalize("NFKC", value).strip().lower()).replace(" ", "")
    if not text or len(text) > 12:
        return None
    for kind in _ORDER:
        if any(word in text for word in _KIND_WORDS[kind]):
            return kind
    return None


def type_column(headers: list[tuple[int, str, str, str | None]], sample: list[list]) -> Column | None:
    """The column that says each row's kind of call, if the header has one: a header such as
    来电类型 whose cells, in the rows sampled, are mostly call kinds of at least two kinds, a repair or a complaint among them."""
    best: tuple[float, Column] | None = None
    for index, text, original, _ in headers:
        if not any(word in text for word in _TYPE_HEADER_WORDS) or any(w in text for w in _NOT_TYPE_HEADER_WORDS):
            continue
        cells = [row[index] for row in sample if index < len(row) and isinstance(row[index], str) and row[index].strip()]
        if not cells:
            continue
        kinds = [call_kind(c) for c in cells]
        known = [k for k in kinds if k is not None]
        share = len(known) / len(cells)
        if (share >= _MIN_SHARE and len(set(known)) >= _MIN_KINDS and set(known) & {WORK_ORDERS, COMPLAINTS}
                and (best is None or share > best[0])):
            best = (share, Column(index, original))
    return best[1] if best else None


def peek(rows, n: int = _SAMPLE_ROWS) -> tuple[list, object]:
    """The first ``n`` (row number, cells) pairs, and the rows again from the start."""
    rows = iter(rows)
    head = list(islice(rows, n))
    return head, chain(head, rows)


def _filled(value) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _by_content(cells: list, cmaps: dict[str, ColumnMap]) -> str:
    """The kind of a row whose kind is not written: the kind whose own columns it fills most."""
    counts = {}
    for kind, names in _OWN_FIELDS.items():
        cmap = cmaps[kind]
        counts[kind] = sum(1 for name in names if name in cmap.fields and cmap.fields[name].index < len(cells)
                           and _filled(cells[cmap.fields[name].index]))
    best = max(counts, key=lambda k: (counts[k], k == WORK_ORDERS))
    return best if counts[best] else CALLS


def split(rows, column: Column, cmaps: dict[str, ColumnMap]) -> tuple[dict[str, list], list[int], list[str]]:
    """The rows of each kind (row number, cells), the rows whose kind was guessed, and the kind
    words met that were not known. Rows with nothing in them go with the other calls (where
    blank, totals and footer rows are told apart like in any register)."""
    parts: dict[str, list] = {WORK_ORDERS: [], COMPLAINTS: [], CALLS: []}
    guessed: list[int] = []
    unknown: dict[str, None] = {}
    for number, cells in rows:
        value = cells[column.index] if column.index < len(cells) else ""
        kind = call_kind(value)
        if kind is None:
            kind = _by_content(cells, cmaps)
            others = [x for i, x in enumerate(cells) if i != column.index and _filled(x)]
            if len(others) >= 2:
                guessed.append(number)
                if _filled(value):
                    unknown.setdefault(str(value).strip())
        parts[kind].append((number, cells))
    return parts, guessed, list(unknown)


def without(headers: list[tuple[int, str, str, str | None]], column: Column) -> list:
    """The header without the type column (its words, 事项类型, would otherwise name the content)."""
    return [h for h in headers if h[0] != column.index]
