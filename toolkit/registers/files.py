"""Opening a file the user named, or one found in a folder, without trusting it: only regular
files are opened (a link to one is fine; a device such as /dev/zero, a named pipe, which blocks
whoever opens it, or a socket is refused), and no file larger than MAX_FILE_BYTES is read.

The main process reads what a folder holds before the workers start (discovery, duplicate
detection) and reads a file named alone itself; it has no memory cap, so nothing here reads
more than a file's bounded size."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

# A 300,000-row register is about 20 MB; photos in the workbook add what they weigh.
MAX_FILE_BYTES = 500 * 1000**2


def usable_size(path: str | Path) -> int | None:
    """The size of a regular file the toolkit may read (following links), else None: not
    there, not a regular file, or over the maximum. Never opens the file."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
        return None
    return info.st_size


def open_regular(path: str | Path) -> BinaryIO:
    """The file opened for reading, once it is known to be a regular file of a size the
    toolkit reads. Raises InputError for anything else (OSError as open() does: missing,
    permission). Opened without blocking, so a pipe put in the file's place is refused too."""
    from toolkit.errors import InputError

    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(21, "Is a directory", str(path))
    if not stat.S_ISREG(info.st_mode):
        raise InputError("err.not_regular", path=str(path))
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)  # what was opened, not what the name pointed to a moment before
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise InputError("err.not_regular", path=str(path))
        if info.st_size > MAX_FILE_BYTES:
            raise InputError("err.too_large", path=str(path), mb=f"{info.st_size / 1000**2:,.0f}",
                             max_mb=f"{MAX_FILE_BYTES // 1000**2:,}")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_head(path: str | Path, size: int) -> bytes | None:
    """The first ``size`` bytes of a regular file, or None when it is anything else or unreadable."""
    from toolkit.errors import InputError

    try:
        with open_regular(path) as fh:
            return fh.read(size)
    except (OSError, InputError):
        return None
