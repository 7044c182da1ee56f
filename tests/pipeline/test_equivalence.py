"""An incremental build equals a cold build, byte for byte, by construction: a seeded random walk of editorial
changes, each followed by an incremental build and a cold build of the same files in a fresh copy."""

from __future__ import annotations

import dataclasses
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sitekit

from sitegen.build import Project, build

UNITS = ("太原市教育局", "山西工程科技职业大学", "运城市教育局", "山西开放大学", "长治市教育局")
SECTIONS = ("local-news", "learning-stars")  # lifelong sections of text-only kinds (news, profile)
PHOTO = "content/vocational/highlights/opening/stage.jpg"  # an inline photo of a published article


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def cold(project: Project, tmp: Path) -> dict[str, bytes]:
    """The same files built from scratch in a copy, with no cache and no previous output."""
    copy = tmp / "cold"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(project.root, copy, ignore=shutil.ignore_patterns("output", ".cache"), symlinks=True)
    build(dataclasses.replace(project, root=copy, use_cache=False), sitekit.NOW)
    return snapshot(copy / "output")


def differences(incremental: dict[str, bytes], fresh: dict[str, bytes]) -> list[str]:
    return sorted(p for p in incremental.keys() | fresh.keys() if incremental.get(p) != fresh.get(p))


@dataclasses.dataclass
class Story:
    """One generated article, written whole from these fields after every change."""

    section: str
    name: str
    title: str
    day: int
    unit: str
    body: str
    status: str = "approved"
    extra: dict[str, str] = dataclasses.field(default_factory=dict)  # summary, tags, slug, aliases: YAML text

    def write(self, root: Path) -> None:
        review = "" if self.status != "approved" else f"review: {{by: {self.unit}, date: 2024-05-{self.day:02}}}\n"
        fields = "".join(f"{name}: {value}\n" for name, value in self.extra.items())
        text = (
            f"---\ntitle: {self.title}\ndate: 2024-05-{self.day:02} 09:{len(self.name):02}\nunit: {self.unit}\n"
            f"status: {self.status}\n{review}{fields}---\n{self.body}\n"
        )
        self.path(root).write_text(text, encoding="utf-8")

    def path(self, root: Path) -> Path:
        return root / "content" / "lifelong" / self.section / f"{self.name}.md"


class Walk:
    """The site and its generated articles, changed one editorial step at a time."""

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.root, self.rng, self.stories, self.made = root, rng, list[Story](), 0

    def new(self) -> str:
        self.made += 1
        rng = self.rng
        story = Story(
            rng.choice(SECTIONS),
            f"story-{self.made:02}",
            f"第{self.made}个学习故事",
            rng.randint(12, 18),
            rng.choice(UNITS),
            f"社区学习中心开展了第{self.made}次活动。居民们踊跃参加，学习热情高涨。",
        )
        self.stories.append(story)
        story.write(self.root)
        return f"new {story.name}"

    def pick(self) -> Story:
        return self.rng.choice(self.stories)

    def change(self, what: str, edit: Callable[[Story], Any]) -> str:
        story = self.pick()
        edit(story)
        story.write(self.root)
        return f"{what} of {story.name}"

    def delete(self) -> str:
        story = self.pick()
        self.stories.remove(story)
        story.path(self.root).unlink()
        return f"delete {story.name}"

    def photo(self) -> str:
        seed = self.rng.randint(10, 10_000)
        target = self.root / PHOTO
        target.unlink()
        sitekit.make_media(target, {"kind": "photo", "width": 1200, "height": 800, "seed": seed, "label": "新照片"})
        return f"replace the photo (seed {seed})"

    def config(self) -> str:
        path = self.root / "config.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("theme: 让学习成为一种生活方式", "theme: 让学习成为一种生活方式！", 1), encoding="utf-8"
        )
        return "config text"


def steps(walk: Walk) -> dict[str, Callable[[], str]]:
    rng = walk.rng

    def status(story: Story) -> None:
        story.status = "submitted" if story.status == "approved" else "approved"

    return {
        "body": lambda: walk.change("body", lambda s: setattr(s, "body", s.body + "\n活动现场还举办了成果展。")),
        "title": lambda: walk.change("title", lambda s: setattr(s, "title", s.title + "（修订）")),
        "summary": lambda: walk.change("summary", lambda s: s.extra.update(summary=f"摘要{rng.randint(1, 99)}。")),
        "date": lambda: walk.change("date", lambda s: setattr(s, "day", rng.randint(12, 18))),
        "unit": lambda: walk.change("unit", lambda s: setattr(s, "unit", rng.choice(UNITS))),
        "status": lambda: walk.change("status", status),
        "tags": lambda: walk.change("tags", lambda s: s.extra.update(tags=f"[标签{rng.randint(1, 3)}]")),
        "slug": lambda: walk.change("slug", lambda s: s.extra.update(slug=f"{s.name}-renamed")),
        "alias": lambda: walk.change("alias", lambda s: s.extra.update(aliases=f"[/{s.section}/old-{s.name}/]")),
        "new": walk.new,
        "delete": walk.delete,
        "photo": walk.photo,
        "config": walk.config,
    }


def test_a_random_walk_of_edits_always_gives_the_bytes_of_a_cold_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small bundles and pages, so that a site of twenty articles has several of each.
    monkeypatch.setattr("sitegen.search.index.RECORDS_PER_BUNDLE", 4)
    site = sitekit.materialize(tmp_path / "site")
    config = site.root / "config.yml"
    paginated = re.sub(r"^pagination: 20$", "pagination: 3", config.read_text(encoding="utf-8"), flags=re.M)
    config.write_text(paginated, encoding="utf-8")
    walk = Walk(site.root, random.Random(31))
    for _ in range(14):
        walk.new()
    build(site.project, sitekit.NOW)
    assert len(list((site.output / "lifelong/pagefind").iterdir())) >= 3
    assert (site.output / "lifelong/local-news/page/2/index.html").is_file()

    kinds = steps(walk)
    # Every kind of change once, in a seeded order, then a few more drawn at random.
    order = walk.rng.sample(sorted(kinds), len(kinds)) + walk.rng.choices(sorted(kinds), k=2)
    done: list[str] = []
    for kind in order:
        done.append(kinds[kind]())
        build(site.project, sitekit.NOW)
        assert differences(snapshot(site.output), cold(site.project, tmp_path)) == [], done


def test_a_new_list_feature_is_incremental_without_touching_incremental_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The change that broke the quick path: the home page gains a string joined from the latest titles."""
    import sitegen.render.lists as lists

    plain = lists.page

    def with_headline(template: str, meta: Any, **context: Any) -> Any:
        if template == "home.html":
            context["headline"] = "、".join(item.title for item in context["newest"][:3])
        return plain(template, meta, **context)

    monkeypatch.setattr(lists, "page", with_headline)
    theme = tmp_path / "theme"
    shutil.copytree(sitekit.REPO / "themes" / "default", theme)
    home = theme / "templates" / "home.html"
    text = home.read_text(encoding="utf-8")
    home.write_text(text.replace("{% endblock %}", '<p class="headline">{{ headline }}</p>\n{% endblock %}'), "utf-8")
    site = sitekit.materialize(tmp_path / "site")
    project = dataclasses.replace(site.project, theme_root=theme)
    build(project, sitekit.NOW)
    newest = site.root / "content/vocational/highlights/太原市启动仪式.md"
    newest.write_text(newest.read_text(encoding="utf-8").replace("title: ", "title: （更正）", 1), encoding="utf-8")

    built = build(project, sitekit.NOW)

    assert "vocational/index.html" in built.rendered
    headline = re.search(r'<p class="headline">(.*)</p>', site.read_output("vocational/index.html"))
    assert headline is not None and "（更正）" in headline[1]
    assert differences(snapshot(site.output), cold(project, tmp_path)) == []
