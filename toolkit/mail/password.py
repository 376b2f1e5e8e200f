"""`toolkit password`: the SMTP password in the system keyring (Windows Credential Manager,
macOS Keychain, the Secret Service), under the service "toolkit" and the SMTP user, which is
where ``settings.smtp_password`` reads it. It works where the ``keyring`` command is not on
PATH (``pipx install``, ``uv tool install``): the keyring library comes with the toolkit.

Nothing here prints, and no message ever holds the password.
"""

from __future__ import annotations

from toolkit.errors import ToolkitError, UsageError
from toolkit.mail.settings import KEYRING_SERVICE


def smtp_user(config, option: str | None) -> str:
    """``--user``, else ``user`` in [smtp] of the config."""
    user = (option or "").strip()
    if not user:
        smtp = (getattr(config, "raw", None) or {}).get("smtp", {})
        user = str(smtp.get("user", "")).strip() if isinstance(smtp, dict) else ""
    if not user:
        raise UsageError("password.no_user")
    return user


def _detail(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


def keyring_backend():
    """The keyring this machine would use; an error when none can keep a password."""
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyring configuration (PYTHON_KEYRING_BACKEND, keyringrc.cfg)
        raise UsageError("password.no_backend", detail=_detail(exc)) from None
    if isinstance(backend, (fail.Keyring, null.Keyring)):
        raise UsageError("password.no_backend", detail=backend.name)
    return backend


def backend_name(backend) -> str:
    try:
        return str(backend.name)
    except Exception:
        return type(backend).__name__


def _call(backend, method: str, *args, service: str = KEYRING_SERVICE):
    from keyring.errors import NoKeyringError

    try:
        return getattr(backend, method)(service, *args)
    except NoKeyringError as exc:
        raise UsageError("password.no_backend", detail=_detail(exc)) from None
    except Exception as exc:  # locked, refused, no D-Bus session: the backend's own words
        raise ToolkitError("password.failed", backend=backend_name(backend), detail=_detail(exc)) from None


def store_password(user: str, password: str, service: str = KEYRING_SERVICE) -> str:
    """Store it, check that it was kept, and return the keyring's name. ``service``: "toolkit" for the
    SMTP password, toolkit.mail.robots' services for a group robot's key and secret."""
    if not password:
        raise UsageError("password.empty")
    backend = keyring_backend()
    _call(backend, "set_password", user, password, service=service)
    if _call(backend, "get_password", user, service=service) != password:
        raise ToolkitError("password.not_kept", backend=backend_name(backend))
    return backend_name(backend)


def password_stored(user: str, service: str = KEYRING_SERVICE) -> tuple[bool, str]:
    """(whether a password is stored for ``user``, the keyring's name)."""
    backend = keyring_backend()
    return bool(_call(backend, "get_password", user, service=service)), backend_name(backend)


def delete_password(user: str, service: str = KEYRING_SERVICE) -> tuple[bool, str]:
    """(whether there was one to delete, the keyring's name)."""
    backend = keyring_backend()
    if not _call(backend, "get_password", user, service=service):
        return False, backend_name(backend)
    _call(backend, "delete_password", user, service=service)
    return True, backend_name(backend)
