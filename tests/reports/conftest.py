"""Shared ground of the report tests: the shipped config.yml (its reports: block follows the notice), a small
registry of units, and a factory of submission records, so the queries are tested without files."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from sitegen.config import Config, load_config
from sitegen.content import MediaReport, Registry, Submission, Unit

REPO = Path(__file__).parents[2]
TZ = ZoneInfo("Asia/Shanghai")

UNITS = (
    Unit("太原市教育局", "city-bureau", "太原市", "taiyuan-jyj"),
    Unit("运城市教育局", "city-bureau", "运城市", "yuncheng-jyj"),
    Unit("太原开放大学", "open-university", "太原市", "taiyuan-kd"),  # organised by the city bureau
    Unit("太原市迎泽区社区学习中心", "other", "太原市", "yingze-sq"),  # likewise
    Unit("山西开放大学", "open-university", "太原市", "sxou"),  # provincial: not the city's
    Unit("山西工程科技职业大学", "higher-vocational", "晋中市", "sxgkd"),
    Unit("太原市财政金融学校", "secondary-high-level", "太原市", "tycj"),
    Unit("山西省工贸学校", "secondary-provincial", "太原市", "sxgm"),
)


@pytest.fixture(scope="session")
def config() -> Config:
    return load_config(REPO / "config.yml")


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry({u.name: u for u in UNITS})


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


Make = Callable[..., Submission]


@pytest.fixture
def make() -> Make:
    counter = iter(range(1, 100000))

    def build(
        unit: str,
        received: str | None,
        status: str = "approved",
        *,
        column: str = "vocational",
        kind: str = "news",
        title: str = "稿件",
        publish_at: str | None = None,
        outlets: tuple[str, ...] = (),
    ) -> Submission:
        n = next(counter)
        return Submission(
            rel=f"content/{column}/highlights/item-{n}.md",
            column=column,
            section="highlights",
            title=title,
            unit=unit,
            status=status,
            kind=kind,
            received=moment(received) if received else None,
            date=moment(received) if received else moment("2024-05-14 09:00"),
            publish_at=moment(publish_at) if publish_at else None,
            reports=tuple(MediaReport(o, None) for o in outlets),
        )

    return build


NOW = moment("2024-05-20 12:00")


REPORTS_BLOCK = (REPO / "config.yml").read_text(encoding="utf-8").split("\nreports:\n", 1)[1]


def report_site(tmp: Path, *, adoption_page: bool = True):  # -> sitekit.FixtureSite
    """The valid fixture site with the shipped reports: block, and /adoption/ on the vocational column."""
    import sitekit

    site = sitekit.materialize(tmp)
    config = site.root / "config.yml"
    text = config.read_text(encoding="utf-8")
    if adoption_page:
        text = text.replace("  vocational:\n", "  vocational:\n    adoption_page: true\n", 1)
    config.write_text(text + "\nreports:\n" + REPORTS_BLOCK, encoding="utf-8")
    return site
