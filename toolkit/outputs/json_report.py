"""The JSON report: the public contract of `toolkit validate --format json`."""

from __future__ import annotations

import json

from toolkit.findings import Report


def render(report: Report) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n"
