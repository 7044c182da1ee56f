"""稿件采用情况: every column of adoption.csv, per unit, city and column."""

from __future__ import annotations

from conftest import NOW, Make

from sitegen.check import adoption, percent
from sitegen.config import Config
from sitegen.content import Registry
from sitegen.reports import Forms, column_reports


def test_each_column_of_the_table(config: Config, registry: Registry, make: Make) -> None:
    items = [
        make("太原市教育局", "2024-05-13 09:00", "approved"),
        make("太原市教育局", "2024-05-13 09:00", "approved"),
        make("太原市教育局", "2024-05-13 09:00", "rejected"),
        make("太原市教育局", "2024-05-13 09:00", "submitted"),
        make("太原市教育局", "2024-05-13 09:00", "approved", publish_at="2030-01-01 09:00"),  # not yet published
        make("太原市教育局", "2024-05-13 09:00", "draft"),  # not received
        make("太原市教育局", None, "approved"),  # no receipt time: not counted
        make("太原开放大学", "2024-05-14 09:00", "approved"),
        make("运城市教育局", "2024-05-14 09:00", "rejected"),
    ]
    table = adoption(config, registry, items, NOW)
    bureau = next(r for r in table.units if r.name == "太原市教育局")
    assert (bureau.tally.received, bureau.tally.adopted, bureau.tally.rejected, bureau.tally.pending) == (5, 2, 1, 2)
    assert bureau.tally.rate == "40.0%"
    assert [r.name for r in table.units] == ["太原市教育局", "太原开放大学", "运城市教育局"]
    assert [(c.name, c.tally.received, c.tally.adopted) for c in table.cities] == [("太原市", 6, 3), ("运城市", 1, 0)]
    assert (table.total.received, table.total.adopted, table.total.rejected, table.total.pending) == (7, 3, 2, 2)

    csv = column_reports(config, registry, config.columns["vocational"], items, 2024, NOW, Forms())["adoption.csv"]
    assert csv.startswith(b"\xef\xbb\xbf")
    assert csv.decode("utf-8-sig").splitlines() == [
        "单位,类型,所在市,报送,采用,退稿,待审,采用率",
        "太原市教育局,市教育局,太原市,5,2,1,2,40.0%",
        "太原开放大学,开放大学,太原市,1,1,0,0,100.0%",
        "运城市教育局,市教育局,运城市,1,0,1,0,0.0%",
        "太原市合计,市合计,太原市,6,3,1,2,50.0%",
        "运城市合计,市合计,运城市,1,0,1,0,0.0%",
        "合计,专栏合计,,7,3,2,2,42.9%",
    ]


def test_the_rate_has_one_decimal_rounded_half_up() -> None:
    assert percent(2, 3) == "66.7%"
    assert percent(1, 3) == "33.3%"
    assert percent(1, 8) == "12.5%"
    assert percent(1, 16) == "6.3%"  # 6.25 → 6.3, not the 6.2 of rounding half to even
    assert percent(0, 0) == "—"


def test_a_unit_known_by_its_former_name_is_counted_under_its_name(config: Config, make: Make) -> None:
    from sitegen.content import Unit

    renamed = Unit("太原市教育局", "city-bureau", "太原市", "ty", former_names=("太原市教育委员会",))
    table = adoption(config, Registry({renamed.name: renamed}), [make("太原市教育委员会", "2024-05-13 09:00")], NOW)
    assert [r.name for r in table.units] == ["太原市教育局"]
