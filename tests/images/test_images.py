"""Image derivatives: size arithmetic, upright pixels, stripped metadata, alpha, the cache and bad input."""

from __future__ import annotations

import os
import pickle
import signal
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import media_factory as mf
import pytest
from PIL import Image, ImageCms, JpegImagePlugin, PngImagePlugin
from sitekit import REPO

from sitegen.config import ImageSettings
from sitegen.core import Orientation
from sitegen.images import (
    ImageError,
    Picture,
    Recipe,
    Size,
    Variant,
    draft_request,
    imagecache,
    imageproc,
    picture_html,
    publish_images,
    target_sizes,
    upright,
)
from sitegen.images import publish as images

SHM = Path("/dev/shm")  # where multiprocessing keeps its named semaphores on Linux
SETTINGS = ImageSettings(widths=(480, 960, 1600), webp_quality=80, jpeg_quality=82, link_original=False)
# How to store upright pixels so that a viewer applying the EXIF orientation shows them upright again.
STORE = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}
RED, BLUE, WHITE = (220, 20, 20), (20, 20, 220), (255, 255, 255)
GPS = (37.8706, 112.5489)


# --------------------------------------------------------------------------- helpers


def pattern(size: tuple[int, int] = (600, 400)) -> Image.Image:
    """White, with a red block top left and a blue block bottom right: any flip or turn shows."""
    w, h = size
    image = Image.new("RGB", size, WHITE)
    image.paste(RED, (0, 0, w // 3, h // 3))
    image.paste(BLUE, (w - w // 3, h - h // 3, w, h))
    return image


def oriented_jpeg(path: Path, orientation: int, size: tuple[int, int] = (600, 400)) -> Path:
    transpose = STORE[orientation]
    stored = pattern(size) if transpose is None else pattern(size).transpose(transpose)  # FLIP_LEFT_RIGHT is 0
    exif = Image.Exif()
    exif[0x0112] = orientation
    stored.save(path, "JPEG", quality=95, exif=exif.tobytes())
    return path


def close(pixel: tuple[int, ...], color: tuple[int, int, int], tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], color, strict=True))


def published_files(result: images.PublishedImages, source: Path) -> list[Path]:
    return [result.files[p] for p in result.pictures[source].paths]


def forbid_image_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any decoding, or even a process pool, fails the test."""

    def no_render(*args: object) -> None:
        raise AssertionError("an image was processed")

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process pool was created")

    monkeypatch.setattr(imageproc, "render", no_render)
    monkeypatch.setattr(images, "ProcessPoolExecutor", no_pool)


def riff_chunks(data: bytes) -> list[bytes]:
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    chunks, at = [], 12
    while at + 8 <= len(data):
        tag, size = data[at : at + 4], struct.unpack("<I", data[at + 4 : at + 8])[0]
        chunks.append(tag)
        at += 8 + size + (size & 1)
    return chunks


def swapped_profile() -> bytes:
    """A linear RGB ICC profile whose red colorant is sRGB's green and whose green is sRGB's red."""

    def s15(v: float) -> bytes:
        return struct.pack(">i", round(v * 65536))

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ \0\0\0\0" + s15(x) + s15(y) + s15(z)

    text = b"swapped red and green\0"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + bytes(4 + 4 + 2 + 1 + 67)
    tags = [
        (b"desc", desc),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.3851, 0.7169, 0.0971)),
        (b"gXYZ", xyz(0.4361, 0.2225, 0.0139)),
        (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", b"curv\0\0\0\0" + struct.pack(">I", 0)),
    ]
    tags += [(b"gTRC", tags[-1][1]), (b"bTRC", tags[-1][1])]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for sig, data in tags:
        table += sig + struct.pack(">II", offset + len(body), len(data))
        body += data + bytes(-len(data) % 4)
    size = offset + len(body)
    header = (
        struct.pack(">I", size)
        + b"lcms"
        + bytes([2, 0x10, 0, 0])
        + b"mntrRGB XYZ "
        + bytes(12)
        + b"acsp"
        + bytes(24)
        + struct.pack(">I", 0)
        + s15(0.9642)
        + s15(1.0)
        + s15(0.8249)
        + bytes(48)
    )
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + body


# --------------------------------------------------------------------------- arithmetic


def test_target_sizes_never_upscale_and_give_a_small_image_its_own_width_once() -> None:
    widths = (480, 960, 1600)
    assert target_sizes(Size(4000, 3000), widths) == ((480, 360), (960, 720), (1600, 1200))
    assert target_sizes(Size(1200, 800), widths) == ((480, 320), (960, 640), (1200, 800))
    assert target_sizes(Size(960, 640), widths) == ((480, 320), (960, 640))
    assert target_sizes(Size(300, 200), widths) == ((300, 200),)
    assert target_sizes(Size(3000, 4000), (1600, 480, 960, 960)) == ((480, 640), (960, 1280), (1600, 2133))
    assert target_sizes(Size(5000, 3), (480,)) == ((480, 1),)  # never 0 px high


def test_orientation_arithmetic() -> None:
    assert upright(Size(4000, 3000), Orientation.RIGHT_TOP) == (3000, 4000)
    assert upright(Size(4000, 3000), Orientation.BOTTOM_RIGHT) == (4000, 3000)
    assert draft_request(Size(4000, 3000), Orientation.LEFT_BOTTOM, Size(1600, 2133)) == (2133, 1600)
    plan = Recipe((480, 960, 1600), 80, 82, original=False).plan((4000, 3000), Orientation.RIGHT_TOP)
    assert plan.size == (3000, 4000)
    assert plan.sizes[-1] == (1600, 2133)
    assert plan.draft == (2133, 1600)
    assert Recipe((480, 960, 1600), 80, 82, original=True).plan((4000, 3000), Orientation.TOP_LEFT).draft == (
        4000,
        3000,
    )


def test_cache_key_covers_content_and_every_processing_parameter() -> None:
    base = Recipe((480, 960, 1600), 80, 82, original=False)
    keys = {
        base.key("a"),
        base.key("b"),
        Recipe((480, 960), 80, 82, original=False).key("a"),
        Recipe((480, 960, 1600), 70, 82, original=False).key("a"),
        Recipe((480, 960, 1600), 80, 90, original=False).key("a"),
        Recipe((480, 960, 1600), 80, 82, original=True).key("a"),
        Recipe((480, 960, 1600), 80, 82, original=False, version="other").key("a"),
    }
    assert len(keys) == 7
    assert base.key("a") == Recipe((480, 960, 1600), 80, 82, original=False).key("a")


def test_picture_markup_offers_webp_then_a_jpeg_img_with_size_and_laziness() -> None:
    variants = tuple(
        Variant(f"media/h{w}-{w}.{ext}", w, w * 3 // 4, mime)
        for mime, ext in (("image/webp", "webp"), ("image/jpeg", "jpg"))
        for w in (480, 960, 1600)
    )
    picture = Picture(variants, 1600, 1200)
    html = picture_html(picture, "开幕式 <现场>", lambda p: "../../" + p, sizes="100vw")
    assert html.startswith('<picture><source type="image/webp" srcset="../../media/h480-480.webp 480w, ')
    assert '../../media/h1600-1600.webp 1600w" sizes="100vw">' in html
    assert '<img src="../../media/h960-960.jpg" srcset="../../media/h480-480.jpg 480w, ' in html
    assert 'alt="开幕式 &lt;现场&gt;" width="1600" height="1200" loading="lazy" decoding="async">' in html
    eager = picture_html(picture, "x", str, lazy=False)
    assert 'loading="lazy"' not in eager and 'fetchpriority="high"' in eager
    assert picture.fallback.width == 960 and picture.paths == tuple(v.path for v in variants)


# --------------------------------------------------------------------------- pixels and metadata


def test_every_exif_orientation_comes_out_upright(tmp_path: Path) -> None:
    sources = [oriented_jpeg(tmp_path / f"o{o}.jpg", o) for o in STORE]
    result = publish_images(sources, SETTINGS, tmp_path / "cache")
    for orientation, source in zip(STORE, sources, strict=True):
        picture = result.pictures[source]
        assert (picture.width, picture.height) == (600, 400), orientation
        assert [v.width for v in picture.of("image/webp")] == [480, 600]
        for path in published_files(result, source):
            with Image.open(path) as image:
                rgb = image.convert("RGB")
            w, h = rgb.size
            assert (w, h) in ((480, 320), (600, 400)), (orientation, path.name)
            assert close(rgb.getpixel((w // 10, h // 10)), RED), (orientation, path.name)
            assert close(rgb.getpixel((w - w // 10, h - h // 10)), BLUE), (orientation, path.name)
            assert close(rgb.getpixel((w - w // 10, h // 10)), WHITE), (orientation, path.name)
            assert close(rgb.getpixel((w // 10, h - h // 10)), WHITE), (orientation, path.name)


def test_no_metadata_survives_in_any_published_file(tmp_path: Path) -> None:
    camera = mf.make_photo(tmp_path / "camera.jpg", 1200, 900, seed=3, label="隐私", gps=GPS, exif_orientation=6)
    with Image.open(camera) as image:
        exif = image.info["exif"]
        pixels = image.copy()
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>37,52.2N</exif:GPSLatitude></x:xmpmeta>'
    tagged = tmp_path / "tagged.jpg"
    pixels.save(tagged, "JPEG", exif=exif, icc_profile=srgb, xmp=xmp, comment=b"WGS-84 secret")
    png = tmp_path / "tagged.png"
    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", xmp.decode())
    pixels.convert("RGBA").save(png, "PNG", exif=exif, icc_profile=srgb, pnginfo=info)
    sources = [camera, tagged, png]
    for source in sources:
        assert b"WGS-84" in source.read_bytes()  # the test photos do carry GPS
    result = publish_images(sources, SETTINGS, tmp_path / "cache", originals=sources)
    for source in sources:
        files = published_files(result, source)
        assert len(files) == 2 * 3 + 1  # three widths as WebP and JPEG, and the 原图
        for path in files:
            data = path.read_bytes()
            for marker in (b"WGS-84", b"media_factory", b"Exif\0\0", b"xmpmeta", b"secret", b"eXIf", b"iCCP"):
                assert marker not in data, (source.name, path.name, marker)
            assert b"ICC_PROFILE" not in data
            if path.suffix == ".webp":
                assert set(riff_chunks(data)) <= {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}, path.name
            with Image.open(path) as image:
                assert not dict(image.getexif()), path.name
                assert not {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment"} & set(image.info), path.name
                assert image.width * 3 == image.height * 4, path.name  # stored 900×1200 with orientation 6


def test_a_colour_profile_is_converted_to_srgb(tmp_path: Path) -> None:
    source = tmp_path / "swapped.jpg"
    Image.new("RGB", (500, 300), (255, 0, 0)).save(source, "JPEG", quality=95, icc_profile=swapped_profile())
    broken = tmp_path / "broken.jpg"
    Image.new("RGB", (500, 300), (255, 0, 0)).save(broken, "JPEG", quality=95, icc_profile=b"not a profile")
    result = publish_images([source, broken], SETTINGS, tmp_path / "cache")
    for path in published_files(result, source):
        with Image.open(path) as image:
            assert close(image.convert("RGB").getpixel((250, 150)), (0, 255, 0), 60), path.name  # red was green
    for path in published_files(result, broken):  # an unreadable profile is dropped: the pixels stay as they are
        with Image.open(path) as image:
            assert close(image.convert("RGB").getpixel((250, 150)), (255, 0, 0)), path.name


def test_png_transparency_stays_in_webp_and_is_flattened_on_white_in_jpeg(tmp_path: Path) -> None:
    logo = Image.new("RGBA", (800, 600), (0, 0, 0, 0))
    logo.paste((200, 30, 30, 255), (400, 0, 800, 600))
    see_through = tmp_path / "logo.png"
    logo.save(see_through)
    opaque = tmp_path / "opaque.png"
    Image.new("RGBA", (800, 600), (30, 120, 30, 255)).save(opaque)
    palette = tmp_path / "palette.png"
    logo.convert("P").save(palette, transparency=0)
    grey16 = tmp_path / "grey16.png"
    Image.new("I;16", (800, 600), 40000).save(grey16)
    result = publish_images([see_through, opaque, palette, grey16], SETTINGS, tmp_path / "cache")
    for source in (see_through, palette):
        webp, jpeg = result.pictures[source].of("image/webp")[0], result.pictures[source].of("image/jpeg")[0]
        with Image.open(result.files[webp.path]) as image:
            assert image.mode == "RGBA"
            assert image.getpixel((10, 10))[3] == 0 and image.getpixel((470, 10))[3] == 255
        with Image.open(result.files[jpeg.path]) as image:
            assert image.mode == "RGB"
            assert close(image.getpixel((10, 10)), WHITE, 8) and close(image.getpixel((470, 10)), (200, 30, 30))
    with Image.open(result.files[result.pictures[opaque].of("image/webp")[0].path]) as image:
        assert image.mode == "RGB"  # alpha that hides nothing is not kept
    with Image.open(result.files[result.pictures[grey16].of("image/jpeg")[0].path]) as image:
        assert close(image.convert("RGB").getpixel((5, 5)), (155, 155, 155), 6)


def test_large_jpeg_is_decoded_once_at_reduced_scale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "big.jpg"
    Image.new("RGB", (4000, 3000), (90, 140, 200)).save(source, "JPEG", quality=80)
    opened: list[str] = []
    drafts: list[tuple[int, int]] = []
    real_open, real_draft = Image.open, JpegImagePlugin.JpegImageFile.draft

    def spy_open(fp, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(str(fp))
        return real_open(fp, *args, **kwargs)

    def spy_draft(self, mode, size):  # type: ignore[no-untyped-def]
        result = real_draft(self, mode, size)
        drafts.append(self.size)
        return result

    monkeypatch.setattr(Image, "open", spy_open)
    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy_draft)
    rendered = imageproc.render(source, Recipe((480, 960, 1600), 80, 82, original=False))
    assert opened == [str(source)]
    assert drafts == [(2000, 1500)]  # libjpeg scaled by 1/2: still at least 1600 wide
    assert [(e.width, e.height, e.mime) for e in rendered.files] == [
        (w, h, mime) for w, h in ((1600, 1200), (960, 720), (480, 360)) for mime in ("image/webp", "image/jpeg")
    ]


def test_original_is_full_size_and_offered_only_when_asked(tmp_path: Path) -> None:
    source = oriented_jpeg(tmp_path / "p.jpg", 6, (2400, 1600))
    plain = publish_images([source], SETTINGS, tmp_path / "cache")
    assert plain.pictures[source].original is None
    full = publish_images([source], SETTINGS, tmp_path / "cache", originals=[source])
    original = full.pictures[source].original
    assert original is not None and (original.width, original.height, original.mime) == (2400, 1600, "image/jpeg")
    assert original.path in full.pictures[source].paths and full.files[original.path].is_file()


# --------------------------------------------------------------------------- the cache


def test_second_run_does_no_image_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = [oriented_jpeg(tmp_path / f"{n}.jpg", 1 + n, (600 + 8 * n, 400)) for n in range(3)]
    first = publish_images(sources, SETTINGS, tmp_path / "cache")
    assert first.processed == tuple(sorted(sources))
    forbid_image_work(monkeypatch)
    second = publish_images(sources, SETTINGS, tmp_path / "cache")
    assert second.processed == ()
    assert second.pictures == first.pictures and second.files == first.files


def test_renamed_file_is_cached_changed_file_or_settings_are_not(tmp_path: Path) -> None:
    a = oriented_jpeg(tmp_path / "a.jpg", 1)
    cache = tmp_path / "cache"
    first = publish_images([a], SETTINGS, cache)
    moved = a.rename(tmp_path / "renamed.jpg")
    assert publish_images([moved], SETTINGS, cache).processed == ()
    other = ImageSettings((480, 960, 1600), 60, 82, False)
    assert publish_images([moved], other, cache).processed == (moved,)
    oriented_jpeg(moved, 3)
    again = publish_images([moved], SETTINGS, cache)
    assert again.processed == (moved,)
    assert again.pictures[moved].variants[0].path != first.pictures[a].variants[0].path


def test_partial_entries_left_by_a_killed_build_are_never_trusted(tmp_path: Path) -> None:
    sources = [oriented_jpeg(tmp_path / f"{n}.jpg", 1 + n, (600 + 8 * n, 400)) for n in range(4)]
    cache = tmp_path / "cache"
    clean = publish_images(sources, SETTINGS, cache)
    keys = {s: Path(published_files(clean, s)[0]).parent for s in sources}
    (keys[sources[0]] / imagecache.MANIFEST).unlink()  # killed before the manifest was written
    (keys[sources[0]] / ".0123-960.webp.4242.tmp").write_bytes(b"half a fi")  # and in the middle of a file
    victim = published_files(clean, sources[1])[2]
    victim.write_bytes(victim.read_bytes()[:100])  # a file cut short
    (keys[sources[2]] / imagecache.MANIFEST).write_text('{"key": "', encoding="utf-8")  # a manifest cut short
    (cache / ".stray.99999.tmp").write_bytes(b"")
    again = publish_images(sources, SETTINGS, cache)
    assert again.processed == tuple(sorted(sources[:3]))
    assert again.pictures == clean.pictures
    for source in sources:
        for variant in again.pictures[source].variants:
            assert again.files[variant.path].stat().st_size == variant.bytes
    assert not list(cache.rglob("*.tmp"))


def test_cache_survives_a_build_killed_mid_way(tmp_path: Path) -> None:
    sources = [mf.make_photo(tmp_path / f"photo-{n}.jpg", 1600, 1200, seed=n, label="中断") for n in range(12)]
    reference = publish_images(sources, SETTINGS, tmp_path / "reference")
    cache = tmp_path / "cache"
    script = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
        "from sitegen.config import ImageSettings; from sitegen.images import publish_images;"
        "settings = ImageSettings((480, 960, 1600), 80, 82, False);"
        "publish_images([Path(p) for p in sys.argv[3:]], settings, Path(sys.argv[2]))"
    )
    semaphores = set(SHM.glob("sem.mp-*"))
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(REPO), str(cache), *map(str, sources)], start_new_session=True
    )
    deadline = time.monotonic() + 120
    while not list(cache.glob(f"*/{imagecache.MANIFEST}")) and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.01)
    if child.poll() is None:
        os.killpg(child.pid, signal.SIGKILL)  # the build, its process pool and workers, mid-way
    child.wait()
    # The kill took multiprocessing's resource tracker too, which would have removed the pool's semaphores.
    for left in set(SHM.glob("sem.mp-*")) - semaphores:
        left.unlink(missing_ok=True)
    again = publish_images(sources, SETTINGS, cache)
    assert again.pictures == reference.pictures
    for source in sources:
        for mine, theirs in zip(published_files(again, source), published_files(reference, source), strict=True):
            assert mine.read_bytes() == theirs.read_bytes()
    assert not list(cache.rglob("*.tmp"))
    assert all((entry / imagecache.MANIFEST).is_file() for entry in cache.iterdir())


def test_entries_this_build_did_not_use_are_pruned_unless_asked_not_to(tmp_path: Path) -> None:
    a, b = oriented_jpeg(tmp_path / "a.jpg", 1), oriented_jpeg(tmp_path / "b.jpg", 2, (640, 400))
    cache = tmp_path / "cache"
    both = publish_images([a, b], SETTINGS, cache)
    entry_b = published_files(both, b)[0].parent
    (cache / "README.txt").write_text("not ours", encoding="utf-8")
    publish_images([a], SETTINGS, cache, prune=False)  # e.g. --skip-invalid left b's article out
    assert entry_b.is_dir()
    stray = published_files(both, a)[0].parent / "left-over.webp"
    stray.write_bytes(b"x")
    publish_images([a], SETTINGS, cache)
    assert not entry_b.exists() and not stray.exists()
    assert (cache / "README.txt").is_file()  # only our own entries are ever removed
    assert all(p.is_file() for p in published_files(both, a))


def test_same_input_gives_the_same_bytes_in_the_pool_and_alone(tmp_path: Path) -> None:
    sources = [mf.make_photo(tmp_path / f"{n}.jpg", 1800, 1200, seed=n, label="确定") for n in range(3)]
    pooled = publish_images(sources, SETTINGS, tmp_path / "one")
    alone = publish_images(sources[:1], SETTINGS, tmp_path / "two")
    assert alone.processed == (sources[0],)
    assert alone.pictures[sources[0]] == pooled.pictures[sources[0]]
    for mine, theirs in zip(published_files(alone, sources[0]), published_files(pooled, sources[0]), strict=True):
        assert mine.name == theirs.name and mine.read_bytes() == theirs.read_bytes()


# --------------------------------------------------------------------------- bad input


def png_header_only(path: Path, width: int, height: int) -> Path:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = chunk(b"IDAT", zlib.compress(b""))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + idat + chunk(b"IEND", b""))
    return path


def test_bad_files_give_one_clear_error_naming_each_file(tmp_path: Path) -> None:
    good = oriented_jpeg(tmp_path / "good.jpg", 1)
    whole = mf.make_photo(tmp_path / "whole.jpg", 800, 600, seed=1, label="截断")
    truncated = tmp_path / "truncated.jpg"
    truncated.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) // 2])
    corrupt = tmp_path / "corrupt.jpg"
    corrupt.write_bytes(b"\xff\xd8 this is no JPEG" * 100)
    bomb = png_header_only(tmp_path / "bomb.png", 20000, 20000)
    big = png_header_only(tmp_path / "big.png", 10000, 10000)  # over Pillow's warning limit only
    missing = tmp_path / "missing.jpg"
    with pytest.raises(ImageError) as caught:
        publish_images([good, truncated, corrupt, bomb, big, missing], SETTINGS, tmp_path / "cache")
    reasons = dict(caught.value.failures)
    assert set(reasons) == {str(p) for p in (truncated, corrupt, bomb, big, missing)}
    assert "不完整" in reasons[str(truncated)]
    assert "无法识别" in reasons[str(corrupt)]
    assert "解压炸弹" in reasons[str(bomb)] and "解压炸弹" in reasons[str(big)]
    assert "无法读取" in reasons[str(missing)]
    assert str(bomb) in str(caught.value)
    assert publish_images([good], SETTINGS, tmp_path / "cache").processed == ()  # the good one was kept


def test_format_lie_is_processed_as_what_the_bytes_are(tmp_path: Path) -> None:
    lie = tmp_path / "photo.jpg"
    pattern().save(lie, "PNG")
    result = publish_images([lie], SETTINGS, tmp_path / "cache")
    assert (result.pictures[lie].width, result.pictures[lie].height) == (600, 400)


def test_image_error_crosses_process_boundaries() -> None:
    error = ImageError((("a.jpg", "图片文件已损坏"),))
    copy = pickle.loads(pickle.dumps(error))
    assert copy.failures == error.failures and str(copy) == "a.jpg：图片文件已损坏"
