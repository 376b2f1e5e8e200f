"""Run the catalog over registers and turn hits into findings."""

from __future__ import annotations

import os
from collections import defaultdict
from datetime import datetime
from functools import lru_cache
from itertools import compress, repeat

from toolkit.config import Config
from toolkit.findings import Finding
from toolkit.i18n import pick
from toolkit.registers.fields import FIELDS, RECORD_NUMBER
from toolkit.registers.records import RECORD_TYPES, Register
from toolkit.rules.catalog import RECORD, WORKBOOK, Hit, Rule, RuleContext, all_rules, rules_for
from toolkit.rules.screens import Columns


def _label(reg: Register, name: str, lang: str) -> str:
    col = reg.columns.fields.get(name)
    if col is not None:
        return col.header.split(" / ")[-1].replace("\n", "")
    return FIELDS[reg.kind][name].label(lang)


class _Emitter:
    """Hits → findings. What every hit of one rule at one column shares (cell letter, header,
    label, severity, message template, and the message itself when it has no values) is
    worked out once: a broken register emits hundreds of thousands of findings."""

    def __init__(self, config: Config, lang: str, registers: list[Register], kind: type = Finding):
        self.config, self.lang = config, lang
        self.findings: list[Finding] = []
        # a sort key per finding, made as it is emitted: sheet, row, column, rule packed in an int
        self.keys: list[int] = []
        self._sheet_rank = {id(reg): i for i, reg in enumerate(registers)}
        self._shared: dict[tuple, tuple] = {}
        self._kind = kind  # Finding, or plain tuple in the forked child (they cross a pipe)

    def emit(self, reg: Register, record, rule: Rule, hit: Hit) -> None:
        self.emit_all(reg, rule, ((record, (hit,)),))

    def emit_all(self, reg: Register, rule: Rule, found) -> None:
        """Findings for ``found``: (record, its hits) pairs of one rule in one register."""
        shared_by_hit: dict[tuple, tuple] = {}
        append, add_key, path, sheet, rule_id = self.findings.append, self.keys.append, reg.path, reg.sheet, rule.id
        kind, sheet_key = self._kind, self._sheet_rank[id(reg)] << _ROW_SHIFT
        last = None  # the (field, message) of the hit before: a rule's hits mostly share it
        for record, hits in found:
            row = record.row
            row_key = (sheet_key | row) << _CELL_SHIFT
            for field, message, params in hits:
                if last is None or field is not last[0] or message is not last[1]:
                    last = (field, message)
                    shared = shared_by_hit.get(last)
                    if shared is None:
                        shared = shared_by_hit[last] = self._shared_for(reg, rule, field, message)
                    letter, header, label, severity, number_at, template, fixed, cell_key, labelled = shared
                if not params:
                    text = fixed if fixed is not None else template.format_map({"label": label})
                elif "label" in params:  # the rule names the field itself (time-order)
                    text = template.format_map({"label": label, **params})
                else:
                    text = labelled.format_map(params)
                append(_new_finding(kind, (path, sheet, row, f"{letter}{row}" if letter else None, header,
                                           field, record[number_at], rule_id, severity, text)))
                add_key(row_key | cell_key)

    def in_order(self) -> list[Finding]:
        """The findings sheet by sheet, row by row, column by column, then by rule ID."""
        findings, keys = self.findings, self.keys
        return [findings[i] for i in sorted(range(len(findings)), key=keys.__getitem__)]

    def _shared_for(self, reg: Register, rule: Rule, field: str, message: str) -> tuple:
        key = (id(reg), rule.id, field, message)
        shared = self._shared.get(key)
        if shared is None:
            shared = self._shared[key] = self._share(reg, rule, field, message)
        return shared

    def _share(self, reg: Register, rule: Rule, field: str, message: str) -> tuple:
        col = reg.columns.fields.get(field)
        label = _label(reg, field, self.lang)
        template = pick(rule.messages[message], self.lang)
        try:
            fixed = template.format(label=label)
        except (KeyError, IndexError):
            fixed = None  # the message needs values this hit did not bring
        cell_key = ((col.index + 1 if col else 0) << _RULE_BITS) | _rule_rank(rule.id)
        # the template with the label written in, so a hit's own values fill it without a merge
        labelled = template.replace("{label}", label.replace("{", "{{").replace("}", "}}"))
        number_at = RECORD_TYPES[reg.kind]._fields.index(RECORD_NUMBER[reg.kind])  # the form number's place
        return (col.letter if col else None, col.header if col else None, label,
                self.config.severity(rule.id, rule.severity), number_at, template, fixed, cell_key, labelled)


# Sort keys: | sheet | row (32 bits) | column (15 bits: Excel has 16,384) | rule (7 bits) |
_RULE_BITS = 7
_CELL_SHIFT = 15 + _RULE_BITS
_ROW_SHIFT = 32  # rows: Excel stops at 2**20; room to spare, Python ints do not overflow


@lru_cache(maxsize=None)
def _rule_rank(rule_id: str) -> int:
    """Rules at the same cell come in the order of their IDs."""
    ranks = sorted({r.id for r in all_rules()})
    assert len(ranks) < 1 << _RULE_BITS
    return ranks.index(rule_id)


_new_finding = tuple.__new__  # a Finding without NamedTuple's keyword handling: same tuple, faster


SPLIT_AT = 20_000  # records; below this a second process costs more than it saves


def check_registers(registers: list[Register], as_of: datetime, config: Config, lang: str, *,
                    use_second_core: bool = False) -> tuple[list[Finding], dict[int, dict[str, list[str]]]]:
    """All findings for the registers of one workbook, and per register the rules not run.

    Workbook-wide rules (duplicate and missing form numbers) see every sheet of a kind
    together: a month's sheet does not reuse the numbers of the month before. With
    ``use_second_core`` a large workbook's record rules run half in a forked child, which
    sends back only its findings (the records are shared, not copied).
    """
    out = _Emitter(config, lang, registers)
    not_run: dict[int, dict[str, list[str]]] = defaultdict(dict)
    by_kind: dict[str, list[Register]] = defaultdict(list)
    plans: list[tuple[Register, RuleContext, list]] = []
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
        plans.append((reg, RuleContext(as_of, config.settings, columns), active))

    workbook_checks = []
    for kind, regs in by_kind.items():
        for rule in rules_for(kind):
            if rule.scope != WORKBOOK or not config.rule_enabled(rule.id):
                continue
            usable = [r for r in regs if not rule.missing_columns(frozenset(r.columns.fields))]
            if usable:
                ctx = RuleContext(as_of, config.settings, frozenset().union(*(r.columns.fields for r in usable)))
                workbook_checks.append((rule, usable, ctx))

    total = sum(len(reg.records) for reg in registers)
    # The child takes the workbook-wide rules and two fifths of the records: about half the work
    # (this process also takes the child's findings back).
    child = _fork_share(registers, plans, workbook_checks, config, lang) if use_second_core and total >= SPLIT_AT else None
    for reg, ctx, checks in plans:
        _run_record_rules(reg, 0, _split(reg.records) if child else len(reg.records), ctx, checks, out)
    if child:
        findings, keys = _collect(child)
        out.findings.extend(map(_new_finding, repeat(Finding, len(findings)), findings))
        out.keys.extend(keys)
    else:
        _run_workbook_rules(workbook_checks, out.emit)
    return out.in_order(), not_run


def _split(records) -> int:
    return (len(records) * 3) // 5


def _run_workbook_rules(workbook_checks, emit) -> None:
    for rule, usable, ctx in workbook_checks:
        for reg, record, hit in rule.check(usable, ctx):
            emit(reg, record, rule, hit)


_BLOCK = 2048  # records checked rule by rule at a time: a block stays in the CPU cache for all rules


def _run_record_rules(reg, start: int, stop: int, ctx, rules, out: _Emitter) -> None:
    """The record rules over ``reg.records[start:stop]``. A screened rule runs on the records its
    screen names; the others rule by rule over blocks of records: map() calls the rule from C,
    and compress() finds the few records with hits, so the usual clean record costs no Python
    loop step per rule. (Findings are sorted by cell afterwards: the order they are found in
    does not show.)"""
    records = reg.records
    unscreened = []
    columns = Columns(reg, start, stop)
    for rule in rules:
        if rule.screen is None:
            unscreened.append(rule)
            continue
        positions = rule.screen(columns, ctx)
        if positions:
            _check(reg, rule, [records[start + i] for i in positions], ctx, out)
    if not unscreened:
        return
    for first in range(start, stop, _BLOCK):
        block = records[first:min(first + _BLOCK, stop)]
        for rule in unscreened:
            _check(reg, rule, block, ctx, out)


def _check(reg, rule, records: list, ctx, out: _Emitter) -> None:
    results = list(map(rule.check, records, repeat(ctx, len(records))))
    if any(results):
        out.emit_all(reg, rule, ((records[i], results[i]) for i in compress(range(len(records)), results)))


def _fork_share(registers, plans, workbook_checks, config, lang):
    """Run the child's share in a forked process (POSIX only); it sends back only findings."""
    if not hasattr(os, "fork"):
        return None
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    parent_end, child_end = ctx.Pipe(duplex=False)

    def work():
        mine = _Emitter(config, lang, registers, kind=tuple)
        for reg, rctx, checks in plans:
            _run_record_rules(reg, _split(reg.records), len(reg.records), rctx, checks, mine)
        _run_workbook_rules(workbook_checks, mine.emit)
        child_end.send((mine.findings, mine.keys))
        child_end.close()

    proc = ctx.Process(target=work, daemon=True)
    proc.start()
    child_end.close()
    return proc, parent_end


def _collect(child) -> tuple[list[tuple], list[int]]:
    proc, conn = child
    try:
        return conn.recv()
    except EOFError:
        raise RuntimeError(f"rule worker exited with code {proc.exitcode}") from None
    finally:
        conn.close()
        proc.join()
