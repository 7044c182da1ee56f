"""Delivery: pre-compressed copies (.gz, .br) beside the output's text files (complete, exact, deterministic,
kept fresh), and each column's favicon."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
import pytest
from sitekit import FixtureSite

from sitegen.write import begin, update_site, write_site
from sitegen.write.compress import compressed

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


def test_copies_are_exact_deterministic_and_only_for_text_worth_it() -> None:
    page = ("<p>活动周</p>" * 100).encode("utf-8")
    copies = compressed("vocational/highlights/x/index.html", page)
    assert sorted(copies) == ["vocational/highlights/x/index.html.br", "vocational/highlights/x/index.html.gz"]
    assert gzip.decompress(copies["vocational/highlights/x/index.html.gz"]) == page
    assert brotli.decompress(copies["vocational/highlights/x/index.html.br"]) == page
    assert compressed("vocational/highlights/x/index.html", page) == copies, "the same bytes on every build"
    assert compressed("tiny.css", b"a{}") == {}
    assert compressed("photo.jpg", b"\xff\xd8" * 500) == {}


def test_an_edit_replaces_a_page_and_its_copies_together_and_a_deletion_removes_them(tmp_path: Path) -> None:
    """The copies travel with their page through the staging folder and the journal: never a stale copy."""
    out = tmp_path / "output"
    staging, _ = begin(out)
    long_page, other = ("<p>活动周</p>" * 100).encode(), ("<p>其他</p>" * 100).encode()
    write_site(out, staging, {"a/index.html": long_page, "b/index.html": other, "a/p.jpg": b"x" * 300}, {})
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "a/index.html",
        "a/index.html.br",
        "a/index.html.gz",
        "a/p.jpg",
        "b/index.html",
        "b/index.html.br",
        "b/index.html.gz",
    ]
    edited = ("<p>新的内容</p>" * 100).encode()
    staging, _ = begin(out)
    update_site(out, staging, {"a/index.html": edited}, {}, (), removed=["b/index.html"])
    assert gzip.decompress((out / "a/index.html.gz").read_bytes()) == edited
    assert brotli.decompress((out / "a/index.html.br").read_bytes()) == edited
    assert not (out / "b").exists(), "a deleted page takes its copies and its folder with it"
    staging, _ = begin(out)
    update_site(out, staging, {"a/index.html": b"<p>short</p>"}, {}, (), removed=())
    assert not (out / "a/index.html.gz").exists() and not (out / "a/index.html.br").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["output"], "no staging folder or journal is left"


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
