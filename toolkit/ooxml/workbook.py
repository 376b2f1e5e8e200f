"""The workbook part: its sheets (name, id, relationship) and its defined names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from toolkit.ooxml.package import Relationship, resolve
from toolkit.ooxml.xml import attrs


@dataclass(frozen=True, slots=True)
class WorkbookSheet:
    """A ``<sheet>`` of the workbook part, as written."""

    name: str
    sheet_id: int
    rid: str  # its relationship from the workbook part
    tag: str  # the start tag as written


_SHEET = re.compile(r"<(?:[\w.\-]+:)?sheet(?=[\s/>])[^>]*>")


def workbook_sheets(workbook_xml: str) -> list[WorkbookSheet]:
    """The sheets the workbook lists, in its order (within ``<sheets>`` when the caller gives
    only that element)."""
    out = []
    for tag in _SHEET.findall(workbook_xml):
        a = attrs(tag)
        rid = next((v for k, v in a.items() if k.endswith(":id")), "")
        try:
            sheet_id = int(a.get("sheetId", "0"))
        except ValueError:
            sheet_id = 0
        out.append(WorkbookSheet(a.get("name", ""), sheet_id, rid, tag))
    return out


def sheet_parts(workbook_xml: str, workbook_rels: list[Relationship], workbook_part: str) -> dict[str, str]:
    """Sheet name → the part it is stored in (xl/worksheets/sheet1.xml), by its relationship."""
    targets = {r.id: resolve(workbook_part, r.target) for r in workbook_rels}
    return {s.name: targets[s.rid] for s in workbook_sheets(workbook_xml) if s.rid in targets}


def defined_name(workbook_xml: str, name: str) -> str | None:
    """The formula of a defined name, unescaped (None when it is not there)."""
    m = re.search(r"<(?:\w+:)?definedName\b[^>]*\bname\s*=\s*[\"']" + re.escape(name) + r"[\"'][^>]*>(.*?)</",
                  workbook_xml, re.S)
    return unescape(m.group(1)).strip() if m else None
