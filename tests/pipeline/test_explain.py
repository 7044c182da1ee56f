"""`build --timings` names the pages a build rendered and, when it could reuse none, why."""

from __future__ import annotations

from pathlib import Path

import pytest
import sitekit

from sitegen.commands import main

NOW = ["--now", "2024-05-20T12:00"]


def _build(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["--root", str(root), "build", "--timings", *NOW]) == 0
    return capsys.readouterr().out.splitlines()


def test_timings_name_what_was_rendered_and_why_everything_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = sitekit.materialize(tmp_path)
    (site.root / "themes").symlink_to(sitekit.REPO / "themes", target_is_directory=True)

    wang = site.root / "content/lifelong/learning-stars/wang.md"
    # A long first paragraph: the summary ends inside it, so a sentence added after it changes no list.
    wang.write_text(
        wang.read_text(encoding="utf-8") + "\n" + "她每周去社区学习中心三次，从开机关机学起。" * 8 + "\n",
        encoding="utf-8",
    )
    first = _build(site.root, capsys)
    assert "  原因：没有上一次构建的记录（首次构建，或 .cache/ 已清空）：每个页面都重新生成" in first

    wang.write_text(wang.read_text(encoding="utf-8") + "\n她还报名参加了书法班。\n", encoding="utf-8")
    edited = _build(site.root, capsys)
    assert "  重新生成 1 个页面：lifelong/learning-stars/wang/index.html" in edited
    assert not any(line.startswith("  原因：") for line in edited)

    config = site.root / "config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("pagination: 20", "pagination: 19"), encoding="utf-8")
    reconfigured = _build(site.root, capsys)
    assert "  原因：程序、主题或 config.yml 有改动：每个页面都重新生成" in reconfigured
