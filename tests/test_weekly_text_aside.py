"""With --out, the weekly text report is made in a forked child on the other core while the
workbook is written (toolkit.parallel.Aside). It must be the same text as the one made here,
and made here whenever there is no fork or the child fails."""

from __future__ import annotations

import os
from datetime import datetime

import pytest
from conftest import run_cli
from weekly_fixtures import MONDAY, W47, complaint, complaints_file, order, orders_file

from toolkit.config import Config
from toolkit.followup.job import weekly_job
from toolkit.outputs import weekly_text
from toolkit.parallel import Aside

fork_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here: the text is always made in this process")


def _site(folder):
    folder.mkdir()
    orders_file(folder, [order(f"WX2611{k:03d}", datetime(2026, 11, 16 + k % 7, 9, k), reason=["等配件", None][k % 2],
                               completed=datetime(2026, 11, 20, 15, 0) if k % 3 == 0 else None,
                               paid="有偿" if k % 2 else "无偿", fee=80, content=f"门锁坏了 {k}")
                         for k in range(30)])
    complaints_file(folder, [complaint("TS2611001", datetime(2026, 11, 17, 9, 0), promised=datetime(2026, 11, 20, 17, 0))])
    return folder


@fork_only
def test_the_text_made_beside_the_workbook_is_the_text_made_without_one(tmp_path):
    site = _site(tmp_path / "site")
    args = ("weekly", str(site), "--as-of", "2026-11-23 08:30", "--week", "last", "--lang", "zh")
    alone = run_cli(*args, cwd=tmp_path)
    beside = run_cli(*args, "--out", str(tmp_path / "weekly.xlsx"), cwd=tmp_path)
    assert alone.returncode == beside.returncode == 0, beside.stderr
    assert beside.stdout == alone.stdout and "WX2611001" in alone.stdout and "门锁坏了" in alone.stdout


def _job(tmp_path, monkeypatch):
    site = _site(tmp_path / "site")
    monkeypatch.chdir(tmp_path)  # the store of weekly counts goes beside the (absent) config
    return weekly_job([site], MONDAY, W47, Config(), "en", out=tmp_path / "weekly.xlsx", text=True)


@fork_only
def test_a_child_that_fails_leaves_the_text_to_this_process(tmp_path, monkeypatch):
    here, real = os.getpid(), weekly_text.render
    made_here = []

    def render(*args, **kw):
        if os.getpid() != here:
            raise MemoryError("the child runs out")
        made_here.append(True)
        return real(*args, **kw)

    monkeypatch.setattr(weekly_text, "render", render)
    job = _job(tmp_path, monkeypatch)
    assert made_here and job.text == real(job.report, "en") and (tmp_path / "weekly.xlsx").exists()


def test_without_fork_the_text_is_made_here(tmp_path, monkeypatch):
    with monkeypatch.context() as m:
        m.delattr(os, "fork", raising=False)  # as on Windows
        assert Aside.start(lambda: "x") is None
    monkeypatch.setattr(Aside, "start", classmethod(lambda cls, make: None))
    job = _job(tmp_path, monkeypatch)
    assert job.text == weekly_text.render(job.report, "en")


@fork_only
def test_aside_hands_back_the_text_or_none():
    text = "周报 › 2026年11月!A4\n" * 50_000 + "\ud800 a lone surrogate"
    assert Aside.start(lambda: text).result() == text
    assert Aside.start(lambda: 1 / 0).result() is None
