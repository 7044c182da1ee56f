"""The reports: block is validated like the rest of config.yml: unknown keys, types, lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportkit import REPO

from sitegen.config import UNIT_TYPE_IDS, load_config
from sitegen.content import UNIT_TYPES
from sitegen.core import ProblemsFound


def _problems(tmp_path: Path, block: str) -> list[str]:
    text = (REPO / "config.yml").read_text(encoding="utf-8").split("\nreports:\n", 1)[0]
    path = tmp_path / "config.yml"
    path.write_text(text + "\nreports:\n" + block, encoding="utf-8")
    with pytest.raises(ProblemsFound) as e:
        load_config(path)
    base = text.count("\n") + 2  # the line of "reports:"
    return [str(p).replace(f"config.yml:{base + 1}:", "config.yml:+1:").replace(
        f"config.yml:{base + 2}:", "config.yml:+2:").replace(f"config.yml:{base + 3}:", "config.yml:+3:")
        for p in e.value.problems]  # fmt: skip


def test_unknown_keys_wrong_types_and_values_are_reported_with_their_line(tmp_path: Path) -> None:
    problems = _problems(
        tmp_path,
        '  cutof: "18:00"\n  quotas:\n    - {types: [city-bureu], daily: -1}\n',
    )
    assert problems == [
        "config.yml:+1: reports.cutof: 未知字段（是不是想写 cutoff？）",
        "config.yml:+3: reports.quotas[0].daily: 不能小于 1，实际是 -1",
        "config.yml:+3: reports.quotas[0].types[0]: “city-bureu”不是有效的值（是不是想写 city-bureau？）",
    ]


def test_a_rule_needs_daily_or_weekly_and_a_time_is_a_time(tmp_path: Path) -> None:
    problems = _problems(tmp_path, '  cutoff: "25:00"\n  quotas:\n    - {types: [other]}\n')
    assert problems == [
        'config.yml:+1: reports.cutoff: “25:00”不是有效的时刻（写成带引号的 "18:00"）',
        "config.yml:+3: reports.quotas[0]: 须填写 daily（每天至少篇数）或 weekly（活动周内至少篇数）之一"
        "（例如 {types: [city-bureau], daily: 3}）",
    ]


def test_an_unquoted_time_is_read_as_the_time_it_looks_like(tmp_path: Path) -> None:
    text = (REPO / "config.yml").read_text(encoding="utf-8").replace('cutoff: "18:00"', "cutoff: 17:30")
    path = tmp_path / "config.yml"
    path.write_text(text, encoding="utf-8")
    assert str(load_config(path).reports.cutoff) == "17:30:00"


def test_config_knows_the_unit_types_of_the_registry() -> None:
    assert tuple(UNIT_TYPES) == UNIT_TYPE_IDS


def test_a_rule_may_name_the_columns_it_counts_and_only_real_ones(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "  quotas:\n    - {types: [other], daily: 1, columns: [vocationl]}\n")
    assert problems == [
        "config.yml:+2: reports.quotas[0].columns[0]: “vocationl”不是有效的值（是不是想写 vocational？）",
    ]
