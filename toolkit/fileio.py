"""Atomic output: write to a temporary file beside the target, then rename over it.

An existing output is replaced only once the new one is complete; a crash leaves either
the old file or the new one, never half of one. Inputs are never opened for writing.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from toolkit.errors import OutputError


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it to ``target`` on success."""
    target = Path(target)
    if target.exists() and not target.is_file():
        # /dev/null, a FIFO, a terminal: nothing to replace, write straight through
        yield target
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", path=str(target)) from None
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        with open(tmp_path, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp_path, target)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(target)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()


@contextlib.contextmanager
def atomic_open(target: str | os.PathLike, mode: str = "w", **kwargs) -> Iterator[IO]:
    """Open a temporary file for writing; it replaces ``target`` only when closed cleanly."""
    with atomic_path(target) as tmp, open(tmp, mode, **kwargs) as fh:
        yield fh
