"""Where the last full build put each published article, so an edit can find what depends on it by query."""

from __future__ import annotations

from pathlib import Path

from ..content import MediaUse, Submission, Unit
from ..core import frozen
from ..render import Item, Link


@frozen
class Placement:
    """One published article as the last full build laid it out.

    Everything another page shows of the article is here (its item in lists and feeds, its submission record
    in the adoption counts, its URL, aliases and neighbours), so an edit that leaves all of it equal changes
    the article's own page and its search bundle, and nothing else.
    """

    column: str
    path: str  # site-root path of the page, e.g. highlights/taiyuan-opening/
    slug: str
    unit: Unit
    submission: Submission
    aliases: tuple[str, ...]
    use: MediaUse
    item: Item
    newer: Link | None
    older: Link | None
    bundle: str  # the name of the search bundle that indexes the page
    originals: tuple[Path, ...] = ()  # the photos it shows that get a full-size copy (some gallery shows them)

    @property
    def target(self) -> str:
        return self.path + "index.html"
