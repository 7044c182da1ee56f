"""Stage 4, validation: what a rule may look at for one article (`Subject`), and its media files as named (`Ref`)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..config import Config
from ..content import Article, Body, Facts, MediaPath, Registry, resolve_media
from ..core import FieldPath, Problem, dotted, frozen, line_of
from .lexicon import Lexicon


@frozen
class Ref:
    """A media file as the article names it: in a front matter field, or in the body (`field` is None)."""

    written: str
    path: Path | None  # None when it leaves content/
    field: tuple[str | int, ...] | None


@frozen
class Subject:
    """Everything a rule may look at for one submitted or approved article."""

    article: Article
    body: Body
    facts: Mapping[Path, Facts]
    config: Config
    registry: Registry
    lexicon: Lexicon = Lexicon()  # the copy-editing list; load_lexicon reads the shipped and the editors' files

    def problem(self, path: FieldPath, message: str, hint: str = "") -> Problem:
        found = line_of(self.article.source.front_text, path)
        return Problem(self.article.rel, found + 1 if found else None, dotted(path), message, hint)

    def at(self, ref: Ref, message: str, hint: str = "") -> Problem:
        """A problem with one media file, placed on its front matter field or on its line in the body."""
        if ref.field is not None:
            return self.problem(ref.field, message, hint)
        return Problem(self.article.rel, self.body_line(ref.written), "正文", f"插图“{ref.written}”：{message}", hint)

    def body_line(self, needle: str = "") -> int | None:
        """Line of the first occurrence of `needle` in the body; the body's first line without one."""
        article = self.article
        index = article.body.find(needle) if needle else 0
        if index < 0:
            return None
        return article.source.body_line + article.body.count("\n", 0, index)

    def fact(self, ref: Ref) -> Facts | None:
        return self.facts.get(ref.path) if ref.path else None

    def body_images(self) -> tuple[Ref, ...]:
        content = Path(self.article.source.path).parents[2]
        return tuple(
            Ref(w, resolve_media(content, self.article.source, w, "正文", None).path, None) for w in self.body.images
        )

    def figure_images(self) -> tuple[Ref, ...]:
        return tuple(ref_of(i.src, ("images", n, "src")) for n, i in enumerate(self.article.images))

    def poster(self) -> tuple[Ref, ...]:
        video = self.article.video
        return (ref_of(video.poster, ("video", "poster")),) if video and video.poster else ()

    def video_src(self) -> tuple[Ref, ...]:
        video = self.article.video
        return (ref_of(video.src, ("video", "src")),) if video and video.src else ()

    def all_images(self) -> tuple[Ref, ...]:
        return (*self.body_images(), *self.figure_images(), *self.poster())


def ref_of(media: MediaPath, field: tuple[str | int, ...]) -> Ref:
    return Ref(media.written, media.path, field)
