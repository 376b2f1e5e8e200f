"""[smtp], [reminders] and [people] of toolkit.toml → typed, validated settings.

The SMTP password is never read from the config file or a flag: TOOLKIT_SMTP_PASSWORD, or
the system keyring (service "toolkit", the SMTP user as the name), where `toolkit password
set` stores it (toolkit.mail.password).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from toolkit.errors import ConfigError, SendError
from toolkit.workcalendar import CalendarSettings, calendar_settings

PASSWORD_ENV = "TOOLKIT_SMTP_PASSWORD"
KEYRING_SERVICE = "toolkit"
_ADDRESS = re.compile(r"^[A-Za-z0-9._%+\-']+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$")


def is_address(text: str) -> bool:
    """A plain mailbox address, with nothing a header could be smuggled in."""
    return bool(_ADDRESS.match(text)) and "\n" not in text and "\r" not in text


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str = "localhost"
    port: int = 465
    ssl: bool = True  # implicit TLS
    starttls: bool = False
    sender: str = ""
    user: str = ""  # empty: no login
    ca_file: str | None = None  # a CA bundle to verify the server with (self-signed company CA)
    # X.509 strict checks (Python 3.13+ makes them by default): None keeps Python's default
    tls_strict: bool | None = None
    timeout: float = 30  # connecting and every command, in seconds
    data_timeout: float = 600  # the reply to a message's final dot (RFC 5321 4.5.3.2.6: 10 minutes)
    retry_delays: tuple[float, ...] = (2, 10, 30)  # back-off between attempts; len = retries


@dataclass(frozen=True, slots=True)
class ReminderSettings:
    lead_hours: float = 24
    escalate_to: tuple[str, ...] = ()
    ladder_hours: tuple[float, ...] = ()  # overdue reminders at these hours past due; empty: once a day


@dataclass(frozen=True)
class MailSettings:
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    reminders: ReminderSettings = field(default_factory=ReminderSettings)
    people: dict[str, str] = field(default_factory=dict)  # name (as in the register) → address
    # work_hours, calendar, holidays and workdays of [reminders], with the [calendar.YYYY] tables
    calendar: CalendarSettings = field(default_factory=CalendarSettings)


def _fail(where: str, msg: str):
    raise ConfigError(msg, path=where)


def _check_keys(where, section, table, known):
    if not isinstance(table, dict):
        _fail(where, f"[{section}] must be a table")
    for key in table:
        if key == "password":
            _fail(where, f"{section}.password: passwords never go in the config file; store it with "
                         f"`toolkit password set` (or `python -m keyring set {KEYRING_SERVICE} <user>`), "
                         f"or set {PASSWORD_ENV}")
        if key not in known:
            _fail(where, f"unknown setting '{section}.{key}' (known: {', '.join(known)})")


def _typed(where, name, value, kind):
    if kind is bool:
        if not isinstance(value, bool):
            _fail(where, f"{name} must be true or false")
    elif kind is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            _fail(where, f"{name} must be a number ≥ 0")
    elif kind is int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 65536:
            _fail(where, f"{name} must be a port number")
    elif kind is str and not isinstance(value, str):
        _fail(where, f"{name} must be text")
    return value


def mail_settings(config) -> MailSettings:
    raw = config.raw or {}
    where = str(config.path) if config.path else "toolkit.toml"

    smtp_raw = raw.get("smtp", {})
    kinds = {"host": str, "port": int, "ssl": bool, "starttls": bool, "sender": str, "user": str,
             "ca_file": str, "tls_strict": bool, "timeout": float, "data_timeout": float, "retry_delays": list}
    _check_keys(where, "smtp", smtp_raw, kinds)
    smtp_values = {}
    for key, value in smtp_raw.items():
        if key == "retry_delays":
            if not isinstance(value, list) or not all(isinstance(x, (int, float)) and x >= 0 for x in value):
                _fail(where, "smtp.retry_delays must be a list of seconds")
            smtp_values[key] = tuple(float(x) for x in value)
        else:
            smtp_values[key] = _typed(where, f"smtp.{key}", value, kinds[key])
    smtp = SmtpSettings(**smtp_values)
    if smtp.ssl and smtp.starttls:
        _fail(where, "smtp.ssl (implicit TLS) and smtp.starttls cannot both be true")
    if smtp.user and not (smtp.ssl or smtp.starttls) and not is_loopback(smtp.host):
        raise ConfigError("err.smtp_cleartext", path=where, host=smtp.host)
    if smtp.sender and not is_address(smtp.sender):
        _fail(where, f"smtp.sender '{smtp.sender}' is not an email address")
    if smtp.ca_file:
        ca = os.path.expanduser(smtp.ca_file)
        if not os.path.isabs(ca) and config.path:
            ca = str(config.path.parent / ca)
        smtp = SmtpSettings(**{**smtp_values, "ca_file": ca})

    rem_raw = raw.get("reminders", {})
    _check_keys(where, "reminders", rem_raw, ("lead_hours", "escalate_to", "work_hours", "calendar", "holidays",
                                              "workdays", "ladder_hours", "ladder"))
    rem: dict = {}
    if "lead_hours" in rem_raw:
        rem["lead_hours"] = _typed(where, "reminders.lead_hours", rem_raw["lead_hours"], float)
    if "escalate_to" in rem_raw:
        value = rem_raw["escalate_to"]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
            _fail(where, "reminders.escalate_to must be a list of names or addresses")
        rem["escalate_to"] = tuple(x.strip() for x in value)
    ladder = rem_raw.get("ladder_hours")
    if "ladder" in rem_raw:  # [[reminders.ladder]] after_hours = 24
        steps = rem_raw["ladder"]
        if not isinstance(steps, list) or not all(isinstance(s, dict) and set(s) == {"after_hours"} for s in steps):
            _fail(where, "[[reminders.ladder]] steps take one setting: after_hours")
        ladder = [s["after_hours"] for s in steps]
    if ladder is not None:
        if not isinstance(ladder, list) or not all(isinstance(x, (int, float)) and x >= 0 for x in ladder):
            _fail(where, "reminders.ladder_hours must be a list of hours ≥ 0")
        rem["ladder_hours"] = tuple(sorted(float(x) for x in ladder))
    reminders = ReminderSettings(**rem)

    people_raw = raw.get("people", {})
    if not isinstance(people_raw, dict):
        _fail(where, "[people] must be tables like [people.\"王丽\"] email = \"…\"")
    people: dict[str, str] = {}
    for name, table in people_raw.items():
        if not isinstance(table, dict) or set(table) - {"email"} or "email" not in table:
            _fail(where, f"[people.\"{name}\"] takes one setting: email")
        email = str(table["email"]).strip()
        if not is_address(email):
            _fail(where, f"people.\"{name}\".email '{email}' is not an email address")
        people[_person_key(name)] = email
    return MailSettings(smtp, reminders, people, calendar_settings(config))


def is_loopback(host: str) -> bool:
    """This computer: localhost, 127.0.0.0/8 or ::1 (a login there crosses no network)."""
    import ipaddress

    name = host.strip().strip("[]").rstrip(".").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _person_key(name: str) -> str:
    import unicodedata

    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def address_of(name: str, settings: MailSettings) -> str | None:
    """A person's address: from [people], or the value itself when it is an address."""
    if is_address(name.strip()):
        return name.strip()
    return settings.people.get(_person_key(name))


def smtp_password(smtp: SmtpSettings) -> str | None:
    """From the environment, else the system keyring; None when no login is configured."""
    if not smtp.user:
        return None
    password = os.environ.get(PASSWORD_ENV)
    if password:
        return password
    try:
        import keyring

        password = keyring.get_password(KEYRING_SERVICE, smtp.user)
    except Exception:  # no keyring backend on this machine
        password = None
    if not password:
        raise SendError(f"no SMTP password for {smtp.user}: store it with `toolkit password set` (or "
                        f"`python -m keyring set {KEYRING_SERVICE} {smtp.user}`), or set {PASSWORD_ENV}")
    return password
