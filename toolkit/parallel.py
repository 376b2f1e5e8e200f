"""Run one function per file in worker processes: both cores busy, each file bounded in
time and memory, and one broken or hostile file never stops the others.

A worker that runs past the time limit is killed and its file reported; a worker that
dies (killed by a signal: out of memory, a crash in a native reader; or exiting) is reported
the same way, saying which. Results come back in the order the files were given.
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

    reason: str  # "timeout", "crashed" (an exception), "killed" (by the signal in detail), "exited" (with the code in detail)
    detail: str = ""


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


def worker_context():
    """fork where the system has it (a worker starts warm, with what the parent compiled);
    otherwise, and whenever the program chose another start method, that one: Windows has only
    spawn, where a worker starts cold and gets its function and files by pickle."""
    chosen = mp.get_start_method(allow_none=True)
    if chosen is None and hasattr(os, "fork") and "fork" in mp.get_all_start_methods():
        return mp.get_context("fork")
    return mp.get_context(chosen)


def _limit_memory(limit: int) -> None:
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or hard > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):  # Windows, or a limit already lower
        pass


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


# A worker is replaced once it holds this much more memory than it started with (a large
# register read: the memory it left behind goes back), or after this many files whatever its
# size (a fresh start now and then). A new worker starts cold, so small files are not a
# reason to replace one.
RETIRE_GROWTH = 512 * 1024**2
FILES_PER_WORKER = 256
FULL_COLLECTION_EVERY = 16  # files; between them only the youngest objects are looked at


def run_each(fn: Callable[[Any], Any], items: list, *, jobs: int, timeout: float = DEFAULT_TIMEOUT,
             memory: int = DEFAULT_MEMORY, on_done: Callable[[int], None] | None = None,
             files_per_worker: int = FILES_PER_WORKER, retire_growth: int = RETIRE_GROWTH,
             ) -> Iterator[tuple[Any, Any]]:
    """Yield (item, result) in input order; result is fn(item) or a Failure."""
    with gc_paused():  # in forked workers too
        yield from _Pool(worker_context(), fn, items, jobs, timeout, memory, on_done, files_per_worker, retire_growth).results()


def _resident_memory() -> int:
    """This process's resident memory in bytes now (Linux), else its peak (0 when unknown)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
        import sys

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024  # bytes on macOS, KiB elsewhere
    except (ImportError, OSError):
        return 0


def _serve(fn, items, conn, memory: int, budget: int, retire_growth: int) -> None:
    """A worker: take item numbers from the pipe, send back (number, result, retiring); stop on
    None, after ``budget`` items, or once it holds ``retire_growth`` more memory than at its start."""
    import gc

    _limit_memory(memory)
    gc.freeze()  # what the parent had is never garbage here: later collections skip it
    start = _resident_memory()  # what it shares with the parent counts from the start
    for served in range(1, budget + 1):
        index = conn.recv()
        if index is None:
            break
        try:
            result = fn(items[index])
        except MemoryError:
            result = Failure("crashed", "out of memory")
        except BaseException as exc:  # reported for this file; the run goes on
            result = Failure("crashed", f"{type(exc).__name__}: {exc}"[:300])
        retiring = served == budget or _resident_memory() - start > retire_growth
        try:
            conn.send((index, result, retiring))
        except Exception as exc:  # a result that cannot be pickled: still an answer for this file
            conn.send((index, Failure("crashed", f"{type(exc).__name__}: {exc}"[:300]), retiring))
        del result
        if retiring:
            break
        # garbage cycles of this file, before the next (collection is off while working): what a
        # file leaves is young; now and then a full collection for what outlived one
        gc.collect() if served % FULL_COLLECTION_EVERY == 0 else gc.collect(0)
    conn.close()


class _Pool:
    """``jobs`` long-lived workers, each fed one item at a time. A worker that runs past the
    time limit is killed, one that dies is reported; either way a fresh one takes its place,
    and each is replaced once it has grown large or served ``files_per_worker`` items. Forking once per worker rather than
    once per file saves about 40 ms a file."""

    def __init__(self, ctx, fn, items, jobs, timeout, memory, on_done, files_per_worker, retire_growth):
        self.ctx, self.fn, self.items = ctx, fn, items
        self.jobs, self.timeout, self.memory, self.on_done = max(1, jobs), timeout, memory, on_done
        self.budget = max(1, files_per_worker)
        self.retire_growth = retire_growth
        self.workers: list[_Worker] = []
        self.next_index = 0
        self.done = 0
        self.finished: dict[int, Any] = {}

    def results(self) -> Iterator[tuple[Any, Any]]:
        emit = 0
        try:
            while emit < len(self.items):
                self._feed()
                self._collect()
                while emit in self.finished:
                    yield self.items[emit], self.finished.pop(emit)
                    emit += 1
        finally:
            for worker in self.workers:
                worker.stop()

    def _feed(self) -> None:
        for worker in [w for w in self.workers if w.current is None and (w.left == 0 or not w.alive())]:
            worker.stop()
            self.workers.remove(worker)
        while self.next_index < len(self.items):
            idle = next((w for w in self.workers if w.current is None), None)
            if idle is None:
                if len(self.workers) >= self.jobs:
                    return
                idle = _Worker(self.ctx, self.fn, self.items, self.memory, self.budget, self.retire_growth)
                self.workers.append(idle)
            idle.give(self.next_index)
            self.next_index += 1

    def _collect(self) -> None:
        busy = [w for w in self.workers if w.current is not None]
        if not busy:
            return
        _wait([w.conn for w in busy], 0.05)
        for worker in busy:
            index, result = worker.poll(self.timeout)
            if index is None:
                continue
            self.finished[index] = result
            self.done += 1
            if self.on_done:
                self.on_done(self.done)
            if worker.broken:
                worker.stop()
                self.workers.remove(worker)


class _Worker:
    def __init__(self, ctx, fn, items, memory: int, budget: int, retire_growth: int):
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_serve, args=(fn, items, child, memory, budget, retire_growth), daemon=True)
        self.proc.start()
        child.close()
        self.left = budget
        self.current: int | None = None
        self.started = 0.0
        self.broken = False

    def alive(self) -> bool:
        return not self.broken and self.proc.is_alive()

    def give(self, index: int) -> None:
        self.conn.send(index)
        self.current, self.started = index, time.monotonic()
        self.left -= 1

    def poll(self, timeout: float) -> tuple[int | None, Any]:
        """(item number, result) when the current item is done or lost, else (None, None)."""
        index = self.current
        result = None
        if self.conn.poll(0):
            try:
                _, result, retiring = self.conn.recv()
                if retiring:
                    self.left = 0  # it has stopped taking files: a fresh one takes its place
            except (EOFError, OSError):
                result = self._lost()
        elif not self.proc.is_alive() and not self.conn.poll(0):  # it may have sent just before dying
            result = self._lost()
        elif time.monotonic() - self.started > timeout:
            self.proc.kill()
            self.broken = True
            result = Failure("timeout", f"{timeout:g} s")
        if result is None:
            return None, None
        self.current = None
        return index, result

    def _lost(self) -> Failure:
        """What became of a worker that ended without an answer: killed by a signal (SIGKILL most
        often from the kernel's out-of-memory killer, SIGABRT from a native reader that failed
        to allocate), or exited with a code."""
        self.proc.join(timeout=5)
        self.broken = True
        code = self.proc.exitcode
        if code is not None and code < 0:
            return Failure("killed", str(-code))
        return Failure("exited", str(code))

    def stop(self) -> None:
        if self.proc.is_alive() and not self.broken and self.current is None:
            try:
                self.conn.send(None)
            except OSError:
                pass
        elif self.proc.is_alive():
            self.proc.kill()
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def _wait(conns, timeout: float) -> None:
    from multiprocessing.connection import wait

    wait(conns, timeout=timeout)
