"""What the native engine (python-calamine, written in Rust) does that Python code does not.

A Rust panic reaches Python as pyo3's PanicException, which derives from BaseException, not
Exception: ``except Exception`` lets it through (a number far outside any date in a date
column makes the engine panic as it converts the cell). And before raising it, Rust's panic
hook prints its own report, with a backtrace when RUST_BACKTRACE is set, straight to the
process's stderr, where a cron job mails it."""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from collections.abc import Iterator


def is_panic(exc: BaseException) -> bool:
    """A panic of the engine (pyo3_runtime.PanicException; the class is not importable)."""
    return type(exc).__name__ == "PanicException" and not isinstance(exc, Exception)


def panic_detail(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else "panic")[:200]


_REPORT_LIMIT = 1 << 20  # what is given back of the captured stderr


@contextmanager
def quiet_panics() -> Iterator[None]:
    """Keep the engine's panic reports off stderr while a workbook is read: the panic itself is
    reported as the sheet's or the file's one line. Anything else written to stderr meanwhile is
    given back afterwards. Only when stderr is not a terminal (logs, cron mail, a pipe: where a
    stray report stays); on a terminal, and with TOOLKIT_DEBUG=1, stderr is left alone."""
    try:
        leave = os.environ.get("TOOLKIT_DEBUG") == "1" or sys.stderr is None or sys.stderr.isatty()
    except (AttributeError, ValueError, OSError):
        leave = True
    if leave:
        yield
        return
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):
        yield
        return
    captured = tempfile.TemporaryFile()
    try:
        os.dup2(captured.fileno(), 2)
        try:
            yield
        finally:
            try:
                sys.stderr.flush()
            except (OSError, ValueError):
                pass
            os.dup2(saved, 2)
            captured.seek(0)
            text = captured.read(_REPORT_LIMIT)
            if text and b"panicked at" not in text:
                try:
                    sys.stderr.flush()
                    os.write(2, text)
                except OSError:
                    pass
    finally:
        os.close(saved)
        captured.close()
