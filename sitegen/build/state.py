"""What a build keeps between runs and reads back first: the inputs it read, the output folder it wrote,
and the unit registry, which both the full build and the quick rebuild of an edit need."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..config import Config
from ..content import Registry, load_units
from ..core import Problem, Store, digest_files
from .values import Project


@dataclass(frozen=True)
class Inputs:
    """Everything a build reads, by file stamp, and the span of time its output stays right."""

    stamps: tuple[tuple[str, int, int, int], ...]  # content/, config.yml and the theme: path, size, mtime, inode
    since: datetime  # the build's "now"
    until: datetime  # the next moment the output changes by itself: a scheduled article, or a new day
    output: tuple[int, int] | None  # device and inode of the output folder the build wrote


def cached_registry(config: Config, project: Project, store: Store) -> tuple[Registry, list[Problem]]:
    """The unit registry, cached by the bytes of units.yml (slugs need the Chinese word segmenter)."""
    path = project.content / "units.yml"
    key = digest_files([path]) if path.exists() else None
    cached = store.get(key) if key else None
    if cached is None:
        cached = load_units(config, path)
        if key:
            store.put(key, cached)
            store.keep_only([key])
            store.save()
    return cached


def identity(path: Path) -> tuple[int, int] | None:
    """Device and inode of a folder: a swapped-in or replaced output folder has a new one."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)
