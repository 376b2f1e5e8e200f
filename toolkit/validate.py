"""The library of `toolkit validate`, `weekly` and `remind`: paths in, data out (no printing,
no exit, no store, no mail).

- ``read_registers(paths, ...)``: every register read, typed, with a report of each file;
- ``check(registers, config, as_of, lang)``: the findings of the rules over those registers;
- ``validate(paths, ...)``: the two together, file by file, as the Report every output shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby
from pathlib import Path

from toolkit.config import Config
from toolkit.errors import InputError
from toolkit.findings import CallLogReport, FileReport, Finding, Report, SheetReport
from toolkit.i18n import has_text, join, t
from toolkit.registers.discover import content_digest, discover, open_in_excel_by
from toolkit.registers.fields import READ_FIELDS, SYSTEM_NUMBERS
from toolkit.registers.reader import read_workbook, warm_up
from toolkit.registers.records import Register
from toolkit.rules.catalog import all_rules
from toolkit.rules.engine import check_registers


@dataclass(frozen=True)
class Registers:
    """What ``read_registers`` found: a report of each file given (in order, the unusable ones
    too), the typed registers read from them, and the files of the toolkit's own left aside."""

    files: list[FileReport] = field(default_factory=list)
    registers: list[Register] = field(default_factory=list)
    skipped_files: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    @property
    def unusable_files(self) -> list[FileReport]:
        return [f for f in self.files if f.unusable]


def read_file(path: Path, as_of: datetime, config: Config, lang: str, *, overlap: bool = False,
              ) -> tuple[FileReport, list[tuple[Register, SheetReport]]]:
    """Read one workbook: its report, and each register beside its sheet's report. Never raises
    for bad input."""
    report = FileReport(str(path))
    try:
        workbook = read_workbook(path, as_of, config.columns, overlap=overlap, region=config.region)
    except InputError as exc:
        report.error = exc.render(lang, with_path=False)
        return report, []
    read: list[tuple[Register, SheetReport]] = []
    for sheet in workbook.sheets:
        error = sheet.error.render(lang, with_path=False) if sheet.error else None
        if not sheet.registers:
            report.sheets.append(SheetReport(sheet.name, hidden=sheet.hidden, skipped_reason=sheet.skipped_reason,
                                             error=error))
        for reg in sheet.registers:  # a call log gives one report per kind of call
            sr = _sheet_report(sheet.name, sheet.hidden, reg, lang)
            read.append((reg, sr))
            report.sheets.append(sr)
    if not workbook.registers and not any(s.error for s in report.sheets):
        report.error = _no_register(report.sheets, lang)
    return report, read


def _sheet_report(name: str, hidden: bool, reg: Register, lang: str) -> SheetReport:
    """What a register's sheet report says of how it was read."""
    times, parts = reg.columns.time_columns, reg.columns.part_columns
    log = reg.call_log
    return SheetReport(
        name, kind=reg.kind, hidden=hidden, header_row=reg.columns.header_row, records=len(reg.records),
        skipped_rows=reg.skipped_rows, hidden_rows=reg.hidden_rows,
        columns={field: "+".join(c.letter for c in sorted([col, *parts.get(field, ())], key=lambda c: c.index))
                 + (f"+{times[field].letter}" if field in times else "")
                 for field, col in reg.columns.fields.items() if field != "seq"},
        unmapped_columns=[f"{c.letter}: {c.header}" for c in reg.columns.unmapped],
        call_log=None if log is None else CallLogReport(
            log.type_column.letter, log.type_column.header, dict(log.rows), list(log.guessed), list(log.unknown_words)),
        guesses=_guesses(reg, lang),
        region=reg.region_guess.as_dict() if reg.region_guess.worth_saying else None)


def _guesses(reg: Register, lang: str) -> list[str]:
    """What was decided on weak evidence in reading this register, one line each, in words."""
    labels = READ_FIELDS[reg.kind]
    lines = []
    weak = reg.columns.weak
    if weak:
        items = [t("guess.column", lang, letter=reg.columns.fields[name].letter,
                   header=reg.columns.fields[name].header.split(" / ")[-1].strip(), field=labels[name].label(lang),
                   how=t("guess.how." + how, lang))
                 for name, how in sorted(weak.items(), key=lambda kv: reg.columns.fields[kv[0]].index)
                 if name in reg.columns.fields and name in labels]
        if items:
            lines.append(t("guess.columns", lang, items=join(items, lang, "semicolon")))
    if reg.numbering == SYSTEM_NUMBERS:
        signs = [t("guess.sign." + sign, lang) for sign in reg.numbering_signs]
        lines.append(t("guess.system_numbers", lang, signs=join(signs, lang, "enumeration")))
    if reg.next_day:
        shown = [t("guess.row_field", lang, row=row, field=labels[name].label(lang)) for row, name in reg.next_day[:10]]
        lines.append(t("guess.next_day", lang, count=len(reg.next_day),
                       items=join(shown, lang, "enumeration") + ("…" if len(reg.next_day) > 10 else "")))
    return lines


def check_file(path: Path, as_of: datetime, config: Config, lang: str, *, overlap: bool = False,
               ) -> tuple[FileReport, list[Finding]]:
    """Read one workbook and check every register in it. Never raises for bad input."""
    report, read = read_file(path, as_of, config, lang, overlap=overlap)
    if not read:
        return report, []
    registers = [reg for reg, _ in read]
    findings, not_run = check_registers(registers, as_of, config, lang)
    for reg, sr in read:
        sr.rules_not_run = not_run.get(id(reg), {})
    return report, findings  # findings come in sheet, row, column, rule order


def check(registers: Iterable[Register], config: Config, as_of: datetime, lang: str) -> list[Finding]:
    """The findings of the enabled rules over ``registers``, workbook by workbook (a workbook's
    sheets of one kind are checked together: a month's sheet does not reuse another's numbers)."""
    findings: list[Finding] = []
    for _, same_file in groupby(registers, key=lambda reg: reg.path):
        found, _ = check_registers(list(same_file), as_of, config, lang)
        findings.extend(found)
    return findings


def _size(path: Path) -> int | None:
    """The size of a file worth comparing (a regular file the toolkit reads), else None."""
    from toolkit.registers.files import usable_size

    return usable_size(path)


def _failure(failure) -> InputError:
    """What became of a file whose reading gave no answer, in words."""
    if failure.reason == "timeout":
        return InputError("err.timeout", detail=failure.detail)
    if failure.reason == "killed":
        import signal

        number = int(failure.detail)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        if name == "SIGKILL":
            return InputError("err.worker_oom", signal=number)
        return InputError("err.worker_killed", signal=number, name=name)
    if failure.reason == "exited":
        return InputError("err.worker_exited", code=failure.detail)
    return InputError("err.crashed", detail=failure.detail)


def _no_register(sheets: list[SheetReport], lang: str) -> str:
    """Say what the workbook holds instead: "no register found (2 sheets without a register header, 1 chart sheet)"."""
    if not sheets:
        return InputError("err.no_register").render(lang, with_path=False)
    counts = Counter(s.skipped_reason for s in sheets)
    parts = [t(f"sheets.{reason}" if has_text(f"sheets.{reason}") else "sheets.other", lang, count=n)
             for reason, n in counts.items()]
    if counts.get("chartsheet") == len(sheets):
        parts = [t("sheets.only_charts", lang)]
    return InputError("err.no_register_sheets", sheets=join(parts, lang)).render(lang, with_path=False)


def validate(paths: list[str | Path], as_of: datetime, config: Config, lang: str, jobs: int | None = None,
             progress: Callable[[int, int], None] | None = None) -> Report:
    """Check every register under ``paths``: the report of each file and the findings.

    Several files are read and checked in worker processes (``jobs``, default: the core count),
    each bounded in time and memory, and only their reports and findings come back; a single
    file is read in this process.
    """
    from toolkit.parallel import gc_paused

    with gc_paused():
        report = Report(as_of, lang, settings=config.settings)
        for file_report, findings in _each_report(CheckOne(as_of, config, lang), paths, lang, jobs, progress,
                                                  report.skipped_files):
            report.files.append(file_report)
            report.findings.extend(findings)
        return report


def read_registers(paths: list[str | Path], as_of: datetime, config: Config, lang: str, *,
                   kinds: Collection[str] | None = None, jobs: int | None = None,
                   progress: Callable[[int, int], None] | None = None) -> Registers:
    """Read every register under ``paths`` into typed records, with a report of each file (no
    rule is run). ``kinds``: keep only the registers of these kinds (every file is still read
    whole and reported). Several files are read in worker processes, as by ``validate``, and
    their records come back from them."""
    from toolkit.parallel import gc_paused

    with gc_paused():
        found = Registers()
        one = ReadOne(as_of, config, lang, None if kinds is None else frozenset(kinds))
        for file_report, registers in _each_report(one, paths, lang, jobs, progress, found.skipped_files):
            found.files.append(file_report)
            found.registers.extend(registers)
        return found


def _each_report(one, paths, lang: str, jobs: int | None, progress, skipped_files: list):
    """(the file's report, what ``one`` brought back from it: findings or registers) for every
    workbook under ``paths`` in order; a file not read brings back nothing."""
    for slot, outcome in _each_file(one, paths, lang, jobs, progress, skipped_files):
        if isinstance(outcome, FileReport):
            yield outcome, ()
            continue
        file_report, brought = outcome
        file_report.open_in_excel_by = open_in_excel_by(slot)
        yield file_report, brought


@dataclass(frozen=True)
class CheckOne:
    """What a worker process does with one file for ``validate``. A module-level class, not a
    closure, so that it pickles: on Windows workers are spawned, not forked, and are handed
    their work by pickle."""

    as_of: datetime
    config: Config
    lang: str

    def __call__(self, path: Path, overlap: bool = False) -> tuple[FileReport, list[Finding]]:
        return check_file(path, self.as_of, self.config, self.lang, overlap=overlap)


@dataclass(frozen=True)
class ReadOne:
    """What a worker process does with one file for ``read_registers`` (pickled, as CheckOne)."""

    as_of: datetime
    config: Config
    lang: str
    kinds: frozenset[str] | None  # the registers to bring back (None: all)

    def __call__(self, path: Path, overlap: bool = False) -> tuple[FileReport, list[Register]]:
        report, read = read_file(path, self.as_of, self.config, self.lang, overlap=overlap)
        return report, [reg for reg, _ in read if self.kinds is None or reg.kind in self.kinds]


def _each_file(one, paths, lang: str, jobs: int | None, progress, skipped_files: list):
    """(path, what ``one`` made of it) for every workbook under ``paths`` in order, or (path, a
    FileReport saying why it was not read): a duplicate, a folder without workbooks, a reader
    that gave no answer. Fills ``skipped_files`` with the toolkit's own outputs left aside."""
    from toolkit.parallel import Failure, default_jobs, run_each

    todo: list[Path] = []
    digests: dict[str, str] = {}
    slots: list[FileReport | Path] = []
    skipped, empty = [], []
    candidates = discover(paths, skipped, empty)
    for folder in empty:  # the wrong folder, most likely: say so rather than report nothing
        slots.append(FileReport(str(folder), error=InputError("err.no_workbooks").render(lang, with_path=False)))
    skipped_files.extend(dict.fromkeys((str(s.path), s.reason) for s in skipped))
    # the same register given twice has the same size: only files that share a size are hashed
    sizes = {c.path: _size(c.path) for c in candidates}
    shared = Counter(size for size in sizes.values() if size is not None)
    for candidate in candidates:
        path = candidate.path
        digest = content_digest(path) if shared[sizes[path]] > 1 else None
        if digest and digest in digests:
            slots.append(FileReport(str(path), error=InputError("err.duplicate", other=digests[digest]).render(lang)))
            continue
        if digest:
            digests[digest] = str(path)
        slots.append(path)
        todo.append(path)

    jobs = default_jobs() if jobs is None else jobs
    if len(todo) <= 1:
        # one file: read here, its sheets loading in a thread when there are cores to spare (several
        # files are read in workers even one at a time: a file that kills its reader costs only itself)
        def guarded(p):
            from toolkit.registers.native import is_panic

            try:
                return one(p, overlap=jobs > 1)
            except BaseException as exc:  # a bug, or a panic of the engine, must not cost the report: say which file, go on
                if not (isinstance(exc, Exception) or is_panic(exc)):
                    raise
                return Failure("crashed", f"{type(exc).__name__}: {exc}"[:300])

        results = {}
        for done, path in enumerate(todo, 1):
            results[path] = guarded(path)
            if progress:
                progress(done, len(todo))
    else:
        warm_up()  # once here rather than once in every worker
        all_rules()
        results = dict(run_each(one, todo, jobs=jobs,
                                on_done=(lambda n: progress(n, len(todo))) if progress else None))
    for slot in slots:
        if isinstance(slot, FileReport):
            yield slot, slot
            continue
        outcome = results[slot]
        if isinstance(outcome, Failure):
            yield slot, FileReport(str(slot), error=_failure(outcome).render(lang, with_path=False))
            continue
        yield slot, outcome
