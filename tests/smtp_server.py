"""A real SMTP server (aiosmtpd) on 127.0.0.1 for the mail tests, with TLS when asked."""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Received:
    sender: str
    recipients: list[str]
    raw: bytes

    @property
    def message(self):
        return email.message_from_bytes(self.raw, policy=email.policy.default)

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    def part(self, content_type: str) -> str:
        for part in self.message.walk():
            if part.get_content_type() == content_type and not part.get_filename():
                return part.get_content().replace("\r\n", "\n")  # a line is a line to the reader, CRLF or LF
        raise AssertionError(f"no {content_type} part")

    def attachments(self) -> list[str]:
        return [p.get_filename() for p in self.message.walk() if p.get_filename()]


@dataclass
class Handler:
    """What the server does is scripted: refuse some recipients at RCPT, refuse or never answer
    the Nth message, accept a message and then stall or hang up before saying so."""

    received: list[Received] = field(default_factory=list)
    refuse_from: int | None = None  # refuse the Nth message (1-based) and every one after it
    hang_on: int | None = None  # never answer the Nth message (the client waits, then is killed)
    # RCPT TO:<address> answered with this reply ("550 5.1.1 …", "452 4.2.2 …") instead of 250
    refuse_rcpt: dict[str, str] = field(default_factory=dict)
    # accept the Nth message (it counts as received: the server took it), then…
    stall_after_accept: int | None = None  # …wait stall_seconds before the 250 (forever if None)
    stall_seconds: float | None = None
    drop_after_accept: int | None = None  # …close the connection without a reply
    arrived: threading.Event = field(default_factory=threading.Event)
    rcpt_log: list[str] = field(default_factory=list)  # every RCPT TO the server was asked, in order
    _count: int = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.rcpt_log.append(address)
        reply = self.refuse_rcpt.get(address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self._count += 1
        if self.hang_on is not None and self._count >= self.hang_on:
            self.arrived.set()
            await asyncio.sleep(3600)
        if self.refuse_from is not None and self._count >= self.refuse_from:
            return "451 4.3.0 try again later"
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        if self.drop_after_accept is not None and self._count == self.drop_after_accept:
            self.arrived.set()
            server.transport.abort()  # the message is taken; the reply never leaves
            return "250 OK"
        if self.stall_after_accept is not None and self._count == self.stall_after_accept:
            self.arrived.set()
            await asyncio.sleep(3600 if self.stall_seconds is None else self.stall_seconds)
        return "250 OK"


class SmtpServer:
    def __init__(self, handler: Handler | None = None, *, tls_context=None, implicit_tls: bool = False):
        self.handler = handler or Handler()
        self.port = free_port()
        kwargs = {}
        if tls_context is not None and implicit_tls:
            kwargs["ssl_context"] = tls_context
        elif tls_context is not None:
            kwargs["tls_context"] = tls_context
            kwargs["require_starttls"] = True
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **kwargs)

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def smtp_config(port: int, *, extra: str = "", people: dict[str, str] | None = None,
                escalate_to: list[str] | None = None, ssl: bool = False, starttls: bool = False,
                smtp_extra: str = "") -> str:
    """A toolkit.toml for a plain local server (no TLS, no login) unless asked otherwise;
    ``smtp_extra`` adds lines to [smtp] (timeouts)."""
    people = people or {}
    lines = [
        "[smtp]", 'host = "127.0.0.1"', f"port = {port}", f"ssl = {str(ssl).lower()}",
        f"starttls = {str(starttls).lower()}", 'sender = "kefu@example.com"', "retry_delays = [0.05, 0.05]",
        *([smtp_extra] if smtp_extra else []), "",
        "[reminders]", "lead_hours = 24", f"escalate_to = {list(escalate_to or [])!r}".replace("'", '"'),
        'calendar = "off"', "",
    ]
    for name, address in people.items():
        lines += [f'[people."{name}"]', f'email = "{address}"', ""]
    return "\n".join(lines) + extra
