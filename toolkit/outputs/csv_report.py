"""One finding a line, UTF-8 with BOM so Excel opens Chinese text correctly.

The columns people read are in the report's language: the field as the register's language
names it (客户签字), the severity, the rule's name. The rule ID stays in its column, and the
field's key follows at the end, for whoever filters or joins the sheet."""

from __future__ import annotations

import csv
import io

from toolkit.findings import Report
from toolkit.i18n import t
from toolkit.outputs.by_person import responsible_text
from toolkit.outputs.safe import neutralise
from toolkit.registers.fields import READ_FIELDS
from toolkit.rules.catalog import rule_names

COLUMNS = ("path", "sheet", "row", "cell", "column", "field", "record", "rule", "severity", "message",
           "rule_name", "field_key", "responsible")


def render(report: Report) -> str:
    lang = report.lang
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([t(f"col.{c}", lang) for c in COLUMNS])
    labels = _field_labels(lang)
    names = rule_names(lang)
    severity = {key: t(f"severity.{key}", lang) for key in {f.severity for f in report.findings}}
    for f in report.findings:
        row = f.as_dict()
        row["severity"] = severity[f.severity]
        row["field_key"] = f.field
        row["field"] = labels.get(f.field, f.field)
        row["rule_name"] = names.get(f.rule, "")
        row["responsible"] = responsible_text(f, report.lang)  # who must fix it: 王丽（返单签收人）
        writer.writerow([neutralise(row[c]) if row[c] is not None else "" for c in COLUMNS])
    return "\ufeff" + buf.getvalue()


def _field_labels(lang: str) -> dict[str, str]:
    """Each field's label in ``lang``: a field name is the same field in every kind of register."""
    labels: dict[str, str] = {}
    for fields in READ_FIELDS.values():
        for key, field in fields.items():
            labels.setdefault(key, field.label(lang))
    return labels
