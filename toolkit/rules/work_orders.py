"""Work-order completeness rules (seed 001, part 三 客户工单处理).

Rules apply by lifecycle stage: an order still in progress is not missing its customer's
signature yet. An order counts as returned once it has a return time or a return signer. Where
a register has a status column (a software export's 工单状态), the status says which stage the
order reached (toolkit.model.work_orders): a cancelled order is a record, but is never judged for
a repair it did not get.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from itertools import compress, count, islice, repeat
from operator import attrgetter, is_not, itemgetter, le, lt, sub
from datetime import datetime, timedelta

from toolkit.model.work_orders import (
    ACCEPTED_OR_LATER, CANCELLED, DISPATCHED_OR_LATER, DONE, NOT_OPEN, PENDING, is_cancelled, reached,
)
from toolkit.registers.fields import SYSTEM_NUMBERS, WORK_ORDERS
from toolkit.registers.values import DONE_NO_TIME, FOREIGN_CURRENCY, UNCALCULATED_REASON, phone_is_valid
from toolkit.rules.catalog import (
    ERROR, WARNING, WORKBOOK, Hit, filled, hours, rule, show_time, surely_after,
)

K = WORK_ORDERS
_REQUIRED = ("order_no", "location", "content", "customer_name", "customer_phone", "paid")
_required_values = attrgetter(*_REQUIRED)


@rule("missing-field", name=("必填项为空", "required field empty"), kind=K, severity=ERROR, source="001 三.4, 三.12",
      checks=("单号、地点、报修内容、客户姓名、联系电话、有偿/无偿不得为空",
              "order no., location, content, customer name and phone, paid/free are filled in"),
      messages={"default": ("{label}为空", "{label} is empty")},
      needs_any=_REQUIRED)
def missing_field(order, ctx):
    if None not in _required_values(order):
        return ()  # the usual case: every required cell filled, told at C speed
    return [Hit(f) for f in _REQUIRED if getattr(order, f) is None and f in ctx.columns and not filled(order, f)
            and (f != "paid" or _issued(order))]


def _issued(order) -> bool:
    """Paid or free is settled when the order is issued (三.12): one still waiting for dispatch,
    or cancelled before it, has not been."""
    status = order.status
    return not (status == PENDING or (status == CANCELLED and order.dispatched_at is None))


def _dispatched(order) -> bool:
    said = reached(order, DISPATCHED_OR_LATER)
    if said is not None:
        return said
    return (order.accepted_at is not None or order.accepted_by is not None or _accepted_later(order))


def _accepted(order) -> bool:
    said = reached(order, ACCEPTED_OR_LATER)
    if said is not None:
        return said
    return order.accepted_by is not None or _accepted_later(order)


def _accepted_later(order) -> bool:
    return (order.repairer_signature is not None or order.completed_at is not None
            or order.customer_signature is not None or order.is_returned)


_STAGE_TIMES = ("received_at", "dispatched_at", "accepted_at", "returned_at")


@rule("missing-time", name=("时间未填", "time missing"), kind=K, severity=ERROR, source="001 三.5, 三.12, 三.13",
      checks=("报修、派单、工程部接单时间（及返单时间）在到达该环节后不得为空",
              "received, dispatch and engineering sign-in times (and the return time) are filled in once the order reached that stage"),
      messages={
          "received_at": ("报修时间为空", "received time is empty"),
          "dispatched_at": ("已派单但派单时间为空", "dispatched but the dispatch time is empty"),
          "accepted_at": ("工程部已接单但未签接单时间", "engineering took the order but wrote no sign-in time"),
          "returned_at": ("已返单签收但返单时间为空", "signed back in but the return time is empty"),
      },
      needs_any=_STAGE_TIMES)
def missing_time(order, ctx):
    hits = []
    cols = ctx.columns
    if order.received_at is None and "received_at" in cols and not filled(order, "received_at"):
        hits.append(Hit("received_at", "received_at"))
    if order.dispatched_at is None and "dispatched_at" in cols and _dispatched(order) \
            and not filled(order, "dispatched_at"):
        hits.append(Hit("dispatched_at", "dispatched_at"))
    if order.accepted_at is None and "accepted_at" in cols and _accepted(order) and not filled(order, "accepted_at"):
        hits.append(Hit("accepted_at", "accepted_at"))
    if order.returned_at is None and order.return_signer is not None and "returned_at" in cols \
            and not filled(order, "returned_at") and not is_cancelled(order):
        hits.append(Hit("returned_at", "returned_at"))
    return hits


_returned_signatures = attrgetter("repairer_signature", "customer_signature", "return_signer")
_SIGNATURES = ("repairer_signature", "customer_signature", "return_signer", "accepted_by")


@rule("missing-signature", name=("缺签字", "signature missing"), kind=K, severity=ERROR, source="001 三.5-7, 三.13, 三.14",
      checks=("返单须有维修人员签字、客户签字和返单签收人；工程部接单须有接单人",
              "a returned order has the repairer's and the customer's signatures and a return signer; an accepted order names who accepted it"),
      messages={
          "repairer_signature": ("已返单但无维修人员签字（不得收单）", "returned without the repairer's signature (must be refused)"),
          "customer_signature": ("已返单但无客户签字（有偿、无偿均需客户签字）", "returned without the customer's signature (paid or free, the customer signs)"),
          "return_signer": ("已返单但无签收人", "returned with no one signing for it"),
          "accepted_by": ("工程部已接单但无接单人签名", "accepted by engineering but nobody signed for it"),
      },
      needs_any=_SIGNATURES)
def missing_signature(order, ctx):
    returned = order.is_returned
    if not returned and order.accepted_by is not None:
        return ()
    if returned and None not in _returned_signatures(order) and order.accepted_by is not None:
        return ()  # the usual case: every signature there
    if is_cancelled(order):
        return ()
    hits = []
    if returned:
        for f in ("repairer_signature", "customer_signature", "return_signer"):
            if getattr(order, f) is None and f in ctx.columns and not filled(order, f):
                hits.append(Hit(f, f))
    if order.accepted_by is None and "accepted_by" in ctx.columns and (
            order.accepted_at is not None or order.completed_at is not None or returned) \
            and not filled(order, "accepted_by"):
        hits.append(Hit("accepted_by", "accepted_by"))
    return hits


@rule("missing-fee", name=("未填费用", "fee missing"), kind=K, severity=ERROR, source="001 三.13",
      checks=("有偿维修完工或返单时须填写费用", "a paid order that is completed or returned has its fee"),
      messages={"default": ("有偿维修已完工/返单但未填写费用", "paid order completed or returned without a fee"),
                "zero": ("有偿维修的费用为 0", "paid order with a fee of 0")},
      needs=("paid", "fee"))
def missing_fee(order, ctx):
    if order.paid is not True or not (order.completed_at is not None or order.is_returned or order.status in DONE):
        return ()
    if is_cancelled(order):
        return ()
    if order.fee is None and not filled(order, "fee"):
        return (Hit("fee"),)
    if order.fee is not None and order.fee == 0:
        return (Hit("fee", "zero"),)
    return ()


@rule("missing-reason", name=("未写原因", "reason missing"), kind=K, severity=ERROR, source="001 三.10, 三.13",
      checks=("超过 {delay_hours} 小时完工须写延误原因；未完工（返单未完成或超时未完成）须写未完成原因",
              "an order completed more than {delay_hours} hours after dispatch has a delay reason; an unfinished one (returned uncompleted, or open past {delay_hours} hours) has a reason"),
      messages={
          "delay": ("{since}后 {hours} 小时才完工（超过 {limit} 小时），未写延误原因",
                    "completed {hours} h after {since_en} (over {limit} h) with no delay reason"),
          "returned": ("返单时未完工，未写未完成原因", "returned uncompleted with no reason given"),
          "open": ("{since}已 {hours} 小时仍未完工（超过 {limit} 小时），未写未完成原因",
                   "still open {hours} h after {since_en} (over {limit} h) with no reason given"),
      },
      needs=("completed_at",), needs_any=("delay_reason", "incomplete_reason"))
def missing_reason(order, ctx):
    limit = ctx.settings.delay
    start = order.dispatched_at if order.dispatched_at is not None else order.received_at
    completed = order.completed_at
    if completed is not None:
        if type(completed) is datetime and type(start) is datetime and completed - start <= limit:
            return ()  # the usual case: completed in time
        if is_cancelled(order):
            return ()
        if ("delay_reason" in ctx.columns and not filled(order, "delay_reason") and start is not None
                and surely_after(order.completed_at, start, limit)):
            return (Hit("delay_reason", "delay", {
                "hours": hours(order.completed_at - start) if _exact(start, order.completed_at) else f">{ctx.settings.delay_hours:g}",
                "limit": f"{ctx.settings.delay_hours:g}", **_since(order)}),)
        return ()
    if filled(order, "completed_at") or "incomplete_reason" not in ctx.columns or filled(order, "incomplete_reason"):
        return ()
    if order.status in NOT_OPEN:
        return ()  # the status says completed (no time written) or cancelled: not unfinished
    if order.is_returned:
        return (Hit("incomplete_reason", "returned"),)
    if start is not None and surely_after(ctx.as_of, start, limit):
        return (Hit("incomplete_reason", "open", {
            "hours": hours(ctx.as_of - start) if _exact(start) else f">{ctx.settings.delay_hours:g}",
            "limit": f"{ctx.settings.delay_hours:g}", **_since(order)}),)
    return ()


def _exact(*values) -> bool:
    return all(isinstance(v, datetime) for v in values)


_SINCE = {True: {"since": "派单", "since_en": "dispatch"}, False: {"since": "报修", "since_en": "receipt"}}
_MINUTE = timedelta(minutes=1)


def _since(order) -> dict[str, str]:
    """The clock starts at dispatch, or at receipt where the register has no dispatch time."""
    return _SINCE[order.dispatched_at is not None]


@lru_cache(maxsize=64)
def _g(number: float) -> str:
    return f"{number:g}"


@rule("not-completed", name=("未完工返单", "returned uncompleted"), kind=K, severity=ERROR, source="001 三.8",
      checks=("未完工的维修单不得返单收回（特殊批示除外）", "an uncompleted order is not taken back unless specially approved"),
      messages={"default": ("已返单但未完工，且无特殊批示（不得收单）", "returned but not completed, with no special approval (must be refused)")},
      needs=("completed_at",), needs_any=("returned_at", "return_signer"))
def not_completed(order, ctx):
    if order.is_returned and not filled(order, "completed_at") and order.special_approval is None \
            and order.status not in NOT_OPEN:
        return (Hit("completed_at"),)
    return ()


@rule("slow-handoff", name=("接单超时", "slow hand-off"), kind=K, severity=WARNING, source="001 三.2",
      checks=("工作单须在派单后 {handoff_minutes} 分钟内交工程部接收", "engineering signs the order in within {handoff_minutes} minutes of dispatch"),
      messages={"default": ("{since}后 {minutes} 分钟才由工程部接单（限 {limit} 分钟）",
                            "engineering signed in {minutes} min after {since_en} (limit {limit} min)")},
      needs=("accepted_at",), needs_any=("dispatched_at", "received_at"))
def slow_handoff(order, ctx):
    accepted = order.accepted_at
    if accepted is None:
        return ()
    start = order.dispatched_at if order.dispatched_at is not None else order.received_at
    if start is None:
        return ()
    limit = ctx.settings.handoff
    if not surely_after(accepted, start, limit):
        return ()
    handoff = _g(ctx.settings.handoff_minutes)
    minutes = (accepted - start) // _MINUTE if type(accepted) is datetime and type(start) is datetime else f">{handoff}"
    return (Hit("accepted_at", "default", {"minutes": minutes, "limit": handoff, **_since(order)}),)


_SEQUENCE = ("received_at", "dispatched_at", "accepted_at", "completed_at", "returned_at", "visit_at")
_sequence_values = attrgetter(*_SEQUENCE)
_LABELS = {"received_at": ("报修时间", "received"), "dispatched_at": ("派单时间", "dispatch"),
           "accepted_at": ("接单时间", "sign-in"), "completed_at": ("完工时间", "completion"),
           "returned_at": ("返单时间", "return"), "visit_at": ("回访时间", "return visit")}


@rule("time-order", name=("时间顺序错误", "times out of order"), kind=K, severity=ERROR, source="001 三.12-13",
      checks=("报修 ≤ 派单 ≤ 接单 ≤ 完工 ≤ 返单 ≤ 回访，且不晚于检查时间",
              "received ≤ dispatched ≤ accepted ≤ completed ≤ returned ≤ visited, and none in the future"),
      messages={
          "before": ("{label}（{value}）早于{prev_zh}（{prev}）", "{label_en} ({value}) is before the {prev_en} time ({prev})"),
          "future": ("{label}（{value}）晚于检查时间 {as_of}", "{label_en} ({value}) is after the check time {as_of}"),
      },
      needs_any=_SEQUENCE)
def time_order(order, ctx):
    times = list(filter(None, _sequence_values(order)))  # the times there (a date or time is never false)
    try:
        if not times or (times == sorted(times) and times[-1] <= ctx.as_of):
            return ()  # the usual case: every time to the minute, in order, none in the future
    except TypeError:
        pass  # a date without a time, or a time without a date, among them: compared one by one below
    hits = []
    previous = None
    for name in _SEQUENCE:
        value = getattr(order, name)
        if value is None:
            continue
        label_zh, label_en = _LABELS[name]
        if surely_after(value, ctx.as_of):
            hits.append(Hit(name, "future", {"label": label_zh, "label_en": label_en.capitalize() + " time",
                                             "value": show_time(value), "as_of": show_time(ctx.as_of)}))
        elif previous is not None and surely_after(previous[1], value):
            p_zh, p_en = _LABELS[previous[0]]
            hits.append(Hit(name, "before", {"label": label_zh, "label_en": label_en.capitalize() + " time",
                                             "value": show_time(value), "prev_zh": p_zh, "prev_en": p_en,
                                             "prev": show_time(previous[1])}))
            continue  # compare the next event with the last one in order
        previous = (name, value)
    return hits


@lru_cache(maxsize=8192)
def _name(text: str) -> str:
    """Names compared without spaces or full-width forms (a site has few names: cached)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@rule("proxy-signature", name=("代签", "proxy signature"), kind=K, severity=ERROR, source="001 三.13",
      checks=("返单签收不得代签：签收人或客户签字不得是维修人员本人", "no proxy signing: the return signer and the customer's signature are not the repairer"),
      messages={
          "return_signer": ("返单签收人与维修人员同为“{name}”（不得代签）", "return signed by the repairer \"{name}\" (no proxy signing)"),
          "customer_signature": ("客户签字与维修人员同为“{name}”（代签）", "customer's signature is the repairer's name \"{name}\" (proxy signing)"),
      },
      needs=("repairer_signature",), needs_any=("return_signer", "customer_signature"))
def proxy_signature(order, ctx):
    written = order.repairer_signature
    if written is None:
        return ()
    signer, customer = order.return_signer, order.customer_signature
    repairer = _name(written)
    if (signer is None or _name(signer) != repairer) and (customer is None or _name(customer) != repairer):
        return ()  # the usual case
    hits = []
    for f in ("return_signer", "customer_signature"):
        value = getattr(order, f)
        if value is not None and _name(value) == repairer:
            hits.append(Hit(f, f, {"name": written}))
    return hits


_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


@rule("content-too-brief", name=("内容过简", "content too brief"), kind=K, severity=WARNING, source="001 三.3",
      checks=("报修内容要写清具体内容，不少于 {min_content_chars} 个字", "the repair content is specific: at least {min_content_chars} characters"),
      messages={"default": ("报修内容“{content}”过于简略（少于 {limit} 个字）", "repair content \"{content}\" is too brief (under {limit} characters)")},
      needs=("content",))
def content_too_brief(order, ctx):
    content, limit = order.content, ctx.settings.min_content_chars
    if content is None or (len(content) >= limit and content[:limit].isalnum()):
        return ()  # the first characters alone are enough: not brief
    if len(_PUNCT.sub("", content)) < limit:
        return (Hit("content", "default", {"content": content, "limit": limit}),)
    return ()


@rule("bad-phone", name=("电话无效", "invalid phone"), kind=K, severity=WARNING, source="001 三.4",
      checks=("联系电话是登记表所在地区（内地、香港、澳门、台湾）或所写国家/地区区号的有效手机号或固定电话",
              "the phone is a valid mobile or landline number of the register's region (mainland, Hong Kong, "
              "Macau, Taiwan), or of the country its code names (+852 …)"),
      messages={"default": ("联系电话“{phone}”不是有效的手机号或固定电话", "\"{phone}\" is not a valid mobile or landline number")},
      needs=("customer_phone",))
def bad_phone(order, ctx):
    if order.customer_phone is not None and not phone_is_valid(order.customer_phone, ctx.region):
        return (Hit("customer_phone", "default", {"phone": order.customer_phone}),)
    return ()


# reported by their own rule (uncalculated, foreign-currency), or no fault at all
_NOT_BAD = frozenset({UNCALCULATED_REASON, DONE_NO_TIME, FOREIGN_CURRENCY})
BAD_VALUE_MESSAGES = {
    "date": ("“{raw}”不是可识别的日期/时间", "\"{raw}\" is not a date or time"),
    "time_without_date": ("只有时间“{raw}”，无法确定日期", "time \"{raw}\" has no date to go with"),
    "money": ("“{raw}”不是金额", "\"{raw}\" is not an amount of money"),
    "flag": ("“{raw}”应为 有偿/无偿", "\"{raw}\" should be paid (有偿) or free (无偿)"),
    "count": ("“{raw}”不是人数", "\"{raw}\" is not a number of people"),
    "excel_error": ("单元格是 Excel 错误值 {raw}", "the cell holds the Excel error {raw}"),
    "ambiguous_date": ("“{raw}”分不清是几月几日（日/月还是月/日？），请写成“11月3日”或 2026-11-03",
                       "\"{raw}\" could be day/month or month/day: write it as 11月3日 or 2026-11-03"),
}


def bad_value(record, ctx):
    return [Hit(p.field, p.reason, {"raw": p.raw}) for p in record.problems if p.reason not in _NOT_BAD]


rule("bad-value", name=("值无法识别", "unreadable value"), kind=K, severity=ERROR, source="—",
     checks=("日期、时间、金额、有偿/无偿的值可以识别", "date, time, money and paid/free values can be read"),
     messages=BAD_VALUE_MESSAGES)(bad_value)


@rule("foreign-currency", name=("外币金额", "foreign currency"), kind=K, severity=WARNING, source="—",
      checks=("费用以登记表所在地区的货币填写（内地登记表中的 HK$、US$ 要核对）",
              "the fee is in the money of the register's region (HK$ or US$ in a mainland register is checked)"),
      messages={"default": ("费用“{raw}”不是本登记表所在地区的货币，未计入费用合计",
                            "fee \"{raw}\" is not in the money of the register's region: left out of the fee totals")},
      needs=("fee",))
def foreign_currency(order, ctx):
    """An amount marked in another region's currency is read, not taken: adding HK$ to yuan would
    make every fee total wrong. (A register kept in Hong Kong reads HK$ as its own: the region,
    set in toolkit.toml or guessed, decides.)"""
    for p in order.problems:
        if p.reason == FOREIGN_CURRENCY:
            return (Hit(p.field, params={"raw": p.raw}),)
    return ()


_NUMBER = re.compile(r"(.*?)(\d+)")


def number_parts(number: str) -> tuple[str, int, int, str] | None:
    """"WX2611001" → ("WX", 2611001, 7, "WX"); "No.008701" → ("NO.", 8701, 6, "No.").

    The first item is the sequence key (case folded), the last the prefix as printed.
    """
    if number.isascii():
        text = number.replace(" ", "")
        prefix = text.rstrip("0123456789")
        digits = text[len(prefix):]
        if not digits:
            return None
        return prefix.upper(), int(digits), len(digits), prefix
    text = unicodedata.normalize("NFKC", number).replace(" ", "")
    m = _NUMBER.fullmatch(text)
    if not m:
        return None
    return m.group(1).upper(), int(m.group(2)), len(m.group(2)), m.group(1)


def _number_key(number: str) -> str:
    """Numbers compared without spaces, case or full-width forms."""
    if number.isascii():
        return number.replace(" ", "").upper()
    return unicodedata.normalize("NFKC", number).replace(" ", "").upper()


def _number_keys(numbers: list[str]) -> list[str]:
    """_number_key of each number; a column of plain ASCII numbers without spaces at C speed."""
    joined = "".join(numbers)
    if joined.isascii() and " " not in joined:
        return list(map(str.upper, numbers))
    return list(map(_number_key, numbers))


def duplicate_numbers(registers, ctx, number_field: str):
    keys = [key for reg in registers for key in _number_keys(list(filter(None, reg.column(number_field))))]
    if len(set(keys)) == len(keys):
        return  # the usual case: no number used twice
    first_seen: dict[str, tuple] = {}
    for reg in registers:
        # a list running newest first (a software export) is read oldest first: the later use is the second
        for rec in reversed(reg.records) if reg.newest_first else reg.records:
            number = getattr(rec, number_field)
            if number is None:
                continue
            key = _number_key(number)
            if key in first_seen:
                first_reg, first_rec = first_seen[key]
                cell = first_reg.cell(first_rec, number_field)
                where = cell if first_reg.sheet == reg.sheet else f"{first_reg.sheet}!{cell}"
                yield reg, rec, Hit(number_field, params={"number": number, "first": where})
            else:
                first_seen[key] = (reg, rec)


@rule("duplicate-number", name=("编号重复", "duplicate number"), kind=K, severity=ERROR, source="001 三.15",
      checks=("每个单号只使用一次", "each order number is used once"),
      messages={"default": ("单号 {number} 重复（首次出现在 {first}）", "order number {number} is used twice (first at {first})")},
      needs=("order_no",), scope=WORKBOOK)
def duplicate_number(registers, ctx):
    return duplicate_numbers(registers, ctx, "order_no")


def _book_shape(numbers: list[str]) -> tuple[str, int] | None:
    """(prefix, length) when every number is that prefix and then as many ASCII digits
    (WX2611001, WX2611002, …: the usual book), else None. Told column-wise at C speed."""
    first = numbers[0]
    prefix = first.rstrip(_DIGITS)
    if len(prefix) == len(first) or " " in prefix or not "".join(numbers).isascii() \
            or set(map(len, numbers)) != {len(first)} or set(map(str.rstrip, numbers, repeat(_DIGITS))) != {prefix}:
        return None
    return prefix, len(first)


def _uniform_numbers(numbers: list[str]) -> tuple[str, int, list[int]] | None:
    """(key, width, the numbers as integers) for a book of one shape (_book_shape), else None:
    the same parts as number_parts gives one by one."""
    shape = _book_shape(numbers)
    if shape is None:
        return None
    prefix, length = shape
    return prefix.upper(), length - len(prefix), list(map(int, map(itemgetter(slice(len(prefix), None)), numbers)))


_DIGITS = "0123456789"


def _one_unbroken_book(registers) -> bool:
    """Every order number of the workbook is one prefix and as many ASCII digits, in strictly
    rising order, and the last is as far from the first as their count allows: no number is
    missing (and none is used twice). Told at C speed; anything else goes the long way."""
    texts: list[str] = []
    shape = None
    for reg in registers:
        numbers = list(filter(None, reg.column("order_no")))
        if not numbers:
            continue
        this = _book_shape(numbers)
        if this is None or shape not in (None, this):
            return False
        shape = this
        texts.extend(numbers)
    if not texts:
        return True
    # one width of digits: the texts rise as the numbers do
    if not all(map(lt, texts, islice(texts, 1, None))):
        return False
    start = len(shape[0])
    return int(texts[-1][start:]) - int(texts[0][start:]) == len(texts) - 1


def _sequences(registers, field: str) -> dict[tuple[str, int], list[tuple[int, object, int]]]:
    """(prefix key, digit count) → (number, register, record position) for every number."""
    sequences: dict[tuple, list] = defaultdict(list)
    for reg in registers:
        col = reg.column(field)
        positions = list(compress(count(), map(is_not, col, repeat(None)))) if None in col else range(len(col))
        numbers = list(map(col.__getitem__, positions))
        uniform = _uniform_numbers(numbers) if numbers else None
        if uniform is not None:
            key, width, values = uniform
            sequences[(key, width)].extend(zip(values, repeat(reg), positions))
            continue
        for i, number in zip(positions, numbers):
            parts = number_parts(number)
            if parts:
                key, n, width, _ = parts
                sequences[(key, width)].append((n, reg, i))
    return sequences


@rule("number-gap", name=("单号缺号", "number gap"), kind=K, severity=WARNING, source="001 三.1, 三.15",
      checks=("预编号的三联单不缺号（跳号超过 {number_gap_max} 视为换本或换月）",
              "no number is missing from a pre-numbered sequence (a jump over {number_gap_max} is a new book or month)"),
      messages={"default": ("单号 {missing} 缺失（{count} 张，可能遗失）：在 {before} 与 {after} 之间",
                            "form numbers {missing} missing ({count}, possibly lost) between {before} and {after}"),
                "one": ("单号 {missing} 缺失（{count} 张，可能遗失）：在 {before} 与 {after} 之间",
                        "form number {missing} missing ({count}, possibly lost) between {before} and {after}")},
      needs=("order_no",), scope=WORKBOOK)
def number_gap(registers, ctx):
    mode = ctx.settings.number_gaps
    if mode == "never":
        return
    if mode == "auto":  # the reader's judgement: numbers a software gave are not lost forms
        registers = [reg for reg in registers if reg.numbering != SYSTEM_NUMBERS]
        if not registers:
            return
    if _one_unbroken_book(registers):
        return  # the usual workbook: one book of numbers, every one of them there
    widest = ctx.settings.number_gap_max + 1
    for (_, width), items in _sequences(registers, "order_no").items():
        numbers = list(map(itemgetter(0), items))
        if not all(map(le, numbers, islice(numbers, 1, None))):
            items.sort(key=itemgetter(0))
            numbers = list(map(itemgetter(0), items))
        # the usual case, no gap at all, is told at C speed: steps of one
        steps = list(map(sub, islice(numbers, 1, None), numbers))
        jumps = [j for j in compress(count(), map(lt, repeat(1), steps)) if steps[j] <= widest]
        for j in jumps:
            (n0, reg0, i0), (n1, reg1, i1) = items[j], items[j + 1]
            rec0, rec1 = reg0.records[i0], reg1.records[i1]
            gap = n1 - n0 - 1
            if 0 < gap <= ctx.settings.number_gap_max:
                printed = number_parts(rec0.order_no)[3]
                fmt = lambda n, p=printed: f"{p}{n:0{width}d}"  # noqa: E731
                missing = fmt(n0 + 1) if gap == 1 else f"{fmt(n0 + 1)}–{fmt(n1 - 1)}"
                yield reg1, rec1, Hit("order_no", "one" if gap == 1 else "default", params={"missing": missing, "count": gap,
                                                          "before": rec0.order_no, "after": rec1.order_no})


@rule("finance-unreceipted", name=("财务未签收", "not receipted by finance"), kind=K, severity=WARNING, source="001 三.15",
      checks=("有偿维修单完工 {finance_days} 天内交财务签收", "a paid order completed more than {finance_days} days ago has been signed for by finance"),
      messages={"default": ("有偿维修单完工已超过 {days} 天，财务未签收", "paid order completed over {days} days ago, not signed for by finance")},
      needs=("paid", "finance_receipt", "completed_at"))
def finance_unreceipted(order, ctx):
    if order.paid is True and order.completed_at is not None and not filled(order, "finance_receipt") and \
            surely_after(ctx.as_of, order.completed_at, ctx.settings.finance) and not is_cancelled(order):
        return (Hit("finance_receipt", params={"days": f"{ctx.settings.finance_days:g}"}),)
    return ()
