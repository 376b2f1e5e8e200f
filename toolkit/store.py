"""The SQLite store beside the config: the reminder ledger and the weekly history.

Two runs at once (a scheduled job and a supervisor) must neither double-send nor corrupt
it: WAL journal, every write in a BEGIN IMMEDIATE transaction, and an exclusive run lock
(a lock file beside the database) held by whoever sends mail.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from toolkit.errors import ToolkitError

STORE_NAME = "toolkit.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sent (
    register   TEXT NOT NULL,  -- absolute path of the register file (older stores: as typed)
    record     TEXT NOT NULL,  -- complaint or order number (or sheet!row when it has none)
    stage      TEXT NOT NULL,  -- due_soon, overdue:<step>, major, no_deadline, unreadable_deadline, weekly
    promised   TEXT NOT NULL,  -- the promised reply time the reminder was about ('' if none)
    recipient  TEXT NOT NULL,  -- email address
    sent_at    TEXT NOT NULL,
    message_id TEXT,
    PRIMARY KEY (register, record, stage, promised, recipient)
);
CREATE TABLE IF NOT EXISTS unconfirmed (
    -- handed to the SMTP server up to the final dot, the answer never heard: it may have arrived;
    -- the next run sends it again (same Message-ID) and says so. Gone once the server answers.
    register   TEXT NOT NULL,
    record     TEXT NOT NULL,
    stage      TEXT NOT NULL,
    promised   TEXT NOT NULL,
    recipient  TEXT NOT NULL,
    message_id TEXT NOT NULL,
    handed_at  TEXT NOT NULL,
    PRIMARY KEY (register, record, stage, promised, recipient)
);
CREATE TABLE IF NOT EXISTS weekly_history (
    week    TEXT PRIMARY KEY,  -- ISO week, 2026-W48
    as_of   TEXT NOT NULL,
    counts  TEXT NOT NULL      -- JSON object of the week's statistics
);
"""


class StoreError(ToolkitError):
    """The store cannot be opened or written (a locked, read-only or damaged file)."""


def store_path(config) -> Path:
    """Where the store lives: ``ledger = "…"`` in the config, else beside the config file."""
    raw = getattr(config, "raw", {}) or {}
    base = config.path.parent if getattr(config, "path", None) else Path.cwd()
    if raw.get("ledger"):
        p = Path(os.path.expanduser(str(raw["ledger"])))
        return p if p.is_absolute() else base / p
    return base / STORE_NAME


class Store:
    def __init__(self, path: Path):
        self.path = Path(path)
        deadline = time.monotonic() + 30
        while True:
            self.db = None
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                self.db.execute("PRAGMA busy_timeout=30000")
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=FULL")
                self.db.executescript(_SCHEMA)
                return
            except sqlite3.Error as exc:
                # Two runs creating the store at the same moment: switching a new file to WAL
                # can report "locked" at once, without waiting. Try again for a while.
                transient = isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))
                if not transient or time.monotonic() >= deadline:
                    raise StoreError("store.cannot_open", path=str(self.path), detail=str(exc)) from None
                if self.db is not None:
                    self.db.close()
                time.sleep(0.1)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: committed as a whole or not at all."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError("store.busy", path=str(self.path), detail=str(exc)) from None
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    @contextlib.contextmanager
    def run_lock(self, wait_seconds: float = 600) -> Iterator[None]:
        """Only one sending run at a time: the second waits for the first, then sees its ledger."""
        lock_path = self.path.with_name(self.path.name + ".lock")
        fh = open(lock_path, "a+")
        try:
            deadline = time.monotonic() + wait_seconds
            while not _try_lock(fh):
                if time.monotonic() > deadline:
                    raise StoreError("store.held", path=str(lock_path))
                time.sleep(0.2)
            yield
        finally:
            _unlock(fh)
            fh.close()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fh) -> bool:
        try:
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fh) -> None:
        with contextlib.suppress(OSError):
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fh) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fh) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
