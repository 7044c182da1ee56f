"""The build's render step: plan both column sites, key every page, render what changed, index search.

The plans are values (sitegen.render); this module decides what is looked up in the caches, what is
rendered again, and hands the pages to the writer, which alone touches the output being built.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Mapping
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..banner import banner_page, build_banner, find_artwork, find_cjk_font, spec_for
from ..check import ColumnCatalog, Entry, adoption
from ..config import Column, Config
from ..core import (
    Problem,
    ProblemsFound,
    Store,
    file_stamp,
    frozen,
    key_of,
)
from ..downloads import add_downloads
from ..images import ImageError, PublishedImages, publish_images
from ..index import BuildIndex
from ..render import (
    Assets,
    ColumnView,
    Item,
    Link,
    PageMeta,
    PagePlan,
    PageRenderer,
    collect_assets,
    column_view,
    favicon_files,
    feed,
    item,
    make_environment,
    page,
    plan_articles,
    plan_lists,
    plan_of,
    sitemap,
    week_status,
)
from ..search import BUNDLE, Indexer, bundles, keep_bundles, placed_bundle, search_page
from ..write import stage_pages
from .keys import file_key, page_key, page_keyer, record_key, render_scope
from .recording import index_search
from .values import Checked, Project, Site, Timings

if TYPE_CHECKING:
    from jinja2 import Environment


@frozen
class _Build:
    """What every column site of one build is made with."""

    project: Project
    checked: Checked
    now: datetime
    t: Timings
    previous: Mapping[str, str]  # output-relative path -> key, of the current output/
    staging: Path | None
    index: BuildIndex | None
    env: Environment
    assets: Assets
    images: PublishedImages
    scope: str
    banners: Mapping[str, tuple[str, PagePlan]]  # column id -> the key of its banner drawing, and its files and page
    search_home: Path  # the column's bundles go in a folder of it, by key
    indexer: Indexer  # where Pagefind runs, one bundle at a time, beside the pages being rendered


@frozen
class _ColumnSite:
    """What one column site's step made, under the column's prefix; its bundles may still be indexing
    (`_Build.indexing`)."""

    files: dict[str, bytes]
    copies: dict[str, Path | str]
    keys: dict[str, str]
    rendered: list[str]
    indexed: list[tuple[str, ...]]
    banner: str  # the key of the banner drawing
    column: str  # its id: the prefix of its files, and its folder of bundles in search_home
    bundle_keys: dict[str, str]  # bundle name -> key


def render_columns(
    project: Project,
    checked: Checked,
    now: datetime,
    t: Timings,
    previous: Mapping[str, str],
    staging: Path | None = None,
    index: BuildIndex | None = None,
) -> Site:
    """`previous` maps each file of the current output/ to the key it was built from; pages are rendered
    into `staging`, the folder of the output being built, when there is one, and kept as bytes otherwise.
    The build `index` keeps the search records made (a bundle at a time, so they are never all in memory),
    by the key each was made from; the caller commits it.

    The column sites are made one after the other, the largest first, and nothing of one but what it made
    is kept while the next is: its plan and items go when its step returns, which lowers the peak
    (docs/performance.md)."""
    config = checked.config
    env = make_environment(project.theme, project.cache / "templates" if project.use_cache else None)
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)  # here, once: the workers forked to render pages inherit them compiled
    with t.step("images"):
        originals = _originals(checked)
        images = _images(project, checked, originals)
    scope = render_scope(project)
    cache = project.cache if project.use_cache else None
    banners = Store(cache, "banners", scope)
    # Every banner before any page, in the config's order: a column that cannot have one (no font, no
    # artwork) stops the build before it renders anything, and the first one named is the config's first.
    drawn = {
        c.column.id: _banner(project, column_view(config, c.column), c, banners) for c in checked.catalogs.values()
    }
    # Pagefind runs beside the pages being rendered, by one worker fewer (search.Indexer). Its bundles are kept
    # in folders by key, in the cache, and linked into the output from there.
    with t.step("pages"), ExitStack() as stack:
        indexer = stack.enter_context(Indexer())  # before anything else: it forks a process
        stack.enter_context(checked.source.reading())  # the pages rendered here read their bodies through it
        if cache is not None:
            search_home = cache / "search"
            for superseded in cache.glob("search-*.pickle"):  # every bundle of a column, before .cache/search/
                superseded.unlink(missing_ok=True)
        else:  # a build that keeps nothing: the bundles are read into memory and the folder goes
            search_home = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sitegen-search-")))
        build = _Build(
            project,
            checked,
            now,
            t,
            previous,
            staging,
            index,
            env,
            collect_assets(project.theme),
            images,
            scope,
            drawn,
            search_home,
            indexer,
        )
        # While a column's pages are rendered, the build holds its plan and what the columns before it
        # made, and a plan takes more than what its column keeps once made: the largest goes first.
        largest = sorted(checked.catalogs.values(), key=lambda catalog: -len(catalog.entries))
        by_id = {column.column: column for column in (_column_site(build, catalog) for catalog in largest)}
        made = [by_id[column_id] for column_id in checked.catalogs]  # in the config's order again
        files = {path: data for column in made for path, data in column.files.items()}
        copies = {path: source for column in made for path, source in column.copies.items()}
        keys = {path: key for column in made for path, key in column.keys.items()}
        banners.keep_only([column.banner for column in made])
        banners.save()
        indexer.finish()  # Pagefind on each stale bundle, in the order the columns handed them over
        for column in made:
            home = search_home / column.column
            keep_bundles(home, column.bundle_keys.values())
            for name, key in column.bundle_keys.items():
                placed, digests = placed_bundle(f"{column.column}/{BUNDLE}{name}/", home / key)
                keys.update(digests)  # by their bytes
                if cache is None:  # the folder goes
                    files.update({target: Path(source).read_bytes() for target, source in placed.items()})
                else:
                    copies.update(placed)
        files["index.html"] = (
            env.get_template("preview-index.html")
            .render(columns=[column_view(config, c.column) for c in checked.catalogs.values()])
            .encode()
        )
    for path, data in files.items():
        keys.setdefault(path, file_key(data))
    for path, source in copies.items():
        if path not in keys:
            st = Path(source).stat()
            keys[path] = f"{source}:{st.st_size}:{st.st_mtime_ns}"
    rendered = tuple(path for column in made for path in column.rendered)
    staged = frozenset(rendered) if staging is not None else frozenset()
    indexed = tuple(pages for column in made for pages in column.indexed)
    return Site(files, copies, keys, staged, rendered, indexed)


def _column_site(build: _Build, catalog: ColumnCatalog) -> _ColumnSite:
    """Plan one column site, key its pages, render those whose key changed and hand Pagefind its stale bundles."""
    project, checked, config = build.project, build.checked, build.checked.config
    column_id = catalog.column.id
    prefix = f"{column_id}/"
    column = site_column(project, config, catalog.column)
    items = _items(checked, catalog)
    banner_key, banner = build.banners[column_id]
    today = build.now.astimezone(config.timezone).date()
    plan = (
        plan_lists(
            column, config, catalog, items, week_status(catalog.column, today), checked.uses, build.images.pictures
        )
        + plan_articles(
            config,
            catalog,
            items,
            checked.source.body,
            checked.uses,
            project.content,
            build.images.pictures,
            checked.facts,
        )
        + banner
        + _adoption(checked, catalog, build.now)
        + add_downloads(column, config, catalog.column, project.content)
    )
    renderer = PageRenderer(build.env, column, build.assets)
    column_key = key_of(build.scope, column)
    keyer = page_keyer()
    record_keys = {p.target: record_key(keyer, column_key, p) for p in plan.searchable}
    page_keys = {p.target: page_key(keyer, column_key, p, record_keys.get(p.target)) for p in plan.pages}
    shards = bundles(plan.searchable, items)
    search = search_page(column, shards, items)
    plan = plan + plan_of([search])
    page_keys[search.target] = page_key(keyer, column_key, search)
    del keyer  # and the rows it holds

    home = build.search_home / column_id
    bundle_keys, stale = index_search(
        renderer, build.index, home, column_id, record_keys, shards, build.indexer.submit, build.indexer.busy
    )

    named = {path: prefix + path for path in page_keys}  # one string a page, for its key and the lists
    old = {p.removeprefix(prefix): k for p, k in build.previous.items() if p.startswith(prefix)}
    # The page in the output is reused if it is still there: os.path on text, twice as fast as pathlib here,
    # and kept as text (a Path a page took 0.2 s at 10,000 articles).
    folder = f"{project.output / column_id}/"
    copies: dict[str, Path | str] = {}
    jobs = []
    for p in plan.pages:
        reusable = folder + p.target
        if old.get(p.target) == page_keys[p.target] and os.path.isfile(reusable):  # noqa: PTH113 - see above
            copies[named[p.target]] = reusable
        else:
            jobs.append(p)
    files: dict[str, bytes] = {}
    if build.staging is not None:
        progress = build.t.progress(f"生成页面（{column.short_title}）")
        taken = build.indexer.busy
        stage_pages(build.staging / column_id, jobs, lambda p: p.target, renderer.render, progress, taken)
    else:
        files.update({named[p.target]: renderer.render(p) for p in jobs})

    made_feeds = {path: feed(column, path, f) for path, f in plan.feeds.items()}
    feed_keys = {path: file_key(data) for path, data in made_feeds.items()}
    site_files = {**plan.files, **made_feeds, "sitemap.xml": sitemap(column, plan, items), **build.assets.files}
    site_files.update(favicon_files(column_id))
    files.update({prefix + path: data for path, data in site_files.items()})
    copies.update({prefix + path: source for path, source in plan.copies.items()})
    for source in _images_used(checked, catalog):
        for path in build.images.pictures[source].paths:
            copies[prefix + path] = build.images.files[path]
    if build.index is not None:
        build.index.keep_only_records(column_id, (p.target for pages in shards.values() for p in pages))
    keys = {named[path]: key for path, key in page_keys.items()}
    keys.update({prefix + path: key for path, key in feed_keys.items()})
    return _ColumnSite(
        files,
        copies,
        keys,
        [named[p.target] for p in jobs],
        [tuple(named[p.target] for p in pages) for pages in stale.values()],
        banner_key,
        column_id,
        bundle_keys,
    )


def site_column(project: Project, config: Config, column: Column) -> ColumnView:
    """What every page of a column site shows of the column, and whether it offers downloads."""
    offered = (project.content / "downloads" / column.id).is_dir()
    return dataclasses.replace(column_view(config, column), downloads=offered)


def _originals(checked: Checked) -> set[Path]:
    """The photos that get a full-size copy: every gallery photo, when the config links originals."""
    if not checked.config.images.link_original:
        return set()
    galleries = {i.src.path for c in checked.catalogs.values() for e in c.entries for i in e.article.images}
    return {p for p in galleries if p}


def _images(project: Project, checked: Checked, originals: set[Path]) -> PublishedImages:
    config = checked.config
    used = set().union(*(_images_used(checked, c) for c in checked.catalogs.values()))
    try:
        return publish_images(
            used,
            config.images,
            project.cache / "images",
            originals=originals,
            prune=not checked.skipped,  # keep what the articles left out by --skip-invalid will need again
        )
    except ImageError as e:
        root = project.root
        raise ProblemsFound(
            Problem(
                Path(path).relative_to(root).as_posix() if Path(path).is_relative_to(root) else path,
                None,
                "图片",
                reason,
                "请换一张完整的 JPG 或 PNG 图片",
            )
            for path, reason in e.failures
        ) from e


def _images_used(checked: Checked, catalog: ColumnCatalog) -> set[Path]:
    """Every image file a column's published articles show: inline, gallery and video posters."""
    return {path for entry in catalog.entries for path in checked.uses[entry.article.rel].images}


def _items(checked: Checked, catalog: ColumnCatalog) -> dict[str, Item]:
    """The column's articles as lists show them, with the summaries of their bodies read for this column
    alone: a summary is 0.3 KB, and keying a page that shows it adds a UTF-8 copy as large for as long as
    it lives."""
    config, summaries = checked.config, checked.source.summaries(catalog.column.id)
    return {e.path: item_of(config, catalog.column, e, summaries[e.article.rel]) for e in catalog.entries}


def item_of(config: Config, column: Column, entry: Entry, body_summary: str) -> Item:
    """An article as lists and feeds show it: its own summary, or the start of its body (Outline.summary)."""
    article = entry.article
    return item(column, entry, article.summary or body_summary, config.rules.kinds[article.kind].label)


def _adoption(checked: Checked, catalog: ColumnCatalog, now: datetime) -> PagePlan:
    """稿件采用情况 (反馈公示) when the column asks for it: counts and rates, never a title; the current edition's
    at adoption/, each past edition's at <year>/adoption/, since a past week's feedback stays published."""
    column = catalog.column
    if not column.adoption_page:
        return plan_of()
    editions = [(e.year, e.title, e is column.current) for e in column.editions] or [
        (column.end.year, column.title, True)
    ]
    pages = []
    for year, title, current in editions:
        items = [s for s in checked.submissions if s.column == column.id and s.year == year]
        table = adoption(checked.config, checked.registry, items, now)
        crumbs = (
            (Link(column.short_title, ""),)
            if current
            else (Link(column.short_title, ""), Link(f"{year}年", f"{year}/"))
        )
        path = "adoption/" if current else f"{year}/adoption/"
        meta = PageMeta(path, "稿件采用情况", f"{title}稿件采用情况", "adoption", crumbs)
        pages.append(page("adoption.html", meta, adoption=table, edition_title=title))
    return plan_of(pages)


def _banner(project: Project, column: ColumnView, catalog: ColumnCatalog, banners: Store) -> tuple[str, PagePlan]:
    """The banner files and page, drawn again only when their text, artwork or font changed (drawing takes 0.1 s).

    Returns the key the drawing is cached under, and the plan. The CJK font is looked up only when there
    is no artwork to crop, so a machine without one builds a site whose columns both have artwork."""
    spec = spec_for(catalog.column)
    edition = catalog.column.current if catalog.column.editions else None
    artwork = find_artwork(project.content, catalog.column.id, edition.banner_artwork if edition else None)
    font = find_cjk_font() if artwork is None else None
    key = key_of(spec, [None if p is None else file_stamp(p) for p in (artwork, font)])
    drawn = banners.get(key)
    if drawn is None:
        drawn = build_banner(spec, artwork, font)
        banners.put(key, drawn)
    title = f"{column.short_title}飘窗"
    meta = PageMeta("banner/", title, f"{column.title}飘窗嵌入代码", "banner", (Link(column.short_title, ""),))
    banner = page("banner.html", meta, banner=banner_page(spec))
    return key, plan_of([banner], {f"banner/{name}": data for name, data in drawn.items()})
