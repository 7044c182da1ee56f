"""`build.py import` places drafts in the current edition by default, with --edition to choose."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import docx
import pytest
from editionkit import TZ, add_edition_2027, sample_copy

from sitegen.core import ProblemsFound
from sitegen.intake import import_submissions


def _folder(root: Path, name: str) -> Path:
    """A saved submission: a folder named 学校+主题 holding the Word file."""
    folder = root / name
    folder.mkdir(parents=True)
    document = docx.Document()
    document.add_heading("示例：职业体验日活动", level=1)
    document.add_paragraph("这是一篇示例稿件，用来演示导入时的届次。")
    document.save(str(folder / f"{name}.docx"))
    return folder


def _front(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[: text.index("\n---\n", 4)]


def test_import_places_drafts_in_the_current_edition_or_the_one_chosen(tmp_path: Path) -> None:
    site = sample_copy(tmp_path)
    add_edition_2027(site)
    received = datetime(2026, 11, 28, 10, 0, tzinfo=TZ)  # by its date 2025's; the current edition is 2027
    first = _folder(tmp_path / "mail", "太原市教育局职业体验日")
    [current] = import_submissions(site.project, [first], "vocational/highlights", received=received)
    assert current.article is not None
    assert "edition: 2027  # 所属届次" in _front(site.root / current.article)
    second = _folder(tmp_path / "mail2", "太原市教育局职业体验日二")
    [chosen] = import_submissions(site.project, [second], "vocational/highlights", received=received, edition=2025)
    assert chosen.article is not None
    assert "edition:" not in _front(site.root / chosen.article)  # its date already says 2025
    with pytest.raises(ProblemsFound) as caught:
        import_submissions(site.project, [second], "vocational/highlights", received=received, edition=2019)
    assert [str(p) for p in caught.value.problems] == [
        "build.py import: --edition: 届次 2019 未在 config.yml 中配置（可选：2024、2025、2027）"
    ]
