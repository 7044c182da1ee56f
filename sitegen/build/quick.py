"""The quick rebuild of an edit: work in proportion to the change, found by query in the build index.

When the only files changed since the last successful build are published articles, and each still has
its place in every list (its URL, aliases, date, section, unit, kind, status and media, as the index's
`Placement` holds them), the edit changes its own page, its search bundle and, when its title or summary
changed, the pages that show those: its neighbours' pages (their links name it), and the list pages and
feeds that show its item, which the index finds by query (`shows`) and keeps the plans of. This module
analyses the changed files alone, checks them with the rules, reads back the neighbours it must render,
renders those pages, re-indexes the bundles from the stored records of their other pages, and updates
the output in place through the writer's journal. Nothing else is loaded or rendered.

Whenever anything else may have changed, it answers None and the full build runs, which gives the same
bytes (the tests compare both). A quick rebuild never leaves state that a full build could mistake for
its own: it invalidates the last build's record before touching the output, as the full build does.
"""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

from ..check import Entry
from ..config import Config, load_config
from ..content import Stamp
from ..core import Store, digest_files, frozen, key_of
from ..index import BuildIndex
from ..render import (
    ColumnView,
    Feed,
    Item,
    PageRenderer,
    article_page,
    collect_assets,
    feed,
    items_in,
    make_environment,
    with_items,
)
from ..search import BUNDLE, bundle_files, bundle_key, by_character, index_bundle, placed_bundle
from ..write import begin, discard, update_site
from .edits import QuickArticle, check_edits
from .keys import file_key, page_key, record_key, render_scope
from .site import site_column
from .state import Inputs, identity
from .values import Built, Project, Timings

QUICK_LIMIT = 20  # more changed articles than this at once: the full build is as quick and simpler


@frozen
class _Made:
    files: dict[str, bytes]  # output path -> bytes: the pages and feeds
    copies: dict[str, Path]  # output path -> file: their bundles' files, in the cache
    replaced: tuple[Path, ...]  # the bundles' folders of the last build, in the cache
    keys: dict[str, str]  # the keys of the whole output after the edit
    records: dict[str, list[tuple[str, str, bytes]]]  # column -> the article pages' new search records
    listings: dict[str, list[tuple[str, str, bytes, set[str]]]]  # column -> list pages and feeds made again
    indexed: tuple[tuple[str, ...], ...]  # the pages of each bundle indexed again
    rendered: tuple[str, ...]  # output paths of the pages rendered


def quick_build(
    project: Project,
    now: datetime,
    previous: Inputs,
    stamps: tuple[Stamp, ...],
    last: Store,
    t: Timings,
    skip_invalid: bool = False,
) -> Built | None:
    """Rebuild after an edit of a few published articles, or None when the full build must run. `last`
    holds the record of the last successful build, `previous`, made with the same `skip_invalid`."""
    before = {s[0]: s for s in previous.stamps}
    after = {s[0]: s for s in stamps}
    changed = [after[path] for path in after if after[path] != before.get(path)]
    if before.keys() != after.keys() or not changed or len(changed) > QUICK_LIMIT:
        return None
    if not previous.since <= now < previous.until or previous.output != identity(project.output):
        return None
    cache = project.cache
    manifest = Store(cache, "manifest", "")
    old_keys: Mapping[str, str] | None = manifest.get("keys")
    if old_keys is None or manifest.get("output") != previous.output:
        return None
    config = load_config(project.config)
    scope = digest_files([project.config])
    index = BuildIndex(cache / "index.sqlite", scope)
    try:
        articles = check_edits(project, config, scope, index, changed, after, now, t)
        if articles is None:
            return None
        with t.step("pages"):
            made = _render(project, config, articles, old_keys, index)
        if made is None:
            return None
        keys, records, indexed = made.keys, made.records, made.indexed
        published = last.get("published")
        removed = [path for path in old_keys if path not in keys]
        changed_files = {path: data for path, data in made.files.items() if old_keys.get(path) != keys[path]}
        changed_copies = {path: source for path, source in made.copies.items() if old_keys.get(path) != keys[path]}
        with t.step("write"):
            last.keep_only(())
            last.save()  # a build killed from here on must not be taken for a finished one
            staging, interrupted = begin(project.output)
            if interrupted:  # cannot happen after a finished build; if it does, trust nothing
                discard(staging)
                manifest.keep_only(())
                manifest.save()
                return None
            update_site(project.output, staging, changed_files, changed_copies, (), removed)
            manifest.put("keys", keys)
            manifest.save()
            index.put(a.pickled for a in articles if a.pickled is not None)
            index.put_placements({a.source: a.placement for a in articles})
            for column, rows in records.items():
                index.put_records(column, rows)
            for column, listed in made.listings.items():
                index.put_listings(column, listed)
            index.commit()
    finally:
        index.close()
    last.put(skip_invalid, Inputs(stamps, now, previous.until, identity(project.output)))
    last.put("published", published)
    last.save()
    for folder in made.replaced:
        shutil.rmtree(folder, ignore_errors=True)
    loaded = len(changed) + sum(a.pickled is None for a in articles)
    return Built(published, rendered=made.rendered, indexed=indexed, loaded=loaded)


def _render(
    project: Project, config: Config, articles: Sequence[QuickArticle], old_keys: Mapping[str, str], index: BuildIndex
) -> _Made | None:
    """The article pages, the list pages and feeds that show an item that changed, and the search bundles
    of the pages, re-indexed from the stored records of the other pages.

    Returns the pages and feeds (output path -> bytes), the bundles' files (in the cache) and the folders
    they replace, the keys of the whole output, the new records and list plans by column, and the pages of
    each bundle indexed again; None when a stored record is missing or out of date."""
    env = make_environment(project.theme, project.cache / "templates")
    assets = collect_assets(project.theme)
    theme = render_scope(project)
    files: dict[str, bytes] = {}
    copies: dict[str, Path] = {}
    replaced: list[Path] = []
    keys = dict(old_keys)
    records: dict[str, list[tuple[str, str, bytes]]] = {}
    listings: dict[str, list[tuple[str, str, bytes, set[str]]]] = {}
    bundles: dict[tuple[str, str], list[QuickArticle]] = {}
    rendered: list[str] = []
    views: dict[str, tuple[ColumnView, str, PageRenderer]] = {}
    for one in articles:
        placement = one.placement
        column = config.columns[placement.column]
        if column.id not in views:
            view = site_column(project, config, column)
            views[column.id] = (view, key_of(theme, view), PageRenderer(env, view, assets))
        _, column_key, renderer = views[column.id]
        entry = Entry(one.article, placement.slug, placement.path, placement.unit)
        bodies, content, pictures, facts = {one.article.rel: one.body}, project.content, one.pictures, one.facts
        page = article_page(
            config,
            column,
            entry,
            placement.item,
            bodies,
            placement.use,
            content,
            pictures,
            facts,
            placement.newer,
            placement.older,
        )
        record = record_key(column_key, page)
        key = page_key(column_key, page, record)
        path = f"{column.id}/{page.target}"
        if keys.get(path) == key:
            continue  # saved unchanged, or changed where its page does not show it
        keys[path] = key
        files[path] = renderer.render(page)
        rendered.append(path)
        if index.record_keys(column.id, [page.target]).get(page.target) == record:
            continue  # a neighbour's new title: its record, which does not show it, and its bundle stay
        records.setdefault(column.id, []).append((page.target, record, by_character(renderer.record(page))))
        bundles.setdefault((column.id, placement.bundle), []).append(one)
    changed_items: dict[str, dict[str, Item]] = {}
    for one in articles:
        if one.pickled is not None:
            changed_items.setdefault(one.placement.column, {})[one.placement.path] = one.placement.item
    for column_id, items in changed_items.items():
        view, column_key, renderer = views[column_id]
        for target, data in index.listings(column_id, items).items():
            plan = with_items(pickle.loads(data), items)  # noqa: S301 - our own rows, from put_listings()
            path = f"{column_id}/{target}"
            if isinstance(plan, Feed):
                made = feed(view, target, plan)
                key = file_key(made)
            else:
                key = page_key(column_key, plan)
            if keys.get(path) == key:
                continue
            keys[path] = key
            if isinstance(plan, Feed):
                files[path] = made
            else:
                files[path] = renderer.render(plan)
                rendered.append(path)
            shown = items_in(plan)
            listings.setdefault(column_id, []).append((target, key, pickle.dumps(plan, protocol=5), shown))
    indexed = []
    for (column_id, name), _ in sorted(bundles.items()):
        targets = index.bundle(column_id, name)
        if targets is None:
            return None
        prefix = f"{column_id}/"
        folder = f"{prefix}{BUNDLE}{name}/"
        stored = index.records(column_id, targets)  # as the last build left them, the edited pages' too
        if len(stored) != len(targets):
            return None
        home = project.cache / "search" / column_id
        old = bundle_key(targets, {t: stored[t][0] for t in targets})
        before = {folder + path: digest for path, digest in bundle_files(home / old).items()}
        if not before or before != {path: key for path, key in keys.items() if path.startswith(folder)}:
            return None  # the bundle in the output was not made from these records
        fresh = {target: (key, data) for target, key, data in records[column_id]}
        current = {target: fresh.get(target, stored[target]) for target in targets}
        pages = {target: data for target, (_, data) in current.items()}
        key = bundle_key(targets, {target: stored_key for target, (stored_key, _) in current.items()})
        index_bundle(pages, home / key)
        if old != key:
            replaced.append(home / old)
        for path in before:
            del keys[path]
        placed, digests = placed_bundle(folder, home / key)
        copies.update(placed)
        keys.update(digests)
        indexed.append(tuple(prefix + t for t in targets))
    return _Made(files, copies, tuple(replaced), keys, records, listings, tuple(indexed), tuple(rendered))
