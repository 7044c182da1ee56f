"""Test support: generate deterministic sample media (photos, videos, PDF, DOCX, XLSX).

Everything here is drawn by the project itself with Pillow and PyAV, so the
sample content, the tests and the benchmarks never download media. The same
arguments always give the same bytes on the same library versions: random
numbers come from ``random.Random(seed)``, and no file records the time it was
made (PDF dates and ZIP entry times are fixed).

Public API::

    find_cjk_font(bold=False) -> FontSpec
    make_photo(path, width, height, *, seed, label, ...) -> Path
    make_video(path, *, seconds, width, height, ...) -> Path
    make_pdf(path, title, lines, ...) -> Path
    make_docx(path, title, paragraphs) -> Path
    make_xlsx(path, rows, ...) -> Path

The CJK font is found with ``fc-match`` (fontconfig), or taken from the
environment variable ``MEDIA_FACTORY_CJK_FONT`` (a font file path, optionally
followed by ``#<index>`` for a TrueType collection).
"""

from __future__ import annotations

import colorsys
import functools
import io
import math
import os
import random
import shutil
import subprocess
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, TiffImagePlugin

__all__ = [
    "FontSpec",
    "MediaFactoryError",
    "PhotoFormat",
    "find_cjk_font",
    "make_docx",
    "make_pdf",
    "make_photo",
    "make_video",
    "make_xlsx",
]

PhotoFormat = Literal["JPEG", "PNG"]
Color = tuple[int, int, int]

FONT_ENV = "MEDIA_FACTORY_CJK_FONT"
BANNER_RED: Color = (200, 22, 29)
BANNER_GOLD: Color = (255, 221, 120)

# EXIF tag numbers (see the EXIF 2.3 specification).
_TAG_ORIENTATION = 0x0112
_TAG_SOFTWARE = 0x0131
_IFD_GPS = 0x8825
_GPS_VERSION, _GPS_LAT_REF, _GPS_LAT, _GPS_LON_REF, _GPS_LON = 0, 1, 2, 3, 4
_GPS_MAP_DATUM = 18

# How the stored pixels must be transposed so that a viewer that applies the
# EXIF orientation (like ImageOps.exif_transpose) shows the upright picture.
# This is the inverse of exif_transpose's own table.
_STORE_FOR_ORIENTATION: dict[int, Image.Transpose | None] = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}

# The fixed time written wherever a format insists on one (PDF info, ZIP entries).
_FIXED_TIME = time.struct_time((2024, 5, 8, 9, 0, 0, 2, 129, 0))
_ZIP_TIME = (2024, 5, 8, 9, 0, 0)


class MediaFactoryError(RuntimeError):
    """A requested file cannot be made (no CJK font, unreachable size, bad argument)."""


@dataclass(frozen=True)
class FontSpec:
    """A font file and the face index inside it (non-zero for .ttc collections)."""

    path: Path
    index: int = 0


# --------------------------------------------------------------------------- fonts


@functools.cache
def find_cjk_font(bold: bool = False) -> FontSpec:
    """Locate a Simplified-Chinese font (Noto Sans CJK SC) through fontconfig.

    ``MEDIA_FACTORY_CJK_FONT=/path/font.ttc#2`` overrides the lookup. Raises
    MediaFactoryError with an installation hint when no CJK font is found.
    """
    override = os.environ.get(FONT_ENV)
    if override:
        file, _, index = override.partition("#")
        return FontSpec(Path(file), int(index or 0))
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise MediaFactoryError(f"fc-match not found; install fontconfig and fonts-noto-cjk, or set {FONT_ENV}")
    pattern = "Noto Sans CJK SC:bold" if bold else "Noto Sans CJK SC"
    out = subprocess.run(
        [fc_match, "-f", "%{file}|%{index}|%{lang}", pattern],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    file, _, rest = out.partition("|")
    index, _, langs = rest.partition("|")
    # fc-match always answers with *some* font; make sure it can write Chinese.
    if not file or "zh-cn" not in langs.split("|"):
        raise MediaFactoryError(
            f"no CJK font found (fc-match gave {file or 'nothing'}); install fonts-noto-cjk or set {FONT_ENV}"
        )
    return FontSpec(Path(file), int(index or 0))


def _font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    spec = find_cjk_font(bold)
    return ImageFont.truetype(str(spec.path), size=max(1, size), index=spec.index)


def _fit_font(text: str, max_width: float, size: int, *, bold: bool = True) -> ImageFont.FreeTypeFont:
    """The largest font not above ``size`` whose rendering of ``text`` fits ``max_width``."""
    font = _font(size, bold=bold)
    length = font.getlength(text)
    if length > max_width:
        font = _font(int(size * max_width / length), bold=bold)
    return font


# --------------------------------------------------------------------------- photos


def _lerp(a: Color, b: Color, t: float) -> Color:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _hsv(h: float, s: float, v: float) -> Color:
    r, g, b = colorsys.hsv_to_rgb(h % 1.0, s, v)
    return (round(r * 255), round(g * 255), round(b * 255))


def _vertical_gradient(width: int, height: int, top: Color, bottom: Color) -> Image.Image:
    column = Image.new("RGB", (1, 256))
    column.putdata([_lerp(top, bottom, i / 255) for i in range(256)])
    return column.resize((width, height), Image.Resampling.BILINEAR)


def _draw_person(draw: ImageDraw.ImageDraw, x: float, foot_y: float, h: float, color: Color) -> None:
    """A simple standing silhouette: head, shoulders-and-body, two legs."""
    head = h * 0.13
    body_top = foot_y - h + head * 2.1
    draw.ellipse((x - head, foot_y - h, x + head, foot_y - h + head * 2), fill=color)
    draw.rounded_rectangle((x - h * 0.16, body_top, x + h * 0.16, foot_y - h * 0.42), radius=h * 0.07, fill=color)
    leg = h * 0.055
    draw.rectangle((x - h * 0.12, foot_y - h * 0.45, x - h * 0.12 + leg * 2, foot_y), fill=color)
    draw.rectangle((x + h * 0.12 - leg * 2, foot_y - h * 0.45, x + h * 0.12, foot_y), fill=color)


def _draw_banner(img: Image.Image, box: tuple[float, float, float, float], text: str) -> None:
    """A red cloth banner with gold CJK text, as hung at Chinese school events."""
    draw = ImageDraw.Draw(img)
    x0, y0, x1, y1 = box
    draw.rectangle(box, fill=BANNER_RED)
    # Slight darker folds so the cloth does not look like a flat rectangle.
    fold = _lerp(BANNER_RED, (0, 0, 0), 0.18)
    for i in range(1, 6):
        fx = x0 + (x1 - x0) * i / 6
        draw.line((fx, y0, fx, y1), fill=fold, width=max(1, int((y1 - y0) * 0.03)))
    font = _fit_font(text, (x1 - x0) * 0.9, int((y1 - y0) * 0.62))
    draw.text(((x0 + x1) / 2, (y0 + y1) / 2), text, font=font, fill=BANNER_GOLD, anchor="mm")


def _scene(width: int, height: int, rng: random.Random, label: str) -> Image.Image:
    """Sky gradient, sun, hills, a school building with a banner, a plaza with people."""
    hue = rng.random()
    sky_top = _hsv(0.58 + rng.uniform(-0.04, 0.04), rng.uniform(0.45, 0.75), rng.uniform(0.7, 0.9))
    sky_low = _lerp(sky_top, _hsv(hue * 0.12, 0.25, 1.0), rng.uniform(0.4, 0.8))
    img = _vertical_gradient(width, height, sky_top, sky_low)
    draw = ImageDraw.Draw(img)
    unit = min(width, height)
    horizon = height * rng.uniform(0.52, 0.62)

    sun_x, sun_y, sun_r = width * rng.uniform(0.1, 0.9), height * rng.uniform(0.08, 0.22), unit * 0.05
    draw.ellipse((sun_x - sun_r, sun_y - sun_r, sun_x + sun_r, sun_y + sun_r), fill=(255, 244, 214))

    # Two ranges of hills, the far one paler.
    for depth, shade in ((0.0, 0.55), (0.06, 0.35)):
        points = [(0.0, float(height))]
        phase = rng.uniform(0, math.tau)
        for i in range(41):
            x = width * i / 40
            y = horizon - height * (0.10 - depth) * (0.6 + 0.4 * math.sin(phase + i * 0.45))
            points.append((x, y))
        points.append((float(width), float(height)))
        draw.polygon(points, fill=_lerp((70, 110, 80), sky_low, shade))

    # Buildings: a row of blocks with window grids, the main one in the middle.
    x = -rng.uniform(0, width * 0.05)
    while x < width:
        w = width * rng.uniform(0.08, 0.16)
        h = height * rng.uniform(0.12, 0.3)
        wall = _hsv(0.08 + rng.uniform(-0.03, 0.05), rng.uniform(0.05, 0.25), rng.uniform(0.7, 0.95))
        draw.rectangle((x, horizon - h, x + w, horizon + height * 0.02), fill=wall)
        win = _lerp(wall, (60, 90, 130), 0.55)
        step = unit * 0.035
        wy = horizon - h + step * 0.7
        while wy < horizon - step * 0.5:
            wx = x + step * 0.5
            while wx < x + w - step * 0.7:
                draw.rectangle((wx, wy, wx + step * 0.5, wy + step * 0.55), fill=win)
                wx += step
            wy += step
        x += w + width * rng.uniform(0.0, 0.03)

    main_w, main_h = width * 0.56, height * 0.34
    main_x = (width - main_w) / 2
    draw.rectangle((main_x, horizon - main_h, main_x + main_w, horizon + height * 0.02), fill=(236, 230, 218))
    draw.rectangle(
        (
            main_x - width * 0.01,
            horizon - main_h - unit * 0.02,
            main_x + main_w + width * 0.01,
            horizon - main_h + unit * 0.01,
        ),
        fill=(150, 60, 50),
    )
    _draw_banner(
        img, (main_x + main_w * 0.06, horizon - main_h * 0.88, main_x + main_w * 0.94, horizon - main_h * 0.62), label
    )
    door_w = main_w * 0.16
    draw.rectangle(
        ((width - door_w) / 2, horizon - main_h * 0.3, (width + door_w) / 2, horizon + height * 0.02), fill=(90, 70, 60)
    )

    # A few trees along the front of the buildings.
    for _ in range(rng.randint(3, 6)):
        tx, tr = rng.uniform(0.02, 0.98) * width, unit * rng.uniform(0.035, 0.055)
        draw.rectangle((tx - tr * 0.15, horizon - tr * 1.2, tx + tr * 0.15, horizon + height * 0.02), fill=(92, 64, 44))
        draw.ellipse((tx - tr, horizon - tr * 3, tx + tr, horizon - tr), fill=_hsv(0.3, 0.45, rng.uniform(0.35, 0.5)))

    # Plaza, then people in three depth bands (farther ones smaller and paler).
    plaza_top = horizon + height * 0.02
    img.paste(_vertical_gradient(width, height - int(plaza_top), (190, 184, 172), (120, 116, 110)), (0, int(plaza_top)))
    for band in range(3):
        foot = plaza_top + (height - plaza_top) * (0.25 + 0.3 * band)
        size = height * (0.09 + 0.07 * band)
        for _ in range(rng.randint(5, 11) - band * 2):
            px = rng.uniform(0.03, 0.97) * width
            tone = _hsv(rng.random(), rng.uniform(0.1, 0.45), rng.uniform(0.15, 0.4) + 0.1 * (2 - band))
            _draw_person(draw, px, foot + rng.uniform(-0.02, 0.02) * height, size * rng.uniform(0.85, 1.1), tone)

    return img.filter(ImageFilter.GaussianBlur(radius=max(0.6, unit / 1600)))


def _add_grain(img: Image.Image, amplitude: int, seed: int) -> Image.Image:
    """Zero-mean colour grain of the given peak-to-peak amplitude (0 leaves the image as is)."""
    if amplitude <= 0:
        return img
    rng = random.Random(seed)
    noise = Image.frombytes("RGB", img.size, rng.randbytes(img.width * img.height * 3))
    noise = noise.point(lambda v: v * amplitude // 255)
    return ImageChops.add(img, noise, scale=1.0, offset=-(amplitude // 2))


def _gps_rational(value: float) -> tuple[TiffImagePlugin.IFDRational, ...]:
    """Decimal degrees as EXIF (degrees, minutes, seconds) rationals."""
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = Fraction(round((value - degrees - minutes / 60) * 3600 * 100), 100)
    return (
        TiffImagePlugin.IFDRational(degrees, 1),
        TiffImagePlugin.IFDRational(minutes, 1),
        TiffImagePlugin.IFDRational(seconds.numerator, seconds.denominator),
    )


def _exif_bytes(orientation: int | None, gps: tuple[float, float] | None) -> bytes | None:
    if orientation is None and gps is None:
        return None
    exif = Image.Exif()
    exif[_TAG_SOFTWARE] = "media_factory"
    if orientation is not None:
        exif[_TAG_ORIENTATION] = orientation
    if gps is not None:
        lat, lon = gps
        gps_ifd = exif.get_ifd(_IFD_GPS)
        gps_ifd[_GPS_VERSION] = b"\x02\x03\x00\x00"
        gps_ifd[_GPS_LAT_REF] = "N" if lat >= 0 else "S"
        gps_ifd[_GPS_LAT] = _gps_rational(lat)
        gps_ifd[_GPS_LON_REF] = "E" if lon >= 0 else "W"
        gps_ifd[_GPS_LON] = _gps_rational(lon)
        gps_ifd[_GPS_MAP_DATUM] = "WGS-84"
    return exif.tobytes()


def _encode(img: Image.Image, fmt: PhotoFormat, exif: bytes | None, quality: int) -> bytes:
    buf = io.BytesIO()
    options: dict[str, object] = {}
    if exif is not None:
        options["exif"] = exif
    if fmt == "JPEG":
        img.save(buf, "JPEG", quality=quality, subsampling=0, optimize=False, **options)
    else:
        img.save(buf, "PNG", compress_level=6, **options)
    return buf.getvalue()


def make_photo(
    path: str | os.PathLike[str],
    width: int,
    height: int,
    *,
    seed: int,
    label: str,
    target_bytes: int | None = None,
    exif_orientation: int | None = None,
    gps: tuple[float, float] | None = None,
    fmt: PhotoFormat = "JPEG",
) -> Path:
    """Draw a stylised event photo and write it to ``path``; return the path.

    The picture shows a sky, hills, school buildings, a red banner carrying
    ``label`` in gold CJK letters, and crowds of people silhouettes; ``seed``
    varies colours and layout. ``width`` x ``height`` is the size as a viewer
    shows it (upright).

    - ``target_bytes``: add the least film grain that makes the file at least
      this large (to mimic camera photos that must weigh 2-10 MB). Without it a
      light fixed grain is used. Raises MediaFactoryError if unreachable.
    - ``exif_orientation`` (1-8): store the pixels transposed and record the
      EXIF Orientation tag, so only a reader that applies the tag sees the
      picture upright. With 5-8 the stored width and height are swapped.
    - ``gps``: (latitude, longitude) in decimal degrees, written as EXIF GPS tags.
    - ``fmt``: "JPEG" (quality 90, no chroma subsampling) or "PNG".
    """
    if width < 16 or height < 16:
        raise MediaFactoryError(f"photo too small: {width}x{height}")
    if exif_orientation is not None and exif_orientation not in _STORE_FOR_ORIENTATION:
        raise MediaFactoryError(f"EXIF orientation must be 1-8, not {exif_orientation}")
    rng = random.Random(seed)
    img = _scene(width, height, rng, label)
    transpose = _STORE_FOR_ORIENTATION[exif_orientation or 1]
    if transpose is not None:
        img = img.transpose(transpose)
    exif = _exif_bytes(exif_orientation, gps)

    if target_bytes is None:
        data = _encode(_add_grain(img, 10, seed), fmt, exif, 88)
    else:
        data = _grain_to_size(img, fmt, exif, seed, target_bytes)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return out


def _grain_to_size(img: Image.Image, fmt: PhotoFormat, exif: bytes | None, seed: int, target: int) -> bytes:
    """The smallest grain amplitude (1-255) whose encoding reaches ``target`` bytes.

    The file grows almost linearly with the amplitude, so each guess interpolates between the two
    bounds, with a halving step whenever a guess did not halve the interval: three or four encodings
    of a 12-megapixel photo instead of the eight of a plain bisection, and the same amplitude."""
    for quality in (90, 95, 98):
        best = _encode(_add_grain(img, 255, seed), fmt, exif, quality)
        if len(best) < target:
            continue
        low, high = 0, 255  # encoding at `high` reaches the target, at `low` it may not
        low_size, high_size = min(len(_encode(img, fmt, exif, quality)), target - 1), len(best)
        interpolate = True
        while high - low > 1:
            if interpolate:
                guess = low + round((target - low_size) * (high - low) / max(1, high_size - low_size))
            else:
                guess = (low + high) // 2
            guess = min(max(guess, low + 1), high - 1)
            data = _encode(_add_grain(img, guess, seed), fmt, exif, quality)
            width = high - low
            if len(data) >= target:
                high, high_size, best = guess, len(data), data
            else:
                low, low_size = guess, len(data)
            interpolate = (high - low) * 2 <= width
        return best
    raise MediaFactoryError(f"cannot reach {target} bytes at {img.width}x{img.height} as {fmt}")


# --------------------------------------------------------------------------- video


def make_video(
    path: str | os.PathLike[str],
    *,
    seconds: float,
    width: int,
    height: int,
    fps: int = 25,
    label: str = "一技在手，一生无忧",
    seed: int = 0,
) -> Path:
    """Write an H.264 (yuv420p, Main profile) MP4 with no audio; return the path.

    The clip shows a slowly shifting gradient, ``label`` as a caption, a dot
    that crosses the frame and a running seconds counter, so decoders and
    players have something to show. ``width`` and ``height`` must be even.
    Uses ``faststart`` so browsers can start playing before the download ends.
    """
    import av  # imported here so the photo/PDF helpers work without PyAV

    if width % 2 or height % 2:
        raise MediaFactoryError(f"H.264 yuv420p needs even dimensions, not {width}x{height}")
    if seconds <= 0:
        raise MediaFactoryError("seconds must be positive")
    rng = random.Random(seed)
    hue = rng.random()
    caption_font = _fit_font(label, width * 0.8, int(height * 0.12))
    counter_font = _font(int(height * 0.07))
    # The caption layer is drawn once and composited on every frame.
    caption = Image.new("RGBA", (width, height))
    cdraw = ImageDraw.Draw(caption)
    bar_top = height * 0.70
    cdraw.rectangle((0, bar_top, width, height * 0.88), fill=(*BANNER_RED, 220))
    cdraw.text((width / 2, height * 0.79), label, font=caption_font, fill=BANNER_GOLD, anchor="mm")

    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    frames = max(1, round(seconds * fps))
    with av.open(str(out), mode="w", format="mp4", options={"movflags": "+faststart"}) as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"preset": "medium", "crf": "28", "profile": "main", "x264-params": "keyint=50"}
        for i in range(frames):
            t = i / frames
            top = _hsv(hue + 0.15 * t, 0.55, 0.85)
            bottom = _hsv(hue + 0.35 + 0.15 * t, 0.6, 0.45)
            frame_img = _vertical_gradient(width, height, top, bottom).convert("RGBA")
            frame_img.alpha_composite(caption)
            draw = ImageDraw.Draw(frame_img)
            r = height * 0.06
            cx = width * (0.1 + 0.8 * t)
            cy = height * (0.35 + 0.12 * math.sin(t * math.tau * 2))
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 255, 255, 255))
            draw.text((width * 0.04, height * 0.05), f"{i / fps:04.1f} s", font=counter_font, fill=(255, 255, 255, 255))
            # PyAV ships no annotation for from_image.
            frame = av.VideoFrame.from_image(frame_img.convert("RGB"))  # type: ignore[no-untyped-call]
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return out


# --------------------------------------------------------------------------- documents


def _wrap(text: str, font: ImageFont.FreeTypeFont, max_width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``max_width``, character by character (CJK style)."""
    lines: list[str] = []
    current = ""
    for ch in text:
        if font.getlength(current + ch) > max_width and current:
            # Keep closing punctuation off the start of a line (避头点).
            if ch in "，。、；：？！”）》":
                current, ch = current[:-1], current[-1] + ch
            lines.append(current)
            current = ch
        else:
            current += ch
    lines.append(current)
    return lines


def make_pdf(
    path: str | os.PathLike[str],
    title: str,
    lines: Sequence[str],
    *,
    issuer: str | None = None,
    doc_number: str | None = None,
) -> Path:
    """Typeset a plain A4 document with a CJK font and save it as a multi-page PDF.

    ``lines`` are paragraphs; an empty string is a blank line and a line that
    starts with "## " is a bold heading. ``issuer`` and ``doc_number`` add the
    header of an official document (发文机关 and 文号 above a rule). Pages are
    black-and-white 200 dpi images (CCITT G4, a few dozen KB each, like a
    scanned notice), so the PDF opens everywhere; its info dictionary carries
    fixed dates.
    """
    dpi = 200
    k = dpi / 150  # the layout below is in 150-dpi units
    page_w, page_h, margin = round(1240 * k), round(1754 * k), round(150 * k)
    body_font, head_font = _font(round(30 * k)), _font(round(32 * k), bold=True)
    title_font = _font(round(42 * k), bold=True)
    pages: list[Image.Image] = []

    def new_page() -> ImageDraw.ImageDraw:
        page = Image.new("L", (page_w, page_h), 255)
        pages.append(page)
        return ImageDraw.Draw(page)

    draw = new_page()
    y = float(margin)
    if issuer:
        issuer_font = _fit_font(issuer, page_w - 2 * margin, round(76 * k))
        draw.text((page_w / 2, y), issuer, font=issuer_font, fill=0, anchor="mt")
        y += 120 * k
        if doc_number:
            draw.text((page_w / 2, y), doc_number, font=body_font, fill=0, anchor="mt")
            y += 50 * k
        draw.line((margin, y, page_w - margin, y), fill=0, width=round(4 * k))
        y += 50 * k
    for title_line in _wrap(title, title_font, page_w - 2.5 * margin):
        draw.text((page_w / 2, y), title_line, font=title_font, fill=0, anchor="mt")
        y += 64 * k
    y += 30 * k

    line_h = 50 * k
    for paragraph in lines:
        heading = paragraph.startswith("## ")
        font = head_font if heading else body_font
        text = paragraph[3:] if heading else paragraph
        wrapped = _wrap(("" if heading else "\u3000\u3000") + text, font, page_w - 2 * margin) if text else [""]
        for line in wrapped:
            if y + line_h > page_h - margin:
                draw = new_page()
                y = float(margin)
            draw.text((margin, y), line, font=font, fill=0)
            y += line_h
    number_font = _font(round(24 * k))
    for number, page in enumerate(pages, start=1):
        ImageDraw.Draw(page).text(
            (page_w / 2, page_h - margin / 2), f"— {number} —", font=number_font, fill=0, anchor="mm"
        )

    bilevel = [page.convert("1", dither=Image.Dither.NONE) for page in pages]
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    bilevel[0].save(
        out,
        "PDF",
        save_all=True,
        append_images=bilevel[1:],
        resolution=float(dpi),
        title=title,
        author=issuer or "",
        creationDate=_FIXED_TIME,
        modDate=_FIXED_TIME,
    )
    return out


def _write_zip(path: str | os.PathLike[str], files: dict[str, str]) -> Path:
    """A ZIP with fixed entry times and order, so OOXML output is byte-stable."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w") as zf:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, text.encode("utf-8"))
    return out


_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def make_docx(path: str | os.PathLike[str], title: str, paragraphs: Sequence[str]) -> Path:
    """Write a minimal valid Word document: a bold centred title, then ``paragraphs``."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def para(text: str, *, bold: bool = False, center: bool = False) -> str:
        ppr = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
        rpr = '<w:rPr><w:b/><w:sz w:val="32"/></w:rPr>' if bold else ""
        return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'

    body = para(title, bold=True, center=True) + "".join(para(p) for p in paragraphs)
    files = {
        "[Content_Types].xml": _XML_DECL
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": _XML_DECL + f'<Relationships xmlns="{_RELS_NS}">'
        f'<Relationship Id="rId1" Type="{_OFFICE_DOC}" Target="word/document.xml"/></Relationships>',
        "word/document.xml": _XML_DECL + f'<w:document xmlns:w="{w}"><w:body>{body}'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>',
    }
    return _write_zip(path, files)


def _cell_ref(row: int, col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return f"{letters}{row + 1}"


def make_xlsx(
    path: str | os.PathLike[str],
    rows: Sequence[Sequence[str | int | float | None]],
    *,
    sheet_name: str = "Sheet1",
) -> Path:
    """Write a minimal valid one-sheet Excel workbook; strings are stored inline, numbers as numbers."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    row_xml: list[str] = []
    for r, row in enumerate(rows):
        cells: list[str] = []
        for c, value in enumerate(row):
            ref = _cell_ref(r, c)
            if value is None:
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                cells.append(
                    f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'
                )
        row_xml.append(f'<row r="{r + 1}">{"".join(cells)}</row>')
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    files = {
        "[Content_Types].xml": _XML_DECL
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/></Types>',
        "_rels/.rels": _XML_DECL + f'<Relationships xmlns="{_RELS_NS}">'
        f'<Relationship Id="rId1" Type="{_OFFICE_DOC}" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": _XML_DECL + f'<workbook xmlns="{main}" xmlns:r="{rel_ns}"><sheets>'
        f'<sheet name="{escape(sheet_name)}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": _XML_DECL + f'<Relationships xmlns="{_RELS_NS}">'
        f'<Relationship Id="rId1" Type="{rel_ns}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{rel_ns}/styles" Target="styles.xml"/></Relationships>',
        "xl/styles.xml": _XML_DECL + f'<styleSheet xmlns="{main}">'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
        "</styleSheet>",
        "xl/worksheets/sheet1.xml": _XML_DECL
        + f'<worksheet xmlns="{main}"><sheetData>{"".join(row_xml)}</sheetData></worksheet>',
    }
    return _write_zip(path, files)
