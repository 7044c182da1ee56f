"""Stage 5, render: the page plan of a column site, which pages exist, from which template and data.

A plan is a value: building one renders nothing and touches no file. The build's orchestration keys each
page by its inputs (`Page.inputs`) to decide which pages to render again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..core import frozen
from .views import Item, Link


@frozen
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

    @property
    def target(self) -> str:
        """The file that holds the page: a folder's index.html, or the named file."""
        return self.path + "index.html" if self.path.endswith("/") or self.path == "" else self.path

    @property
    def indexable(self) -> bool:
        return "noindex" not in self.robots


@frozen
class Page:
    """One page: its template, its meta and the data the template sees.

    An article page's data is made only when the page is rendered (`make`), in the worker that renders
    it: a build that reuses ten thousand unchanged pages never builds their views. Such a page is keyed
    by `key`, what `make` reads, in place of the data itself; with a search record, by what its record
    shows (`record_key`) and `key`, what the page shows besides (build.keys.page_key)."""

    template: str
    meta: PageMeta
    context: Mapping[str, Any]
    record: str | None = None  # the template of what search indexes for the page
    make: Callable[[], Mapping[str, Any]] | None = None
    key: tuple[Any, ...] = ()
    record_key: tuple[Any, ...] = ()  # what the record is made from: of an article, all but its neighbours

    @property
    def target(self) -> str:
        return self.meta.target

    def data(self) -> Mapping[str, Any]:
        """What the template sees."""
        return self.context if self.make is None else self.make()

    def inputs(self) -> tuple[str, PageMeta, object]:
        """Everything the page's bytes depend on, besides the column, code, theme and config."""
        return (self.template, self.meta, dict(self.context) if self.make is None else self.key)

    def as_record(self) -> Page:
        """The page search indexes, keyed by what it shows (PageRenderer.record leaves out the rest)."""
        assert self.record is not None
        return dataclasses.replace(self, template=self.record, record=None, key=self.record_key)


def page(template: str, meta: PageMeta, *, record: str | None = None, **context: Any) -> Page:
    return Page(template, meta, MappingProxyType(context), record)


_MADE: Mapping[str, Any] = MappingProxyType({})  # the context of every made page: one value, not one per page


def made_page(
    template: str,
    meta: PageMeta,
    make: Callable[[], Mapping[str, Any]],
    key: tuple[Any, ...],
    record: str | None = None,
    record_key: tuple[Any, ...] = (),
) -> Page:
    """A page whose data `make` builds when it is rendered; `record_key` must change whenever the part of that
    data its record shows would, and `key` whenever the rest would (all of it, for a page without a record)."""
    return Page(template, meta, _MADE, record, make, key, record_key)


@frozen
class Feed:
    """An Atom feed of a list page (`page`, its site-root path): its title and its newest items."""

    title: str
    page: str
    items: tuple[Item, ...]


@frozen
class PagePlan:
    """The pages of one column site, in sitemap order, its feeds, and the files made without a template."""

    pages: tuple[Page, ...] = ()
    files: Mapping[str, bytes] = field(default_factory=lambda: MappingProxyType({}))  # robots.txt, banners, …
    copies: Mapping[str, Path] = field(default_factory=lambda: MappingProxyType({}))  # site path -> source file
    feeds: Mapping[str, Feed] = field(default_factory=lambda: MappingProxyType({}))  # site path -> feed

    def __add__(self, other: PagePlan) -> PagePlan:
        return PagePlan(
            (*self.pages, *other.pages),
            MappingProxyType({**self.files, **other.files}),
            MappingProxyType({**self.copies, **other.copies}),
            MappingProxyType({**self.feeds, **other.feeds}),
        )

    @property
    def searchable(self) -> tuple[Page, ...]:
        return tuple(p for p in self.pages if p.record)


def plan_of(
    pages: Iterable[Page] = (),
    files: Mapping[str, bytes] | None = None,
    copies: Mapping[str, Path] | None = None,
    feeds: Mapping[str, Feed] | None = None,
) -> PagePlan:
    return PagePlan(
        tuple(pages),
        MappingProxyType(dict(files or {})),
        MappingProxyType(dict(copies or {})),
        MappingProxyType(dict(feeds or {})),
    )
