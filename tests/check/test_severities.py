"""Two severities (SPEC 4.2): errors block the build and `approve`; warnings are listed and never block."""

from __future__ import annotations

from pathlib import Path

import pytest
import sitekit

from sitegen.build import build, check_content
from sitegen.check import rules_media
from sitegen.check.rules import rules_of
from sitegen.commands import main
from sitegen.config import KINDS
from sitegen.config.severities import DEFAULT_SEVERITIES
from sitegen.core import ProblemsFound

LONG = "content/vocational/highlights/long-news.md"
TOO_LONG = "正文: 正文 812 字，超过 800 字上限（请删减 12 字；新闻稿字数按 Word 的“字数”统计）"
COPYEDIT_RULES = {"serious_expression", "punctuation", "numbers", "id_number", "mobile_number"}


def test_config_names_the_severity_of_every_rule_and_only_of_rules() -> None:
    rule_ids = {rule.__name__ for kind in KINDS for rule in rules_of(kind)} - {"copyediting"} | COPYEDIT_RULES
    assert set(DEFAULT_SEVERITIES) == rule_ids
    assert rules_media.video_captions in rules_of("video")


def test_annex_2_limits_on_the_units_material_are_warnings_and_what_breaks_the_site_is_an_error() -> None:
    warnings = {rule for rule, severity in DEFAULT_SEVERITIES.items() if severity == "warning"}
    assert warnings == {
        "body_length",
        "inline_image_bytes",
        "figure_image_bytes",
        "gallery_image_width",
        "gallery_image_bytes",
        "gallery_captions",
        "media_no_images",
        "video_duration",
        "video_aspect",
        "video_captions",
        "punctuation",
        "numbers",
        "mobile_number",
    }


def test_an_article_over_the_word_limit_is_published_with_a_warning(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path, "warning-body-too-long")
    checked = check_content(site.project, sitekit.NOW)
    assert [p.labelled() for p in checked.problems] == [f"提示 {LONG}:8: {TOO_LONG}"]
    assert LONG in {a.rel for a in checked.articles}
    build(site.project, sitekit.NOW)
    assert "坏样稿正文超长" in site.read_output("vocational/highlights/long-news/index.html")


def test_config_can_make_a_warning_an_error_again(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path, "warning-body-too-long")
    config = (site.root / "config.yml").read_text(encoding="utf-8")
    site.write("config.yml", config + "\nseverities:\n  body_length: error\n")
    with pytest.raises(ProblemsFound) as caught:
        check_content(site.project, sitekit.NOW)
    assert [p.labelled() for p in caught.value.problems] == [f"错误 {LONG}:8: {TOO_LONG}"]


def test_an_unknown_rule_or_severity_in_config_is_an_error_with_the_closest_name(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    config = (site.root / "config.yml").read_text(encoding="utf-8").rstrip("\n")
    site.write("config.yml", config + "\nseverities:\n  boddy_length: warning\n  video_aspect: warn\n")
    line = config.count("\n") + 3
    with pytest.raises(ProblemsFound) as caught:
        check_content(site.project, sitekit.NOW)
    assert [p.labelled() for p in caught.value.problems] == [
        f"错误 config.yml:{line}: severities.boddy_length: 未知字段（是不是想写 body_length？）",
        f"错误 config.yml:{line + 1}: severities.video_aspect: “warn”不是有效的值（是不是想写 warning？）",
    ]


def test_approve_accepts_an_item_with_warnings_and_lists_them(tmp_path: Path, capsys) -> None:
    site = sitekit.materialize(tmp_path)
    path = site.write(
        "content/vocational/highlights/long.md",
        "---\ntitle: 超长稿件\ndate: 2024-05-14\nunit: 太原市教育局\nstatus: submitted\n---\n" + "字" * 801 + "\n",
    )
    assert main(["--root", str(site.root), "approve", str(path), "--by", "宣传部", "--date", "2024-05-15"]) == 0
    out = capsys.readouterr().out
    assert "已审核 content/vocational/highlights/long.md（submitted → approved" in out
    assert "提示 content/vocational/highlights/long.md:7: 正文: 正文 801 字，超过 800 字上限" in out
    assert "status: approved" in path.read_text(encoding="utf-8")


def test_build_publishes_with_warnings_and_says_how_many(tmp_path: Path, capsys) -> None:
    site = sitekit.materialize(tmp_path, "warning-body-too-long")
    (site.root / "themes").symlink_to(sitekit.REPO / "themes")
    assert main(["--root", str(site.root), "build", "--now", sitekit.NOW.isoformat()]) == 0
    assert "另有 1 条提示，不影响发布；运行 build.py check 查看。" in capsys.readouterr().err
    assert (site.output / "vocational/highlights/long-news/index.html").is_file()
