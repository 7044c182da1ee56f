"""The dev server's watcher: content/ and the theme through the system's file notices (watchfiles), and
config.yml by its stamp; a burst of saves becomes one rebuild.

A tree is never scanned: at 30,000 articles a poll of content/ cost a core. watchfiles groups the notices
of a burst (QUIET_MS without a new one, or MAX_WAIT_MS in all) and keeps collecting while a rebuild runs,
so saves made meanwhile come in the next batch. config.yml is a single file, which editors save by
writing a new one and renaming it over the old: a notice watch stays on the old file, so the file's stamp
is compared instead, each time watchfiles wakes (a burst, or every CONFIG_POLL_MS).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import watchfiles

from ..build import Project

QUIET_MS = 50  # a burst of saves is over when nothing changed for this long (an editor saves in ms)
MAX_WAIT_MS = 1000  # ...or when it has gone on this long: a stream of saves still gets previews
CONFIG_POLL_MS = 200  # how often config.yml's stamp is compared when no tree changes
_IGNORED_SUFFIXES = ("~", ".swp", ".swo", ".swx", ".tmp", ".part", ".crdownload")


def watched(project: Project) -> tuple[Path, ...]:
    """What a rebuild reads: config.yml, content/ and the theme in use (themes/default unless a test says otherwise)."""
    return (project.config, project.content, project.theme)


def is_source(path: str, roots: tuple[Path, ...] = ()) -> bool:
    """Hidden files and folders and editors' swap and backup files under the roots are not sources."""
    for root in roots:
        if Path(path).is_relative_to(root):
            parts = Path(path).relative_to(root).parts
            break
    else:
        parts = (Path(path).name,)
    return not any(part.startswith((".", "#")) for part in parts) and not path.endswith(_IGNORED_SUFFIXES)


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


class SiteWatcher:
    """Calls `action` with the changed files, sorted, once a burst of saves has gone quiet, until stopped."""

    def __init__(self, roots: tuple[Path, ...], action: Callable[[list[str]], None]) -> None:
        self.trees = tuple(r for r in roots if r.is_dir())
        self.files = tuple(r for r in roots if not r.is_dir())
        self.action = action

    def _wanted(self, change: watchfiles.Change, path: str) -> bool:
        """A source file; a folder made or touched is not a change of its own (what it holds is)."""
        if change != watchfiles.Change.deleted and Path(path).is_dir():
            return False
        return is_source(path, self.trees)

    def run(self, stop: threading.Event) -> None:
        """Watch until `stop` is set."""
        stamps = {f: _stamp(f) for f in self.files}
        for changes in self._batches(stop):
            changed = {path for _, path in changes}
            for file, before in stamps.items():
                now = _stamp(file)
                if now != before:
                    stamps[file] = now
                    changed.add(str(file))
            if changed:
                self.action(sorted(changed))

    def _batches(self, stop: threading.Event) -> Iterator[set[tuple[watchfiles.Change, str]]]:
        if not self.trees:  # no folder to be told about: only the files' stamps, each CONFIG_POLL_MS
            while not stop.wait(CONFIG_POLL_MS / 1000):
                yield set()
            return
        yield from watchfiles.watch(
            *self.trees,
            watch_filter=self._wanted,
            debounce=MAX_WAIT_MS,
            step=QUIET_MS,
            stop_event=stop,
            rust_timeout=CONFIG_POLL_MS,
            yield_on_timeout=True,
            raise_interrupt=False,
        )
