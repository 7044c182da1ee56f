"""The build index: one SQLite file under .cache/, a row per article file, written in one transaction.

Each row holds the file's stamp (path, size, mtime, inode), its analysis (the typed article and its
problems, pickled) and apart from it the rendered body, which is all a page reads; the outline of it a
build holds for every file; and the fields lists and reports query without unpickling, the summary of
the body among them. `Analyses` reads whole analyses, or bodies, back one at a time, in any process:
the render workers read the bodies of the pages they make.
Beside them, each indexed page's search record with the key it was made from, so a bundle made again
(an edit changes one) makes only the records whose key changed.
A build that is killed before `commit` leaves the previous index as it was: SQLite rolls the
transaction back. The index is keyed by the generator's code and the config: any change there, or a
schema change, starts it empty.
"""

from __future__ import annotations

import json
import os
import pickle
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..content import Analyzed, Body, MediaReport, Pickled, Stamp, Submission, joined
from ..core import INDEX_READ_CACHE_KIB, SiteError, code_version
from .schema import SCHEMA, TABLES

_STAMPED = " FROM articles WHERE path = ? AND size = ? AND mtime = ? AND inode = ?"
_WHOLE = "SELECT analysis, body" + _STAMPED
_BODY = "SELECT body" + _STAMPED


class BuildIndex:
    """The index of one project. `path` None keeps it in memory (builds without a cache)."""

    def __init__(self, path: Path | None, scope: str) -> None:
        self.path = path
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = _open(path)
        except sqlite3.DatabaseError:  # not a database (a torn copy, another program's file): start afresh
            assert path is not None
            for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                leftover.unlink(missing_ok=True)
            self.db = _open(path)
        wanted = {"schema": str(SCHEMA), "code": code_version(), "scope": scope}
        if self._meta() != wanted:
            self._reset(wanted)
        self.db.execute("BEGIN")

    def _meta(self) -> dict[str, str]:
        try:
            return dict(self.db.execute("SELECT name, value FROM meta").fetchall())
        except sqlite3.DatabaseError:
            return {}

    def _reset(self, meta: dict[str, str]) -> None:
        self.db.execute("BEGIN")
        for (name,) in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            self.db.execute(f'DROP TABLE IF EXISTS "{name}"')
        for statement in TABLES.split(";"):
            if statement.strip():
                self.db.execute(statement)
        self.db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        self.db.execute("COMMIT")

    def analyses(self, stamps: Sequence[Stamp]) -> list[Analyzed | None]:
        """The stored analysis of each file whose stamp is unchanged, outlined (`Analyzed.outlined`); None
        for new or changed files."""
        wanted = {stamp[0]: stamp for stamp in stamps}
        loaded: dict[str, Analyzed] = {}
        rows = self.db.execute("SELECT path, size, mtime, inode, outline FROM articles")
        for path, size, mtime, inode, outline in rows:  # a row at a time, not all at once: memory
            if wanted.get(path) == (path, size, mtime, inode):
                loaded[path] = pickle.loads(outline)  # noqa: S301 - our own rows, written by put()
        return [loaded.get(stamp[0]) for stamp in stamps]

    def submissions(self, stamps: Sequence[Stamp]) -> list[tuple[Submission, ...] | None]:
        """The submission record of each unchanged file (none for an unreadable one), without unpickling
        its analysis; None for new or changed files."""
        query = (
            "SELECT path, size, mtime, inode, rel, column_id, section, title, unit, status, kind, received, date,"
            " publish_at, outlets, slug, intake_id FROM articles"
        )
        rows = {row[0]: row for row in self.db.execute(query).fetchall()}
        found: list[tuple[Submission, ...] | None] = []
        for stamp in stamps:
            row = rows.get(stamp[0])
            if row is None or tuple(row[:4]) != stamp:
                found.append(None)
            elif row[4] is None:
                found.append(())
            else:
                found.append((_submission(row[4:]),))
        return found

    def put(self, analyzed: Iterable[Pickled]) -> None:
        """Store analyses as `content.analyze_all` gives them, as they come."""
        self.db.executemany(
            "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (_row(p) for p in analyzed),
        )

    def analysis(self, stamp: Stamp) -> Analyzed | None:
        """The whole stored analysis of a file with this stamp; None when the file changed since."""
        row = self.db.execute(_WHOLE, stamp).fetchone()
        return joined(*row) if row else None

    def records(self, column: str, targets: Sequence[str]) -> dict[str, tuple[str, bytes]]:
        """The stored search records of these pages: page -> (key of the record, record)."""
        return {t: (k, d) for t, k, d in self._records("target, key, data", column, targets)}

    def record_keys(self, column: str, targets: Sequence[str]) -> dict[str, str]:
        """The keys of the stored search records of these pages, without the records."""
        return dict(self._records("target, key", column, targets))

    def _records(self, columns: str, column: str, targets: Sequence[str]) -> Iterator[tuple[Any, ...]]:
        """These columns of the rows of `records` for these pages, 500 pages a query (SQLite limits the
        parameters of one statement)."""
        for start in range(0, len(targets), 500):
            chunk = targets[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            query = f"SELECT {columns} FROM records WHERE column_id = ? AND target IN ({marks})"  # noqa: S608
            yield from self.db.execute(query, (column, *chunk))

    def put_records(self, column: str, records: Iterable[tuple[str, str, bytes]]) -> None:
        """Search records as (page, key of the record, record)."""
        self.db.executemany(
            "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?)", ((column, *record) for record in records)
        )

    def keep_only_records(self, column: str, targets: Iterable[str]) -> None:
        """Forget the column's search records of pages not among `targets` (no bundle of this build holds them)."""
        wanted = set(targets)
        rows = self.db.execute("SELECT target FROM records WHERE column_id = ?", (column,)).fetchall()
        self.db.executemany(
            "DELETE FROM records WHERE column_id = ? AND target = ?", ((column, t) for (t,) in rows if t not in wanted)
        )

    def keep_only(self, paths: Iterable[str]) -> None:
        """Forget files that no longer exist."""
        wanted = set(paths)
        stale = [(p,) for (p,) in self.db.execute("SELECT path FROM articles").fetchall() if p not in wanted]
        self.db.executemany("DELETE FROM articles WHERE path = ?", stale)

    def commit(self) -> None:
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")

    def close(self) -> None:
        """Close without committing what was not committed."""
        self.db.close()


class Analyses:
    """Where a build reads what it does not hold of its articles (by rel path -> stamp): a whole analysis, a
    body, a column's summaries, one query each, from the index the build committed, in whichever process asks.

    Every connection is closed by its owner, never by the garbage collector: in the build's process one is
    held only inside `reading()` (each read outside it opens and closes its own); a forked worker opens one of
    its own on its first read (SQLite forbids using one made before the fork), which ends with the worker."""

    def __init__(self, path: Path, stamps: Mapping[str, Stamp]) -> None:
        self.path = path
        self.stamps = stamps
        self._owner = os.getpid()
        self._held: sqlite3.Connection | None = None  # the build process's, inside reading()
        self._worker: tuple[int, sqlite3.Connection] | None = None  # a forked worker's

    @contextmanager
    def reading(self) -> Iterator[Analyses]:
        """One connection for the reads of a stage (the rules, the pages), closed when the stage ends."""
        if self._held is not None:
            yield self
            return
        with closing(self._connect()) as db:
            self._held = db
            try:
                yield self
            finally:
                self._held = None

    def whole(self, rel: str) -> Analyzed:
        """The article's whole analysis: what the rules read."""
        return joined(*self._row(_WHOLE, rel))

    def body(self, rel: str) -> Body:
        """The article's body alone, which is what its page and search record read of its analysis."""
        body: Body | None = pickle.loads(self._row(_BODY, rel)[0])  # noqa: S301 - our own rows, written by put()
        assert body is not None  # an article that reads cleanly has one
        return body

    def _row(self, query: str, rel: str) -> tuple[bytes, ...]:
        with self._db() as db:
            row: tuple[bytes, ...] | None = db.execute(query, self.stamps[rel]).fetchone()
        if row is None:
            raise SiteError(f"构建索引 .cache/index.sqlite 中缺少 {rel} 的分析结果（构建期间被改动）：请重新构建")
        return row

    def summaries(self, column: str) -> dict[str, str]:
        """The summary of the body of each of the column's articles, by rel path (Pickled.summary)."""
        with self._db() as db:
            rows = db.execute("SELECT rel, summary FROM articles WHERE column_id = ?", (column,)).fetchall()
        return {rel: summary for rel, summary in rows if rel in self.stamps}

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        pid = os.getpid()
        if pid != self._owner:  # a forked worker: its own connection, for every read it makes
            if self._worker is None or self._worker[0] != pid:
                self._worker = (pid, self._connect())
            yield self._worker[1]
        elif self._held is not None:
            yield self._held
        else:
            with closing(self._connect()) as db:
                yield db

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(str(self.path), isolation_level=None)
        db.execute(f"PRAGMA cache_size = -{INDEX_READ_CACHE_KIB}")
        return db


def _open(path: Path | None) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:" if path is None else str(path), isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


def _submission(row: Sequence[object]) -> Submission:
    rel, column, section, title, unit, status, kind, received, day, publish_at, outlets, slug, intake_id = row

    def moment(text: object) -> datetime | None:
        return datetime.fromisoformat(str(text)) if text is not None else None

    reports = tuple(
        MediaReport(outlet, date.fromisoformat(when) if when else None) for outlet, when in json.loads(str(outlets))
    )
    return Submission(
        str(rel),
        str(column),
        str(section),
        str(title),
        str(unit),
        str(status),
        str(kind),
        moment(received),
        moment(day) or datetime.fromtimestamp(0),
        moment(publish_at),
        reports,
        str(slug or ""),
        str(intake_id) if intake_id is not None else None,
    )


def _row(pickled: Pickled) -> tuple[object, ...]:
    """The list-facing fields come from the submission record, which drafts and rejected items have too."""
    a = pickled.analyzed
    item = a.submission
    fields: tuple[object, ...] = (None,) * 9
    extra: tuple[object, ...] = (None, None)
    keys: tuple[object, ...] = (None, None)
    if item is not None:
        fields = (
            item.rel,
            item.column,
            item.section,
            item.status,
            item.unit,
            item.kind,
            item.title,
            item.date.isoformat(),
            item.received.isoformat() if item.received else None,
        )
        outlets = [[r.outlet, r.date.isoformat() if r.date else None] for r in item.reports]
        extra = (item.publish_at.isoformat() if item.publish_at else None, json.dumps(outlets, ensure_ascii=False))
        keys = (item.slug, item.intake_id)
    return (*a.stamp, *fields, pickled.analysis, *extra, pickled.outline, pickled.summary, pickled.body, *keys)
