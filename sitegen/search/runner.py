"""Stage 5, search: Pagefind beside the build's workers, one bundle at a time, in a process of its own.

The build hands each stale bundle's records over as it makes them (`Indexer.submit`) and carries on
rendering; `Indexer.busy` says how many cores Pagefind takes meanwhile, so the build's workers are one
fewer while it runs. A second Pagefind at once saves no time on two cores and costs 90 MB.

Pagefind is not run from a thread: the build forks its workers, and a fork while another thread runs
may leave a lock held forever in the child (Python 3.12 warns of it). The indexing process is forked
once, when no other thread runs, and takes its jobs through a pipe.
"""

from __future__ import annotations

import multiprocessing
import pickle
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType

from ..core import can_fork
from .index import SearchIndexError, index_bundle


class Indexer:
    """Runs Pagefind on bundles in the order they are submitted; `finish()` waits for them all.

    Where workers cannot be forked (no fork on the system, or other threads running, as in the dev
    server), each bundle is indexed when it is submitted, in this process."""

    def __init__(self) -> None:
        self._pending = 0
        self._failure: str | None = None
        self._pipe: Connection | None = None
        self._process: multiprocessing.process.BaseProcess | None = None

    def __enter__(self) -> Indexer:
        if can_fork():
            ours, theirs = multiprocessing.Pipe()
            context = multiprocessing.get_context("fork")  # never the interpreter's default (3.14: forkserver)
            self._process = context.Process(target=_serve, args=(theirs, ours), name="sitegen-pagefind", daemon=True)
            self._process.start()
            theirs.close()
            self._pipe = ours
        return self

    def submit(self, records: dict[str, bytes], into: Path) -> None:
        """Index these records (site-root path -> record, spaced by by_character) into the bundle folder `into`.
        The records wait on disk until Pagefind takes them: it takes a bundle in the time the workers make five."""
        if self._pipe is None:
            index_bundle(records, into)
            return
        spool = into.with_name(f"{into.name}.records")  # a build killed meanwhile leaves it to keep_bundles
        spool.parent.mkdir(parents=True, exist_ok=True)
        with spool.open("wb") as f:
            pickle.dump(records, f, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self._pipe.send((spool, into))
        except OSError as e:  # it was killed
            raise SearchIndexError("Pagefind 进程意外退出，搜索索引未生成：请重新构建") from e
        self._pending += 1

    def busy(self) -> int:
        """The cores Pagefind takes now: one while a bundle waits or is being indexed, none after."""
        while self._pipe is not None and self._pending and self._pipe.poll():
            self._received(self._answer(self._pipe))
        return int(self._pending > 0)

    def finish(self) -> None:
        """Wait until every submitted bundle is indexed; the first failure is raised."""
        while self._pipe is not None and self._pending:
            self._received(self._answer(self._pipe))
        if self._failure is not None:
            raise SearchIndexError(self._failure)

    def _answer(self, pipe: Connection) -> str | None:
        try:
            answer: str | None = pipe.recv()
        except EOFError:  # it was killed: every bundle still waiting fails with it
            self._pending = 1
            return "Pagefind 进程意外退出，搜索索引未生成：请重新构建"
        return answer

    def _received(self, failure: str | None) -> None:
        self._pending -= 1
        self._failure = self._failure or failure

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self._pipe is None or self._process is None:
            return
        if kind is None:
            self._pipe.send(None)  # no more bundles: it leaves when it has indexed the last one
        else:
            self._process.terminate()  # the build failed: its bundles are not wanted
        self._process.join()
        self._pipe.close()
        self._pipe = self._process = None


def _serve(pipe: Connection, parents: Connection) -> None:
    """The indexing process: each job is (spooled records, bundle folder); it answers None or what failed."""
    parents.close()
    while True:
        try:
            job = pipe.recv()
        except EOFError:  # the build is gone
            break
        if job is None:
            break
        spool, into = job
        try:
            with spool.open("rb") as f:
                records: dict[str, bytes] = pickle.load(f)  # noqa: S301 - written by submit(), in this build
            spool.unlink()
            index_bundle(records, into)
        except SearchIndexError as e:
            pipe.send(str(e))
        except Exception as e:  # told to the build, which stops with it
            pipe.send(f"Pagefind 未能生成搜索索引：{e}")
        else:
            pipe.send(None)
    pipe.close()
