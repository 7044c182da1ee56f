"""Stages 2–3 for one file: article bytes to a typed article and its rendered body."""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from ..config import Config
from ..core import ANALYSES_PER_WORKER, Inside, Problem, fork_imap, frozen, slugify
from .markup import Body, render_body, summarize
from .model import Article, publishable, read_article, resolve_media
from .sources import read_source
from .submissions import Submission, submission_of
from .wordcount import count_words

Stamp = tuple[str, int, int, int]  # a file as it was read: path, size, mtime, inode


@frozen
class Outline:
    """What lists, media lookups and the review queue read of a body, small enough to hold for every article."""

    images: tuple[str, ...]  # inline image paths as written, in order
    summary: str  # the start of the paragraphs, as lists show an article without a summary of its own; "" in an
    # outlined analysis, which leaves it to the build index (Pickled.summary)
    words: int  # 字数 of the whole body


@frozen
class Analyzed:
    article: Article | None  # None for unreadable files (and drafts or rejected items that do not read cleanly)
    body: Body | None  # None in an outline (see outlined)
    problems: tuple[Problem, ...]
    slug: str = ""  # the article's URL segment: pinyin of a Chinese file name costs the word segmenter
    stamp: Stamp = ("", 0, 0, 0)  # the file as it was read, the key of its analysis in the cache
    submission: Submission | None = None  # every file with a readable status, drafts and rejected items too
    outline: Outline | None = None  # with the article

    def outlined(self) -> Analyzed:
        """The analysis as a build holds it for every file: without the body and the file's text, which
        are a third of its size, nor the names of the fields written, which only the rules read, nor the
        summary of the body, which lists read a column at a time from the build index (Pickled.summary).
        Rules and pages read the whole analysis from the build index, one article at a time, so a build
        never holds every body at once."""
        article, outline = self.article, self.outline
        if article is not None:
            source = replace(article.source, front_text="", front=None, body="")
            article = replace(article, source=source, present=frozenset())  # a set is 0.7 KB an article
        if outline is not None:
            outline = replace(outline, summary="")
        return replace(self, article=article, body=None, outline=outline)


class Pickled(NamedTuple):
    """A fresh analysis as the build keeps it (outlined), with the pickles the build index stores. The whole
    analysis is kept in two, since a page and its search record read only the body (0.013 ms to unpickle,
    where the whole analysis took 0.087 ms, for each of them)."""

    analyzed: Analyzed  # outlined, read back from `outline`
    analysis: bytes  # the whole analysis without its body
    body: bytes  # its body, or None
    outline: bytes  # the outlined analysis
    summary: str = ""  # the start of the body's paragraphs, which the outline leaves out (Outline.summary)

    def whole(self) -> Analyzed:
        return joined(self.analysis, self.body)


def joined(analysis: bytes, body: bytes) -> Analyzed:
    """The whole analysis from the two pickles the build index keeps of it (Pickled)."""
    whole: Analyzed = pickle.loads(analysis)  # noqa: S301 - the build's own pickles
    made: Body | None = pickle.loads(body)  # noqa: S301
    return whole if made is None else replace(whole, body=made)


@frozen
class MediaUse:
    """The files one article shows or offers, resolved under content/."""

    images: tuple[Path, ...]  # inline, gallery and video posters
    videos: tuple[Path, ...]
    files: tuple[Path, ...]  # attachments and video subtitles


def media_use(content: Path, article: Article, inline_images: Sequence[str]) -> MediaUse:
    """`inline_images` are the body's, as written (Body.images, Outline.images)."""
    inline = (resolve_media(content, article.source, w, "正文", None).path for w in inline_images)
    images = [p for p in inline if p] + [i.src.path for i in article.images if i.src.path]
    videos = []
    if article.video:
        if article.video.src and article.video.src.path:
            videos.append(article.video.src.path)
        if article.video.poster and article.video.poster.path:
            images.append(article.video.poster.path)
    files = [a.src.path for a in article.attachments if a.src.path]
    if article.video and article.video.captions and article.video.captions.path:
        files.append(article.video.captions.path)  # read at build time, so an edit to it rebuilds the page
    return MediaUse(tuple(images), tuple(videos), tuple(files)) if images or videos or files else _NO_MEDIA


_NO_MEDIA = MediaUse((), (), ())  # one value for the articles without media: 1.7 MB at 30,000 articles


def media_inside(analyzed: Analyzed, inside: Inside) -> bool:
    """Whether every file the article names in its front matter is still inside content/ (`inside`), links
    followed: a cached analysis saw them as they were, and a photo since swapped for a link must be seen again."""
    article = analyzed.article
    if article is None:
        return True
    named = [i.src for i in article.images] + [a.src for a in article.attachments]
    if article.video:
        named += [m for m in (article.video.src, article.video.poster, article.video.captions) if m]
    return all(inside(m.path) for m in named if m.path)


def analyze_file(config: Config, content: Path, path: Path) -> Analyzed:
    problems: list[Problem] = []
    source = read_source(config, content, path, problems)
    if source is None:
        return Analyzed(None, None, tuple(problems))
    typed, found = read_article(config, content, source)
    slug = (typed.slug if typed else None) or slugify(source.stem, config.place_slugs()) or "article"
    submission = submission_of(typed, slug) if typed is not None else None
    article, found = publishable(typed, found)
    if article is None:
        return Analyzed(None, None, tuple(problems + found), submission=submission)
    body = render_body(article.body)
    outline = Outline(body.images, summarize(body.lead, config.rules.summary_max_chars), count_words(body.text))
    return Analyzed(article, body, tuple(problems + found), slug, submission=submission, outline=outline)


def analyze_all(
    config: Config,
    content: Path,
    files: Sequence[tuple[Path, Stamp]],
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Pickled]:
    """Analyze each file, stamped as it was read, on every core; the analyses arrive in order, outlined,
    each with the pickles the build index stores, so the caller can store them as they come.

    The pickles are made where the analysis is, and the outline this process keeps is read back from its
    pickle: pickling a Chinese string makes CPython keep a UTF-8 copy inside the string for as long as it
    lives, which would grow every analysis the build holds by half.
    """

    def analyzed(file: tuple[Path, Stamp]) -> tuple[bytes, bytes, bytes, str]:
        whole = replace(analyze_file(config, content, file[0]), stamp=file[1])
        summary = whole.outline.summary if whole.outline else ""
        analysis, body = pickle.dumps(replace(whole, body=None), protocol=5), pickle.dumps(whole.body, protocol=5)
        return analysis, body, pickle.dumps(whole.outlined(), protocol=5), summary

    # Workers live for 2,000 files each, not fork_imap's 500: forking them again took 17% of the step at
    # 10,000 articles (8.2-8.4 s against 6.7-7.0 s), and the build's peak is in its pages, not here.
    for analysis, body, outline, summary in fork_imap(analyzed, files, progress=progress, batch=ANALYSES_PER_WORKER):
        yield Pickled(pickle.loads(outline), analysis, body, outline, summary)  # noqa: S301 - made just now
