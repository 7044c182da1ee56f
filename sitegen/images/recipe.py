"""Stage 5, images: the arithmetic of derivatives (sizes, orientation, decoder drafts) and the recipe that keys them.

No Pillow here: these are pure functions of sizes and settings, testable without an image.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import NamedTuple

from ..core import Orientation, frozen

# Bump whenever imageproc makes different bytes from the same source and settings: every cache key changes.
CODE_VERSION = "2"


class Size(NamedTuple):
    width: int
    height: int


def upright(stored: Size, orientation: Orientation) -> Size:
    """The size a viewer shows once the EXIF orientation is applied."""
    return Size(stored.height, stored.width) if orientation.is_transposed else stored


def target_sizes(image: Size, widths: Iterable[int]) -> tuple[Size, ...]:
    """Derivative sizes, smallest first: never upscaled; a width the image does not reach gives its own size, once."""
    sizes: list[Size] = []
    for width in sorted(set(widths)):
        if width >= image.width:
            sizes.append(image)
            break
        sizes.append(Size(width, max(1, round(image.height * width / image.width))))
    return tuple(sizes)


def draft_request(stored: Size, orientation: Orientation, largest: Size) -> Size:
    """The size, in stored orientation, that a JPEG decoder must at least deliver (it may then scale by 1/2..1/8)."""
    return Size(largest.height, largest.width) if orientation.is_transposed else largest


@frozen
class Plan:
    """What to make from one source, worked out from its stored size and EXIF orientation alone."""

    size: Size  # upright, full resolution
    sizes: tuple[Size, ...]  # derivative sizes, smallest first
    draft: Size  # what the JPEG decoder must at least deliver, in stored orientation


@frozen
class Recipe:
    """Everything that decides the bytes made from a source: with its content hash, the cache key."""

    widths: tuple[int, ...]
    webp_quality: int
    jpeg_quality: int
    original: bool  # also make a full-size copy for the 原图 link
    version: str = CODE_VERSION  # publish_images adds the encoder's versions

    def plan(self, stored: tuple[int, int], orientation: Orientation) -> Plan:
        size = upright(Size(*stored), orientation)
        sizes = target_sizes(size, self.widths)
        return Plan(size, sizes, draft_request(Size(*stored), orientation, size if self.original else sizes[-1]))

    def key(self, source_digest: str) -> str:
        spec = json.dumps(asdict(self), sort_keys=True)
        return hashlib.sha256(f"{source_digest}\n{spec}".encode()).hexdigest()[:32]
