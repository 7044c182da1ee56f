"""The only place that knows the order: config → sources → model → validation → render → write."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from . import model, rules
from .catalog import ColumnCatalog, build_catalog
from .config import Config, load_config
from .markup import Body, render_body
from .model import Article
from .probe import Facts, probe_all
from .problems import Problem, ProblemsFound
from .sources import read_sources
from .units import Registry, load_units


@dataclass(frozen=True)
class Project:
    """Where things are. Everything else is read from these paths."""

    root: Path
    theme_root: Path | None = None  # tests build fixture sites with the shipped theme

    @property
    def config(self) -> Path:
        return self.root / "config.yml"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def theme(self) -> Path:
        return self.theme_root or self.root / "themes" / "default"

    @property
    def output(self) -> Path:
        return self.root / "output"

    @property
    def cache(self) -> Path:
        return self.root / ".cache"


@dataclass
class Timings:
    steps: list[tuple[str, float]] = field(default_factory=list)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.steps.append((name, time.perf_counter() - start))


@dataclass(frozen=True)
class Checked:
    """The validated content: what may be published, and what was wrong."""

    config: Config
    registry: Registry
    articles: tuple[Article, ...]  # submitted and approved articles without problems
    bodies: dict[str, Body]  # by article rel path
    facts: dict[Path, Facts]
    catalogs: dict[str, ColumnCatalog]
    problems: tuple[Problem, ...]
    skipped: tuple[str, ...]  # files left out by --skip-invalid


def check_content(
    project: Project, now: datetime, *, skip_invalid: bool = False, timings: Timings | None = None
) -> Checked:
    """Validate everything. Problems raise ProblemsFound unless skip_invalid leaves their files out."""
    t = timings or Timings()
    with t.step("config"):
        config = load_config(project.config)
    with t.step("sources"):
        registry, problems = load_units(config, project.content / "units.yml")
        if problems:
            raise ProblemsFound(problems)
        sources = read_sources(config, project.content)
        problems = list(sources.problems)
    with t.step("model"):
        articles: list[Article] = []
        for source in sources.sources:
            article, found = model.build_article(config, project.content, source)
            problems += found
            if article is not None:
                articles.append(article)
    with t.step("markdown"):
        bodies = {a.rel: render_body(a.body) for a in articles}
    with t.step("probe"):
        facts = probe_all(*media_of(project, articles, bodies))
    with t.step("rules"):
        for article in articles:
            problems += rules.check(rules.Subject(article, bodies[article.rel], facts, config, registry))
    bad = {p.path for p in problems}
    good = [a for a in articles if a.rel not in bad]
    with t.step("catalog"):
        catalogs, url_problems = build_catalog(config, registry, good, now)
    if url_problems:
        problems += url_problems
        bad |= {p.path for p in url_problems}
        good = [a for a in good if a.rel not in bad]
        catalogs, _ = build_catalog(config, registry, good, now)
    if problems and not skip_invalid:
        raise ProblemsFound(problems)
    skipped = tuple(sorted(bad))
    return Checked(config, registry, tuple(good), bodies, facts, catalogs, tuple(problems), skipped)


def media_of(
    project: Project, articles: list[Article], bodies: dict[str, Body]
) -> tuple[list[Path], list[Path], list[Path]]:
    """Every media file the articles refer to: images, videos, other files."""
    images: list[Path] = []
    videos: list[Path] = []
    files: list[Path] = []
    for article in articles:
        for written in bodies[article.rel].images:
            resolved = model.resolve_media(project.content, article.source, written, "正文", None).path
            if resolved:
                images.append(resolved)
        images += [i.src.path for i in article.images if i.src.path]
        if article.video:
            if article.video.src and article.video.src.path:
                videos.append(article.video.src.path)
            if article.video.poster and article.video.poster.path:
                images.append(article.video.poster.path)
        files += [a.src.path for a in article.attachments if a.src.path]
    return images, videos, files


@dataclass(frozen=True)
class Site:
    files: dict[str, bytes]  # output-relative path -> bytes
    copies: dict[str, Path]  # output-relative path -> file to copy


def render_site(project: Project, checked: Checked, now: datetime, timings: Timings | None = None) -> Site:
    from .site import render_columns

    return render_columns(project, checked, now, timings or Timings())


def build(project: Project, now: datetime, *, skip_invalid: bool = False, timings: Timings | None = None) -> Checked:
    """Check, render and write; the previous output stays untouched unless everything succeeds."""
    from .output import write_site

    t = timings or Timings()
    checked = check_content(project, now, skip_invalid=skip_invalid, timings=t)
    site = render_site(project, checked, now, t)
    with t.step("write"):
        write_site(project.output, site.files, site.copies)
    return checked
