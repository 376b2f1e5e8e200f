"""Rules every register kind shares."""

from __future__ import annotations

from toolkit.registers.fields import RECORD_KINDS
from toolkit.registers.values import UNCALCULATED_REASON
from toolkit.rules.catalog import WARNING, Hit, rule


def uncalculated_formula(record, ctx):
    return [Hit(p.field) for p in record.problems if p.reason == UNCALCULATED_REASON]


for _kind in RECORD_KINDS:
    rule("uncalculated-formula", name=("公式未计算", "formula not calculated"), kind=_kind, severity=WARNING, source="—",
         checks=("公式单元格有计算结果（文件须由 Excel 保存过）",
                 "formula cells carry a calculated value (the file was saved by Excel)"),
         messages={"default": ("{label}是从未计算过的公式（文件未经 Excel 保存）：无法检查，请在 Excel 中打开并保存后再查",
                               "{label} holds a formula that was never calculated (file not saved by Excel): "
                               "not checked; open and save it in Excel, then check again")})(uncalculated_formula)
