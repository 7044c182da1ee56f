"""Media behind symbolic links: a file whose real path leaves content/ is the same error as `../`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sitekit

from sitegen.build import build, check_content
from sitegen.core import ProblemsFound

H = "content/vocational/highlights"
G = "content/lifelong/showcases"
CAPTION = "{time: 2024年5月18日, place: 晋中职教港, people: 学员, event: 成果展示}"
FRONT = (
    "title: {title}\ndate: 2024-05-14\nunit: 太原市教育局\nstatus: approved\nreview: {{by: 宣传科, date: 2024-05-14}}\n"
)


def linked_site(tmp_path: Path) -> sitekit.FixtureSite:
    """Two articles whose photos are symbolic links to a photo outside content/, as on a shared server."""
    site = sitekit.materialize(tmp_path)
    outside = site.root / "private" / "secret.jpg"
    outside.parent.mkdir()
    shutil.copyfile(site.root / "content/vocational/highlights/opening/stage.jpg", outside)
    site.write(
        f"{G}/linked-gallery.md",
        "---\n"
        + FRONT.format(title="坏样稿链接到外面的组图")
        + f"images:\n  - src: linked-gallery/photo.jpg\n    caption: {CAPTION}\n---\n学员作品集中亮相。BADCASE-link\n",
    )
    site.write(
        f"{H}/linked-inline.md",
        "---\n" + FRONT.format(title="坏样稿链接到外面的插图") + "---\n开幕式现场。BADCASE-link\n\n"
        "![开幕式](linked-inline/stage.jpg)\n",
    )
    for link in (f"{G}/linked-gallery/photo.jpg", f"{H}/linked-inline/stage.jpg"):
        (site.root / link).parent.mkdir()
        (site.root / link).symlink_to(outside)
    return site


def test_a_symlink_out_of_content_is_the_same_error_as_dot_dot(tmp_path: Path) -> None:
    site = linked_site(tmp_path)
    with pytest.raises(ProblemsFound) as caught:
        check_content(site.project, sitekit.NOW)
    assert [str(p) for p in caught.value.problems] == [
        f"{G}/linked-gallery.md:8: images[0].src: 路径“linked-gallery/photo.jpg”超出了 content/ 目录"
        "（图片、视频和附件须放在文章旁的文件夹里，用相对路径引用）",
        f"{H}/linked-inline.md:10: 正文: 图片路径“linked-inline/stage.jpg”超出了 content/ 目录"
        "（图片须放在文章旁的文件夹里，用相对路径引用）",
    ]


def test_the_photo_behind_the_link_is_never_published(tmp_path: Path) -> None:
    site = linked_site(tmp_path)
    built = build(site.project, sitekit.NOW, skip_invalid=True)
    assert built.skipped == (f"{G}/linked-gallery.md", f"{H}/linked-inline.md")
    assert "BADCASE" not in site.all_output_text()
    assert not [p for p in site.output.rglob("*") if p.name in ("photo.jpg", "stage.jpg") and "linked" in str(p)]


def test_a_symlink_that_stays_inside_content_is_fine(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    site.write(
        f"{H}/linked-inside.md",
        "---\n"
        + FRONT.format(title="链接到专栏里的另一张图")
        + "---\n开幕式现场。\n\n![开幕式](linked-inside/stage.jpg)\n",
    )
    link = site.root / H / "linked-inside" / "stage.jpg"
    link.parent.mkdir()
    link.symlink_to(site.root / H / "opening" / "stage.jpg")
    checked = check_content(site.project, sitekit.NOW)
    assert f"{H}/linked-inside.md" in {a.rel for a in checked.articles}
    assert not checked.problems


def test_a_photo_swapped_for_a_link_after_a_build_is_caught_despite_the_cache(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    build(site.project, sitekit.NOW)  # fills .cache/ with the article as it was: its photo inside content/
    photo = site.root / G / "fair" / "photo-1.jpg"
    outside = site.root / "private" / "photo-1.jpg"
    outside.parent.mkdir()
    photo.rename(outside)
    photo.symlink_to(outside)
    with pytest.raises(ProblemsFound) as caught:
        check_content(site.project, sitekit.NOW)
    assert [str(p) for p in caught.value.problems] == [
        f"{G}/fair.md:8: images[0].src: 路径“fair/photo-1.jpg”超出了 content/ 目录"
        "（图片、视频和附件须放在文章旁的文件夹里，用相对路径引用）",
    ]
