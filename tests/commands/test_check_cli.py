"""`build.py check`, `build` and `new` as editors and bots run them: exit codes, messages, JSON, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sitekit
from check.test_bad_input import previous_output, snapshot
from check.test_rules import CASES

BUILD_PY = sitekit.REPO / "build.py"
UNIT_LINE = CASES["invalid-unit"][0]


def run(site: sitekit.FixtureSite, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SITEGEN_NOW": sitekit.NOW.isoformat(), "PYTHONWARNINGS": "error"}
    done = subprocess.run(
        [sys.executable, str(BUILD_PY), "--root", str(site.root), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=site.root,
        timeout=300,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def test_check_passes_on_valid_content_without_writing_output(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    done = run(site, "check")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("检查通过：")
    assert not site.output.exists()


def test_check_lists_problems_grouped_by_file_with_a_count(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path, "invalid-unit", "warning-video-aspect")
    done = run(site, "check")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        CASES["warning-video-aspect"][0],
        "",
        CASES["warning-video-aspect"][1],
        "",
        UNIT_LINE,
        "",
        "共 3 个问题（1 个错误、2 条提示），涉及 3 个文件。",
    ]
    assert not site.output.exists()


def test_check_with_warnings_only_passes_and_lists_them_unless_strict(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path, "warning-video-aspect")
    done = run(site, "check")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:4] == [*CASES["warning-video-aspect"][:1], "", *CASES["warning-video-aspect"][1:], ""]
    assert lines[4] == "共 2 个问题（0 个错误、2 条提示），涉及 2 个文件。"
    assert lines[5].startswith("检查通过：")
    strict = run(site, "check", "--strict")
    assert strict.returncode == 1
    assert strict.stdout.splitlines()[:5] == lines[:5]
    assert strict.stdout.splitlines()[5].startswith("检查未通过（--strict）：")
    assert not site.output.exists()


def test_check_json_is_for_bots(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path, "warning-gallery-caption")
    done = run(site, "check", "--format", "json")
    assert done.returncode == 0  # caption parts are warnings
    payload = json.loads(done.stdout)
    assert (payload["count"], payload["errors"], payload["warnings"], payload["files"]) == (4, 0, 4, 1)
    assert ["提示 " + p["text"] for p in payload["problems"]] == CASES["warning-gallery-caption"]
    assert payload["problems"][0] == {
        "path": "content/lifelong/showcases/caption-gallery.md",
        "line": 9,
        "field": "images[0].caption",
        "message": '缺少"地点"',
        "hint": "图片说明须包含时间、地点、人物、事件",
        "severity": "warning",
        "rule": "gallery_captions",
        "text": CASES["warning-gallery-caption"][0].removeprefix("提示 "),
    }


def test_check_json_on_valid_content(tmp_path: Path) -> None:
    done = run(sitekit.materialize(tmp_path), "check", "--format", "json")
    assert done.returncode == 0
    assert json.loads(done.stdout) == {"problems": [], "count": 0, "errors": 0, "warnings": 0, "files": 0}


@pytest.mark.parametrize(
    "args",
    [(), ("check", "--format", "xml"), ("check", "--now", "昨天"), ("publish",), ("new", "vocational/highlights")],
)
def test_usage_errors_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    done = run(sitekit.materialize(tmp_path), *args)
    assert done.returncode == 2
    assert done.stderr


def test_bad_input_is_reported_without_a_traceback(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path, "invalid-encoding", "invalid-yaml", "invalid-bomb", "invalid-date-calendar")
    done = run(site, "check")
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == "共 4 个问题，涉及 4 个文件。"


def test_a_project_without_its_theme_is_told_so(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)  # no themes/ under --root
    done = run(site, "build")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "错误：找不到主题模板文件夹 themes/default/templates/："
        "请把 sitegen 自带的 themes/ 文件夹放在项目根目录（与 config.yml 同级）"
    ]
    assert not site.output.exists()


def test_a_folder_where_config_yml_should_be_is_a_problem(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    (site.root / "config.yml").unlink()
    (site.root / "config.yml").mkdir()
    done = run(site, "check")
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == "错误 config.yml: 无法读取文件：Is a directory"


def test_build_refuses_to_publish_and_keeps_previous_output(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path, "invalid-unit")
    before = previous_output(site)
    done = run(site, "build")
    assert done.returncode == 1
    assert UNIT_LINE in done.stderr.splitlines()
    assert "未生成网站：output/ 保持上一次成功生成的内容不变。" in done.stderr
    assert snapshot(site.output) == before


def test_build_skip_invalid_lists_what_it_left_out(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path, "invalid-unit")
    (site.root / "themes").symlink_to(sitekit.REPO / "themes")  # build.py looks for the theme under --root
    done = run(site, "build", "--skip-invalid")
    assert done.returncode == 0, done.stderr
    assert UNIT_LINE in done.stderr.splitlines()
    assert "  content/vocational/highlights/unknown-unit.md" in done.stderr.splitlines()
    assert "坏样稿" not in site.all_output_text()


def test_new_writes_a_draft_and_refuses_to_overwrite(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    args = ("new", "vocational/highlights", "启动仪式", "--unit", "太原市教育局")
    done = run(site, *args)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "已创建 content/vocational/highlights/太原市教育局-启动仪式.md（草稿）"
    again = run(site, *args)
    assert again.returncode == 1
    assert again.stderr.splitlines()[0] == (
        "错误 content/vocational/highlights/太原市教育局-启动仪式.md: 文件已存在，未覆盖"
        "（请直接编辑该文件，或换一个标题）"
    )


def test_new_refuses_an_unknown_unit(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    done = run(site, "new", "vocational/highlights", "启动仪式", "--unit", "太原教育局")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "错误 build.py new: --unit: 单位“太原教育局”未在 content/units.yml 中登记"
        "（是不是：太原市教育局、长治市教育局、运城市教育局）",
        "",
        "共 1 个问题，涉及 1 个文件。",
    ]
    assert not list((site.root / "content/vocational/highlights").glob("太原教育局*"))
