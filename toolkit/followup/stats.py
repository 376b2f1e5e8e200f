"""Weekly statistics: pure functions from typed records to counts and rates.

A rate is kept as (count, of): it reads "n/a" when nothing could be judged, and an order
whose times are known only to the day is judged only when the day settles it (an order
dispatched and signed in on the same date with no times is neither on time nor late).
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from toolkit.findings import Finding
from toolkit.followup.categories import complaint_category, repair_category
from toolkit.followup.sections import (
    Sections, engineer, is_exact, received, satisfaction, started,
)
from toolkit.followup.week import Week, happened_by, in_week
from toolkit.registers.records import Complaint, Register, WorkOrder
from toolkit.model.settings import Settings
from toolkit.model.severity import ERROR
from toolkit.model.times import earliest, latest, surely_after

UNASSIGNED = ""  # the engineer key of orders nobody has signed in


@dataclass(slots=True)
class Rate:
    count: int = 0  # on time, satisfied, …
    of: int = 0  # how many could be judged

    @property
    def value(self) -> float | None:
        return self.count / self.of if self.of else None

    def add(self, ok: bool | None) -> None:
        if ok is not None:
            self.of += 1
            self.count += ok

    def as_dict(self) -> dict:
        value = self.value
        return {"count": self.count, "of": self.of, "rate": round(value, 4) if value is not None else None}

    @classmethod
    def from_dict(cls, data) -> "Rate":
        data = data or {}
        return cls(int(data.get("count", 0)), int(data.get("of", 0)))


@dataclass(slots=True)
class OrderStats:
    received: int = 0
    completed: int = 0
    open: int = 0  # unfinished as of the as-of time
    handover: Rate = field(default_factory=Rate)  # engineering signed in within handoff_minutes
    completion: Rate = field(default_factory=Rate)  # completed within delay_hours of dispatch
    hours: list[float] = field(default_factory=list, repr=False)  # dispatch → completion, exact times only
    median_hours: float | None = None

    def finish(self) -> "OrderStats":
        if self.hours:
            self.median_hours = round(statistics.median(self.hours), 1)
        return self

    def as_dict(self) -> dict:
        return {"received": self.received, "completed": self.completed, "open": self.open,
                "handover_on_time": self.handover.as_dict(), "completed_on_time": self.completion.as_dict(),
                "median_hours_to_complete": self.median_hours}

    @classmethod
    def from_dict(cls, data) -> "OrderStats":
        data = data or {}
        return cls(int(data.get("received", 0)), int(data.get("completed", 0)), int(data.get("open", 0)),
                   Rate.from_dict(data.get("handover_on_time")), Rate.from_dict(data.get("completed_on_time")),
                   median_hours=data.get("median_hours_to_complete"))


@dataclass(slots=True)
class ComplaintStats:
    received: int = 0
    replied: int = 0
    reply_on_time: Rate = field(default_factory=Rate)  # replies due this week, given by the promised time
    satisfaction: Rate = field(default_factory=Rate)  # return visits this week
    by_category: dict[str, int] = field(default_factory=dict)  # complaints received this week

    def as_dict(self) -> dict:
        return {"received": self.received, "replied": self.replied, "reply_on_time": self.reply_on_time.as_dict(),
                "satisfaction": self.satisfaction.as_dict(), "by_category": self.by_category}

    @classmethod
    def from_dict(cls, data) -> "ComplaintStats":
        data = data or {}
        return cls(int(data.get("received", 0)), int(data.get("replied", 0)),
                   Rate.from_dict(data.get("reply_on_time")), Rate.from_dict(data.get("satisfaction")),
                   {str(k): int(v) for k, v in (data.get("by_category") or {}).items()})


@dataclass(slots=True)
class WeekStats:
    week: str
    orders: OrderStats = field(default_factory=OrderStats)
    by_engineer: dict[str, OrderStats] = field(default_factory=dict)
    by_category: dict[str, OrderStats] = field(default_factory=dict)
    order_satisfaction: Rate = field(default_factory=Rate)
    complaints: ComplaintStats = field(default_factory=ComplaintStats)
    lists: dict[str, int] = field(default_factory=dict)  # section sizes: unfinished, overdue, …
    finance_total: float = 0.0  # yuan
    findings_by_rule: dict[str, int] = field(default_factory=dict)
    findings_by_register: dict[str, int] = field(default_factory=dict)  # "path › sheet"
    errors: int = 0
    warnings: int = 0
    # who must fix them (分清责任): "role\tperson" → findings; the person "" where no name is written
    findings_by_person: dict[str, int] = field(default_factory=dict)
    repeat_repairs: int = 0  # second orders received this week for a fault repaired within repeat_days

    def as_dict(self) -> dict:
        return {
            "week": self.week,
            "orders": self.orders.as_dict(),
            "by_engineer": {k: v.as_dict() for k, v in self.by_engineer.items()},
            "by_category": {k: v.as_dict() for k, v in self.by_category.items()},
            "order_satisfaction": self.order_satisfaction.as_dict(),
            "complaints": self.complaints.as_dict(),
            "lists": self.lists,
            "finance_total": self.finance_total,
            "findings": {"errors": self.errors, "warnings": self.warnings,
                         "by_rule": self.findings_by_rule, "by_register": self.findings_by_register,
                         "by_person": self.findings_by_person},
            "repeat_repairs": self.repeat_repairs,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "WeekStats":
        """Read a stored week back; keys a newer or older version does not know are tolerated."""
        f = data.get("findings") or {}
        return cls(
            week=str(data.get("week", "")),
            orders=OrderStats.from_dict(data.get("orders")),
            by_engineer={k: OrderStats.from_dict(v) for k, v in (data.get("by_engineer") or {}).items()},
            by_category={k: OrderStats.from_dict(v) for k, v in (data.get("by_category") or {}).items()},
            order_satisfaction=Rate.from_dict(data.get("order_satisfaction")),
            complaints=ComplaintStats.from_dict(data.get("complaints")),
            lists={k: int(v) for k, v in (data.get("lists") or {}).items()},
            finance_total=float(data.get("finance_total", 0) or 0),
            findings_by_rule={k: int(v) for k, v in (f.get("by_rule") or {}).items()},
            findings_by_register={k: int(v) for k, v in (f.get("by_register") or {}).items()},
            errors=int(f.get("errors", 0)), warnings=int(f.get("warnings", 0)),
            findings_by_person={k: int(v) for k, v in (f.get("by_person") or {}).items()},
            repeat_repairs=int(data.get("repeat_repairs", 0) or 0),
        )


def person_key(person: str | None, role: str) -> str:
    return f"{role}\t{person or ''}"


def split_person_key(key: str) -> tuple[str | None, str]:
    """(person or None, role) of a person_key."""
    role, _, person = key.partition("\t")
    return person or None, role


def findings_by_person(findings: list[Finding]) -> dict[str, int]:
    """Findings per (person, role); a finding two roles answer for counts for both."""
    counts = Counter(person_key(p, r) for f in findings for p, r in zip(f.person, f.role))
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def register_key(path: str, sheet: str) -> str:
    return f"{path} › {sheet}"


def _within(later, earlier, limit: timedelta) -> bool | None:
    """True: surely within the limit; False: surely over it; None: the dates cannot tell."""
    if latest(later) - earliest(earlier) <= limit:
        return True
    if surely_after(later, earlier, limit):
        return False
    return None


def week_stats(registers: list[Register], findings: list[Finding], sections: Sections, as_of: datetime,
               week: Week, settings: Settings) -> WeekStats:
    stats = WeekStats(week.label)
    handoff = timedelta(minutes=settings.handoff_minutes)
    delay = timedelta(hours=settings.delay_hours)

    def groups(order: WorkOrder) -> list[OrderStats]:
        who = engineer(order) or UNASSIGNED
        cat = repair_category(order.content)
        return [stats.orders, stats.by_engineer.setdefault(who, OrderStats()),
                stats.by_category.setdefault(cat, OrderStats())]

    for reg in registers:
        for rec in reg.records:
            if isinstance(rec, WorkOrder):
                _order(rec, groups, as_of, week, handoff, delay, stats)
            elif isinstance(rec, Complaint):
                _complaint(rec, as_of, week, stats.complaints)

    for item in sections.unfinished:
        stats.orders.open += 1
        stats.by_engineer.setdefault(item.engineer or UNASSIGNED, OrderStats()).open += 1
        stats.by_category.setdefault(item.category, OrderStats()).open += 1
    for group in (stats.orders, *stats.by_engineer.values(), *stats.by_category.values()):
        group.finish()
    stats.by_engineer = dict(sorted(stats.by_engineer.items(), key=lambda kv: (kv[0] == UNASSIGNED, kv[0])))
    stats.by_category = dict(sorted(stats.by_category.items(), key=lambda kv: (kv[0] == "other", -kv[1].received, kv[0])))
    stats.complaints.by_category = dict(sorted(stats.complaints.by_category.items(), key=lambda kv: (-kv[1], kv[0])))

    stats.lists = {"unfinished": len(sections.unfinished), "overdue": len(sections.overdue),
                   "finance_handover": len(sections.finance_handover), "return_visits": len(sections.return_visits),
                   "findings": len(sections.findings)}
    stats.finance_total = float(sections.finance_total)
    stats.findings_by_rule = dict(sorted(Counter(f.rule for f in findings).items()))
    stats.findings_by_register = dict(sorted(Counter(register_key(f.path, f.sheet) for f in findings).items()))
    stats.findings_by_person = findings_by_person(findings)
    stats.errors = sum(1 for f in findings if f.severity == ERROR)
    stats.warnings = len(findings) - stats.errors
    return stats


def _order(order: WorkOrder, groups, as_of: datetime, week: Week, handoff: timedelta, delay: timedelta,
           stats: WeekStats) -> None:
    start = started(order)
    touched: list[OrderStats] = []

    def counted_in() -> list[OrderStats]:
        if not touched:
            touched.extend(groups(order))  # the order counts for its engineer and its category
        return touched

    if in_week(received(order), week, as_of):
        for g in counted_in():
            g.received += 1
    if start is not None and order.accepted_at is not None and in_week(start, week, as_of):
        ok = _within(order.accepted_at, start, handoff)
        for g in counted_in():
            g.handover.add(ok)
    if in_week(order.completed_at, week, as_of):
        ok = _within(order.completed_at, start, delay) if start is not None else None
        exact = start is not None and is_exact(start, order.completed_at)
        for g in counted_in():
            g.completed += 1
            g.completion.add(ok)
            if exact:
                g.hours.append((order.completed_at - start).total_seconds() / 3600)
    if _visited_in_week(order, order.completed_at, week, as_of):
        stats.order_satisfaction.add(satisfaction(order.visit_result))


def _complaint(c: Complaint, as_of: datetime, week: Week, out: ComplaintStats) -> None:
    if in_week(c.received_at, week, as_of):
        out.received += 1
        cat = complaint_category(c.category, c.content)
        out.by_category[cat] = out.by_category.get(cat, 0) + 1
    replied = c.replied_at if happened_by(c.replied_at, as_of) else None
    if in_week(c.replied_at, week, as_of):
        out.replied += 1
    if in_week(c.promised_reply_at, week, as_of):
        if replied is not None:
            ok = True if latest(replied) <= latest(c.promised_reply_at) else (
                False if surely_after(replied, c.promised_reply_at) else None)
        else:
            ok = False if surely_after(as_of, c.promised_reply_at) else None
        out.reply_on_time.add(ok)
    if _visited_in_week(c, c.replied_at, week, as_of):
        out.satisfaction.add(satisfaction(c.visit_result))


def _visited_in_week(rec, done_at, week: Week, as_of: datetime) -> bool:
    if rec.visit_result is None:
        return False
    return in_week(rec.visit_at if rec.visit_at is not None else done_at, week, as_of)
