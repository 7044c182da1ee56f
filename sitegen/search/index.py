"""Stage 5, render: the search page and the Pagefind index of one column site, from its rendered article pages."""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from importlib.metadata import version
from pathlib import Path

from pagefind_bin_extended import get_executable

from ..core import SiteError, Store, fork_map, key_of
from ..render import Link, PageMeta, Renderer

BUNDLE = "pagefind/"  # the Pagefind bundles go under this folder of the site root, as 1/, 2/, …
# Articles per bundle, oldest first: an edit re-indexes one bundle and a new article the newest one. A
# campaign year's column fits in one or two; the browser merges them (search.js).
RECORDS_PER_BUNDLE = 500
# Pagefind's ready-made UIs: the search page draws its own results with the JS API, so these are not shipped.
_UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
_SPACED = {c: chr(c) + "\u200a" for low, high in _HAN_RANGES for c in range(low, high + 1)}  # HAIR SPACE
_TAG = re.compile(r"(<[^>]*>)")
_ALT = re.compile(r'( alt=")([^"]*)(")')
_BLOCK_END = re.compile(r"</(?:h[1-6]|p|li|dt|dd|figcaption|caption|td|th|blockquote)>")
_STOPS = frozenset("。！？；：….!?;:")
# Pagefind reads records from files and writes its bundle to files: in memory where the system offers it, as
# creating hundreds of small files on a busy disk takes longer than indexing them.
_SCRATCH = Path("/dev/shm")  # noqa: S108 - the parent of a private mkdtemp folder, as /tmp is
# Between blocks that end without punctuation (a title, a unit name): excerpts are joined without spaces.
_SEPARATOR = "・"


class SearchIndexError(SiteError):
    """Pagefind could not build the search index."""


def add_search(r: Renderer, pool: Executor, cache: Path | None = None) -> Callable[[], dict[str, bytes]]:
    """Render /search/ and start Pagefind on the bundles of the column's articles that changed.

    Returns a function that waits for Pagefind and gives the bundle files (site-root path -> bytes), so
    the rest of the site is rendered while Pagefind runs. The search page merges the bundles in the
    browser. Each bundle is cached under the keys of its articles' pages (which cover code, theme,
    config and data), so editing one article runs Pagefind on one bundle only, and a build that changes
    no article does not run it at all.
    """
    column = r.column
    shards = _shards(r)
    r.page(
        "search.html",
        PageMeta(
            "search/",
            "搜索",
            f"在{column.title}中搜索文章",
            "search",
            (Link(column.short_title, ""),),
            robots="noindex",
        ),
        bundles=[f"{BUNDLE}{name}/" for name in shards],
        years=[_year(r, targets[0]) for targets in shards.values()],
    )
    store = Store(cache, f"search-{column.id}", "")
    keys = {s: key_of(version("pagefind"), s, [(t, r.keys[t]) for t in targets]) for s, targets in shards.items()}
    stale = [s for s in shards if store.get(keys[s]) is None]
    records = search_records(r, [target for s in stale for target in shards[s]])
    running = {name: pool.submit(_index, {t: records[t] for t in shards[name]}) for name in stale}

    def finish() -> dict[str, bytes]:
        for name, bundle in running.items():
            store.put(keys[name], bundle.result())
        store.keep_only(keys.values())
        store.save()
        return {f"{BUNDLE}{name}/{path}": data for name in shards for path, data in store.get(keys[name]).items()}

    return finish


def _year(r: Renderer, target: str) -> int:
    year: int = r.searchable[target].context["article"].item.edition
    return year


def _shards(r: Renderer) -> dict[str, list[str]]:
    """The searchable pages in bundles of RECORDS_PER_BUNDLE, oldest first, named "1", "2", …

    A bundle holds one edition's articles only, so the search page can limit a search to one year by
    loading that year's bundles (Pagefind's own filters would make its output differ from run to run)."""
    pages = sorted(
        r.searchable,
        key=lambda target: (_year(r, target), r.searchable[target].context["article"].item.date_iso, target),
    )
    chunks: list[list[str]] = []
    for target in pages:
        if not chunks or len(chunks[-1]) >= RECORDS_PER_BUNDLE or _year(r, chunks[-1][0]) != _year(r, target):
            chunks.append([])
        chunks[-1].append(target)
    return {str(n + 1): chunk for n, chunk in enumerate(chunks)}


def search_records(r: Renderer, targets: list[str]) -> dict[str, bytes]:
    """What Pagefind reads for each page: its record template, Chinese spaced character by character."""
    rendered = fork_map(lambda target: by_character(r.render(r.searchable[target])), targets)
    return dict(zip(targets, rendered, strict=True))


def by_character(html: bytes) -> bytes:
    """The record as Pagefind should see it: a hair space after every Chinese character, blocks separated.

    Pagefind's extended build segments Chinese into words with jieba when indexing, but the browser
    segments the query with ICU, and the two disagree (太原市 is one ICU word, 太原 + 市 in the index): a
    search for a city name found one article in eight. Indexed character by character and searched as an
    exact phrase of characters (search.js), a query finds every article whose text contains it. The record
    says lang="und" (search-record.html), so Pagefind splits at the spaces and neither segments nor stems:
    it does not load its Chinese dictionary, which costs 1.5 s and 380 MB on every run.
    """
    out: list[str] = []
    last = ""
    for part in _TAG.split(html.decode()):
        if part.startswith("<"):
            if last and last not in _STOPS and _BLOCK_END.fullmatch(part):
                out.append(_SEPARATOR)
                last = ""
            out.append(_ALT.sub(lambda m: m[1] + _spaced(m[2]) + m[3], part))
        else:
            last = part.rstrip()[-1:] or last
            out.append(_spaced(part))
    return "".join(out).encode()


def _spaced(text: str) -> str:
    return text.translate(_SPACED)


def _index(pages: Mapping[str, bytes]) -> dict[str, bytes]:
    """Run the Pagefind binary on records (site-root path -> record, already spaced by by_character).

    Returns the bundle, path under the bundle folder -> bytes. Pagefind 1.5 gives the same bytes for the
    same pages as long as no page uses data-pagefind-filter."""
    # The command line, not the Python client: the client polls for each reply every tenth of a second,
    # which costs more than indexing a few hundred records.
    with tempfile.TemporaryDirectory(prefix="sitegen-search-", dir=_SCRATCH if _SCRATCH.is_dir() else None) as tmp:
        site, out = Path(tmp, "site"), Path(tmp, "bundle")
        site.mkdir()
        for path, data in pages.items():
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        try:
            command = [str(get_executable()), "--site", str(site), "--output-path", str(out), "--quiet"]
            run = subprocess.run(command, capture_output=True, text=True, check=False)
            entry = json.loads((out / "pagefind-entry.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise SearchIndexError(f"Pagefind 未能生成搜索索引：{e}（请确认已安装 pagefind[extended]）") from e
        if run.returncode != 0:
            raise SearchIndexError(f"Pagefind 未能生成搜索索引：{(run.stderr or run.stdout).strip()}")
        count = sum(language["page_count"] for language in entry["languages"].values())
        if count != len(pages):
            raise SearchIndexError(f"Pagefind 只索引了 {count} / {len(pages)} 个页面")
        return {
            p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*"))
            if p.is_file() and not p.name.startswith(_UNUSED)
        }
