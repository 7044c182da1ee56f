"""The editors' dashboard: headed with the report's own edition, and saying why its chart's total is not the
报送 card's."""

from __future__ import annotations

from reportkit import NOW, Make

from sitegen.config import Config
from sitegen.content import Registry
from sitegen.reports import Forms, column_reports


def test_a_2024_report_is_titled_2024_and_explains_the_chart_total(
    config: Config, registry: Registry, make: Make
) -> None:
    assert config.columns["vocational"].current.year == 2025  # the report is of a past edition
    items = [
        make("太原市教育局", "2024-05-13 09:00"),
        make("太原市教育局", "2024-05-10 09:00"),  # before the period: 报送, not in the chart
        make("山西工程科技职业大学", "2024-05-19 18:30"),  # counts on 5/20: after the period
    ]
    page = column_reports(config, registry, config.columns["vocational"], items, 2024, NOW, Forms())["index.html"]
    html = page.decode()
    assert "<h1>山西省2024年职业教育活动周专栏 · 报送统计</h1>" in html
    assert "2025" not in html
    assert '<div class="card">报送<b>3</b></div>' in html
    assert "图中合计 1 篇，“报送”3 篇另含统计期外收到 2 篇，不在图中。" in html


def test_the_chart_note_is_left_out_when_the_totals_agree(config: Config, registry: Registry, make: Make) -> None:
    items = [make("太原市教育局", "2024-05-13 09:00")]
    html = column_reports(config, registry, config.columns["vocational"], items, 2024, NOW, Forms())["index.html"]
    assert "图中合计" not in html.decode()
