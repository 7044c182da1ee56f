"""The text edit behind approve and reject, on front matter shapes editors write (pure: no files)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from sitegen.config import Column, load_config
from sitegen.review import DecisionError
from sitegen.review.decide import approve_text, reject_text

REL = "content/vocational/highlights/x.md"
DAY = date(2024, 5, 15)


@pytest.fixture(scope="module")
def column() -> Column:
    return load_config(Path(__file__).parents[1] / "sites/valid/config.yml").columns["vocational"]


def test_a_stale_one_line_review_is_replaced_in_place(column: Column) -> None:
    text = "---\ntitle: 标题\nreview: {by: 旧部门, date: 2024-05-01}  # 旧记录\nstatus: submitted\n---\n正文\n"
    edit = approve_text(text, REL, column, None, "宣传部", DAY)
    assert (edit.before, edit.after) == ("submitted", "approved")
    replaced = "review: {by: 宣传部, date: 2024-05-15}  # 旧记录"
    assert edit.text == f"---\ntitle: 标题\n{replaced}\nstatus: approved\n---\n正文\n"


def test_a_block_review_is_left_for_the_editor(column: Column) -> None:
    text = "---\nstatus: submitted\nreview:\n  by: 旧部门\n  date: 2024-05-01\n---\n"
    with pytest.raises(DecisionError) as error:
        approve_text(text, REL, column, None, "宣传部", DAY)
    assert str(error.value) == f"{REL}:3: review: 已有该字段且不是单独一行（请手工修改）"


def test_a_missing_status_is_named(column: Column) -> None:
    with pytest.raises(DecisionError) as error:
        approve_text("---\ntitle: 标题\n---\n", REL, column, None, "宣传部", DAY)
    assert str(error.value) == f"{REL}：front matter 中没有 status 字段，请先写上 status: submitted"


def test_a_status_written_over_two_lines_is_left_for_the_editor(column: Column) -> None:
    with pytest.raises(DecisionError) as error:
        approve_text("---\ntitle: 标题\nstatus:\n  submitted\n---\n", REL, column, None, "宣传部", DAY)
    assert str(error.value) == f"{REL}:3: status: 不是单独一行的“status: 值”（请手工修改）"


def test_a_file_without_front_matter_is_refused(column: Column) -> None:
    with pytest.raises(DecisionError) as error:
        approve_text("正文\n", REL, column, None, "宣传部", DAY)
    assert str(error.value) == (
        f"{REL}:1: 缺少 front matter（文件第一行须是 ---，其后是 title、date 等字段，再以一行 --- 结束）"
    )


def test_a_reason_yaml_would_misread_is_quoted_and_old_mac_line_endings_stay() -> None:
    text = '---\rstatus: "submitted"\rtitle: 标题\r---\r正文'
    edit = reject_text(text, REL, '"地点"缺失', "宣传部", "", DAY)
    assert edit.text == (
        '---\rstatus: "rejected"\rreject_reason: "\\"地点\\"缺失"\rrejection: {by: 宣传部, date: 2024-05-15}\r'
        "title: 标题\r---\r正文"
    )


def test_a_resubmitted_item_keeps_the_levels_it_passed(column: Column) -> None:
    levels = replace(column, review_levels=("初审", "终审"))
    text = "---\nstatus: submitted\nreview: [{level: 初审, by: 编辑部, date: 2024-05-14}]\n---\n"
    edit = approve_text(text, REL, levels, "终审", "宣传部", DAY)
    assert edit.after == "approved" and "{level: 终审, by: 宣传部, date: 2024-05-15}]" in edit.text
