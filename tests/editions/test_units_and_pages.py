"""Edition section lists are paginated; a renamed unit keeps its old articles and its old page answers."""

from __future__ import annotations

import re
from pathlib import Path

import sitekit
from editionkit import NOW, h1_of, sample_copy

from sitegen.build import build

RENAMED = "  - {name: 长治示例职业技术大学, type: higher-vocational, city: 长治市, former_names: [长治职业技术学院]}\n"


def test_edition_section_lists_are_paginated_and_a_renamed_unit_keeps_its_articles(tmp_path: Path) -> None:
    site = sample_copy(tmp_path)
    config = site.root / "config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("pagination: 20", "pagination: 3"), encoding="utf-8")
    units = site.root / "content/units.yml"
    old = "  - {name: 长治职业技术学院, type: higher-vocational, city: 长治市}\n"
    text = units.read_text(encoding="utf-8")
    assert text.count(old) == 1
    units.write_text(text.replace(old, RENAMED), encoding="utf-8")
    # The unit's 2025 article is submitted under its new name; its 2024 ones keep the old one.
    new = site.root / "content/vocational/highlights/example-2025-skills-service.md"
    new.write_text(
        new.read_text(encoding="utf-8").replace("运城职业技术大学", "长治示例职业技术大学"), encoding="utf-8"
    )
    build(site.project, NOW)

    out = site.output / "vocational"
    first = site.read_output("vocational/2024/highlights/index.html")
    assert h1_of(first) == "2024年活动风采"
    assert 'rel="next" href="../../2024/highlights/page/2/"' in first
    pages = sorted(p.parent.name for p in (out / "2024/highlights/page").glob("*/index.html"))
    assert pages == ["2", "3"]  # 8 articles of 2024, 3 a page
    second = site.read_output("vocational/2024/highlights/page/2/index.html")
    assert "<title>2024年活动风采（第 2 页） - " in second
    assert "【示例】" not in second
    assert not (out / "2025/highlights/page").exists()  # 2 articles of 2025: one page

    # The renamed unit: one page with every year's articles, grouped by edition.
    page = site.read_output("vocational/units/changzhi-shili-zhiye-jishu-daxue/index.html")
    assert "曾用名：长治职业技术学院" in page
    assert "【示例】师生技能服务队走进乡村" in page
    assert "长治职业技术学院师生走进社区开展“技能惠民”志愿服务" in page
    assert re.findall(r'<h2 class="edition-heading">([^<]+)</h2>', page) == [
        "山西省2025年职业教育活动周专栏（示例）",
        "山西省2024年职业教育活动周专栏",
    ]
    # Its old page, cited by schools, leads to the new one.
    redirect = site.read_output("vocational/units/changzhi-zhiye-jishu-xueyuan/index.html")
    assert '<meta http-equiv="refresh" content="0; url=../../units/changzhi-shili-zhiye-jishu-daxue/">' in redirect
    article = site.read_output("vocational/highlights/changzhi-community-service/index.html")
    assert '<a href="../../units/changzhi-shili-zhiye-jishu-daxue/">长治示例职业技术大学</a>' in article


def test_sample_unit_pages_list_every_year(two_editions: sitekit.FixtureSite) -> None:
    page = two_editions.read_output("vocational/units/shanxi-sheng-jiaoyuting/index.html")
    headings = re.findall(r'<h2 class="edition-heading">([^<]+)</h2>', page)
    assert headings == ["山西省2025年职业教育活动周专栏（示例）", "山西省2024年职业教育活动周专栏"]
