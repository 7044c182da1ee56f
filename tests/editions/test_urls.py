"""URLs never change: every file the 2024 sample published still answers once newer editions exist."""

from __future__ import annotations

import re

import pytest
import sitekit
from editionkit import h1_of, recorded_urls

REDIRECT = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


def answers(site: sitekit.FixtureSite, path: str, h1: str) -> str | None:
    """None when `path` answers with the page it showed (or redirects to it), else what is wrong."""
    target = site.output / path
    if not target.is_file():
        return "missing"
    if not h1:
        return None
    html = target.read_text(encoding="utf-8")
    redirect = REDIRECT.search(html)
    if redirect:
        folder = target.parent
        html = (folder / redirect.group(1) / "index.html").resolve().read_text(encoding="utf-8")
    found = h1_of(html)
    return None if found == h1 else f"h1 is {found!r}, was {h1!r}"


@pytest.mark.parametrize("fixture", ["two_editions", "three_editions"])
def test_every_2024_url_still_answers(fixture: str, request: pytest.FixtureRequest) -> None:
    site: sitekit.FixtureSite = request.getfixturevalue(fixture)
    recorded = recorded_urls()
    assert len(recorded) == 277  # the sample of 2024: pages, feeds, banners and media
    homes = {f"{column}/index.html" for column in ("vocational", "lifelong")}
    wrong = {path: why for path, h1 in recorded.items() if path not in homes and (why := answers(site, path, h1))}
    assert wrong == {}
    # The column home shows the current edition now; the 2024 campaign's home is at /2024/, as it was.
    for home in homes:
        column = home.split("/")[0]
        assert (site.output / home).is_file()
        assert h1_of(site.read_output(f"{column}/2024/index.html")) == recorded[home]
        assert h1_of(site.read_output(home)) != recorded[home]


def test_the_recorded_set_covers_every_kind_of_page() -> None:
    recorded = recorded_urls()
    for path in (
        "vocational/index.html",
        "vocational/highlights/index.html",
        "vocational/highlights/taiyuan-shi-qidong-yishi/index.html",
        "vocational/units/index.html",
        "vocational/cities/taiyuan/index.html",
        "vocational/feed.xml",
        "vocational/highlights/feed.xml",
        "vocational/sitemap.xml",
        "vocational/search/index.html",
        "vocational/banner/banner.js",
        "vocational/404.html",
        "lifelong/learning-stars/wangxiulan/index.html",
    ):
        assert path in recorded, path
    assert recorded["vocational/index.html"] == "一技在手，一生无忧"
    assert sum(p.startswith("vocational/media/") for p in recorded) > 20
