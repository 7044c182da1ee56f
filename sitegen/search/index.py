"""Stage 5, search: the search page, and Pagefind bundles of a column's articles from their search records."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from pagefind_bin_extended import get_executable

from ..core import CJK_TEXT, RECORDS_PER_BUNDLE, SiteError, char_class, key_of, library_version
from ..render import ColumnView, Item, Link, Page, PageMeta, page

BUNDLE = "pagefind/"  # the Pagefind bundles go under this folder of the site root, as 1/, 2/, …
# Pagefind's ready-made UIs: the search page draws its own results with the JS API, so these are not shipped.
_UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")
# A HAIR SPACE after every character Chinese writes without spaces (in the BMP): the ideographs, and the
# punctuation too, so that 。 or （ is not one word with the ideograph after it, marked with it in an excerpt.
# Runs of them are found and joined, which holds less memory than a translate table of every character.
_UNSPACED = re.compile(f"([{char_class(tuple(r for r in CJK_TEXT if r[1] <= 0xFFFF))}]+)")
_HAIR = "\u200a"
_TAG = re.compile(r"(<[^>]*>)")
_ALT = re.compile(r'( alt=")([^"]*)(")')
_BLOCK_END = re.compile(r"</(?:h[1-6]|p|li|dt|dd|figcaption|caption|td|th|blockquote)>")
_STOPS = frozenset("。！？；：….!?;:")
# Pagefind reads records from files and writes its bundle to files: in memory where the system offers it, as
# creating hundreds of small files on a busy disk takes longer than indexing them.
_SCRATCH = Path("/dev/shm")  # noqa: S108 - the parent of a private mkdtemp folder, as /tmp is
# Pagefind's allocator (jemalloc, read from this variable) keeps an arena for each core by default: with one,
# a bundle peaks lower, as fast and byte for byte the same.
_ONE_ARENA = {"_RJEM_MALLOC_CONF": "narenas:1"}
# Between blocks that end without punctuation (a title, a unit name): excerpts are joined without spaces.
_SEPARATOR = "・"
# In a bundle's folder, beside Pagefind's files: what they are (bundle_files). Not part of the output.
_FILES = "sitegen-files.json"


class SearchIndexError(SiteError):
    """Pagefind could not build the search index."""


def search_page(column: ColumnView, bundles: Mapping[str, Sequence[Page]], items: Mapping[str, Item]) -> Page:
    """/search/: the page that merges the bundles in the browser (search.js), and limits a search to the
    bundles of one edition when the reader picks a year (`years` gives each bundle's)."""
    meta = PageMeta(
        "search/", "搜索", f"在{column.title}中搜索文章", "search", (Link(column.short_title, ""),), robots="noindex"
    )
    names = list(bundles)
    years = [items[bundles[name][0].meta.path].edition for name in names]
    return page("search.html", meta, bundles=[f"{BUNDLE}{name}/" for name in names], years=years)


def bundles(searchable: Sequence[Page], items: Mapping[str, Item]) -> dict[str, tuple[Page, ...]]:
    """The searchable pages in bundles named "1", "2", …: each edition's in its own, oldest edition first, so
    the search page can limit a search to one year by loading that year's bundles (Pagefind's own filters
    would make its output differ run to run).

    An edition of n articles has ceil(n / RECORDS_PER_BUNDLE) bundles, and each article goes to the one a
    digest of its page's path picks. Approving, withdrawing or deleting an article, or changing its date,
    changes only the bundle it joins or leaves (its neighbours' records do not show it: see bundle_key's
    keys), so Pagefind runs on that one (bundles cut in date order shifted every later one). Only when an
    edition's count crosses a multiple of RECORDS_PER_BUNDLE are all of its bundles made again. The sizes
    vary around the mean."""
    editions: dict[int, list[Page]] = {}
    for p in searchable:
        editions.setdefault(items[p.meta.path].edition, []).append(p)
    found: dict[str, tuple[Page, ...]] = {}
    for year in sorted(editions):
        pages = editions[year]
        spread: list[list[Page]] = [[] for _ in range(-(-len(pages) // RECORDS_PER_BUNDLE))]
        for p in sorted(pages, key=lambda p: (items[p.meta.path].date_iso, p.target)):
            spread[_place(p.target) % len(spread)].append(p)
        for chunk in spread:
            if chunk:  # with bundles of a few articles (the tests) one may get none
                found[str(len(found) + 1)] = tuple(chunk)
    return found


def _place(target: str) -> int:
    """A number of a page's path that is the same on every machine and in every run (hash() is not)."""
    return int.from_bytes(hashlib.blake2b(target.encode(), digest_size=8).digest(), "big")


def bundle_key(targets: Iterable[str], keys: Mapping[str, str]) -> str:
    """What a bundle is built from: Pagefind's version and the keys of its pages' records (code, theme, config,
    and what each record shows)."""
    return key_of(library_version("pagefind"), [(target, keys[target]) for target in targets])


def by_character(html: bytes) -> bytes:
    """The record as Pagefind should see it: a hair space after every Chinese character and punctuation mark,
    blocks separated.

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
    parts = _UNSPACED.split(text)  # text, run, text, run, …, text
    parts[1::2] = [_HAIR.join(run) + _HAIR for run in parts[1::2]]
    return "".join(parts)


def index_bundle(pages: Mapping[str, bytes], into: Path) -> None:
    """Run the Pagefind binary on records (site-root path -> record, already spaced by by_character), and
    put the bundle in the folder `into`, which appears whole or not at all.

    Pagefind 1.5 gives the same bytes for the same pages as long as no page uses data-pagefind-filter. The
    bundle goes to a folder, not into memory: the build links its files into the output from there, and a
    10,000-article site has 20 bundles of 2.6 MB."""
    # The command line, not the Python client: the client polls for each reply every tenth of a second,
    # which costs more than indexing a few hundred records.
    part = into.with_name(f"{into.name}.part")
    shutil.rmtree(part, ignore_errors=True)  # left by a killed build
    with tempfile.TemporaryDirectory(prefix="sitegen-search-", dir=_SCRATCH if _SCRATCH.is_dir() else None) as tmp:
        site = Path(tmp)
        for path, data in pages.items():
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        try:
            command = [str(get_executable()), "--site", str(site), "--output-path", str(part), "--quiet"]
            environment = {**_ONE_ARENA, **os.environ}  # a setting of the user's own wins
            run = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
            entry = json.loads((part / "pagefind-entry.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            shutil.rmtree(part, ignore_errors=True)
            raise SearchIndexError(f"Pagefind 未能生成搜索索引：{e}（请确认已安装 pagefind[extended]）") from e
    try:
        if run.returncode != 0:
            raise SearchIndexError(f"Pagefind 未能生成搜索索引：{(run.stderr or run.stdout).strip()}")
        count = sum(language["page_count"] for language in entry["languages"].values())
        if count != len(pages):
            raise SearchIndexError(f"Pagefind 只索引了 {count} / {len(pages)} 个页面")
        for unused in part.iterdir():
            if unused.name.startswith(_UNUSED):
                unused.unlink()
        _list_files(part)
        shutil.rmtree(into, ignore_errors=True)
        part.rename(into)
    finally:
        shutil.rmtree(part, ignore_errors=True)


def _list_files(bundle: Path) -> None:
    """Write the list of a bundle's files with the digest of each, the last file of a bundle (is_bundle).

    An edit or an approval changes a handful of a bundle's 500 files (its entry, a fragment, some index
    chunks: 5 of 492 for an edit at 10,000 articles). Keyed by their bytes, only those are written to the
    output again, where keyed by the bundle every one was; and the build reads this list, not the folder."""
    found: dict[str, str] = {}
    for parent, _, names in os.walk(bundle):
        inside = Path(parent).relative_to(bundle).as_posix()
        for name in names:
            digest = hashlib.blake2b(Path(parent, name).read_bytes(), digest_size=20).hexdigest()
            found[name if inside == "." else f"{inside}/{name}"] = digest
    ordered = {path: found[path] for path in sorted(found, key=lambda path: path.split("/"))}
    (bundle / _FILES).write_text(json.dumps(ordered), encoding="utf-8")


def is_bundle(folder: Path) -> bool:
    """Whether index_bundle made a whole bundle in `folder`: its list of files is the last file written, and
    the folder appears whole."""
    return (folder / _FILES).is_file()


def bundle_files(bundle: Path) -> dict[str, str]:
    """The files of a bundle, by their path in it, in path order, each with the digest of its bytes; {} when
    there is no bundle."""
    if not is_bundle(bundle):
        return {}
    files: dict[str, str] = json.loads((bundle / _FILES).read_text(encoding="utf-8"))
    return files


def placed_bundle(folder: str, bundle: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The files of a bundle by where they go in the output, under `folder` ("<column>/pagefind/<name>/"), in
    path order (as text: a Path each took 0.15 s at 10,000 articles), and the digest of each one's bytes by the
    same paths; both {} when there is no bundle."""
    root, files = f"{bundle}/", bundle_files(bundle)
    return {folder + path: root + path for path in files}, {folder + path: d for path, d in files.items()}


def keep_bundles(home: Path, keys: Iterable[str]) -> None:
    """Remove the bundles in `home` that are not among `keys`, so the cache does not grow with every edit, and
    whatever else a killed build left there."""
    wanted = set(keys)
    if home.is_dir():
        for left in home.iterdir():
            if left.name in wanted:
                continue
            if left.is_dir() and not left.is_symlink():
                shutil.rmtree(left, ignore_errors=True)
            else:
                left.unlink(missing_ok=True)
