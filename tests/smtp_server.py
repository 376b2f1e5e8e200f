"""A real SMTP server (aiosmtpd) on 127.0.0.1 for the mail tests, with TLS and a login when
asked, and the certificates of a company CA for it."""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import email.policy
import ipaddress
import socket
import ssl
import threading
from dataclasses import dataclass, field
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PASSWORD = "s3cret-Pa55-word"  # what a server started with login=True accepts


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
    """``tls_context``: implicit TLS, or STARTTLS required. ``login``: AUTH LOGIN/PLAIN with
    PASSWORD required (over TLS only, unless ``login_without_tls``)."""

    def __init__(self, handler: Handler | None = None, *, tls_context=None, implicit_tls: bool = False,
                 login: bool = False, login_without_tls: bool = False):
        self.handler = handler or Handler()
        self.port = free_port()
        kwargs = {}
        if tls_context is not None and implicit_tls:
            kwargs["ssl_context"] = tls_context
        elif tls_context is not None:
            kwargs["tls_context"] = tls_context
            kwargs["require_starttls"] = True
        if login:
            kwargs.update(authenticator=_authenticator, auth_required=True)
        if login_without_tls:
            kwargs["auth_require_tls"] = False
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **kwargs)

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


# Who gets the weekly digest (a supervisor by address, 张强 by name) and the finance hand-over.
WEEKLY_RECIPIENTS = ('\n[weekly]\nto = ["supervisor@example.com", "张强"]\nfinance = ["finance@example.com"]\n\n'
                     '[people."张强"]\nemail = "zhangqiang@example.com"\n')


def smtp_config(port: int, *, extra: str = "", people: dict[str, str] | None = None,
                escalate_to: list[str] | None = None, ssl: bool = False, starttls: bool = False,
                smtp_extra: str = "", host: str = "127.0.0.1", user: str = "", ca_file: Path | None = None,
                tls_strict: bool | None = None) -> str:
    """A toolkit.toml for a plain local server (no TLS, no login) unless asked otherwise;
    ``smtp_extra`` adds lines to [smtp] (timeouts)."""
    more = [f'user = "{user}"'] if user else []
    more += [f'ca_file = "{ca_file}"'] if ca_file else []
    more += [f"tls_strict = {str(tls_strict).lower()}"] if tls_strict is not None else []
    more += [smtp_extra] if smtp_extra else []
    people = people or {}
    lines = [
        "[smtp]", f'host = "{host}"', f"port = {port}", f"ssl = {str(ssl).lower()}",
        f"starttls = {str(starttls).lower()}", 'sender = "kefu@example.com"', "retry_delays = [0.05, 0.05]",
        *more, "",
        "[reminders]", "lead_hours = 24", f"escalate_to = {list(escalate_to or [])!r}".replace("'", '"'),
        'calendar = "off"', "",
    ]
    for name, address in people.items():
        lines += [f'[people."{name}"]', f'email = "{address}"', ""]
    return "\n".join(lines) + extra


def _authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok)


# What a company CA made by hand often lacks, and the reason OpenSSL's strict checks give for it.
DEFECTS = {
    "server-cert-without-aki": "Missing Authority Key Identifier",
    "ca-basic-constraints-not-critical": "Basic Constraints of CA cert not marked critical",
    "ca-without-key-usage": "CA cert does not include key usage extension",
}


def certificates(folder: Path, defect: str | None = None) -> tuple[Path, Path, Path]:
    """A self-signed CA and a server certificate for 127.0.0.1 signed by it, both with every extension
    RFC 5280 asks for (what Python 3.13's strict checks require), less the one ``defect`` names:
    the paths of (CA, server certificate, server key)."""
    assert defect is None or defect in DEFECTS
    now = dt.datetime.now(dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Property Group CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(1).not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None),
                         critical=defect != "ca-basic-constraints-not-critical")
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False))
    if defect != "ca-without-key-usage":
        ca = ca.add_extension(_key_usage(key_cert_sign=True, crl_sign=True), critical=True)
    ca = ca.sign(ca_key, hashes.SHA256())
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(2)
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_key_usage(), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False))
    if defect != "server-cert-without-aki":
        cert = cert.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
    cert = cert.sign(ca_key, hashes.SHA256())
    ca_path, cert_path, key_path = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return ca_path, cert_path, key_path


def _key_usage(*, key_cert_sign: bool = False, crl_sign: bool = False) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=True, key_cert_sign=key_cert_sign, crl_sign=crl_sign,
                         content_commitment=False, key_encipherment=False, data_encipherment=False,
                         key_agreement=False, encipher_only=False, decipher_only=False)


def server_context(cert: Path, key: Path) -> ssl.SSLContext:
    """The server's side of TLS with that certificate."""
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    return ctx
