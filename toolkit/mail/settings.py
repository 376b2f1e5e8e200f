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
    from_name: str = ""  # the sender's name recipients see; empty: the mail language's default
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
    # people a group robot's `people` names: reached by the robot, so never "no address" (issue #22)
    robot_people: frozenset[str] = frozenset()


def mail_settings(config) -> MailSettings:
    """[smtp], [reminders] and [people] as settings. Keys, types and ranges were checked with the
    whole file (toolkit.config_schema); what is checked here is what a type cannot say."""
    raw = config.raw or {}
    where = str(config.path) if config.path else "toolkit.toml"

    smtp_values = dict(raw.get("smtp", {}))
    if "retry_delays" in smtp_values:
        smtp_values["retry_delays"] = tuple(float(x) for x in smtp_values["retry_delays"])
    smtp = SmtpSettings(**smtp_values)
    if smtp.ssl and smtp.starttls:
        raise ConfigError("config.ssl_and_starttls", path=where)
    if smtp.user and not (smtp.ssl or smtp.starttls) and not is_loopback(smtp.host):
        raise ConfigError("err.smtp_cleartext", path=where, host=smtp.host)
    if smtp.sender and not is_address(smtp.sender):
        raise ConfigError("config.not_address", path=where, name="smtp.sender", value=smtp.sender)
    if smtp.ca_file:
        ca = os.path.expanduser(smtp.ca_file)
        if not os.path.isabs(ca) and config.path:
            ca = str(config.path.parent / ca)
        smtp = SmtpSettings(**{**smtp_values, "ca_file": ca})

    rem_raw = raw.get("reminders", {})
    rem: dict = {}
    if "lead_hours" in rem_raw:
        rem["lead_hours"] = rem_raw["lead_hours"]
    if "escalate_to" in rem_raw:
        value = rem_raw["escalate_to"]
        value = [value] if isinstance(value, str) else value
        if not all(x.strip() for x in value):
            raise ConfigError("config.addresses", path=where, name="reminders.escalate_to")
        rem["escalate_to"] = tuple(x.strip() for x in value)
    ladder = rem_raw.get("ladder_hours")
    if "ladder" in rem_raw:  # [[reminders.ladder]] after_hours = 24
        ladder = [s["after_hours"] for s in rem_raw["ladder"]]
    if ladder is not None:
        rem["ladder_hours"] = tuple(sorted(float(x) for x in ladder))
    reminders = ReminderSettings(**rem)

    people: dict[str, str] = {}
    for name, table in raw.get("people", {}).items():
        email = table["email"].strip()
        if not is_address(email):
            raise ConfigError("config.not_address", path=where, name=f'people."{name}".email', value=email)
        people[_person_key(name)] = email
    robot_people = frozenset(_person_key(name) for table in raw.get("robots", {}).values()
                             for name in ([table.get("people")] if isinstance(table.get("people"), str)
                                          else table.get("people", [])))
    return MailSettings(smtp, reminders, people, calendar_settings(config), robot_people)


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
        raise SendError("mail.no_password", user=smtp.user)
    return password
