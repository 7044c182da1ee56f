"""Editions as a reader sees them: the current one at the root, each edition's home at /<year>/, 往届回顾,
lists grouped by edition, feeds, sitemap and search over every edition, and the banner's current year."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path

import pytest
import sitekit
from editionkit import NOW, TZ, add_edition_2027, h1_of, sample_copy

from sitegen.banner import spec_for
from sitegen.build import build
from sitegen.config import load_config
from sitegen.core import ProblemsFound

ATOM = "{http://www.w3.org/2005/Atom}"


def test_2024_edition_home_shows_the_campaign_as_it_was(two_editions: sitekit.FixtureSite) -> None:
    html = two_editions.read_output("vocational/2024/index.html")
    assert h1_of(html) == "一技在手，一生无忧"
    assert '<p class="hero-kicker">山西省2024年职业教育活动周专栏</p>' in html
    assert '<time datetime="2024-05-12">2024年5月12日—18日</time>' in html
    assert "本届共发布稿件 19 篇" in html
    for section in ("policy", "highlights", "integration", "achievements", "exemplars"):
        assert f'href="../2024/{section}/"' in html
    assert "【示例】" not in html  # 2025's articles are not in the 2024 campaign
    assert "这是往届活动周的存档" in html
    listing = two_editions.read_output("vocational/2024/highlights/index.html")
    assert h1_of(listing) == "2024年活动风采"
    assert "太原市启动2024年职业教育活动周" in listing and "【示例】" not in listing
    assert "【示例】某职业学校开放校园日" in two_editions.read_output("vocational/2025/highlights/index.html")


def test_column_home_shows_the_current_edition_and_links_the_past_ones(two_editions: sitekit.FixtureSite) -> None:
    html = two_editions.read_output("vocational/index.html")
    assert h1_of(html) == "示例主题：技能点亮人生"
    assert "2025年5月11日—17日" in html
    assert "活动周已于2025年5月17日圆满结束" in html
    assert "本届共发布稿件 5 篇，来自 3 个市的 5 个单位。" in html  # the summary after the week
    assert "【示例】某职业学校开放校园日" in html
    assert "太原市启动2024年职业教育活动周" not in html  # 2024 lives at /2024/ now
    assert '<a href="2024/">山西省2024年职业教育活动周专栏</a>' in html
    # Every page links to 往届回顾, which lists every edition, newest first.
    for page in ("index.html", "2024/highlights/index.html", "highlights/taiyuan-shi-qidong-yishi/index.html"):
        assert ">往届回顾</a>" in two_editions.read_output(f"vocational/{page}"), page
    editions = two_editions.read_output("vocational/editions/index.html")
    assert h1_of(editions) == "往届回顾"
    assert editions.index("山西省2025年职业教育活动周专栏（示例）") < editions.index("山西省2024年职业教育活动周专栏")
    assert "稿件 19 篇" in editions and "稿件 5 篇" in editions


def test_the_current_edition_home_leads_with_its_photos(two_editions: sitekit.FixtureSite) -> None:
    """SPEC 15: the sample's current edition shows its own week, with captions; no 2024 article among them."""
    for column, caption in (("vocational", "工业机器人操作体验"), ("lifelong", "数字阅读体验分享")):
        html = two_editions.read_output(f"{column}/index.html")
        grid = html[html.index('<section class="week-photos"') : html.index("</section>", html.index("week-photos"))]
        assert grid.count("<figcaption>") == 4, column
        assert f"<figcaption>{caption}</figcaption>" in grid and 'href="2024/' not in grid, column


def test_lists_span_editions_grouped_under_headings(two_editions: sitekit.FixtureSite) -> None:
    section = two_editions.read_output("vocational/highlights/index.html")
    headings = re.findall(r'<h2 class="edition-heading">([^<]+)</h2>', section)
    assert headings == ["山西省2025年职业教育活动周专栏（示例）", "山西省2024年职业教育活动周专栏"]
    city = two_editions.read_output("vocational/cities/taiyuan/index.html")
    assert re.findall(r'<h2 class="edition-heading">([^<]+)</h2>', city) == headings
    assert city.index("【示例】某职业学校开放校园日") < city.index(headings[1])
    # A list of one edition only needs no headings.
    assert 'class="edition-heading"' not in two_editions.read_output("vocational/2024/highlights/index.html")


def test_feed_sitemap_and_search_cover_every_edition(two_editions: sitekit.FixtureSite) -> None:
    feed = ET.fromstring(two_editions.read_output("vocational/feed.xml"))
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert titles[0] == "【示例】校企共建“订单班”首批学员上岗实习"  # the newest across editions (2025-05-15)
    assert "太原市启动2024年职业教育活动周 “一技在手，一生无忧”系列活动精彩纷呈" in titles
    sitemap = two_editions.read_output("vocational/sitemap.xml")
    for path in ("2024/", "2025/", "2024/highlights/", "editions/", "highlights/example-2025-open-campus/"):
        assert f"<loc>https://zyjyz.sxgkd.edu.cn/{path}</loc>" in sitemap, path
    search = two_editions.read_output("vocational/search/index.html")
    assert 'data-bundles="../pagefind/1/ ../pagefind/2/" data-years="2024 2025"' in search
    assert '<option value="2024">2024年</option>' in search and '<option value="">全部届次</option>' in search
    article = two_editions.read_output("vocational/highlights/example-2025-open-campus/index.html")
    assert '<a href="../../2025/" data-pagefind-meta="edition">2025年</a>' in article


def test_a_third_edition_is_a_config_entry_plus_content(three_editions: sitekit.FixtureSite) -> None:
    site = three_editions
    home = site.read_output("vocational/index.html")
    assert h1_of(home) == "示例主题：二〇二七"
    assert "距开幕还有 161 天（2027年5月9日开幕）" in home  # 2026-11-29 → 2027-05-09
    assert "【示例】2027年职业教育活动周筹备工作启动" in home  # dated 2026, placed in 2027 by its edition field
    assert h1_of(site.read_output("vocational/2027/index.html")) == "示例主题：二〇二七"
    assert h1_of(site.read_output("vocational/2025/index.html")) == "示例主题：技能点亮人生"
    assert h1_of(site.read_output("lifelong/2027/index.html")) == "示例主题：学无止境"
    editions = site.read_output("vocational/editions/index.html")
    cards = editions[editions.index('<ol class="editions">') :]
    assert re.findall(r'<h2><a href="../(\d{4})/">', cards) == ["2027", "2025", "2024"]
    assert 'data-years="2024 2025 2027"' in site.read_output("vocational/search/index.html")
    feed = ET.fromstring(site.read_output("lifelong/feed.xml"))
    assert feed.findtext(f"{ATOM}entry/{ATOM}title") == "【示例】2027年全民终身学习活动周征集品牌项目（虚构样稿）"
    assert "<loc>https://zyjyz.sxgkd.edu.cn/2027/policy/</loc>" in site.read_output("vocational/sitemap.xml")
    # The banner: the same snippet and link, the drawn text of the current year.
    spec = spec_for(load_config(site.root / "config.yml").columns["vocational"])
    assert (spec.short_title, spec.dates) == ("2027年职业教育活动周", "2027年5月9日—15日")
    assert spec.base_url == "https://zyjyz.sxgkd.edu.cn/"
    script = site.read_output("vocational/banner/banner.js")
    assert "2027\\u5e74" in script or "2027年" in script
    banner_page = site.read_output("vocational/banner/index.html")
    assert "&lt;script src=&#34;https://zyjyz.sxgkd.edu.cn/banner/banner.js&#34; async&gt;" in banner_page or (
        "https://zyjyz.sxgkd.edu.cn/banner/banner.js" in banner_page
    )


def test_home_counts_down_runs_and_sums_up(tmp_path: Path) -> None:
    site = sample_copy(tmp_path)
    add_edition_2027(site)
    summary = "本届共发布稿件 1 篇，来自 1 个市的 1 个单位。"
    for now, expected in (
        (datetime(2027, 5, 1, 9, 0, tzinfo=TZ), "距开幕还有 8 天（2027年5月9日开幕）"),
        (datetime(2027, 5, 11, 9, 0, tzinfo=TZ), "活动周进行中：第 3 天（共 7 天）"),
        (datetime(2027, 6, 1, 9, 0, tzinfo=TZ), "活动周已于2027年5月15日圆满结束"),
    ):
        build(site.project, now)
        home = site.read_output("vocational/index.html")
        assert expected in home
        assert (summary in home) == (now.date() > date(2027, 5, 15))


def test_two_editions_reaching_one_url_is_an_error_naming_both_files(tmp_path: Path) -> None:
    site = sample_copy(tmp_path)
    path = site.root / "content/vocational/highlights/example-2025-skills-service.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("tags:", "slug: changzhi-community-service\ntags:"), encoding="utf-8"
    )
    with pytest.raises(ProblemsFound) as caught:
        build(site.project, NOW)
    assert [str(p) for p in caught.value.problems] == [
        "content/vocational/highlights/example-2025-skills-service.md: slug: "
        "网址 /highlights/changzhi-community-service/ 与“content/vocational/highlights/changzhi-community-service.md”"
        "相同（2024 届与 2025 届）（请为其中一篇填写不同的 slug，或修改文件名）"
    ]
    assert not site.output.exists()


def test_an_edition_that_is_not_configured_is_an_error(tmp_path: Path) -> None:
    site = sample_copy(tmp_path)
    path = site.root / "content/vocational/highlights/example-2025-skills-service.md"
    path.write_text(path.read_text(encoding="utf-8").replace("tags:", "edition: 2023\ntags:"), encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        build(site.project, NOW)
    assert [str(p) for p in caught.value.problems] == [
        "content/vocational/highlights/example-2025-skills-service.md:8: edition: "
        "届次 2023 未在 config.yml 中配置（可选：2024、2025；或删除 edition，按发布时间归入）"
    ]
    assert not site.output.exists()


def test_an_edition_can_put_its_year_in_article_urls(tmp_path: Path) -> None:
    """`year_in_urls: true` on an edition: its articles at /<year>/<section>/<slug>/, so a slug may repeat."""
    site = sample_copy(tmp_path)
    config = site.root / "config.yml"
    anchor = "        banner: {text: 2025年职业教育活动周}\n"
    config.write_text(
        config.read_text(encoding="utf-8").replace(anchor, anchor + "        year_in_urls: true\n"), encoding="utf-8"
    )
    path = site.root / "content/vocational/highlights/example-2025-skills-service.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("tags:", "slug: changzhi-community-service\ntags:"), encoding="utf-8"
    )
    build(site.project, NOW)
    out = site.output / "vocational"
    assert h1_of(site.read_output("vocational/2025/highlights/changzhi-community-service/index.html")) == (
        "【示例】师生技能服务队走进乡村"
    )
    assert h1_of(site.read_output("vocational/highlights/changzhi-community-service/index.html")).startswith(
        "长治职业技术学院师生"
    )
    assert (out / "2025/highlights/example-2025-open-campus/index.html").is_file()
    assert not (out / "highlights/example-2025-open-campus").exists()
    # Only that edition: the lifelong column's 2025 articles stay at /<section>/<slug>/.
    assert (site.output / "lifelong/local-news/example-2025-community-class/index.html").is_file()


def test_an_edition_with_other_sections_keeps_the_old_ones_answering(tmp_path: Path) -> None:
    site = sample_copy(tmp_path)
    add_edition_2027(site)
    config = site.root / "config.yml"
    anchor = "        end: 2027-05-15\n"
    sections = (
        "        sections:\n"
        "          - {id: highlights, title: 活动风采, kind: news}\n"
        "          - {id: skills-show, title: 技能展示, kind: gallery}\n"
        "          - {id: policy, title: 政策法律, kind: notice}\n"
    )
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(anchor, anchor + sections, 1), encoding="utf-8")
    build(site.project, NOW)
    home = site.read_output("vocational/index.html")
    nav = home[home.index('<nav class="site-nav"') : home.index("</nav>", home.index('<nav class="site-nav"'))]
    assert re.findall(r">([^<>]+)</a></li>", nav) == ["首页", "活动风采", "技能展示", "政策法律"]
    # The sections 2027 dropped still answer at the root, and in their editions.
    assert h1_of(site.read_output("vocational/exemplars/index.html")) == "典型事迹"
    assert h1_of(site.read_output("vocational/2024/exemplars/index.html")) == "2024年典型事迹"
    assert h1_of(site.read_output("vocational/2027/skills-show/index.html")) == "2027年技能展示"
    assert not (site.output / "vocational/2027/exemplars").exists()
    # An article of 2027 in a section 2027 does not have is an error.
    site.write(
        "content/vocational/exemplars/example-2027-person.md",
        "---\ntitle: 示例人物\ndate: 2026-11-21\nunit: 山西省教育厅\nstatus: approved\n"
        "review: {by: 示例审核部门, date: 2026-11-21}\nedition: 2027\n---\n示例。\n",
    )
    with pytest.raises(ProblemsFound) as caught:
        build(site.project, NOW)
    assert [str(p) for p in caught.value.problems] == [
        "content/vocational/exemplars/example-2027-person.md:7: edition: 2027 届没有“exemplars”栏目"
        "（可选：highlights（活动风采）、skills-show（技能展示）、policy（政策法律））"
    ]
