"""The rule catalog as text, Markdown (the README's table) or JSON: generated, never hand-written."""

from __future__ import annotations

import json

from toolkit.i18n import join, t
from toolkit.outputs.text import display_width, pad
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
    name_width = max(display_width(r.name(lang)) for r in rules) + 2
    severity_width = max(display_width(t("severity." + s, lang)) for s in ("error", "warning")) + 2
    settings = config.settings if config else None  # what it checks with the thresholds in force
    if fmt == "json":
        data = [{"id": r.id, "name": r.name(lang), "kind": r.kind,
                 "severity": config.severity(r.id, r.severity) if config else r.severity,
                 "default_severity": r.severity, "checks": r.describe(lang, settings), "source": r.source,
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
            lines.append(f"| {t('col.id', lang)} | {t('col.rule_name', lang)} | {t('col.severity', lang)} | "
                         f"{t('col.checks', lang)} | {t('col.needs', lang)} | {t('col.source', lang)} |")
            lines.append("|---|---|---|---|---|---|")
            for r in kind_rules:  # the README's table: each threshold by its setting, with its default
                lines.append(f"| `{r.id}` | {r.name(lang)} | {t('severity.' + r.severity, lang)} | {r.describe(lang)} | "
                             f"{_needs(r, lang)} | {r.source} |")
            lines.append("")
        else:
            lines.append(t("kind." + kind, lang))
            for r in kind_rules:
                severity = config.severity(r.id, r.severity) if config else r.severity
                off = "" if not config or config.rule_enabled(r.id) else t("rules.disabled", lang)
                lines.append(f"  {r.id:<{width}}{pad(r.name(lang), name_width)}"
                             f"{pad(t('severity.' + severity, lang), severity_width)}{r.describe(lang, settings)}"
                             f"  ({r.source}){off}")
            lines.append("")
    return "\n".join(lines)
