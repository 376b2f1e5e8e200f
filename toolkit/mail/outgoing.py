"""Messages, the sent ledger, the outbox and SMTP delivery (through yagmail).

Exactly once: a message's ledger keys are written in a transaction right after the SMTP
server accepted it (250), before the next message is sent. A crash or a refusal
mid-batch leaves the rest pending; the rerun sends exactly those.
"""

from __future__ import annotations

import email
import smtplib
import email.policy
import re
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from toolkit.errors import SendError
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


@dataclass
class DeliveryResult:
    sent: list[Message] = field(default_factory=list)
    already_sent: list[Message] = field(default_factory=list)
    pending: list[Message] = field(default_factory=list)  # not sent (preview, or a failure stopped the batch)
    invalid: list[tuple[Message, str]] = field(default_factory=list)  # bad addresses: reported, not sent
    outbox_files: list[Path] = field(default_factory=list)
    error: SendError | None = None


def sent_keys(store, keys) -> set[LedgerKey]:
    if store is None or not keys:
        return set()
    found = set()
    for k in keys:
        row = store.db.execute(
            "SELECT 1 FROM sent WHERE register=? AND record=? AND stage=? AND promised=? AND recipient=?",
            (k.register, k.record, k.stage, k.promised, k.recipient)).fetchone()
        if row:
            found.add(k)
    return found


def mark_sent(store, keys, message_id: str | None) -> None:
    now = datetime.now().isoformat(timespec="seconds")
    with store.transaction() as db:
        db.executemany(
            "INSERT OR REPLACE INTO sent (register, record, stage, promised, recipient, sent_at, message_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(k.register, k.record, k.stage, k.promised, k.recipient, now, message_id) for k in keys])


_LINEBREAKS = re.compile(r"[\r\n\t\x0b\x0c\u2028\u2029]+")


def clean_header(text: str) -> str:
    """Subjects and names come from spreadsheets: no line breaks, so no injected headers."""
    return _LINEBREAKS.sub(" ", text).strip()


def _tls_context(smtp):
    import ssl

    # Certificates are always verified; a company CA is given with smtp.ca_file.
    context = ssl.create_default_context(cafile=smtp.ca_file) if smtp.ca_file else ssl.create_default_context()
    if smtp.tls_strict is True:
        context.verify_flags |= ssl.VERIFY_X509_STRICT
    elif smtp.tls_strict is False:
        context.verify_flags &= ~ssl.VERIFY_X509_STRICT
    return context


def _client(settings: MailSettings, *, connect: bool):
    import yagmail

    smtp = settings.smtp
    sender = smtp.sender or smtp.user or "toolkit@localhost"
    kwargs: dict = {"timeout": smtp.timeout}
    starttls: bool | dict = False
    if smtp.ssl or smtp.starttls:
        context = _tls_context(smtp)
        if smtp.ssl:
            kwargs["context"] = context
        else:
            starttls = {"context": context}
    password = smtp_password(smtp) if connect else None
    client = yagmail.SMTP(user=sender, password=password, host=smtp.host, port=smtp.port, smtp_ssl=smtp.ssl,
                          smtp_starttls=starttls, smtp_skip_login=not smtp.user, soft_email_validation=False,
                          **kwargs)
    if smtp.user:
        client.user = smtp.user if "@" in smtp.user else client.user
    client.set_logging(None)
    return client, sender


def compose(message: Message, settings: MailSettings) -> tuple[list[str], str]:
    """The message as it goes on the wire (also what the outbox .eml holds)."""
    client, _ = _client(settings, connect=False)
    recipients, raw = client.prepare_send(
        to=list(message.to), cc=list(message.cc) or None, subject=clean_header(message.subject),
        contents=[message.html], attachments=[str(p) for p in message.attachments] or None,
        headers={"X-Mailer": "toolkit"}, prettify_html=False)
    return recipients, _with_text_part(raw, message.text)


def _with_text_part(raw: str, text: str) -> str:
    """yagmail's plain-text alternative is the HTML source; put the real text version there."""
    from email.mime.text import MIMEText

    msg = email.message_from_string(raw, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() != "multipart/alternative":
            continue
        children = part.get_payload()
        for i, child in enumerate(children):
            if child.get_content_type() == "text/plain":
                children[i] = MIMEText(text, "plain", "utf-8")
                break
        break
    return msg.as_string()


def _message_id(raw: str) -> str | None:
    m = re.search(r"^Message-ID:\s*(\S+)", raw, re.M | re.I)
    return m.group(1) if m else None


def deliver(messages: list[Message], settings: MailSettings, store, *, send: bool,
            outbox: Path | None = None, sleep=time.sleep) -> DeliveryResult:
    """Preview, write to the outbox, and (with ``send``) send what the ledger has not seen."""
    from toolkit.fileio import atomic_open

    result = DeliveryResult()
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

    if not send:
        result.pending = todo
        return result

    client = None
    try:
        for index, message in enumerate(todo):
            recipients, raw = compose(message, settings)
            error = None
            for attempt, delay in enumerate((0.0, *settings.smtp.retry_delays)):
                if delay:
                    sleep(delay)
                try:
                    if client is None:
                        client, sender = _client(settings, connect=True)
                        client.login()
                    refused = client.smtp.sendmail(sender, recipients, _wire(raw))
                    if refused:  # some recipients refused: not delivered to them, so not sent
                        raise smtplib.SMTPRecipientsRefused(refused)
                    error = None
                    break
                except SendError:
                    raise
                except Exception as exc:  # refused, dropped, timed out: retry on a fresh connection
                    error = exc
                    _close(client)
                    client = None
                    if _permanent(exc):
                        break
            if error is not None:
                result.pending = todo[index:]
                result.error = _send_error(settings.smtp, error, attempt + 1, len(result.pending))
                return result
            if message.keys and store is not None:
                mark_sent(store, message.keys, _message_id(raw))
            result.sent.append(message)
    except SendError as exc:
        result.pending = [m for m in todo if m not in result.sent]
        result.error = exc
    finally:
        _close(client)
    return result


def _permanent(exc: Exception) -> bool:
    """Failures a retry cannot mend: wrong credentials, an untrusted certificate, a 5xx refusal."""
    import smtplib
    import ssl

    if isinstance(exc, (smtplib.SMTPAuthenticationError, ssl.SSLCertVerificationError)):
        return True
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(500 <= code < 600 for code, _ in exc.recipients.values())
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
    return SendError(f"SMTP {smtp.host}:{smtp.port} failed after {attempts} attempt(s): {_describe(error)}; "
                     f"{pending} message(s) stay pending for the next run")


def _close(client) -> None:
    if client is not None:
        try:
            client.close()
        except Exception:
            pass


def _describe(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return f"{type(exc).__name__}: {text}"[:300]


def _wire(raw: str) -> bytes:
    """SMTP wants CRLF line ends; smtplib adds them only to str messages, which must be ASCII."""
    return raw.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")
