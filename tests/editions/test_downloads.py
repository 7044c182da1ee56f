"""标识、海报下载: each edition's files at stable names, metadata stripped without re-encoding, SVG as a download."""

from __future__ import annotations

import io
import re
import zlib
from pathlib import Path

import pytest
import sitekit
from editionkit import NOW, sample_copy
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from sitegen.build import build, check_content
from sitegen.core import ProblemsFound
from sitegen.downloads.strip import strip_jpeg, strip_png

SAMPLE = sitekit.REPO / "content/downloads/vocational"


def test_the_sample_offers_a_logo_and_a_poster_of_each_edition(two_editions: sitekit.FixtureSite) -> None:
    html = two_editions.read_output("vocational/downloads/index.html")
    assert re.findall(r'<h2 id="dl-\d+">([^<]+)</h2>', html) == [
        "山西省2025年职业教育活动周专栏（示例）",
        "山西省2024年职业教育活动周专栏",
    ]
    assert "PNG 图片 · 600×600 像素 · 22 KB" in html
    assert "JPEG 图片 · 900×1350 像素" in html
    assert "SVG 矢量图 · 矢量（240×240） · 1 KB" in html
    logo = "downloads/2025/2025-nian-zhiye-jiaoyu-huodong-zhou-biaoshi-shili.png"
    assert f'<a class="download-link" href="../{logo}" download>' in html
    # Files without metadata are published byte for byte: nothing is re-encoded.
    published = (two_editions.output / "vocational" / logo).read_bytes()
    assert published == (SAMPLE / "2025/2025年职业教育活动周标识（示例）.png").read_bytes()
    svg = "downloads/2024/quanmin-zhongshen-xuexi-huodong-zhou-biaoshi-shili.svg"
    assert (two_editions.output / "vocational" / svg).read_bytes() == (
        SAMPLE / "2024/全民终身学习活动周标识（示例）.svg"
    ).read_bytes()
    assert f'src="../{svg}"' not in html  # an SVG is never shown inline: only offered as a download
    with Image.open(two_editions.output / "vocational" / logo.replace(".png", ".thumb.jpg")) as thumb:
        assert thumb.size == (600, 600) and thumb.format == "JPEG"
    assert ">标识、海报下载</a>" in two_editions.read_output("vocational/index.html")
    assert ">标识、海报下载</a>" not in two_editions.read_output("lifelong/index.html")  # it offers none


def _jpeg_with_metadata() -> tuple[bytes, Image.Image]:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif.get_ifd(0x8825)[2] = (37.0, 41.0, 13.0)  # GPSLatitude
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"secret place", quality=90)
    return out.getvalue(), Image.open(io.BytesIO(out.getvalue())).convert("RGB")


def _png_with_metadata() -> bytes:
    image = Image.new("RGBA", (40, 30), (10, 120, 90, 200))
    info = PngInfo()
    info.add_text("Author", "someone")
    info.add_itxt("Location", "太原市某地")
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info, exif=Image.Exif())
    return out.getvalue()


def test_jpeg_metadata_is_stripped_and_the_image_data_kept() -> None:
    data, pixels = _jpeg_with_metadata()
    assert b"PhoneMaker" in data and b"secret place" in data
    stripped = strip_jpeg(data)
    assert b"PhoneMaker" not in stripped and b"secret place" not in stripped
    assert stripped.endswith(data[data.index(b"\xff\xda") :])  # the scan is copied, not re-encoded
    reopened = Image.open(io.BytesIO(stripped))
    assert dict(reopened.getexif()) == {}
    assert reopened.convert("RGB").tobytes() == pixels.tobytes()


def test_png_text_chunks_are_stripped_and_the_pixels_kept() -> None:
    data = _png_with_metadata()
    assert b"someone" in data
    stripped = strip_png(data)
    assert b"someone" not in stripped and b"Location" not in stripped
    idat = [m.start() for m in re.finditer(b"IDAT", data)]
    assert idat and all(data[i - 4 : i + 4] in stripped for i in idat)
    assert Image.open(io.BytesIO(stripped)).tobytes() == Image.open(io.BytesIO(data)).tobytes()
    assert zlib.crc32(stripped) != zlib.crc32(data)


def test_wrong_files_in_downloads_are_errors(tmp_path: Path) -> None:
    site = sample_copy(tmp_path)
    downloads = site.root / "content/downloads/vocational"
    (downloads / "2023").mkdir()
    (downloads / "2023/logo.png").write_bytes(_png_with_metadata())
    (downloads / "2025/动图.gif").write_bytes(b"GIF89a")
    (downloads / "2025/坏图.png").write_bytes(b"\x89PNG\r\n\x1a\nbroken")
    expected = [
        "content/downloads/vocational/2023: “2023”不是已配置的届次（可选：2024、2025）",
        "content/downloads/vocational/2025/动图.gif: 不能作为下载文件发布（可用格式：PNG、JPEG、SVG、PDF）",
        "content/downloads/vocational/2025/坏图.png: 无法读取：PNG 文件不完整（请换一个完整的文件）",
    ]
    with pytest.raises(ProblemsFound) as caught:
        check_content(site.project, NOW)  # build.py check reports them too
    assert [str(p) for p in caught.value.problems] == expected
    with pytest.raises(ProblemsFound) as caught:
        build(site.project, NOW)
    assert [str(p) for p in caught.value.problems] == expected
    assert not site.output.exists()


def test_a_published_photo_poster_has_no_gps(editions_site: sitekit.FixtureSite) -> None:
    source = editions_site.root / "content/downloads/vocational/2025/活动周海报.jpg"
    with Image.open(source) as original:
        assert original.getexif().get_ifd(0x8825)  # the generated poster carries a GPS position
    published = editions_site.output / "vocational/downloads/2025/huodong-zhou-haibao.jpg"
    with Image.open(published) as image:
        assert dict(image.getexif()) == {}
        assert image.size == (600, 900)
    data = source.read_bytes()
    assert published.read_bytes().endswith(data[data.index(b"\xff\xda") :])  # the image data, untouched
