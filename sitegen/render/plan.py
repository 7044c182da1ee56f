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


def items_in(value: object) -> set[str]:
    """The paths of the articles whose items a page's data or a feed shows, wherever they sit in it."""
    found: set[str] = set()

    def visit(v: object) -> None:
        if isinstance(v, Item):
            found.add(v.path)
        elif isinstance(v, Mapping):
            for x in v.values():
                visit(x)
        elif isinstance(v, (list, tuple)):
            for x in v:
                visit(x)
        elif dataclasses.is_dataclass(v) and not isinstance(v, type):
            for f in dataclasses.fields(v):
                visit(getattr(v, f.name))

    visit(value)
    return found


def with_items(value: Any, items: Mapping[str, Item]) -> Any:
    """`value` with each item of an article in `items` (by path) replaced by that one: a list page or feed
    as a full build would plan it after an edit that changed what those articles show in lists."""
    if isinstance(value, Item):
        return items.get(value.path, value)
    if isinstance(value, Mapping):
        made = {k: with_items(v, items) for k, v in value.items()}
        if all(made[k] is value[k] for k in made):
            return value
        return MappingProxyType(made) if isinstance(value, MappingProxyType) else made
    if isinstance(value, (list, tuple)) and not hasattr(value, "_fields"):
        out = [with_items(v, items) for v in value]
        if all(a is b for a, b in zip(out, value, strict=True)):
            return value
        return out if isinstance(value, list) else tuple(out)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {f.name: with_items(getattr(value, f.name), items) for f in dataclasses.fields(value)}
        if any(changed[name] is not getattr(value, name) for name in changed):
            return dataclasses.replace(value, **changed)
    return value
