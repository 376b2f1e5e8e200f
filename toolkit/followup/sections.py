"""The weekly follow-up lists: pure functions from typed records to sections.

Seed rules: unfinished orders are followed until done and summarised weekly with their
reasons (001 三.9–10); paid orders go to finance every week against their numbers (三.15);
completed repairs and answered complaints get a return visit (回访), and an unsatisfied
customer goes back to handling (000, 流程图).

Every comparison with a time known only to the day is honest: an order completed "on
2026-11-25" is not called unfinished at 09:00 that day, nor late on a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from toolkit.findings import Finding
from toolkit.followup.categories import repair_category
from toolkit.followup.week import Week, happened_by, in_week
from toolkit.registers.fields import COMPLAINTS, WORK_ORDERS
from toolkit.registers.records import Complaint, Register, WorkOrder
from toolkit.model.complaints import SATISFIED, UNSATISFIED, is_major, visited
from toolkit.model.work_orders import NOT_OPEN
from toolkit.model.complaints import satisfaction as classify_visit
from toolkit.model.records import filled
from toolkit.model.settings import Settings
from toolkit.model.times import earliest, latest, surely_after
from toolkit.rules.complaints import MAJOR_COMPLAINT

ORDER, COMPLAINT = "work_order", "complaint"
When = datetime | date | None


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record is: the file, the sheet, the Excel row and the cell of its number."""

    path: str
    sheet: str
    row: int
    cell: str


@dataclass(frozen=True, slots=True)
class UnfinishedOrder:
    record: str | None
    source: Source
    received_at: When
    started_at: When  # dispatch, or receipt where there is no dispatch time
    start_event: str  # "dispatch", or "receipt" where the register has no dispatch time
    age_hours: float | None  # at least this old (a date-only start counts from its last minute)
    age_exact: bool
    engineer: str | None
    location: str | None
    content: str | None
    category: str
    customer_name: str | None
    customer_phone: str | None
    reason: str | None  # the recorded reason it is unfinished (None: no reason)
    past_delay: bool  # open longer than delay_hours since dispatch
    returned: bool  # taken back uncompleted (special approval or not)


@dataclass(frozen=True, slots=True)
class OverdueItem:
    kind: str  # work_order or complaint
    record: str | None
    source: Source
    why: tuple[str, ...]  # open_past_delay, reply_overdue, major
    since: When  # the start of an order; the promised reply time of a complaint
    hours_over: float | None  # hours past the limit or the promise (a lower bound for dates)
    who: str | None  # the engineer, or the complaint's owner (else its first handler)
    location: str | None
    content: str | None
    note: str | None  # the order's recorded reason, or the major-complaint finding


@dataclass(frozen=True, slots=True)
class FinanceItem:
    record: str | None
    source: Source
    completed_at: When
    location: str | None
    fee: Decimal | None
    fee_raw: str | None  # what the cell holds when it is not an amount ("面议")
    repairer: str | None
    customer_name: str | None


@dataclass(frozen=True, slots=True)
class ReturnVisit:
    kind: str
    record: str | None
    source: Source
    why: str  # completed, answered, unsatisfied
    name: str | None
    phone: str | None
    location: str | None
    done: str | None  # what was done: the repair content, or the complaint's result
    at: When  # completed, replied, or (unsatisfied) visited
    who: str | None  # the repairer, or the complaint's owner
    visit_result: str | None


@dataclass(slots=True)
class Sections:
    unfinished: list[UnfinishedOrder]
    overdue: list[OverdueItem]
    finance_handover: list[FinanceItem]
    return_visits: list[ReturnVisit]
    findings: list[Finding]

    @property
    def finance_total(self) -> Decimal:
        return sum((i.fee for i in self.finance_handover if i.fee is not None), Decimal(0))


# ---- small facts about records --------------------------------------------------------------

def source(reg: Register, record) -> Source:
    number = "order_no" if reg.kind == WORK_ORDERS else "complaint_no"
    return Source(reg.path, reg.sheet, record.row, reg.cell(record, number) or f"A{record.row}")


def engineer(order: WorkOrder) -> str | None:
    """Who has the order in engineering: whoever signed it in, else the repairer."""
    return order.accepted_by or order.repairer_signature


def started(order: WorkOrder) -> When:
    """The clock starts at dispatch, or at receipt where the register has no dispatch time."""
    return order.dispatched_at if order.dispatched_at is not None else order.received_at


def received(order: WorkOrder) -> When:
    return order.received_at if order.received_at is not None else order.dispatched_at


def is_open(order: WorkOrder, as_of: datetime) -> bool:
    """Not completed as of ``as_of``. A completion cell that cannot be read is left to bad-value;
    a status saying completed or cancelled (a software export's) closes the order."""
    if order.status in NOT_OPEN:
        return False
    if order.completed_at is None:
        return not filled(order, "completed_at")
    return surely_after(order.completed_at, as_of)


def is_exact(*values) -> bool:
    return all(isinstance(v, datetime) for v in values)


def hours_between(start, end: datetime) -> float:
    """Hours from ``start`` to ``end``; from the last minute of a date-only start (a lower bound)."""
    return round(max((end - latest(start)).total_seconds(), 0) / 3600, 1)


def satisfaction(result: str | None) -> bool | None:
    """True satisfied, False unsatisfied, None when the visit result does not say (or no visit was made)."""
    if not result:
        return None
    said = classify_visit(result)
    return True if said == SATISFIED else False if said == UNSATISFIED else None


def _text_reason(order: WorkOrder) -> str | None:
    return order.incomplete_reason or order.delay_reason


def _raw(record, name: str) -> str | None:
    return next((p.raw for p in record.problems if p.field == name), None)


# ---- the sections ---------------------------------------------------------------------------

def unfinished_orders(registers: list[Register], as_of: datetime, settings: Settings) -> list[UnfinishedOrder]:
    """Every order received by ``as_of`` and not completed then, oldest first."""
    limit = timedelta(hours=settings.delay_hours)
    items = []
    for reg in registers:
        if reg.kind != WORK_ORDERS or not reg.has("completed_at"):
            continue  # without a completion column nothing can be called unfinished
        for order in reg.records:
            start = started(order)
            if not is_open(order, as_of) or (received(order) is not None and not happened_by(received(order), as_of)):
                continue
            items.append(UnfinishedOrder(
                record=order.order_no, source=source(reg, order), received_at=order.received_at,
                started_at=start, start_event="dispatch" if order.dispatched_at is not None else "receipt",
                age_hours=hours_between(start, as_of) if start is not None else None,
                age_exact=is_exact(start), engineer=engineer(order), location=order.location,
                content=order.content, category=repair_category(order.content),
                customer_name=order.customer_name, customer_phone=order.customer_phone,
                reason=_text_reason(order),
                past_delay=start is not None and surely_after(as_of, start, limit),
                returned=order.is_returned,
            ))
    items.sort(key=lambda i: (i.started_at is None, earliest(i.started_at) if i.started_at is not None else datetime.min,
                              i.source.path, i.source.sheet, i.source.row))
    return items


def overdue(unfinished: list[UnfinishedOrder], registers: list[Register], findings: list[Finding],
            as_of: datetime, settings: Settings) -> list[OverdueItem]:
    """Unfinished orders past delay_hours; complaints past their promised reply time or open as major."""
    items = [
        OverdueItem(ORDER, u.record, u.source, ("open_past_delay",), u.started_at,
                    round(max(u.age_hours - settings.delay_hours, 0), 1) if u.age_hours is not None else None,
                    u.engineer, u.location, u.content, u.reason)
        for u in unfinished if u.past_delay
    ]
    # the major-complaint finding says why, in the report's language: the item's note
    notes = {(f.path, f.sheet, f.row): f.message for f in findings if f.rule == MAJOR_COMPLAINT}
    for reg in registers:
        if reg.kind != COMPLAINTS:
            continue
        closed_column = reg.has("closed_at")
        for c in reg.records:
            if c.received_at is not None and not happened_by(c.received_at, as_of):
                continue
            closed = _closed_by(c, as_of)
            why = []
            # answered as the complaint rules count it: a reply, a return visit or a close time
            replied = (c.replied_at is not None and happened_by(c.replied_at, as_of)) or visited(c)
            if (c.promised_reply_at is not None and not replied and not filled_unreadable(c, "replied_at")
                    and surely_after(as_of, c.promised_reply_at) and not closed):
                why.append("reply_overdue")
            key = (reg.path, reg.sheet, c.row)
            if not closed and is_major(c, as_of, settings, closed_column):
                why.append("major")
            if not why:
                continue
            items.append(OverdueItem(
                COMPLAINT, c.complaint_no, source(reg, c), tuple(why), c.promised_reply_at,
                hours_between(c.promised_reply_at, as_of) if "reply_overdue" in why else None,
                c.owner or c.first_handler, c.location, c.content, notes.get(key) if "major" in why else None,
            ))
    items.sort(key=lambda i: (i.kind != ORDER, i.since is None,
                              earliest(i.since) if i.since is not None else datetime.min,
                              i.source.path, i.source.sheet, i.source.row))
    return items


def filled_unreadable(record, name: str) -> bool:
    return getattr(record, name) is None and filled(record, name)


def finance_handover(registers: list[Register], week: Week, as_of: datetime) -> list[FinanceItem]:
    """Paid, completed orders that finance has not signed for: the list finance signs against.

    Where the register has a 财务签收 column, every paid completed order without a receipt
    (last week's leftovers too); where it has none, the paid orders completed this week.
    """
    items = []
    for reg in registers:
        if reg.kind != WORK_ORDERS or not reg.has("paid"):
            continue
        tracked = reg.has("finance_receipt")
        for order in reg.records:
            if order.paid is not True or order.completed_at is None or not happened_by(order.completed_at, as_of):
                continue
            if tracked and filled(order, "finance_receipt"):
                continue
            if not tracked and not week.contains(order.completed_at):
                continue
            items.append(FinanceItem(order.order_no, source(reg, order), order.completed_at, order.location,
                                     order.fee, _raw(order, "fee"), order.repairer_signature or order.accepted_by,
                                     order.customer_name))
    items.sort(key=lambda i: (earliest(i.completed_at), i.record or "", i.source.path, i.source.row))
    return items


def return_visits(registers: list[Register], week: Week, as_of: datetime) -> list[ReturnVisit]:
    """The 回访 call list: orders completed and complaints answered in the week with no visit
    yet; then unsatisfied visits that need handling again."""
    calls, again = [], []
    for reg in registers:
        for rec in reg.records:
            if isinstance(rec, WorkOrder):
                if in_week(rec.completed_at, week, as_of) and not visited(rec):
                    calls.append(_order_visit(reg, rec, "completed", rec.completed_at))
                elif satisfaction(rec.visit_result) is False and _visit_in_week(rec, rec.completed_at, week, as_of):
                    again.append(_order_visit(reg, rec, "unsatisfied", rec.visit_at or rec.completed_at))
            elif isinstance(rec, Complaint):
                # answered by its reply; a complaint closed with no reply time was answered by its close
                answered_at = rec.replied_at if rec.replied_at is not None else rec.closed_at
                if in_week(answered_at, week, as_of) and not visited(rec):
                    calls.append(_complaint_visit(reg, rec, "answered", answered_at))
                elif satisfaction(rec.visit_result) is False and _complaint_needs_handling(reg, rec, week, as_of):
                    again.append(_complaint_visit(reg, rec, "unsatisfied", rec.visit_at or rec.replied_at))
    key = lambda i: (earliest(i.at) if i.at is not None else datetime.min, i.source.path, i.source.row)  # noqa: E731
    return sorted(calls, key=key) + sorted(again, key=key)


def _visit_in_week(rec, done_at, week: Week, as_of: datetime) -> bool:
    if rec.visit_at is not None:
        return in_week(rec.visit_at, week, as_of)
    return in_week(done_at, week, as_of)


def _closed_by(c: Complaint, as_of: datetime) -> bool:
    """Closed by the time of the check: a close time by then, or a close with no time written
    (是否结案 = 是), as the complaint rules count it."""
    if c.closed_at is None:
        return filled(c, "closed_at")
    return happened_by(c.closed_at, as_of)


def _complaint_needs_handling(reg: Register, c: Complaint, week: Week, as_of: datetime) -> bool:
    """An unsatisfied complaint goes back to handling until it is closed; without a 结案 column,
    it is listed in the week of the visit."""
    if reg.has("closed_at"):
        return not _closed_by(c, as_of)
    return _visit_in_week(c, c.replied_at, week, as_of)


def _order_visit(reg: Register, o: WorkOrder, why: str, at) -> ReturnVisit:
    return ReturnVisit(ORDER, o.order_no, source(reg, o), why, o.customer_name, o.customer_phone, o.location,
                       o.content, at, o.repairer_signature or o.accepted_by, o.visit_result)


def _complaint_visit(reg: Register, c: Complaint, why: str, at) -> ReturnVisit:
    return ReturnVisit(COMPLAINT, c.complaint_no, source(reg, c), why, c.complainant, c.phone, c.location,
                       c.result or c.content, at, c.owner or c.first_handler, c.visit_result)


def findings_todo(findings: list[Finding], rule_order: dict[str, int]) -> list[Finding]:
    """The clerks' to-do list: every finding, grouped by rule (catalog order), then by register."""
    return sorted(findings, key=lambda f: (rule_order.get(f.rule, len(rule_order)), f.rule, f.path, f.sheet, f.row or 0))


def build_sections(registers: list[Register], findings: list[Finding], as_of: datetime, week: Week,
                   settings: Settings, rule_order: dict[str, int] | None = None) -> Sections:
    unfinished = unfinished_orders(registers, as_of, settings)
    return Sections(
        unfinished=unfinished,
        overdue=overdue(unfinished, registers, findings, as_of, settings),
        finance_handover=finance_handover(registers, week, as_of),
        return_visits=return_visits(registers, week, as_of),
        findings=findings_todo(findings, rule_order or {}),
    )
