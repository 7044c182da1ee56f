"""稿件采用情况 (反馈公示) for every edition: the current one at /adoption/, each past one at /<year>/adoption/,
linked from that edition's home, so a past week's feedback stays published once the next week begins."""

from __future__ import annotations

import re

import sitekit
from editionkit import h1_of


def _figures(html: str) -> list[str]:
    """The table's rows as text, cell by cell."""
    return [" ".join(re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row)) for row in re.findall(r"<tr>(.*?)</tr>", html)]


def test_every_edition_keeps_its_own_adoption_page(two_editions: sitekit.FixtureSite) -> None:
    past = two_editions.read_output("vocational/2024/adoption/index.html")
    current = two_editions.read_output("vocational/adoption/index.html")
    assert h1_of(past) == h1_of(current) == "稿件采用情况"
    assert "山西省2024年职业教育活动周专栏各单位报送与采用稿件数量" in past
    assert "山西省2025年职业教育活动周专栏（示例）各单位报送与采用稿件数量" in current
    assert _figures(past) != _figures(current)  # each counts its own edition
    assert "太原市教育局" in past
    # Counts and rates only: no title of any article, published or not.
    assert "太原市启动2024年职业教育活动周" not in past and "【示例】" not in current


def test_a_past_edition_home_links_its_adoption_page(two_editions: sitekit.FixtureSite) -> None:
    home = two_editions.read_output("vocational/2024/index.html")
    assert '<a href="../2024/adoption/">2024年稿件采用情况</a>' in home
    assert "2025/adoption/" not in two_editions.read_output("vocational/2025/index.html")  # the current: /adoption/


def test_a_column_without_the_page_publishes_none(two_editions: sitekit.FixtureSite) -> None:
    output = two_editions.root / "output" / "lifelong"
    assert not (output / "adoption").exists() and not (output / "2024" / "adoption").exists()
