"""pytest's hooks and fixtures: the requires_corpus / requires_soffice markers, a register
builder in tmp_path, and a local SMTP server stopped after the test. Plain helpers are in
helpers.py (test files import them from there, never from here)."""

from __future__ import annotations

import os

import pytest

from helpers import CORPUS, short_complaints_file, soffice, week_registers, write_register
from smtp_server import WEEKLY_RECIPIENTS, SmtpServer, smtp_config

IN_CI = os.environ.get("CI") == "true"


# Tests that need what a newcomer's clone may lack: they skip with the reason there, and fail
# under CI=true, where ../shared is beside the clone and .ci/run installs LibreOffice.
def pytest_configure(config):
    config.addinivalue_line("markers", "requires_corpus: needs ../shared/corpus beside the checkout")
    config.addinivalue_line("markers", "requires_soffice: needs LibreOffice (soffice) on PATH")
    # A run with no config keeps its store in the user's data folder: the suite's runs use a
    # folder of their own (XDG_DATA_HOME, which platformdirs follows), never the tester's.
    import tempfile

    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="toolkit-tests-data-")


def _lacking(item) -> str | None:
    if item.get_closest_marker("requires_corpus") and not CORPUS.is_dir():
        return f"{CORPUS} is absent: ../shared/corpus is not beside this checkout"
    if item.get_closest_marker("requires_soffice") and not soffice():
        return "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"
    return None


def pytest_runtest_setup(item):
    reason = _lacking(item)
    if reason:
        if IN_CI:
            pytest.fail(f"{reason} (under CI=true this is a failure, not a skip)", pytrace=False)
        pytest.skip(reason)


@pytest.fixture
def register(tmp_path):
    """register(rows, header=None, **kw) → path of a fresh one-sheet register in tmp_path."""
    counter = iter(range(10_000))

    def make(rows, header=None, **kw):
        return write_register(tmp_path / f"register{next(counter)}.xlsx", rows, header, **kw)

    return make


@pytest.fixture
def smtp_server():
    """smtp_server(handler=None, **kw) → a real SMTP server on 127.0.0.1, started; every one
    started is stopped after the test."""
    started = []

    def start(*args, **kw) -> SmtpServer:
        server = SmtpServer(*args, **kw).__enter__()
        started.append(server)
        return server

    yield start
    for server in started:
        server.__exit__(None, None, None)


@pytest.fixture
def reminder_site(tmp_path, smtp_server):
    """reminder_site(rows, …) → (register, server): a short complaint register of these rows in
    tmp_path, a fresh local server, and the toolkit.toml beside the register pointing at it."""
    def make(rows, *, people: dict[str, str], escalate_to=(), handler=None, title="投诉登记表（2026年11月）",
             smtp_extra: str = "", extra: str = ""):
        path = short_complaints_file(tmp_path, rows, title=title)
        server = smtp_server(handler)
        (tmp_path / "toolkit.toml").write_text(
            smtp_config(server.port, people=people, escalate_to=list(escalate_to), smtp_extra=smtp_extra, extra=extra),
            encoding="utf-8")
        return path, server
    return make


@pytest.fixture
def weekly_site(tmp_path, smtp_server):
    """weekly_site(handler=None, extra=WEEKLY_RECIPIENTS) → server: the week's registers in tmp_path
    (helpers.week_registers), a fresh local server, and the toolkit.toml pointing at it."""
    def make(handler=None, extra: str = WEEKLY_RECIPIENTS):
        week_registers(tmp_path)
        server = smtp_server(handler)
        (tmp_path / "toolkit.toml").write_text(smtp_config(server.port, extra=extra), encoding="utf-8")
        return server
    return make
