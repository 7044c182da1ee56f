"""`build.py approve` and `reject`: the status line changes, the review record is added, nothing else moves."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import sitekit

from sitegen.build import build, check_content
from sitegen.commands import main

ARTICLE = "content/vocational/highlights/submitted-item.md"
# A unit's file as Windows editors leave it: a BOM, CRLF line endings, comments, odd spacing, quoted values.
MESSY = (
    "\ufeff---\r\n"
    "# 太原市教育局报送，2024-05-14\r\n"
    'title:   "太原市职业院校技能展示"   # 标题按原稿\r\n'
    "date: 2024-05-14 09:30\r\n"
    "status:  'submitted'  # 待审\r\n"
    "unit: 太原市教育局\r\n"
    "tags: [技能展示,  开放日]\r\n"
    "---\r\n"
    "5月14日，太原市职业院校开展技能展示活动。  \r\n"
    "\r\n"
    "- 烹饪\r\n"
)


def _run(root: Path, *args: str) -> int:
    return main(["--root", str(root), *args])


def _diff(before: bytes, after: bytes) -> list[str]:
    a = before.decode("utf-8").splitlines(keepends=True)
    b = after.decode("utf-8").splitlines(keepends=True)
    return [line for line in difflib.unified_diff(a, b, n=0) if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_approve_changes_only_the_status_line_and_adds_the_review(tmp_path: Path, capsys) -> None:
    site = sitekit.materialize(tmp_path)
    path = site.root / ARTICLE
    path.write_bytes(MESSY.encode("utf-8"))
    before = path.read_bytes()

    assert _run(site.root, "approve", str(path), "--by", "太原市教育局宣传科", "--date", "2024-05-15") == 0

    after = path.read_bytes()
    assert _diff(before, after) == [
        "-status:  'submitted'  # 待审\r\n",
        "+status:  'approved'  # 待审\r\n",
        "+review: {by: 太原市教育局宣传科, date: 2024-05-15}\r\n",
    ]
    assert after.startswith(b"\xef\xbb\xbf---\r\n") and after.endswith("- 烹饪\r\n".encode())
    assert f"已审核 {ARTICLE}（submitted → approved，review: 太原市教育局宣传科 2024-05-15）" in capsys.readouterr().out
    # The approved item passes check and is published.
    build(site.project, sitekit.NOW)
    published = next((site.output / "vocational" / "highlights").glob("*/index.html"), None)
    assert published is not None
    assert "太原市职业院校技能展示" in site.all_output_text()


def test_approve_quotes_a_department_yaml_would_misread(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    path = site.root / ARTICLE
    before = path.read_bytes()
    assert _run(site.root, "approve", str(path), "--by", "宣传部: 审核组, 二科", "--date", "2024-05-15") == 0
    assert _diff(before, path.read_bytes()) == [
        "-status: submitted\n",
        "+status: approved\n",
        '+review: {by: "宣传部: 审核组, 二科", date: 2024-05-15}\n',
    ]
    review = check_content(site.project, sitekit.NOW).read
    approved = next(a for a in review if a.rel == ARTICLE)
    assert approved.status == "approved"
    assert [r.by for r in approved.review] == ["宣传部: 审核组, 二科"]


def test_approve_refuses_an_item_check_rejects_and_changes_nothing(tmp_path: Path, capsys) -> None:
    site = sitekit.materialize(tmp_path)
    bad = site.write(
        "content/vocational/highlights/too-long.md",
        "---\ntitle: 未登记单位稿件\ndate: 2024-05-14\nunit: 太原教育局\nstatus: submitted\n---\n正文。\n",
    )
    good = site.root / ARTICLE
    before = {p: p.read_bytes() for p in (bad, good)}

    assert _run(site.root, "approve", str(good), str(bad), "--by", "宣传部") == 1

    err = capsys.readouterr().err
    assert "错误 content/vocational/highlights/too-long.md:4: unit: 单位“太原教育局”未在" in err
    assert "未审核：以上稿件未通过检查，所有文件均未改动。" in err
    assert {p: p.read_bytes() for p in (bad, good)} == before


def test_approve_refuses_a_draft(tmp_path: Path, capsys) -> None:
    site = sitekit.materialize(tmp_path)
    path = site.root / "content/vocational/highlights/draft-item.md"
    before = path.read_bytes()
    assert _run(site.root, "approve", str(path), "--by", "宣传部") == 1
    assert (
        "错误：content/vocational/highlights/draft-item.md：草稿（draft）尚未报送，不能直接审核；"
        "请单位修改后把 status 改为 submitted，再审核" in capsys.readouterr().err
    )
    assert path.read_bytes() == before


def test_approve_rejects_a_bad_date_as_a_usage_error(tmp_path: Path, capsys) -> None:
    site = sitekit.materialize(tmp_path)
    path = site.root / ARTICLE
    before = path.read_bytes()
    with pytest.raises(SystemExit) as exit_info:
        _run(site.root, "approve", str(path), "--by", "宣传部", "--date", "2024-02-30")
    assert exit_info.value.code == 2
    assert "“2024-02-30”不是有效的日期，例如 2024-05-13" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_approve_refuses_a_file_outside_content(tmp_path: Path, capsys) -> None:
    site = sitekit.materialize(tmp_path)
    assert _run(site.root, "approve", str(site.root / "config.yml"), "--by", "宣传部") == 1
    assert "不是 content/<栏目>/<版块>/ 下的稿件（.md 文件）" in capsys.readouterr().err


def test_reject_with_only_a_reason_as_spec_gives_it(tmp_path: Path, capsys) -> None:
    """`reject FILE --reason …` (SPEC 5): in a one-level column the department is optional."""
    site = sitekit.materialize(tmp_path)
    path = site.root / ARTICLE
    path.write_bytes(MESSY.encode("utf-8"))
    before = path.read_bytes()
    assert _run(site.root, "reject", str(path), "--reason", "图片说明缺少地点") == 0
    assert _diff(before, path.read_bytes()) == [
        "-status:  'submitted'  # 待审\r\n",
        "+status:  'rejected'  # 待审\r\n",
        "+reject_reason: 图片说明缺少地点\r\n",
    ]
    assert f"已退回 {ARTICLE}（submitted → rejected，理由：图片说明缺少地点）" in capsys.readouterr().out


def test_reject_sets_the_status_and_records_the_reason(tmp_path: Path, capsys) -> None:
    site = sitekit.materialize(tmp_path)
    path = site.root / ARTICLE
    path.write_bytes(MESSY.encode("utf-8"))
    before = path.read_bytes()

    reject = ["reject", str(path), "--by", "宣传部", "--date", "2024-05-15"]
    assert _run(site.root, *reject, "--reason", "图片说明缺少地点") == 0

    assert _diff(before, path.read_bytes()) == [
        "-status:  'submitted'  # 待审\r\n",
        "+status:  'rejected'  # 待审\r\n",
        "+reject_reason: 图片说明缺少地点\r\n",
        "+rejection: {by: 宣传部, date: 2024-05-15}\r\n",
    ]
    out = capsys.readouterr().out
    assert f"已退回 {ARTICLE}（submitted → rejected，宣传部，理由：图片说明缺少地点）" in out
    rejected = next(a for a in check_content(site.project, sitekit.NOW).read if a.rel == ARTICLE)
    assert (rejected.status, rejected.reject_reason) == ("rejected", "图片说明缺少地点")
    assert rejected.rejection is not None and rejected.rejection.by == "宣传部"
    # A second rejection replaces the reason on its line; a reason YAML would misread is quoted.
    assert _run(site.root, *reject, "--reason", "请补充: 活动时间") == 0
    assert _diff(before, path.read_bytes())[2] == '+reject_reason: "请补充: 活动时间"\r\n'
