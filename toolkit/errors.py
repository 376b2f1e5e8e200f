"""One error family. Each error carries a one-line message and the exit code the CLI uses.

Exit codes (documented in the README):
  0  no errors found
  1  the registers have errors (findings of severity "error")
  2  a file, a sheet or an option could not be used (other files are still checked)
  3  mail could not be sent (items stay pending for the next run)
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_SEND = 3
EXIT_INTERNAL = 4  # a bug in the toolkit, not in the files or the settings: to be reported


class ToolkitError(Exception):
    """A failure the user can act on: printed as one line, never as a traceback."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str, *, path: str | None = None, **params):
        """``message`` is an i18n key ("err.encrypted"), whose template ``params`` fill, or literal
        English text, shown as it is: it may quote a server or a file, braces and all."""
        super().__init__(message)
        self.key = message
        self.path = path
        self.params = params

    def render(self, lang: str = "en", with_path: bool = True) -> str:
        from toolkit.i18n import has_text, t

        text = t(self.key, lang, **self.params) if has_text(self.key) else self.key
        return f"{self.path}: {text}" if (with_path and self.path) else text

    @property
    def message(self) -> str:
        return self.render("en", with_path=False)

    def __str__(self) -> str:
        return self.render("en")


class UsageError(ToolkitError):
    """A bad option, argument or config value."""


class ConfigError(UsageError):
    """toolkit.toml is unreadable or holds an unknown or invalid setting."""


class InputError(ToolkitError):
    """An input file cannot be read as a workbook (missing, encrypted, corrupt, too large)."""


class OutputError(ToolkitError):
    """An output file cannot be written."""


class SendError(ToolkitError):
    """The SMTP server refused or could not be reached after retries."""

    exit_code = EXIT_SEND
