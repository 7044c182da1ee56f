"""What readers get of the media on built pages: pictures, the gallery and its full-screen view, video,
attachments and the QR code; and that a second build leaves the images alone."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import media_factory as mf
import pytest
import sitekit
import zxingcpp
from PIL import Image
from sitekit import FixtureSite

from sitegen.build import build
from sitegen.core import ProblemsFound
from sitegen.images import ImageError, imageproc
from sitegen.images import publish as images

GALLERY = "vocational/highlights/skills-gallery/index.html"
PORTRAIT = {2, 4, 8}  # photos stored 4000×3000 with EXIF orientation 6 or 8
SRC = re.compile(r'(?:src|href|poster)="([^"]+)"|srcset="([^"]+)"')


def media_refs(html: str) -> set[str]:
    """Every media/ file a page refers to, from src, href, poster and srcset."""
    found: set[str] = set()
    for single, srcset in SRC.findall(html):
        candidates = [single] if single else [part.split()[0] for part in srcset.split(",")]
        found |= {c for c in candidates if "media/" in c}
    return found


def output_digests(site: FixtureSite) -> dict[str, str]:
    return {
        p.relative_to(site.output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.output.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def gallery_site(tmp_path_factory: pytest.TempPathFactory) -> FixtureSite:
    """Ten 4000×3000 phone photos, some turned by EXIF orientation, some with GPS; built once."""
    site = sitekit.materialize(tmp_path_factory.mktemp("gallery"), "gallery-ten")
    build(site.project, sitekit.NOW)
    return site


@pytest.fixture(scope="module")
def extras_site(tmp_path_factory: pytest.TempPathFactory) -> FixtureSite:
    """The valid site with 原图 links on, an external video, and Word and Excel attachments."""
    site = sitekit.materialize(tmp_path_factory.mktemp("extras"), "accepted-video-url")
    config = site.root / "config.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("link_original: false", "link_original: true"), encoding="utf-8")
    folder = site.root / "content/vocational/policy/forms"
    mf.make_docx(folder / "申报表.docx", "申报表", ["单位名称："])
    mf.make_xlsx(folder / "stats.xlsx", [["单位", "稿件数"], ["太原市教育局", 3]])
    site.write(
        "content/vocational/policy/forms.md",
        "---\ntitle: 活动周统计表格\ndate: 2024-05-09\nunit: 山西工程科技职业大学\nstatus: approved\n"
        "review: {by: 宣传部, date: 2024-05-09}\nattachments:\n"
        "  - {src: forms/申报表.docx, title: 申报表}\n  - {src: forms/stats.xlsx, title: 统计表}\n---\n请下载表格。\n",
    )
    build(site.project, sitekit.NOW)
    return site


# --------------------------------------------------------------------------- the gallery of ten


def test_gallery_is_a_grid_of_responsive_pictures_with_captions(gallery_site: FixtureSite) -> None:
    html = gallery_site.read_output(GALLERY)
    items = re.findall(r'<li class="gallery-item" id="thumb-(\d+)">(.*?)</li>', html, re.S)
    assert [int(n) for n, _ in items] == list(range(1, 11))
    for n, item in items:
        grid = item.split('<div class="lightbox"')[0]
        assert f'href="#photo-{n}"' in grid
        webp = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="([^"]+)">', grid)
        assert webp and [c.split()[1] for c in webp.group(1).split(", ")] == ["480w", "960w", "1600w"]
        assert "100vw" in webp.group(2)
        img = re.search(r"<img [^>]+>", grid)
        assert img
        tag = img.group(0)
        assert re.search(r'srcset="[^"]+-480\.jpg 480w, [^"]+-960\.jpg 960w, [^"]+-1600\.jpg 1600w"', tag)
        width, height = (1600, 2133) if int(n) in PORTRAIT else (1600, 1200)
        assert f'width="{width}" height="{height}"' in tag and 'decoding="async"' in tag
        if n == "1":
            assert 'loading="lazy"' not in tag and 'fetchpriority="high"' in tag  # above the fold
        else:
            assert 'loading="lazy"' in tag
    assert '<span class="caption-event">数控加工比赛</span>' in html
    assert "2024年5月14日，晋中职教港实训中心，数控专业学生" in html


def test_full_screen_view_works_without_script(gallery_site: FixtureSite) -> None:
    html = gallery_site.read_output(GALLERY)
    for n in range(1, 11):
        view = re.search(rf'<div class="lightbox" id="photo-{n}"(.*?)</div>', html, re.S)
        assert view, n
        body = view.group(1)
        assert f'href="#thumb-{n}" aria-label="关闭大图"' in body
        assert (f'href="#photo-{n - 1}"' in body) == (n > 1) and (f'href="#photo-{n + 1}"' in body) == (n < 10)
        assert f"{n} / 10" in body and 'loading="lazy"' in body and 'sizes="min(100vw' in body
    assert ".lightbox:target" in gallery_site.all_output_text() or any(
        ".lightbox:target" in p.read_text(encoding="utf-8") for p in gallery_site.output.rglob("*.css")
    )
    script = re.search(r'<script src="([^"]*gallery\.[0-9a-f]+\.js)" defer></script>', html)
    assert script and (gallery_site.output / "vocational/highlights/skills-gallery" / script.group(1)).is_file()


def test_page_refers_only_to_derivatives_that_exist(gallery_site: FixtureSite) -> None:
    page = gallery_site.output / GALLERY
    html = page.read_text(encoding="utf-8")
    refs = media_refs(html)
    assert len(refs) == 10 * 6  # ten photos, three widths, WebP and JPEG
    for ref in refs:
        assert (page.parent / ref).resolve().is_file(), ref
    assert "photo-01.jpg" not in html and "原图" not in html  # link_original is off
    originals = {
        hashlib.sha256(p.read_bytes()).hexdigest()
        for p in (gallery_site.root / "content/vocational/highlights/skills-gallery").glob("*.jpg")
    }
    for path in (gallery_site.output / "vocational/media").iterdir():
        assert path.stat().st_size < 1_000_000 and hashlib.sha256(path.read_bytes()).hexdigest() not in originals


def test_every_photo_stands_upright(gallery_site: FixtureSite) -> None:
    page = gallery_site.output / GALLERY
    html = page.read_text(encoding="utf-8")
    smallest = re.findall(r'<li class="gallery-item" id="thumb-(\d+)">.*?srcset="([^" ]+-480\.jpg) 480w', html, re.S)
    assert len(smallest) == 10
    for n, ref in smallest:
        with Image.open(page.parent / ref) as image:
            rgb = image.convert("RGB")
        w, h = rgb.size
        assert (h > w) == (int(n) in PORTRAIT), n
        top = rgb.crop((0, 0, w, h // 12)).resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
        bottom = rgb.crop((0, h - h // 12, w, h)).resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
        assert top[2] > top[0] + 25, (n, top)  # blue sky above
        assert bottom[2] <= bottom[0] + 5, (n, bottom)  # grey-brown square below


def test_no_published_byte_carries_gps_or_exif(gallery_site: FixtureSite) -> None:
    sources = sorted((gallery_site.root / "content/vocational/highlights/skills-gallery").glob("*.jpg"))
    assert sum(b"WGS-84" in p.read_bytes() for p in sources) == 5  # the fixture does carry GPS
    published = [p for p in gallery_site.output.rglob("*") if p.is_file()]
    pictures = [p for p in published if p.suffix in (".webp", ".jpg", ".jpeg", ".png")]
    assert len(pictures) >= 60
    for path in published:
        data = path.read_bytes()
        assert b"WGS-84" not in data and b"media_factory" not in data and b"Exif\0\0" not in data, path
    for path in pictures:
        with Image.open(path) as image:
            assert not dict(image.getexif()) and "exif" not in image.info, path


def test_second_build_does_no_image_work(gallery_site: FixtureSite, monkeypatch: pytest.MonkeyPatch) -> None:
    before = output_digests(gallery_site)

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("the second build touched an image")

    monkeypatch.setattr(imageproc, "render", forbidden)
    monkeypatch.setattr(images, "ProcessPoolExecutor", forbidden)
    build(gallery_site.project, sitekit.NOW)
    assert output_digests(gallery_site) == before  # and the output is byte for byte the same


# --------------------------------------------------------------------------- the valid site


def test_body_image_is_a_picture_and_the_first_is_eager(valid_site: FixtureSite) -> None:
    html = valid_site.read_output("vocational/highlights/opening/index.html")
    picture = re.search(r"<picture>.*?</picture>", html, re.S)
    assert picture and '<source type="image/webp"' in picture.group(0)
    assert 'alt="开幕式现场"' in picture.group(0) and 'fetchpriority="high"' in picture.group(0)
    assert 'width="1200" height="800"' in picture.group(0)  # a 1200 px photo: never upscaled to 1600
    assert "stage.jpg" not in html


def test_video_plays_in_place_with_a_derivative_poster_size_and_duration(valid_site: FixtureSite) -> None:
    page = valid_site.output / "lifelong/lectures/talk/index.html"
    html = page.read_text(encoding="utf-8")
    video = re.search(r"<video [^>]+>", html)
    assert video and 'controls preload="none"' in video.group(0)
    poster = re.search(r'poster="([^"]+)"', video.group(0))
    assert poster and re.fullmatch(r"\.\./\.\./media/[0-9a-f]{16}-960\.jpg", poster.group(1))
    assert (page.parent / poster.group(1)).is_file()
    source = re.search(r'<source src="([^"]+/clip\.mp4)" type="video/mp4">', html)
    assert source and (page.parent / source.group(1)).is_file()
    assert re.search(r"时长 0:02 · \d+ KB", html)


def test_attachments_are_listed_with_type_and_size(valid_site: FixtureSite, extras_site: FixtureSite) -> None:
    html = valid_site.read_output("vocational/policy/notice/index.html")
    listed = r'<a href="[./]*policy/notice/notice.pdf" download>通知全文</a> <span class="file-info">PDF文档，\d+ KB<'
    assert re.search(listed, html)
    assert (valid_site.output / "vocational/policy/notice/notice.pdf").is_file()
    forms = extras_site.read_output("vocational/policy/forms/index.html")
    assert re.search(r"申报表</a> <span class=\"file-info\">Word文档，\d+ KB</span>", forms)
    assert re.search(r"统计表</a> <span class=\"file-info\">Excel表格，\d+ KB</span>", forms)
    assert (extras_site.output / "vocational/policy/forms/stats.xlsx").is_file()


def qr_matrix(svg: str) -> list[list[int]]:
    """Read the dark modules back from the SVG path (M x y, h n, m dx dy)."""
    d = re.search(r'class="qrline"[^>]* d="([^"]+)"', svg)
    size = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg)
    scale = re.search(r"scale\((\d+)\)", svg)
    assert d and size and scale
    border = 2
    width = int(size.group(1)) // int(scale.group(1)) - 2 * border
    grid = [[0] * width for _ in range(width)]
    x = y = 0.0
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", d.group(1)):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            for dx in range(int(a)):
                grid[int(y - 0.5) - border][int(x) + dx - border] = 1
            x += int(a)
    return grid


def test_qr_code_encodes_the_absolute_url(valid_site: FixtureSite) -> None:
    html = valid_site.read_output("vocational/highlights/opening/index.html")
    svg = re.search(r"<svg .*?</svg>", html, re.S)
    assert svg and "<title>扫码在手机上阅读</title>" in svg.group(0) and "扫码在手机上阅读</figcaption>" in html
    # Decode it as a phone would: draw the modules read back from the SVG, then scan with zxing-cpp.
    grid = qr_matrix(svg.group(0))
    size = len(grid) + 8
    image = Image.new("L", (size, size), 255)
    for y, row in enumerate(grid):
        for x, dark in enumerate(row):
            if dark:
                image.putpixel((x + 4, y + 4), 0)
    found = zxingcpp.read_barcodes(image.resize((size * 8, size * 8), Image.NEAREST))
    assert [code.text for code in found] == ["https://zyjyz.sxgkd.edu.cn/highlights/opening/"]


def test_external_video_is_a_link_card_with_the_poster(extras_site: FixtureSite) -> None:
    html = extras_site.read_output("lifelong/lectures/external/index.html")
    card = re.search(r'<a class="video-card" href="https://example.org/video/2"[^>]*>(.*?)</a>', html, re.S)
    assert card and "<picture>" in card.group(1) and 'fetchpriority="high"' in card.group(1)
    assert "<video" not in html


def test_original_download_only_when_configured(extras_site: FixtureSite, valid_site: FixtureSite) -> None:
    assert "下载原图" not in valid_site.read_output("lifelong/showcases/fair/index.html")
    page = extras_site.output / "lifelong/showcases/fair/index.html"
    html = page.read_text(encoding="utf-8")
    link = re.search(r'class="lightbox-original" href="([^"]+)" download>下载原图（2400×1600，[\d.]+ [KM]B）</a>', html)
    assert link
    data = (page.parent / link.group(1)).read_bytes()
    assert b"WGS-84" not in data and b"Exif\0\0" not in data
    with Image.open(page.parent / link.group(1)) as image:
        assert image.size == (2400, 1600)


def test_an_image_that_fails_late_is_a_problem_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = sitekit.materialize(tmp_path)
    bad = site.root / "content/vocational/highlights/opening/stage.jpg"

    def fail(*args: object, **kwargs: object) -> None:
        raise ImageError(((str(bad), "图片文件已损坏，无法处理"),))

    monkeypatch.setattr("sitegen.build.site.publish_images", fail)
    with pytest.raises(ProblemsFound) as caught:
        build(site.project, sitekit.NOW)
    (problem,) = caught.value.problems
    assert problem.path == "content/vocational/highlights/opening/stage.jpg" and "已损坏" in problem.message
    assert not site.output.exists()
