"""Run a pure function over many items on every core, with forked workers that inherit the inputs."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
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


def fork_map(fn: Callable[[T], R], items: Sequence[T], *, min_items: int = 200) -> list[R]:
    """`[fn(x) for x in items]`, split across cores when there are enough items to pay for the processes.

    Workers are forked, so `fn` and `items` reach them without pickling; only results travel back.
    """
    count = workers()
    if len(items) < min_items or count < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(item) for item in items]
    global _job
    _job = (fn, items)
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            return pool.map(_run, range(len(items)), chunksize=max(1, len(items) // (count * 8)))
    finally:
        _job = None
