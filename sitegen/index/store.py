"""The build index: one SQLite file under .cache/, a row per article file, written in one transaction.

Each row holds the file's stamp (path, size, mtime, inode), its analysis (the typed article and its
problems, pickled) and apart from it the rendered body, which is all a page reads; the outline of it a
build holds for every file; and the fields lists and reports query without unpickling, the summary of
the body among them. `Analyses` reads whole analyses, or bodies, back one at a time, in any process:
the render workers read the bodies of the pages they make.
Beside them, the layout of the last build: where each published article went (`Placement`), which pages
each search bundle holds, each indexed page's search record with the key of the page it came from, and
the plan of each list page and feed with the articles whose items it shows.
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
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..content import Analyzed, Body, MediaReport, Pickled, Stamp, Submission, joined
from ..core import SiteError, code_version
from .layout import Placement
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
        self._laid: set[str] | None = None  # the article files a full build laid out (clear_layout)
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
        for path, size, mtime, inode, outline in rows:  # a row at a time: all at once were 36 MB at 30,000
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

    def placement(self, path: str) -> Placement | None:
        """Where the last build put the article of this file; None when it did not publish it."""
        row = self.db.execute("SELECT data FROM placements WHERE path = ?", (path,)).fetchone()
        return pickle.loads(row[0]) if row else None  # noqa: S301 - our own rows, written by put_column_layout()

    def placement_at(self, column: str, target: str) -> tuple[str, Placement] | None:
        """The article file the last build put at this page of the column, and where it put it."""
        query = "SELECT path, data FROM placements WHERE column_id = ? AND target = ?"
        row = self.db.execute(query, (column, target)).fetchone()
        return (row[0], pickle.loads(row[1])) if row else None  # noqa: S301 - our own rows, from put_column_layout()

    def put_placements(self, placements: Mapping[str, Placement], keys: Mapping[str, str] | None = None) -> None:
        """Replace the placements of these article files, each with the key it was made from (`keys`, by file;
        none for a quick rebuild's edits and their neighbours, which the next full build writes again)."""
        self.db.executemany(
            "INSERT OR REPLACE INTO placements VALUES (?, ?, ?, ?, ?)",
            (
                (path, p.column, p.target, keys[path] if keys else "", pickle.dumps(p, protocol=5))
                for path, p in placements.items()
            ),
        )

    def placement_keys(self, column: str) -> dict[str, str]:
        """The key of each stored placement of the column's articles, by article file."""
        return dict(self.db.execute("SELECT path, key FROM placements WHERE column_id = ?", (column,)).fetchall())

    def analysis(self, stamp: Stamp) -> Analyzed | None:
        """The whole stored analysis of a file with this stamp; None when the file changed since."""
        row = self.db.execute(_WHOLE, stamp).fetchone()
        return joined(*row) if row else None

    def listing_keys(self, column: str) -> dict[str, str]:
        """The key of each stored list page and feed of the column."""
        query = "SELECT target, key FROM listings WHERE column_id = ?"
        return dict(self.db.execute(query, (column,)).fetchall())

    def put_listings(self, column: str, changed: Iterable[tuple[str, str, bytes, Iterable[str]]]) -> None:
        """Store the column's list pages and feeds as they come, each as (page or feed, its key, its plan
        pickled, the articles whose items it shows), in place of what was stored for it."""
        for target, key, data, shown in changed:
            self.db.execute("INSERT OR REPLACE INTO listings VALUES (?, ?, ?, ?)", (column, target, key, data))
            self.db.execute("DELETE FROM shows WHERE column_id = ? AND target = ?", (column, target))
            self.db.executemany("INSERT INTO shows VALUES (?, ?, ?)", ((column, target, path) for path in shown))

    def keep_only_listings(self, column: str, keep: Iterable[str]) -> None:
        """Forget the column's stored list pages and feeds not named in `keep`, with what they showed."""
        wanted = set(keep)
        stale = [(column, t) for t in self.listing_keys(column) if t not in wanted]
        self.db.executemany("DELETE FROM listings WHERE column_id = ? AND target = ?", stale)
        self.db.executemany("DELETE FROM shows WHERE column_id = ? AND target = ?", stale)

    def listings(self, column: str, shown: Iterable[str]) -> dict[str, bytes]:
        """The stored plans of the list pages and feeds of the column that show any of these articles."""
        paths = sorted(set(shown))
        marks = ", ".join("?" * len(paths))
        query = (
            "SELECT target, data FROM listings WHERE column_id = ? AND target IN"  # noqa: S608 - only marks
            f" (SELECT target FROM shows WHERE column_id = ? AND item IN ({marks})) ORDER BY target"
        )
        return dict(self.db.execute(query, (column, column, *paths)).fetchall())

    def bundle(self, column: str, name: str) -> tuple[str, ...] | None:
        """The pages a search bundle of the last build indexes, in its order."""
        row = self.db.execute("SELECT targets FROM bundles WHERE column_id = ? AND name = ?", (column, name)).fetchone()
        return tuple(json.loads(row[0])) if row else None

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

    def clear_layout(self) -> None:
        """A full build lays out every column again (put_column_layout, then prune_layout)."""
        self.db.execute("DELETE FROM bundles")
        self._laid = set()

    def put_column_layout(
        self,
        keys: Mapping[str, str],
        placements: Mapping[str, Placement],
        bundles: Mapping[tuple[str, str], Sequence[str]],
    ) -> None:
        """A column's layout as a full build made it: the key of every article's placement, by file, the
        placements whose key changed, and the bundles by (column, name). Each column's goes in as soon as it is
        made, so the build does not hold them (at 30,000 articles the first column's placements and the items
        they name were 8 MB while the second one was rendered)."""
        self.put_placements(placements, keys)
        assert self._laid is not None, "clear_layout() first"
        self._laid.update(keys)
        self.db.executemany(
            "INSERT INTO bundles VALUES (?, ?, ?)",
            ((column, name, json.dumps(list(targets))) for (column, name), targets in bundles.items()),
        )

    def prune_layout(self) -> None:
        """Drop the placements of articles no column laid out, and the search records of pages no bundle holds."""
        if self._laid is not None:
            laid = self._laid
            paths = [(path,) for (path,) in self.db.execute("SELECT path FROM placements").fetchall()]
            self.db.executemany("DELETE FROM placements WHERE path = ?", (p for p in paths if p[0] not in laid))
        indexed = {
            (column, target)
            for column, targets in self.db.execute("SELECT column_id, targets FROM bundles").fetchall()
            for target in json.loads(targets)
        }
        rows = self.db.execute("SELECT column_id, target FROM records").fetchall()
        self.db.executemany(
            "DELETE FROM records WHERE column_id = ? AND target = ?", (r for r in rows if tuple(r) not in indexed)
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


class Analyses(Mapping[str, Analyzed]):
    """The whole analyses of a build's files (article rel path -> stamp), read one at a time from the index
    a build committed, in whichever process asks: a forked worker opens a connection of its own."""

    def __init__(self, path: Path, stamps: Mapping[str, Stamp]) -> None:
        self.path = path
        self.stamps = stamps
        self._connections: dict[int, sqlite3.Connection] = {}

    def __getitem__(self, rel: str) -> Analyzed:
        return joined(*self._row(_WHOLE, rel))

    def body(self, rel: str) -> Body:
        """The article's body alone, which is what its page and search record read of its analysis."""
        body: Body | None = pickle.loads(self._row(_BODY, rel)[0])  # noqa: S301 - our own rows, written by put()
        assert body is not None  # an article that reads cleanly has one
        return body

    def _row(self, query: str, rel: str) -> tuple[bytes, ...]:
        row: tuple[bytes, ...] | None = self._db().execute(query, self.stamps[rel]).fetchone()
        if row is None:
            raise SiteError(f"构建索引 .cache/index.sqlite 中缺少 {rel} 的分析结果（构建期间被改动）：请重新构建")
        return row

    def __contains__(self, rel: object) -> bool:
        return rel in self.stamps

    def summaries(self, column: str) -> dict[str, str]:
        """The summary of the body of each of the column's articles, by rel path (Pickled.summary)."""
        rows = self._db().execute("SELECT rel, summary FROM articles WHERE column_id = ?", (column,))
        return {rel: summary for rel, summary in rows if rel in self.stamps}

    def _db(self) -> sqlite3.Connection:
        pid = os.getpid()
        db = self._connections.get(pid)  # never one made before a fork: SQLite forbids using it after
        if db is None:
            db = self._connections[pid] = sqlite3.connect(str(self.path), isolation_level=None)
            # Each article is read once: SQLite's page cache (2 MB by default) would only hold rows already read.
            db.execute("PRAGMA cache_size = -256")
        return db

    def __iter__(self) -> Iterator[str]:
        return iter(self.stamps)

    def __len__(self) -> int:
        return len(self.stamps)


def _open(path: Path | None) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:" if path is None else str(path), isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
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
