"""Run one function per file in worker processes: both cores busy, each file bounded in
time and memory, and one broken or hostile file never stops the others.

A worker that runs past the time limit is killed and its file reported; a worker that
dies (out of memory, a crash in a native reader) is reported the same way. Results come
back in the order the files were given.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from contextlib import contextmanager
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

DEFAULT_TIMEOUT = 300.0  # seconds per file: a 300,000-row register takes about ten
DEFAULT_MEMORY = 6 * 1024**3  # address space per worker, so a hostile file fails alone


@dataclass(frozen=True, slots=True)
class Failure:
    """A file whose worker did not come back with a result."""

    reason: str  # "timeout" or "crashed"
    detail: str = ""


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


def _limit_memory(limit: int) -> None:
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or hard > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):  # Windows, or a limit already lower
        pass


def _worker(fn, item, conn, memory: int) -> None:
    _limit_memory(memory)
    try:
        result = fn(item)
    except MemoryError:
        result = Failure("crashed", "out of memory")
    except BaseException as exc:  # reported for this file; the run goes on
        result = Failure("crashed", f"{type(exc).__name__}: {exc}"[:300])
    try:
        conn.send(result)
    finally:
        conn.close()


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: reading builds a register's records and findings as
    many small objects without cycles, and collecting while they are made only costs time
    (a third of the rule time on a broken 100,000-row register)."""
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def run_each(fn: Callable[[Any], Any], items: list, *, jobs: int, timeout: float = DEFAULT_TIMEOUT,
             memory: int = DEFAULT_MEMORY, on_done: Callable[[int], None] | None = None) -> Iterator[tuple[Any, Any]]:
    """Yield (item, result) in input order; result is fn(item) or a Failure."""
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    with gc_paused():  # in the workers too, which are forked from here
        yield from _run(ctx, fn, items, jobs, timeout, memory, on_done)


def _run(ctx, fn, items, jobs, timeout, memory, on_done):
    results: dict[int, Any] = {}
    running: dict[int, tuple] = {}  # index → (process, parent end, started)
    next_index, emit = 0, 0
    done = 0
    while emit < len(items):
        while next_index < len(items) and len(running) < max(1, jobs):
            parent, child = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_worker, args=(fn, items[next_index], child, memory), daemon=True)
            proc.start()
            child.close()
            running[next_index] = (proc, parent, time.monotonic())
            next_index += 1
        for index, (proc, conn, started) in list(running.items()):
            result = None
            if conn.poll(0):
                try:
                    result = conn.recv()
                except (EOFError, OSError):
                    result = Failure("crashed", f"worker exited with code {proc.exitcode}")
            elif not proc.is_alive() and not conn.poll(0):  # it may have sent just before exiting
                proc.join()
                result = Failure("crashed", "out of memory" if proc.exitcode in (-9, 137) else
                                 f"worker exited with code {proc.exitcode}")
            elif time.monotonic() - started > timeout:
                proc.kill()
                result = Failure("timeout", f"{timeout:g} s")
            if result is None:
                continue
            proc.join(timeout=5)
            conn.close()
            del running[index]
            results[index] = result
            done += 1
            if on_done:
                on_done(done)
        while emit in results:
            yield items[emit], results.pop(emit)
            emit += 1
        if running:
            _wait([conn for _, conn, _ in running.values()], 0.05)


def _wait(conns, timeout: float) -> None:
    from multiprocessing.connection import wait

    wait(conns, timeout=timeout)
