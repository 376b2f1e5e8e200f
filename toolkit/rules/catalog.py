"""The rule catalog: each rule a small pure function registered with a stable ID.

A rule says which register kind it checks, its default severity, the columns it needs,
the seed rule it comes from, what it checks and its messages in both languages. The
``toolkit rules`` listing and the README's rule table are generated from this catalog.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
import string
from dataclasses import dataclass, field, fields
from datetime import datetime
from types import MappingProxyType
from typing import Any, NamedTuple

from toolkit.i18n import pick, rule_label, t
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
    what: tuple[str, str]  # (zh, en): what it checks, one sentence; {delay_hours}: a threshold's value
    messages: dict[str, tuple[str, str]]
    check: Callable[..., Iterable]
    names: tuple[str, str]  # (zh, en): its short name where a person reads it (代签, proxy signature)
    needs: tuple[str, ...] = ()  # every one of these columns
    needs_any: tuple[str, ...] = ()  # at least one of these columns
    scope: str = RECORD
    # who answers for its findings (分清责任, 001 三.11–13): filled from RESPONSIBLE below
    responsible: Responsible | None = None

    def __post_init__(self):
        if self.responsible is None:
            object.__setattr__(self, "responsible", responsible_for(self.kind, self.id))

    def missing_columns(self, columns: frozenset[str]) -> tuple[str, ...]:
        """The columns whose absence keeps this rule from running (empty: it runs)."""
        missing = tuple(f for f in self.needs if f not in columns)
        if self.needs_any and not any(f in columns for f in self.needs_any):
            missing += self.needs_any
        return missing

    def describe(self, lang: str, settings: Settings | None = None) -> str:
        """What it checks, with the thresholds in force ("超过 24 小时"); without ``settings``, the
        generic form the README's table shows: each threshold's setting with its default."""
        text = pick(self.what, lang)
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        if not names:
            return text
        if settings is not None:
            return text.format(**{name: _show(getattr(settings, name)) for name in names})
        return text.format(**{name: t("rules.setting_default", lang, name=name, value=_show(_DEFAULTS[name]))
                              for name in names})

    @property
    def checks(self) -> tuple[str, str]:
        """What it checks in both languages, with the default thresholds."""
        return self.describe("zh", _DEFAULT_SETTINGS), self.describe("en", _DEFAULT_SETTINGS)

    def name(self, lang: str) -> str:
        return pick(self.names, lang)

    def label(self, lang: str) -> str:
        """How a person sees it named: the ID, with its name beside it where the ID is not in their words."""
        return rule_label(self.id, self.names, lang)

    def message(self, key: str, lang: str, params: dict[str, Any]) -> str:
        return pick(self.messages[key], lang).format(**params)


def _show(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


_DEFAULTS = {f.name: f.default for f in fields(Settings) if f.init}
_DEFAULT_SETTINGS = Settings()

CATALOG: dict[tuple[str, str], Rule] = {}


def rule(rule_id: str, *, name: tuple[str, str], kind: str, severity: str, source: str, checks: tuple[str, str],
         messages: dict[str, tuple[str, str]], needs=(), needs_any=(), scope: str = RECORD):
    """Register the decorated function in the catalog under (kind, rule_id)."""
    def register(fn):
        key = (kind, rule_id)
        if key in CATALOG:
            raise ValueError(f"rule {rule_id} for {kind} registered twice")
        CATALOG[key] = Rule(rule_id, kind, severity, source, checks, messages, fn, name, tuple(needs),
                            tuple(needs_any), scope)
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


def rule_labels(lang: str) -> dict[str, str]:
    """Each rule ID as a person reads it in ``lang`` (one name per ID, whatever the kind)."""
    _load()
    return {rid: r.label(lang) for (_, rid), r in CATALOG.items()}


def rule_names(lang: str) -> dict[str, str]:
    """Each rule ID's short name in ``lang``."""
    _load()
    return {rid: r.name(lang) for (_, rid), r in CATALOG.items()}


def _load() -> None:
    # The rule modules register themselves on import.
    from toolkit.rules import calls, common, complaints, work_orders  # noqa: F401


# ---- who answers for a finding (分清责任, seed 001 三.11–13) ------------------------------------
class Role(NamedTuple):
    """A role that answers for a finding, and the field of the record naming its person (None:
    registers never name one)."""

    id: str
    field: str | None


ISSUER = Role("issuer", "issued_by")  # 发工作单的人员 (三.12): the issue-time cells
ENGINEERING = Role("engineering", "accepted_by")  # 工程部接单 (三.5): its sign-in
REPAIRER = Role("repairer", "repairer_signature")  # the repair and the customer's signature on site (三.14)
RETURN_SIGNER = Role("return_signer", "return_signer")  # 签收返单的人员 (三.13): the returned order's cells
FINANCE = Role("finance", "finance_receipt")  # 财务部签收 (三.15)
CUSTOMER_SERVICE = Role("customer_service", None)  # the return visit: no register names who called
FIRST_HANDLER = Role("first_handler", "first_handler")  # 首问责任人
OWNER = Role("owner", "owner")  # 责任人, once the complaint is handed over
TAKER = Role("taker", "taker")  # who took a call of a call log
ROLES = (ISSUER, ENGINEERING, REPAIRER, RETURN_SIGNER, FINANCE, CUSTOMER_SERVICE, FIRST_HANDLER, OWNER, TAKER)


@dataclass(frozen=True)
class Responsible:
    """Who answers for a rule's findings: the roles, in order, for any cell (``roles``) or for a
    cell of one field (``by_field``). ``handed_over``: the roles are (first, then): the later
    answers once the record names its person, the first until then (首问责任制)."""

    roles: tuple[Role, ...] = ()
    by_field: Mapping[str, tuple[Role, ...]] = field(default_factory=dict)
    handed_over: bool = False

    def roles_for(self, field: str | None) -> tuple[Role, ...]:
        return self.by_field.get(field, self.roles) if field is not None else self.roles


_ISSUE_TIME = ("order_no", "received_at", "dispatched_at", "location", "content", "customer_name", "customer_phone",
               "paid", "issued_by", "status", "remarks")
_RETURN = ("fee", "delay_reason", "incomplete_reason", "returned_at", "return_signer", "special_approval")
# A work order's cells and who answers for each (三.12: the issuer; 三.13: the return signer, and
# the repairer for the signatures and reasons the repair leaves; 三.5: engineering; 三.15: finance).
_WORK_ORDER_CELLS = MappingProxyType({
    **{f: (ISSUER,) for f in _ISSUE_TIME},
    **{f: (RETURN_SIGNER,) for f in _RETURN},
    "delay_reason": (RETURN_SIGNER, REPAIRER), "incomplete_reason": (RETURN_SIGNER, REPAIRER),
    "accepted_at": (ENGINEERING,), "accepted_by": (ENGINEERING,),
    "completed_at": (REPAIRER,),
    # 三.6–7: the return is refused without them (the signer's) and the repairer gets them on site
    "repairer_signature": (RETURN_SIGNER, REPAIRER), "customer_signature": (RETURN_SIGNER, REPAIRER),
    "finance_receipt": (FINANCE,),
    "visit_at": (CUSTOMER_SERVICE,), "visit_result": (CUSTOMER_SERVICE,),
})
_COMPLAINT = Responsible((FIRST_HANDLER, OWNER), handed_over=True)

# Per rule, where it differs from the cell's own: the rule's point decides whose it is.
RESPONSIBLE: dict[tuple[str, str], Responsible] = {
    # 三.12 names the engineering sign-in time among what the issuer checks; engineering writes it (三.5)
    ("work_orders", "missing-time"): Responsible((ISSUER,), MappingProxyType({
        **_WORK_ORDER_CELLS, "accepted_at": (ENGINEERING, ISSUER)})),
    ("work_orders", "slow-handoff"): Responsible((ENGINEERING, ISSUER)),  # 三.2: handed over, signed for
    ("work_orders", "not-completed"): Responsible((RETURN_SIGNER, REPAIRER)),  # 三.8: not to be taken back
    # the repairer's own name written as the customer's: the repairer signed for the customer
    ("work_orders", "proxy-signature"): Responsible((RETURN_SIGNER,), MappingProxyType({
        "return_signer": (RETURN_SIGNER,), "customer_signature": (REPAIRER, RETURN_SIGNER)})),
    ("work_orders", "finance-unreceipted"): Responsible((FINANCE,)),
}


def responsible_for(kind: str, rule_id: str) -> Responsible:
    """Who answers for the findings of a rule: its own entry, else by the cell (work orders), the
    handler (complaints), the taker (calls)."""
    if (kind, rule_id) in RESPONSIBLE:
        return RESPONSIBLE[(kind, rule_id)]
    if kind == "work_orders":
        return Responsible((ISSUER,), _WORK_ORDER_CELLS)
    if kind == "complaints":
        return _COMPLAINT
    return Responsible((TAKER,))
