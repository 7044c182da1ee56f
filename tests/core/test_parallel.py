"""The workers every build step runs on: results in order, and fresh workers for each batch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sitegen.core import fork_map, workers


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def _alone(script: str) -> object:
    """Run `script` in a fresh interpreter and return what it prints as JSON. fork_imap forks only while no other
    thread runs, and earlier tests leave some (the browser tests' Playwright connection): here none does."""
    repo = Path(__file__).resolve().parents[2]
    prelude = f"import json, os, sys, time\nsys.path.insert(0, {str(repo)!r})\nfrom sitegen.core import fork_imap\n"
    done = subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.skipif(workers() < 2, reason="one core: fork_map runs in this process")
def test_each_batch_gets_fresh_workers_and_results_keep_their_order() -> None:
    found = _alone(
        f"""
        def pid_and_square(n):
            return os.getpid(), n * n
        seen = []
        cycle = 150 * {workers()}  # a batch is 150 items for each worker
        tick = lambda d, t: seen.append((d, t))
        results = list(fork_imap(pid_and_square, range(3 * cycle), batch=150, progress=tick))
        print(json.dumps({{"results": results, "seen": seen, "cycle": cycle, "me": os.getpid()}}))
        """
    )
    assert isinstance(found, dict)
    results, cycle = found["results"], found["cycle"]
    assert [square for _, square in results] == [n * n for n in range(3 * cycle)]
    batches = [{pid for pid, _ in results[start : start + cycle]} for start in (0, cycle, 2 * cycle)]
    assert found["me"] not in set().union(*batches)
    assert not batches[0] & batches[1] and not batches[1] & batches[2]  # a worker never outlives its batch
    assert found["seen"][-1] == [3 * cycle, 3 * cycle] and len(found["seen"]) == 3 * cycle


def test_a_few_items_run_here_in_order() -> None:
    assert fork_map(_pid_and_square, [3, 1, 2]) == [(os.getpid(), 9), (os.getpid(), 1), (os.getpid(), 4)]


@pytest.mark.skipif(workers() != 2, reason="counts the workers of a two-core machine, as CI's")
def test_a_batch_leaves_the_core_something_else_takes_when_it_starts() -> None:
    """Pagefind indexing in a thread takes a core: a batch that starts meanwhile runs one worker, not two,
    on half as many items (a worker copies more of the build's memory the more items it takes)."""
    found = _alone(
        """
        def slow_pid(n):
            time.sleep(0.002)
            return os.getpid()
        pagefind = iter([1, 0, 1])
        pids = list(fork_imap(slow_pid, range(800), batch=200, taken=lambda: next(pagefind)))
        print(json.dumps({"pids": pids, "me": os.getpid()}))
        """
    )
    assert isinstance(found, dict)
    pids = found["pids"]
    batches = [set(pids[start:stop]) for start, stop in ((0, 200), (200, 600), (600, 800))]
    assert [len(b) for b in batches] == [1, 2, 1]
    assert not batches[0] & batches[1] and not batches[1] & batches[2]
    assert found["me"] not in set().union(*batches)
