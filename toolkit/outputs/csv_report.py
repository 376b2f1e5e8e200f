"""One finding a line, UTF-8 with BOM so Excel opens Chinese text correctly."""

from __future__ import annotations

import csv
import io

from toolkit.findings import Report
from toolkit.i18n import t
from toolkit.outputs.by_person import responsible_text
from toolkit.outputs.safe import neutralise

COLUMNS = ("path", "sheet", "row", "cell", "column", "field", "record", "rule", "severity", "message", "responsible")


def render(report: Report) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([t(f"col.{c}", report.lang) if c != "field" else t("col.field", report.lang) for c in COLUMNS])
    for f in report.findings:
        row = f.as_dict()
        row["severity"] = t(f"severity.{f.severity}", report.lang)
        row["responsible"] = responsible_text(f, report.lang)  # who must fix it: 王丽（返单签收人）
        writer.writerow([neutralise(row[c]) if row[c] is not None else "" for c in COLUMNS])
    return "\ufeff" + buf.getvalue()
