"""A phone original stored on its side with an EXIF orientation matches the upright copy Word holds."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from sitegen.intake.photos import distance, fingerprint


def jpeg(image: Image.Image, orientation: int | None = None) -> bytes:
    out = io.BytesIO()
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    image.save(out, "JPEG", quality=90, exif=exif.tobytes())
    return out.getvalue()


def test_a_photo_stored_on_its_side_matches_its_upright_copy() -> None:
    upright = Image.new("RGB", (300, 400), "white")
    ImageDraw.Draw(upright).rectangle((0, 0, 150, 100), fill="black")  # a dark corner, top left
    # Stored as a phone does: the pixels turned a quarter, EXIF 6 says "turn 90° clockwise to show".
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    copy = fingerprint(jpeg(upright), "copy.jpg", 10**8)
    original = fingerprint(jpeg(stored, 6), "original.jpg", 10**8)
    unturned = fingerprint(jpeg(stored), "unturned.jpg", 10**8)
    assert copy is not None and original is not None and unturned is not None
    assert original.aspect == copy.aspect == 0.75
    assert distance(copy, original) < 2
    assert distance(copy, unturned) > 20  # without the orientation the two would not match
