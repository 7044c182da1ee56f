"""Run a pure function over many items on every core, with forked workers that inherit the inputs.

Workers are always forked (the "fork" start method by name, never the interpreter's default, which
3.14 makes forkserver), and only while no other thread runs in this process: a thread holding a lock
at the fork would leave it held forever in the child. Where that cannot be promised (the dev server
builds beside its watcher and web server threads), the work runs in this process, one item after the
other: the same results, on one core.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Generator, Sequence
from typing import Any, TypeVar

from .policy import ITEMS_PER_WORKER, MIN_ITEMS_TO_FORK, MOST_ITEMS_PER_TASK

T = TypeVar("T")
R = TypeVar("R")

_job: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _run(index: int) -> Any:
    assert _job is not None
    fn, items = _job
    return fn(items[index])


def can_fork() -> bool:
    """Whether a worker may be forked now: the system forks, and no other thread of this process runs."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def fork_map(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    min_items: int = MIN_ITEMS_TO_FORK,
    progress: Callable[[int, int], None] | None = None,
    taken: Callable[[], int] | None = None,
) -> list[R]:
    """`[fn(x) for x in items]`, split across cores when there are enough items to pay for the processes.

    Workers are forked, so `fn` and `items` reach them without pickling; only results travel back.
    `progress(done, total)` is called in this process as results arrive.
    """
    return list(fork_imap(fn, items, min_items=min_items, progress=progress, taken=taken))


def fork_imap(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    min_items: int = MIN_ITEMS_TO_FORK,
    progress: Callable[[int, int], None] | None = None,
    batch: int = ITEMS_PER_WORKER,
    taken: Callable[[], int] | None = None,
) -> Generator[R, None, None]:
    """fork_map's results in order as they arrive, so the caller can store each and let it go.

    Workers are replaced by freshly forked ones after `batch` items each (policy.ITEMS_PER_WORKER): what a
    worker copied of this process's memory goes with it, so the workers' share of memory stays flat. A
    worker copies a page of this process when it writes to it: a reference count is a write, and so is its
    own allocation in a block this process left free.

    `taken()` is the number of cores something else of this build uses now (Pagefind, search.Indexer),
    asked before each batch: its workers are one fewer while Pagefind runs, which is faster on two cores and
    holds less memory (docs/performance.md)."""
    report = progress or (lambda done, total: None)
    count = workers()
    if len(items) < min_items or count < 2 or not can_fork():
        for done, item in enumerate(items, 1):
            yield fn(item)
            report(done, len(items))
        return
    global _job
    # Objects the workers inherit are left out of their garbage collections: a collection writes to every
    # object it visits, which would copy each page the parent shares with them (copy-on-write).
    gc.freeze()
    try:
        done = start = 0
        while start < len(items):
            _trim()
            _job = (fn, items)  # again for each batch: the caller may have run another fork_map between two
            processes = max(1, count - taken()) if taken else count
            indices = range(start, min(start + batch * processes, len(items)))
            start = indices.stop
            with multiprocessing.get_context("fork").Pool(processes) as pool:
                chunk = max(1, min(len(indices) // (processes * 8), MOST_ITEMS_PER_TASK))
                for result in pool.imap(_run, indices, chunksize=chunk):
                    done += 1
                    yield result
                    report(done, len(items))
    finally:
        _job = None
        gc.unfreeze()


def _trim() -> None:
    """Give what this process has freed back to the system before it forks (glibc keeps freed pages for
    reuse, and each worker would share them for nothing). Not glibc: nothing."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


def in_child(fn: Callable[[], R]) -> R:
    """`fn()` in a forked child process, its result pickled back: what it loads (the word segmenter's
    dictionaries, 100 MB) stays out of this process, which forks the build's workers later."""
    if not can_fork():
        return fn()
    global _job
    _job = (lambda _: fn(), (None,))
    try:
        with multiprocessing.get_context("fork").Pool(1) as pool:
            result: R = pool.apply(_run, (0,))
            return result
    finally:
        _job = None
