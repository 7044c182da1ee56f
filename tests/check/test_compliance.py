"""Each unit's compliance (issue 34 item 2): how many of its items had warnings, and which kinds."""

from __future__ import annotations

import sitekit

from sitegen.check import Compliance, compliance
from sitegen.config import load_config
from sitegen.core import Problem
from sitegen.review.queue import QueueItem, queue_pages


def _warning(rule: str, line: int = 1) -> Problem:
    return Problem("content/a.md", line, "正文", "…", severity="warning", rule=rule)


def test_items_count_once_per_kind_and_errors_are_not_warnings() -> None:
    items = [
        ("太原市教育局", [_warning("body_length"), _warning("punctuation", 3), _warning("punctuation", 5)]),
        ("太原市教育局", [_warning("punctuation")]),
        ("太原市教育局", []),
        ("山西开放大学", [Problem("content/b.md", 4, "unit", "单位未登记", rule="unit_registered")]),
    ]
    assert compliance(items) == (  # by name, as the queue's unit filter lists them
        Compliance("太原市教育局", 3, 2, (("标点", 2), ("字数超限", 1))),
        Compliance("山西开放大学", 1, 0, ()),
    )
    assert compliance(items)[0].kinds_text == "标点 2 篇、字数超限 1 篇"
    assert compliance(items)[1].kinds_text == "—"


def test_the_review_queue_shows_each_units_compliance_and_labels_each_problem() -> None:
    config = load_config(sitekit.SITES / "valid" / "config.yml")
    column = config.columns["vocational"]

    def item(rel: str, unit: str, problems: tuple[Problem, ...]) -> QueueItem:
        return QueueItem(rel, rel, "highlights", "活动风采", unit, None, "新闻稿", 10, problems, None, None)

    pages = queue_pages(
        column,
        [
            item("content/vocational/highlights/a.md", "太原市教育局", (_warning("gallery_captions"),)),
            item("content/vocational/highlights/b.md", "太原市教育局", ()),
        ],
    )
    queue = pages["review/"]
    row = '<tr><th scope="row">太原市教育局</th><td>2</td><td>1</td><td>图片说明 1 篇</td></tr>'
    assert row in queue
    assert '<li class="rq-warning"><span class="rq-severity">提示</span>' in queue
    assert "可审核 · 1 条提示" in queue
    assert "rq-compliance" not in pages["review/problems/"]  # the table is on the queue's first page only


def test_unit_compliance_counts_checked_articles_under_their_registered_names(tmp_path) -> None:
    from sitegen.build import check_content
    from sitegen.check import unit_compliance

    site = sitekit.materialize(tmp_path, "warning-body-too-long", "warning-inline-size")
    checked = check_content(site.project, sitekit.NOW)
    rows = {c.unit: c for c in unit_compliance(checked.registry, checked.articles, checked.problems)}
    assert rows["太原市教育局"].warned == 2
    assert rows["太原市教育局"].kinds == (("字数超限", 1), ("插图大小", 1))  # equal counts: by label
    assert all(c.warned == 0 for unit, c in rows.items() if unit != "太原市教育局")


def test_the_report_writes_each_units_compliance_beside_adoption(tmp_path) -> None:
    from sitegen.commands import main

    site = sitekit.materialize(tmp_path, "warning-body-too-long")
    assert main(["--root", str(site.root), "report", "--now", "2024-05-20T12:00", "--edition", "2024"]) == 0
    rows = (site.root / "reports/vocational/compliance.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "单位,检查稿件,有提示的稿件,提示类型"
    taiyuan = next(row for row in rows if row.startswith("太原市教育局,"))
    assert taiyuan.endswith(",1,字数超限 1 篇")
