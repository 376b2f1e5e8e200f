"""The progress bar: on stderr when it is a terminal and the run takes a while, never when it
is a pipe or a file (logs, cron) and never for JSON output. A real pseudo-terminal stands in
for the clerk's console."""

from __future__ import annotations

import os
import sys

import pytest

from toolkit.outputs.progress import Progress


def _terminal_output(monkeypatch, enabled: bool, delay: float, steps: list[tuple[int, int]]) -> str:
    master, slave = os.openpty()
    terminal = open(slave, "w", encoding="utf-8", buffering=1)
    monkeypatch.setattr(sys, "stderr", terminal)
    try:
        progress = Progress("validate", enabled=enabled, delay=delay)
        for done, total in steps:
            progress(done, total)
        progress.close()
        terminal.flush()
        os.set_blocking(master, False)
        try:
            return os.read(master, 65536).decode("utf-8", "replace")
        except BlockingIOError:
            return ""
    finally:
        terminal.close()
        os.close(master)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals on this platform")
def test_a_long_run_shows_a_bar_on_the_terminal(monkeypatch):
    shown = _terminal_output(monkeypatch, enabled=True, delay=0.0, steps=[(1, 3), (2, 3)])
    assert "validate" in shown and "/3" in shown  # the bar, counting files out of three


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals on this platform")
def test_no_bar_for_json_output_or_a_run_shorter_than_the_delay(monkeypatch):
    assert _terminal_output(monkeypatch, enabled=False, delay=0.0, steps=[(1, 3), (2, 3)]) == ""
    assert _terminal_output(monkeypatch, enabled=True, delay=60.0, steps=[(1, 3), (2, 3)]) == ""


def test_no_bar_when_stderr_is_not_a_terminal(tmp_path, monkeypatch):
    log = open(tmp_path / "stderr.log", "w", encoding="utf-8")
    monkeypatch.setattr(sys, "stderr", log)
    progress = Progress("validate", enabled=True, delay=0.0)
    progress(1, 3)
    progress(2, 3)
    progress.close()
    log.close()
    assert (tmp_path / "stderr.log").read_text(encoding="utf-8") == ""
