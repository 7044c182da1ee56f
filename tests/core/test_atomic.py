"""One atomic writer: the old file or the whole new one, never a part, and no temporary file left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.core import write_atomic


def test_writes_the_whole_file_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "store.pickle"
    write_atomic(target, b"old")
    write_atomic(target, b"new" * 1000)
    assert target.read_bytes() == b"new" * 1000
    assert [p.name for p in tmp_path.iterdir()] == ["store.pickle"]


def test_a_failure_before_the_rename_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "manifest.json"
    write_atomic(target, b"old")
    synced: list[int] = []

    def disk_full(fd: int) -> None:
        synced.append(fd)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, b"new")
    assert synced  # the data is flushed to disk before the new name can point at it
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]


def test_an_edited_file_can_keep_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "article.md"
    write_atomic(target, "---\ntitle: 旧\n---\n".encode(), mode=0o640)
    write_atomic(target, "---\ntitle: 新\n---\n".encode(), mode=0o640)
    assert target.stat().st_mode & 0o7777 == 0o640
    assert target.read_text(encoding="utf-8") == "---\ntitle: 新\n---\n"
