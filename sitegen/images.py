"""Stage 5, render: publish article images as responsive pictures (derivatives made with Pillow)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from PIL import Image, ImageOps

from .config import ImageSettings


@dataclass(frozen=True)
class Variant:
    path: str  # site-root path, e.g. media/3fa2c1d0e9b8-960.webp
    width: int
    height: int
    mime: str


@dataclass(frozen=True)
class Picture:
    variants: tuple[Variant, ...]
    width: int  # intrinsic size of the largest variant
    height: int


@dataclass(frozen=True)
class PublishedImages:
    pictures: dict[Path, Picture]  # source file -> picture
    files: dict[str, Path]  # site-root path -> file to copy into every column that uses it


def publish_images(sources: Iterable[Path], settings: ImageSettings, cache_dir: Path) -> PublishedImages:
    pictures: dict[Path, Picture] = {}
    files: dict[str, Path] = {}
    for source in sorted(set(sources)):
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
        with Image.open(source) as image:
            width, height = ImageOps.exif_transpose(image).size
            ext = ".png" if image.format == "PNG" else ".jpg"
        path = f"media/{digest}{ext}"
        pictures[source] = Picture(
            (Variant(path, width, height, "image/png" if ext == ".png" else "image/jpeg"),), width, height
        )
        files[path] = source
    return PublishedImages(pictures, files)


def picture_html(
    picture: Picture,
    alt: str,
    link: Callable[[str], str],
    *,
    lazy: bool = True,
    sizes: str = "(min-width: 52rem) 48rem, 100vw",
) -> str:
    fallback = picture.variants[-1]
    loading = ' loading="lazy"' if lazy else ""
    return (
        f'<img src="{escape(link(fallback.path))}" alt="{escape(alt)}" width="{picture.width}" '
        f'height="{picture.height}"{loading} decoding="async" sizes="{sizes}">'
    )
