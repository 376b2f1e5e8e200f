"""Who must fix what: a finding's responsible people in words, and the terminal report grouped by
person and role (``toolkit validate --by person``)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from toolkit.findings import Finding, Report
from toolkit.i18n import conventions, t
from toolkit.outputs.safe import visible


def who(person: str | None, role: str, lang: str) -> str:
    """王丽（返单签收人）, or the role alone where the register names nobody."""
    label = t(f"role.{role}", lang)
    return t("responsible.named", lang, name=person, role=label) if person else t("responsible.unnamed", lang, role=label)


def responsible_text(f: Finding, lang: str) -> str:
    """Everyone who answers for a finding, in the rule's order (a CSV cell, a findings-sheet cell)."""
    return conventions(lang).semicolon.join(who(p, r, lang) for p, r in zip(f.person, f.role))


def by_person(findings: list[Finding]) -> dict[tuple[str | None, str], list[Finding]]:
    """The findings of each (person, role), the most findings first and the named before the
    unnamed; a finding two roles answer for is under both."""
    groups: dict[tuple[str | None, str], list[Finding]] = defaultdict(list)
    for f in findings:
        for key in zip(f.person, f.role):
            groups[key].append(f)
    return dict(sorted(groups.items(), key=lambda kv: (kv[0][0] is None, -len(kv[1]), kv[0][0] or "", kv[0][1])))


def render(report: Report) -> str:
    lang = report.lang
    lines: list[str] = []
    for (person, role), found in by_person(report.findings).items():
        lines.append(t("by_person.head", lang, count=len(found), who=visible(who(person, role, lang))))
        for f in found:
            where = " · ".join(x for x in (Path(f.path).name, f.sheet, f"{t('col.row', lang)} {f.row}" if f.row else "",
                                           f.cell or "") if x)
            lines.append(f"    {visible(where)}  {t(f'severity.{f.severity}', lang)}  {f.rule}  {visible(f.message)}")
        lines.append("")
    if not report.findings:
        lines.append(t("by_person.none", lang))
    s = report.summary()
    lines.append(t("summary", lang, **{key: t(f"summary.{key}", lang, count=s[key])
                                       for key in ("files", "registers", "records", "errors", "warnings")}))
    return "\n".join(lines) + "\n"
