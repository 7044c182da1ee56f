"""config.yml is validated: every unknown key, wrong type and missing value is reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.config import load_config
from sitegen.core import ProblemsFound

REPO = Path(__file__).resolve().parents[2]


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "config.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsFound) as e:
        load_config(path)
    return [str(p) for p in e.value.problems]


def test_shipped_config_is_valid() -> None:
    config = load_config(REPO / "config.yml")
    assert [s.id for s in config.columns["vocational"].sections] == [
        "policy",
        "highlights",
        "integration",
        "achievements",
        "exemplars",
    ]
    assert len(config.columns["lifelong"].sections) == 8
    assert config.columns["lifelong"].base_url == "https://huodong.sxlll.cn/home/"
    assert len(config.cities) == 11
    assert config.rules.kinds["news"].max_words == 800
    assert config.rules.gallery_min_width == 2000


def test_every_problem_is_reported_with_its_key_path_and_line(tmp_path: Path) -> None:
    text = (REPO / "config.yml").read_text(encoding="utf-8")
    # The sample's columns list their editions (config.editions); the 2024 edition is the first entry.
    theme = "        theme: 一技在手，一生无忧\n"
    text = text.replace(theme, theme + "        themes: 多余\n", 1)
    text = text.replace("        start: 2024-05-12\n", "        start: 2024-13-12\n", 1)
    text = text.replace("base_url: https://huodong.sxlll.cn/home/", "base_url: huodong.sxlll.cn/home")
    text = text.replace("pagination: 20", "pagination: 二十")
    problems = _problems(tmp_path, text)
    line = text.splitlines().index("        themes: 多余") + 1
    assert f"config.yml:{line}: columns.vocational.editions[0].themes: 未知字段（是不是想写 theme？）" in problems
    assert (
        f"config.yml:{line + 1}: columns.vocational.editions[0].start: “2024-13-12”不是有效日期（日期写成 2024-05-13）"
        in problems
    )
    assert any(
        p.startswith("config.yml:") and "columns.lifelong.base_url: “huodong.sxlll.cn/home”不是有效的网址" in p
        for p in problems
    )
    assert any("pagination: 应为整数，实际是文字" in p for p in problems)
    assert len(problems) == 4


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    assert _problems(tmp_path, "site:\n  organizer: a: b\n") == [
        "config.yml:2: YAML 格式错误：这里不能出现冒号：值里含有“: ”时请整体加引号"
    ]


def test_missing_sections_are_reported(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "site: {organizer: 山西省教育厅, timezone: Asia/Shanghai}\n")
    assert any("缺少必填字段 cities" in p for p in problems)
    assert any("缺少必填字段 columns" in p for p in problems)
