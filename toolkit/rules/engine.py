"""Run the catalog over registers and turn hits into findings."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from toolkit.config import Config
from toolkit.findings import Finding
from toolkit.i18n import pick
from toolkit.model.people import person_name
from toolkit.registers.fields import READ_FIELDS, RECORD_NUMBER
from toolkit.registers.records import RECORD_TYPES, Register
from toolkit.rules.catalog import RECORD, WORKBOOK, Hit, Rule, RuleContext, rules_for


def _label(reg: Register, name: str, lang: str) -> str:
    col = reg.columns.fields.get(name)
    if col is not None:
        return col.header.split(" / ")[-1].replace("\n", "")
    return READ_FIELDS[reg.kind][name].label(lang)


class _Emitter:
    """Hits → findings. What every hit of one rule at one column shares (cell letter, header,
    label, severity, message template, and the message itself when it has no values) is
    worked out once: a broken register emits hundreds of thousands of findings."""

    def __init__(self, config: Config, lang: str, registers: list[Register]):
        self.config, self.lang = config, lang
        self.findings: list[Finding] = []
        self.keys: list[tuple] = []  # each finding's place: sheet, row, column, rule ID
        # a call log's kinds of call share their sheet's rank: its findings come row by row
        sheets: dict[tuple[str, str], int] = {}
        self._sheet_rank = {id(reg): sheets.setdefault((reg.path, reg.sheet), len(sheets)) for reg in registers}
        self._shared: dict[tuple, _Shared] = {}

    def emit(self, reg: Register, record, rule: Rule, hit: Hit) -> None:
        self.emit_all(reg, rule, ((record, (hit,)),))

    def emit_all(self, reg: Register, rule: Rule, found) -> None:
        """Findings for ``found``: (record, its hits) pairs of one rule in one register."""
        # looked up once here, not once per finding: a broken register has hundreds of thousands
        add_finding, add_key = self.findings.append, self.keys.append
        path, sheet, rule_id, sheet_rank = reg.path, reg.sheet, rule.id, self._sheet_rank[id(reg)]
        shared = None  # what the hit before had: a rule's hits mostly share it
        name = person_name
        for record, hits in found:
            row = record.row
            for field, message, params in hits:
                if shared is None or field != shared.field or message != shared.message:
                    shared = self._shared_for(reg, rule, field, message)
                if not params:
                    text = shared.fixed if shared.fixed is not None else shared.template.format_map({"label": shared.label})
                elif "label" in params:  # the rule names the field itself (time-order)
                    text = shared.template.format_map({"label": shared.label, **params})
                else:
                    text = shared.labelled.format_map(params)
                at = shared.person_at
                if shared.handed_over:  # 首问责任制: the owner once named, the first handler until then
                    owner = name(record[at[1]]) if at[1] is not None else None
                    person, role = ((owner,), shared.roles[1:]) if owner is not None else \
                        ((name(record[at[0]]) if at[0] is not None else None,), shared.roles[:1])
                elif len(at) == 1:
                    person, role = (name(record[at[0]]) if at[0] is not None else None,), shared.roles
                else:
                    person, role = tuple(name(record[i]) if i is not None else None for i in at), shared.roles
                add_finding(Finding(path, sheet, row, f"{shared.letter}{row}" if shared.letter else None, shared.header,
                                    field, record[shared.number_at], rule_id, shared.severity, text, person, role))
                add_key((sheet_rank, row, shared.column_number, rule_id))

    def in_order(self) -> list[Finding]:
        """The findings sheet by sheet, row by row, column by column, then by rule ID."""
        findings, keys = self.findings, self.keys
        return [findings[i] for i in sorted(range(len(findings)), key=keys.__getitem__)]

    def _shared_for(self, reg: Register, rule: Rule, field: str, message: str) -> _Shared:
        key = (id(reg), rule.id, field, message)
        shared = self._shared.get(key)
        if shared is None:
            shared = self._shared[key] = self._share(reg, rule, field, message)
        return shared

    def _share(self, reg: Register, rule: Rule, field: str, message: str) -> _Shared:
        col = reg.columns.fields.get(field)
        label = _label(reg, field, self.lang)
        template = pick(rule.messages[message], self.lang)
        fields = RECORD_TYPES[reg.kind]._fields
        roles = rule.responsible.roles_for(field)
        person_at = tuple(fields.index(r.field) if r.field in fields else None for r in roles)
        try:
            fixed = template.format(label=label)
        except (KeyError, IndexError):
            fixed = None  # the message needs values this hit did not bring
        return _Shared(
            field, message, col.letter if col else None, col.header if col else None, label,
            self.config.severity(rule.id, rule.severity),
            RECORD_TYPES[reg.kind]._fields.index(RECORD_NUMBER[reg.kind]), template, fixed,
            # the template with the label written in, so a hit's own values fill it without a merge
            template.replace("{label}", label.replace("{", "{{").replace("}", "}}")),
            col.index + 1 if col else 0, tuple(r.id for r in roles), person_at, rule.responsible.handed_over)


@dataclass(frozen=True, slots=True)
class _Shared:
    """What the findings of one rule at one column of one register have in common."""

    field: str
    message: str
    letter: str | None
    header: str | None
    label: str
    severity: str
    number_at: int  # the place of the form number in the record
    template: str
    fixed: str | None  # the whole message, when it needs no values of the hit
    labelled: str
    column_number: int  # 1 for column A; 0 for a field the register has no column for
    roles: tuple[str, ...]  # who answers for these findings (the rule's Responsible, for this field)
    person_at: tuple[int | None, ...]  # where each role's person is in the record (None: not a field of the kind)
    handed_over: bool  # roles are (first handler, owner): one of them answers, by the record


def check_registers(registers: list[Register], as_of: datetime, config: Config, lang: str,
                    ) -> tuple[list[Finding], dict[int, dict[str, list[str]]]]:
    """All findings for the registers of one workbook, and per register the rules not run.

    Workbook-wide rules (duplicate and missing form numbers) see every sheet of a kind
    together: a month's sheet does not reuse the numbers of the month before.
    """
    out = _Emitter(config, lang, registers)
    not_run: dict[int, dict[str, list[str]]] = defaultdict(dict)
    by_kind: dict[str, list[Register]] = defaultdict(list)
    for reg in registers:
        by_kind[reg.kind].append(reg)
        columns = frozenset(reg.columns.fields)
        active = []
        for rule in rules_for(reg.kind):
            if not config.rule_enabled(rule.id):
                continue
            missing = rule.missing_columns(columns)
            if missing:
                not_run[id(reg)][rule.id] = list(missing)
            elif rule.scope == RECORD:
                active.append(rule)
        _run_record_rules(reg, RuleContext(as_of, config.settings, columns, reg.region), active, out)

    for kind, regs in by_kind.items():
        for rule in rules_for(kind):
            if rule.scope != WORKBOOK or not config.rule_enabled(rule.id):
                continue
            usable = [r for r in regs if not rule.missing_columns(frozenset(r.columns.fields))]
            if usable:
                ctx = RuleContext(as_of, config.settings, frozenset().union(*(r.columns.fields for r in usable)))
                for reg, record, hit in rule.check(usable, ctx):
                    out.emit(reg, record, rule, hit)
    return out.in_order(), not_run


def _run_record_rules(reg: Register, ctx: RuleContext, rules: list[Rule], out: _Emitter) -> None:
    """Each record rule over every record. (Findings are sorted by cell afterwards: the order
    they are found in does not show.)"""
    for rule in rules:
        found = [(record, hits) for record in reg.records if (hits := rule.check(record, ctx))]
        if found:
            out.emit_all(reg, rule, found)
