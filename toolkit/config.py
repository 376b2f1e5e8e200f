"""toolkit.toml → a typed, validated Config. Every setting is declared once, in
toolkit.config_schema (type, default, range, what it does); ``check`` there validates the whole
file, and the readers here and in mail/, followup/ and workcalendar convert what it let through.

Secrets never live here: the SMTP password comes from TOOLKIT_SMTP_PASSWORD or the keyring.
"""

from __future__ import annotations


import tomllib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from toolkit import config_schema
from toolkit.errors import ConfigError
from toolkit.model.settings import Settings

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
    region: str | None = None  # [registers] region: whose phones, money and dates; None: guessed per register

    def rule_enabled(self, rule_id: str) -> bool:
        return self.rules.get(rule_id, RuleSetting()).enabled

    def severity(self, rule_id: str, default: str) -> str:
        return self.rules.get(rule_id, RuleSetting()).severity or default


def find_config(explicit: str | Path | None) -> Path | None:
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError("config.not_found", path=str(path))
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
        raise ConfigError("config.not_toml", path=str(path), detail=str(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError("config.unreadable", path=str(path), detail=str(exc)) from None
    return parse_config(data, path, known_rules)


def parse_config(data: dict, path: Path | None = None, known_rules: KnownRules | None = None) -> Config:
    """``known_rules``: the rule IDs [rules] may name (None: any name is taken)."""
    where = str(path) if path else CONFIG_NAME
    config_schema.check(data, where)  # every section and key, its type and range

    numbers: dict = {}
    for section in ("validate", "complaints"):
        for key, value in data.get(section, {}).items():
            if isinstance(value, str):  # a choice (number_gaps)
                numbers[key] = value
            else:
                numbers[key] = int(value) if float(value).is_integer() else value
    settings = Settings(**numbers)

    rules: dict[str, RuleSetting] = {}
    known = set(known_rules()) if known_rules is not None and data.get("rules") else None
    for rule_id, table in data.get("rules", {}).items():
        if known is not None and rule_id not in known:
            raise ConfigError("config.unknown_rule", path=where, rule=rule_id)
        rules[rule_id] = RuleSetting(table.get("enabled", True), table.get("severity"))

    from toolkit.registers.fields import all_field_names
    columns = data.get("columns", {})
    known_fields = all_field_names()
    for header, name in columns.items():
        if not isinstance(name, str) or name not in known_fields:
            raise ConfigError("config.unknown_field", path=where, header=header, field=name)
    return Config(path, data.get("lang"), settings, rules, dict(columns), data,
                  data.get("registers", {}).get("region"))


def init_text(lang: str = "en") -> str:
    """The commented toolkit.toml that ``toolkit init`` writes: every setting with its default."""
    return config_schema.init_text(lang)
