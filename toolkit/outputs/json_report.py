"""The JSON report: the public contract of `toolkit validate --format json`.

Written as a stream, one finding a line, so a register where every row is broken does not
need the whole report as one string in memory. Every part is json.dumps of the report's own
``as_dict`` data: the keys and values are defined once, in toolkit.findings.
"""

from __future__ import annotations

import io
import json
from typing import TextIO

from toolkit.findings import Report

_encode = json.JSONEncoder(ensure_ascii=False).encode


def write(report: Report, out: TextIO, responsible: bool = True) -> None:
    """``responsible``: each finding also says who must fix it (person, role: --by person)."""
    def part(obj) -> str:  # a nested part, indented to sit under its key
        return json.dumps(obj, ensure_ascii=False, indent=2).replace("\n", "\n  ")

    out.write("{\n")
    out.write(f'  "as_of": {_encode(report.as_of.isoformat(timespec="minutes"))},\n')
    out.write(f'  "files": {part([f.as_dict() for f in report.files])},\n')
    out.write(f'  "skipped_files": {_encode([{"path": path, "reason": reason} for path, reason in report.skipped_files])},\n')
    out.write('  "findings": [')
    findings = report.findings
    for start in range(0, len(findings), 2000):  # few large writes, not one per finding
        out.write(",\n    " if start else "\n    ")
        out.write(",\n    ".join(_encode(f.as_dict(responsible)) for f in findings[start:start + 2000]))
    out.write("\n  ],\n" if findings else "],\n")
    out.write(f'  "summary": {part(report.summary())}\n')
    out.write("}\n")


def render(report: Report, responsible: bool = True) -> str:
    buf = io.StringIO()
    write(report, buf, responsible)
    return buf.getvalue()
