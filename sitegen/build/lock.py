"""One build at a time per project: a lock file under .cache/ that a second build waits on, or stops at.

The lock is an flock on an open file, so the kernel releases it when the holder exits or is killed: a
crashed build never leaves a stale lock. The file says who holds it, for the message the other one prints.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from ..core import SiteError


class BuildLocked(SiteError):
    """Another build of the same project is running, and this one was told not to wait."""


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def build_lock(cache: Path, *, wait: bool = True, notice: Callable[[str], None] = _stderr) -> Iterator[None]:
    """Hold the project's build lock for the duration of the block."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / "build.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 4096, 0).decode("utf-8", "replace").strip() or "另一个进程"
            if not wait:
                raise BuildLocked(f"另一个构建正在进行：{holder}。请等它结束后再运行。") from None
            notice(f"另一个构建正在进行：{holder}。等待它结束……")
            fcntl.flock(fd, fcntl.LOCK_EX)
        started = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
        command = " ".join(Path(a).name if i == 0 else a for i, a in enumerate(sys.argv)) or "python"
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"进程 {os.getpid()}（{command}），开始于 {started}".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
