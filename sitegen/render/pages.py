"""Stage 5, render: every page of one column site, as bytes keyed by site-root path."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2

from ..core import fork_map, key_of
from ..images import picture_html
from . import feeds
from .assets import Assets
from .qrcode import qr_svg
from .urls import base_path, relative
from .views import ColumnView, Item, Link


@dataclass(frozen=True)
class PageMeta:
    path: str  # site-root path of the page, "" for the home page
    title: str
    description: str
    kind: str  # home | section | article | unit | city | units | cities | 404 | redirect | ...
    breadcrumbs: tuple[Link, ...] = ()
    robots: str = "index,follow"
    absolute_links: bool = False  # 404.html is served at any depth: link from the base path instead
    feed: str | None = None  # site-root path of this page's own feed
    image: str | None = None  # site-root path of an image for Open Graph


@dataclass(frozen=True)
class Job:
    template: str
    meta: PageMeta
    context: dict[str, Any]


@dataclass
class Renderer:
    """Renders the pages of one column.

    Every page gets a key: a digest of its template, its data and the theme. A page whose key equals
    the one recorded for the same file by the last build is not rendered again; the writer links the
    file from the previous output instead. `files` holds what was rendered (and other generated files).
    """

    env: jinja2.Environment
    column: ColumnView
    assets: Assets
    scope: str = ""  # digest of code, theme and config: part of every page key
    previous: Mapping[str, str] = field(default_factory=dict)  # site-root path -> key, from the last build
    old: Path | None = None  # this column's folder in the previous output
    staging: Path | None = None  # this column's folder in the output being built: pages are written there
    files: dict[str, bytes] = field(default_factory=dict)
    staged: set[str] = field(default_factory=set)  # pages rendered straight into `staging`
    keys: dict[str, str] = field(default_factory=dict)  # every page: site-root path -> key
    reused: dict[str, Path] = field(default_factory=dict)  # site-root path -> unchanged file in the old output
    jobs: dict[str, Job] = field(default_factory=dict)  # pages still to render
    indexable: list[str] = field(default_factory=list)  # pages that belong in the sitemap
    searchable: dict[str, Job] = field(default_factory=dict)  # page -> its search record, rendered on demand

    @cached_property
    def column_key(self) -> str:
        """The part of every page key that is the same for all pages: code, theme, config, the column."""
        return key_of(self.scope, self.column)

    def page(self, template: str, meta: PageMeta, *, record: str | None = None, **context: Any) -> None:
        """Add a page; `record` names the template of what search indexes for it (search.py)."""
        target = meta.path + "index.html" if meta.path.endswith("/") or meta.path == "" else meta.path
        if record:
            self.searchable[target] = Job(record, meta, context)
        key = key_of(self.column_key, template, meta, context)
        self.keys[target] = key
        if "noindex" not in meta.robots:
            self.indexable.append(meta.path)
        old = self.old / target if self.old else None
        if self.previous.get(target) == key and old is not None and old.is_file():
            self.reused[target] = old
        else:
            self.jobs[target] = Job(template, meta, context)

    def render(self, job: Job) -> bytes:
        link = _linker(job.meta, self.column.base_url)
        return (
            self.env.get_template(job.template)
            .render(
                column=self.column,
                page=job.meta,
                link=link,
                asset=lambda name: link(self.assets.path(name)),
                absolute=lambda path: self.column.base_url + path,
                picture=lambda pic, alt, lazy=True: picture_html(pic, alt, link, lazy=lazy),
                qr=qr_svg,
                **job.context,
            )
            .encode()
        )

    def flush(self) -> None:
        """Render every pending page, on all cores when there are many, into `staging` when there is one.

        Writing from the workers keeps ten thousand pages out of the parent's memory, and the disk busy
        on both cores."""
        targets = list(self.jobs)
        if self.staging is None:
            pages = fork_map(lambda target: self.render(self.jobs[target]), targets)
            self.files.update(zip(targets, pages, strict=True))
        else:
            fork_map(self._write, targets)
            self.staged.update(targets)
        self.jobs.clear()

    def _write(self, target: str) -> None:
        assert self.staging is not None
        path = self.staging / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.render(self.jobs[target]))


def _linker(meta: PageMeta, base_url: str) -> Callable[[str], str]:
    if meta.absolute_links:
        root = base_path(base_url)
        return lambda target: target if "://" in target else root + target
    return lambda target: relative(meta.path, target)


def make_environment(theme: Path, cache: Path | None = None) -> jinja2.Environment:
    """The theme's templates; compiled ones are kept in `cache` (keyed by their source), saving 0.1 s a build."""
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(theme / "templates"),
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache)) if cache is not None else None,
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def sitemap(r: Renderer, items: Mapping[str, Item]) -> None:
    pages = [(path, items[path].date_iso[:10] if path in items else None) for path in r.indexable]
    r.files["sitemap.xml"] = feeds.sitemap(r.column.base_url, pages)
