"""The toolkit's marks in a workbook it wrote: hidden defined names, which Excel keeps pointing
at their sheet when it is renamed or moved. An annotated copy (toolkit.outputs.annotate)
marks its findings sheet; the weekly workbook (toolkit.outputs.weekly_workbook) marks
itself, so that saved into the register folder it is skipped there and refused when named,
never read as registers."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from toolkit.ooxml.cells import sheet_of
from toolkit.ooxml.package import office_document, relationships, resolve
from toolkit.ooxml.workbook import defined_name

FINDINGS_DEFINED_NAME = "_toolkit_findings"
WEEKLY_DEFINED_NAME = "_toolkit_weekly"


@dataclass(frozen=True, slots=True)
class ToolkitMarks:
    """What the toolkit's own outputs left in a workbook: read from workbook.xml alone."""

    findings_sheet: str | None = None  # an annotated copy's findings sheet
    weekly: bool = False  # the weekly workbook (toolkit weekly --out): not a register at all


def toolkit_marks(path: Path) -> ToolkitMarks:
    """The toolkit's hidden defined names in an .xlsx/.xlsm (none for anything unreadable):
    one small part read from the package, not the workbook."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("_rels/.rels")
            if info.file_size > 1_000_000:  # a few hundred bytes in any workbook
                return ToolkitMarks()
            office = office_document(relationships(zf.read(info).decode("utf-8", "replace")))
            info = zf.getinfo(resolve("", office.target) if office else "xl/workbook.xml")
            if info.file_size > 50_000_000:
                return ToolkitMarks()
            workbook = zf.read(info).decode("utf-8", "replace")
    except Exception:  # missing parts, and whatever a damaged package raises (zlib.error, struct.error,
        return ToolkitMarks()  # an unknown method): no marks; reading the file says what is wrong with it
    if "_toolkit_" not in workbook:  # the usual register: no regex over its names
        return ToolkitMarks()
    return ToolkitMarks(findings_sheet_in(workbook), defined_name(workbook, WEEKLY_DEFINED_NAME) is not None)


def findings_sheet_in(workbook_xml: str) -> str | None:
    """The sheet named by the findings mark in workbook.xml, if any."""
    formula = defined_name(workbook_xml, FINDINGS_DEFINED_NAME)
    return None if formula is None else sheet_of(formula)
