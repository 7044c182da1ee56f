"""The dev server's watcher: poll config.yml, content/ and the theme, and wait for a burst of saves to end."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..build import Project

POLL_SECONDS = 0.05  # how often the sources are scanned (slower on big trees, see SiteWatcher.run)
QUIET_SECONDS = 0.05  # a burst of saves is over when nothing changed for this long (an editor saves in ms)
MAX_WAIT_SECONDS = 1.0  # ...or when it has gone on this long: a stream of saves still gets previews
_IGNORED_SUFFIXES = ("~", ".swp", ".swo", ".swx", ".tmp", ".part", ".crdownload")

Snapshot = dict[str, tuple[int, int]]  # path -> (mtime_ns, size)


@dataclass
class Debouncer:
    """Turns a burst of change notices into one rebuild: due once quiet, or once the burst has lasted max_wait."""

    quiet: float = QUIET_SECONDS
    max_wait: float = MAX_WAIT_SECONDS
    _first: float | None = None
    _last: float | None = None

    @property
    def pending(self) -> bool:
        return self._first is not None

    def note(self, now: float) -> None:
        if self._first is None:
            self._first = now
        self._last = now

    def due(self, now: float) -> bool:
        if self._first is None or self._last is None:
            return False
        return now - self._last >= self.quiet or now - self._first >= self.max_wait

    def clear(self) -> None:
        self._first = self._last = None


def watched(project: Project) -> tuple[Path, ...]:
    """What a rebuild reads: config.yml, content/ and the theme in use (themes/default unless a test says otherwise)."""
    return (project.config, project.content, project.theme)


def _ignored(name: str) -> bool:
    """Hidden files and editors' swap and backup files are not sources."""
    return name.startswith((".", "#")) or name.endswith(_IGNORED_SUFFIXES)


def scan(roots: Iterable[Path]) -> Snapshot:
    """The modification time and size of every source file under `roots`."""
    found: Snapshot = {}
    for root in roots:
        if root.is_dir():
            _scan_folder(str(root), found)
        elif root.is_file():
            stat = root.stat()
            found[str(root)] = (stat.st_mtime_ns, stat.st_size)
    return found


def _scan_folder(folder: str, found: Snapshot) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:  # removed while scanning: the next scan sees it gone
        return
    for entry in entries:
        if _ignored(entry.name):
            continue
        try:
            if entry.is_dir():
                _scan_folder(entry.path, found)
            else:
                stat = entry.stat()
                found[entry.path] = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            continue


def changes(old: Snapshot, new: Snapshot) -> list[str]:
    """Files added, removed or modified between two snapshots."""
    return sorted(path for path in old.keys() | new.keys() if old.get(path) != new.get(path))


class SiteWatcher:
    """Polls the sources and calls `action` with the changed files once a burst of saves has gone quiet."""

    def __init__(
        self,
        roots: tuple[Path, ...],
        action: Callable[[list[str]], None],
        debouncer: Debouncer | None = None,
    ) -> None:
        self.roots = roots
        self.action = action
        self.debouncer = debouncer or Debouncer()
        self.scan_seconds = 0.0
        self._snapshot = scan(roots)
        self._changed: set[str] = set()

    def tick(self, now: float) -> bool:
        """One poll at time `now`; True when it ran the action."""
        started = time.perf_counter()
        snapshot = scan(self.roots)
        self.scan_seconds = time.perf_counter() - started
        changed = changes(self._snapshot, snapshot)
        # Saves made while the action runs differ from this snapshot, so the next tick still sees them.
        self._snapshot = snapshot
        if changed:
            self._changed.update(changed)
            self.debouncer.note(now)
        if not self.debouncer.due(now):
            return False
        batch = sorted(self._changed)
        self._changed.clear()
        self.debouncer.clear()
        self.action(batch)
        return True

    def run(self, stop: threading.Event) -> None:
        """Poll until `stop` is set. A big tree is polled less often, so scanning never takes over a core."""
        while not stop.is_set():
            self.tick(time.monotonic())
            stop.wait(max(POLL_SECONDS, 4 * self.scan_seconds))
