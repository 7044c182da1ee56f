"""The reports are fed from the build index: every status has its row, and a report reads the records."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import NOW, report_site

from sitegen.build import build, read_submissions


def test_every_status_is_in_the_build_index_and_the_reports_read_it(tmp_path: Path) -> None:
    site = report_site(tmp_path)
    build(site.project, NOW)
    db = sqlite3.connect(site.root / ".cache" / "index.sqlite")
    rows = dict(db.execute("SELECT rel, status FROM articles WHERE column_id = 'vocational'").fetchall())
    db.close()
    assert rows["content/vocational/highlights/draft-item.md"] == "draft"
    assert rows["content/vocational/highlights/rejected-item.md"] == "rejected"
    assert rows["content/vocational/highlights/submitted-item.md"] == "submitted"

    _, _, items = read_submissions(site.project)
    found = {s.rel: s.status for s in items if s.column == "vocational"}
    assert found == rows
