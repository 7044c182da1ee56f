"""The build's render step: plan both column sites, key every page, render what changed, index search.

The plans are values (sitegen.render); this module decides what is looked up in the caches, what is
rendered again, and hands the pages to the writer, which alone touches the output being built.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path

from ..banner import banner_page, build_banner, find_artwork, find_cjk_font, spec_for
from ..check import ColumnCatalog, Entry, adoption
from ..config import Column, Config
from ..content import Outline, Submission
from ..core import (
    Problem,
    ProblemsFound,
    Store,
    code_version,
    digest_files,
    digest_tree,
    file_stamp,
    fork_imap,
    key_of,
)
from ..downloads import add_downloads
from ..images import ImageError, PublishedImages, publish_images
from ..index import BuildIndex, Placement
from ..render import (
    ColumnView,
    Feed,
    Item,
    Link,
    Page,
    PageMeta,
    PagePlan,
    PageRenderer,
    collect_assets,
    column_view,
    feed,
    item,
    items_in,
    make_environment,
    neighbours,
    page,
    plan_articles,
    plan_lists,
    plan_of,
    sitemap,
    week_status,
)
from ..search import BUNDLE, bundle_files, bundle_key, bundles, by_character, index_bundle, keep_bundles, search_page
from ..write import stage_pages
from .values import Checked, Layout, Project, Site, Timings


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
    The build `index` keeps, for the quick rebuild, the search records made (a bundle at a time, so they
    are never all in memory) and the plan of each list page and feed that shows items."""
    config = checked.config
    today = now.astimezone(config.timezone).date()
    env = make_environment(project.theme, project.cache / "templates" if project.use_cache else None)
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)  # here, once: the workers forked to render pages inherit them compiled
    assets = collect_assets(project.theme)
    with t.step("images"):
        originals = _originals(checked)
        images = _images(project, checked, originals)
    scope = render_scope(project)
    cache = project.cache if project.use_cache else None
    banners = Store(cache, "banners", scope)
    files: dict[str, bytes] = {}
    copies: dict[str, Path] = {}
    keys: dict[str, str] = {}
    rendered: list[str] = []
    indexed: list[tuple[str, ...]] = []
    drawn: list[str] = []
    indexing: list[tuple[str, Path, dict[str, str], list[Future[None]]]] = []
    placements: dict[str, Placement] = {}
    bundle_pages: dict[tuple[str, str], tuple[str, ...]] = {}
    submissions = {s.rel: s for s in checked.submissions}
    # Pagefind runs in this thread (a subprocess, one bundle at a time: a second one at once saves no time on
    # two cores and costs 90 MB) while the pages are rendered. Its bundles are kept in folders by key, in the
    # cache, and linked into the output from there.
    with t.step("pages"), ExitStack() as stack:
        pool = stack.enter_context(ThreadPoolExecutor(max_workers=1))
        if cache is not None:
            search_home = cache / "search"
        else:  # a build that keeps nothing: the bundles are read into memory and the folder goes
            search_home = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sitegen-search-")))
        for column_id, catalog in checked.catalogs.items():
            prefix = f"{column_id}/"
            column = site_column(project, config, catalog.column)
            items = _items(checked, catalog)
            key, banner = _banner(project, column, catalog, banners)
            drawn.append(key)
            plan = (
                plan_lists(column, config, catalog, items, week_status(catalog.column, today))
                + plan_articles(
                    config,
                    catalog,
                    items,
                    checked.bodies,
                    checked.uses,
                    project.content,
                    images.pictures,
                    checked.facts,
                )
                + banner
                + _adoption(checked, catalog, now)
                + add_downloads(column, config, catalog.column, project.content)
            )
            renderer = PageRenderer(env, column, assets)
            column_key = key_of(scope, column)
            page_keys = {p.target: page_key(column_key, p) for p in plan.pages}
            shards = bundles(plan.searchable, items)
            search = search_page(column, shards, items)
            plan = plan + plan_of([search])
            page_keys[search.target] = page_key(column_key, search)

            home = search_home / column_id
            bundle_keys = {name: bundle_key([p.target for p in pages], page_keys) for name, pages in shards.items()}
            stale = {name: pages for name, pages in shards.items() if not bundle_files(home / bundle_keys[name])}
            running = []
            for name, records in _records(renderer, stale):
                running.append(pool.submit(index_bundle, records, home / bundle_keys[name]))
                if index is not None:
                    index.put_records(
                        column_id, [(target, page_keys[target], data) for target, data in records.items()]
                    )
                del records  # the bundle's own copy goes when Pagefind has read it
            indexing.append((prefix, home, bundle_keys, running))
            indexed += [tuple(prefix + p.target for p in pages) for pages in stale.values()]
            bundle_pages.update({(column_id, name): tuple(p.target for p in pages) for name, pages in shards.items()})
            placements.update(_placements(checked, catalog, items, shards, submissions, originals))

            old = {p.removeprefix(prefix): k for p, k in previous.items() if p.startswith(prefix)}
            folder = project.output / column_id
            jobs = []
            for p in plan.pages:
                reusable = folder / p.target
                if old.get(p.target) == page_keys[p.target] and reusable.is_file():
                    copies[prefix + p.target] = reusable
                else:
                    jobs.append(p)
            if staging is not None:
                progress = t.progress(f"生成页面（{column.short_title}）")
                stage_pages(staging / column_id, jobs, lambda p: p.target, renderer.render, progress)
            else:
                files.update({prefix + p.target: renderer.render(p) for p in jobs})
            rendered += [prefix + p.target for p in jobs]

            made_feeds = {path: feed(column, path, f) for path, f in plan.feeds.items()}
            feed_keys = {path: file_key(data) for path, data in made_feeds.items()}
            keys.update({prefix + path: key for path, key in feed_keys.items()})
            if index is not None:
                _keep_listings(index, column_id, plan, page_keys, feed_keys)
            site_files = {**plan.files, **made_feeds, "sitemap.xml": sitemap(column, plan, items), **assets.files}
            files.update({prefix + path: data for path, data in site_files.items()})
            copies.update({prefix + path: source for path, source in plan.copies.items()})
            for source in _images_used(checked, catalog):
                for path in images.pictures[source].paths:
                    copies[prefix + path] = images.files[path]
            keys.update({prefix + path: key for path, key in page_keys.items()})
        banners.keep_only(drawn)
        banners.save()
        for prefix, home, bundle_keys, running in indexing:
            for future in running:
                future.result()
            keep_bundles(home, bundle_keys.values())
            for name, key in bundle_keys.items():
                for path, source in bundle_files(home / key).items():
                    target = f"{prefix}{BUNDLE}{name}/{path}"
                    keys[target] = key  # what the file was made from: Pagefind's version and the bundle's pages
                    if cache is None:
                        files[target] = source.read_bytes()  # the folder goes with this step
                    else:
                        copies[target] = source
        files["index.html"] = (
            env.get_template("preview-index.html")
            .render(columns=[column_view(config, c.column) for c in checked.catalogs.values()])
            .encode()
        )
    for path, data in files.items():
        keys.setdefault(path, file_key(data))
    for path, source in copies.items():
        if path not in keys:
            st = source.stat()
            keys[path] = f"{source}:{st.st_size}:{st.st_mtime_ns}"
    staged = frozenset(rendered) if staging is not None else frozenset()
    layout = Layout(placements, bundle_pages)
    return Site(files, copies, keys, staged, tuple(rendered), tuple(indexed), layout)


def _keep_listings(
    index: BuildIndex, column: str, plan: PagePlan, page_keys: Mapping[str, str], feed_keys: Mapping[str, str]
) -> None:
    """Keep the plan of each list page and feed that shows items, with the articles it shows, for the quick
    rebuild of an edit that changes an item; only the ones whose key changed are written again."""
    listed: dict[str, tuple[str, Page | Feed]] = {
        p.target: (page_keys[p.target], dataclasses.replace(p, context=dict(p.context)))
        for p in plan.pages
        if p.make is None
    }
    listed.update({path: (feed_keys[path], f) for path, f in plan.feeds.items()})
    shown = {target: items_in(value) for target, (_, value) in listed.items()}
    keep = [target for target in listed if shown[target]]
    stored = index.listing_keys(column)
    changed = (
        (target, listed[target][0], pickle.dumps(listed[target][1], protocol=5), shown[target])
        for target in keep
        if stored.get(target) != listed[target][0]
    )
    index.put_listings(column, keep, changed)


def _placements(
    checked: Checked,
    catalog: ColumnCatalog,
    items: Mapping[str, Item],
    shards: Mapping[str, Sequence[Page]],
    submissions: Mapping[str, Submission],
    originals: set[Path],
) -> dict[str, Placement]:
    """Where each published article of the column went, by its file, for the quick rebuild of an edit."""
    bundle_of = {p.target: name for name, pages in shards.items() for p in pages}
    found = {}
    for section in catalog.column.sections:
        entries = catalog.by_section[section.id]
        for index, entry in enumerate(entries):
            article = entry.article
            newer, older = neighbours(entries, index)
            found[str(article.source.path)] = Placement(
                catalog.column.id,
                entry.path,
                entry.slug,
                entry.unit,
                submissions[article.rel],
                article.aliases,
                checked.uses[article.rel],
                items[entry.path],
                newer,
                older,
                bundle_of[entry.path + "index.html"],
                tuple(sorted(p for p in checked.uses[article.rel].images if p in originals)),
            )
    return found


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
    config, outlines = checked.config, checked.outlines
    return {e.path: item_of(config, catalog.column, e, outlines[e.article.rel]) for e in catalog.entries}


def item_of(config: Config, column: Column, entry: Entry, outline: Outline) -> Item:
    """An article as lists and feeds show it: its own summary, or the start of its body."""
    article = entry.article
    return item(column, entry, article.summary or outline.summary, config.rules.kinds[article.kind].label)


def render_scope(project: Project) -> str:
    """What every page's key starts from: the generator's code, the theme and config.yml."""
    return key_of(code_version(), digest_tree(project.theme), digest_files([project.config]))


def file_key(data: bytes) -> str:
    """The key of a file made without a template (a feed, robots.txt): its bytes."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def page_key(column_key: str, page: Page) -> str:
    """What a page is built from; `column_key` is key_of(render_scope, the column's view)."""
    return key_of(column_key, *page.inputs())


def _adoption(checked: Checked, catalog: ColumnCatalog, now: datetime) -> PagePlan:
    """/adoption/ (稿件采用情况) when the column asks for it: counts and rates of the edition, never a title."""
    column = catalog.column
    if not column.adoption_page:
        return plan_of()
    items = [s for s in checked.submissions if s.column == column.id and s.year == column.end.year]
    table = adoption(checked.config, checked.registry, items, now)
    crumbs = (Link(column.short_title, ""),)
    meta = PageMeta("adoption/", "稿件采用情况", f"{column.title}稿件采用情况", "adoption", crumbs)
    return plan_of([page("adoption.html", meta, adoption=table)])


def _records(renderer: PageRenderer, shards: Mapping[str, Sequence[Page]]) -> Iterator[tuple[str, dict[str, bytes]]]:
    """What Pagefind reads for each page of each bundle, a bundle at a time as the workers make them: its
    record template, Chinese spaced character by character."""
    made = fork_imap(lambda p: by_character(renderer.render(p.as_record())), [p for s in shards.values() for p in s])
    try:
        for name, pages in shards.items():
            yield name, {p.target: next(made) for p in pages}
    finally:
        made.close()


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
