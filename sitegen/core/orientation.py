"""EXIF orientation as one enum (Lektor's TiffOrientation is the model): how a photo's pixels are stored
relative to the way a viewer shows them, and whether showing it swaps width and height."""

from __future__ import annotations

import enum
from collections.abc import Mapping

TAG = 0x0112  # EXIF Orientation


class Orientation(enum.IntEnum):
    """Where the stored first row and first column are shown: TOP_LEFT is a photo stored upright.

    Pillow's `ImageOps.exif_transpose` turns the pixels; this enum is for the arithmetic done before any
    pixel is decoded (sizes, decoder drafts) and for what a probe reports."""

    TOP_LEFT = 1
    TOP_RIGHT = 2  # mirrored
    BOTTOM_RIGHT = 3  # turned 180°
    BOTTOM_LEFT = 4  # mirrored upside down
    LEFT_TOP = 5  # transposed
    RIGHT_TOP = 6  # turned 90° clockwise to show: a phone held upright
    RIGHT_BOTTOM = 7  # transversed
    LEFT_BOTTOM = 8  # turned 90° anticlockwise to show

    @property
    def is_transposed(self) -> bool:
        """Whether the shown picture is the stored one with width and height swapped."""
        return self >= Orientation.LEFT_TOP

    @classmethod
    def of(cls, exif: Mapping[int, object]) -> Orientation:
        """The orientation an EXIF block gives; none, or a value outside 1–8, is upright, as Pillow reads it."""
        value = exif.get(TAG, 1)
        return cls(value) if isinstance(value, int) and 1 <= value <= 8 else cls.TOP_LEFT
