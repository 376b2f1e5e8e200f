"""The SQLite store: the reminder ledger and the weekly history. It lives where ``ledger`` in
the config says, else beside the config file, else (no config) in the user's data folder: a run
never leaves one in whatever folder it was started from. A preview opens an existing store to
read (``read_only``) and creates none.

Two runs at once (a scheduled job and a supervisor) must neither double-send nor corrupt
it: WAL journal, every write in a BEGIN IMMEDIATE transaction, and an exclusive run lock
(a lock file beside the database) held by whoever sends mail.
"""

from __future__ import annotations

import contextlib
import os
import re
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
    week    TEXT NOT NULL,     -- ISO week, 2026-W48
    as_of   TEXT NOT NULL,
    counts  TEXT NOT NULL,     -- JSON object of the week's statistics
    site    TEXT NOT NULL DEFAULT '',  -- the registers' absolute paths, one a line; '' in rows of older stores
    PRIMARY KEY (site, week)
);
"""

_TABLES = [(m.group(1), m.group(0)) for m in re.finditer(r"CREATE TABLE IF NOT EXISTS (\w+) \(.*?\n\);", _SCHEMA, re.S)]

# Stores written before weekly history was kept per site hold one row per week (week the key,
# no site column): rebuilt once, in one transaction, their rows kept with site ''.
_SITES_MIGRATION = """
CREATE TABLE weekly_history_by_site (
    week TEXT NOT NULL, as_of TEXT NOT NULL, counts TEXT NOT NULL, site TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (site, week));
INSERT INTO weekly_history_by_site (week, as_of, counts) SELECT week, as_of, counts FROM weekly_history;
DROP TABLE weekly_history;
ALTER TABLE weekly_history_by_site RENAME TO weekly_history;
"""


class StoreError(ToolkitError):
    """The store cannot be opened or written (a locked, read-only or damaged file)."""


def store_path(config) -> Path:
    """Where the store lives: ``ledger = "…"`` in the config (relative to the config's folder),
    else beside the config file. With no config: a toolkit.sqlite that an earlier version left in
    the folder the run starts from (its history and ledger stay in use), else the user's data
    folder (platformdirs: ~/.local/share/toolkit, %LOCALAPPDATA%\\toolkit, ~/Library/Application
    Support/toolkit)."""
    raw = getattr(config, "raw", {}) or {}
    config_file = getattr(config, "path", None)
    base = config_file.parent if config_file else Path.cwd()
    if raw.get("ledger"):
        p = Path(os.path.expanduser(str(raw["ledger"])))
        return p if p.is_absolute() else base / p
    if config_file:
        return base / STORE_NAME
    left_here = Path.cwd() / STORE_NAME
    if left_here.is_file():
        return left_here
    return user_data_folder() / STORE_NAME


def user_data_folder() -> Path:
    """The user's data folder for the toolkit (created only when a store is written there)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("toolkit", appauthor=False))


class Store:
    def __init__(self, path: Path, *, read_only: bool = False):
        """Open (and create) the store; ``read_only``: an existing store, read by a preview that
        changes nothing in it (no schema, no journal switch, no lock file)."""
        self.path = Path(path)
        self.read_only = read_only
        deadline = time.monotonic() + 30
        while True:
            self.db = None
            try:
                if read_only:
                    # a plain connection, not mode=ro: it removes its -wal and -shm files on close
                    self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                    self.db.execute("PRAGMA busy_timeout=30000")
                    self.db.execute("PRAGMA temp_store=MEMORY")
                    # a table an older store lacks is read as empty: made in memory, not in the file
                    for name, statement in _TABLES:
                        if not self.has_table(name):
                            self.db.execute(statement.replace("CREATE TABLE", "CREATE TEMP TABLE", 1))
                    self.db.execute("PRAGMA query_only=1")
                    return
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                self.db.execute("PRAGMA busy_timeout=30000")
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=FULL")
                self.db.executescript(_SCHEMA)
                if not self.has_sites():
                    with self.transaction() as db:
                        if not self.has_sites():  # another run may have rebuilt it meanwhile
                            for statement in _SITES_MIGRATION.split(";"):
                                if statement.strip():
                                    db.execute(statement)
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

    def has_sites(self) -> bool:
        """Whether the weekly history is kept per site (False: a store of an earlier version,
        opened read-only; it holds at most one row per week, and no weekly_history at all when
        it was made before there was one)."""
        return any(row[1] == "site" for row in self.db.execute("PRAGMA table_info(weekly_history)"))

    def has_table(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                               (name,)).fetchone() is not None

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
