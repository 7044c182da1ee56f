"""Stage 5, render: the search page and the Pagefind index of one column site, from its rendered article pages."""

from __future__ import annotations

import asyncio
import re
import tempfile
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from .cache import Store, key_of
from .problems import SiteError
from .render import PageMeta, Renderer
from .views import Link

BUNDLE = "pagefind/"  # where the index goes in the site root; search.js loads BUNDLE + "pagefind.js"
MARKER = b"data-pagefind-body"  # only article.html marks its content, so lists and the home page stay out
# Pagefind's ready-made UIs: the search page draws its own results with the JS API, so these are not shipped.
_UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")
_HAN = re.compile("([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")
_TAG = re.compile(r"(<[^>]*>)")
_ALT = re.compile(r'( alt=")([^"]*)(")')
_BLOCK_END = re.compile(r"</(?:h[1-6]|p|li|dt|dd|figcaption|caption|td|th|blockquote)>")
_STOPS = frozenset("。！？；：….!?;:")
# Between blocks that end without punctuation (a title, a unit name): excerpts are joined without spaces.
_SEPARATOR = "・"


class SearchIndexError(SiteError):
    """Pagefind could not build the search index."""


def add_search(r: Renderer, articles: Iterable[str], cache: Path | None = None) -> None:
    """Render /search/ and add the Pagefind bundle of the column's article pages (site-root paths).

    The bundle is cached under the keys of the article pages (which cover code, theme, config and data),
    so a build that changes no article does not run Pagefind again.
    """
    column = r.column
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
    )
    targets = sorted(path + "index.html" for path in articles)
    key = key_of(version("pagefind"), [(target, r.keys[target]) for target in targets])
    store = Store(cache, f"search-{column.id}", "")
    found = store.get(key)
    if found is None:
        found = bundle({target: r.content(target) for target in targets})
        store.put(key, found)
    store.keep_only([key])
    store.save()
    r.files.update(found)


def indexed_pages(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """The pages Pagefind indexes: HTML pages that mark their searchable content (published articles)."""
    return {path: data for path, data in sorted(files.items()) if path.endswith(".html") and MARKER in data}


def bundle(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """The Pagefind bundle for the rendered pages of one column, keyed by site-root path under pagefind/.

    Pagefind 1.5 gives the same bytes for the same pages as long as no page uses data-pagefind-filter.
    """
    pages = indexed_pages(files)
    # Pagefind's client is async. Its own thread gets its own event loop, so this also works when the caller
    # already runs one (a dev server, or Playwright's sync API in the tests).
    with ThreadPoolExecutor(max_workers=1) as pool:
        found = pool.submit(lambda: asyncio.run(_index(pages))).result()
    return {BUNDLE + path: data for path, data in sorted(found.items())}


def by_character(html: bytes) -> bytes:
    """The page as Pagefind should see it: a zero-width space after every Chinese character, blocks separated.

    Pagefind segments Chinese into words with jieba when indexing, but the browser segments the query
    with ICU, and the two disagree (太原市 is one ICU word, 太原 + 市 in the index): a search for a city
    name found one article in eight. Indexed character by character and searched as an exact phrase of
    characters (search.js), a query finds every article whose text contains it.
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
    return _HAN.sub("\\1\u200b", text)


async def _index(pages: Mapping[str, bytes]) -> dict[str, bytes]:
    # Pages and bundle go through folders, not add_html_file() and get_files(): the Python client reads one
    # reply per tenth of a second (minutes for thousands of pages), and get_files() sends the whole bundle
    # in one reply that overflows the client's pipe buffer on a large site.
    with tempfile.TemporaryDirectory(prefix="sitegen-search-") as tmp:
        site, out = Path(tmp, "site"), Path(tmp, "bundle")
        for path, data in pages.items():
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(by_character(data))
        site.mkdir(exist_ok=True)
        try:
            # Leaving the context writes the bundle to output_path and stops the Pagefind process.
            async with PagefindIndex(IndexConfig(output_path=str(out))) as index:
                result = await index.add_directory(str(site))
        except Exception as e:  # the client raises bare Exceptions carrying Pagefind's message
            raise SearchIndexError(f"Pagefind 未能生成搜索索引：{e}（请确认已安装 pagefind[extended]）") from e
        if result["page_count"] != len(pages):
            raise SearchIndexError(f"Pagefind 只索引了 {result['page_count']} / {len(pages)} 个页面")
        return {
            p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*"))
            if p.is_file() and not p.name.startswith(_UNUSED)
        }
