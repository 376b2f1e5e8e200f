"""The JSON report: the public contract of `toolkit validate --format json`.

Written as a stream, one finding a line, so a register where every row is broken does not
need the whole report as one string in memory.
"""

from __future__ import annotations

import io
import json
from itertools import islice
from typing import TextIO

from json.encoder import encode_basestring

from toolkit.findings import Report


def write(report: Report, out: TextIO) -> None:
    dump = lambda obj, **kw: json.dumps(obj, ensure_ascii=False, **kw)  # noqa: E731
    out.write("{\n")
    out.write(f'  "as_of": {dump(report.as_of.isoformat(timespec="minutes"))},\n')
    files = dump([f.as_dict() for f in report.files], indent=2).replace("\n", "\n  ")
    out.write(f'  "files": {files},\n')
    skipped = dump([{"path": path, "reason": reason} for path, reason in report.skipped_files])
    out.write(f'  "skipped_files": {skipped},\n')
    out.write('  "findings": [')
    lines = _finding_lines(report.findings)
    if report.findings:
        out.write("\n    ")
        while batch := "".join(islice(lines, 2000)):  # few large writes, not one per finding
            out.write(batch)
        out.write("\n  ],\n")
    else:
        out.write("],\n")
    summary = dump(report.summary(), indent=2).replace("\n", "\n  ")
    out.write(f'  "summary": {summary}\n')
    out.write("}\n")


def _finding_lines(findings):
    """Each finding as one compact JSON object. This is the part that scales with a broken
    register, so what findings share (file and sheet, column, rule) is encoded once and
    reused; only the row, cell, number and message are encoded per finding."""
    def enc(value):
        if type(value) is str:
            return encode_basestring(value)
        return "null" if value is None else json.dumps(value, ensure_ascii=False)

    shared: dict = {}
    last_where, where_text, opening = None, "", "{"
    for path, sheet, row, cell, column, field, record, rule, severity, message in findings:
        if (path, sheet) != last_where:
            last_where = (path, sheet)
            where_text = f'"path": {enc(path)}, "sheet": {enc(sheet)}, "row": '
        key = (column, field, rule, severity)
        parts = shared.get(key)
        if parts is None:
            parts = shared[key] = (f', "column": {enc(column)}, "field": {enc(field)}, "record": ',
                                   f', "rule": {enc(rule)}, "severity": {enc(severity)}, "message": ')
        yield (f'{opening}{where_text}{"null" if row is None else row}, '
               f'"cell": {"null" if cell is None else encode_basestring(cell)}{parts[0]}'
               f'{encode_basestring(record) if type(record) is str else enc(record)}{parts[1]}'
               f'{encode_basestring(message) if type(message) is str else enc(message)}}}')
        opening = ",\n    {"


def render(report: Report) -> str:
    buf = io.StringIO()
    write(report, buf)
    return buf.getvalue()
