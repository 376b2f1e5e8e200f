"""One error family, and every error the toolkit says as data (after frictionless-py's errors/):
a stable code, a title, the zh+en message template (an i18n key) and what to do about it,
catalogued in toolkit.error_catalog (loaded only when an error's code is asked for: `--help`
stays fast). The README's Troubleshooting table is generated from that catalogue.

Exit codes (documented in the README):
  0  no errors found
  1  the registers have errors (findings of severity "error")
  2  a file, a sheet, an option or a setting could not be used (other files are still checked)
  3  mail could not be sent (items stay pending for the next run)
  4  an internal error: a bug in the toolkit, to be reported
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_SEND = 3
EXIT_INTERNAL = 4  # a bug in the toolkit, not in the files or the settings: to be reported


class Phrase:
    """A part of an error's message said in the language the error is rendered in (an i18n key and
    its values): what a system error means, beside the system's own English words."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, **params):
        self.key = key
        self.params = params

    def render(self, lang: str) -> str:
        from toolkit.i18n import t

        return t(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.render("en")


class ToolkitError(Exception):
    """A failure the user can act on: printed as one line, never as a traceback."""

    exit_code = EXIT_INPUT
    default_code = "toolkit-error"  # for a message given as literal text; a catalogued key has its own code
    default_title = "Toolkit error"

    def __init__(self, message: str, *, path: str | None = None, **params):
        """``message`` is an i18n key ("err.encrypted"), whose template ``params`` fill, or literal
        English text, shown as it is: it may quote a server or a file, braces and all."""
        super().__init__(message)
        self.key = message
        self.path = path
        self.params = params

    @property
    def code(self) -> str:
        """The stable code of this error: its catalogued key's, else its class's."""
        from toolkit.error_catalog import ERRORS_BY_KEY

        kind = ERRORS_BY_KEY.get(self.key)
        return kind.code if kind else self.default_code

    @property
    def title(self) -> str:
        from toolkit.error_catalog import ERRORS_BY_KEY

        kind = ERRORS_BY_KEY.get(self.key)
        return kind.title if kind else self.default_title

    def render(self, lang: str = "en", with_path: bool = True) -> str:
        from toolkit.i18n import has_text, t

        params = {k: v.render(lang) if isinstance(v, Phrase) else v for k, v in self.params.items()}
        text = t(self.key, lang, **params) if has_text(self.key) else self.key
        return f"{self.path}: {text}" if (with_path and self.path) else text

    @property
    def message(self) -> str:
        return self.render("en", with_path=False)

    def __str__(self) -> str:
        return self.render("en")


class UsageError(ToolkitError):
    """A bad option, argument or config value."""

    default_code = "usage-error"
    default_title = "Option cannot be used"


class ConfigError(UsageError):
    """toolkit.toml is unreadable or holds an unknown or invalid setting."""

    default_code = "config-error"
    default_title = "Setting cannot be used"


class InputError(ToolkitError):
    """An input file cannot be read as a workbook (missing, encrypted, corrupt, too large)."""

    default_code = "input-error"
    default_title = "File cannot be used"


class OutputError(ToolkitError):
    """An output file cannot be written."""

    default_code = "output-error"
    default_title = "Output cannot be written"


class SendError(ToolkitError):
    """The SMTP server refused or could not be reached after retries."""

    exit_code = EXIT_SEND
    default_code = "send-error"
    default_title = "Mail not sent"
