"""Progress of a long build on a terminal: the step under way and its count, on one line; nothing in pipes or CI."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

STEPS = {
    "sources": "读取稿件",
    "analyze": "分析稿件",
    "probe": "读取图片和视频信息",
    "rules": "检查报送要求",
    "images": "处理图片",
    "pages": "生成页面",
    "write": "写入 output/",
}
QUIET_SECONDS = 2.0  # a build shorter than this shows nothing
EVERY_SECONDS = 0.1


class TerminalProgress:
    """Writes `\\r分析稿件 3200/10000` style lines to a terminal once the build has run for two seconds."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False

    def __call__(self, what: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.start < QUIET_SECONDS or (total and done < total and now - self.last < EVERY_SECONDS):
            return
        label = STEPS.get(what, what)
        if total == 0 and what not in STEPS:
            return
        text = f"{label}……" if total == 0 else f"{label} {done}/{total}"
        self.stream.write(f"\r\x1b[2K{text}")
        self.stream.flush()
        self.last = now
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()


def terminal_progress(stream: TextIO = sys.stderr) -> TerminalProgress | None:
    """A reporter when `stream` is a terminal and not CI; None in pipes, files and CI."""
    if os.environ.get("CI") or not stream.isatty() or os.environ.get("TERM") == "dumb":
        return None
    return TerminalProgress(stream)
