"""The rule catalog: each rule a small pure function registered with a stable ID.

A rule says which register kind it checks, its default severity, the columns it needs,
the seed rule it comes from, what it checks and its messages in both languages. The
``toolkit rules`` listing and the README's rule table are generated from this catalog.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from types import MappingProxyType
from typing import Any, NamedTuple

ERROR, WARNING = "error", "warning"
SEVERITIES = (ERROR, WARNING)
RECORD, WORKBOOK = "record", "workbook"


class Hit(NamedTuple):
    """What a rule found: the field (cell) it points at, which message, and its values.

    A tuple, made cheaply: a register where every row is broken makes one per finding."""

    field: str
    message: str = "default"
    params: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Settings:
    """Thresholds the rules use; defaults here, overridden in toolkit.toml."""

    delay_hours: float = 24
    handoff_minutes: float = 5
    min_content_chars: int = 4
    finance_days: float = 7
    number_gap_max: int = 20
    major_people: int = 10
    major_open_days: float = 30
    # the thresholds as spans of time, made once rather than once per record
    delay: timedelta = field(init=False, repr=False, compare=False)
    handoff: timedelta = field(init=False, repr=False, compare=False)
    finance: timedelta = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "delay", timedelta(hours=self.delay_hours))
        object.__setattr__(self, "handoff", timedelta(minutes=self.handoff_minutes))
        object.__setattr__(self, "finance", timedelta(days=self.finance_days))


@dataclass(frozen=True, slots=True)
class RuleContext:
    as_of: datetime
    settings: Settings
    columns: frozenset[str]  # the fields this register has columns for

    def has(self, name: str) -> bool:
        return name in self.columns


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    severity: str
    source: str
    checks: tuple[str, str]  # (zh, en): what it checks, one sentence
    messages: dict[str, tuple[str, str]]
    check: Callable[..., Iterable]
    needs: tuple[str, ...] = ()  # every one of these columns
    needs_any: tuple[str, ...] = ()  # at least one of these columns
    scope: str = RECORD

    def missing_columns(self, columns: frozenset[str]) -> tuple[str, ...]:
        """The columns whose absence keeps this rule from running (empty: it runs)."""
        missing = tuple(f for f in self.needs if f not in columns)
        if self.needs_any and not any(f in columns for f in self.needs_any):
            missing += self.needs_any
        return missing

    def describe(self, lang: str) -> str:
        return self.checks[0] if lang == "zh" else self.checks[1]

    def message(self, key: str, lang: str, params: dict[str, Any]) -> str:
        zh, en = self.messages[key]
        return (zh if lang == "zh" else en).format(**params)


CATALOG: dict[tuple[str, str], Rule] = {}


def rule(rule_id: str, *, kind: str, severity: str, source: str, checks: tuple[str, str],
         messages: dict[str, tuple[str, str]], needs=(), needs_any=(), scope: str = RECORD):
    """Register the decorated function in the catalog under (kind, rule_id)."""
    def register(fn):
        key = (kind, rule_id)
        if key in CATALOG:
            raise ValueError(f"rule {rule_id} for {kind} registered twice")
        CATALOG[key] = Rule(rule_id, kind, severity, source, checks, messages, fn, tuple(needs), tuple(needs_any),
                            scope)
        return fn
    return register


def rules_for(kind: str) -> list[Rule]:
    return [r for r in all_rules() if r.kind == kind]


_MODULE_ORDER = ("toolkit.rules.work_orders", "toolkit.rules.complaints", "toolkit.rules.common")


def all_rules() -> list[Rule]:
    """Every rule, kind by kind, each kind's own rules before the shared ones: the same order
    whichever module happened to be imported first."""
    from toolkit.registers.fields import KINDS

    _load()
    position = {key: i for i, key in enumerate(CATALOG)}

    def order(item):
        (kind, _), r = item
        module = r.check.__module__
        rank = _MODULE_ORDER.index(module) if module in _MODULE_ORDER else len(_MODULE_ORDER)
        return (KINDS.index(kind), rank, position[(kind, r.id)])

    return [r for _, r in sorted(CATALOG.items(), key=order)]


def rule_ids() -> set[str]:
    _load()
    return {rid for _, rid in CATALOG}


def _load() -> None:
    # The rule modules register themselves on import.
    from toolkit.rules import common, complaints, work_orders  # noqa: F401


# ---- helpers shared by rules: times known to the minute or only to the day ---------------

def earliest(value) -> datetime:
    """The earliest moment a value can mean (a date alone: its first minute)."""
    return value if isinstance(value, datetime) else datetime.combine(value, time.min)


def latest(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time(23, 59, 59))


_NO_TIME = timedelta(0)


def surely_after(later, earlier, by: timedelta = _NO_TIME) -> bool:
    """True only when ``later`` is certainly more than ``by`` after ``earlier``.

    A value known only to the day never makes a rule fire on a guess.
    """
    if type(later) is datetime and type(earlier) is datetime:  # the common case, kept cheap
        return later - earlier > by
    return earliest(later) - latest(earlier) > by


def show_time(value) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def hours(delta: timedelta) -> str:
    return f"{delta.total_seconds() / 3600:.1f}"


def filled(record, name: str) -> bool:
    """The cell holds something: a value, or something unreadable (reported by bad-value)."""
    if getattr(record, name) is not None:
        return True
    problems = record.problems
    return bool(problems) and any(p.field == name for p in problems)
