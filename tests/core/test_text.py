"""One text reader for config.yml, units.yml and articles: BOM, CRLF and CR, and a Chinese problem otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.config import load_config
from sitegen.core import Problem, ProblemsFound, decode_text, read_text

REPO = Path(__file__).parents[2]
NOT_UTF8 = "请在编辑器中选择“UTF-8”编码另存（记事本：另存为 → 编码 UTF-8）"


def test_bom_and_every_line_ending_become_plain_lines() -> None:
    assert decode_text("\ufeff一\r\n二\r三\n".encode(), "a.md") == "一\n二\n三\n"


def test_bytes_that_are_not_utf8_name_their_line_and_byte() -> None:
    assert decode_text("第一行\n第二行".encode("gbk"), "a.md") == Problem(
        "a.md", 1, "", "文件不是 UTF-8 编码（第 1 字节无法识别）", NOT_UTF8
    )


def test_a_folder_in_place_of_a_file_is_a_problem(tmp_path: Path) -> None:
    assert read_text(tmp_path, "config.yml") == Problem("config.yml", None, "", "无法读取文件：Is a directory")
    with pytest.raises(FileNotFoundError):
        read_text(tmp_path / "missing.yml", "missing.yml")


def test_config_saved_with_bom_and_crlf_is_read_and_gbk_is_reported(tmp_path: Path) -> None:
    text = (REPO / "config.yml").read_text(encoding="utf-8")
    path = tmp_path / "config.yml"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert load_config(path) == load_config(REPO / "config.yml")
    path.write_bytes(text.encode("gbk", errors="replace"))
    with pytest.raises(ProblemsFound) as caught:
        load_config(path)
    [problem] = caught.value.problems
    assert problem.message.startswith("文件不是 UTF-8 编码（第 ") and problem.hint == NOT_UTF8
