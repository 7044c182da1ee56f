"""Stage 5, render: the column's favicon, an SVG for current browsers and favicon.ico (16, 32, 48 px) for old
ones, drawn from the column's colour: a gear for vocational education, an open book for lifelong learning.

The shapes are one list of polygons on a 64-unit grid, drawn by Pillow for the .ico and written as SVG paths,
so the two files always show the same picture.
"""

from __future__ import annotations

import io
import math

from PIL import Image, ImageDraw

GRID = 64
# The theme's header colours (themes/default/assets/css/00-base.css), by column id; another id gets the first.
COLOURS = {"vocational": "#0b4a8b", "lifelong": "#0f6b5c"}
ICO_SIZES = ((16, 16), (32, 32), (48, 48))

Polygon = tuple[tuple[float, float], ...]


def _gear() -> tuple[Polygon, Polygon]:
    """Eight teeth around a ring, and the hole in its middle."""
    outer: list[tuple[float, float]] = []
    teeth = 8
    for i in range(teeth * 4):
        angle = 2 * math.pi * (i - 0.5) / (teeth * 4)
        radius = 22 if i % 4 in (0, 1) else 16.5
        outer.append((32 + radius * math.cos(angle), 32 + radius * math.sin(angle)))
    hole = tuple((32 + 7 * math.cos(2 * math.pi * k / 24), 32 + 7 * math.sin(2 * math.pi * k / 24)) for k in range(24))
    return tuple(outer), hole


def _book() -> tuple[Polygon, ...]:
    """Two open pages with a spine between them."""
    left = ((10, 18), (22, 15), (30, 19), (30, 50), (22, 46), (10, 49))
    right = ((34, 19), (42, 15), (54, 18), (54, 49), (42, 46), (34, 50))
    return left, right


def shapes(column_id: str) -> tuple[tuple[Polygon, ...], tuple[Polygon, ...]]:
    """(white polygons, polygons cut back to the column colour) of one column's picture."""
    if column_id == "vocational":
        gear, hole = _gear()
        return (gear,), (hole,)
    return _book(), ()


def colour(column_id: str) -> str:
    return COLOURS.get(column_id, next(iter(COLOURS.values())))


def _path(polygon: Polygon) -> str:
    return "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in polygon) + "Z"


def favicon_svg(column_id: str) -> bytes:
    white, cut = shapes(column_id)
    fill = colour(column_id)
    paths = "".join(f'<path fill="#fff" d="{_path(p)}"/>' for p in white)
    paths += "".join(f'<path fill="{fill}" d="{_path(p)}"/>' for p in cut)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {GRID} {GRID}">'
        f'<rect width="{GRID}" height="{GRID}" rx="12" fill="{fill}"/>{paths}</svg>\n'
    ).encode()


def favicon_ico(column_id: str) -> bytes:
    scale = 4  # drawn at 256 px and scaled down, for smooth edges at 16 px
    size = GRID * scale
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    fill = colour(column_id)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=12 * scale, fill=fill)
    white, cut = shapes(column_id)
    for polygon in white:
        draw.polygon([(x * scale, y * scale) for x, y in polygon], fill="#ffffff")
    for polygon in cut:
        draw.polygon([(x * scale, y * scale) for x, y in polygon], fill=fill)
    out = io.BytesIO()
    image.resize((48, 48), Image.Resampling.LANCZOS).save(out, format="ICO", sizes=ICO_SIZES)
    return out.getvalue()


def favicon_files(column_id: str) -> dict[str, bytes]:
    """The files at the column's site root, by path."""
    return {"favicon.svg": favicon_svg(column_id), "favicon.ico": favicon_ico(column_id)}
