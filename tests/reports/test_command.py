"""`build.py report`: every file for each column, while some articles still have rule problems."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reportkit import REPO, report_site


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), "--root", str(root), "report", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=root,
    )


def test_report_writes_every_table_even_with_rule_problems(tmp_path: Path) -> None:
    site = report_site(tmp_path)
    site.write(  # a submitted item over the 64-character title limit: `check` fails, the report does not
        "content/vocational/highlights/long.md",
        "---\ntitle: " + "长" * 70 + "\ndate: 2024-05-14\nreceived: 2024-05-14 17:59\nunit: 太原市教育局\n"
        "status: submitted\n---\n正文。\n",
    )
    done = _run(site.root, "--now", "2024-05-14T20:00")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (site.root / "reports" / "vocational").iterdir()) == [
        "adoption.csv", "adoption.xlsx", "annex2.xlsx", "compliance.csv", "index.html", "quotas.csv", "quotas.xlsx",
    ]  # fmt: skip
    assert sorted(p.name for p in (site.root / "reports" / "lifelong").iterdir()) == [
        "adoption.csv", "adoption.xlsx", "annex3.xlsx", "compliance.csv", "index.html", "quotas.csv", "quotas.xlsx",
    ]  # fmt: skip
    quotas = (site.root / "reports" / "vocational" / "quotas.csv").read_text(encoding="utf-8-sig")
    assert "太原市教育局,市教育局,太原市,0,1,0,0,0,0,0,1,每天≥3篇,否" in quotas.splitlines()
    assert not (site.root / "output").exists()

    forms = _run(site.root, "--forms")
    assert forms.returncode == 0, forms.stderr
    assert (site.root / "reports" / "vocational" / "forms" / "附件2-太原市教育局.xlsx").is_file()
    again = _run(site.root)
    assert again.returncode == 0
    assert (site.root / "reports" / "vocational" / "forms" / "附件2-太原市教育局.xlsx").is_file()  # kept


def test_an_edition_selects_the_year_received(tmp_path: Path) -> None:
    site = report_site(tmp_path)
    site.write(
        "content/vocational/highlights/next-year.md",
        "---\ntitle: 明年的稿件\ndate: 2025-05-14\nreceived: 2025-05-14 09:00\nunit: 运城市教育局\n"
        "status: submitted\n---\n正文。\n",
    )
    assert _run(site.root, "--edition", "2025").returncode == 0
    adoption = (site.root / "reports" / "vocational" / "adoption.csv").read_text(encoding="utf-8-sig")
    assert adoption.splitlines()[1:] == [
        "运城市教育局,市教育局,运城市,1,0,0,1,0.0%",
        "运城市合计,市合计,运城市,1,0,0,1,0.0%",
        "合计,专栏合计,,1,0,0,1,0.0%",
    ]
    quotas = (site.root / "reports" / "vocational" / "quotas.csv").read_text(encoding="utf-8-sig")
    assert quotas.splitlines()[0].startswith("单位,类型,所在市,5月13日,")
    assert "运城市教育局,市教育局,运城市,0,1,0,0,0,0,0,1," in quotas


def test_reports_never_go_under_output(tmp_path: Path) -> None:
    site = report_site(tmp_path)
    done = _run(site.root, "--out", "output/reports")
    assert done.returncode == 2
    assert "--out 不能放在 output/ 里" in done.stderr + done.stdout
    assert not (site.root / "output").exists()
