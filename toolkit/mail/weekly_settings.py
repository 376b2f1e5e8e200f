"""The [weekly] section of toolkit.toml: who gets the weekly digest.

    [weekly]
    to = ["supervisor@example.com", "张强"]   # the full digest (addresses, or names in [people])
    finance = ["finance@example.com"]         # the finance hand-over list
    lang = "zh"                               # digest language (default: lang)
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.errors import ConfigError
from toolkit.i18n import LANGS
from toolkit.mail.settings import address_of, mail_settings

_KEYS = ("to", "finance", "lang")


@dataclass(frozen=True, slots=True)
class WeeklySettings:
    to: tuple[str, ...] = ()
    finance: tuple[str, ...] = ()
    lang: str | None = None

    @property
    def recipients(self) -> tuple[str, ...]:
        return self.to + tuple(a for a in self.finance if a not in self.to)


def weekly_settings(config) -> WeeklySettings:
    """Validate ``[weekly]`` from ``config.raw``; a bad key or address is a ConfigError (exit 2)."""
    where = str(config.path) if getattr(config, "path", None) else "toolkit.toml"
    table = (getattr(config, "raw", None) or {}).get("weekly", {})

    def fail(msg: str):
        raise ConfigError(msg, path=where)

    if not isinstance(table, dict):
        fail("[weekly] must be a table")
    for key in table:
        if key not in _KEYS:
            fail(f"unknown setting 'weekly.{key}' (known: {', '.join(_KEYS)})")
    people = mail_settings(config)  # [people] names may stand for addresses
    lists = {}
    for key in ("to", "finance"):
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
            fail(f"weekly.{key} must be a list of email addresses")
        addresses = []
        for entry in value:
            address = address_of(entry, people) if entry.strip() else None
            if address is None:
                fail(f"weekly.{key}: \"{entry}\" is neither an email address nor a name in [people]")
            addresses.append(address)
        lists[key] = tuple(dict.fromkeys(addresses))
    lang = table.get("lang")
    if lang is not None and lang not in LANGS:
        fail(f"weekly.lang must be one of {', '.join(LANGS)}, not '{lang}'")
    return WeeklySettings(lists["to"], lists["finance"], lang)
