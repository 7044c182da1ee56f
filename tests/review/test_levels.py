"""Review levels (三审, SPEC 13): a two-level column records 初审 then 终审 and publishes only after both."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import sitekit

from sitegen.build import build, check_content
from sitegen.commands import main
from sitegen.config import load_config
from sitegen.review.queue import QueueItem, queue_pages

ARTICLE = "content/vocational/highlights/submitted-item.md"
FRONT = "---\ntitle: 未发布样稿已提交\ndate: 2024-05-14\nunit: 太原市教育局\n"
BODY = "---\n未发布样稿：已提交正文。\n"


def two_levels(tmp_path: Path, distinct: bool = True) -> sitekit.FixtureSite:
    site = sitekit.materialize(tmp_path)
    config = site.root / "config.yml"
    extra = "    review_levels: [初审, 终审]\n" + ("    review_distinct: true\n" if distinct else "")
    text = config.read_text(encoding="utf-8")
    assert "\n  vocational:\n" in text
    config.write_text(text.replace("\n  vocational:\n", "\n  vocational:\n" + extra, 1), encoding="utf-8")
    return site


def _run(site: sitekit.FixtureSite, *args: str) -> int:
    return main(["--root", str(site.root), *args])


def approve(site: sitekit.FixtureSite, *args: str) -> int:
    return _run(site, "approve", str(site.root / ARTICLE), *args)


def published(site: sitekit.FixtureSite) -> bool:
    build(site.project, sitekit.NOW, skip_invalid=True)
    return "未发布样稿已提交" in site.all_output_text()


def test_a_two_level_column_publishes_only_after_both_levels(tmp_path: Path, capsys) -> None:
    site = two_levels(tmp_path)
    path = site.root / ARTICLE

    assert approve(site, "--level", "初审", "--by", "编辑部", "--date", "2024-05-15") == 0
    assert path.read_text(encoding="utf-8") == (
        FRONT + "status: submitted\nreview: [{level: 初审, by: 编辑部, date: 2024-05-15}]\n" + BODY
    )
    out = capsys.readouterr().out
    assert f"已记录初审 {ARTICLE}（编辑部 2024-05-15；仍为 submitted，待下一级审核后发布）" in out
    assert not published(site)

    assert approve(site, "--level", "终审", "--by", "宣传部", "--date", "2024-05-16") == 0
    assert path.read_text(encoding="utf-8") == (
        FRONT + "status: approved\n"
        "review: [{level: 初审, by: 编辑部, date: 2024-05-15}, {level: 终审, by: 宣传部, date: 2024-05-16}]\n" + BODY
    )
    assert f"已审核 {ARTICLE}（submitted → approved，review: 终审：宣传部 2024-05-16）" in capsys.readouterr().out
    assert published(site)
    article = next(a for a in check_content(site.project, sitekit.NOW, skip_invalid=True).read if a.rel == ARTICLE)
    assert [(r.level, r.by) for r in article.review] == [("初审", "编辑部"), ("终审", "宣传部")]
    # Approving the last level again changes nothing.
    before = path.read_bytes()
    assert approve(site, "--level", "终审", "--by", "宣传部") == 0
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--by", "编辑部"),
            "--level：职业教育活动周专栏分 2 级审核（初审、终审），请用 --level 写明本次是哪一级，例如 --level 初审",
        ),
        (("--level", "复审", "--by", "编辑部"), "--level：“复审”不是职业教育活动周专栏的审核级别，可选：初审、终审"),
        (("--level", "终审", "--by", "宣传部"), f"{ARTICLE}：尚未初审，不能跳级直接终审；请先 --level 初审"),
    ],
)
def test_a_missing_unknown_or_skipped_level_is_refused(tmp_path: Path, capsys, args, message) -> None:
    site = two_levels(tmp_path)
    before = (site.root / ARTICLE).read_bytes()
    assert approve(site, *args) == 1
    assert f"错误：{message}" in capsys.readouterr().err
    assert (site.root / ARTICLE).read_bytes() == before


def test_a_level_cannot_be_recorded_twice_nor_by_the_same_department(tmp_path: Path, capsys) -> None:
    site = two_levels(tmp_path)
    assert approve(site, "--level", "初审", "--by", "编辑部", "--date", "2024-05-15") == 0
    before = (site.root / ARTICLE).read_bytes()
    capsys.readouterr()
    assert approve(site, "--level", "初审", "--by", "宣传部") == 1
    assert f"错误：{ARTICLE}：初审已记录（编辑部 2024-05-15），不能重复审核" in capsys.readouterr().err
    assert approve(site, "--level", "终审", "--by", "编辑部") == 1
    assert (
        f"错误：{ARTICLE}：编辑部 已做过初审，按 config.yml 的 review_distinct，同一人不能审核两级；"
        "请由另一部门或另一人做终审" in capsys.readouterr().err
    )
    assert (site.root / ARTICLE).read_bytes() == before


def test_without_review_distinct_one_department_may_record_both(tmp_path: Path) -> None:
    site = two_levels(tmp_path, distinct=False)
    assert approve(site, "--level", "初审", "--by", "编辑部") == 0
    assert approve(site, "--level", "终审", "--by", "编辑部") == 0
    assert "status: approved\n" in (site.root / ARTICLE).read_text(encoding="utf-8")


def test_a_one_level_column_needs_no_level_and_refuses_one(tmp_path: Path, capsys) -> None:
    site = sitekit.materialize(tmp_path)
    assert approve(site, "--level", "初审", "--by", "宣传部") == 1
    assert "错误：--level：职业教育活动周专栏只有一级审核，不用写 --level" in capsys.readouterr().err


def test_reject_at_a_level_records_who_and_why(tmp_path: Path, capsys) -> None:
    site = two_levels(tmp_path)
    assert approve(site, "--level", "初审", "--by", "编辑部", "--date", "2024-05-15") == 0
    reject = ["reject", str(site.root / ARTICLE), "--by", "宣传部", "--date", "2024-05-16"]
    assert _run(site, *reject, "--reason", "图片说明缺少地点") == 0
    assert (site.root / ARTICLE).read_text(encoding="utf-8") == (
        FRONT + "status: rejected\nreject_reason: 图片说明缺少地点\n"
        "rejection: {level: 终审, by: 宣传部, date: 2024-05-16}\n"
        "review: [{level: 初审, by: 编辑部, date: 2024-05-15}]\n" + BODY
    )
    out = capsys.readouterr().out
    assert f"已退回 {ARTICLE}（submitted → rejected，终审，宣传部，理由：图片说明缺少地点）" in out
    assert _run(site, *reject, "--level", "三审", "--reason", "x") == 1
    assert "错误：--level：“三审”不是职业教育活动周专栏的审核级别，可选：初审、终审" in capsys.readouterr().err
    unnamed = (site.root / ARTICLE).read_bytes()
    assert _run(site, "reject", str(site.root / ARTICLE), "--reason", "x") == 1
    assert "错误：--by：本专栏分级审核，请填写退稿的审核部门，例如 --by 宣传部" in capsys.readouterr().err
    assert (site.root / ARTICLE).read_bytes() == unnamed


@pytest.mark.parametrize(
    ("status", "review", "message"),
    [
        (
            "approved",
            "[{level: 初审, by: 编辑部, date: 2024-05-15}]",
            f"{ARTICLE}:5: status: 已审核（approved）的稿件须经初审、终审，尚缺终审"
            "（请用 build.py approve --level 终审 记录，记录前 status 保持 submitted）",
        ),
        (
            "submitted",
            "[{level: 终审, by: 宣传部, date: 2024-05-15}]",
            f"{ARTICLE}:6: review: 审核级别依次应是初审、终审，review 中记录的是终审"
            "（每级一条 {level, by, date}，按 config.yml 中 review_levels 的顺序；可用 build.py approve --level 记录）",
        ),
    ],
)
def test_check_names_a_review_list_that_misses_or_skips_a_level(tmp_path: Path, status, review, message) -> None:
    site = two_levels(tmp_path)
    site.write(ARTICLE, f"{FRONT}status: {status}\nreview: {review}\n{BODY}")
    found = [str(p) for p in check_content(site.project, sitekit.NOW, skip_invalid=True).problems if p.path == ARTICLE]
    assert found == [message]


def test_a_list_item_without_its_level_is_a_field_problem(tmp_path: Path) -> None:
    site = two_levels(tmp_path)
    site.write(ARTICLE, f"{FRONT}status: submitted\nreview: [{{by: 编辑部, date: 2024-05-15}}]\n{BODY}")
    found = [str(p) for p in check_content(site.project, sitekit.NOW, skip_invalid=True).problems if p.path == ARTICLE]
    assert found == [f"{ARTICLE}:6: review[0]: 缺少必填字段 level（请填写 level）"]


def _item(rel: str, waiting: str, passed: tuple[tuple[str, str, str], ...] = ()) -> QueueItem:
    return QueueItem(
        rel,
        rel,
        "highlights",
        "活动风采",
        "太原市教育局",
        datetime(2024, 5, 14, 9),
        "新闻稿",
        100,
        (),
        None,
        None,
        passed,
        waiting,
    )


def test_the_queue_shows_and_filters_by_the_level_each_item_waits_for(tmp_path: Path) -> None:
    site = two_levels(tmp_path)
    column = load_config(site.root / "config.yml").columns["vocational"]
    items = [_item("a.md", "初审"), _item("b.md", "终审", (("初审", "编辑部", "2024-05-15"),))]
    pages = queue_pages(column, items)
    assert '<a href="../review/level/1/">待初审（1）</a>' in pages["review/"]
    assert "已初审（编辑部 2024-05-15）；<strong>待终审</strong>" in pages["review/"]
    final = pages["review/level/2/"]
    assert "<h1>待终审</h1>" in final and "b.md" in final and "a.md" not in final
    assert "python build.py approve 文件 --level 终审 --by 部门" in final
    assert "python build.py approve 文件 --level 初审 --by 部门" in pages["review/"]
    assert 'data-level="level:初审"' in pages["review/"]


def test_a_one_level_queue_has_no_level_filter(tmp_path: Path) -> None:
    column = load_config(sitekit.materialize(tmp_path).root / "config.yml").columns["vocational"]
    pages = queue_pages(column, [_item("a.md", "")])
    assert not any(path.startswith("review/level/") for path in pages)
    assert "审核级别" not in pages["review/"]


def test_items_approved_before_the_column_named_levels_stay_valid_and_unchanged(tmp_path: Path) -> None:
    site = two_levels(tmp_path)
    read = check_content(site.project, sitekit.NOW).read
    approved = [a for a in read if a.status == "approved" and a.column == "vocational"]
    assert approved and all(len(a.review) == 1 and a.review[0].level == "" for a in approved)
    path = site.root / approved[0].rel
    before = path.read_bytes()
    assert _run(site, "approve", str(path), "--level", "初审", "--by", "编辑部") == 0
    assert path.read_bytes() == before
