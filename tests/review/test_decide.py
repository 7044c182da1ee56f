"""The text edit behind approve and reject, on front matter shapes editors write."""

from __future__ import annotations

from datetime import date

import pytest

from sitegen.review import DecisionError
from sitegen.review.decide import decide, reason_record, review_record

REL = "content/vocational/highlights/x.md"
RECORD = review_record("宣传部", date(2024, 5, 15))


def test_a_stale_one_line_review_is_replaced_in_place() -> None:
    text = "---\ntitle: 标题\nreview: {by: 旧部门, date: 2024-05-01}  # 旧记录\nstatus: submitted\n---\n正文\n"
    edit = decide(text, REL, "approved", RECORD)
    assert edit.before == "submitted"
    replaced = "review: {by: 宣传部, date: 2024-05-15}  # 旧记录"
    assert edit.text == f"---\ntitle: 标题\n{replaced}\nstatus: approved\n---\n正文\n"


def test_a_block_review_is_left_for_the_editor() -> None:
    text = "---\nstatus: submitted\nreview:\n  by: 旧部门\n  date: 2024-05-01\n---\n"
    with pytest.raises(DecisionError) as error:
        decide(text, REL, "approved", RECORD)
    assert str(error.value) == f"{REL}:3: 已有 review 字段且不是单独一行，请手工修改"


def test_a_missing_status_is_named() -> None:
    with pytest.raises(DecisionError) as error:
        decide("---\ntitle: 标题\n---\n", REL, "approved", RECORD)
    assert str(error.value) == f"{REL}：front matter 中没有 status 字段，请先写上 status: submitted"


def test_a_status_written_over_two_lines_is_left_for_the_editor() -> None:
    with pytest.raises(DecisionError) as error:
        decide("---\ntitle: 标题\nstatus:\n  submitted\n---\n", REL, "approved", RECORD)
    assert str(error.value) == f"{REL}:3: status 不是单独一行的“status: 值”，请手工修改"


def test_a_file_without_front_matter_is_refused() -> None:
    with pytest.raises(DecisionError) as error:
        decide("正文\n", REL, "approved", RECORD)
    assert str(error.value) == f"{REL}：缺少 front matter（第一行须是 ---）"


def test_the_reason_is_quoted_and_old_mac_line_endings_stay() -> None:
    text = '---\rstatus: "submitted"\rtitle: 标题\r---\r正文'
    edit = decide(text, REL, "rejected", reason_record('缺少"地点"'))
    assert edit.text == '---\rstatus: "rejected"\rreject_reason: "缺少\\"地点\\""\rtitle: 标题\r---\r正文'
