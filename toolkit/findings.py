"""Findings and the report built from them: what every output (text, JSON, CSV, annotated copy) shows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from toolkit.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK
from toolkit.model.settings import Settings
from toolkit.model.severity import ERROR, WARNING


class Finding(NamedTuple):
    """One broken rule at one cell. A tuple: a register where every row is broken makes
    hundreds of thousands of these."""

    path: str
    sheet: str
    row: int | None  # the Excel row number the clerk sees
    cell: str | None  # "F7"
    column: str | None  # the header as written in the register
    field: str | None  # canonical field name
    record: str | None  # the order or complaint number
    rule: str
    severity: str
    message: str
    # who must fix it (分清责任): one entry per role, in order (a missing customer signature is the
    # return signer's and the repairer's); a person is None where the register names nobody
    person: tuple[str | None, ...] = ()
    role: tuple[str, ...] = ()  # role IDs: issuer, engineering, repairer, return_signer, finance …

    def as_dict(self, responsible: bool = True) -> dict:
        """The finding as JSON has it, who must fix it (person, role) last; without them, the keys
        reports had before."""
        return dict(zip(self._fields, self if responsible else self[:_RESPONSIBLE_AT]))


_RESPONSIBLE_AT = Finding._fields.index("person")


@dataclass(frozen=True, slots=True)
class CallLogReport:
    """How a call-log sheet was split into kinds of call (报修 / 投诉 / other calls)."""

    type_column: str  # its letter
    type_header: str
    rows: dict[str, int]  # kind → records of that kind
    guessed: list[int]  # rows with no kind written (or an unknown word): judged by what they hold
    unknown_words: list[str]

    def as_dict(self) -> dict:
        return {"type_column": self.type_column, "type_header": self.type_header, "rows": self.rows,
                "guessed_rows": self.guessed, "unknown_words": self.unknown_words}


@dataclass(slots=True)
class SheetReport:
    name: str
    kind: str | None = None  # work_orders, complaints, or None when not a register
    header_row: int | None = None
    records: int = 0
    skipped_rows: list = field(default_factory=list)
    hidden: bool = False
    skipped_reason: str | None = None  # why the sheet is not a register
    error: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # field → column letter
    unmapped_columns: list[str] = field(default_factory=list)  # headers no field took
    hidden_rows: list[int] = field(default_factory=list)  # data rows hidden in Excel (checked)
    rules_not_run: dict[str, list[str]] = field(default_factory=dict)  # rule → missing fields
    call_log: CallLogReport | None = None  # the sheet is a call log: this report is one kind of its calls
    guesses: list[str] = field(default_factory=list)  # what reading it decided on weak evidence, in words
    # the region the values were read by, where it came from and what the guess went by (None:
    # a mainland register read as always)
    region: dict | None = None

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "header_row": self.header_row,
            "records": self.records,
            "skipped_rows": [{"row": s.row, "reason": s.reason} for s in self.skipped_rows],
            "hidden": self.hidden,
            "hidden_rows": self.hidden_rows,
            "skipped": self.skipped_reason,
            "error": self.error,
            "columns": self.columns,
            "unmapped_columns": self.unmapped_columns,
            "rules_not_run": self.rules_not_run,
            **({"call_log": self.call_log.as_dict()} if self.call_log else {}),
            **({"guesses": self.guesses} if self.guesses else {}),
            "region": self.region,
        }


@dataclass(slots=True)
class FileReport:
    path: str
    error: str | None = None
    sheets: list[SheetReport] = field(default_factory=list)
    open_in_excel_by: str | None = None  # who has it open in Excel ("" when the lock file names nobody)

    @property
    def registers(self) -> list[SheetReport]:
        return [s for s in self.sheets if s.kind is not None]

    @property
    def unusable(self) -> bool:
        return self.error is not None or any(s.error for s in self.sheets)

    def as_dict(self) -> dict:
        notes = [f"open_in_excel:{self.open_in_excel_by}"] if self.open_in_excel_by is not None else []
        return {"path": self.path, "error": self.error, "notes": notes,
                "sheets": [s.as_dict() for s in self.sheets]}


@dataclass(slots=True)
class Report:
    as_of: datetime
    lang: str
    files: list[FileReport] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    skipped_files: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): the toolkit's own outputs in folders
    settings: Settings | None = None  # the thresholds the rules ran with: what the outputs say a rule checks

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == WARNING)

    @property
    def records(self) -> int:
        return sum(s.records for f in self.files for s in f.sheets)

    @property
    def unusable_files(self) -> list[FileReport]:
        return [f for f in self.files if f.unusable]

    def summary(self) -> dict:
        by_rule = Counter(f.rule for f in self.findings)
        return {
            "files": len(self.files),
            # a call log split into kinds of call is one register; two tables on one sheet are two
            "registers": sum(len({(s.name, s.header_row) for s in f.registers}) for f in self.files),
            "records": self.records,
            "errors": self.errors,
            "warnings": self.warnings,
            "unusable_files": len(self.unusable_files),
            "by_rule": dict(sorted(by_rule.items())),
        }

    def exit_code(self) -> int:
        """2 when a file or sheet could not be used, else 1 when errors were found, else 0."""
        if self.unusable_files:
            return EXIT_INPUT
        return EXIT_FINDINGS if self.errors else EXIT_OK

    def as_dict(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(timespec="minutes"),
            "files": [f.as_dict() for f in self.files],
            "findings": [f.as_dict() for f in self.findings],
            "summary": self.summary(),
        }
