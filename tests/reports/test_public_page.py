"""/adoption/ (稿件采用情况): counts and rates only; nothing of an unpublished item anywhere in output/."""

from __future__ import annotations

from pathlib import Path

from reportkit import NOW, report_site

from sitegen.build import build

UNPUBLISHED = {
    "content/vocational/highlights/qx-draft-item.md": (
        "---\ntitle: 保密草稿标题甲\ndate: 2024-05-15\nreceived: 2024-05-15 09:00\nunit: 太原市教育局\n"
        "status: draft\nsummary: 保密草稿摘要甲\n---\n保密草稿正文甲\n"
    ),
    "content/vocational/highlights/qx-rejected-item.md": (
        "---\ntitle: 保密退稿标题乙\ndate: 2024-05-15\nreceived: 2024-05-15 10:00\nunit: 太原市教育局\n"
        "status: rejected\nsummary: 保密退稿摘要乙\n---\n保密退稿正文乙\n"
    ),
    "content/vocational/highlights/qx-pending-item.md": (
        "---\ntitle: 保密待审标题丙\ndate: 2024-05-15\nreceived: 2024-05-15 11:00\nunit: 运城市教育局\n"
        "status: submitted\nsummary: 保密待审摘要丙\n---\n保密待审正文丙。\n"
    ),
}


def test_the_adoption_page_shows_counts_and_never_an_unpublished_item(tmp_path: Path) -> None:
    site = report_site(tmp_path)
    for rel, text in UNPUBLISHED.items():
        site.write(rel, text)
    site.write(
        "content/vocational/highlights/opening.md",
        site.root.joinpath("content/vocational/highlights/opening.md")
        .read_text(encoding="utf-8")
        .replace("unit: 太原市教育局\n", "unit: 太原市教育局\nreceived: 2024-05-12 09:30\n"),
    )
    build(site.project, NOW)
    page = site.read_output("vocational/adoption/index.html")
    assert "<h1>稿件采用情况</h1>" in page
    row = (
        '<tr><th scope="row">太原市教育局</th><td>市教育局</td><td>太原市</td><td>2</td><td>1</td><td>1</td><td>0</td>'
    )
    assert row + "<td>50.0%</td></tr>" in page
    assert '<tr><th scope="row">运城市</th><td>1</td><td>0</td><td>0</td><td>1</td><td>0.0%</td></tr>' in page
    assert not (site.output / "lifelong" / "adoption").exists()  # the column did not ask for it
    # Readers find it from the footer of every page of the column that publishes it, and only there.
    assert '<a href="../adoption/">稿件采用情况</a>' in site.read_output("vocational/units/index.html")
    assert "稿件采用情况" not in site.read_output("lifelong/index.html")

    everything = site.all_output_text()
    for word in ("保密", "qx-draft-item", "qx-rejected-item", "qx-pending-item", "未发布样稿"):
        assert word not in everything, word
    names = {p.name for p in site.output.rglob("*")}
    assert not names & {
        "qx-draft-item",
        "qx-rejected-item",
        "qx-pending-item",
        "qx-draft-item.md",
        "qx-rejected-item.md",
        "qx-pending-item.md",
    }
