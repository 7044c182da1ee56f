"""What a full build keeps for the next one, beside the pages: the search bundles, keyed by their records,
the records of each stale bundle, spooled to disk until Pagefind takes them, and in the build index the
records, the plans of list pages and feeds, and where each article went."""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from ..check import ColumnCatalog
from ..content import Submission
from ..core import fork_imap, key_of
from ..index import BuildIndex, Placement
from ..render import Feed, Item, Page, PagePlan, PageRenderer, items_in, neighbours
from ..search import bundle_key, by_character, is_bundle
from .values import Checked


def search_records(
    renderer: PageRenderer, shards: Mapping[str, Sequence[Page]], taken: Callable[[], int] | None = None
) -> Iterator[tuple[str, dict[str, bytes]]]:
    """What Pagefind reads for each page of each bundle, a bundle at a time as the workers make them (on the
    cores `taken()` leaves): its record template, Chinese spaced character by character."""
    every = [p for s in shards.values() for p in s]
    made = fork_imap(lambda p: by_character(renderer.record(p)), every, taken=taken)
    try:
        for name, pages in shards.items():
            yield name, {p.target: next(made) for p in pages}
    finally:
        made.close()


def index_search(
    renderer: PageRenderer,
    index: BuildIndex | None,
    home: Path,
    column: str,
    record_keys: Mapping[str, str],
    shards: Mapping[str, Sequence[Page]],
    pagefind: Callable[[dict[str, bytes], Path], None],
    taken: Callable[[], int],
) -> tuple[dict[str, str], dict[str, Sequence[Page]]]:
    """Key each bundle of the column by the keys of its pages' records (`record_keys`), and hand `pagefind`
    (records, bundle folder) those not in `home`, with the records they need: the index's, and new
    ones for the pages whose records changed, made on the cores `taken()` leaves. Returns the bundles' keys
    and the stale bundles."""
    # A bundle is keyed by its records' keys, not its pages': an article's new neighbour changes its page alone.
    bundle_keys = {name: bundle_key([p.target for p in pages], record_keys) for name, pages in shards.items()}
    stale = {name: pages for name, pages in shards.items() if not is_bundle(home / bundle_keys[name])}
    kept = _kept_records(index, column, stale, record_keys)
    todo = {name: [p for p in pages if p.target not in kept] for name, pages in stale.items()}
    for name, made in search_records(renderer, todo, taken):
        if index is not None:
            index.put_records(column, [(t, record_keys[t], data) for t, data in made.items()])
            held = [p.target for p in stale[name] if p.target in kept]
            made.update((target, data) for target, (_, data) in index.records(column, held).items())
        pagefind({p.target: made[p.target] for p in stale[name]}, home / bundle_keys[name])
        del made
    return bundle_keys, stale


def _kept_records(
    index: BuildIndex | None, column: str, stale: Mapping[str, Sequence[Page]], keys: Mapping[str, str]
) -> set[str]:
    """The pages of stale bundles whose records the build index holds under their keys now: not made again
    (a bundle an approval changes has one new record and hundreds it had)."""
    if index is None:
        return set()
    held = index.record_keys(column, [p.target for pages in stale.values() for p in pages])
    return {target for target, key in held.items() if key == keys[target]}


def keep_listings(
    index: BuildIndex, column: str, plan: PagePlan, page_keys: Mapping[str, str], feed_keys: Mapping[str, str]
) -> None:
    """Keep the plan of each list page and feed that shows items, with the articles it shows, for the quick
    rebuild of an edit that changes an item; only the ones whose key changed are looked into and written
    again (one stored under the same key shows what it showed). Each plan goes to the index as it is
    pickled: at 30,000 articles a cold build's 6,000 list pages held at once were 50 MB."""
    listed: dict[str, tuple[str, Page | Feed]] = {
        p.target: (page_keys[p.target], p) for p in plan.pages if p.make is None
    }
    listed.update({path: (feed_keys[path], f) for path, f in plan.feeds.items()})
    stored = index.listing_keys(column)
    keep: list[str] = []

    def changed() -> Iterator[tuple[str, str, bytes, set[str]]]:
        for target, (key, value) in listed.items():
            if stored.get(target) == key:
                keep.append(target)
                continue
            shown = items_in(value)
            if shown:
                keep.append(target)
                kept = dataclasses.replace(value, context=dict(value.context)) if isinstance(value, Page) else value
                yield target, key, pickle.dumps(kept, protocol=5), shown

    index.put_listings(column, changed())
    index.keep_only_listings(column, keep)


def placements_of(
    checked: Checked,
    catalog: ColumnCatalog,
    items: Mapping[str, Item],
    shards: Mapping[str, Sequence[Page]],
    submissions: Mapping[str, Submission],
    originals: set[Path],
    page_keys: Mapping[str, str],
    stored: Mapping[str, str],
) -> tuple[dict[str, str], dict[str, Placement]]:
    """Where each published article of the column went, for the quick rebuild of an edit: the key of each
    placement by article file, and the placements whose key is not the one `stored` (the index's) has.

    A placement holds what its article's page shows (its page key covers the article file's bytes, its
    URL, unit, item, media and neighbours), its file's path, its search bundle and its full-size photos:
    it is keyed by those. An approval at 10,000 articles made and wrote 10,000 placements in 0.5 s; now
    its own and its two neighbours'."""
    bundle_of = {p.target: name for name, pages in shards.items() for p in pages}
    keys: dict[str, str] = {}
    found: dict[str, Placement] = {}
    for section in catalog.column.sections:
        entries = catalog.by_section[section.id]
        for index, entry in enumerate(entries):
            article = entry.article
            target = entry.path + "index.html"
            shown = tuple(sorted(p for p in checked.uses[article.rel].images if p in originals))
            key = key_of(page_keys[target], article.rel, bundle_of[target], shown)
            keys[article.source.path] = key
            if stored.get(article.source.path) == key:
                continue
            newer, older = neighbours(entries, index)
            found[article.source.path] = Placement(
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
                bundle_of[target],
                shown,
            )
    return keys, found
