"""An edit costs work in proportion to the change, through the cold build's own planner and renderer: every
page is planned and keyed, and only those whose key changed are rendered and written."""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import os
import re
import shutil
import subprocess
import sys
from multiprocessing.connection import Connection
from pathlib import Path

import pytest
import sitekit
from bench.corpus import make_corpus

from sitegen.build import build
from sitegen.core import ProblemsFound

REPO = Path(__file__).resolve().parents[2]
# Appended to a short article, this makes its summary (the first 120 字) end inside it: a later paragraph
# changes no list, feed or description, so an edit there renders the article's page alone.
STORY = "\n她每周去社区学习中心三次，从开机关机学起，后来学会了视频通话、网上挂号和在手机上缴纳水电费。" * 2 + "\n"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def cold(root: Path, tmp: Path) -> dict[str, bytes]:
    """The same project built from scratch into a copy, with no cache and no previous output."""
    copy = tmp / "cold"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("output", ".cache"), symlinks=True)
    project = sitekit.FixtureSite(copy).project
    build(dataclasses.replace(project, use_cache=False), sitekit.NOW)
    return snapshot(copy / "output")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edit_renders_only_the_pages_that_show_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At a size with several bundles an edition (the 10,000-article run is `make bench`'s)."""
    monkeypatch.setattr("sitegen.search.index.RECORDS_PER_BUNDLE", 40)
    root = make_corpus(tmp_path / "corpus", 240)
    project = sitekit.FixtureSite(root).project
    first = build(project, sitekit.NOW)
    assert sum(first.published.values()) == 240
    assert first.reason.startswith("没有上一次构建的记录")
    edited = next((root / "content/lifelong").glob("*/article-00101.md"))
    append(edited, "\n编辑补充：活动当天还举办了成果展。\n")

    built = build(project, sitekit.NOW)

    page = f"lifelong/{edited.parent.name}/article-00101/index.html"
    assert built.rendered == (page,)
    assert built.reason == ""
    assert len(built.indexed) == 1  # the one search bundle that holds the page, from the others' stored records
    assert page in built.indexed[0] and len(built.indexed[0]) < 100
    assert "编辑补充：活动当天还举办了成果展。" in (root / "output" / page).read_text(encoding="utf-8")
    assert built.published == first.published

    # A new title shows in lists, feeds and the neighbours' links.
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("活动（101）", "活动（101，修订）", 1), encoding="utf-8")
    retitled = build(project, sitekit.NOW)
    # Its page, its two neighbours', and the list pages that show it: its section's, its unit's, its city's
    # and its edition's section list.
    section = f"lifelong/{edited.parent.name}/"
    assert sorted(retitled.rendered) == sorted(
        [
            page,
            *(f"{section}article-{n:05}/index.html" for n in (88, 114)),
            f"{section}index.html",
            "lifelong/2024/" + section.removeprefix("lifelong/") + "index.html",
            *(p for p in retitled.rendered if p.startswith(("lifelong/units/", "lifelong/cities/"))),
        ]
    )
    assert sum(p.startswith(("lifelong/units/", "lifelong/cities/")) for p in retitled.rendered) == 2
    for path in retitled.rendered:
        assert "活动（101，修订）" in (root / "output" / path).read_text(encoding="utf-8"), path
    # Search records show no neighbour: only the edited page's bundle is indexed again.
    assert len(retitled.indexed) == 1 and page in retitled.indexed[0]

    # A new date moves it in every list, and between two new neighbours: still Pagefind on its bundle alone.
    text = edited.read_text(encoding="utf-8")
    edited.write_text(re.sub(r"^date: .*$", "date: 2024-05-19", text, count=1, flags=re.M), encoding="utf-8")
    redated = build(project, sitekit.NOW)
    assert len(redated.indexed) == 1 and page in redated.indexed[0]
    assert snapshot(root / "output") == cold(root, tmp_path)


def test_edits_give_the_bytes_of_a_cold_build(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path / "site")
    content = site.root / "content"
    append(content / "lifelong/learning-stars/wang.md", STORY)
    build(site.project, sitekit.NOW)
    append(content / "lifelong/learning-stars/wang.md", "\n她还报名参加了书法班。\n")
    _replace(content / "vocational/highlights/opening.md", "- 烹饪", "- 中式烹饪")

    built = build(site.project, sitekit.NOW)

    assert sorted(built.rendered) == [
        "lifelong/learning-stars/wang/index.html",
        "vocational/highlights/opening/index.html",
    ]
    incremental, fresh = snapshot(site.output), cold(site.root, tmp_path)
    assert incremental.keys() == fresh.keys()
    assert [p for p in fresh if fresh[p] != incremental[p]] == []
    # The cache keeps each column's bundles as they are now, not the ones the edits replaced.
    for column in ("lifelong", "vocational"):
        kept = sorted(p.name for p in (site.project.cache / "search" / column).iterdir())
        assert len(kept) == len(list((site.output / column / "pagefind").iterdir())) == 1


def test_an_edit_rewrites_only_the_files_of_its_search_bundle_that_changed(tmp_path: Path) -> None:
    """Pagefind makes the edited page's bundle again, but most of its files come out the same bytes: only the
    others replace theirs in the output (a file replaced gets a new inode; one left alone keeps its own)."""
    site = sitekit.materialize(tmp_path / "site")
    wang = site.root / "content/lifelong/learning-stars/wang.md"
    append(wang, STORY)
    build(site.project, sitekit.NOW)
    bundle = site.output / "lifelong/pagefind/1"
    before = {p.relative_to(bundle).as_posix(): p.stat().st_ino for p in bundle.rglob("*") if p.is_file()}
    append(wang, "\n她还报名参加了书法班。\n")

    built = build(site.project, sitekit.NOW)

    assert built.rendered == ("lifelong/learning-stars/wang/index.html",)
    after = {p.relative_to(bundle).as_posix(): p.stat().st_ino for p in bundle.rglob("*") if p.is_file()}
    replaced = sorted(path for path in after if before.get(path) != after[path])
    assert "pagefind-entry.json" in replaced
    assert any(path.startswith("fragment/") for path in replaced)  # the edited page's
    assert len(replaced) < len(after) - 5  # the other pages' fragments, the script, the wasm: left alone
    assert not any(path.endswith("sitegen-files.json") for path in snapshot(site.output))


def test_a_new_title_remakes_its_lists_feeds_and_neighbours_as_a_cold_build_would(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path / "site")
    build(site.project, sitekit.NOW)
    _replace(site.root / "content/vocational/highlights/太原市启动仪式.md", "title: ", "title: （更正）")

    built = build(site.project, sitekit.NOW)

    assert {
        "vocational/highlights/taiyuan-shi-qidong-yishi/index.html",
        "vocational/highlights/opening/index.html",
        "vocational/index.html",
        "vocational/highlights/index.html",
    } <= set(built.rendered)
    assert "（更正）" in (site.output / "vocational/highlights/feed.xml").read_text(encoding="utf-8")
    incremental, fresh = snapshot(site.output), cold(site.root, tmp_path)
    assert incremental.keys() == fresh.keys()
    assert [p for p in fresh if fresh[p] != incremental[p]] == []

    _replace(site.root / "content/vocational/highlights/太原市启动仪式.md", "（更正）", "（再次更正）")
    build(site.project, sitekit.NOW)
    incremental, fresh = snapshot(site.output), cold(site.root, tmp_path)
    assert [p for p in fresh if fresh.get(p) != incremental.get(p)] == []
    assert "（更正）太原" not in (site.output / "vocational/highlights/opening/index.html").read_text(encoding="utf-8")


def test_an_approval_and_a_title_edit_after_it_give_the_bytes_of_a_cold_build(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path / "site")
    build(site.project, sitekit.NOW)
    submitted = site.root / "content/vocational/highlights/submitted-item.md"
    _replace(submitted, "status: submitted", "status: approved\nreview: {by: 太原市教育局宣传科, date: 2024-05-14}")
    approved = build(site.project, sitekit.NOW)
    assert "vocational/highlights/submitted-item/index.html" in approved.rendered
    _replace(submitted, "title: 未发布样稿已提交", "title: 审核通过的样稿")

    build(site.project, sitekit.NOW)

    neighbour = site.read_output("vocational/highlights/taiyuan-shi-qidong-yishi/index.html")
    assert "上一篇：<a" in neighbour and "审核通过的样稿" in neighbour
    incremental, fresh = snapshot(site.output), cold(site.root, tmp_path)
    assert incremental.keys() == fresh.keys()
    assert [p for p in fresh if fresh[p] != incremental[p]] == []


def test_an_edit_that_breaks_a_rule_is_reported_and_publishes_nothing(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path / "site")
    build(site.project, sitekit.NOW)
    before = snapshot(site.output)
    # A photo that is not there is an error; a body over 800 字 would be a warning and publish (SPEC 4.2).
    append(site.root / "content/lifelong/learning-stars/wang.md", "\n![课堂](wang/missing.jpg)\n")

    with pytest.raises(ProblemsFound) as raised:
        build(site.project, sitekit.NOW)

    [problem] = raised.value.problems
    assert problem.path == "content/lifelong/learning-stars/wang.md"
    assert problem.field == "正文" and problem.is_error
    assert "wang/missing.jpg" in problem.message
    assert snapshot(site.output) == before


def test_a_draft_saved_while_the_site_is_up_changes_nothing_published(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path / "site")
    build(site.project, sitekit.NOW)
    before = snapshot(site.output)
    append(site.root / "content/vocational/highlights/draft-item.md", "\n草稿里新写的一段。\n")
    built = build(site.project, sitekit.NOW)
    assert built.rendered == ()
    assert "草稿里新写的一段" not in site.all_output_text()
    assert snapshot(site.output) == before


_LOADED = """
import sys
from sitegen.commands import main
code = main(sys.argv[1:])
heavy = {"PIL", "jieba", "pypinyin", "markdown", "jinja2"}
print(sorted({m.split(".")[0] for m in sys.modules} & heavy | {"importlib.metadata"} & set(sys.modules)))
sys.exit(code)
"""


def _libraries_loaded(root: Path, *args: str) -> list[str]:
    """Build in a fresh process, as an editor does, and name the heavy libraries it loaded (importlib.metadata
    is one: 20-40 ms)."""
    argv = [sys.executable, "-c", _LOADED, "--root", str(root), *args, "--now", "2024-05-20T12:00"]
    done = subprocess.run(argv, capture_output=True, text=True, check=True, cwd=REPO)
    return ast.literal_eval(done.stdout.strip().splitlines()[-1])


def test_a_rebuild_loads_only_the_libraries_its_work_needs(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path / "site")
    (site.root / "themes").symlink_to(REPO / "themes", target_is_directory=True)
    append(site.root / "content/lifelong/learning-stars/wang.md", STORY)
    assert "PIL" in _libraries_loaded(site.root, "build")  # the first build draws banners and photos

    assert _libraries_loaded(site.root, "build") == []  # nothing changed: not even the Markdown converter

    append(site.root / "content/lifelong/learning-stars/wang.md", "\n她还报名参加了书法班。\n")
    # An edit of a text-only article: the word segmenter (100 MB) and the metadata reader stay out; the photo
    # library is loaded (images and banners are stages of every build), though it converts nothing.
    assert _libraries_loaded(site.root, "build") == ["PIL", "jinja2", "markdown"]
    assert "书法班" in site.read_output("lifelong/learning-stars/wang/index.html")


def test_a_build_killed_while_moving_files_in_is_finished_by_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = sitekit.materialize(tmp_path / "site")
    wang = site.root / "content/lifelong/learning-stars/wang.md"
    append(wang, STORY)
    build(site.project, sitekit.NOW)
    append(wang, "\n她还报名参加了书法班。\n")
    real_replace = os.replace

    def killed_at_the_first_move(source: os.PathLike[str], target: os.PathLike[str], **kwargs: int | None) -> None:
        if Path(target).is_relative_to(site.output):
            raise KeyboardInterrupt
        real_replace(source, target, **kwargs)

    monkeypatch.setattr(os, "replace", killed_at_the_first_move)
    with pytest.raises(KeyboardInterrupt):
        build(site.project, sitekit.NOW)
    monkeypatch.undo()
    assert "书法班" not in site.read_output("lifelong/learning-stars/wang/index.html")  # the old page, whole

    built = build(site.project, sitekit.NOW)  # finishes the journal, trusts nothing it did not write itself
    assert built.reason == "上一次构建在写入 output/ 时中断：每个页面都重新生成"
    assert "书法班" in site.read_output("lifelong/learning-stars/wang/index.html")
    incremental, fresh = snapshot(site.output), cold(site.root, tmp_path)
    assert incremental.keys() == fresh.keys()
    assert [p for p in fresh if fresh[p] != incremental[p]] == []


def test_records_a_killed_build_left_waiting_for_pagefind_are_removed_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = sitekit.materialize(tmp_path / "site")
    search = site.project.cache / "search"
    superseded = site.project.cache / "search-vocational.pickle"  # where earlier versions kept the bundles
    superseded.parent.mkdir(parents=True)
    superseded.write_bytes(b"\x80\x05N.")

    def never_indexes(pipe: Connection, parents: Connection) -> None:
        """A Pagefind process that takes its jobs and indexes none, its build killed meanwhile."""
        parents.close()
        with contextlib.suppress(EOFError):
            while pipe.recv() is not None:
                pass

    def killed(self: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("sitegen.search.runner._serve", never_indexes)
    monkeypatch.setattr("sitegen.search.runner.Indexer.finish", killed)
    with pytest.raises(KeyboardInterrupt):
        build(site.project, sitekit.NOW)
    monkeypatch.undo()
    assert sorted(p.parent.name for p in search.rglob("*.records")) == ["lifelong", "vocational"]
    assert not (site.output / "lifelong").exists()  # nothing was published

    append(site.root / "content/lifelong/learning-stars/wang.md", "\n她还报名参加了书法班。\n")  # a bundle of new key
    build(site.project, sitekit.NOW)

    assert list(search.rglob("*.records")) == []
    assert not superseded.exists()
    for column in ("lifelong", "vocational"):
        kept = sorted(p.name for p in (search / column).iterdir())
        assert kept == sorted(p.name for p in (search / column).iterdir() if p.is_dir())
        assert len(kept) == len(list((site.output / column / "pagefind").iterdir())) == 1
    incremental, fresh = snapshot(site.output), cold(site.root, tmp_path)
    assert incremental.keys() == fresh.keys()
    assert [p for p in fresh if fresh[p] != incremental[p]] == []
