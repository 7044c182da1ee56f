"""Page weight and layout stability of article pages in Chromium: ≤ 60 KB gzipped without photos, CLS 0."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sitekit import FixtureSite

LIMIT = 60 * 1024  # HTML + CSS + JS, gzipped as a web server would send them
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 768}}
COUNTED = {"document", "stylesheet", "script"}  # photos, posters and video are not part of the budget
# A slow mobile connection, so late resources would have the chance to shift the layout.
SLOW_3G = {"offline": False, "latency": 150, "downloadThroughput": 400 * 1024, "uploadThroughput": 200 * 1024}
CLS = """
window.__cls = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({type: 'layout-shift', buffered: true});
"""


def _articles(root: Path) -> list[str]:
    return sorted(
        p.parent.relative_to(root).as_posix() + "/"
        for p in root.glob("*/*/index.html")
        if b'<article class="article"' in p.read_bytes()
    )


def _load(page: Any, url: str) -> dict[str, int]:
    """Open url, scroll to the end (lazy images load), and return gzipped bytes per counted resource."""
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="load")
    height = page.evaluate("document.documentElement.scrollHeight")
    for _ in range(0, height, 400):
        page.mouse.wheel(0, 400)
        page.wait_for_timeout(60)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    return {
        r.url: len(gzip.compress(r.body(), compresslevel=6))
        for r in responses
        if r.request.resource_type in COUNTED and r.ok
    }


@pytest.mark.parametrize(
    "viewport, large", [("phone", False), ("phone", True), ("desktop", False)], ids=["phone", "phone-large", "desktop"]
)
@pytest.mark.parametrize("column", ["vocational", "lifelong"])
def test_articles_are_light_and_do_not_shift(
    valid_site: FixtureSite,
    new_page: Callable[..., Any],
    serve_dir: Callable[[Path], str],
    column: str,
    viewport: str,
    large: bool,
) -> None:
    root = valid_site.output / column
    base = serve_dir(root)
    figures = []
    for path in _articles(root):
        page = new_page(viewport=VIEWPORTS[viewport])
        if large:
            page.add_init_script("localStorage.setItem('sitegen.largeText', '1')")
        page.add_init_script(CLS)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)
        sizes = _load(page, base + path)
        total = sum(sizes.values())
        cls = page.evaluate("window.__cls")
        figures.append(f"{path}: {total / 1024:.1f} KB gzipped in {len(sizes)} files, CLS {cls:.4f}")
        assert total <= LIMIT, figures[-1]
        assert cls == 0, figures[-1]
        assert len(sizes) >= 3, f"{path}: HTML, CSS and JS expected, got {sorted(sizes)}"
        page.context.close()
    print(f"\n{column} {viewport} {'large' if large else 'normal'}:\n  " + "\n  ".join(figures))
