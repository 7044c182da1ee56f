"""Valid HTML on every generated page (the Nu HTML Checker, vnu.jar from npm on Java) and a complete <head>."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest
from sitekit import REPO, FixtureSite

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"the HTML checker cannot run on CI: {reason}", pytrace=False)
    pytest.skip(f"HTML checker skipped: {reason}")


@pytest.mark.parametrize("name", ["valid_site", "editions_site"])
def test_every_page_passes_the_nu_html_checker(name: str, request: pytest.FixtureRequest) -> None:
    """Every page of the valid site, and of the same site with two editions (edition homes, 往届回顾, …)."""
    valid_site: FixtureSite = request.getfixturevalue(name)
    java = shutil.which("java")
    if java is None:
        _unavailable("no java on PATH (make test installs default-jre-headless)")
    if not VNU.is_file():
        _unavailable("vnu-jar is not installed: run `npm ci` (make test does)")
    pages = sorted(valid_site.output.rglob("*.html"))
    assert len(pages) > 40, "the fixture site should have all its page types"
    done = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        messages = json.loads(done.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu did not report JSON (exit {done.returncode}):\n{done.stderr[-2000:]}{done.stdout[-2000:]}")
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    root = f"file:{valid_site.output}/"
    report = "\n".join(
        f"{m.get('url', '').removeprefix(root)}:{m.get('lastLine', '?')}: {m['message']}" for m in errors
    )
    assert not errors, f"{len(errors)} HTML errors:\n{report}"
    assert done.returncode == 0, done.stderr[-2000:]


def _head(html: str) -> str:
    return html.split("</head>")[0]


def test_every_page_head_is_ready_for_sharing_and_search_engines(valid_site: FixtureSite) -> None:
    """Title, description, canonical URL, Open Graph, format-detection, feeds, and robots where it matters."""
    base = {"vocational": "https://zyjyz.sxgkd.edu.cn/", "lifelong": "https://huodong.sxlll.cn/home/"}
    for column, url in base.items():
        root = valid_site.output / column
        for path in sorted(root.rglob("*.html")):
            rel = path.relative_to(root).as_posix()
            head = _head(path.read_text(encoding="utf-8"))
            if 'http-equiv="refresh"' in head:
                assert '<meta name="robots" content="noindex">' in head, rel
                continue  # an alias: canonical points at the article
            page = "" if rel == "index.html" else rel.removesuffix("index.html")
            assert re.search(r"<title>[^<]+</title>", head), rel
            assert re.search(r'<meta name="description" content="[^"]+">', head), rel
            assert '<meta name="format-detection" content="telephone=no, email=no, address=no">' in head, rel
            assert f'<meta property="og:url" content="{url}{page}">' in head, rel
            for prop in ("og:type", "og:site_name", "og:title", "og:description"):
                assert re.search(rf'<meta property="{prop}" content="[^"]+">', head), (rel, prop)
            assert 'type="application/atom+xml"' in head, rel
            noindex = rel in ("404.html", "search/index.html")
            assert ('<meta name="robots" content="noindex">' in head) == noindex, rel
            assert (f'<link rel="canonical" href="{url}{page}">' in head) == (rel != "404.html"), rel
    for rel in ("showcases/fair/index.html", "lectures/talk/index.html"):  # a gallery and a video
        head = _head(valid_site.read_output(f"lifelong/{rel}"))
        assert '<meta property="og:type" content="article">' in head
        assert re.search(r'<meta property="og:image" content="https://huodong\.sxlll\.cn/home/[^"]+\.jpg">', head), rel
