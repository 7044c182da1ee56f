"""The build index: unchanged files come from it, a killed build leaves it as it was, a code change empties it."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import sitekit

from sitegen.build import build
from sitegen.content import Analyzed, Pickled
from sitegen.core import file_stamp
from sitegen.index import BuildIndex


def _index(site: sitekit.FixtureSite, scope: str) -> BuildIndex:
    return BuildIndex(site.root / ".cache" / "index.sqlite", scope)


def _scope(site: sitekit.FixtureSite) -> str:
    """The scope the build used, read back from the index it wrote."""
    import sqlite3

    db = sqlite3.connect(site.root / ".cache" / "index.sqlite")
    try:
        return str(db.execute("SELECT value FROM meta WHERE name = 'scope'").fetchone()[0])
    finally:
        db.close()


def _articles(site: sitekit.FixtureSite) -> list[Path]:
    return sorted((site.root / "content").rglob("*.md"))


def test_a_build_stores_every_file_and_an_edit_invalidates_exactly_that_file(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    build(site.project, sitekit.NOW)
    files = _articles(site)
    index = _index(site, _scope(site))
    try:
        assert None not in index.analyses([file_stamp(p) for p in files])
    finally:
        index.close()
    edited = site.root / "content/vocational/highlights/opening.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    index = _index(site, _scope(site))
    try:
        found = index.analyses([file_stamp(p) for p in files])
    finally:
        index.close()
    assert [p.relative_to(site.root).as_posix() for p, a in zip(files, found, strict=True) if a is None] == [
        "content/vocational/highlights/opening.md"
    ]


def test_an_uncommitted_change_is_rolled_back_as_if_the_build_had_been_killed(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    build(site.project, sitekit.NOW)
    scope = _scope(site)
    stamp = file_stamp(site.root / "content/vocational/highlights/opening.md")
    index = _index(site, scope)
    (before,) = index.analyses([stamp])
    assert isinstance(before, Analyzed) and before.article is not None
    wrong = dataclasses.replace(before, slug="wrong-slug")
    analysis, body = pickle.dumps(dataclasses.replace(wrong, body=None)), pickle.dumps(wrong.body)
    index.put([Pickled(wrong, analysis, body, pickle.dumps(wrong))])
    index.close()  # killed before commit
    index = _index(site, scope)
    try:
        (after,) = index.analyses([stamp])
    finally:
        index.close()
    assert after == before


def test_another_code_or_config_scope_starts_empty(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    build(site.project, sitekit.NOW)
    stamp = file_stamp(site.root / "content/vocational/highlights/opening.md")
    index = _index(site, "another config")
    try:
        assert index.analyses([stamp]) == [None]
    finally:
        index.close()


def test_a_file_that_is_not_a_database_is_replaced(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    (site.root / ".cache").mkdir()
    (site.root / ".cache" / "index.sqlite").write_bytes(b"\x00garbage" * 100)
    first = build(site.project, sitekit.NOW)
    assert first.published and not first.problems
    index = _index(site, _scope(site))
    try:
        assert None not in index.analyses([file_stamp(p) for p in _articles(site)])
    finally:
        index.close()


def test_the_search_records_of_pages_no_bundle_holds_are_forgotten(tmp_path: Path) -> None:
    index = BuildIndex(tmp_path / "index.sqlite", "scope")
    try:
        index.put_records("lifelong", [(f"a/{n}/index.html", f"k{n}", b"record") for n in range(5)])
        index.put_records("vocational", [("a/1/index.html", "k", b"record")])
        index.keep_only_records("lifelong", ["a/1/index.html", "a/3/index.html"])
        assert sorted(index.record_keys("lifelong", [f"a/{n}/index.html" for n in range(5)])) == [
            "a/1/index.html",
            "a/3/index.html",
        ]
        assert index.record_keys("vocational", ["a/1/index.html"]) == {"a/1/index.html": "k"}  # another column's
    finally:
        index.close()
