"""Section lists paginate at 20, newest first, and the home page knows where the week stands."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import sitekit

from sitegen.build import build
from sitegen.config import load_config
from sitegen.render import week_status

REPO = Path(__file__).resolve().parents[2]


def write_achievements(site: sitekit.FixtureSite, count: int) -> None:
    """`count` approved articles in vocational/achievements, one a day, numbered 1 to count."""
    for n in range(1, count + 1):
        site.write(
            f"content/vocational/achievements/item-{n:02d}.md",
            (
                f"---\ntitle: 成果第{n}篇\ndate: 2024-05-{n % 28 + 1:02d} 08:{n:02d}\nunit: 太原市教育局\n"
                f"status: approved\nreview: {{by: 宣传科, date: 2024-05-20}}\n---\n第{n}篇成果综述。\n"
            ),
        )


def test_section_list_paginates_at_20_newest_first(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    write_achievements(site, 23)
    build(site.project, sitekit.NOW)
    first = site.read_output("vocational/achievements/index.html")
    second = site.read_output("vocational/achievements/page/2/index.html")
    titles = re.findall(r'class="item-title"><a href="[^"]+">([^<]+)</a>', first)
    assert len(titles) == 20
    assert titles[0] == "成果第23篇" and titles[1] == "成果第22篇"
    assert re.findall(r'class="item-title"><a href="[^"]+">([^<]+)</a>', second) == [
        "成果第3篇",
        "成果第2篇",
        "成果第1篇",
    ]
    assert 'rel="next" href="../achievements/page/2/"' in first
    assert 'rel="prev" href="../../../achievements/"' in second
    assert not (site.output / "vocational/achievements/page/3").exists()


def test_a_long_list_links_its_first_and_last_page_and_the_ones_beside_this_one(tmp_path: Path) -> None:
    """At 30,000 articles a section has 115 pages: each linking all of them made every page a wall of numbers
    on a phone, and held 13,000 links per section in the build's memory. Seven links at most fit one row."""
    site = sitekit.materialize(tmp_path)
    config = site.root / "config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("pagination: 20", "pagination: 2"), encoding="utf-8")
    write_achievements(site, 23)
    build(site.project, sitekit.NOW)

    def pager(path: str) -> list[str]:
        nav = re.search(r'<nav class="pager".*?</nav>', site.read_output(path), re.S)
        assert nav is not None
        return re.findall(r"<li[^>]*>(?:<[^>]+>)?([^<]+)", nav.group(0))

    assert pager("vocational/achievements/page/6/index.html") == ["1", "…", "5", "6", "7", "…", "12"]
    assert pager("vocational/achievements/index.html") == ["1", "2", "…", "12"]
    assert pager("vocational/achievements/page/4/index.html") == ["1", "2", "3", "4", "5", "…", "12"]  # not 1 … 3
    sixth = site.read_output("vocational/achievements/page/6/index.html")
    assert '<span aria-current="page">6</span>' in sixth
    assert 'href="../../../achievements/page/12/">12</a>' in sixth
    assert 'href="../../../achievements/">1</a>' in sixth


def test_week_state_upcoming_running_and_over() -> None:
    column = load_config(REPO / "config.yml").columns["vocational"].edition(2024)  # the sample's first edition
    assert column is not None
    assert week_status(column, date(2024, 5, 1)).text == "距开幕还有 11 天（2024年5月12日开幕）"
    running = week_status(column, date(2024, 5, 14))
    assert (running.state, running.day, running.text) == ("running", 3, "活动周进行中：第 3 天（共 7 天）")
    assert week_status(column, date(2024, 5, 18)).day == 7
    assert week_status(column, date(2024, 5, 19)).text == "活动周已于2024年5月18日圆满结束"
