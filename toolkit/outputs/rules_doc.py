"""The rule catalog as text, Markdown (the README's table) or JSON: generated, never hand-written."""

from __future__ import annotations

import json

from toolkit.i18n import join, t
from toolkit.registers.fields import FIELDS, RECORD_KINDS
from toolkit.rules.catalog import all_rules


def _needs(rule, lang: str) -> str:
    labels = FIELDS[rule.kind]
    parts = [labels[f].label(lang) for f in rule.needs]
    if rule.needs_any:
        any_of = ("/".join(labels[f].label(lang) for f in rule.needs_any))
        parts.append(t("rules.any_of", lang, fields=any_of))
    return join(parts, lang, "semicolon") or "—"


def render(lang: str, fmt: str = "text", config=None) -> str:
    rules = all_rules()
    width = max(len(r.id) for r in rules) + 2
    if fmt == "json":
        data = [{"id": r.id, "kind": r.kind, "severity": config.severity(r.id, r.severity) if config else r.severity,
                 "default_severity": r.severity, "checks": r.describe(lang), "source": r.source,
                 "needs": list(r.needs), "needs_any": list(r.needs_any),
                 "enabled": config.rule_enabled(r.id) if config else True} for r in rules]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    lines: list[str] = []
    for kind in RECORD_KINDS:
        kind_rules = [r for r in rules if r.kind == kind]
        if not kind_rules:
            continue
        if fmt == "markdown":
            lines.append(f"**{t('kind.' + kind, lang)}** (`{kind}`)\n")
            lines.append(f"| {t('col.id', lang)} | {t('col.severity', lang)} | {t('col.checks', lang)} | "
                         f"{t('col.needs', lang)} | {t('col.source', lang)} |")
            lines.append("|---|---|---|---|---|")
            for r in kind_rules:
                lines.append(f"| `{r.id}` | {t('severity.' + r.severity, lang)} | {r.describe(lang)} | "
                             f"{_needs(r, lang)} | {r.source} |")
            lines.append("")
        else:
            lines.append(t("kind." + kind, lang))
            for r in kind_rules:
                severity = config.severity(r.id, r.severity) if config else r.severity
                off = "" if not config or config.rule_enabled(r.id) else t("rules.disabled", lang)
                lines.append(f"  {r.id:<{width}}{t('severity.' + severity, lang):<8}{r.describe(lang)}  ({r.source}){off}")
            lines.append("")
    return "\n".join(lines)
