"""The front-matter module: split with line numbers, edits that keep every other byte, one scalar quoting."""

from __future__ import annotations

import pytest

from sitegen.content import (
    FrontMatterError,
    add_entry,
    compose_article,
    put_field,
    quote_scalar,
    replace_value,
    split_front,
)
from sitegen.core import Problem, parse

REL = "content/vocational/highlights/x.md"


def test_split_reads_a_bom_and_crlf_as_if_absent_and_numbers_the_body() -> None:
    found = split_front("\ufeff---\r\ntitle: 标题\r\nstatus: submitted\r\n---\r\n正文\r\n", REL)
    assert found.data == {"title": "标题", "status": "submitted"}
    assert found.text == "title: 标题\nstatus: submitted\n"
    assert (found.body, found.body_line) == ("正文\n", 5)


def test_split_names_what_is_missing() -> None:
    with pytest.raises(FrontMatterError) as missing:
        split_front("正文\n", REL)
    assert missing.value.problem == Problem(
        REL, 1, "", "缺少 front matter", "文件第一行须是 ---，其后是 title、date 等字段，再以一行 --- 结束"
    )
    with pytest.raises(FrontMatterError) as open_ended:
        split_front("---\ntitle: 标题\n正文\n", REL)
    assert str(open_ended.value) == f"{REL}:1: front matter 没有结束（字段之后须单独一行 --- ，再写正文）"


def test_a_yaml_error_is_placed_on_its_line_of_the_file() -> None:
    with pytest.raises(FrontMatterError) as error:
        split_front("---\ntitle: 标题\nunit: 甲: 乙\n---\n", REL)
    assert error.value.problem.line == 3
    assert error.value.problem.message == "YAML 格式错误：这里不能出现冒号：值里含有“: ”时请整体加引号"


# Each of these reads back as something else, or not at all, when written plain in YAML 1.1.
NEEDS_QUOTES = [
    "yes",
    "no",
    "on",
    "off",
    "null",
    "~",
    "true",
    "0123",
    "1:30",
    "12",
    "#",
    "甲 #乙",
    "甲: 乙",
    "- 甲",
    "*甲",
    "&甲",
    "!甲",
    "%甲",
    "@甲",
    "`甲`",
    "",
    " 甲",
    "甲,乙",
    "[甲]",
    "{甲}",
    "'甲'",
    '"甲"',
    "甲\n乙",
    "2024-05-14",
]


@pytest.mark.parametrize("value", NEEDS_QUOTES)
def test_a_scalar_yaml_would_misread_is_double_quoted_and_reads_back(value: str) -> None:
    written = quote_scalar(value)
    assert written.startswith('"')
    assert parse(f"k: {written}") == {"k": value}
    assert parse(f"k: {{v: {written}}}") == {"k": {"v": value}}


@pytest.mark.parametrize(
    "value", ["太原市教育局", "山西省教育厅职成处", "2024年5月14日", "taiyuan-opening", "甲（乙）"]
)
def test_a_plain_scalar_stays_plain(value: str) -> None:
    assert quote_scalar(value) == value


MESSY = (
    "\ufeff---\r\n"
    "# 太原市教育局报送\r\n"
    'title:   "太原：职业院校开放日"   # 标题按原稿\r\n'
    "status:  'submitted'  # 待审\r\n"
    "tags: [技能展示,  开放日]\r\n"
    "---\r\n"
    "正文\r\n"
)


def test_replace_value_keeps_quotes_comment_bom_and_crlf() -> None:
    text, before = replace_value(MESSY, REL, "status", "approved") or ("", "")
    assert before == "submitted"
    assert text == MESSY.replace("'submitted'", "'approved'")


def test_replace_value_of_a_missing_field_is_none_and_of_a_block_is_refused() -> None:
    assert replace_value("---\ntitle: 标题\n---\n", REL, "status", "approved") is None
    with pytest.raises(FrontMatterError) as error:
        replace_value("---\nstatus:\n  submitted\n---\n", REL, "status", "approved")
    assert str(error.value) == f"{REL}:2: status: 不是单独一行的“status: 值”（请手工修改）"


def test_put_field_adds_under_its_anchor_with_the_line_ending_and_replaces_in_place() -> None:
    added = put_field(MESSY, REL, "reject_reason", "缺少地点", after="status")
    assert added == MESSY.replace("# 待审\r\n", "# 待审\r\nreject_reason: 缺少地点\r\n")
    replaced = put_field(added.replace("缺少地点", "缺少地点  # 旧"), REL, "reject_reason", "缺少时间", after="status")
    assert replaced == MESSY.replace("# 待审\r\n", "# 待审\r\nreject_reason: 缺少时间  # 旧\r\n")


def test_put_field_goes_under_a_block_anchor_not_inside_it() -> None:
    text = "---\nstatus: submitted\nimages:\n  - src: a.jpg\n---\n"
    assert put_field(text, REL, "review", "{by: 甲, date: 2024-05-15}", after="images") == (
        "---\nstatus: submitted\nimages:\n  - src: a.jpg\nreview: {by: 甲, date: 2024-05-15}\n---\n"
    )


def test_put_field_refuses_to_replace_a_block_field() -> None:
    with pytest.raises(FrontMatterError) as error:
        put_field("---\nstatus: submitted\nreview:\n  by: 甲\n---\n", REL, "review", "{}", after="status")
    assert str(error.value) == f"{REL}:3: review: 已有该字段且不是单独一行（请手工修改）"


def test_add_entry_starts_a_list_at_the_end_of_the_front_matter() -> None:
    assert add_entry(MESSY, REL, "accepted", "台湾当局") == MESSY.replace(
        "开放日]\r\n---", "开放日]\r\naccepted: [台湾当局]\r\n---"
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("accepted: [甲, '乙']  # 已核\n", "accepted: [甲, '乙', 丙: 丁]  # 已核\n"),
        ("accepted: []\n", "accepted: [丙: 丁]\n"),
        ("accepted:\n  - 甲  # 引文\n  - 乙\n", "accepted:\n  - 甲  # 引文\n  - 乙\n  - 丙: 丁\n"),
        ("accepted:\n- 甲\n", "accepted:\n- 甲\n- 丙: 丁\n"),
        ("accepted:\n  # 引文原样\n  - 甲\n\n  - 乙\n", "accepted:\n  # 引文原样\n  - 甲\n\n  - 乙\n  - 丙: 丁\n"),
    ],
)
def test_add_entry_extends_a_flow_or_block_list_as_written(before: str, after: str) -> None:
    text = f"---\ntitle: 标题\n{before}status: submitted\n---\n"
    quoted = after.replace("丙: 丁", '"丙: 丁"')
    edited = add_entry(text, REL, "accepted", "丙: 丁")
    assert edited == f"---\ntitle: 标题\n{quoted}status: submitted\n---\n"
    assert split_front(edited, REL).data["accepted"][-1] == "丙: 丁"  # type: ignore[index]


def test_add_entry_of_an_entry_already_there_changes_nothing() -> None:
    text = "---\naccepted: [甲]\n---\n"
    assert add_entry(text, REL, "accepted", "甲") == text


def test_add_entry_to_a_field_that_is_not_a_list_is_refused() -> None:
    with pytest.raises(FrontMatterError) as error:
        add_entry("---\naccepted: 甲\n---\n", REL, "accepted", "乙")
    assert str(error.value) == f"{REL}:2: accepted: 应是一个列表（例如 accepted: [乙]）"


def test_compose_article_reads_back() -> None:
    text = compose_article([f"title: {quote_scalar('yes')}", "status: submitted"], "正文\n")
    assert text == '---\ntitle: "yes"\nstatus: submitted\n---\n正文\n'
    assert split_front(text, REL).data == {"title": "yes", "status": "submitted"}
