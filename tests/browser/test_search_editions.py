"""Search over every edition in Chromium: results name their year, and the search page limits them to one year."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sitekit import FixtureSite

PHONE = {"width": 412, "height": 915}


def _results(page: Any) -> list[tuple[str, str]]:
    page.wait_for_function("document.getElementById('search-status').textContent.includes('篇')")
    return sorted(
        map(
            tuple,
            page.eval_on_selector_all(
                ".search-result",
                "items => items.map(li => [li.querySelector('h2 a').textContent,"
                " li.querySelector('.search-result-edition').textContent])",
            ),
        )
    )


def test_results_name_their_year_and_the_year_picker_limits_them(
    editions_site: FixtureSite, new_page: Callable[..., Any], serve_dir: Callable[[Path], str]
) -> None:
    base = serve_dir(editions_site.output / "vocational")
    page = new_page(viewport=PHONE)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base + "search/?q=太原")
    assert _results(page) == [
        ("太原市启动职业教育活动周", "2024年活动周"),
        ("第二届活动周在太原开幕", "2025年活动周"),
        ("职业教育活动周开幕式举行", "2024年活动周"),
    ]
    assert page.input_value("#search-year") == ""
    page.select_option("#search-year", "2024")
    page.click("#search-form button[type=submit]")
    page.wait_for_url(base + "search/?q=%E5%A4%AA%E5%8E%9F&year=2024")
    assert _results(page) == [
        ("太原市启动职业教育活动周", "2024年活动周"),
        ("职业教育活动周开幕式举行", "2024年活动周"),
    ]
    assert page.input_value("#search-year") == "2024"
    assert page.text_content("#search-status") == "找到 2 篇与“太原”相关的2024年文章。"
    # Only the 2024 bundle was loaded for the one-year search.
    assert not any(
        "/pagefind/2/" in url for url in requests[requests.index(base + "search/?q=%E5%A4%AA%E5%8E%9F&year=2024") :]
    )
    assert page.console.errors == []
