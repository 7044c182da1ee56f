"""The only place that knows the order: config → sources → model → validation → render → write.

A build first compares what it would read with what the last successful build read; when nothing has
changed it is done, having loaded neither the stages nor their libraries (`publish` and `checking` do).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..core import Store, key_of, library_version
from .lock import build_lock
from .state import Inputs, identity
from .values import Built, Checked, Project, Timings

if TYPE_CHECKING:
    from ..config import Config
    from ..content import Registry, Submission


def check_content(
    project: Project, now: datetime, *, skip_invalid: bool = False, timings: Timings | None = None
) -> Checked:
    """Validate everything. Problems raise ProblemsFound unless skip_invalid leaves their files out."""
    from . import checking

    return checking.check_content(project, now, skip_invalid=skip_invalid, timings=timings)


def read_submissions(project: Project) -> tuple[Config, Registry, tuple[Submission, ...]]:
    """Every article file's list-facing fields, drafts and rejected items too (see checking.read_submissions)."""
    from . import checking

    return checking.read_submissions(project)


def build(
    project: Project,
    now: datetime,
    *,
    skip_invalid: bool = False,
    timings: Timings | None = None,
    wait: bool = True,
) -> Built:
    """Check, render and write; the previous output stays untouched unless everything succeeds.

    When no file has changed since the last successful build and no scheduled article or new day has
    come, the output is already right and nothing is done. Builds of one project never interleave: a
    second one waits for the first (or, with `wait=False`, stops with a message naming it).
    """
    t = timings or Timings()
    with build_lock(project.cache, wait=wait):
        return _build(project, now, skip_invalid, t)


def _build(project: Project, now: datetime, skip_invalid: bool, t: Timings) -> Built:
    cache = project.cache if project.use_cache else None
    last = Store(cache, "inputs", _libraries())
    with t.step("inputs"):
        stamps = input_stamps(project)
        previous: Inputs | None = last.get(skip_invalid)
        if previous and _still_valid(previous, stamps, now, project.output):
            return Built(last.get("published"), unchanged=True)
    from .publish import publish  # the stages and their libraries load only when there is work to do

    previous = None  # its stamps, a tuple a file, are not held through the build (8 MB at 30,000)
    return publish(project, now, skip_invalid, t, last, stamps)


def input_stamps(project: Project) -> tuple[tuple[str, int, int, int], ...]:
    """The stamp of every file a build reads: content/, the theme and config.yml, in one walk."""
    found: list[tuple[str, int, int, int]] = []

    def walk(folder: str) -> None:
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir(follow_symlinks=True):
                    walk(entry.path)
                else:
                    st = entry.stat()
                    found.append((entry.path, st.st_size, st.st_mtime_ns, st.st_ino))

    for top in (project.content, project.theme):
        if top.is_dir():
            walk(str(top))
    st = project.config.stat()
    found.append((str(project.config), st.st_size, st.st_mtime_ns, st.st_ino))
    return tuple(found)


def _libraries() -> str:
    """The versions of the libraries that shape the output: upgrading one is a change like any other."""
    names = ("jinja2", "markdown", "nh3", "pillow", "pagefind", "zxing-cpp", "pypinyin", "jieba", "pyyaml", "av")
    return key_of([(name, library_version(name)) for name in names])


def _still_valid(previous: Inputs, stamps: tuple[tuple[str, int, int, int], ...], now: datetime, output: Path) -> bool:
    return (
        previous.stamps == stamps
        and previous.since <= now < previous.until
        and previous.output is not None
        and previous.output == identity(output)
    )
