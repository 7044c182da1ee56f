"""Stage 6, write: render pages straight into the staging folder of the output being built, on every core.

Writing from the workers keeps ten thousand pages out of the parent's memory, and the disk busy on both cores.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from ..core import fork_map
from .compress import compressed

P = TypeVar("P")


def stage_pages(
    staging: Path,
    pages: Sequence[P],
    target: Callable[[P], str],
    render: Callable[[P], bytes],
    progress: Callable[[int, int], None] | None = None,
    taken: Callable[[], int] | None = None,
) -> None:
    """Render each page and write it, with its compressed copies, to `staging / target(page)`, on the cores
    `taken()` leaves (fork_imap)."""

    def write(page: P) -> None:
        rel = target(page)
        path = staging / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = render(page)
        path.write_bytes(data)
        for copy, packed in compressed(rel, data).items():  # in the worker, beside the page: on every core
            (staging / copy).write_bytes(packed)

    fork_map(write, pages, progress=progress, taken=taken)
