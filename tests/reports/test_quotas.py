"""Daily quotas: the 18:00 cut-off, what a city bureau counts, the weekly rule, and what is not counted."""

from __future__ import annotations

import io
import warnings
from dataclasses import replace

import openpyxl
from reportkit import NOW, Make, moment

from sitegen.config import Config
from sitegen.content import Registry
from sitegen.reports import Forms, column_reports, quota_day, quota_headers, quota_period, quota_rows


def _days(config: Config):
    return quota_period(config.columns["vocational"], config.reports, 2024)


def _row(config: Config, registry: Registry, items, unit: str):
    rows = quota_rows(config, registry, items, _days(config))
    return next(r for r in rows if r.unit.name == unit)


def test_the_period_is_13_to_19_may_as_the_notice_says(config: Config) -> None:
    days = _days(config)
    assert quota_headers(days) == (
        "单位", "类型", "所在市", "5月13日", "5月14日", "5月15日", "5月16日", "5月17日", "5月18日", "5月19日",
        "合计", "要求", "达标",
    )  # fmt: skip


def test_an_item_received_at_or_after_1800_counts_on_the_next_day(
    config: Config, registry: Registry, make: Make
) -> None:
    cutoff, tz = config.reports.cutoff, config.timezone
    assert quota_day(moment("2024-05-14 17:59"), tz, cutoff).day == 14
    assert quota_day(moment("2024-05-14 18:00"), tz, cutoff).day == 15
    assert quota_day(moment("2024-05-14 18:30"), tz, cutoff).day == 15
    items = [
        make("山西工程科技职业大学", "2024-05-14 17:59"),
        make("山西工程科技职业大学", "2024-05-14 18:00"),
        make("山西工程科技职业大学", "2024-05-14 18:30"),
        make("山西工程科技职业大学", "2024-05-19 18:00"),  # counts on 20 May: after the period
    ]
    row = _row(config, registry, items, "山西工程科技职业大学")
    assert row.counts == (0, 1, 2, 0, 0, 0, 0)
    assert row.total == 3


def test_a_received_time_in_another_zone_counts_in_shanghai_time(
    config: Config, registry: Registry, make: Make
) -> None:
    item = make("山西工程科技职业大学", None)
    from dataclasses import replace
    from datetime import UTC, datetime

    utc = replace(item, received=datetime(2024, 5, 14, 10, 0, tzinfo=UTC))  # 18:00 in Shanghai
    assert _row(config, registry, [utc], "山西工程科技职业大学").counts[2] == 1


def test_a_city_bureau_counts_the_municipal_units_it_organises(config: Config, registry: Registry, make: Make) -> None:
    items = [
        make("太原市教育局", "2024-05-13 09:00"),
        make("太原开放大学", "2024-05-13 10:00"),  # open-university branch of the city
        make("太原市迎泽区社区学习中心", "2024-05-13 11:00"),  # community learning centre
        make("山西开放大学", "2024-05-13 12:00"),  # provincial: reports to the province itself
        make("太原市财政金融学校", "2024-05-13 12:00"),  # has a quota of its own
        make("山西省工贸学校", "2024-05-13 12:00"),  # likewise
    ]
    bureau = _row(config, registry, items, "太原市教育局")
    assert bureau.counts[0] == 3
    assert _row(config, registry, items, "太原市财政金融学校").counts[0] == 1
    names = {r.unit.name for r in quota_rows(config, registry, items, _days(config))}
    assert "太原开放大学" not in names and "山西开放大学" not in names  # no quota of their own


def test_daily_rule_needs_every_day_and_weekly_rule_the_sum(config: Config, registry: Registry, make: Make) -> None:
    daily = [make("山西工程科技职业大学", f"2024-05-{d} 09:00") for d in range(13, 20)]
    assert _row(config, registry, daily, "山西工程科技职业大学").met
    assert not _row(config, registry, daily[:-1], "山西工程科技职业大学").met  # 19 May missing

    three_in_one_day = [make("山西省工贸学校", "2024-05-15 09:00") for _ in range(3)]
    row = _row(config, registry, three_in_one_day, "山西省工贸学校")
    assert row.met and row.rule.label == "活动周内≥3篇"
    assert not _row(config, registry, three_in_one_day[:2], "山西省工贸学校").met


def test_every_received_status_counts_but_drafts_and_items_without_a_time_do_not(
    config: Config, registry: Registry, make: Make
) -> None:
    items = [
        make("太原市教育局", "2024-05-13 09:00", "submitted"),
        make("太原市教育局", "2024-05-13 09:00", "approved"),
        make("太原市教育局", "2024-05-13 09:00", "rejected"),
        make("太原市教育局", "2024-05-13 09:00", "draft"),
        make("太原市教育局", None, "approved", title="没有收稿时间的稿件"),
    ]
    assert _row(config, registry, items, "太原市教育局").counts[0] == 3
    files = column_reports(config, registry, config.columns["vocational"], items, 2024, NOW, Forms())
    page = files["index.html"].decode()
    assert "无收稿时间（1 篇，不计入统计）" in page
    assert "没有收稿时间的稿件" in page


def test_quotas_csv_is_utf8_with_bom_with_one_row_per_unit_with_a_quota(
    config: Config, registry: Registry, make: Make
) -> None:
    items = [make("太原市教育局", f"2024-05-{d} 09:00") for d in range(13, 20) for _ in range(3)]
    files = column_reports(config, registry, config.columns["vocational"], items, 2024, NOW, Forms())
    data = files["quotas.csv"]
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "单位,类型,所在市,5月13日,5月14日,5月15日,5月16日,5月17日,5月18日,5月19日,合计,要求,达标"
    assert lines[1] == "太原市教育局,市教育局,太原市,3,3,3,3,3,3,3,21,每天≥3篇,是"
    # By city (as config.yml lists them), then type (as SPEC 4.4 lists them), then name.
    assert [line.split(",")[0] for line in lines[1:]] == [
        "太原市教育局",
        "太原市财政金融学校",
        "山西省工贸学校",
        "山西工程科技职业大学",
        "运城市教育局",
    ]
    assert lines[5] == "运城市教育局,市教育局,运城市,0,0,0,0,0,0,0,0,每天≥3篇,否"


def test_the_dashboard_lists_who_is_short_today(config: Config, registry: Registry, make: Make) -> None:
    items = [make("太原市教育局", "2024-05-15 09:00") for _ in range(3)] + [make("运城市教育局", "2024-05-15 09:00")]
    files = column_reports(
        config, registry, config.columns["vocational"], items, 2024, moment("2024-05-15 16:00"), Forms()
    )
    page = files["index.html"].decode()
    short = page[page.index("今日（5月15日）未达标的单位") : page.index("每日报送达标情况")]
    assert "运城市教育局" in short and '<span class="no">1</span>/3' in short
    assert "太原市教育局" not in short
    assert "<svg" in page and "<script" not in page


def test_one_quota_counts_both_columns_with_the_split_in_the_workbook_and_on_the_dashboard(
    config: Config, registry: Registry, make: Make
) -> None:
    """晋教职成函〔2024〕31号 sets one quota per unit for the two weeks: a higher-vocational school's lifelong item
    counts toward its daily one, in either column's report."""
    items = [make("山西工程科技职业大学", f"2024-05-{d} 09:00") for d in range(13, 19)]
    items.append(make("山西工程科技职业大学", "2024-05-19 09:00", column="lifelong"))
    for column in ("vocational", "lifelong"):
        files = column_reports(config, registry, config.columns[column], items, 2024, NOW, Forms())
        lines = files["quotas.csv"].decode("utf-8-sig").splitlines()
        assert "山西工程科技职业大学,高职学校,晋中市,1,1,1,1,1,1,1,7,每天≥1篇,是" in lines
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ws = openpyxl.load_workbook(io.BytesIO(files["quotas.xlsx"]), data_only=True).worksheets[0]
        heads = [c.value for c in ws[3]]
        row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[1] == "山西工程科技职业大学")
        split = dict(zip(heads, row, strict=True))
        assert (split["合计"], split["其中：职业教育活动周"], split["其中：全民终身学习活动周"]) == (7, 6, 1)
        page = files["index.html"].decode()
        assert "<th>其中：职业教育活动周</th><th>其中：全民终身学习活动周</th>" in page
        assert "<td>7</td><td>6</td><td>1</td>" in page


def test_which_columns_a_rule_counts_is_config(config: Config, registry: Registry, make: Make) -> None:
    rules = tuple(
        replace(rule, columns=("vocational",)) if "higher-vocational" in rule.types else rule
        for rule in config.reports.quotas
    )
    only = replace(config, reports=replace(config.reports, quotas=rules))
    items = [
        make("山西工程科技职业大学", "2024-05-13 09:00"),
        make("山西工程科技职业大学", "2024-05-13 09:10", column="lifelong"),
    ]
    assert _row(only, registry, items, "山西工程科技职业大学").counts[0] == 1
    assert _row(config, registry, items, "山西工程科技职业大学").counts[0] == 2
