"""Large-text mode (大字版): the header switch, its size and contrast, persistence, no flash, no broken layout."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sitekit import FixtureSite

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
TOGGLE = "button[data-textsize-toggle]"
# A strict policy: no inline script or style anywhere. Pagefind's search needs WebAssembly, hence wasm-unsafe-eval.
CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "media-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'"
)
# Recorded by an init script: the classes of <html> at the moment <body> is first inserted, i.e. before
# anything could be painted.
BEFORE_BODY = """
window.__classAtBody = null;
new MutationObserver(function (records, observer) {
  if (document.body) {
    window.__classAtBody = document.documentElement.className;
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""
PAGES = [
    "",
    "notices/",
    "showcases/fair/",
    "lectures/talk/",
    "local-news/reports/",
    "search/?q=智能手机",
    "banner/",
    "units/",
    "cities/",
]
VOCATIONAL_PAGES = ["404.html", "highlights/opening/", "integration/yuncheng-case/", "policy/notice/", "highlights/"]

STYLE = """() => {
  const body = getComputedStyle(document.body);
  const lum = c => {
    const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => {
      v = v / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [lum(body.backgroundColor), lum(body.color)].sort((a, b) => b - a);
  return {
    size: parseFloat(body.fontSize),
    line: parseFloat(body.lineHeight),
    contrast: (hi + 0.05) / (lo + 0.05),
    large: document.documentElement.classList.contains('large-text'),
    pressed: document.querySelector('[data-textsize-toggle]').getAttribute('aria-pressed'),
  };
}"""


@pytest.fixture
def lifelong(valid_site: FixtureSite, serve_dir: Callable[[Path], str]) -> str:
    return serve_dir(valid_site.output / "lifelong")


def test_switch_enlarges_text_and_the_choice_persists(new_page: Callable[..., Any], lifelong: str) -> None:
    page = new_page(viewport=PHONE)
    page.add_init_script(BEFORE_BODY)
    page.goto(lifelong + "lectures/talk/")
    toggle = page.locator(TOGGLE)
    assert toggle.is_visible() and toggle.text_content() == "大字版"
    normal = page.evaluate(STYLE)
    assert normal["pressed"] == "false" and not normal["large"] and normal["size"] < 20

    toggle.click()
    large = page.evaluate(STYLE)
    assert large["pressed"] == "true" and large["large"]
    assert large["size"] >= 22, large
    assert large["line"] >= 1.8 * large["size"], large
    assert large["contrast"] >= 7, large  # WCAG AAA for body text in large mode

    # Another page of the site, and a reload: large from the first paint on, with the switch pressed.
    for path in ("", "lectures/talk/"):
        page.goto(lifelong + path)
        assert "large-text" in page.evaluate("window.__classAtBody"), "no flash of the small size"
        assert page.evaluate(STYLE)["pressed"] == "true"
    page.reload()
    assert "large-text" in page.evaluate("window.__classAtBody")

    page.locator(TOGGLE).click()
    page.reload()
    assert "large-text" not in page.evaluate("window.__classAtBody")
    assert page.evaluate(STYLE)["size"] == normal["size"]
    assert page.console.errors == []


def test_switch_script_blocks_in_head_and_no_page_has_inline_script(valid_site: FixtureSite) -> None:
    for path in sorted(valid_site.output.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, f"inline script in {path}: a strict CSP would block it"
        head = html.split("</head>")[0]
        if path.parent == valid_site.output or 'http-equiv="refresh"' in head:
            continue  # the local preview index and alias redirects are not themed pages
        match = re.search(r'<script src="[^"]*assets/js/assist\.[0-9a-f]{10}\.js"></script>', head)
        assert match, f"{path}: assist.js must load in <head> without defer or async"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_large_text_layout_does_not_break(
    valid_site: FixtureSite,
    new_page: Callable[..., Any],
    serve_dir: Callable[[Path], str],
    lifelong: str,
    viewport: dict,
) -> None:
    page = new_page(viewport=viewport)
    page.add_init_script("localStorage.setItem('sitegen.largeText', '1')")
    # 404.html links from the base path (it is served at any depth): only the vocational column's is "/".
    vocational = serve_dir(valid_site.output / "vocational")
    for url in [lifelong + p for p in PAGES] + [vocational + p for p in VOCATIONAL_PAGES]:
        path = url
        page.goto(url)
        assert page.evaluate(STYLE)["size"] >= 22, path
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{path}: page is {width}px wide at {viewport['width']}px"
        outside = page.evaluate(
            """(width) => [...document.querySelectorAll('header *, main *, footer *')]
                .filter(e => e.getClientRects().length && !e.closest('.site-nav ul, .table-scroll, pre'))
                .map(e => [e, e.getBoundingClientRect()])
                .filter(([e, r]) => r.width && (r.left < -1 || r.right > width + 1))
                .map(([e]) => e)
                .map(e => e.tagName + '.' + e.className)""",
            viewport["width"],
        )
        assert outside == [], f"{path}: {outside}"
        tools = page.evaluate(
            "['#header-q', 'button[data-textsize-toggle]'].map(s => document.querySelector(s))"
            ".filter(Boolean).map(e => e.getBoundingClientRect().height)"
        )
        assert all(h >= 44 for h in tools), f"{path}: touch targets {tools}"
    assert page.console.errors == []


def test_switch_by_keyboard_and_with_storage_blocked(new_page: Callable[..., Any], lifelong: str) -> None:
    page = new_page(viewport=PHONE)
    # Private modes and locked-down WebViews throw on any use of localStorage.
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', "
        "{get() { throw new DOMException('blocked', 'SecurityError'); }});"
    )
    page.goto(lifelong)
    page.focus(TOGGLE)
    page.keyboard.press("Space")
    assert page.evaluate(STYLE)["large"]
    page.keyboard.press("Enter")
    assert not page.evaluate(STYLE)["large"]
    assert page.console.errors == []


def test_switch_works_under_a_strict_csp(new_page: Callable[..., Any], lifelong: str) -> None:
    page = new_page(viewport=PHONE)

    def with_csp(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": CSP})

    page.route("**/*", with_csp)
    page.goto(lifelong + "showcases/fair/")
    page.locator(TOGGLE).click()
    assert page.evaluate(STYLE)["size"] >= 22
    page.goto(lifelong + "search/?q=智能手机")
    page.locator("#search-status", has_text="找到 1 篇").wait_for()  # a locator: wait_for_function needs eval
    assert page.console.errors == []


def test_without_javascript_the_switch_is_not_shown(new_page: Callable[..., Any], lifelong: str) -> None:
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(lifelong)
    assert page.locator(TOGGLE).count() == 1
    assert not page.is_visible(TOGGLE), "a switch that cannot work is not offered"
    assert page.is_visible("#header-q")


def test_vocational_column_has_the_switch_too(valid_site: FixtureSite) -> None:
    html = valid_site.read_output("vocational/index.html")
    toggle = '<button type="button" class="textsize-toggle" data-textsize-toggle aria-pressed="false">大字版</button>'
    assert toggle in html
