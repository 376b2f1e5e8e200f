"""Atomic output: write to a temporary file beside the target, then rename over it.

An existing output is replaced only once the new one is complete; a crash leaves either
the old file or the new one, never half of one. Inputs are never opened for writing.
The output gets the permissions any new file gets here (the umask), or keeps those of the
file it replaces; a temporary file left by a killed run is cleaned by a later one.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import time
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
        clean_stale_temporaries(target)
        fd, tmp = tempfile.mkstemp(prefix=f"{_temp_prefix(target)}{os.getpid()}.", suffix=TEMP_SUFFIX, dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError("output.cannot_write_here", path=str(target), detail=exc.strerror or str(exc)) from None
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        with open(tmp_path, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp_path, _mode_for(target))  # mkstemp makes it private to its owner
        os.replace(tmp_path, target)
    except OSError as exc:
        raise OutputError("output.cannot_write", path=str(target), detail=exc.strerror or str(exc)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()


TEMP_SUFFIX = ".tmp"
STALE_AFTER = 6 * 3600  # seconds: no write of ours takes this long, so an older temporary is left over


def _temp_prefix(target: Path) -> str:
    return f".{target.name}."


def _mode_for(target: Path) -> int:
    """The permissions of the file being replaced, else those the umask gives a new file."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~current_umask()


def current_umask() -> int:
    try:  # Linux says it without changing it (no window where another thread sees 0)
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def clean_stale_temporaries(target: Path) -> list[Path]:
    """Remove what a killed write of ``target`` left beside it: ``.NAME.PID.XXXX.tmp`` whose
    process is gone (POSIX), or older than a few hours. Only our own names are touched."""
    removed = []
    prefix = _temp_prefix(target)
    try:
        candidates = [p for p in target.parent.iterdir() if p.name.startswith(prefix) and p.name.endswith(TEMP_SUFFIX)]
    except OSError:
        return removed
    now = time.time()
    for path in candidates:
        middle = path.name[len(prefix):-len(TEMP_SUFFIX)]
        pid_text = middle.split(".", 1)[0]
        try:
            info = path.lstat()
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        old = now - info.st_mtime > STALE_AFTER
        if not old and not (pid_text.isdigit() and not _alive(int(pid_text))):
            continue  # another run may be writing it now
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    """Whether a process with this number exists. On Windows this is not asked (os.kill there
    would end the process), so a temporary is kept until it is old."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to someone else
        return True
    return True


@contextlib.contextmanager
def atomic_open(target: str | os.PathLike, mode: str = "w", **kwargs) -> Iterator[IO]:
    """Open a temporary file for writing; it replaces ``target`` only when closed cleanly."""
    with atomic_path(target) as tmp, open(tmp, mode, **kwargs) as fh:
        yield fh
