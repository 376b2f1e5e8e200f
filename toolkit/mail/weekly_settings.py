"""The [weekly] section of toolkit.toml: who gets the weekly digest.

    [weekly]
    to = ["supervisor@example.com", "张强"]   # the full digest (addresses, or names in [people])
    finance = ["finance@example.com"]         # the finance hand-over list
    engineering = ["工程部"]                   # the unfinished orders (no customer's name or phone)
    lang = "zh"                               # digest language (default: lang)
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.errors import ConfigError
from toolkit.mail.settings import address_of, mail_settings


@dataclass(frozen=True, slots=True)
class WeeklySettings:
    to: tuple[str, ...] = ()
    finance: tuple[str, ...] = ()
    lang: str | None = None
    engineering: tuple[str, ...] = ()

    @property
    def recipients(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.to + self.finance + self.engineering))


def weekly_settings(config) -> WeeklySettings:
    """``[weekly]`` from ``config.raw`` (its keys and types checked with the whole file, in
    toolkit.config_schema); a name that is neither an address nor in [people] is a ConfigError."""
    where = str(config.path) if getattr(config, "path", None) else "toolkit.toml"
    table = (getattr(config, "raw", None) or {}).get("weekly", {})
    people = mail_settings(config)  # [people] names may stand for addresses
    lists = {}
    for key in ("to", "finance", "engineering"):
        value = table.get(key, [])
        addresses = []
        for entry in [value] if isinstance(value, str) else value:
            address = address_of(entry, people) if entry.strip() else None
            if address is None:
                raise ConfigError("config.unknown_person", path=where, name=f"weekly.{key}", entry=entry)
            addresses.append(address)
        lists[key] = tuple(dict.fromkeys(addresses))
    return WeeklySettings(lists["to"], lists["finance"], table.get("lang"), lists["engineering"])
