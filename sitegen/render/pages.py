"""Stage 5, render: the renderer that turns the pages of a column's plan into bytes, and its sitemap."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2

from ..core import frozen
from ..images import picture_html
from . import feeds
from .articles import ArticleView
from .assets import Assets
from .plan import Feed, Page, PageMeta, PagePlan
from .qrcode import qr_svg
from .urls import base_path, relative
from .views import ColumnView, Item


@frozen
class PageRenderer:
    """Turns the pages of one column's plan into bytes: the theme's templates, the column, its assets."""

    env: jinja2.Environment
    column: ColumnView
    assets: Assets

    def render(self, page: Page) -> bytes:
        return self._render(page, page.data())

    def record(self, page: Page) -> bytes:
        """What search indexes for a page (`Page.as_record`): of an article, its text without the links to its
        neighbours, which the record's key leaves out, so that no record template can show an old one."""
        record = page.as_record()
        data = dict(record.data())
        article = data.get("article")
        if isinstance(article, ArticleView):
            data["article"] = dataclasses.replace(article, newer=None, older=None)
        return self._render(record, data)

    def _render(self, page: Page, data: Mapping[str, Any]) -> bytes:
        link = _linker(page.meta, self.column.base_url)
        return (
            self.env.get_template(page.template)
            .render(
                column=self.column,
                page=page.meta,
                link=link,
                asset=lambda name: link(self.assets.path(name)),
                absolute=lambda path: self.column.base_url + path,
                picture=lambda pic, alt, lazy=True: picture_html(pic, alt, link, lazy=lazy),
                qr=qr_svg,
                **data,
            )
            .encode()
        )


def _linker(meta: PageMeta, base_url: str) -> Callable[[str], str]:
    if meta.absolute_links:
        root = base_path(base_url)
        return lambda target: target if "://" in target else root + target
    return lambda target: relative(meta.path, target)


def make_environment(theme: Path, cache: Path | None = None) -> jinja2.Environment:
    """The theme's templates; compiled ones are kept in `cache` (keyed by their source).

    An environment serves one build, so a template is loaded once: without auto_reload, Jinja does not look
    at the template's file again each time a page asks for it."""
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(theme / "templates"),
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache)) if cache is not None else None,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def feed(column: ColumnView, path: str, made: Feed) -> bytes:
    """The Atom feed at site-root `path`."""
    return feeds.atom(column, made.title, path, made.page, made.items)


def sitemap(column: ColumnView, plan: PagePlan, items: Mapping[str, Item]) -> bytes:
    """Every indexable page of the plan, articles with their date."""
    paths = [p.meta.path for p in plan.pages if p.meta.indexable]
    return feeds.sitemap(
        column.base_url, [(path, items[path].date_iso[:10] if path in items else None) for path in paths]
    )
