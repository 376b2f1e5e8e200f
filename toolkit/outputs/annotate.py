"""The annotated copy (`toolkit validate --annotate DIR`): the register as the clerk keeps it,
each cell with a finding filled by severity and carrying a note, and a findings sheet first.

The copy is made by editing the package surgically (see ``xlsx_package``): the parts that
must change — workbook, relationships, content types, styles, the worksheets with
findings, their comments and VML drawings — are edited as text; every other part
(drawings, charts, pictures, controls, macros, pivot tables, extension lists…) is copied
byte for byte. The source is only read; the copy is written to a temporary file and
renamed. Nothing here prints: the caller gets ``AnnotatedCopy`` records.
"""

from __future__ import annotations

import math
import os
import posixpath
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from toolkit.errors import ToolkitError
from toolkit.fileio import atomic_path
from toolkit.findings import Finding, Report
from toolkit.i18n import conventions, join, t
from toolkit import ooxml
from toolkit.ooxml import Package, PackageError, esc
from toolkit.ooxml.marks import FINDINGS_DEFINED_NAME, findings_sheet_in
from toolkit.outputs import paper
from toolkit.outputs import xlsx_package as xp
from toolkit.outputs.xlsx_package import Note, Styles
from toolkit.outputs.by_person import responsible_text
from toolkit.registers.reader import FINDINGS_COLUMNS, FINDINGS_HEADER_ROW
from toolkit.model.settings import Settings
from toolkit.rules.catalog import ERROR, all_rules, rule_labels

EDITABLE_SUFFIXES = (".xlsx", ".xlsm")
CHECKED = ".checked"
AUTHOR = "toolkit"
FILL = {ERROR: "FFFFC7CE", "warning": "FFFFEB9C"}  # Excel's own "Bad" and "Neutral" fills
TABLE_NAME = "toolkit_findings"
# A–L: the table (one A4 landscape page wide at 100 %), a gap, the summary block (printed on the
# pages after the table's: a column break after H).
# the table (A–H: printed on the first pages), who must fix it (I: in place of a gap), then the summary block
_WIDTHS = (14, 8, 6, 16, 13, 8, 28, 44, 40, 30, 8, 60)  # G holds 代签（proxy-signature）
_MESSAGE_COL, _RESPONSIBLE_COL, _CHECKS_COL = 8, 9, 12


@dataclass(slots=True)
class AnnotatedCopy:
    """What ``--annotate`` did for one source workbook."""

    source: str
    target: str | None = None  # the copy written, or None
    findings: int = 0
    cells: int = 0  # cells filled and noted
    not_kept: list[str] = field(default_factory=list)  # parts of the source the copy lacks, in the report's language
    error: str | None = None  # one line: why no copy was written


def copy_name(source: Path) -> str:
    """`x.xlsx` → `x.checked.xlsx` (`.xlsm` stays `.xlsm`, so Excel still opens it with its macros)."""
    stem = source.stem
    if stem.lower().endswith(CHECKED):
        stem = stem[: -len(CHECKED)]
    suffix = ".xlsm" if source.suffix.lower() == ".xlsm" else ".xlsx"
    return f"{stem}{CHECKED}{suffix}"


def annotate_report(report: Report, out_dir: str | Path) -> list[AnnotatedCopy]:
    """Write one annotated copy per source file with findings, into ``out_dir``."""
    out_dir = Path(out_dir)
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_path[f.path].append(f)
    results = []
    used: set[str] = set()
    for path, findings in by_path.items():
        source = Path(path)
        name = copy_name(source)
        n = 2
        while name.lower() in used:
            base, _, ext = copy_name(source).rpartition(CHECKED)
            name = f"{base}-{n}{CHECKED}{ext}"
            n += 1
        used.add(name.lower())
        results.append(annotate_file(source, findings, out_dir / name, report.lang, report.as_of, report.settings))
    return results


def annotate_file(source: Path, findings: list[Finding], target: Path, lang: str,
                  as_of: datetime | None = None, settings: Settings | None = None) -> AnnotatedCopy:
    """Write ``target``: ``source`` with ``findings`` marked. Never raises for a bad source."""
    result = AnnotatedCopy(str(source), findings=len(findings))
    if source.suffix.lower() not in EDITABLE_SUFFIXES:
        result.error = t("annotate.unsupported", lang, fmt=source.suffix.lower() or "?")
        return result
    try:
        if target.exists() and source.resolve() == target.resolve():
            result.error = t("annotate.same_file", lang)
            return result
        pkg = Package(source)
        result.cells, result.not_kept = _annotate(pkg, findings, lang, as_of, source.name, settings)
        with atomic_path(target) as tmp:
            pkg.save(tmp)
    except PackageError as exc:
        result.error = t("annotate.failed", lang, detail=str(exc))
        return result
    except ToolkitError as exc:  # the copy cannot be written there
        result.error = exc.render(lang)
        return result
    except Exception as exc:  # a part we could not make sense of: this file gets no copy, the others do
        if os.environ.get("TOOLKIT_DEBUG") == "1":
            raise
        result.error = t("annotate.failed", lang, detail=f"{type(exc).__name__}: {str(exc)[:150]}")
        return result
    result.target = str(target)
    return result


# ---------------------------------------------------------------- the edit

@dataclass(slots=True)
class _Sheet:
    name: str
    sheet_id: int
    rid: str
    part: str | None
    tag: str  # the <sheet> start tag as written


def _annotate(pkg: Package, findings: list[Finding], lang: str, as_of: datetime | None,
              file_name: str, settings: Settings | None = None) -> tuple[int, list[str]]:
    not_kept = _drop_signatures(pkg, lang)
    wb = pkg.text(pkg.workbook)
    wp = ooxml.root_prefix(wb, "workbook")
    sheets = _sheets(pkg, wb, wp)
    by_name = {s.name: s for s in sheets}
    old_findings = findings_sheet_in(wb)

    styles_part = next((ooxml.resolve(pkg.workbook, r.target) for r in pkg.rels(pkg.workbook)
                        if r.type.endswith("/styles") and not r.external), None)
    if styles_part is None or styles_part not in pkg.parts:
        styles_part = posixpath.join(posixpath.dirname(pkg.workbook), "styles.xml")
        pkg.set_text(styles_part, xp.MINIMAL_STYLES)
        pkg.add_rel(pkg.workbook, ooxml.REL_STYLES, styles_part)
        pkg.add_override(styles_part, ooxml.CT_STYLES)
    styles = Styles(pkg.text(styles_part))
    fills = {sev: styles.fill(rgb) for sev, rgb in FILL.items()}
    cache: dict[tuple[int, str], int] = {}

    def restyle(base: int, severity: str) -> int:
        key = (base, severity)
        if key not in cache:
            cache[key] = styles.with_fill(base, fills[severity])
        return cache[key]

    # -- the register sheets: fills and notes
    cells = 0
    touched: set[str] = set()
    per_sheet: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        per_sheet[f.sheet].append(f)
    for sheet_name, items in per_sheet.items():
        sheet = by_name.get(sheet_name)
        if sheet is None or sheet.part not in pkg.parts or sheet.name == old_findings:
            continue
        raw = pkg.parts[sheet.part]
        merged = _merged_ranges(raw)
        at_cell: dict[tuple[int, int], list[Finding]] = defaultdict(list)
        for f in items:
            key = _cell_of(f)
            if key is None:
                continue
            at_cell[_top_left(key, merged)].append(f)
        if not at_cell:
            continue
        targets: dict[int, dict[int, str]] = defaultdict(dict)
        for (row, col), fs in at_cell.items():
            targets[row][col] = ERROR if any(f.severity == ERROR for f in fs) else fs[0].severity
        notes = {key: _note(fs, lang) for key, fs in at_cell.items()}

        def finish(skeleton: str, part=sheet.part, notes=notes) -> str:
            skeleton = xp.add_notes(pkg, part, notes, AUTHOR, skeleton)
            return xp.untab(skeleton, ooxml.root_prefix(skeleton, "worksheet"))

        pkg.parts[sheet.part] = xp.edit_worksheet(raw, targets, restyle, finish)
        pkg.changed.add(sheet.part)
        touched.add(sheet.part)
        cells += len(at_cell)

    # -- the findings sheet
    styles_ids = _sheet_styles(styles, fills)
    if old_findings and old_findings in by_name and by_name[old_findings].part in pkg.parts:
        target = by_name[old_findings]
        index = sheets.index(target)
        name = target.name
        part = target.part
        table_part = next((ooxml.resolve(part, r.target) for r in pkg.rels(part) if r.type.endswith("/table")), None)
        pkg.remove(ooxml.rels_part(part))
        if table_part:
            pkg.remove(table_part)
    else:
        index = 0
        name = _free_name(t("annotate.sheet_name", lang), {s.name.lower() for s in sheets})
        part = pkg.unique_name(posixpath.join(posixpath.dirname(pkg.workbook), "worksheets", "sheet{}.xml"))
        table_part = None
    table_part = table_part or pkg.unique_name(posixpath.join(posixpath.dirname(pkg.workbook), "tables", "table{}.xml"))
    table_id, table_name = _table_identity(pkg, table_part)
    table_rid = pkg.add_rel(part, ooxml.REL_TABLE, table_part)
    sheet_xml, table_xml = _findings_sheet(findings, lang, as_of, file_name, not_kept, styles_ids,
                                           table_id, table_name, table_rid, settings)
    pkg.set_text(part, sheet_xml)
    pkg.set_text(table_part, table_xml)
    pkg.add_override(part, ooxml.CT_WORKSHEET)
    pkg.add_override(table_part, ooxml.CT_TABLE)
    pkg.set_text(styles_part, styles.render())

    # -- the workbook: the new sheet first and active, its mark, the other sheets unselected
    wb = pkg.text(pkg.workbook)
    if not old_findings or old_findings not in by_name:
        rid = pkg.add_rel(pkg.workbook, ooxml.REL_WORKSHEET, part)
        wb = _insert_first_sheet(wb, wp, name, max((s.sheet_id for s in sheets), default=0) + 1, rid)
    wb = _mark(wb, wp, name)
    wb = _print_titles(wb, wp, name, index)
    wb = _activate(wb, wp, index)
    pkg.set_text(pkg.workbook, wb)
    for s in sheets:
        if (s.part and s.part in pkg.parts and s.part != part and s.part not in touched
                and b"tabSelected" in pkg.parts[s.part]):
            raw = pkg.parts[s.part]
            cut = raw.find(b"sheetData") if raw.startswith(b"<") else -1  # edit only the head of a big sheet
            head, rest = (raw[:cut], raw[cut:]) if cut > 0 else (raw, b"")
            text = head.decode("utf-8") if rest else ooxml.decode(raw)
            for root in ("worksheet", "chartsheet", "dialogsheet"):
                try:
                    p = ooxml.root_prefix(text, root)
                except PackageError:
                    continue
                new = xp.untab(text, p)
                if new != text:
                    pkg.parts[s.part] = new.encode("utf-8") + rest
                    pkg.changed.add(s.part)
                break
    return cells, not_kept


def _drop_signatures(pkg: Package, lang: str) -> list[str]:
    """A digital signature covers the parts as signed: any change breaks it, so it is not kept."""
    signed = [r for r in pkg.rels("") if r.type == ooxml.REL_SIGNATURE_ORIGIN]
    parts = [n for n in pkg.parts if n.lower().startswith("_xmlsignatures/")]
    if not signed and not parts:
        return []
    for r in signed:
        pkg.remove_rel("", r.id)
    for n in parts:
        pkg.remove(n)
        if not n.endswith(".rels"):
            pkg.remove_override(n)
    return [t("annotate.part.signature", lang)]


def _sheets(pkg: Package, wb: str, wp: str) -> list[_Sheet]:
    span = ooxml.element_span(wb, wp, "sheets")
    if span is None:
        raise PackageError("the workbook lists no sheets")
    return [_Sheet(s.name, s.sheet_id, s.rid, pkg.rel_target(pkg.workbook, s.rid), s.tag)
            for s in ooxml.workbook_sheets(wb[span[0]:span[2]])]


def _defined_names_span(wb: str, wp: str):
    return ooxml.element_span(wb, wp, "definedNames")


def _free_name(wanted: str, taken: set[str]) -> str:
    name, n = wanted, 2
    while name.lower() in taken:
        name = f"{wanted} ({n})"
        n += 1
    return name


def _insert_first_sheet(wb: str, wp: str, name: str, sheet_id: int, rid: str) -> str:
    r = ooxml.ns_prefix(wb, ooxml.NS_REL)
    rel_attr = f'{r}:id="{rid}"' if r else f'xmlns:r="{ooxml.NS_REL}" r:id="{rid}"'
    element = f'<{wp}sheet name="{esc(name)}" sheetId="{sheet_id}" {rel_attr}/>'
    span = ooxml.element_span(wb, wp, "sheets")
    wb = wb[:span[1]] + element + wb[span[1]:]
    dn = _defined_names_span(wb, wp)
    if dn:
        block = re.sub(r"""(\blocalSheetId\s*=\s*["'])(\d+)""", lambda m: f"{m.group(1)}{int(m.group(2)) + 1}",
                       wb[dn[0]:dn[2]])
        wb = wb[:dn[0]] + block + wb[dn[2]:]
    return wb


def _mark(wb: str, wp: str, name: str) -> str:
    element = (f'<{wp}definedName name="{FINDINGS_DEFINED_NAME}" hidden="1">'
               f'{esc(ooxml.sheet_top_left(name))}</{wp}definedName>')
    old = re.search(rf"<{re.escape(wp)}definedName\b[^>]*\bname\s*=\s*[\"']{FINDINGS_DEFINED_NAME}[\"'][^>]*>.*?"
                    rf"</{re.escape(wp)}definedName>", wb, re.S)
    if old:
        return wb[:old.start()] + element + wb[old.end():]
    dn = _defined_names_span(wb, wp)
    if dn is None:
        return ooxml.insert_child(wb, wp, "workbook", f"<{wp}definedNames>{element}</{wp}definedNames>",
                               ("calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes",
                                "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"))
    if dn[1] == dn[2]:
        return wb[:dn[0]] + f"<{wp}definedNames>{element}</{wp}definedNames>" + wb[dn[2]:]
    close = dn[2] - len(f"</{wp}definedNames>")
    return wb[:close] + element + wb[close:]


def _print_titles(wb: str, wp: str, name: str, index: int) -> str:
    """The findings table's header row printed on every page (the sheet's Print_Titles name;
    ``_mark`` has made the definedNames element)."""
    local = rf"""\blocalSheetId\s*=\s*["']{index}["']"""
    old = re.compile(rf"<{re.escape(wp)}definedName\b(?=[^>]*\bname\s*=\s*[\"']_xlnm\.Print_Titles[\"'])(?=[^>]*{local})"
                     rf"[^>]*>.*?</{re.escape(wp)}definedName>", re.S)
    wb = old.sub("", wb)
    row = FINDINGS_HEADER_ROW
    element = (f'<{wp}definedName name="_xlnm.Print_Titles" localSheetId="{index}">'
               f"{esc(ooxml.quote_sheet(name))}!${row}:${row}</{wp}definedName>")
    close = wb.index(f"</{wp}definedNames>")
    return wb[:close] + element + wb[close:]


def _activate(wb: str, wp: str, index: int) -> str:
    def view(m):
        tag = ooxml.set_attr(m.group(0), "activeTab", str(index))
        return ooxml.del_attr(tag, "firstSheet")
    return re.sub(rf"<{re.escape(wp)}workbookView\b[^>]*>", view, wb)


def _merged_ranges(raw: bytes) -> list[tuple[int, int, int, int]]:
    at = raw.rfind(b"sheetData>")
    tail = raw[at if at >= 0 else 0:]
    out = []
    for a, b in re.findall(rb"""<(?:[\w.\-]+:)?mergeCell\b[^>]*\bref\s*=\s*["']\$?([A-Za-z]+\$?\d+):\$?([A-Za-z]+\$?\d+)""", tail):
        (r0, c0), (r1, c1) = ooxml.split_ref(a.decode()), ooxml.split_ref(b.decode())
        out.append((r0, c0, r1, c1))
    return out


def _top_left(key: tuple[int, int], merged) -> tuple[int, int]:
    """A cell inside a merged range is marked on the range's first cell (the one Excel shows)."""
    row, col = key
    for r0, c0, r1, c1 in merged:
        if r0 <= row <= r1 and c0 <= col <= c1:
            return r0, c0
    return key


def _cell_of(f: Finding) -> tuple[int, int] | None:
    if f.cell:
        try:
            return ooxml.split_ref(f.cell)
        except ValueError:
            return None
    return None


def _note(findings: list[Finding], lang: str) -> Note:
    labels = rule_labels(lang)
    lines = []
    for f in findings:
        lines.append(f"{t('severity.' + f.severity, lang)} · {labels.get(f.rule, f.rule)}")
        lines.append(f.message)
    body = "\n".join(lines)
    per_line = conventions(lang).chars_per_line
    height = 1 + sum(max(1, math.ceil(len(line) / per_line)) for line in lines)
    return Note(t("annotate.note_head", lang), body, height + 1)


def _table_identity(pkg: Package, table_part: str) -> tuple[int, str]:
    ids, names = set(), set()
    for name, data in pkg.parts.items():
        if name == table_part or "/tables/" not in f"/{name}" or not name.endswith(".xml"):
            continue
        head = ooxml.decode(data[:2000])
        m = re.search(r"<(?:[\w.\-]+:)?table\b[^>]*>", head)
        if not m:
            continue
        a = ooxml.attrs(m.group(0))
        if a.get("id", "").isdigit():
            ids.add(int(a["id"]))
        names.update(x.lower() for x in (a.get("name"), a.get("displayName")) if x)
    table_name, n = TABLE_NAME, 2
    while table_name.lower() in names:
        table_name = f"{TABLE_NAME}_{n}"
        n += 1
    return max(ids, default=0) + 1, table_name


# ---------------------------------------------------------------- the findings sheet

def _sheet_styles(styles: Styles, fills: dict[str, int]) -> dict[str, int]:
    grid = styles.border("FFBFBFBF")
    head_fill = styles.fill("FFDDEBF7")
    bold = styles.font(bold=True)
    return {
        "title": styles.xf(font=styles.font(bold=True, size=14), vertical="center"),
        "hint": styles.xf(font=styles.font(rgb="FF595959")),
        "warn": styles.xf(font=styles.font(bold=True, rgb="FFC00000")),
        "head": styles.xf(font=bold, fill=head_fill, border=grid, vertical="center"),
        "text": styles.xf(border=grid),
        "wrap": styles.xf(border=grid, wrap=True),
        "link": styles.xf(font=styles.font(underline=True, rgb="FF0563C1"), border=grid),
        ERROR: styles.xf(fill=fills[ERROR], border=grid),
        "warning": styles.xf(fill=fills["warning"], border=grid),
    }


def _findings_sheet(findings: list[Finding], lang: str, as_of: datetime | None, file_name: str,
                    not_kept: list[str], st: dict[str, int], table_id: int, table_name: str,
                    table_rid: str, settings: Settings | None = None) -> tuple[str, str]:
    rows: dict[int, dict[int, str]] = defaultdict(dict)
    checks: dict[int, str] = {}  # row → the rule's text in the summary block
    labels = rule_labels(lang)  # rules as a person reads them: 代签（proxy-signature） in Chinese, the ID in English

    def text(row: int, col: int, value, style: str) -> None:
        rows[row][col] = (f'<c r="{ooxml.cell_ref(row, col)}" s="{st[style]}" t="inlineStr"><is><t xml:space="preserve">'
                          f"{esc(str(value)[:32000])}</t></is></c>")

    def number(row: int, col: int, value, style: str) -> None:
        rows[row][col] = f'<c r="{ooxml.cell_ref(row, col)}" s="{st[style]}"><v>{value}</v></c>'

    errors = sum(1 for f in findings if f.severity == ERROR)
    title = t("annotate.title", lang, file=file_name, errors=t("summary.errors", lang, count=errors),
              warnings=t("summary.warnings", lang, count=len(findings) - errors))
    if as_of is not None:
        title += t("annotate.as_of", lang, as_of=as_of.strftime("%Y-%m-%d %H:%M"))
    text(1, 1, title, "title")
    if not_kept:
        text(2, 1, t("annotate.not_kept_line", lang, parts=join(not_kept, lang, "semicolon")), "warn")
    else:
        text(2, 1, t("annotate.hint", lang), "hint")

    head = FINDINGS_HEADER_ROW
    headers = [t(k, lang) for k in FINDINGS_COLUMNS]
    for c, h in enumerate(headers, 1):
        text(head, c, h, "head")
    # who must fix it: beside the table (whose columns recognise a findings sheet), in place of a gap
    text(head, _RESPONSIBLE_COL, t("col.responsible", lang), "head")
    links, answers = [], []
    for i, f in enumerate(findings):
        r = head + 1 + i
        text(r, 1, f.sheet, "text")
        target = f.cell or (f"A{f.row}" if f.row else "A1")
        text(r, 2, f.cell or "", "link")
        links.append(f'<hyperlink ref="{ooxml.cell_ref(r, 2)}" location="{esc(ooxml.quote_sheet(f.sheet) + "!" + target)}" '
                     f'display="{esc(f.cell or target)}"/>')
        if f.row:
            number(r, 3, f.row, "text")
        else:
            text(r, 3, "", "text")
        text(r, 4, (f.column or "").replace("\n", " "), "text")
        text(r, 5, f.record or "", "text")
        text(r, 6, t(f"severity.{f.severity}", lang), f.severity if f.severity in FILL else "text")
        text(r, 7, labels.get(f.rule, f.rule), "text")  # 代签（proxy-signature）: the name, the ID beside it
        text(r, 8, f.message, "wrap")
        answer = responsible_text(f, lang)
        answers.append(answer)
        text(r, _RESPONSIBLE_COL, answer, "text")
    last = head + len(findings)

    # the summary block, beside the table: by rule, by column, by severity
    # what each rule checks, by its name and with the thresholds the run used ("超过 24 小时")
    describe = {r.id: f"{r.name(lang)}{conventions(lang).colon}{r.describe(lang, settings)}" for r in all_rules()}
    r = head
    sj, sk, sl = len(headers) + 2, len(headers) + 3, len(headers) + 4
    text(r, sj, t("annotate.by_rule", lang), "head")
    text(r, sk, t("annotate.count", lang), "head")
    text(r, sl, t("col.checks", lang), "head")
    for rule, n in sorted(Counter(f.rule for f in findings).items(), key=lambda x: (-x[1], x[0])):
        r += 1
        text(r, sj, labels.get(rule, rule), "text")
        number(r, sk, n, "text")
        text(r, sl, describe.get(rule, ""), "wrap")
        checks[r] = describe.get(rule, "")
    r += 2
    text(r, sj, t("annotate.by_column", lang), "head")
    text(r, sk, t("annotate.count", lang), "head")
    for column, n in sorted(Counter((f.column or f.field or "—").replace("\n", " ") for f in findings).items(),
                            key=lambda x: (-x[1], x[0])):
        r += 1
        text(r, sj, column, "text")
        number(r, sk, n, "text")
    r += 2
    text(r, sj, t("col.severity", lang), "head")
    text(r, sk, t("annotate.count", lang), "head")
    for sev, n in ((ERROR, errors), ("warning", len(findings) - errors)):
        r += 1
        text(r, sj, t(f"severity.{sev}", lang), sev)
        number(r, sk, n, "text")
    last_row = max(last, r)

    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(_WIDTHS, 1))
    # Wrapped text makes its row taller: neither Excel nor LibreOffice does it on opening.
    lines = dict(zip(range(head + 1, last + 1),
                     paper.column_lines([f.message for f in findings], _WIDTHS[_MESSAGE_COL - 1])))
    # (who must fix it prints on the pages after the table: it runs on in one line rather than make
    # the table's rows taller; what each rule checks wraps, in a column wide enough to need few lines)
    for r, n in zip(checks, paper.column_lines(list(checks.values()), _WIDTHS[_CHECKS_COL - 1])):
        lines[r] = max(n, lines.get(r, 1))
    heights = {r: paper.row_height(n) for r, n in lines.items() if n > 1}
    data = "".join((f'<row r="{n}" ht="{heights[n]}" customHeight="1">' if n in heights else f'<row r="{n}">')
                   + "".join(cells[c] for c in sorted(cells)) + "</row>"
                   for n, cells in sorted(rows.items()))
    span = f"A{head}:{ooxml.cell_ref(last, len(headers))}"
    sheet = (
        f'{ooxml.XML_DECL}<worksheet xmlns="{ooxml.NS_MAIN}" xmlns:r="{ooxml.NS_REL}">'
        '<sheetPr><tabColor rgb="FFC00000"/></sheetPr>'
        f'<dimension ref="A1:{ooxml.cell_ref(last_row, len(_WIDTHS))}"/>'
        '<sheetViews><sheetView tabSelected="1" workbookViewId="0">'
        f'<pane ySplit="{head}" topLeftCell="A{head + 1}" activePane="bottomLeft" state="frozen"/>'
        f'<selection pane="bottomLeft" activeCell="B{head + 1}" sqref="B{head + 1}"/></sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>{data}</sheetData>'
        f'<hyperlinks>{"".join(links)}</hyperlinks>'
        '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>'
        # A4 landscape at full size: the table on the first pages, the summary block after it.
        '<pageSetup paperSize="9" orientation="landscape" scale="100"/>'
        f'<headerFooter><oddFooter>{esc("&C" + paper.page_footer(lang))}</oddFooter></headerFooter>'
        f'<colBreaks count="1" manualBreakCount="1"><brk id="{_MESSAGE_COL}" max="1048575" man="1"/></colBreaks>'
         f'<tableParts count="1"><tablePart r:id="{table_rid}"/></tableParts></worksheet>'
    )
    columns = "".join(f'<tableColumn id="{i}" name="{esc(h)}"/>' for i, h in enumerate(headers, 1))
    table = (
        f'{ooxml.XML_DECL}<table xmlns="{ooxml.NS_MAIN}" id="{table_id}" name="{table_name}" displayName="{table_name}" '
        f'ref="{span}" totalsRowShown="0"><autoFilter ref="{span}"/>'
        f'<tableColumns count="{len(headers)}">{columns}</tableColumns>'
        '<tableStyleInfo name="TableStyleLight1" showFirstColumn="0" showLastColumn="0" showRowStripes="1" '
        'showColumnStripes="0"/></table>'
    )
    return sheet, table


def render_lines(copies: list[AnnotatedCopy], lang: str) -> str:
    """One line per copy written (and the parts it could not keep), one per file without a copy."""
    lines = [] if copies else [t("annotate.none", lang)]
    for c in copies:
        if c.error:
            lines.append(t("annotate.no_copy", lang, path=c.source, reason=c.error))
            continue
        lines.append(t("annotate.written", lang, path=c.target, cells=t("annotate.cells", lang, count=c.cells),
                       findings=t("annotate.findings", lang, count=c.findings)))
        if c.not_kept:
            lines.append(t("annotate.not_kept", lang, parts=join(c.not_kept, lang, "semicolon")))
    return "".join(line + "\n" for line in lines)
