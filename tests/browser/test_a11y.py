"""Accessibility in Chromium: axe-core on the main page types at phone and desktop size, keyboard and landmarks."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sitekit import REPO, FixtureSite

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 768}}
# (column, path): the page types the issue names, plus the directory pages and the 404 page.
PAGES = {
    "home": ("lifelong", ""),
    "section-list": ("lifelong", "local-news/"),
    "gallery-article": ("lifelong", "showcases/fair/"),
    "video-article": ("lifelong", "lectures/talk/"),
    "media-report-article": ("lifelong", "local-news/reports/"),
    "search-results": ("vocational", "search/?q=太原市"),
    "banner-page": ("lifelong", "banner/"),
    "units": ("vocational", "units/"),
    "cities": ("vocational", "cities/"),
    "not-found": ("vocational", "404.html"),
}
# The page types of editions, on the site with two editions (tests/sites/two-editions).
EDITION_PAGES = {
    "edition-home": ("vocational", "2024/"),
    "edition-section-list": ("vocational", "2024/highlights/"),
    "editions": ("vocational", "editions/"),
    "home-two-editions": ("lifelong", ""),
    "section-list-two-editions": ("vocational", "highlights/"),
    "unit-two-editions": ("vocational", "units/taiyuan-shi-jiaoyuju/"),
    "search-one-year": ("vocational", "search/?q=太原&year=2025"),
    "downloads": ("vocational", "downloads/"),
}
FOCUSABLE = (
    "a[href], button, input, select, textarea, video[controls], audio[controls], summary, "
    "[tabindex]:not([tabindex='-1'])"
)


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        reason = "axe-core is not installed: run `npm ci` (make test does)"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return AXE.read_text(encoding="utf-8")


def _open(page: Any, base: str, path: str) -> None:
    page.goto(base + path)
    if "search/?q=" in path:
        page.locator("#search-status", has_text="篇").wait_for()


def _axe(page: Any, source: str) -> list[dict[str, Any]]:
    page.evaluate(source)
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary),
        }))"""
    )


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large-text"])
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("name", list(PAGES) + list(EDITION_PAGES))
def test_axe_finds_no_violations(
    valid_site: FixtureSite,
    editions_site: FixtureSite,
    new_page: Callable[..., Any],
    serve_dir: Callable[[Path], str],
    axe_source: str,
    name: str,
    viewport: str,
    large: bool,
) -> None:
    column, path = PAGES[name] if name in PAGES else EDITION_PAGES[name]
    site = valid_site if name in PAGES else editions_site
    page = new_page(viewport=VIEWPORTS[viewport], reduced_motion="reduce")
    if large:
        page.add_init_script("localStorage.setItem('sitegen.largeText', '1')")
    _open(page, serve_dir(site.output / column), path)
    violations = _axe(page, axe_source)
    assert violations == [], "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n  {v['nodes']}" for v in violations)


def _focused(page: Any) -> dict[str, Any] | None:
    return page.evaluate(
        """() => {
            let e = document.activeElement;
            while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
            if (!e || e === document.body) return null;
            const s = getComputedStyle(e);
            const r = e.getBoundingClientRect();
            return {
                id: e.dataset.kbd || null,
                tag: e.tagName.toLowerCase(),
                text: (e.textContent || e.getAttribute('aria-label') || e.name || '').trim().slice(0, 30),
                outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
                shadow: s.boxShadow !== 'none',
                inView: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
            };
        }"""
    )


def _tab_through(page: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """Press Tab until focus leaves the page; return what got focus and every focusable element."""
    expected = page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter(e => !e.disabled && e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
            .filter(e => !e.checkVisibility || e.checkVisibility())  // not inside a closed <details>
            .map((e, i) => (e.dataset.kbd = String(i)))""",
        FOCUSABLE,
    )
    reached: list[dict[str, Any]] = []
    for _ in range(len(expected) + 20):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if focused is None or (reached and focused["id"] is not None and focused["id"] == reached[0]["id"]):
            break
        if reached and focused["id"] == reached[-1]["id"]:
            continue  # Tab moves through the native controls of a <video>: the element keeps focus
        reached.append(focused)
    return reached, expected


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize(
    "column, path",
    [("lifelong", ""), ("lifelong", "notices/"), ("lifelong", "lectures/talk/"), ("vocational", "search/?q=太原市")],
)
def test_keyboard_reaches_everything_with_visible_focus(
    valid_site: FixtureSite,
    new_page: Callable[..., Any],
    serve_dir: Callable[[Path], str],
    viewport: str,
    column: str,
    path: str,
) -> None:
    page = new_page(viewport=VIEWPORTS[viewport])
    _open(page, serve_dir(valid_site.output / column), path)
    reached, expected = _tab_through(page)
    assert reached and reached[0]["text"] == "跳到正文", "the skip link comes first"
    assert [r["id"] for r in reached] == expected, "Tab visits every control once, in document order"
    for r in reached:
        assert r["outline"] or r["shadow"], f"no visible focus on {r}"
        assert r["inView"], f"focused but off screen: {r}"


def test_skip_link_moves_focus_to_the_main_content(
    valid_site: FixtureSite, new_page: Callable[..., Any], serve_dir: Callable[[Path], str]
) -> None:
    page = new_page(viewport=VIEWPORTS["phone"])
    page.goto(serve_dir(valid_site.output / "lifelong") + "lectures/talk/")
    hidden = page.evaluate("document.querySelector('.skip-link').getBoundingClientRect().bottom")
    assert hidden <= 0, "the skip link is out of sight until focused"
    page.keyboard.press("Tab")
    box = page.evaluate("(r => [r.top, r.bottom])(document.activeElement.getBoundingClientRect())")
    assert box[0] >= 0 and box[1] > box[0], "the focused skip link is on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')"), "the next Tab stays in the main content"


def test_landmarks_and_labels(
    valid_site: FixtureSite, new_page: Callable[..., Any], serve_dir: Callable[[Path], str]
) -> None:
    page = new_page()
    base = serve_dir(valid_site.output / "lifelong")
    for path in ("", "lectures/talk/", "search/", "banner/"):
        page.goto(base + path)
        roles = page.evaluate(
            """() => ({
                banner: document.querySelectorAll('body > header').length,
                main: document.querySelectorAll('main').length,
                contentinfo: document.querySelectorAll('body > footer').length,
                unlabelledNav: [...document.querySelectorAll('nav')].filter(n => !n.getAttribute('aria-label')).length,
                search: [...document.querySelectorAll('[role=search]')].map(f => f.getAttribute('aria-label')),
                lang: document.documentElement.lang,
            })"""
        )
        assert roles["banner"] == roles["main"] == roles["contentinfo"] == 1, (path, roles)
        assert roles["unlabelledNav"] == 0 and roles["lang"] == "zh-CN"
        assert roles["search"] == (["搜索本专栏"] if path == "search/" else ["站内搜索"]), roles
