"""Stages 2–3 for one file: article bytes to a typed article and its rendered body."""

from __future__ import annotations

import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..config import Config
from ..core import Inside, Problem, fork_map, slugify
from .markup import Body, render_body
from .model import Article, publishable, read_article, resolve_media
from .sources import read_source
from .submissions import Submission, submission_of

Stamp = tuple[str, int, int, int]  # a file as it was read: path, size, mtime, inode


@dataclass(frozen=True)
class Analyzed:
    article: Article | None  # None for unreadable files (and drafts or rejected items that do not read cleanly)
    body: Body | None
    problems: tuple[Problem, ...]
    slug: str = ""  # the article's URL segment: pinyin of a Chinese file name costs the word segmenter
    stamp: Stamp = ("", 0, 0, 0)  # the file as it was read, the key of its analysis in the cache
    submission: Submission | None = None  # every file with a readable status, drafts and rejected items too


@dataclass(frozen=True)
class MediaUse:
    """The files one article shows or offers, resolved under content/."""

    images: tuple[Path, ...]  # inline, gallery and video posters
    videos: tuple[Path, ...]
    files: tuple[Path, ...]  # attachments


def media_use(content: Path, article: Article, body: Body) -> MediaUse:
    inline = (resolve_media(content, article.source, w, "正文", None).path for w in body.images)
    images = [p for p in inline if p] + [i.src.path for i in article.images if i.src.path]
    videos = []
    if article.video:
        if article.video.src and article.video.src.path:
            videos.append(article.video.src.path)
        if article.video.poster and article.video.poster.path:
            images.append(article.video.poster.path)
    files = [a.src.path for a in article.attachments if a.src.path]
    return MediaUse(tuple(images), tuple(videos), tuple(files))


def media_inside(analyzed: Analyzed, inside: Inside) -> bool:
    """Whether every file the article names in its front matter is still inside content/ (`inside`), links
    followed: a cached analysis saw them as they were, and a photo since swapped for a link must be seen again."""
    article = analyzed.article
    if article is None:
        return True
    named = [i.src for i in article.images] + [a.src for a in article.attachments]
    if article.video:
        named += [m for m in (article.video.src, article.video.poster) if m]
    return all(inside(m.path) for m in named if m.path)


def analyze_file(config: Config, content: Path, path: Path) -> Analyzed:
    problems: list[Problem] = []
    source = read_source(config, content, path, problems)
    if source is None:
        return Analyzed(None, None, tuple(problems))
    typed, found = read_article(config, content, source)
    submission = submission_of(typed) if typed is not None else None
    article, found = publishable(typed, found)
    if article is None:
        return Analyzed(None, None, tuple(problems + found), submission=submission)
    slug = article.slug or slugify(article.source.stem, config.place_slugs()) or "article"
    return Analyzed(article, render_body(article.body), tuple(problems + found), slug, submission=submission)


def analyze_all(
    config: Config,
    content: Path,
    files: Sequence[tuple[Path, Stamp]],
    progress: Callable[[int, int], None] | None = None,
) -> list[tuple[Analyzed, bytes]]:
    """Analyze each file, stamped as it was read, on every core; each analysis comes with its pickle, as the
    build index stores it.

    The pickle is made where the analysis is, and the analysis this process keeps is read back from it:
    pickling a Chinese string makes CPython keep a UTF-8 copy inside the string for as long as it lives,
    which would grow every analysis the build holds by half (65 MB at 10,000 articles).
    """

    def analyzed(file: tuple[Path, Stamp]) -> bytes:
        return pickle.dumps(replace(analyze_file(config, content, file[0]), stamp=file[1]), protocol=5)

    return [(pickle.loads(blob), blob) for blob in fork_map(analyzed, files, progress=progress)]  # noqa: S301
