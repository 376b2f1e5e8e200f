"""The terminal report: grouped by file and sheet, coloured by severity, quiet when clean."""

from __future__ import annotations

import functools
import operator
import os
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from toolkit.findings import Report
from toolkit.i18n import conventions, join, t
from toolkit.outputs.safe import visible
from toolkit.registers.fields import READ_FIELDS

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "dim": "\033[2m", "bold": "\033[1m"}
_RESET = "\033[0m"


def use_colour(stream) -> bool:
    """Colour where the terminal shows it, as rich judges it: NO_COLOR and FORCE_COLOR honoured,
    TERM=dumb and files left plain, and an old Windows console (no ANSI) left plain too."""
    if not os.environ.get("FORCE_COLOR") and not (hasattr(stream, "isatty") and stream.isatty()):
        return False  # a file or a pipe, told without loading rich
    from rich.console import Console

    console = Console(file=stream)
    return (console.is_terminal and not console.no_color and console.color_system is not None
            and not console.legacy_windows)


def _width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def widths(texts: list[str]) -> list[int]:
    """``_width`` of each text, a whole column at once: each distinct text once, and the wide
    characters of all of them removed by one regular expression (C speed), not looked up one by one."""
    unique = list(dict.fromkeys(texts))
    joined = "\0".join(unique)
    if joined.isascii():
        sizes = list(map(len, unique))
    elif joined.count("\0") != len(unique) - 1 or _ASTRAL.search(joined):  # beyond what the expression covers
        sizes = list(map(_width, unique))
    else:
        narrow = _wide_bmp().sub("", joined).split("\0")
        sizes = list(map(operator.sub, map((2).__mul__, map(len, unique)), map(len, narrow)))
    if len(unique) == len(texts):
        return sizes
    return list(map(dict(zip(unique, sizes)).__getitem__, texts))


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@functools.lru_cache(maxsize=1)
def _wide_bmp():
    """The wide (W) and fullwidth (F) characters of the Basic Multilingual Plane, as this
    Python's unicodedata has them (built once, about 50 ms)."""
    ranges, start = [], None
    for cp in range(0x10000):
        wide = unicodedata.east_asian_width(chr(cp)) in "WF"
        if wide and start is None:
            start = cp
        elif not wide and start is not None:
            ranges.append(f"\\u{start:04x}-\\u{cp - 1:04x}")
            start = None
    if start is not None:
        ranges.append(f"\\u{start:04x}-\\uffff")
    return re.compile("[" + "".join(ranges) + "]")


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns of a terminal, an ellipsis in place of what is left out."""
    if _width(text) <= width:
        return text
    kept, used = [], 1  # the ellipsis takes one column
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width:
            break
        kept.append(ch)
        used += w
    return "".join(kept) + "…"


# The names other outputs use for the width of a text as a terminal shows it
display_width, pad, clip = _width, _pad, _clip

# How wide a finding's column header may be before it is cut (a long header would push every
# finding's rule and message off to the right), and the gap between the columns of a finding
_COLUMN_MAX = 20
_GAP = 2


@dataclass(frozen=True, slots=True)
class _Layout:
    """The width of each column of the finding lines: the widest cell of the run, by display width."""
    where: int
    cell: int
    column: int
    severity: int
    rule: int


def _layout(findings, lang: str, rule_label) -> _Layout:
    if not findings:
        return _Layout(0, 0, 0, 0, 0)
    row_word = t("col.row", lang)
    rows = {f.row for f in findings if f.row}
    where = max((_width(f"{row_word} {r}") for r in rows), default=0)
    cell = max((len(f.cell) for f in findings if f.cell), default=0)
    column = min(_COLUMN_MAX, max(widths([_column_text(c) for c in {f.column for f in findings}])))
    severity = max(_width(t(f"severity.{s}", lang)) for s in {f.severity for f in findings})
    rule = max(_width(rule_label(r)) for r in {f.rule for f in findings})
    return _Layout(where + _GAP, cell + _GAP, column + _GAP, severity + _GAP, rule + _GAP)


def _column_text(column: str | None) -> str:
    """The header a finding points at, as the register wrote it (its last level, on one line)."""
    return visible((column or "").split(" / ")[-1].replace("\n", ""))




def _region_line(region: dict, lang: str) -> str:
    """region: Hong Kong (guessed from Traditional script, 12 phone numbers); slashed dates read day first."""
    source = region["source"]
    if source == "guessed":
        clues = [t("region.clue.traditional", lang) if clue == "traditional" else t(f"region.clue.{clue}", lang, count=n)
                 for clue, n in region["clues"].items()
                 if clue != "traditional" or region["region"] != "mainland"]  # Traditional says nothing for the mainland
        how = t("region.guessed", lang, clues=join(clues, lang))
    else:
        how = t(f"region.{source}", lang)
    return t("region.line", lang, region=t(f"region.{region['region']}", lang), how=how,
             day_first=t("region.day_first", lang) if region["day_first_dates"] else "")


def render(report: Report, *, colour: bool = False, verbose: bool = False) -> str:
    lang = report.lang

    def c(key: str, text: str) -> str:
        return f"{_COLOURS[key]}{text}{_RESET}" if colour else text

    lines: list[str] = []
    by_sheet: dict[tuple[str, str], list] = defaultdict(list)
    for f in report.findings:
        by_sheet[(f.path, f.sheet)].append(f)
    not_run: dict[str, set[str]] = defaultdict(set)
    not_run_on: dict[str, set[tuple[str, str]]] = defaultdict(set)  # rule → (kind, sheet) it did not run on
    registers_of: Counter = Counter(sheet.kind for file in report.files for sheet in file.sheets if sheet.kind)
    labels = _rule_labels(lang)
    rule_label = lambda rule: labels.get(rule, rule)  # noqa: E731
    layout = _layout(report.findings, lang, rule_label)
    # each distinct header, severity and rule padded once: a broken register has a finding a cell
    column_cell = {col: _pad(_clip(_column_text(col), layout.column - _GAP), layout.column)
                   for col in {f.column for f in report.findings}}
    severity_cell = {sev: c(sev, _pad(t(f"severity.{sev}", lang), layout.severity))
                     for sev in {f.severity for f in report.findings}}
    rule_cell = {rule: _pad(rule_label(rule), layout.rule) for rule in {f.rule for f in report.findings}}

    shown: set[tuple[str, str]] = set()  # call-log sheets already shown (one block for all their kinds)
    for file in report.files:
        file_lines: list[str] = []
        if file.error:
            file_lines.append("  " + c("error", visible(file.error)))
        if file.open_in_excel_by is not None:
            who = file.open_in_excel_by
            file_lines.append("  " + c("dim", t("file.open_in_excel_by", lang, who=who) if who else
                                       t("file.open_in_excel", lang)))
        for sheet in file.sheets:
            found = _of_table(by_sheet.get((file.path, sheet.name), []), sheet, file.sheets)
            for rule, missing in sheet.rules_not_run.items():
                not_run[rule].update(missing if sheet.kind is None else
                                     [READ_FIELDS[sheet.kind][m].label(lang) if m in READ_FIELDS[sheet.kind] else m for m in missing])
                not_run_on[rule].add((sheet.kind, f"{file.path}\0{sheet.name}"))
            if sheet.error:
                file_lines.append(f"  {visible(sheet.name)}: " + c("error", visible(sheet.error)))
                continue
            if sheet.kind is None:
                if verbose:
                    reason = t(f"reason.{sheet.skipped_reason}", lang) if sheet.skipped_reason in _REASONS else sheet.skipped_reason
                    file_lines.append(f"  {visible(sheet.name)}: " + c("dim", t("sheet.not_register", lang, reason=visible(reason))))
                continue
            if not found and not verbose:
                continue
            if sheet.call_log is not None and (file.path, sheet.name) in shown:
                continue  # a call log's further kind of call: shown with the sheet's first
            shown.add((file.path, sheet.name))
            head = f"  {c('bold', visible(sheet.name))} · " + (
                _call_log_head(sheet, file.sheets, lang) if sheet.call_log is not None else
                f"{t('kind.' + sheet.kind, lang)} · " + t("sheet.line", lang, header_row=sheet.header_row,
                                                          records=t("summary.records", lang, count=sheet.records)))
            if sheet.skipped_rows:
                reasons = Counter(s.reason for s in sheet.skipped_rows)
                head += t("sheet.skipped_rows", lang, count=len(sheet.skipped_rows),
                          reasons=join((f"{t('skip.' + r, lang)} {n}" for r, n in reasons.items()), lang))
            if sheet.hidden:
                head += t("sheet.hidden", lang)
            if sheet.hidden_rows:
                rows = ", ".join(map(str, sheet.hidden_rows[:10])) + ("…" if len(sheet.hidden_rows) > 10 else "")
                head += t("sheet.hidden_rows", lang, rows=rows)
            file_lines.append(head)
            if verbose:
                if sheet.call_log is not None and sheet.call_log.guessed:
                    log = sheet.call_log
                    file_lines.append("    " + c("dim", t("call_log.guessed", lang, count=len(log.guessed),
                                                          rows=_rows_text(log.guessed), column=log.type_header)
                                                   + (t("call_log.unknown", lang, words=visible(join(log.unknown_words, lang)))
                                                      if log.unknown_words else "")))
                file_lines.extend(_mapping_lines(sheet, lang, c))
                if sheet.call_log is not None:
                    # the further kinds' mappings come first, then the sheet's findings row by row
                    later = [s for s in file.sheets if s.name == sheet.name and s is not sheet and s.call_log]
                    for other in later:
                        file_lines.extend(_mapping_lines(other, lang, c))
                    unread = [col for col in sheet.unmapped_columns
                              if all(col in other.unmapped_columns for other in later)]  # no kind took them
                    if unread:
                        file_lines.append("    " + c("dim", f"{t('unmapped_columns', lang)}: " + visible(", ".join(unread))))
            for f in found:
                where = f"{t('col.row', lang)} {f.row}" if f.row else ""
                file_lines.append(f"    {_pad(where, layout.where)}{_pad(f.cell or '', layout.cell)}"
                                  f"{column_cell[f.column]}{severity_cell[f.severity]}{rule_cell[f.rule]}"
                                  f"{visible(f.message)}")
        if file_lines:
            lines.append(c("bold", visible(file.path)))
            lines.extend(file_lines)
            lines.append("")

    if verbose:
        for path, reason in report.skipped_files:
            lines.append(c("dim", t("skipped_file.line", lang, path=visible(path), reason=t(f"skipped_file.{reason}", lang))))
    if not_run:
        label = t("rules_not_run", lang)
        parts = []
        for rule, missing in sorted(not_run.items()):
            text = join(sorted(missing), lang, "enumeration")
            # said for the whole run: when the rule did run on other registers, say on how many it did not
            total = sum(registers_of[kind] for kind in {kind for kind, _ in not_run_on[rule]})
            if len(not_run_on[rule]) < total:
                text += conventions(lang).semicolon + t("rules_not_run.some", lang, n=len(not_run_on[rule]), total=total)
            parts.append(f"{rule} ({text})")
        lines.append(c("dim", f"{label}: " + visible("; ".join(parts))))
    s = report.summary()
    summary = t("summary", lang, **{key: t(f"summary.{key}", lang, count=s[key])
                                    for key in ("files", "registers", "records", "errors", "warnings")})
    if s["unusable_files"]:
        summary += t("summary.unusable", lang, count=s["unusable_files"])
    colour_key = "error" if s["errors"] or s["unusable_files"] else ("warning" if s["warnings"] else "bold")
    lines.append(c(colour_key, summary))
    return "\n".join(lines) + "\n"


def _rule_labels(lang: str) -> dict[str, str]:
    from toolkit.rules.catalog import rule_labels

    return rule_labels(lang)


def _of_table(found: list, sheet, sheets) -> list:
    """A sheet holding two tables, one under the other: each table's findings are the rows from
    its header down to the next table's."""
    if sheet.kind is None or sheet.call_log is not None:
        return found
    heads = sorted(s.header_row for s in sheets if s.name == sheet.name and s.kind and s.call_log is None)
    if len(heads) < 2:
        return found
    end = next((h for h in heads if h > sheet.header_row), None)
    return [f for f in found if (sheet.header_row == heads[0] if f.row is None
                                 else sheet.header_row <= f.row and (end is None or f.row < end))]


def _mapping_lines(sheet, lang: str, c) -> list[str]:
    """How a register's columns were read: field=column, then the columns no field took. In a
    call log each kind of call says its kind first."""
    fields = READ_FIELDS[sheet.kind]
    cols = ", ".join(f"{fields[k].label(lang)}={v}" for k, v in sheet.columns.items() if k in fields)
    if sheet.call_log is not None:
        cols = f"{t('kind.' + sheet.kind, lang)}: {cols}"
    lines = ["    " + c("dim", cols)]
    if sheet.unmapped_columns and sheet.call_log is None:
        lines.append("    " + c("dim", f"{t('unmapped_columns', lang)}: " + visible(", ".join(sheet.unmapped_columns))))
    if sheet.region:
        lines.append("    " + c("dim", _region_line(sheet.region, lang)))
    lines.extend("    " + c("dim", f"{t('guessed', lang)}: {visible(text)}") for text in sheet.guesses)
    if sheet.rules_not_run:  # said per register here; the run's summary line gathers them
        fields_of = READ_FIELDS[sheet.kind]
        parts = [f"{rule} ({join([fields_of[m].label(lang) if m in fields_of else m for m in missing], lang, 'enumeration')})"
                 for rule, missing in sorted(sheet.rules_not_run.items())]
        lines.append("    " + c("dim", f"{t('rules_not_run.here', lang)}: " + visible("; ".join(parts))))
    return lines


def _call_log_head(sheet, sheets, lang: str) -> str:
    """A call log's line: its type column, how many calls of each kind, all its records."""
    log = sheet.call_log
    kinds = join((t("call_log.count." + kind, lang, count=n) for kind, n in log.rows.items()), lang, "enumeration")
    return t("call_log.line", lang, column=log.type_column, header=visible(log.type_header), kinds=kinds,
             header_row=sheet.header_row, records=t("summary.records", lang, count=sum(log.rows.values())))


def _rows_text(rows: list[int]) -> str:
    return ", ".join(map(str, rows[:10])) + ("…" if len(rows) > 10 else "")


_REASONS = {"empty_sheet", "no_header", "chartsheet", "findings_sheet", "same_part"}
