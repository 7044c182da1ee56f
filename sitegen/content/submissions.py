"""Stage 3, model: the list-facing fields of every article whatever its status, for counting submissions."""

from __future__ import annotations

from datetime import date, datetime

from ..core import frozen
from .model import Article

COUNTED = ("submitted", "approved", "rejected")  # a draft has not been received yet


@frozen
class MediaReport:
    outlet: str
    date: date | None


@frozen
class Submission:
    """One article file as the editorial accounting sees it. `title` is for the editors' reports only."""

    rel: str
    column: str
    section: str
    title: str
    unit: str
    status: str  # draft | submitted | approved | rejected
    kind: str
    received: datetime | None  # when the unit's e-mail arrived; None: not counted for quotas
    date: datetime
    publish_at: datetime | None
    reports: tuple[MediaReport, ...]  # the outlets of a `media` item
    slug: str = ""  # the URL segment it takes in its section: a new article must not take it
    intake_id: str | None = None  # what `build.py import` made it from: importing it again is refused

    @property
    def counted(self) -> bool:
        """Received by the department: every status but draft."""
        return self.status in COUNTED

    @property
    def year(self) -> int:
        """The edition an item belongs to: the year it was received, or else the year of its date."""
        return (self.received or self.date).year

    def is_published(self, now: datetime) -> bool:
        return self.status == "approved" and (self.publish_at is None or self.publish_at <= now)


def submission_of(article: Article, slug: str) -> Submission:
    return Submission(
        rel=article.rel,
        column=article.column,
        section=article.section,
        title=article.title,
        unit=article.unit,
        status=article.status,
        kind=article.kind,
        received=article.received,
        date=article.date,
        publish_at=article.publish_at,
        reports=tuple(MediaReport(r.outlet, r.date) for r in article.reports) if article.kind == "media" else (),
        slug=slug,
        intake_id=article.intake_id,
    )
