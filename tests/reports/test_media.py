"""Media reports by level: central, provincial (without central), and the total."""

from __future__ import annotations

from conftest import Make

from sitegen.config import Config
from sitegen.content import Registry
from sitegen.reports import MediaCount, media_counts, outlet_level


def test_outlets_are_classified_by_the_lists_in_config(config: Config) -> None:
    s = config.reports
    assert outlet_level("人民日报", s) == "central"
    assert outlet_level("新华社", s) == "central"
    assert outlet_level("中国教育报", s) == "central"
    assert outlet_level("人民网山西频道", s) == "central"  # starts with 人民网
    assert outlet_level("山西日报", s) == "provincial"
    assert outlet_level("山西广播电视台《山西新闻联播》", s) == "provincial"
    assert outlet_level("黄河新闻网", s) == "provincial"
    assert outlet_level("太原日报", s) is None
    assert outlet_level("中国新闻网", s) == "central"  # the longest listed name decides


def test_reports_are_counted_per_unit_by_level(config: Config, registry: Registry, make: Make) -> None:
    items = [
        make("太原市教育局", "2024-05-13 09:00", kind="media", outlets=("人民日报", "山西日报", "太原日报")),
        make("太原市教育局", "2024-05-14 09:00", "submitted", kind="media", outlets=("新华网",)),
        make("太原市教育局", "2024-05-14 09:00", "rejected", kind="media", outlets=("光明日报",)),  # not vouched for
        make("太原市教育局", "2024-05-14 09:00", "draft", kind="media", outlets=("光明日报",)),
        make("运城市教育局", "2024-05-14 09:00", kind="media", outlets=("黄河新闻网", "山西新闻网")),
    ]
    counts = media_counts(registry, items, config.reports)
    assert counts == {
        "太原市教育局": MediaCount(central=2, provincial=1, total=4),
        "运城市教育局": MediaCount(central=0, provincial=2, total=2),
    }
