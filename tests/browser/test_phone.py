"""Phones (390 px): every section in sight, every link and control a 44 × 44 px target, plain footer words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browser.test_speech import FAKE_SPEECH
from sitekit import FixtureSite

PHONE = {"width": 390, "height": 844}
PAGES = [
    ("lifelong", ""),
    ("lifelong", "notices/"),
    ("lifelong", "showcases/fair/"),
    ("lifelong", "lectures/talk/"),
    ("lifelong", "local-news/reports/"),
    ("lifelong", "learning-stars/wang/"),
    ("lifelong", "units/"),
    ("lifelong", "cities/"),
    ("lifelong", "editions/"),
    ("lifelong", "banner/"),
    ("vocational", ""),
    ("vocational", "highlights/opening/"),
    ("vocational", "policy/notice/"),
    ("vocational", "search/?q=太原市"),
]
# Links inside running text are exempt (WCAG 2.5.5); so are the skip link (off screen until focused) and the
# full-screen photo views (closed until opened).
SMALL_TARGETS = """() => [...document.querySelectorAll('a[href], button, select, input, summary')]
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .filter(e => !e.closest('.prose p, .prose li, .prose td, .lightbox, .skip-link'))
  .map(e => {
    const r = e.getBoundingClientRect();
    return {text: (e.textContent || e.getAttribute('aria-label') || e.tagName).trim().slice(0, 20),
            w: Math.round(r.width), h: Math.round(r.height)};
  })
  .filter(b => b.w < 44 || b.h < 44)"""


@pytest.mark.parametrize(("column", "path"), PAGES, ids=[f"{c}:{p or 'home'}" for c, p in PAGES])
def test_every_target_is_44_px_and_every_section_in_sight(
    valid_site: FixtureSite, new_page: Callable[..., Any], serve_dir: Callable[[Path], str], column: str, path: str
) -> None:
    page = new_page(viewport=PHONE)
    page.add_init_script("window.__initialVoices = [{name: 'Ting-Ting', lang: 'zh-CN'}];")
    page.add_init_script(FAKE_SPEECH)  # so the 朗读 controls and 指读 are on screen and measured too
    page.goto(serve_dir(valid_site.output / column) + path)
    if "search/?q=" in path:
        page.locator("#search-status", has_text="篇").wait_for()
    assert page.evaluate(SMALL_TARGETS) == []
    nav = page.evaluate(
        """() => [...document.querySelectorAll('.site-nav a')].map(a => a.getBoundingClientRect())
            .map(r => ({left: r.left, right: r.right}))"""
    )
    assert nav and all(r["left"] >= 0 and r["right"] <= PHONE["width"] for r in nav), "a section is out of sight"


def test_the_footer_speaks_plainly(valid_site: FixtureSite) -> None:
    html = valid_site.read_output("lifelong/index.html")
    footer = html.split('<footer class="site-footer">')[1]
    assert "订阅（Atom）" not in footer and "飘窗代码" not in footer
    assert ">订阅本专栏更新</a>" in footer and ">各单位网站链接本专栏</a>" in footer
