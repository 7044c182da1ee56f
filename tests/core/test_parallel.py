"""The workers every build step runs on: results in order, and fresh workers for each batch."""

from __future__ import annotations

import os
import time

import pytest

from sitegen.core import fork_imap, fork_map, workers


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


@pytest.mark.skipif(workers() < 2, reason="one core: fork_map runs in this process")
def test_each_batch_gets_fresh_workers_and_results_keep_their_order() -> None:
    seen: list[tuple[int, int]] = []
    cycle = 150 * workers()  # a batch is 150 items for each worker
    results = list(fork_imap(_pid_and_square, range(3 * cycle), batch=150, progress=lambda d, t: seen.append((d, t))))
    assert [square for _, square in results] == [n * n for n in range(3 * cycle)]
    batches = [{pid for pid, _ in results[start : start + cycle]} for start in (0, cycle, 2 * cycle)]
    assert os.getpid() not in set().union(*batches)
    assert not batches[0] & batches[1] and not batches[1] & batches[2]  # a worker never outlives its batch
    assert seen[-1] == (3 * cycle, 3 * cycle) and len(seen) == 3 * cycle


def test_a_few_items_run_here_in_order() -> None:
    assert fork_map(_pid_and_square, [3, 1, 2]) == [(os.getpid(), 9), (os.getpid(), 1), (os.getpid(), 4)]


def _slow_pid(n: int) -> int:
    time.sleep(0.002)
    return os.getpid()


@pytest.mark.skipif(workers() != 2, reason="counts the workers of a two-core machine, as CI's")
def test_a_batch_leaves_the_core_something_else_takes_when_it_starts() -> None:
    """Pagefind indexing in a thread takes a core: a batch that starts meanwhile runs one worker, not two,
    on half as many items (a worker copies more of the build's memory the more items it takes)."""
    pagefind = iter([1, 0, 1])
    pids = list(fork_imap(_slow_pid, range(800), batch=200, taken=lambda: next(pagefind)))
    batches = [set(pids[start:stop]) for start, stop in ((0, 200), (200, 600), (600, 800))]
    assert [len(b) for b in batches] == [1, 2, 1]
    assert not batches[0] & batches[1] and not batches[1] & batches[2]
    assert os.getpid() not in set().union(*batches)
