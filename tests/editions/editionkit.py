"""Editions test kit: copies of the shipped sample (config.yml, content/), with editions added.

`urls-2024.txt` is the file list of the sample's output built from main before editions existed, with
`python build.py build --now 2026-11-29T12:00`: each page or file's site path and, for HTML pages, the text
of its <h1>. Hashed theme assets and the Pagefind bundles are left out: their names change with their bytes.
"""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import sitekit

HERE = Path(__file__).parent
TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=TZ)  # late 2026: the 2027 week is next

# The third edition of both columns: one config entry each, and nothing else but content.
EDITION_2027 = {
    "vocational": (
        "        banner: {text: 2025年职业教育活动周}\n",
        "      - year: 2027\n"
        "        title: 山西省2027年职业教育活动周专栏（示例）\n"
        "        theme: 示例主题：二〇二七\n"
        "        start: 2027-05-09\n"
        "        end: 2027-05-15\n",
    ),
    "lifelong": (
        "        theme: 示例主题：终身学习 乐享人生\n        start: 2025-05-11\n        end: 2025-05-17\n",
        "      - year: 2027\n"
        "        title: 山西省2027年全民终身学习活动周专栏（示例）\n"
        "        theme: 示例主题：学无止境\n"
        "        start: 2027-05-09\n"
        "        end: 2027-05-15\n",
    ),
}

ARTICLES_2027 = {
    "content/vocational/policy/example-2027-preparation.md": """---
title: 【示例】2027年职业教育活动周筹备工作启动（虚构样稿）
date: 2026-11-20 10:00
unit: 山西省教育厅
status: approved
review: {by: 示例审核部门, date: 2026-11-20}
edition: 2027
---
这是一篇虚构的示例稿件：2027年活动周的筹备通知，发布于2026年，用 edition 字段归入2027届。
""",
    "content/lifelong/notices/example-2027-preparation.md": """---
title: 【示例】2027年全民终身学习活动周征集品牌项目（虚构样稿）
date: 2026-11-25 10:00
unit: 山西开放大学
status: approved
review: {by: 示例审核部门, date: 2026-11-25}
edition: 2027
---
这是一篇虚构的示例稿件，用来演示第三届。
""",
}


def sample_copy(tmp: Path) -> sitekit.FixtureSite:
    """The shipped sample, copied: config.yml and content/ (the theme is the repository's)."""
    root = tmp / "site"
    root.mkdir(parents=True)
    shutil.copyfile(sitekit.REPO / "config.yml", root / "config.yml")
    shutil.copytree(sitekit.REPO / "content", root / "content")
    return sitekit.FixtureSite(root)


def add_edition_2027(site: sitekit.FixtureSite) -> None:
    """Exactly what an editor does for a new year: an entry in each column's editions, and articles."""
    config = site.root / "config.yml"
    text = config.read_text(encoding="utf-8")
    for anchor, entry in EDITION_2027.values():
        assert text.count(anchor) == 1, anchor
        text = text.replace(anchor, anchor + entry)
    config.write_text(text, encoding="utf-8")
    for rel, body in ARTICLES_2027.items():
        site.write(rel, body)


def recorded_urls() -> dict[str, str]:
    """Site path -> <h1> text ("" for files that are not HTML pages) of the sample as it was."""
    out = {}
    for line in (HERE / "urls-2024.txt").read_text(encoding="utf-8").splitlines():
        path, _, h1 = line.partition("\t")
        out[path] = h1
    return out


def h1_of(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else ""
