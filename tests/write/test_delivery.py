"""Delivery: pre-compressed copies (.gz, .br) beside the output's text files (complete, exact, deterministic,
kept fresh), and each column's favicon."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import brotli
import pytest
from sitekit import FixtureSite

from sitegen.write import precompress

TEXT = (".html", ".css", ".js", ".xml", ".svg", ".json")


def test_every_text_file_has_exact_copies_and_nothing_else_does(valid_site: FixtureSite) -> None:
    out = valid_site.output
    checked = 0
    for path in out.rglob("*"):
        if not path.is_file() or path.suffix in (".gz", ".br"):
            continue
        gz, br = Path(f"{path}.gz"), Path(f"{path}.br")
        if path.suffix in TEXT and path.stat().st_size >= 256:
            data = path.read_bytes()
            assert gzip.decompress(gz.read_bytes()) == data, gz
            assert brotli.decompress(br.read_bytes()) == data, br
            assert gz.read_bytes()[4:8] == b"\0\0\0\0", "gzip mtime 0: the same bytes on every build"
            checked += 1
        else:
            assert not gz.exists() and not br.exists(), path
    assert checked > 40
    css = next((out / "lifelong" / "assets").glob("site.*.css"))
    assert len(Path(f"{css}.br").read_bytes()) < len(Path(f"{css}.gz").read_bytes()) < css.stat().st_size / 3


def test_copies_are_deterministic_refreshed_when_stale_and_removed_when_orphaned(tmp_path: Path) -> None:
    site = tmp_path / "out"
    (site / "assets").mkdir(parents=True)
    page = site / "index.html"
    page.write_text("<p>活动周</p>" * 100, encoding="utf-8")
    (site / "assets" / "a.1234567890.js").write_text("var a = 1;\n" * 100, encoding="ascii")
    (site / "tiny.css").write_text("a{}", encoding="ascii")
    (site / "photo.jpg").write_bytes(b"\xff\xd8" * 500)
    assert precompress(site) == 4
    first = {p.name: p.read_bytes() for p in site.rglob("*.[gb][zr]")}
    assert sorted(first) == ["a.1234567890.js.br", "a.1234567890.js.gz", "index.html.br", "index.html.gz"]
    assert precompress(site) == 0, "fresh copies are left alone"

    for p in site.rglob("*.[gb][zr]"):
        p.unlink()
    assert precompress(site) == 4
    assert {p.name: p.read_bytes() for p in site.rglob("*.[gb][zr]")} == first, "byte-identical again"

    page.write_text("<p>新的内容</p>" * 100, encoding="utf-8")
    os.utime(page, ns=(page.stat().st_mtime_ns + 10**9,) * 2)
    assert precompress(site) == 2
    assert gzip.decompress((site / "index.html.gz").read_bytes()) == page.read_bytes()

    page.unlink()
    precompress(site)
    assert not (site / "index.html.gz").exists() and not (site / "index.html.br").exists()
    assert not list(site.rglob(".*.tmp"))


@pytest.mark.parametrize("column", ["vocational", "lifelong"])
def test_each_column_has_its_own_favicon_linked_from_every_page(valid_site: FixtureSite, column: str) -> None:
    from PIL import Image

    root = valid_site.output / column
    with Image.open(root / "favicon.ico") as ico:
        assert ico.format == "ICO" and ico.info["sizes"] == {(16, 16), (32, 32), (48, 48)}
        ico.size = (32, 32)
        ico.load()
        corner = ico.convert("RGB").getpixel((16, 2))
    svg = (root / "favicon.svg").read_text(encoding="utf-8")
    colour = {"vocational": "#0b4a8b", "lifelong": "#0f6b5c"}[column]
    assert svg.startswith("<svg ") and f'fill="{colour}"' in svg
    expected = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    assert all(abs(a - b) <= 4 for a, b in zip(corner, expected, strict=True)), (corner, expected)  # resampled
    for path in ("index.html", "showcases/fair/index.html" if column == "lifelong" else "highlights/index.html"):
        html = valid_site.read_output(f"{column}/{path}")
        assert 'rel="icon" href="' in html and "favicon.ico" in html and "favicon.svg" in html
