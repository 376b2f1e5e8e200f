"""The worker pool behind folder runs: results in input order, and one file that hangs,
crashes or raises never costs the others their result. Real processes, no mocks."""

from __future__ import annotations

import os
import time

import pytest

from toolkit.parallel import Failure, run_each


def _square(n):
    return n * n


def _misbehave(item):
    kind, value = item
    if kind == "hang":
        time.sleep(60)
    if kind == "die":
        os._exit(7)  # a native reader crashing takes the whole process down
    if kind == "signal":
        import faulthandler

        faulthandler.disable()  # pytest's dump of a dying process is not what is tested
        os.kill(os.getpid(), value)  # killed from outside (the out-of-memory killer), or aborting
        time.sleep(60)
    if kind == "raise":
        raise ValueError(f"bad {value}")
    if kind == "memory":
        raise MemoryError
    if kind == "unpicklable":
        return lambda: value
    return ("ok", value, os.getpid())


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_results_come_back_in_input_order(jobs):
    items = list(range(40))
    assert list(run_each(_square, items, jobs=jobs)) == [(n, n * n) for n in items]


def test_a_hanging_file_is_stopped_at_the_time_limit_and_the_others_finish():
    items = [("ok", 1), ("hang", 2), ("ok", 3), ("ok", 4), ("ok", 5)]
    started = time.monotonic()
    results = dict(run_each(_misbehave, items, jobs=2, timeout=1.5))
    assert time.monotonic() - started < 20
    assert results[("hang", 2)] == Failure("timeout", "1.5 s")
    assert [results[("ok", n)][:2] for n in (1, 3, 4, 5)] == [("ok", 1), ("ok", 3), ("ok", 4), ("ok", 5)]


def test_a_worker_that_dies_is_reported_for_its_file_and_replaced():
    items = [("ok", 1), ("die", 2), ("ok", 3), ("die", 4), ("ok", 5), ("ok", 6)]
    results = dict(run_each(_misbehave, items, jobs=2))
    assert results[("die", 2)] == Failure("exited", "7")
    assert results[("die", 4)] == Failure("exited", "7")
    assert sorted(results[("ok", n)][1] for n in (1, 3, 5, 6)) == [1, 3, 5, 6]


@pytest.mark.parametrize("signal_name", ["SIGKILL", "SIGABRT", "SIGSEGV"])
def test_a_worker_killed_by_a_signal_is_reported_as_such(signal_name):
    """Not "out of memory" for every death: the signal that ended the worker, and the others served."""
    import signal

    number = getattr(signal, signal_name, None)
    if number is None or not hasattr(os, "fork"):
        pytest.skip(f"no {signal_name} here")
    items = [("ok", 1), ("signal", number), ("ok", 3)]
    results = dict(run_each(_misbehave, items, jobs=2))
    assert results[("signal", number)] == Failure("killed", str(int(number)))
    assert [results[("ok", n)][:2] for n in (1, 3)] == [("ok", 1), ("ok", 3)]


def test_exceptions_and_unsendable_results_are_failures_of_that_file_only():
    items = [("raise", 1), ("memory", 2), ("unpicklable", 3), ("ok", 4)]
    results = dict(run_each(_misbehave, items, jobs=1))
    assert results[("raise", 1)] == Failure("crashed", "ValueError: bad 1")
    assert results[("memory", 2)] == Failure("crashed", "out of memory")
    assert results[("unpicklable", 3)].reason == "crashed"
    assert results[("ok", 4)][:2] == ("ok", 4)


def test_workers_serve_several_files_and_are_renewed_after_their_share():
    items = [("ok", n) for n in range(12)]
    pids = [result[2] for _, result in run_each(_misbehave, items, jobs=1, files_per_worker=4)]
    # one process per four files: forking per file is what this saves
    assert [len(set(pids[i:i + 4])) for i in range(0, 12, 4)] == [1, 1, 1]
    assert len(set(pids)) == 3
    assert os.getpid() not in pids


def test_progress_is_reported_once_per_file():
    seen = []
    list(run_each(_square, list(range(7)), jobs=2, on_done=seen.append))
    assert seen == [1, 2, 3, 4, 5, 6, 7]


_HELD: list = []


def _hold(megabytes):
    """A file that leaves memory behind in its worker (as a large register's read does)."""
    # written, not only allocated: zeroed memory may be mapped lazily and never count as resident
    _HELD.append(bytearray(b"\x01") * (megabytes * 1024 * 1024))
    return os.getpid()


def test_a_worker_that_holds_more_memory_is_replaced_and_a_small_one_serves_on():
    grown = [pid for _, pid in run_each(_hold, [40] * 4, jobs=1, retire_growth=20 * 1024**2)]
    assert len(set(grown)) == 4, "each file leaves 40 MB behind: each the last of its worker"
    small = [result[2] for _, result in run_each(_misbehave, [("ok", n) for n in range(6)], jobs=1,
                                                 retire_growth=20 * 1024**2)]
    assert len(set(small)) == 1, "files that leave little behind keep the worker that is warm"


def test_what_the_parent_holds_does_not_count_against_its_workers():
    held = bytearray(60 * 1024 * 1024)  # a parent that keeps registers for the weekly lists
    held[::4096] = b"x" * len(held[::4096])  # resident, page by page
    pids = [result[2] for _, result in run_each(_misbehave, [("ok", n) for n in range(6)], jobs=1,
                                                retire_growth=20 * 1024**2)]
    assert len(set(pids)) == 1
    del held
