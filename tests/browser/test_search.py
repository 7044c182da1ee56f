"""Search in Chinese: the Pagefind index built with the site, the search page and the header box, in Chromium."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sitekit
from sitekit import FixtureSite

from sitegen.build import build
from sitegen.render import Page, PageRenderer
from sitegen.search import index as search

PHONE = {"width": 390, "height": 844}
HAIR = "\u200a"  # after every Chinese character in the index


def _site_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.html"))}


def _articles(root: Path) -> list[str]:
    return sorted(p for p, data in _site_files(root).items() if b'<article class="article"' in data)


def _fragments(root: Path) -> list[dict[str, Any]]:
    out = []
    for path in sorted((root / "pagefind").glob("*/fragment/*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        out.append(json.loads(data[len(b"pagefind_dcd") :]))
    return out


def _open(page: Any, url: str) -> list[str]:
    """Go to url and collect the URL of every request the page makes from then on."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    return requests


def _results(page: Any) -> list[dict[str, str]]:
    page.wait_for_function("document.getElementById('search-status').textContent.includes('篇')")
    return page.eval_on_selector_all(
        ".search-result",
        """items => items.map(li => ({
            title: li.querySelector('h2 a').textContent,
            href: li.querySelector('h2 a').getAttribute('href'),
            section: li.querySelector('.tag') ? li.querySelector('.tag').textContent : '',
            date: li.querySelector('.search-result-date') ? li.querySelector('.search-result-date').textContent : '',
            excerpt: li.querySelector('.search-result-excerpt').textContent,
            marks: [...li.querySelectorAll('mark')].map(m => m.textContent),
        }))""",
    )


def test_only_published_articles_are_indexed(valid_site: FixtureSite) -> None:
    for column in ("vocational", "lifelong"):
        root = valid_site.output / column
        articles = _articles(root)
        assert articles and all(p.count("/") == 2 for p in articles), articles  # <section>/<slug>/index.html
        # The sample fits in one bundle per column, in Chinese, holding every article once.
        assert sorted(p.name for p in (root / "pagefind").iterdir()) == ["1"]
        counts = []
        for bundle in (root / "pagefind").iterdir():
            entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
            # Split into characters already: Pagefind must neither segment nor stem (search.by_character).
            assert list(entry["languages"]) == ["und"]
            counts.append(entry["languages"]["und"]["page_count"])
        fragments = _fragments(root)
        assert sorted(f["url"].lstrip("/") + "index.html" for f in fragments) == articles
        assert sum(counts) == len(articles)
        text = "".join(json.dumps(f, ensure_ascii=False) for f in fragments).replace(HAIR, "").replace(" ", "")
        assert "未发布样稿" not in text
        for slug in ("draft-item", "submitted-item", "rejected-item", "future-item"):
            assert slug not in text
        # The QR code, the neighbours and the page around the article are not indexed.
        assert "扫码" not in text and "上一篇" not in text and "投稿单位" not in text


def test_search_page_loads_every_bundle_and_ships_no_pagefind_ui(valid_site: FixtureSite) -> None:
    root = valid_site.output / "vocational"
    html = valid_site.read_output("vocational/search/index.html")
    assert 'data-bundles="../pagefind/1/"' in html
    assert (root / "pagefind" / "1" / "pagefind.js").is_file()
    shipped = [p.name for p in (root / "pagefind").rglob("*")]
    assert not any(name.startswith(("pagefind-ui", "pagefind-component-ui", "pagefind-modular-ui")) for name in shipped)


def test_search_page_is_noindex_and_not_in_the_sitemap(valid_site: FixtureSite) -> None:
    html = valid_site.read_output("vocational/search/index.html")
    assert '<meta name="robots" content="noindex">' in html
    assert 'action="../search/" method="get"' in html
    assert "search/" not in valid_site.read_output("vocational/sitemap.xml")
    assert '<meta name="robots" content="noindex">' in valid_site.read_output("vocational/404.html")


def test_header_box_finds_the_article_in_chinese_on_a_phone(
    valid_site: FixtureSite, new_page: Callable[..., Any], serve_dir: Callable[[Path], str]
) -> None:
    base = serve_dir(valid_site.output / "vocational")
    page = new_page(viewport=PHONE)
    requests = _open(page, base + "highlights/")
    page.fill("#header-q", "汽车维修")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    results = _results(page)
    assert [r["title"] for r in results] == ["职业教育活动周开幕式举行"]
    found = results[0]
    assert found["section"] == "活动风采"
    assert found["date"] == "2024年5月12日 10:30"
    assert found["marks"] == ["汽车维修"]
    assert "汽车维修" in found["excerpt"] and HAIR not in found["excerpt"] + found["title"]
    assert not re.search(r"[\u4e00-\u9fff]\s", found["excerpt"] + found["title"]), found  # no index spacing
    page.click(".search-result h2 a")
    page.wait_for_url(base + "highlights/opening/")
    assert page.title().startswith("职业教育活动周开幕式举行")
    assert all(url.startswith(base) for url in requests), [u for u in requests if not u.startswith(base)]
    assert page.console.errors == []


@pytest.fixture(scope="module")
def small_bundles(tmp_path_factory: pytest.TempPathFactory) -> FixtureSite:
    """The valid site in bundles of an article or two, as a large site is split into bundles of hundreds."""
    site = sitekit.materialize(tmp_path_factory.mktemp("bundles"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "RECORDS_PER_BUNDLE", 1)
        build(site.project, sitekit.NOW)
    return site


def test_search_merges_every_bundle_in_the_browser(
    small_bundles: FixtureSite, new_page: Callable[..., Any], serve_dir: Callable[[Path], str]
) -> None:
    root = small_bundles.output / "vocational"
    names = sorted((p.name for p in (root / "pagefind").iterdir()), key=int)
    assert names == [str(n) for n in range(1, len(names) + 1)] and len(names) > 1
    held = [_pages_in(root / "pagefind" / name) for name in names]
    assert sum(held) == len(_articles(root)) and max(held) < 3
    base = serve_dir(root)
    page = new_page(viewport=PHONE)
    page.goto(base + "search/?q=" + "太原市")
    titles = [r["title"] for r in _results(page)]
    assert sorted(titles) == ["太原市启动职业教育活动周", "职业教育活动周开幕式举行"]
    page.goto(base + "search/?q=" + "活动周")
    assert len(_results(page)) == 3  # more than any one bundle holds
    assert page.console.errors == []


def _pages_in(bundle: Path) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def test_the_search_page_asks_for_every_bundle_at_once(
    small_bundles: FixtureSite, new_page: Callable[..., Any], serve_dir: Callable[[Path], str]
) -> None:
    """On a phone each request costs a round trip: the bundles are merged in parallel, not one after another
    (at 10,000 articles, on a 150 ms link, one after another made a search 6.4 s instead of 4.6 s)."""
    base = serve_dir(small_bundles.output / "vocational")
    page = new_page(viewport=PHONE)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 300, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    events: list[tuple[str, str]] = []
    page.on("request", lambda request: events.append(("asked", request.url)))
    page.on("requestfinished", lambda request: events.append(("got", request.url)))
    page.goto(base + "search/?q=" + "活动周")
    assert len(_results(page)) == 3
    merged = [(what, url) for what, url in events if "pagefind-entry.json" in url and "/pagefind/1/" not in url]
    asked = [n for n, (what, _) in enumerate(merged) if what == "asked"]
    got = [n for n, (what, _) in enumerate(merged) if what == "got"]
    assert len(asked) == len(got) == len(list((small_bundles.output / "vocational" / "pagefind").iterdir())) - 1
    assert max(asked) < min(got), merged  # every merged bundle was asked for before the first one arrived


def test_an_edit_reindexes_one_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = sitekit.materialize(tmp_path)
    monkeypatch.setattr(search, "RECORDS_PER_BUNDLE", 2)
    build(site.project, sitekit.NOW)
    bundles = site.output / "vocational" / "pagefind"
    before = {p: p.read_bytes() for p in bundles.rglob("*") if p.is_file()}
    article = site.root / "content/vocational/highlights/opening.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n新增一段：校园开放日。\n", encoding="utf-8")
    runs = build(site.project, sitekit.NOW).indexed
    assert len(runs) == 1  # one bundle, in the vocational column only
    assert "vocational/highlights/opening/index.html" in runs[0]
    after = {p: p.read_bytes() for p in bundles.rglob("*") if p.is_file()}
    assert len({p.relative_to(bundles).parts[0] for p in after if before.get(p) != after[p]}) == 1


def test_withdrawing_an_article_of_days_ago_reindexes_only_the_bundle_it_leaves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Approving or withdrawing an older article changes one bundle, not every bundle after it in date order
    (approving one of ten days ago ran Pagefind on 11 bundles of 13 at 10,000 articles)."""
    site = sitekit.materialize(tmp_path)
    monkeypatch.setattr(search, "RECORDS_PER_BUNDLE", 2)
    held = [set(run) for run in build(site.project, sitekit.NOW).indexed if run[0].startswith("vocational/")]
    assert len(held) == 2 and sum(map(len, held)) == 4  # the column's four articles
    notice = "vocational/policy/notice/index.html"  # the column's oldest article
    article = site.root / "content/vocational/policy/notice.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("status: approved", "status: submitted"), encoding="utf-8")
    runs = build(site.project, sitekit.NOW).indexed
    left = next(run for run in held if notice in run) - {notice}
    assert [set(run) for run in runs] == ([left] if left else [])


def test_an_approval_makes_one_search_record_and_reads_the_others_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundle an approved article joins is indexed again from the records the build index holds of its
    other pages: only the new article's record is made."""
    site = sitekit.materialize(tmp_path)
    monkeypatch.setattr(search, "RECORDS_PER_BUNDLE", 3)  # four articles in two bundles, and five after
    build(site.project, sitekit.NOW)
    made: list[str] = []
    record = PageRenderer.record

    def counted(self: PageRenderer, page: Page) -> bytes:
        made.append(page.target)
        return record(self, page)

    monkeypatch.setattr(PageRenderer, "record", counted)
    article = site.root / "content/vocational/highlights/submitted-item.md"
    approved = "status: approved\nreview:\n  by: 宣传部\n  date: '2024-05-14'"
    article.write_text(article.read_text(encoding="utf-8").replace("status: submitted", approved), encoding="utf-8")
    built = build(site.project, sitekit.NOW)

    assert made == ["highlights/submitted-item/index.html"]
    assert len(built.indexed) == 1 and "vocational/highlights/submitted-item/index.html" in built.indexed[0]
    assert len(built.indexed[0]) > 1  # with pages whose records were read back


def test_a_hit_after_punctuation_marks_the_words_alone(
    valid_site: FixtureSite, new_page: Callable[..., Any], serve_dir: Callable[[Path], str]
) -> None:
    """上午，职业教育活动周开幕式: the comma before the hit is neither marked nor spaced out in the excerpt."""
    base = serve_dir(valid_site.output / "vocational")
    page = new_page(viewport=PHONE)
    page.goto(base + "search/?q=" + "职业教育活动周开幕式")
    found = {r["title"]: r for r in _results(page)}["职业教育活动周开幕式举行"]
    assert found["marks"] == ["职业教育活动周开幕式"]
    assert "5月12日上午，职业教育活动周开幕式在晋中职教港举行。来自全省" in found["excerpt"], found
    assert page.console.errors == []


def test_a_search_is_a_link_and_words_with_icu_splits_match(
    valid_site: FixtureSite, new_page: Callable[..., Any], serve_dir: Callable[[Path], str]
) -> None:
    """太原市 is one word for the browser's segmenter and two (太原 + 市) in Pagefind's index: both articles."""
    base = serve_dir(valid_site.output / "vocational")
    page = new_page(viewport=PHONE)
    page.goto(base + "search/?q=" + "太原市")
    titles = [r["title"] for r in _results(page)]
    assert sorted(titles) == ["太原市启动职业教育活动周", "职业教育活动周开幕式举行"]
    assert page.input_value("#search-q") == "太原市"
    assert page.title().startswith("“太原市”的搜索结果")
    assert "找到 2 篇" in page.text_content("#search-status")
    # Several words: an article must contain each of them.
    page.goto(base + "search/?q=" + "太原市 烹饪")
    assert [r["title"] for r in _results(page)] == ["职业教育活动周开幕式举行"]
    assert page.console.errors == []


def test_lifelong_search_under_a_base_path_and_no_match(
    valid_site: FixtureSite, new_page: Callable[..., Any], serve_dir: Callable[[Path], str]
) -> None:
    # Served from a parent folder, like https://huodong.sxlll.cn/home/: result links must keep the prefix.
    base = serve_dir(valid_site.output) + "lifelong/"
    page = new_page(viewport=PHONE)
    page.goto(base + "search/?q=智能手机")
    results = _results(page)
    assert [r["title"] for r in results] == ["社会大讲堂：老年人智能手机使用"]
    assert results[0]["section"] == "社会大讲堂"
    page.click(".search-result h2 a")
    page.wait_for_url(base + "lectures/talk/")
    page.goto(base + "search/?q=不存在的词语")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('没有找到')")
    assert page.eval_on_selector_all(".search-result", "items => items.length") == 0
    assert page.console.errors == []


def test_search_page_without_javascript(
    valid_site: FixtureSite, new_page: Callable[..., Any], serve_dir: Callable[[Path], str]
) -> None:
    base = serve_dir(valid_site.output / "vocational")
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(base + "search/?q=太原市")
    assert page.is_visible(".search-noscript")
    assert "搜索需要浏览器启用 JavaScript" in page.text_content(".search-noscript")
    assert page.is_visible(".search-noscript + ul a[href='../highlights/']")
    page.goto(base)
    assert page.is_visible("#header-q")


@pytest.mark.parametrize(
    "missing",
    ["delete window.WebAssembly", "delete Promise.allSettled"],
    ids=["no-webassembly", "no-es2020"],
)
def test_a_browser_that_cannot_search_is_told_so_and_offered_the_sections(
    valid_site: FixtureSite, new_page: Callable[..., Any], serve_dir: Callable[[Path], str], missing: str
) -> None:
    base = serve_dir(valid_site.output / "lifelong")
    page = new_page(viewport=PHONE)
    page.add_init_script(missing)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base + "search/?q=智能手机")
    status = page.locator("#search-status")
    status.wait_for()
    page.wait_for_load_state("load")
    assert status.text_content() == (
        "您的浏览器版本较旧，无法使用站内搜索。请按栏目浏览，或换用新版浏览器（360 等浏览器请切换到极速模式）。"
    )
    assert page.locator("#search-q").input_value() == "智能手机"
    links = page.locator("#search-unsupported a")
    assert links.first.is_visible()
    assert links.all_text_contents()[:3] == ["通知文件", "各地动态", "社会大讲堂"]
    assert not any("/search." in url or "pagefind" in url for url in requests), requests
    assert page.console.errors == []


def test_search_page_loads_search_js_only_through_the_es5_loader(valid_site: FixtureSite) -> None:
    html = valid_site.read_output("lifelong/search/index.html")
    assert re.search(r'<script src="[^"]*search-loader\.[0-9a-f]{10}\.js" defer>', html)
    assert not re.search(r'<script src="[^"]*/search\.[0-9a-f]{10}\.js"', html)
    assert re.search(r'data-search-script="[^"]*/search\.[0-9a-f]{10}\.js"', html)
