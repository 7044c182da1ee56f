"""Stage 5, render: the photographs the column home leads with, the newest first: the gallery photos and video
posters of the current edition's articles, and the first picture of articles without either, each captioned
and linking to its article. A grid, never a carousel: nothing moves by itself."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path

from ..check import Entry
from ..content import MediaUse
from ..core import frozen
from ..images import Picture, picture_html
from .urls import relative

PHOTOS = 8  # two rows of four on a desktop, four rows of two on a phone
PER_ARTICLE = 2  # so one large gallery does not fill the home page alone
# Four across from 48rem (the grid of 20-home.css), two across below it.
SIZES = "(min-width: 72rem) 17rem, (min-width: 48rem) 23vw, calc(50vw - 1.5rem)"


@frozen
class HomePhoto:
    html: str  # the responsive <picture>, linked relative to the home page
    caption: str
    path: str  # the article's site-root path
    title: str  # the article's title
    video: bool  # a video's poster: the card says so


def home_photos(
    entries: Sequence[Entry], uses: Mapping[str, MediaUse], pictures: Mapping[Path, Picture]
) -> tuple[HomePhoto, ...]:
    """At most PHOTOS photos from `entries` (newest first), at most PER_ARTICLE from one article."""
    photos: list[HomePhoto] = []
    for entry in entries:
        article = entry.article
        found: list[tuple[Path, str, bool]] = []
        for image in article.images:
            if image.src.path:
                found.append((image.src.path, image.caption.event or article.title, False))
        video = article.video
        if video and video.poster and video.poster.path:
            found.append((video.poster.path, f"视频：{article.title}", True))
        if not found:
            use = uses.get(article.rel)
            if use and use.images:
                found.append((use.images[0], article.title, False))
        for path, caption, is_video in found[:PER_ARTICLE]:
            picture = pictures.get(path)
            if picture is None:
                continue
            # alt="": the caption beside it names the photo, and a link named twice is read twice.
            html = picture_html(picture, "", partial(relative, ""), sizes=SIZES)
            photos.append(HomePhoto(html, caption, entry.path, article.title, is_video))
            if len(photos) == PHOTOS:
                return tuple(photos)
    return tuple(photos)
