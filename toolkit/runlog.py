"""``--log FILE``: a run's output appended to a log, for runs nobody watches (Task Scheduler has
no shell to redirect into a file).

Each run starts with a header line (local time and the command). From then on everything the
run writes to stdout and stderr, its one-line errors included, still goes where it went and
is also written to the log, UTF-8, flushed at every write: a run killed or crashing midway
leaves in the log all it had said.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

from toolkit.errors import OutputError


class _Tee:
    """A text stream that writes to ``stream`` (if any) and to ``log``."""

    def __init__(self, stream, log):
        self._stream = stream
        self._log = log

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        n = self._stream.write(text) if self._stream is not None else len(text)
        if self._log is not None:
            try:
                self._log.write(text)
                self._log.flush()
            except (OSError, ValueError):  # a full disk: the run goes on, its log stops
                self._log = None
        return n

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self._stream is not None:
            self._stream.flush()
        if self._log is not None:
            try:
                self._log.flush()
            except (OSError, ValueError):
                self._log = None

    def isatty(self) -> bool:
        return bool(self._stream is not None and self._stream.isatty())

    def __getattr__(self, name):
        # no binary buffer: whoever writes (click's echo included) writes through write()
        if name == "buffer" or self._stream is None:
            raise AttributeError(name)
        return getattr(self._stream, name)


def start_log(path: str | os.PathLike, argv: list[str] | None = None) -> None:
    """Open ``path`` for appending, write the run's header, and copy stdout and stderr into it."""
    path = Path(path)
    try:
        if path.parent != path:
            path.parent.mkdir(parents=True, exist_ok=True)
        log = open(path, "a", encoding="utf-8", errors="replace")
        was_empty = os.fstat(log.fileno()).st_size == 0
        command = " ".join(["toolkit", *(sys.argv[1:] if argv is None else argv)])
        log.write(("" if was_empty else "\n") + f"===== {datetime.now():%Y-%m-%d %H:%M:%S} {command}\n")
        log.flush()
    except OSError as exc:
        raise OutputError("log.cannot_write", path=str(path), detail=exc.strerror or str(exc)) from None
    sys.stdout = _Tee(sys.stdout, log)
    sys.stderr = _Tee(sys.stderr, log)
