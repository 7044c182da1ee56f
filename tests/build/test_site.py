"""What a reader sees on the built valid fixture site: pages, links, lists, feeds, redirects."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from sitekit import FixtureSite

ATOM = "{http://www.w3.org/2005/Atom}"


def test_each_column_is_its_own_site_root(valid_site: FixtureSite) -> None:
    for column in ("vocational", "lifelong"):
        for page in (
            "index.html",
            "404.html",
            "feed.xml",
            "sitemap.xml",
            "robots.txt",
            "units/index.html",
            "cities/index.html",
            "banner/index.html",
            "banner/banner.js",
        ):
            assert (valid_site.output / column / page).is_file(), f"{column}/{page}"
    assert "vocational/index.html" in valid_site.read_output("index.html")


def test_home_shows_theme_dates_and_week_state(valid_site: FixtureSite) -> None:
    html = valid_site.read_output("vocational/index.html")
    assert "一技在手，一生无忧" in html
    assert "2024年5月12日—18日" in html
    assert "活动周已于2024年5月18日圆满结束" in html  # the fixture clock is 2024-05-20
    assert "山西省2024年全民终身学习活动周专栏" in html  # the sister column
    assert "职业教育活动周开幕式举行" in html


def test_article_page_has_breadcrumbs_meta_and_neighbours(valid_site: FixtureSite) -> None:
    html = valid_site.read_output("vocational/highlights/opening/index.html")
    assert '<h1 id="article-title">职业教育活动周开幕式举行</h1>' in html
    assert 'href="../../">职业教育活动周</a>' in html
    assert 'href="../../highlights/">活动风采</a>' in html
    assert "2024年5月12日 10:30" in html
    assert 'href="../../units/taiyuan-shi-jiaoyuju/">太原市教育局</a>' in html
    assert 'href="../../cities/taiyuan/">太原市</a>' in html
    assert (
        '上一篇：<a href="../../highlights/taiyuan-shi-qidong-yishi/" rel="prev">太原市启动职业教育活动周</a>' in html
    )
    assert "扫码在手机上阅读" in html and "<svg" in html


def test_chinese_file_name_becomes_pinyin_url(valid_site: FixtureSite) -> None:
    assert (valid_site.output / "vocational/highlights/taiyuan-shi-qidong-yishi/index.html").is_file()


def test_chinese_paragraph_line_break_is_not_a_space(valid_site: FixtureSite) -> None:
    html = valid_site.read_output("vocational/highlights/opening/index.html")
    assert "在晋中职教港举行。来自全省的师生参加了活动。" in html


def test_reprint_shows_its_source(valid_site: FixtureSite) -> None:
    html = valid_site.read_output("vocational/integration/yuncheng-case/index.html")
    assert "<dt>来源</dt><dd>山西日报 2024年5月15日</dd>" in html


def test_unapproved_and_future_items_appear_nowhere(valid_site: FixtureSite) -> None:
    text = valid_site.all_output_text()
    assert "未发布样稿" not in text
    for slug in ("draft-item", "submitted-item", "rejected-item", "future-item"):
        assert slug not in text
        assert not (valid_site.output / "vocational/highlights" / slug).exists()


def test_alias_redirects_to_the_new_url(valid_site: FixtureSite) -> None:
    html = valid_site.read_output("vocational/highlights/old-opening/index.html")
    assert '<meta http-equiv="refresh" content="0; url=../../highlights/opening/">' in html
    assert '<link rel="canonical" href="https://zyjyz.sxgkd.edu.cn/highlights/opening/">' in html


def test_feeds_have_absolute_urls_and_only_published_entries(valid_site: FixtureSite) -> None:
    feed = ET.fromstring((valid_site.output / "lifelong/feed.xml").read_bytes())
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    assert links[0] == "https://huodong.sxlll.cn/home/showcases/fair/"
    assert all(link.startswith("https://huodong.sxlll.cn/home/") for link in links)
    assert len(links) == 5
    section = ET.fromstring((valid_site.output / "vocational/highlights/feed.xml").read_bytes())
    titles = [e.find(f"{ATOM}title").text for e in section.findall(f"{ATOM}entry")]
    assert titles == ["太原市启动职业教育活动周", "职业教育活动周开幕式举行"]


def test_sitemap_and_robots(valid_site: FixtureSite) -> None:
    sitemap = valid_site.read_output("vocational/sitemap.xml")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert "https://zyjyz.sxgkd.edu.cn/highlights/opening/" in locs
    assert "https://zyjyz.sxgkd.edu.cn/" in locs
    assert not any("old-opening" in loc or "404" in loc for loc in locs)
    robots = valid_site.read_output("lifelong/robots.txt")
    assert "Sitemap: https://huodong.sxlll.cn/home/sitemap.xml" in robots


def test_404_links_work_from_any_depth(valid_site: FixtureSite) -> None:
    html = valid_site.read_output("lifelong/404.html")
    assert 'href="/home/">' in html
    assert 'href="/home/assets/' in html


def test_media_report_links_out(valid_site: FixtureSite) -> None:
    html = valid_site.read_output("lifelong/local-news/reports/index.html")
    assert 'href="https://example.org/news/1" rel="noopener noreferrer">长治：处处能学</a>' in html
    assert "山西日报 · 2024年5月15日" in html


def test_notice_lists_its_attachment(valid_site: FixtureSite) -> None:
    html = valid_site.read_output("vocational/policy/notice/index.html")
    assert 'href="../../policy/notice/notice.pdf" download>通知全文</a>' in html
    assert "晋教职成函〔2024〕31号" in html
    assert (valid_site.output / "vocational/policy/notice/notice.pdf").read_bytes().startswith(b"%PDF")


def test_unit_and_city_pages_list_their_articles(valid_site: FixtureSite) -> None:
    unit = valid_site.read_output("vocational/units/taiyuan-shi-jiaoyuju/index.html")
    assert "职业教育活动周开幕式举行" in unit and "太原市启动职业教育活动周" in unit
    city = valid_site.read_output("lifelong/cities/changzhi/index.html")
    assert "媒体聚焦长治市终身学习活动周" in city


def test_assets_are_hashed_and_local(valid_site: FixtureSite) -> None:
    html = valid_site.read_output("vocational/index.html")
    css = re.search(r'href="(assets/site\.[0-9a-f]{10}\.css)"', html)
    assert css and (valid_site.output / "vocational" / css.group(1)).is_file()
    for page in valid_site.output.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        # No third-party requests: every src/href to another host is a plain link, never a resource.
        assert not re.search(r'(?:src|srcset)="https?://', text), page
        assert not re.search(r'<link[^>]+href="https?://(?!zyjyz|huodong)', text), page
