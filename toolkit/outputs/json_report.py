"""The JSON report: the public contract of `toolkit validate --format json`.

Written as a stream, one finding a line, so a register where every row is broken does not
need the whole report as one string in memory.
"""

from __future__ import annotations

import io
import json
from typing import TextIO

from json.encoder import encode_basestring

from toolkit.findings import Finding, Report


def write(report: Report, out: TextIO) -> None:
    dump = lambda obj, **kw: json.dumps(obj, ensure_ascii=False, **kw)  # noqa: E731
    out.write("{\n")
    out.write(f'  "as_of": {dump(report.as_of.isoformat(timespec="minutes"))},\n')
    files = dump([f.as_dict() for f in report.files], indent=2).replace("\n", "\n  ")
    out.write(f'  "files": {files},\n')
    out.write('  "findings": [')
    lines = _finding_lines(report.findings)
    if report.findings:
        out.write("\n    ")
        out.writelines(lines)
        out.write("\n  ],\n")
    else:
        out.write("],\n")
    summary = dump(report.summary(), indent=2).replace("\n", "\n  ")
    out.write(f'  "summary": {summary}\n')
    out.write("}\n")


def _finding_lines(findings):
    """Each finding as one compact JSON object: repeated strings (path, sheet, rule) are
    encoded once; this is the part that scales with a broken register."""
    cache: dict = {}

    def enc(value):
        if value is None:
            return "null"
        if type(value) is int:
            return str(value)
        text = cache.get(value)
        if text is None:
            text = encode_basestring(value)
            if len(cache) < 100_000:
                cache[value] = text
        return text

    keys = [encode_basestring(k) + ": " for k in Finding._fields]
    for i, finding in enumerate(findings):
        body = ", ".join([k + enc(v) for k, v in zip(keys, finding)])
        yield ("{" if i == 0 else ",\n    {") + body + "}"


def render(report: Report) -> str:
    buf = io.StringIO()
    write(report, buf)
    return buf.getvalue()
