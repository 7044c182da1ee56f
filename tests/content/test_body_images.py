"""Images in a body, written as Markdown or as raw HTML, reach the page as published pictures."""

from __future__ import annotations

from pathlib import Path

import sitekit

from sitegen.build import build
from sitegen.content import render_body

ARTICLE = "content/vocational/highlights/opening.md"


def test_markdown_images_stay_byte_for_byte() -> None:
    body = render_body('![开幕式](a.jpg "现场")\n')
    assert body.html == '<p><img alt="开幕式" src="a.jpg" title="现场"></p>'
    assert body.images == ("a.jpg",)


def test_raw_html_images_take_the_markdown_form() -> None:
    body = render_body(
        '正文<img src="x.jpg" alt="说明 &quot;甲&quot;">结束<img src="z.jpg" title="t">'
        '<img alt="坏" src="javascript:alert(1)"><img alt="空">\n'
    )
    assert body.html == '<p>正文<img alt="说明 &quot;甲&quot;" src="x.jpg">结束<img alt="" src="z.jpg" title="t"></p>'
    assert body.images == ("x.jpg", "z.jpg")


def test_a_raw_html_image_is_published_as_a_picture(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    path = site.root / ARTICLE
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("![开幕式现场](opening/stage.jpg)", '<img src="opening/stage.jpg" alt="开幕式现场">'),
        encoding="utf-8",
    )
    build(site.project, sitekit.NOW)
    pages = [p.read_text(encoding="utf-8") for p in (site.output / "vocational").rglob("index.html")]
    opening = [p for p in pages if "职业教育活动周开幕式举行</h1>" in p]
    assert len(opening) == 1
    assert "<picture" in opening[0] and 'alt="开幕式现场"' in opening[0]
    assert 'src="opening/stage.jpg"' not in opening[0]
