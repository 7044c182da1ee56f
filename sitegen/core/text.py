"""The one text reader: UTF-8 with or without a BOM, any line endings; a Chinese problem for anything else."""

from __future__ import annotations

from pathlib import Path

from .problems import Problem

NOT_UTF8_HINT = "请在编辑器中选择“UTF-8”编码另存（记事本：另存为 → 编码 UTF-8）"


def decode_text(data: bytes, display: str) -> str | Problem:
    """The text of a file's bytes with a leading BOM dropped and CRLF or CR turned into LF, or the problem
    (at `display`, the path editors know) that says where the first byte that is not UTF-8 is."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        return Problem(display, line, "", f"文件不是 UTF-8 编码（第 {e.start + 1} 字节无法识别）", NOT_UTF8_HINT)
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, display: str) -> str | Problem:
    """`decode_text` of a file; a file that cannot be read (a folder, no permission) is a problem too.

    A missing file raises FileNotFoundError: only the caller knows what its absence means."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as e:
        return Problem(display, None, "", f"无法读取文件：{e.strerror}")
    return decode_text(data, display)
