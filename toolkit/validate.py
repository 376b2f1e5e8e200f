"""`toolkit validate` as a library call: paths in, a Report out (no printing, no exit)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from toolkit.config import Config
from toolkit.errors import InputError
from toolkit.findings import FileReport, Finding, Report, SheetReport
from toolkit.registers.discover import content_digest, discover, open_in_excel_by
from toolkit.registers.reader import read_workbook, warm_up
from toolkit.registers.records import Register
from toolkit.rules.engine import check_registers


def check_file(path: Path, as_of: datetime, config: Config, lang: str, *, overlap: bool = False,
               ) -> tuple[FileReport, list[Finding], list[Register]]:
    """Read one workbook and check every register in it. Never raises for bad input. With
    ``overlap`` the next sheet loads in a thread while this one is read (when a core is free)."""
    report = FileReport(str(path))
    try:
        workbook = read_workbook(path, as_of, config.columns, overlap=overlap)
    except InputError as exc:
        report.error = exc.render(lang, with_path=False)
        return report, [], []
    findings, not_run = check_registers(workbook.registers, as_of, config, lang)
    for sheet in workbook.sheets:
        sr = SheetReport(sheet.name, hidden=sheet.hidden, skipped_reason=sheet.skipped_reason,
                         error=sheet.error.render(lang, with_path=False) if sheet.error else None)
        reg = sheet.register
        if reg is not None:
            sr.kind = reg.kind
            sr.header_row = reg.columns.header_row
            sr.records = len(reg.records)
            sr.skipped_rows = reg.skipped_rows
            times, parts = reg.columns.time_columns, reg.columns.part_columns
            sr.columns = {name: "+".join(c.letter for c in sorted([col, *parts.get(name, ())], key=lambda c: c.index))
                          + (f"+{times[name].letter}" if name in times else "")
                          for name, col in reg.columns.fields.items() if name != "seq"}
            sr.unmapped_columns = [f"{c.letter}: {c.header}" for c in reg.columns.unmapped]
            sr.rules_not_run = not_run.get(id(reg), {})
            sr.hidden_rows = reg.hidden_rows
        report.sheets.append(sr)
    if not workbook.registers and not any(s.error for s in report.sheets):
        report.error = _no_register(report.sheets, lang)
    return report, findings, workbook.registers  # findings come in sheet, row, column, rule order


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
    zh = lang == "zh"
    words = {"no_header": ("{n} 个工作表没有登记表表头", "{n} sheet(s) without a register header"),
             "empty_sheet": ("{n} 个空工作表", "{n} empty sheet(s)"), "chartsheet": ("{n} 个图表工作表", "{n} chart sheet(s)"),
             "findings_sheet": ("{n} 个检查结果表", "{n} findings sheet(s)"),
             "same_part": ("{n} 个与前表数据相同的工作表", "{n} sheet(s) repeating an earlier one's data"),
             "not_worksheet": ("{n} 个其他类型的表", "{n} other sheet(s)")}
    parts = [words.get(reason, ("{n} 个工作表", "{n} sheet(s)"))[0 if zh else 1].format(n=n)
             for reason, n in counts.items()]
    if counts.get("chartsheet") == len(sheets):
        parts = ["只有图表工作表" if zh else "only chart sheets"]
    return InputError("err.no_register_sheets", sheets=("，" if zh else ", ").join(parts)).render(lang, with_path=False)


def validate(paths: list[str | Path], as_of: datetime, config: Config, lang: str,
             keep_registers: bool | Collection[str] = False, jobs: int | None = None,
             progress: Callable[[int, int], None] | None = None) -> Report:
    """Check every register under ``paths``. With ``keep_registers`` the typed records stay
    on ``report.registers`` for the follow-up lists and reminders (not part of the JSON):
    ``True`` keeps every register, a collection of kinds only the registers of those kinds
    (records cross back from the worker processes, which costs time by the ten thousand).

    Several files are read in worker processes (``jobs``, default: the core count), each
    bounded in time and memory; a single file is read in this process.
    """
    from toolkit.parallel import gc_paused

    with gc_paused():
        return _validate(paths, as_of, config, lang, keep_registers, jobs, progress)


@dataclass(frozen=True)
class CheckOne:
    """What a worker process does with one file. A module-level class, not a closure, so that it
    pickles: on Windows workers are spawned, not forked, and are handed their work by pickle."""

    as_of: datetime
    config: Config
    lang: str
    keep: bool | frozenset[str]  # the registers to bring back: all, none, or those of these kinds

    def __call__(self, path: Path, overlap: bool = False):
        file_report, findings, registers = check_file(path, self.as_of, self.config, self.lang, overlap=overlap)
        keep = self.keep
        kept = (registers if keep else []) if isinstance(keep, bool) else [r for r in registers if r.kind in keep]
        return file_report, findings, kept


def _validate(paths, as_of, config, lang, keep_registers, jobs, progress) -> Report:
    from toolkit.parallel import Failure, default_jobs, run_each

    report = Report(as_of, lang)
    todo: list[Path] = []
    digests: dict[str, str] = {}
    slots: list[FileReport | Path] = []
    skipped, empty = [], []
    candidates = discover(paths, skipped, empty)
    for folder in empty:  # the wrong folder, most likely: say so rather than report nothing
        slots.append(FileReport(str(folder), error=InputError("err.no_workbooks").render(lang, with_path=False)))
    report.skipped_files = list(dict.fromkeys((str(s.path), s.reason) for s in skipped))
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

    one = CheckOne(as_of, config, lang, keep_registers if isinstance(keep_registers, bool) else frozenset(keep_registers))

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

        outcomes = ((p, guarded(p)) for p in todo)
        done = 0
        results = {}
        for path, outcome in outcomes:
            results[path] = outcome
            done += 1
            if progress:
                progress(done, len(todo))
    else:
        warm_up()  # once here rather than once in every worker
        results = dict(run_each(one, todo, jobs=jobs,
                                on_done=(lambda n: progress(n, len(todo))) if progress else None))
    for slot in slots:
        if isinstance(slot, FileReport):
            report.files.append(slot)
            continue
        outcome = results[slot]
        if isinstance(outcome, Failure):
            report.files.append(FileReport(str(slot), error=_failure(outcome).render(lang, with_path=False)))
            continue
        file_report, findings, registers = outcome
        owner = open_in_excel_by(slot)
        if owner is not None:
            file_report.notes.append(f"open_in_excel:{owner}")
        report.files.append(file_report)
        report.findings.extend(findings)
        report.registers.extend(registers)
    return report
