"""toolkit.toml → a typed, validated Config. Defaults live in one place: the dataclasses here
and in toolkit.model.settings.Settings; ``toolkit init`` writes them out with comments.

Secrets never live here: the SMTP password comes from TOOLKIT_SMTP_PASSWORD or the keyring.
"""

from __future__ import annotations


import tomllib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import ConfigError
from toolkit.i18n import LANGS
from toolkit.model.settings import Settings
from toolkit.model.severity import SEVERITIES

CONFIG_NAME = "toolkit.toml"


@dataclass(frozen=True, slots=True)
class RuleSetting:
    enabled: bool = True
    severity: str | None = None  # None: the rule's default


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    lang: str | None = None
    settings: Settings = field(default_factory=Settings)
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)  # header as written → field
    raw: dict = field(default_factory=dict)  # sections later commands validate themselves

    def rule_enabled(self, rule_id: str) -> bool:
        return self.rules.get(rule_id, RuleSetting()).enabled

    def severity(self, rule_id: str, default: str) -> str:
        return self.rules.get(rule_id, RuleSetting()).severity or default


_VALIDATE_KEYS = ("delay_hours", "handoff_minutes", "min_content_chars", "finance_days", "number_gap_max")
_COMPLAINT_KEYS = ("major_people", "major_open_days")
_WHOLE = ("min_content_chars", "number_gap_max", "major_people")  # counts of characters, forms, people
_AT_LEAST_ONE = ("major_people",)  # 0 people would make every open complaint major
_LARGEST = 1e6  # hours, days, people: anything larger is a typing slip (1e400 is infinity)
# Sections owned by the mail and weekly commands; they validate their own keys.
_OTHER_SECTIONS = ("smtp", "reminders", "people", "weekly", "store", "calendar")
_TOP_KEYS = ("lang", "ledger", "validate", "complaints", "rules", "columns", *_OTHER_SECTIONS)


def find_config(explicit: str | Path | None) -> Path | None:
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError("config file not found", path=str(path))
        return path
    here = Path.cwd() / CONFIG_NAME
    return here if here.is_file() else None


# The rule IDs [rules] may name, asked of the rule catalog by the caller (config sits below the rules)
KnownRules = Callable[[], Collection[str]]


def load_config(explicit: str | Path | None = None, known_rules: KnownRules | None = None) -> Config:
    path = find_config(explicit)
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot be read: {exc}", path=str(path)) from None
    return parse_config(data, path, known_rules)


def parse_config(data: dict, path: Path | None = None, known_rules: KnownRules | None = None) -> Config:
    """``known_rules``: the rule IDs [rules] may name (None: any name is taken)."""
    where = str(path) if path else CONFIG_NAME

    def fail(msg: str):
        raise ConfigError(msg, path=where)

    for key in data:
        if key not in _TOP_KEYS:
            fail(f"unknown setting '{key}' (known: {', '.join(_TOP_KEYS)})")
    lang = data.get("lang")
    if lang is not None and lang not in LANGS:
        fail(f"lang must be one of {', '.join(LANGS)}, not '{lang}'")

    numbers: dict = {}
    for section, keys in (("validate", _VALIDATE_KEYS), ("complaints", _COMPLAINT_KEYS)):
        table = data.get(section, {})
        if not isinstance(table, dict):
            fail(f"[{section}] must be a table")
        for key, value in table.items():
            if key not in keys:
                fail(f"unknown setting '{section}.{key}' (known: {', '.join(keys)})")
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < _LARGEST:
                fail(f"{section}.{key} must be a number ≥ 0, not {value!r}")
            if key in _WHOLE and not float(value).is_integer():
                fail(f"{section}.{key} must be a whole number, not {value!r}")
            if key in _AT_LEAST_ONE and value < 1:
                fail(f"{section}.{key} must be at least 1, not {value!r}")
            numbers[key] = int(value) if float(value).is_integer() else value
    settings = Settings(**numbers)

    rules: dict[str, RuleSetting] = {}
    known = set(known_rules()) if known_rules is not None and data.get("rules") else None
    for rule_id, table in data.get("rules", {}).items():
        if known is not None and rule_id not in known:
            fail(f"unknown rule '{rule_id}' in [rules] (see `toolkit rules`)")
        if not isinstance(table, dict):
            fail(f"[rules.\"{rule_id}\"] must be a table with enabled and/or severity")
        extra = set(table) - {"enabled", "severity"}
        if extra:
            fail(f"unknown setting 'rules.{rule_id}.{sorted(extra)[0]}' (known: enabled, severity)")
        enabled = table.get("enabled", True)
        severity = table.get("severity")
        if not isinstance(enabled, bool):
            fail(f"rules.{rule_id}.enabled must be true or false")
        if severity is not None and severity not in SEVERITIES:
            fail(f"rules.{rule_id}.severity must be one of {', '.join(SEVERITIES)}")
        rules[rule_id] = RuleSetting(enabled, severity)

    from toolkit.registers.fields import all_field_names
    columns = data.get("columns", {})
    if not isinstance(columns, dict):
        fail("[columns] must map header text to a field name")
    known_fields = all_field_names()
    for header, name in columns.items():
        if name not in known_fields:
            fail(f"[columns] \"{header}\" = \"{name}\": unknown field (see the README's field list, or \"ignore\")")
    return Config(path, lang, settings, rules, dict(columns), data)


def init_text() -> str:
    """The commented toolkit.toml that ``toolkit init`` writes: every setting with its default."""
    s = Settings()
    return f'''# toolkit.toml — settings for `toolkit`. Every value below is the default.
# Found in the current folder, or given with --config FILE.

# Language of messages, reports and emails: "zh" or "en" (default: from the locale).
# lang = "zh"

[validate]
# An order completed more than this many hours after dispatch needs a delay reason;
# an order still open this long needs a reason it is unfinished.
delay_hours = {s.delay_hours:g}
# Engineering must sign the order in within this many minutes of dispatch.
handoff_minutes = {s.handoff_minutes:g}
# Repair content shorter than this (characters, punctuation not counted) is too brief.
min_content_chars = {s.min_content_chars}
# Paid orders completed more than this many days ago must be signed for by finance.
finance_days = {s.finance_days:g}
# A jump in form numbers larger than this is a new book or month, not lost forms.
number_gap_max = {s.number_gap_max}

[complaints]
# A complaint involving this many people or more is a major complaint (重大投诉).
major_people = {s.major_people}
# A complaint still open this many days after receipt is a major complaint.
major_open_days = {s.major_open_days:g}

# Per-rule switches and severities ("error" or "warning"). `toolkit rules` lists the IDs.
# [rules."slow-handoff"]
# enabled = true
# severity = "error"

# Headers the alias table does not know: header as written = field name (or "ignore").
# `toolkit validate` prints unmapped headers; field names are listed in the README.
[columns]
# "收单人签字" = "return_signer"
# "师傅" = "repairer_signature"
'''


