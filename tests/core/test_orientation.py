"""EXIF orientation: one enum for the eight values, and what an EXIF block without a usable one means."""

from __future__ import annotations

import pytest

from sitegen.core import Orientation


@pytest.mark.parametrize("value", range(1, 9))
def test_the_four_values_that_turn_a_quarter_swap_width_and_height(value: int) -> None:
    assert Orientation(value).is_transposed == (value in (5, 6, 7, 8))


@pytest.mark.parametrize(("exif", "expected"), [({}, 1), ({0x0112: 6}, 6), ({0x0112: 0}, 1), ({0x0112: 9}, 1)])
def test_an_exif_block_without_a_value_from_1_to_8_is_upright(exif: dict[int, object], expected: int) -> None:
    assert Orientation.of(exif) == expected


def test_a_non_number_is_upright() -> None:
    assert Orientation.of({0x0112: b"\x06"}) is Orientation.TOP_LEFT
