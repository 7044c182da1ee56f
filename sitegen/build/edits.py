"""The quick rebuild's articles: the edited files, checked, and the neighbours whose pages name them.

An edited article qualifies when it reads cleanly, passes the rules and keeps its place in every list:
its URL, aliases, date, section, unit, kind, featured flag, status and media are as the last full build
placed them (`index.Placement`). Its title and summary may change: then the neighbours' pages, which link
it by its title, are read back from the build index and made again too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from ..check import Entry, Subject, apply_rules, load_lexicon
from ..config import Config
from ..content import (
    Article,
    Body,
    Facts,
    MediaUse,
    Pickled,
    Registry,
    Stamp,
    analyze_all,
    media_inside,
    media_use,
)
from ..core import Inside, Store, errors_of, file_stamp, frozen
from ..images import ImageError, Picture, publish_images
from ..index import BuildIndex, Placement
from ..render import Link
from .checking import cached_registry
from .site import item_of
from .values import Project, Timings


@frozen
class QuickArticle:
    """A published article whose page is made again: an edited one that passed every check (`pickled` is
    its new analysis), or a neighbour of one whose title changed (`pickled` None)."""

    source: str  # the article file
    placement: Placement  # where the article is now: the last build's, with its new item and links
    pickled: Pickled | None
    article: Article
    body: Body
    facts: Mapping[Path, Facts]
    pictures: Mapping[Path, Picture]


def check_edits(
    project: Project,
    config: Config,
    scope: str,
    index: BuildIndex,
    changed: Sequence[Stamp],
    stamps: Mapping[str, Stamp],
    now: datetime,
    t: Timings,
) -> list[QuickArticle] | None:
    """Analyse and check the changed files, and read back the neighbours whose links name an edited title;
    None unless each changed file is a published article that reads cleanly, passes the rules and keeps
    its place in every list."""
    placements = [index.placement(stamp[0]) for stamp in changed]
    if any(p is None for p in placements):
        return None  # not an article the last build published: a draft, a photo, units.yml, the theme, …
    with t.step("analyze"):
        fresh = list(analyze_all(config, project.content, [(Path(stamp[0]), stamp) for stamp in changed]))
    registry, problems = cached_registry(config, project, Store(project.cache, "units", scope))
    if problems:
        return None
    probed = Store(project.cache, "probe", scope)
    inside = Inside(project.content)
    edited: list[QuickArticle] = []
    with t.step("rules"):
        for stamp, placement, pickled in zip(changed, placements, fresh, strict=True):
            assert placement is not None
            one = _edit(project, config, registry, probed, inside, stamp[0], placement, pickled, now)
            if one is None:
                return None
            edited.append(one)
    # A neighbour's page links an edited article by its title: it is made again, with the new one.
    titles = {(a.placement.column, a.placement.path): a.placement.item.title for a in edited}
    sources = {a.source for a in edited}
    around: dict[str, QuickArticle] = {}
    for one, old in zip(edited, placements, strict=True):
        assert old is not None
        for link in (one.placement.newer, one.placement.older):
            if link is None or one.placement.item.title == old.item.title:
                continue
            found = index.placement_at(one.placement.column, link.path + "index.html")
            if found is None:
                return None
            source, placement = found
            if source in sources or source in around:
                continue
            analyzed = index.analysis(stamps[source]) if source in stamps else None
            if analyzed is None or analyzed.article is None or analyzed.body is None:
                return None
            facts = _facts(probed, placement.use)
            pictures = _pictures(project, config, placement)
            if facts is None or pictures is None:
                return None
            around[source] = QuickArticle(source, placement, None, analyzed.article, analyzed.body, facts, pictures)
    return [_relinked(a, titles) for a in (*edited, *around.values())]


def _relinked(one: QuickArticle, titles: Mapping[tuple[str, str], str]) -> QuickArticle:
    """The article with its neighbours' links named by their titles after the edit."""

    def link(old: Link | None) -> Link | None:
        return old if old is None else Link(titles.get((one.placement.column, old.path), old.title), old.path)

    placement = replace(one.placement, newer=link(one.placement.newer), older=link(one.placement.older))
    return replace(one, placement=placement)


def _edit(
    project: Project,
    config: Config,
    registry: Registry,
    probed: Store,
    inside: Inside,
    source: str,
    placement: Placement,
    pickled: Pickled,
    now: datetime,
) -> QuickArticle | None:
    """The edited article with its new item, when it keeps its place in every list and passes every rule."""
    analyzed = pickled.whole()
    article, body, outline = analyzed.article, analyzed.body, analyzed.outline
    if article is None or body is None or outline is None or analyzed.problems or not media_inside(analyzed, inside):
        return None
    submission = analyzed.submission
    if (
        submission is None
        or replace(submission, title=placement.submission.title) != placement.submission
        or analyzed.slug != placement.slug
        or article.aliases != placement.aliases
        or not article.is_published(now)
        or registry.find(article.unit) != placement.unit
    ):
        return None
    use = media_use(project.content, article, outline.images)
    if use != placement.use:
        return None
    facts = _facts(probed, placement.use)
    lexicon, _ = load_lexicon(project.content)  # its problems stop the full build
    if facts is None or errors_of(apply_rules(Subject(article, body, facts, config, registry, lexicon))):
        return None  # the full build reports the problems
    column = config.columns[placement.column]
    entry = Entry(article, placement.slug, placement.path, placement.unit)
    shown = item_of(config, column, entry, outline.summary)
    old = placement.item
    if replace(shown, title=old.title, summary=old.summary) != old or (shown.title != old.title and article.aliases):
        return None  # a new date, kind or featured flag moves it in lists; an alias's redirect page names it
    pictures = _pictures(project, config, placement)
    if pictures is None:
        return None
    placement = replace(placement, item=shown, submission=submission)
    return QuickArticle(source, placement, pickled, article, body, facts, pictures)


def _facts(probed: Store, use: MediaUse) -> dict[Path, Facts] | None:
    """The probed facts of the videos, files and photos an article shows; None when one is not probed."""
    facts: dict[Path, Facts] = {}
    for path in {*use.images, *use.videos, *use.files}:
        fact = probed.get(file_stamp(path)) if path.exists() else None
        if fact is None:
            return None
        facts[path] = fact
    return facts


def _pictures(project: Project, config: Config, placement: Placement) -> Mapping[Path, Picture] | None:
    try:
        images = publish_images(
            placement.use.images, config.images, project.cache / "images", originals=placement.originals, prune=False
        )
    except ImageError:
        return None
    return images.pictures
