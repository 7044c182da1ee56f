"""`build.py new` (SPEC 5): a draft named 单位-标题 with the front matter its kind needs, and clear refusals."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest
import sitekit

from sitegen.build import check_content
from sitegen.commands import scaffold
from sitegen.commands.scaffold import file_stem, new_article
from sitegen.core import ProblemsFound, parse

H = "content/vocational/highlights"
UNIT_HINT = "是不是：太原市教育局、长治市教育局、运城市教育局"


@pytest.fixture
def site(tmp_path: Path) -> sitekit.FixtureSite:
    return sitekit.materialize(tmp_path)


def front(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    data = parse(text[4 : text.index("\n---\n")])
    assert isinstance(data, dict)
    return data


def refused(site: sitekit.FixtureSite, *args: object) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        new_article(site.project, *args, now=sitekit.NOW)  # type: ignore[misc]
    return [str(p) for p in caught.value.problems]


def test_news_draft_has_the_common_front_matter(site: sitekit.FixtureSite) -> None:
    path = new_article(site.project, "vocational/highlights", "长治市技能大赛开幕", "长治市教育局", None, sitekit.NOW)
    assert path == site.root / H / "长治市教育局-长治市技能大赛开幕.md"
    data = front(path)
    assert data == {
        "title": "长治市技能大赛开幕",
        "date": sitekit.NOW.date().isoformat(),  # dates stay text in front matter; fields.py parses them
        "unit": "长治市教育局",
        "status": "draft",
        "slug": "changzhi-shi-jineng-dasai-kaimu",  # 长治 from config: not zhangzhi
    }
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert "新闻稿正文不超过 800 字" in body
    assert "每张小于 2 MB" in body


@pytest.mark.parametrize(
    ("target", "kind", "expected"),
    [
        ("lifelong/showcases", None, {"images"}),
        ("vocational/highlights", "gallery", {"kind", "images"}),
        ("vocational/highlights", "活动集锦", {"kind", "images"}),  # the Chinese label works too
        ("lifelong/local-news", "media", {"kind", "reports"}),
        ("lifelong/lectures", None, {"video"}),
        ("vocational/policy", None, {"doc_number", "attachments"}),
    ],
)
def test_each_kind_gets_its_skeleton(
    site: sitekit.FixtureSite, target: str, kind: str | None, expected: set[str]
) -> None:
    path = new_article(site.project, target, "启动仪式", "太原市教育局", kind, sitekit.NOW)
    data = front(path)
    assert set(data) == {"title", "date", "unit", "status", "slug"} | expected
    stem = "太原市教育局-启动仪式"
    if "images" in expected:
        assert data["images"] == [
            {"src": f"{stem}/photo-1.jpg", "caption": {"time": None, "place": None, "people": None, "event": None}}
        ]
    if "reports" in expected:
        assert data["reports"] == [dict.fromkeys(("outlet", "date", "title", "summary", "url"))]
    if "video" in expected:
        assert data["video"] == {"src": f"{stem}/video.mp4", "poster": f"{stem}/poster.jpg"}
    if "attachments" in expected:
        assert data["attachments"] == [{"src": f"{stem}/通知全文.pdf", "title": "通知全文"}]
    # A fresh draft never breaks the check: drafts only need readable front matter.
    assert not check_content(site.project, sitekit.NOW).problems


def test_submitting_an_unfilled_gallery_lists_what_is_missing(site: sitekit.FixtureSite) -> None:
    path = new_article(site.project, "lifelong/showcases", "成果展", "山西开放大学", None, sitekit.NOW)
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft", "status: submitted"), encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        check_content(site.project, sitekit.NOW)
    rel = "content/lifelong/showcases/山西开放大学-成果展.md"
    assert [str(p) for p in caught.value.problems] == [
        f"{rel}:12: images[0].src: “山西开放大学-成果展/photo-1.jpg”：文件不存在"
        "（检查文件名和路径，注意大小写；路径相对于本文章的 .md 文件）",
        f"{rel}:13: images[0].caption: 缺少图片说明（每张图片须配时间、地点、人物、事件四项说明，"
        "写成 caption: {time: 时间, place: 地点, people: 人物, event: 事件}）",
    ]


def test_a_filled_media_skeleton_passes_the_check(site: sitekit.FixtureSite) -> None:
    path = new_article(site.project, "lifelong/local-news", "媒体聚焦", "长治市教育局", "media", sitekit.NOW)
    text = path.read_text(encoding="utf-8").replace("status: draft", "status: submitted")
    values = {
        "outlet": "山西日报",
        "date": "2024-05-15",
        "summary": "报道社区学习中心活动。",
        "url": "https://example.org/1",
    }
    for key, value in values.items():
        text = re.sub(rf"(?m)^(\s*-?\s*){key}:.*$", rf"\g<1>{key}: {value}", text)
    path.write_text(text, encoding="utf-8")
    checked = check_content(site.project, sitekit.NOW)
    assert "content/lifelong/local-news/长治市教育局-媒体聚焦.md" in {a.rel for a in checked.articles}


def test_the_slug_avoids_an_address_the_section_already_uses(site: sitekit.FixtureSite) -> None:
    # content/vocational/highlights/太原市启动仪式.md already lives at /highlights/taiyuan-shi-qidong-yishi/
    path = new_article(site.project, "vocational/highlights", "太原市启动仪式", "太原市教育局", None, sitekit.NOW)
    assert front(path)["slug"] == "taiyuan-shi-qidong-yishi-2"


def test_titles_with_yaml_characters_are_quoted(site: sitekit.FixtureSite) -> None:
    title = "职教周: 开幕 #1"
    path = new_article(site.project, "vocational/highlights", title, "太原市教育局", None, sitekit.NOW)
    assert front(path)["title"] == title
    assert path.name == "太原市教育局-职教周：-开幕-#1.md"


def test_file_names_lose_characters_file_systems_refuse() -> None:
    assert file_stem("太原市教育局", '启动/仪式:"一技"*<在手>?|') == "太原市教育局-启动-仪式：一技在手？"
    assert file_stem("太原市教育局", "  .隐藏  ") == "太原市教育局-隐藏"
    assert len(file_stem("太原市教育局", "长" * 200).encode()) <= 180
    assert doctest.testmod(scaffold).failed == 0


def test_unknown_unit_lists_the_closest_names(site: sitekit.FixtureSite) -> None:
    assert refused(site, "vocational/highlights", "启动仪式", "太原教育局", None) == [
        f"build.py new: --unit: 单位“太原教育局”未在 content/units.yml 中登记（{UNIT_HINT}）"
    ]


def test_unknown_column_lists_the_columns(site: sitekit.FixtureSite) -> None:
    assert refused(site, "vocation/highlights", "启动仪式", "太原市教育局", None) == [
        "build.py new: <column>/<section>: “vocation”不是已配置的专栏"
        "（可选：vocational（职业教育活动周）、lifelong（全民终身学习活动周））"
    ]


def test_unknown_section_lists_the_sections(site: sitekit.FixtureSite) -> None:
    assert refused(site, "vocational/news", "启动仪式", "太原市教育局", None) == [
        "build.py new: <column>/<section>: “news”不是职业教育活动周专栏的版块（可选：vocational/policy（政策法律）、"
        "vocational/highlights（活动风采）、vocational/integration（产教融合）、vocational/achievements（职教成果）、"
        "vocational/exemplars（典型事迹））"
    ]


def test_a_target_without_a_section_is_refused(site: sitekit.FixtureSite) -> None:
    (line,) = refused(site, "vocational", "启动仪式", "太原市教育局", None)
    assert line.startswith(
        "build.py new: <column>/<section>: “vocational”应写成 <栏目>/<版块>（可选：vocational/policy（政策法律）、"
    )


def test_every_bad_argument_is_reported_at_once(site: sitekit.FixtureSite) -> None:
    assert refused(site, "vocational/highlights", "职" * 65, "太原教育局", "photo") == [
        "build.py new: --kind: “photo”不是有效的稿件类型（可选：notice（通知文件）、news（新闻稿）、summary"
        "（成果综述）、"
        "case（典型案例）、profile（人物专访）、gallery（活动集锦）、media（媒体报道）、video（视频））",
        f"build.py new: --unit: 单位“太原教育局”未在 content/units.yml 中登记（{UNIT_HINT}）",
        "build.py new: <标题>: 标题 65 字，超过 64 字上限（请删减 1 字）",
    ]
    assert not list((site.root / H).glob("太原教育局*"))


def test_empty_title_is_refused(site: sitekit.FixtureSite) -> None:
    assert refused(site, "vocational/highlights", "  ", "太原市教育局", None) == [
        'build.py new: <标题>: 标题不能为空（例如 "太原市启动职业教育活动周"）'
    ]


def test_an_existing_file_is_never_overwritten(site: sitekit.FixtureSite) -> None:
    path = new_article(site.project, "vocational/highlights", "启动仪式", "太原市教育局", None, sitekit.NOW)
    path.write_text("编辑已经写好的稿件", encoding="utf-8")
    assert refused(site, "vocational/highlights", "启动仪式", "太原市教育局", None) == [
        f"{H}/太原市教育局-启动仪式.md: 文件已存在，未覆盖（请直接编辑该文件，或换一个标题）"
    ]
    assert path.read_text(encoding="utf-8") == "编辑已经写好的稿件"
