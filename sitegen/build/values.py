"""The values the build's stages hand each other: where things are, the checked content, the rendered site."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..core import frozen

if TYPE_CHECKING:  # the values only name these: a build with nothing to do never loads the stages
    from ..check import ColumnCatalog
    from ..config import Config
    from ..content import Article, Body, Facts, MediaUse, Outline, Registry, Submission
    from ..core import Problem


@dataclass(frozen=True)
class Project:
    """Where things are. Everything else is read from these paths."""

    root: Path
    theme_root: Path | None = None  # tests build fixture sites with the shipped theme
    use_cache: bool = True
    # The review preview (`serve --preview`): drafts and submitted items are rendered too, into a folder of
    # its own with caches of its own, so nothing unapproved can reach output/ or the build's caches.
    preview: bool = False

    @cached_property
    def config(self) -> Path:
        return self.root / "config.yml"

    @cached_property
    def content(self) -> Path:
        return self.root / "content"

    @cached_property
    def theme(self) -> Path:
        return self.theme_root or self.root / "themes" / "default"

    @cached_property
    def output(self) -> Path:
        return self.root / ".cache" / "preview" / "output" if self.preview else self.root / "output"

    @cached_property
    def cache(self) -> Path:
        return self.root / ".cache" / "preview" / "cache" if self.preview else self.root / ".cache"


Progress = Callable[[int, int], None]  # (done, total), called as a stage's items are finished


@dataclass
class Timings:
    """How long each step took, and where the steps report progress (a terminal shows it; see commands)."""

    steps: list[tuple[str, float]] = field(default_factory=list)
    report: Callable[[str, int, int], None] | None = None  # (what, done, total); total 0 announces a step

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        if self.report is not None:
            self.report(name, 0, 0)
        start = time.perf_counter()
        yield
        self.steps.append((name, time.perf_counter() - start))

    def progress(self, what: str) -> Progress | None:
        report = self.report
        if report is None:
            return None
        return lambda done, total: report(what, done, total)


class ArticleSource(Protocol):
    """What the build reads of its articles only when a stage asks (the build index, or memory without one):
    a build holds every article's outline, never every body. Each call is a read."""

    def body(self, rel: str) -> Body:
        """The article's rendered body: what its page and search record show."""
        ...

    def summaries(self, column: str) -> Mapping[str, str]:
        """The summary of the body of each of the column's articles, by rel path."""
        ...

    def reading(self) -> AbstractContextManager[object]:
        """One connection for the reads of a stage (`with checked.source.reading():`), closed when it ends."""
        ...


@frozen
class Checked:
    """The validated content: what may be published, and what was wrong."""

    config: Config
    registry: Registry
    articles: tuple[Article, ...]  # submitted and approved (in a preview, also draft) articles without problems
    source: ArticleSource  # where the bodies and body summaries are read, when a stage asks for them
    outlines: Mapping[str, Outline]  # by article rel path: what the review queue reads of a body (no summary)
    uses: Mapping[str, MediaUse]  # the media files each article shows or offers, by article rel path
    facts: Mapping[Path, Facts]
    catalogs: Mapping[str, ColumnCatalog]
    problems: tuple[Problem, ...]
    skipped: tuple[str, ...]  # files left out by --skip-invalid
    read: tuple[Article, ...] = ()  # every article that reads cleanly, whatever its status or problems
    submissions: tuple[Submission, ...] = ()  # every article file with a readable status, drafts included
    loaded: int = 0  # article files analysed, or read back from the build index


@frozen
class Site:
    files: Mapping[str, bytes]  # output-relative path -> bytes
    copies: Mapping[str, Path | str]  # output-relative path -> file to link or copy (media; unchanged pages, as text)
    keys: Mapping[str, str]  # output-relative path -> what the file was built from, for the next build
    staged: frozenset[str] = frozenset()  # output-relative paths of pages already written to the staging folder
    rendered: tuple[str, ...] = ()  # output-relative paths of the pages rendered by this build (not reused)
    indexed: tuple[tuple[str, ...], ...] = ()  # the search bundles Pagefind built, by the pages in each


@frozen
class Built:
    """What a build published, for the command line and the dev server."""

    published: Mapping[str, int]  # column id -> articles published
    skipped: tuple[str, ...] = ()  # files left out by --skip-invalid
    problems: tuple[Problem, ...] = ()
    unchanged: bool = False  # no input had changed since the last build, so nothing was done
    rendered: tuple[str, ...] = ()  # output-relative paths of the pages this build rendered
    indexed: tuple[tuple[str, ...], ...] = ()  # the search bundles Pagefind built, by the pages in each
    loaded: int = 0  # article files analysed, or read back from the build index, to make this build
    reason: str = ""  # why no page of the last build could be reused (every page rendered); "" when they were
