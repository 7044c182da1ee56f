"""The editors' dashboard (reports/<column>/index.html) on a phone: no sideways page, the chart fits, no request."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sitegen.config import load_config
from sitegen.content import Submission, load_units
from sitegen.reports import Forms, column_reports

REPO = Path(__file__).parents[2]
TZ = ZoneInfo("Asia/Shanghai")


def _dashboard(tmp_path: Path) -> Path:
    config = load_config(REPO / "config.yml")
    registry, _ = load_units(config, REPO / "content" / "units.yml")
    names = list(registry.units)
    items = []
    for i in range(400):
        received = datetime(2024, 5, 13 + i % 7, 8 + i % 11, i % 60, tzinfo=TZ)
        status = ("approved", "submitted", "rejected")[i % 3]
        items.append(
            Submission(f"content/vocational/highlights/a{i}.md", "vocational", "highlights", f"稿件{i}",
                       names[i % len(names)], status, "news", received if i % 50 else None, received, None, ())
        )  # fmt: skip
    now = datetime(2024, 5, 16, 12, 0, tzinfo=TZ)
    files = column_reports(config, registry, config.columns["vocational"], items, 2024, now, Forms())
    path = tmp_path / "index.html"
    path.write_bytes(files["index.html"])
    return path


def test_the_dashboard_reads_on_a_phone(new_page: Callable[..., Any], tmp_path: Path) -> None:
    page = new_page(viewport={"width": 390, "height": 844})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(_dashboard(tmp_path).as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # wide tables scroll inside their box
    chart = page.locator("svg.chart").bounding_box()
    assert chart is not None and chart["width"] <= 390 and chart["height"] > 250
    assert page.locator("svg.chart rect.bar").count() > 0
    assert page.get_by_text("今日（5月16日）未达标的单位").is_visible()
    font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('td')).fontSize)")
    assert font >= 14
    assert [u for u in requests if not u.startswith("file://")] == []
    assert page.console.errors == []
