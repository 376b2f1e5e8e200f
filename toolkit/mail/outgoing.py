"""Messages, the sent ledger, the outbox and SMTP delivery (yagmail connects and logs in).

At least once, with one window. A message's ledger keys are written in a transaction right
after the SMTP server accepted it (250 to the final dot), before the next message is sent: a
message is never recorded as sent unless the server took it. Just before the final dot the
keys are noted as unconfirmed; if the server's answer never comes (it stalls past
``data_timeout``, hangs up, or the run is killed), the message may or may not have arrived:
it is not sent again in the same run, and the next run sends it again, saying so, with the
same Message-ID (derived from what the message is about, so the copy is recognisable).

A recipient the server refuses at RCPT (5xx: for good this run; 4xx: after the retries) is
reported and does not stop the batch: everybody else gets theirs. A failure that is not about
one message (the server unreachable, the login refused, the sender refused) stops the batch
after the retries; the rest stay pending for the next run.
"""

from __future__ import annotations

import email.policy
import re
import smtplib
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from toolkit.errors import Phrase, SendError, ToolkitError
from toolkit.mail.settings import MailSettings, is_address, smtp_password


@dataclass(frozen=True, slots=True)
class LedgerKey:
    register: str
    record: str
    stage: str
    promised: str
    recipient: str


@dataclass(frozen=True)
class Message:
    to: tuple[str, ...]
    subject: str
    html: str
    text: str
    cc: tuple[str, ...] = ()
    attachments: tuple[Path, ...] = ()
    keys: tuple[LedgerKey, ...] = ()
    lang: str = "zh"  # the mail's language: the sender's default name follows it


@dataclass(frozen=True)
class Refusal:
    """The server said no to one recipient of one message (at RCPT, or to the message itself)."""

    message: Message
    address: str
    reply: str  # "550 5.1.1 …", as the server wrote it (one line, shortened)
    permanent: bool  # 5xx: not again this run; 4xx: retried, left for the next run

    @property
    def code(self) -> int:
        head = self.reply[:3]
        return int(head) if head.isdigit() else 0


@dataclass
class DeliveryResult:
    sent: list[Message] = field(default_factory=list)
    already_sent: list[Message] = field(default_factory=list)
    pending: list[Message] = field(default_factory=list)  # not tried: a preview, or a failure stopped the batch
    invalid: list[tuple[Message, str]] = field(default_factory=list)  # bad addresses: reported, not sent
    refused: list[Refusal] = field(default_factory=list)  # recipients the server refused (the others went ahead)
    uncertain: list[Message] = field(default_factory=list)  # handed over, no answer: sent again on the next run
    resent: list[Message] = field(default_factory=list)  # sent again: an earlier run never heard back (also in sent)
    outbox_files: list[Path] = field(default_factory=list)
    attempted: bool = False  # --send, in working time: something was tried
    stop_error: SendError | None = None  # what stopped the batch (the rest are pending)
    warnings: list[tuple[str, dict]] = field(default_factory=list)  # i18n key and params, for stderr
    uncertain_detail: str = ""
    data_timeout: float = 0

    @property
    def error(self) -> SendError | None:
        """What makes the run exit 3: the batch stopped, a reply never came, or a recipient was refused."""
        if self.stop_error is not None:
            return self.stop_error
        if self.uncertain:
            return SendError("mail.uncertain", to=", ".join(m.to[0] for m in self.uncertain),
                             seconds=f"{self.data_timeout:g}", detail=self.uncertain_detail)
        if self.refused:
            return SendError("mail.refused", refusals="; ".join(f"{r.address} ({r.reply})" for r in self.refused))
        return None

    def status(self, message: Message) -> str:
        """sent, resent, already, invalid, refused, deferred, uncertain, pending, or preview."""
        if any(message is m for m in self.sent):
            return "resent" if any(message is m for m in self.resent) else "sent"
        if any(message is m for m in self.already_sent):
            return "already"
        if any(message is m for m, _ in self.invalid):
            return "invalid"
        refusals = self.refusals(message)
        if refusals:
            return "refused" if all(r.permanent for r in refusals) else "deferred"
        if any(message is m for m in self.uncertain):
            return "uncertain"
        return "pending" if self.attempted else "preview"

    def refusals(self, message: Message) -> list[Refusal]:
        return [r for r in self.refused if r.message is message]

    def merge(self, other: "DeliveryResult") -> None:
        """Add a second delivery of the same run (the escalations of refused recipients)."""
        for name in ("sent", "already_sent", "pending", "invalid", "refused", "uncertain", "resent", "outbox_files"):
            getattr(self, name).extend(getattr(other, name))
        self.warnings.extend(w for w in other.warnings if w not in self.warnings)
        self.attempted = self.attempted or other.attempted
        self.stop_error = self.stop_error or other.stop_error
        self.uncertain_detail = self.uncertain_detail or other.uncertain_detail
        self.data_timeout = self.data_timeout or other.data_timeout


# ---- the ledger -------------------------------------------------------------------------------

def _key_rows(keys) -> list[tuple]:
    return [(k.register, k.record, k.stage, k.promised, k.recipient) for k in keys]


def _present(store, table: str, keys) -> set[LedgerKey]:
    if store is None or not keys:
        return set()
    found = set()
    for k in keys:
        row = store.db.execute(
            f"SELECT 1 FROM {table} WHERE register=? AND record=? AND stage=? AND promised=? AND recipient=?",
            (k.register, k.record, k.stage, k.promised, k.recipient)).fetchone()
        if row:
            found.add(k)
    return found


def sent_keys(store, keys) -> set[LedgerKey]:
    return _present(store, "sent", keys)


def unconfirmed_keys(store, keys) -> set[LedgerKey]:
    """Keys of messages an earlier run handed to the server without hearing back."""
    return _present(store, "unconfirmed", keys)


def mark_sent(store, keys, message_id: str | None) -> None:
    now = datetime.now().isoformat(timespec="seconds")
    with store.transaction() as db:
        db.executemany(
            "INSERT OR REPLACE INTO sent (register, record, stage, promised, recipient, sent_at, message_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", [(*row, now, message_id) for row in _key_rows(keys)])
        db.executemany("DELETE FROM unconfirmed WHERE register=? AND record=? AND stage=? AND promised=? "
                       "AND recipient=?", _key_rows(keys))


def _mark_unconfirmed(store, keys, message_id: str) -> None:
    """Noted before the final dot: from here until the server answers, the message may have arrived."""
    if store is None or not keys:
        return
    now = datetime.now().isoformat(timespec="seconds")
    with store.transaction() as db:
        db.executemany(
            "INSERT OR REPLACE INTO unconfirmed (register, record, stage, promised, recipient, message_id, handed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", [(*row, message_id, now) for row in _key_rows(keys)])


def _forget_unconfirmed(store, keys) -> None:
    """The server answered no: the message did not arrive."""
    if store is None or not keys:
        return
    with store.transaction() as db:
        db.executemany("DELETE FROM unconfirmed WHERE register=? AND record=? AND stage=? AND promised=? "
                       "AND recipient=?", _key_rows(keys))


# ---- the message ------------------------------------------------------------------------------

_LINEBREAKS = re.compile(r"[\r\n\t\x0b\x0c\u2028\u2029]+")


def clean_header(text: str) -> str:
    """Subjects and names come from spreadsheets: no line breaks, so no injected headers."""
    return _LINEBREAKS.sub(" ", text).strip()


def _sender(settings: MailSettings) -> str:
    smtp = settings.smtp
    return smtp.sender or (smtp.user if "@" in smtp.user else "") or "toolkit@localhost"


def sender_name(settings: MailSettings, lang: str) -> str:
    """The name recipients see beside the address ([smtp] from_name, else the centre's word for it)."""
    from toolkit.i18n import t

    return clean_header(settings.smtp.from_name) or t("mail.from_name", lang)


def message_id(message: Message, sender: str) -> str:
    """Stable: the same reminder (register, record, stage, promised time, recipient) or the same
    week's digest has the same Message-ID in every run, so a copy sent again is recognisable."""
    import hashlib

    if message.keys:
        what = sorted("\x1f".join(row) for row in _key_rows(message.keys))
    else:
        what = [*message.to, *message.cc, message.subject, message.html]
    digest = hashlib.sha256("\x1e".join(what).encode("utf-8")).hexdigest()[:32]
    domain = sender.rpartition("@")[2] or "localhost"
    return f"<{digest}.toolkit@{domain}>"


def compose(message: Message, settings: MailSettings) -> tuple[list[str], str]:
    """The message as it goes on the wire (also what the outbox .eml holds): multipart/alternative
    with the text version and our HTML document exactly as rendered, then any attachments."""
    import mimetypes
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.utils import formatdate

    sender = _sender(settings)
    msg = EmailMessage(policy=email.policy.SMTP)
    # A Chinese name goes out as an RFC 2047 encoded word; the envelope sender stays the bare address.
    local, _, domain = sender.rpartition("@")
    msg["From"] = Address(display_name=sender_name(settings, message.lang), username=local, domain=domain)
    msg["To"] = ", ".join(message.to)
    if message.cc:
        msg["Cc"] = ", ".join(message.cc)
    msg["Subject"] = clean_header(message.subject)
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = message_id(message, sender)
    msg["X-Mailer"] = "toolkit"
    msg.set_content(message.text, subtype="plain", charset="utf-8")
    msg.add_alternative(message.html, subtype="html", charset="utf-8")
    for path in message.attachments:
        path = Path(path)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        maintype, subtype = kind.split("/", 1)
        msg.add_attachment(path.read_bytes(), maintype=maintype, subtype=subtype, filename=path.name)
    return [*message.to, *message.cc], msg.as_string()


def _wire(raw: str) -> bytes:
    """SMTP wants CRLF line ends."""
    return raw.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


# ---- SMTP -------------------------------------------------------------------------------------

def _tls_context(smtp):
    import ssl

    # Certificates are always verified; a company CA is given with smtp.ca_file.
    context = ssl.create_default_context(cafile=smtp.ca_file) if smtp.ca_file else ssl.create_default_context()
    if smtp.tls_strict is True:
        context.verify_flags |= ssl.VERIFY_X509_STRICT
    elif smtp.tls_strict is False:
        context.verify_flags &= ~ssl.VERIFY_X509_STRICT
    return context


def _client(settings: MailSettings):
    """Connected (and logged in): yagmail's client, whose smtplib connection sends."""
    import yagmail

    smtp = settings.smtp
    kwargs: dict = {"timeout": smtp.timeout}
    starttls: bool | dict = False
    if smtp.ssl or smtp.starttls:
        context = _tls_context(smtp)
        if smtp.ssl:
            kwargs["context"] = context
        else:
            starttls = {"context": context}
    password = smtp_password(smtp)
    client = yagmail.SMTP(user=_sender(settings), password=password, host=smtp.host, port=smtp.port,
                          smtp_ssl=smtp.ssl, smtp_starttls=starttls, smtp_skip_login=not smtp.user,
                          soft_email_validation=False, **kwargs)
    if smtp.user:
        client.user = smtp.user if "@" in smtp.user else client.user
    client.set_logging(None)
    client.login()
    return client


class _NoAnswer(Exception):
    """The message went, up to its final dot; the server's answer did not come back."""

    def __init__(self, detail: str, timed_out: bool):
        super().__init__(detail)
        self.detail = detail
        self.timed_out = timed_out


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return clean_header(f"{code} {text}")[:200]


def _transaction(conn: smtplib.SMTP, sender: str, recipients: list[str], body: bytes, data_timeout: float,
                 handed_over) -> dict[str, tuple[int, bytes]]:
    """One SMTP mail transaction, as smtplib's sendmail but with the long wait for the answer to the
    final dot only, and ``handed_over()`` called just before the dot. Returns the refused recipients
    when some were accepted; raises SMTPRecipientsRefused when none was."""
    conn.ehlo_or_helo_if_needed()
    options = [f"size={len(body)}"] if conn.does_esmtp and conn.has_extn("size") else []
    code, resp = conn.mail(sender, options)
    if code != 250:
        conn.close() if code == 421 else conn.rset()
        raise smtplib.SMTPSenderRefused(code, resp, sender)
    refused: dict[str, tuple[int, bytes]] = {}
    for address in recipients:
        code, resp = conn.rcpt(address)
        if code not in (250, 251):
            refused[address] = (code, resp)
        if code == 421:
            conn.close()
            raise smtplib.SMTPRecipientsRefused(refused)
    if len(refused) == len(recipients):
        conn.rset()
        raise smtplib.SMTPRecipientsRefused(refused)
    code, resp = conn.docmd("data")
    if code != 354:
        conn.rset()
        raise smtplib.SMTPDataError(code, resp)
    data = re.sub(rb"(?m)^\.", b"..", body)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    handed_over()
    conn.send(data + b".\r\n")
    sock = conn.sock
    try:
        if sock is not None:
            sock.settimeout(data_timeout)
        code, resp = conn.getreply()
    except smtplib.SMTPServerDisconnected as exc:
        timed_out = isinstance(exc.__context__, TimeoutError)
        raise _NoAnswer(_describe(exc), timed_out) from None
    finally:
        if sock is not None and conn.sock is not None:
            sock.settimeout(conn.timeout)
    if code != 250:
        raise smtplib.SMTPDataError(code, resp)
    return refused


def deliver(messages: list[Message], settings: MailSettings, store, *, send: bool,
            outbox: Path | None = None, sleep=time.sleep) -> DeliveryResult:
    """Preview, write to the outbox, and (with ``send``) send what the ledger has not seen."""
    from toolkit.fileio import atomic_open

    smtp = settings.smtp
    result = DeliveryResult(data_timeout=smtp.data_timeout)
    todo: list[Message] = []
    for message in messages:
        bad = [a for a in (*message.to, *message.cc) if not is_address(a)]
        if bad:
            result.invalid.append((message, ", ".join(bad)))
            continue
        if message.keys and sent_keys(store, message.keys) == set(message.keys):
            result.already_sent.append(message)
            continue
        todo.append(message)

    if outbox is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        for n, message in enumerate(todo, 1):
            _, raw = compose(message, settings)
            safe = re.sub(r"[^A-Za-z0-9@._-]+", "_", (message.to or message.cc or ("mail",))[0])
            path = Path(outbox) / f"{stamp}-{n:03d}-{safe}.eml"
            with atomic_open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(raw)
            result.outbox_files.append(path)

    if not send or not todo:
        result.pending = todo
        return result

    result.attempted = True
    if smtp.user and not (smtp.ssl or smtp.starttls):  # allowed for this computer only (settings)
        result.warnings.append(("mail.warn_cleartext", {"host": smtp.host}))
    sender = _sender(settings)
    client = None

    def drop():
        nonlocal client
        _close(client)
        client = None

    try:
        for index, message in enumerate(todo):
            recipients, raw = compose(message, settings)
            body = _wire(raw)
            mid = message_id(message, sender)
            again = bool(unconfirmed_keys(store, message.keys))

            def not_delivered(keys=message.keys, again=again):
                """A definite no: this attempt's note goes. An earlier run's stays: that copy may have arrived."""
                if not again:
                    _forget_unconfirmed(store, keys)

            last: Exception | None = None
            outcome = None
            for attempt, delay in enumerate((0.0, *smtp.retry_delays)):
                if delay:
                    sleep(delay)
                try:
                    if client is None:
                        client = _client(settings)
                    refused = _transaction(client.smtp, sender, recipients, body, smtp.data_timeout,
                                           lambda: _mark_unconfirmed(store, message.keys, mid))
                    outcome = ("sent", refused)
                    break
                except _NoAnswer as exc:  # it may have arrived: never again in this run
                    drop()
                    outcome = ("uncertain", exc)
                    break
                except smtplib.SMTPRecipientsRefused as exc:  # nobody of this message accepted at RCPT
                    last = exc
                    if all(500 <= code < 600 for code, _ in exc.recipients.values()):
                        outcome = ("refused", exc.recipients)
                        break
                    if any(code == 421 for code, _ in exc.recipients.values()):
                        drop()
                except smtplib.SMTPDataError as exc:  # the message itself refused (before or after the dot)
                    not_delivered()
                    last = exc
                    if 500 <= exc.smtp_code < 600:
                        outcome = ("refused", {a: (exc.smtp_code, exc.smtp_error) for a in recipients})
                        break
                    drop()
                except ToolkitError:
                    raise
                except Exception as exc:  # dropped, timed out, refused: retry on a fresh connection
                    not_delivered()  # anything after the dot that may have arrived is _NoAnswer, above
                    last = exc
                    drop()
                    if _permanent(exc):
                        break
            if outcome is None and isinstance(last, smtplib.SMTPRecipientsRefused):
                outcome = ("deferred", last.recipients)  # 4xx to the end: the next run tries again
            if outcome is None:
                result.pending = todo[index:]
                result.stop_error = _send_error(smtp, last, attempt + 1, len(result.pending))
                return result
            kind, detail = outcome
            if kind == "uncertain":
                result.uncertain.append(message)
                result.uncertain_detail = detail.detail
                if detail.timed_out:  # a server that stalls is not made to stall again: the rest wait
                    result.pending = todo[index + 1:]
                    if result.pending:
                        result.stop_error = SendError(
                            "mail.uncertain_stopped", to=message.to[0], seconds=f"{smtp.data_timeout:g}",
                            detail=detail.detail, pending=len(result.pending))
                    return result
                continue
            refusals = detail  # the recipients refused (for "sent": those of several that were)
            for address, (code, text) in refusals.items():
                result.refused.append(Refusal(message, address, _reply(code, text), 500 <= code < 600))
            if kind != "sent":
                not_delivered()
                continue
            delivered = [k for k in message.keys if k.recipient not in refusals]
            if store is not None and message.keys:
                mark_sent(store, delivered, mid)
                not_delivered([k for k in message.keys if k.recipient in refusals])
            result.sent.append(message)
            if again:
                result.resent.append(message)
    except SendError as exc:  # no password to log in with
        done = {id(m) for m in result.sent} | {id(m) for m in result.uncertain} | {id(r.message) for r in result.refused}
        result.pending = [m for m in todo if id(m) not in done]
        result.stop_error = exc
    finally:
        _close(client)
    return result


def _permanent(exc: Exception) -> bool:
    """Failures a retry cannot mend: wrong credentials, an untrusted certificate, a 5xx refusal."""
    import ssl

    if isinstance(exc, (smtplib.SMTPAuthenticationError, ssl.SSLCertVerificationError)):
        return True
    code = getattr(exc, "smtp_code", None)
    return isinstance(code, int) and 500 <= code < 600


# OpenSSL's reasons that only its strict checks give (Python 3.13+ makes them by default): the chain
# leads to a trusted CA, but its certificates lack extensions RFC 5280 asks for.
_STRICT_ONLY = frozenset({
    "Missing Authority Key Identifier", "Missing Subject Key Identifier",
    "Basic Constraints of CA cert not marked critical", "CA cert does not include key usage extension",
    "Authority Key Identifier marked critical", "Subject Key Identifier marked critical",
    "Empty Subject Alternative Name extension", "Subject empty and Subject Alt Name extension not critical",
    "Path length invalid for non-CA cert", "Path length given without key usage keyCertSign",
    "Key usage keyCertSign invalid for non-CA cert", "Issuer name empty", "Subject name empty",
    "Using cert extension requires at least X509v3", "Certificate public key has explicit ECC parameters",
})


def _send_error(smtp, error: Exception, attempts: int, pending: int) -> SendError:
    reason = getattr(error, "verify_message", None)
    if reason in _STRICT_ONLY:
        return SendError("err.tls_strict", host=smtp.host, port=smtp.port, reason=reason, pending=pending)
    return SendError("mail.failed", server=f"{smtp.host}:{smtp.port}", attempts=attempts, detail=_cause(error),
                     pending=pending)


def _cause(exc: Exception | None):
    """What a failure means, in the words of the run's language, the system's own text beside it."""
    import socket
    import ssl

    detail = _describe(exc)
    for kind, key in ((smtplib.SMTPAuthenticationError, "mail.cause.login"), (ConnectionRefusedError, "mail.cause.refused"),
                      (socket.gaierror, "mail.cause.unknown_host"), (ssl.SSLCertVerificationError, "mail.cause.certificate"),
                      (TimeoutError, "mail.cause.timeout"), (smtplib.SMTPServerDisconnected, "mail.cause.disconnected")):
        if isinstance(exc, kind):
            return Phrase(key, detail=detail)
    return detail


def _close(client) -> None:
    if client is not None:
        try:
            client.close()
        except Exception:
            pass


def _describe(exc: Exception | None) -> str:
    if exc is None:
        return "?"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{type(exc).__name__}: {_reply(exc.smtp_code, exc.smtp_error)}"
    text = clean_header(str(exc)) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"[:300]
