"""What a build keeps for the next one, beside the pages: the search bundles, keyed by their records, and
in the build index the records themselves, keyed by what each was made from."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from ..core import fork_imap
from ..index import BuildIndex
from ..render import Page, PageRenderer
from ..search import bundle_key, by_character, is_bundle


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
