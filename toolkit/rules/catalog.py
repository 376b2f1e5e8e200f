"""The rule catalog: each rule a small pure function registered with a stable ID.

A rule says which register kind it checks, its default severity, the columns it needs,
the seed rule it comes from, what it checks and its messages in both languages. The
``toolkit rules`` listing and the README's rule table are generated from this catalog.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Any, NamedTuple

from toolkit.i18n import pick
# The model's words, named here too for the rule modules (one definition, in toolkit.model)
from toolkit.model.records import filled  # noqa: F401
from toolkit.model.settings import Settings
from toolkit.model.severity import ERROR, SEVERITIES, WARNING  # noqa: F401
from toolkit.model.times import earliest, hours, latest, show_time, surely_after  # noqa: F401

RECORD, WORKBOOK = "record", "workbook"


class Hit(NamedTuple):
    """What a rule found: the field (cell) it points at, which message, and its values.

    A tuple, made cheaply: a register where every row is broken makes one per finding."""

    field: str
    message: str = "default"
    params: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class RuleContext:
    as_of: datetime
    settings: Settings
    columns: frozenset[str]  # the fields this register has columns for
    region: str = "mainland"  # whose numbering plan and money the register's values follow (toolkit.model.regions)

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
        return pick(self.checks, lang)

    def message(self, key: str, lang: str, params: dict[str, Any]) -> str:
        return pick(self.messages[key], lang).format(**params)


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


_MODULE_ORDER = ("toolkit.rules.work_orders", "toolkit.rules.complaints", "toolkit.rules.calls", "toolkit.rules.common")


def all_rules() -> list[Rule]:
    """Every rule, kind by kind, each kind's own rules before the shared ones: the same order
    whichever module happened to be imported first."""
    from toolkit.registers.fields import RECORD_KINDS

    _load()
    position = {key: i for i, key in enumerate(CATALOG)}

    def order(item):
        (kind, _), r = item
        module = r.check.__module__
        rank = _MODULE_ORDER.index(module) if module in _MODULE_ORDER else len(_MODULE_ORDER)
        return (RECORD_KINDS.index(kind), rank, position[(kind, r.id)])

    return [r for _, r in sorted(CATALOG.items(), key=order)]


def rule_ids() -> set[str]:
    _load()
    return {rid for _, rid in CATALOG}


def _load() -> None:
    # The rule modules register themselves on import.
    from toolkit.rules import calls, common, complaints, work_orders  # noqa: F401
