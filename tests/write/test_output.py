"""Builds are atomic, deterministic, and an incremental build equals a cold one byte for byte."""

from __future__ import annotations

import dataclasses
import os
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sitekit

from sitegen.build import build, check_content
from sitegen.core import ProblemsFound
from sitegen.render import Page, PageRenderer
from sitegen.write import begin, write_site


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def cold_build(site: sitekit.FixtureSite, tmp: Path) -> dict[str, bytes]:
    """The same content built from scratch, with no cache and no previous output."""
    copy = tmp / "cold"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site.root, copy, ignore=shutil.ignore_patterns("output", ".cache"))
    build(dataclasses.replace(site.project, root=copy, use_cache=False), sitekit.NOW)
    return snapshot(copy / "output")


def test_two_builds_give_identical_bytes(tmp_path: Path) -> None:
    first = sitekit.materialize(tmp_path / "a")
    second = sitekit.materialize(tmp_path / "b")
    build(first.project, sitekit.NOW)
    build(dataclasses.replace(second.project, use_cache=False), sitekit.NOW)
    a, b = snapshot(first.output), snapshot(second.output)
    assert a.keys() == b.keys()
    assert [path for path in a if a[path] != b[path]] == []


def test_incremental_builds_equal_cold_builds_after_every_kind_of_change(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    build(site.project, sitekit.NOW)
    content = site.root / "content"
    steps = [
        ("edit a body", lambda: _append(content / "vocational/highlights/opening.md", "\n新增一段内容。\n")),
        (
            "rename a file",
            lambda: (content / "lifelong/learning-stars/wang.md").rename(
                content / "lifelong/learning-stars/wang-xiulan.md"
            ),
        ),
        (
            "approve → draft",
            lambda: _replace(content / "vocational/integration/yuncheng-case.md", "status: approved", "status: draft"),
        ),
        ("delete an article", lambda: (content / "lifelong/notices/plan.md").unlink()),
        (
            "draft → approved",
            lambda: _replace(content / "vocational/integration/yuncheng-case.md", "status: draft", "status: approved"),
        ),
        (
            "change a title seen in lists and neighbours",
            lambda: _replace(
                content / "vocational/highlights/太原市启动仪式.md",
                "太原市启动职业教育活动周",
                "太原市隆重启动职业教育活动周",
            ),
        ),
        (
            "change a unit's city",
            lambda: _replace(
                content / "units.yml",
                "{name: 运城市教育局, type: city-bureau, city: 运城市}",
                "{name: 运城市教育局, type: city-bureau, city: 临汾市}",
            ),
        ),
        (
            "change config",
            lambda: _replace(site.root / "config.yml", "theme: 一技在手，一生无忧", "theme: 技能成才，技能报国"),
        ),
    ]
    for name, change in steps:
        change()
        build(site.project, sitekit.NOW)
        incremental, cold = snapshot(site.output), cold_build(site, tmp_path)
        assert incremental.keys() == cold.keys(), name
        assert [p for p in cold if cold[p] != incremental[p]] == [], name


def test_saving_a_file_unchanged_renders_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = sitekit.materialize(tmp_path)
    build(site.project, sitekit.NOW)
    before = {p: p.stat().st_ino for p in site.output.rglob("*.html")}
    opening = site.root / "content/vocational/highlights/opening.md"
    opening.write_bytes(opening.read_bytes())  # a new stamp: read and analysed again, everything else cached
    built = build(site.project, sitekit.NOW)
    assert not built.unchanged
    assert built.rendered == ()
    assert {p: p.stat().st_ino for p in site.output.rglob("*.html")} == before  # output left as it was


def test_one_edit_re_renders_only_what_shows_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = sitekit.materialize(tmp_path)
    build(site.project, sitekit.NOW)
    _append(site.root / "content/lifelong/learning-stars/wang.md", "\n她还报名参加了书法班。\n")
    rendered = build(site.project, sitekit.NOW).rendered
    assert "lifelong/learning-stars/wang/index.html" in rendered
    assert "lifelong/lectures/talk/index.html" not in rendered
    assert "lifelong/notices/plan/index.html" not in rendered
    assert len(rendered) < 10, rendered


def test_a_search_record_never_shows_a_neighbour_whatever_the_theme_asks(tmp_path: Path) -> None:
    """A record is keyed without the article's neighbours, so a new neighbour title re-indexes no other
    bundle: it must then be made without them, or a theme that shows them would keep the old title."""
    site = sitekit.materialize(tmp_path / "site")
    theme = tmp_path / "theme"
    shutil.copytree(site.project.theme, theme)
    record = theme / "templates" / "search-record.html"
    shown = "{% if article.newer %}<p>上一篇：{{ article.newer.title }}</p>{% endif %}</main>"
    record.write_text(record.read_text(encoding="utf-8").replace("</main>", shown), encoding="utf-8")
    project = dataclasses.replace(site.project, theme_root=theme)
    build(project, sitekit.NOW)
    _replace(site.root / "content/vocational/highlights/太原市启动仪式.md", "title: ", "title: （更正）")
    build(project, sitekit.NOW)  # the neighbour's page, opening.md's, shows the new title; its record does not

    copy = tmp_path / "cold"
    shutil.copytree(site.root, copy, ignore=shutil.ignore_patterns("output", ".cache"))
    build(dataclasses.replace(project, root=copy, use_cache=False), sitekit.NOW)
    incremental, cold = snapshot(site.output), snapshot(copy / "output")
    assert incremental.keys() == cold.keys()
    assert [p for p in cold if cold[p] != incremental[p]] == []
    neighbour = (site.output / "vocational/highlights/opening/index.html").read_text(encoding="utf-8")
    assert 'rel="prev">（更正）' in neighbour


def test_a_failed_build_leaves_the_previous_output_and_no_temp_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = sitekit.materialize(tmp_path)
    build(site.project, sitekit.NOW)
    before = snapshot(site.output)
    _append(site.root / "content/vocational/highlights/opening.md", "\n改动。\n")

    def crash(self: PageRenderer, page: Page) -> bytes:
        raise KeyboardInterrupt  # as if the build were killed half way

    monkeypatch.setattr(PageRenderer, "render", crash)
    with pytest.raises(KeyboardInterrupt):
        build(site.project, sitekit.NOW)
    assert snapshot(site.output) == before
    assert not list(site.root.glob(".output-tmp-*"))


def test_writer_swaps_in_one_step_and_removes_stale_temp_folders(tmp_path: Path) -> None:
    out = tmp_path / "output"
    staging, _ = begin(out)
    write_site(out, staging, {"a/index.html": b"old"}, {})
    stale = tmp_path / ".output-tmp-output-99999"
    (stale / "half").mkdir(parents=True)
    staging, finished = begin(out)
    assert not stale.exists() and not finished
    (staging / "b").mkdir()
    (staging / "b/index.html").write_bytes(b"new")  # as the renderer's workers write pages
    write_site(out, staging, {"b/feed.xml": b"feed"}, {})
    assert snapshot(out) == {"b/feed.xml": b"feed", "b/index.html": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_new_day_re_renders_only_the_home_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = sitekit.materialize(tmp_path)
    monday = sitekit.NOW.replace(day=13)
    build(site.project, monday)
    rendered = build(site.project, monday.replace(day=14)).rendered
    assert rendered == ("vocational/index.html", "lifelong/index.html")  # the home page of each column: 第 3 天
    assert "活动周进行中：第 3 天（共 7 天）" in site.read_output("lifelong/index.html")


def test_a_build_with_nothing_changed_does_nothing_until_a_file_or_the_day_changes(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    assert not build(site.project, sitekit.NOW).unchanged
    before = snapshot(site.output)
    inode = site.output.stat().st_ino
    again = build(site.project, sitekit.NOW + timedelta(hours=1))
    assert again.unchanged and again.published == {"vocational": 4, "lifelong": 5}
    assert site.output.stat().st_ino == inode and snapshot(site.output) == before
    # The next day: the home page may show another day of the week, so the build runs again.
    assert not build(site.project, sitekit.NOW + timedelta(days=1)).unchanged
    # A saved file, even with the same text, is read again.
    opening = site.root / "content/vocational/highlights/opening.md"
    opening.write_bytes(opening.read_bytes())
    assert not build(site.project, sitekit.NOW + timedelta(days=1)).unchanged
    # A scheduled article is published the moment its time has come.
    future = datetime(2030, 1, 1, 9, 0, tzinfo=sitekit.NOW.tzinfo)
    assert build(site.project, future - timedelta(minutes=1)).published["vocational"] == 4
    assert build(site.project, future - timedelta(seconds=30)).unchanged
    assert build(site.project, future).published["vocational"] == 5
    # An output folder that was deleted or replaced is built again.
    shutil.rmtree(site.output)
    assert not build(site.project, future).unchanged
    assert (site.output / "vocational/highlights/future-item/index.html").is_file()


def test_an_edit_is_applied_in_place_and_a_killed_update_is_finished_by_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = sitekit.materialize(tmp_path)
    build(site.project, sitekit.NOW)
    folder = site.output.stat().st_ino
    untouched = (site.output / "lifelong/index.html").stat().st_ino
    _append(site.root / "content/vocational/highlights/opening.md", "\n第一次修改。\n")
    build(site.project, sitekit.NOW)
    # In place: the same output folder, the other column's pages not even rewritten.
    assert site.output.stat().st_ino == folder
    assert (site.output / "lifelong/index.html").stat().st_ino == untouched
    assert "第一次修改" in site.read_output("vocational/highlights/opening/index.html")

    # Killed after the journal was committed, before any file was moved in.
    _append(site.root / "content/vocational/highlights/opening.md", "\n第二次修改。\n")
    real_replace = os.replace

    def killed_at_the_first_move(source: os.PathLike[str], target: os.PathLike[str], **kwargs: int | None) -> None:
        if Path(target).is_relative_to(site.output):  # moving a finished file into the site
            raise KeyboardInterrupt
        real_replace(source, target, **kwargs)

    monkeypatch.setattr(os, "replace", killed_at_the_first_move)
    with pytest.raises(KeyboardInterrupt):
        build(site.project, sitekit.NOW)
    monkeypatch.undo()
    assert "第二次修改" not in site.read_output("vocational/highlights/opening/index.html")
    assert list(site.output.parent.glob(".output-journal-*"))
    # The editor takes the change back; the next build still finishes the killed update first, then undoes it.
    _replace(site.root / "content/vocational/highlights/opening.md", "\n第二次修改。\n", "\n")
    build(site.project, sitekit.NOW)
    assert "第二次修改" not in site.read_output("vocational/highlights/opening/index.html")
    assert [p.name for p in site.output.parent.iterdir() if p.name.startswith(".output")] == []
    incremental = snapshot(site.output)
    cold = cold_build(site, tmp_path)
    assert incremental.keys() == cold.keys()
    assert [p for p in cold if cold[p] != incremental[p]] == []


def test_a_deleted_article_leaves_no_empty_folder_behind(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    build(site.project, sitekit.NOW)
    assert (site.output / "lifelong/notices/plan").is_dir()
    (site.root / "content/lifelong/notices/plan.md").unlink()
    build(site.project, sitekit.NOW)
    assert not (site.output / "lifelong/notices/plan").exists()
    assert [p for p in site.output.rglob("*") if p.is_dir() and not any(p.iterdir())] == []


def test_cached_checks_follow_the_media_and_the_unit_list(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path, "invalid-missing-image")
    inline = "content/vocational/highlights/missing-inline.md"

    def problems() -> list[str]:
        with pytest.raises(ProblemsFound) as found:
            check_content(site.project, sitekit.NOW)
        return sorted(f"{p.path}: {p.message}" for p in found.value.problems)

    assert f"{inline}: 插图“missing-inline/stage.jpg”：文件不存在" in problems()
    # The editor adds the photo; the article itself is unchanged, so only the file's facts can tell.
    photo = min(site.root.glob("content/**/*.jpg"), key=lambda p: p.stat().st_size)
    (site.root / "content/vocational/highlights/missing-inline").mkdir(exist_ok=True)
    shutil.copyfile(photo, site.root / "content/vocational/highlights/missing-inline/stage.jpg")
    assert [p for p in problems() if p.startswith(inline)] == []
    # A unit taken out of units.yml: the unchanged articles that name it are now wrong.
    units = site.root / "content/units.yml"
    units.write_text(units.read_text(encoding="utf-8").replace("太原市教育局", "太原市教育局（旧）"), encoding="utf-8")
    assert any(p.startswith("content/vocational/highlights/opening.md: ") and "太原市教育局" in p for p in problems())
