"""`editions:` in config.yml: which edition is current, what is wrong in an entry; `build.py new --edition`."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import sitekit
from editionkit import NOW, TZ, add_edition_2027, sample_copy

from sitegen.banner import BannerError, find_artwork
from sitegen.commands.scaffold import new_article
from sitegen.config import load_config
from sitegen.core import ProblemsFound, parse

REPO = sitekit.REPO


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "config.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        load_config(path)
    return [str(p) for p in caught.value.problems]


def test_the_newest_edition_is_current() -> None:
    column = load_config(REPO / "config.yml").columns["vocational"]
    assert [e.year for e in column.editions] == [2024, 2025]
    assert (column.title, column.theme, column.start) == (
        "山西省2025年职业教育活动周专栏（示例）",
        "示例主题：技能点亮人生",
        date(2025, 5, 11),
    )
    first = column.edition(2024)
    assert first is not None
    assert (first.quota_start, first.quota_end) == (None, None)  # the reports' period_offset applies
    second = column.edition(2025)
    assert second is not None and (second.quota_start, second.quota_end) == (date(2025, 5, 12), date(2025, 5, 18))
    assert first.banner_text == "2024年职业教育活动周"
    # An article's edition: its `edition` field, else the year of its date.
    assert column.edition_for(datetime(2024, 12, 30, tzinfo=TZ)) == first
    assert column.edition_for(datetime(2026, 11, 1, tzinfo=TZ)) == column.current
    assert column.edition_for(datetime(2023, 1, 1, tzinfo=TZ)) == first
    assert column.edition_for(datetime(2025, 1, 2, tzinfo=TZ), 2024) == first
    assert column.edition_for(datetime(2025, 1, 2, tzinfo=TZ), 2023) is None


def test_a_column_without_editions_is_one_edition(tmp_path: Path) -> None:
    """The format before editions still works: the column's own title, theme and dates are its one edition."""
    text = (REPO / "tests/sites/valid/config.yml").read_text(encoding="utf-8")
    path = tmp_path / "config.yml"
    path.write_text(text, encoding="utf-8")
    column = load_config(path).columns["vocational"]
    assert [(e.year, e.title) for e in column.editions] == [(2024, column.title)]


def test_edition_problems_are_reported_with_their_lines(tmp_path: Path) -> None:
    text = (REPO / "config.yml").read_text(encoding="utf-8")
    second = "      - year: 2025\n        title: 山西省2025年职业"
    text = text.replace(second, second.replace("2025\n", "2024\n"))
    text = text.replace("  lifelong:\n    short_title:", "  lifelong:\n    theme: 多余\n    short_title:")
    lines = text.splitlines()
    year = lines.index("        title: 山西省2025年职业教育活动周专栏（示例）")  # the line above it, 1-based
    start = lines.index("        start: 2025-05-11") + 1
    theme = lines.index("    theme: 多余") + 1
    where = "columns.vocational.editions[1]"
    assert problems(tmp_path, text) == [
        f"config.yml:{year}: {where}.year: 届次 2024 重复（每年只写一届）",
        f"config.yml:{start}: {where}.start: 开始日期 2025-05-11 不在 2024 年（届次 year 与开始日期的年份须一致）",
        f"config.yml:{theme}: columns.lifelong.theme: "
        "已写了 editions，此字段应写在每一届中（把 theme 移到 editions 下对应的年份）",
    ]


def test_a_section_named_like_a_year_is_refused(tmp_path: Path) -> None:
    text = (REPO / "config.yml").read_text(encoding="utf-8").replace("{id: policy,", "{id: '2030',")
    assert any("columns.vocational.sections[0].id: “2030”是保留的网址目录" in p for p in problems(tmp_path, text))


def front(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    data = parse(text[4 : text.index("\n---\n")])
    assert isinstance(data, dict)
    return data


def test_new_places_an_article_in_the_current_edition_or_the_one_chosen(tmp_path: Path) -> None:
    site = sample_copy(tmp_path)
    args = ("vocational/highlights", "示例稿件", "太原市教育局", None, NOW)
    # Late 2026 with 2024 and 2025 configured: the date says 2025, the current edition; nothing to pin.
    assert "edition" not in front(new_article(site.project, *args))
    older = new_article(site.project, "vocational/highlights", "示例稿件二", "太原市教育局", None, NOW, edition=2024)
    assert front(older)["edition"] == 2024
    add_edition_2027(site)
    # With 2027 configured, a draft written in 2026 belongs to 2027 only through its edition field.
    newer = new_article(site.project, "vocational/highlights", "示例稿件三", "太原市教育局", None, NOW)
    assert front(newer)["edition"] == 2027
    assert "edition: 2027  # 所属届次" in newer.read_text(encoding="utf-8")


def test_new_refuses_an_edition_that_is_not_configured(tmp_path: Path) -> None:
    site = sample_copy(tmp_path)
    with pytest.raises(ProblemsFound) as caught:
        new_article(site.project, "vocational/highlights", "示例", "太原市教育局", None, NOW, edition=2019)
    assert [str(p) for p in caught.value.problems] == [
        "build.py new: --edition: 届次 2019 未在 config.yml 中配置（可选：2024、2025）"
    ]
    assert not list((site.root / "content/vocational/highlights").glob("太原市教育局-示例*"))


def test_an_edition_names_its_banner_artwork(tmp_path: Path) -> None:
    (tmp_path / "banners").mkdir()
    (tmp_path / "banners/vocational.png").write_bytes(b"old")
    configured = tmp_path / "banners/vocational-2025.png"
    configured.write_bytes(b"new")
    assert find_artwork(tmp_path, "vocational", "banners/vocational-2025.png") == configured
    assert find_artwork(tmp_path, "vocational") == tmp_path / "banners/vocational.png"
    with pytest.raises(BannerError) as caught:
        find_artwork(tmp_path, "vocational", "banners/vocational-2027.png")
    assert "找不到 config.yml 中 banner.artwork 指定的飘窗图片" in str(caught.value)
    text = (REPO / "config.yml").read_text(encoding="utf-8")
    text = text.replace(
        "banner: {text: 2025年职业教育活动周}", "banner: {text: 2025年职业教育活动周, artwork: ../x.png}"
    )
    assert any(
        "columns.vocational.editions[1].banner.artwork: “../x.png”不是 content/ 下的 PNG 或 JPEG 图片" in p
        for p in problems(tmp_path, text)
    )
