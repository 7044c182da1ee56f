"""Run a pure function over many items on every core, with forked workers that inherit the inputs."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Generator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_job: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _run(index: int) -> Any:
    assert _job is not None
    fn, items = _job
    return fn(items[index])


def workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def fork_map(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    min_items: int = 200,
    progress: Callable[[int, int], None] | None = None,
) -> list[R]:
    """`[fn(x) for x in items]`, split across cores when there are enough items to pay for the processes.

    Workers are forked, so `fn` and `items` reach them without pickling; only results travel back.
    `progress(done, total)` is called in this process as results arrive.
    """
    return list(fork_imap(fn, items, min_items=min_items, progress=progress))


def fork_imap(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    min_items: int = 200,
    progress: Callable[[int, int], None] | None = None,
) -> Generator[R, None, None]:
    """fork_map's results in order as they arrive, so the caller can store each and let it go."""
    report = progress or (lambda done, total: None)
    count = workers()
    if len(items) < min_items or count < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for done, item in enumerate(items, 1):
            yield fn(item)
            report(done, len(items))
        return
    global _job
    _job = (fn, items)
    # Objects the workers inherit are left out of their garbage collections: a collection writes to every
    # object it visits, which would copy each page the parent shares with them (copy-on-write).
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            chunk = max(1, min(len(items) // (count * 8), 100))
            for done, result in enumerate(pool.imap(_run, range(len(items)), chunksize=chunk), 1):
                yield result
                report(done, len(items))
    finally:
        _job = None
        gc.unfreeze()


def in_child(fn: Callable[[], R]) -> R:
    """`fn()` in a forked child process, its result pickled back: what it loads (the word segmenter's
    dictionaries, 100 MB) stays out of this process, which forks the build's workers later."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return fn()
    global _job
    _job = (lambda _: fn(), (None,))
    try:
        with multiprocessing.get_context("fork").Pool(1) as pool:
            result: R = pool.apply(_run, (0,))
            return result
    finally:
        _job = None
