"""What a build keeps between runs and reads back first: the inputs it read and the output folder it wrote."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..core import frozen


@frozen
class Inputs:
    """Everything a build reads, by file stamp, and the span of time its output stays right."""

    stamps: tuple[tuple[str, int, int, int], ...]  # content/, config.yml and the theme: path, size, mtime, inode
    since: datetime  # the build's "now"
    until: datetime  # the next moment the output changes by itself: a scheduled article, or a new day
    output: tuple[int, int] | None  # device and inode of the output folder the build wrote


def identity(path: Path) -> tuple[int, int] | None:
    """Device and inode of a folder: a swapped-in or replaced output folder has a new one."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)
