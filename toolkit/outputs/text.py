"""The terminal report: grouped by file and sheet, coloured by severity, quiet when clean."""

from __future__ import annotations

import functools
import operator
import os
import re
import unicodedata
from collections import Counter, defaultdict

from toolkit.findings import Report
from toolkit.i18n import conventions, join, t
from toolkit.outputs.safe import visible
from toolkit.registers.fields import FIELDS, READ_FIELDS

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
    rule_width = max((len(f.rule) for f in report.findings), default=0) + 2

    for file in report.files:
        file_lines: list[str] = []
        if file.error:
            file_lines.append("  " + c("error", visible(file.error)))
        if file.open_in_excel_by is not None:
            who = file.open_in_excel_by
            file_lines.append("  " + c("dim", t("file.open_in_excel_by", lang, who=who) if who else
                                       t("file.open_in_excel", lang)))
        for sheet in file.sheets:
            found = by_sheet.get((file.path, sheet.name), [])
            for rule, missing in sheet.rules_not_run.items():
                not_run[rule].update(missing if sheet.kind is None else
                                     [FIELDS[sheet.kind][m].label(lang) if m in FIELDS[sheet.kind] else m for m in missing])
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
            head = f"  {c('bold', visible(sheet.name))} · {t('kind.' + sheet.kind, lang)} · " + t(
                "sheet.line", lang, header_row=sheet.header_row, records=sheet.records)
            if sheet.skipped_rows:
                reasons = Counter(s.reason for s in sheet.skipped_rows)
                head += t("sheet.skipped_rows", lang, n=len(sheet.skipped_rows),
                          reasons=join((f"{t('skip.' + r, lang)} {n}" for r, n in reasons.items()), lang))
            if sheet.hidden:
                head += t("sheet.hidden", lang)
            if sheet.hidden_rows:
                rows = ", ".join(map(str, sheet.hidden_rows[:10])) + ("…" if len(sheet.hidden_rows) > 10 else "")
                head += t("sheet.hidden_rows", lang, rows=rows)
            file_lines.append(head)
            if verbose:
                cols = ", ".join(f"{READ_FIELDS[sheet.kind][k].label(lang)}={v}" for k, v in sheet.columns.items() if k in READ_FIELDS[sheet.kind])
                file_lines.append("    " + c("dim", cols))
                if sheet.unmapped_columns:
                    file_lines.append("    " + c("dim", f"{t('unmapped_columns', lang)}: " + visible(", ".join(sheet.unmapped_columns))))
            for f in found:
                where = f"{t('col.row', lang)} {f.row}" if f.row else ""
                col = visible((f.column or "").split(" / ")[-1].replace("\n", ""))
                sev = c(f.severity, _pad(t(f"severity.{f.severity}", lang), 8))
                file_lines.append(f"    {_pad(where, 9)}{_pad(f.cell or '', 6)}{_pad(col, 16)}{sev}{_pad(f.rule, rule_width)}{visible(f.message)}")
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


_REASONS = {"empty_sheet", "no_header", "chartsheet", "findings_sheet", "same_part"}
