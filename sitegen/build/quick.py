"""The quick rebuild of an edit: work in proportion to the change, found by query in the build index.

When the only files changed since the last successful build are published articles, and each still shows
every other page the same thing (its item in lists and feeds, its URL, aliases, neighbours, media and
submission record, as the index's `Placement` holds them), the edit changes two things: the article's own
page and the search bundle that indexes it. This module analyses the changed files alone, checks them
with the rules, renders those pages, re-indexes that one bundle from the stored records of its other
pages, and updates the output in place through the writer's journal. Nothing else is loaded or rendered.

Whenever anything else may have changed, it answers None and the full build runs, which gives the same
bytes (the tests compare both). A quick rebuild never leaves state that a full build could mistake for
its own: it invalidates the last build's record before touching the output, as the full build does.
"""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..check import Entry, Subject, apply_rules
from ..config import Config, load_config
from ..content import Analyzed, Facts, Pickled, Registry, Stamp, analyze_all, media_inside, media_use
from ..core import Inside, Store, digest_files, file_stamp, key_of
from ..images import ImageError, publish_images
from ..index import BuildIndex, Placement
from ..render import (
    ColumnView,
    Page,
    PageRenderer,
    article_page,
    collect_assets,
    make_environment,
)
from ..search import BUNDLE, bundle_files, bundle_key, by_character, index_bundle
from ..write import begin, discard, update_site
from .checking import cached_registry
from .site import item_of, page_key, render_scope, site_column
from .state import Inputs, identity
from .values import Built, Project, Timings

QUICK_LIMIT = 20  # more changed articles than this at once: the full build is as quick and simpler


@dataclass(frozen=True)
class _Edit:
    """One changed article that passed every check, with the page it renders to."""

    placement: Placement
    pickled: Pickled  # the analysis as the build index stores it
    view: ColumnView  # the column as its pages show it
    page: Page
    key: str  # the page's key, as the full build would compute it


@dataclass(frozen=True)
class _Made:
    files: dict[str, bytes]  # output path -> bytes: the pages
    copies: dict[str, Path]  # output path -> file: their bundles' files, in the cache
    replaced: tuple[Path, ...]  # the bundles' folders of the last build, in the cache
    keys: dict[str, str]  # the keys of the whole output after the edit
    records: dict[str, list[tuple[str, str, bytes]]]  # column -> the edited pages' new search records
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
        edits = _check(project, config, scope, index, changed, now, t)
        if edits is None:
            return None
        with t.step("pages"):
            made = _render(project, config, edits, old_keys, index)
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
            index.put(e.pickled for e in edits)
            for column, rows in records.items():
                index.put_records(column, rows)
            index.commit()
    finally:
        index.close()
    last.put(skip_invalid, Inputs(stamps, now, previous.until, identity(project.output)))
    last.put("published", published)
    last.save()
    for folder in made.replaced:
        shutil.rmtree(folder, ignore_errors=True)
    return Built(published, rendered=made.rendered, indexed=indexed, loaded=len(changed))


def _check(
    project: Project,
    config: Config,
    scope: str,
    index: BuildIndex,
    changed: Sequence[Stamp],
    now: datetime,
    t: Timings,
) -> list[_Edit] | None:
    """Analyse and check the changed files; None unless each is a published article that reads cleanly,
    passes the rules and leaves every other page as it was."""
    placements = [index.placement(stamp[0]) for stamp in changed]
    if any(p is None for p in placements):
        return None  # not an article the last build published: a draft, a photo, units.yml, the theme, …
    with t.step("analyze"):
        fresh = list(analyze_all(config, project.content, [(Path(stamp[0]), stamp) for stamp in changed]))
    registry, problems = cached_registry(config, project, Store(project.cache, "units", scope))
    if problems:
        return None
    probed = Store(project.cache, "probe", scope)
    inside = Inside(project.content)
    theme = render_scope(project)
    edits = []
    with t.step("rules"):
        for placement, pickled in zip(placements, fresh, strict=True):
            assert placement is not None
            edit = _edit(project, config, registry, probed, inside, theme, placement, pickled, now)
            if edit is None:
                return None
            edits.append(edit)
    return edits


def _edit(
    project: Project,
    config: Config,
    registry: Registry,
    probed: Store,
    inside: Inside,
    theme: str,
    placement: Placement,
    pickled: Pickled,
    now: datetime,
) -> _Edit | None:
    analyzed: Analyzed = pickle.loads(pickled.whole)  # noqa: S301 - made just now, by analyze_all
    article, body, outline = analyzed.article, analyzed.body, analyzed.outline
    if article is None or body is None or outline is None or analyzed.problems or not media_inside(analyzed, inside):
        return None
    if (
        analyzed.submission != placement.submission
        or analyzed.slug != placement.slug
        or article.aliases != placement.aliases
        or not article.is_published(now)
        or registry.find(article.unit) != placement.unit
    ):
        return None
    use = media_use(project.content, article, outline.images)
    if use != placement.use:
        return None
    facts: dict[Path, Facts] = {}
    for path in {*use.images, *use.videos, *use.files}:
        fact = probed.get(file_stamp(path)) if path.exists() else None
        if fact is None:
            return None
        facts[path] = fact
    if apply_rules(Subject(article, body, facts, config, registry)):
        return None  # the full build reports the problems
    column = config.columns[placement.column]
    entry = Entry(article, placement.slug, placement.path, placement.unit)
    shown = item_of(config, column, entry, outline)
    if shown != placement.item:
        return None
    try:
        images = publish_images(
            use.images, config.images, project.cache / "images", originals=placement.originals, prune=False
        )
    except ImageError:
        return None
    pictures = images.pictures
    newer, older = placement.newer, placement.older
    page = article_page(config, column, entry, shown, lambda: body, use, project.content, pictures, facts, newer, older)
    view = site_column(project, config, column)
    return _Edit(placement, pickled, view, page, page_key(key_of(theme, view), page))


def _render(
    project: Project, config: Config, edits: Sequence[_Edit], old_keys: Mapping[str, str], index: BuildIndex
) -> _Made | None:
    """The edited pages and their search bundles, re-indexed from the stored records of the other pages.

    Returns the pages (output path -> bytes), the bundles' files (in the cache) and the folders they replace,
    the keys of the whole output, the new records by column, and the pages of each bundle indexed again;
    None when a stored record is missing or out of date."""
    env = make_environment(project.theme, project.cache / "templates")
    assets = collect_assets(project.theme)
    files: dict[str, bytes] = {}
    copies: dict[str, Path] = {}
    replaced: list[Path] = []
    keys = dict(old_keys)
    records: dict[str, list[tuple[str, str, bytes]]] = {}
    bundles: dict[tuple[str, str], list[_Edit]] = {}
    for edit in edits:
        column = config.columns[edit.placement.column]
        path = f"{column.id}/{edit.page.target}"
        if keys.get(path) == edit.key:
            continue  # saved unchanged, or changed where its page does not show it
        renderer = PageRenderer(env, edit.view, assets)
        keys[path] = edit.key
        files[path] = renderer.render(edit.page)
        record = by_character(renderer.render(edit.page.as_record()))
        records.setdefault(column.id, []).append((edit.page.target, edit.key, record))
        bundles.setdefault((column.id, edit.placement.bundle), []).append(edit)
    indexed = []
    for (column_id, name), _ in sorted(bundles.items()):
        targets = index.bundle(column_id, name)
        if targets is None:
            return None
        prefix = f"{column_id}/"
        fresh = {target: data for target, _, data in records[column_id]}
        stored = index.records(column_id, [t for t in targets if t not in fresh])
        pages: dict[str, bytes] = {}
        for target in targets:
            if target in fresh:
                pages[target] = fresh[target]
            elif stored.get(target, ("", b""))[0] == keys.get(prefix + target):
                pages[target] = stored[target][1]
            else:
                return None
        folder = f"{prefix}{BUNDLE}{name}/"
        home = project.cache / "search" / column_id
        key = bundle_key(targets, {target: keys[prefix + target] for target in targets})
        old = keys.get(folder + "pagefind-entry.json")
        index_bundle(pages, home / key)
        if old is not None and old != key:
            replaced.append(home / old)
        for path in [p for p in keys if p.startswith(folder)]:
            del keys[path]
        for path, source in bundle_files(home / key).items():
            copies[folder + path] = source
            keys[folder + path] = key
        indexed.append(tuple(prefix + t for t in targets))
    rendered = tuple(f"{column}/{target}" for column, rows in records.items() for target, _, _ in rows)
    return _Made(files, copies, tuple(replaced), keys, records, tuple(indexed), rendered)
