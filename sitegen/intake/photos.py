"""Intake, photos: originals matched to the recompressed copies in the Word file, captions from file names, posters.

A copy and its original are compared as 16×16 greyscale thumbnails: Word rescales and recompresses,
but the picture stays the same. JPEGs are decoded at 1/8 scale (libjpeg's DCT scaling), so six 5 MB
photos cost tens of milliseconds.
"""

from __future__ import annotations

import io
import mimetypes
import re
import warnings
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from ..core import frozen, slugify, workers
from .errors import Refused, Unreadable

_SIDE = 16
# Mean grey-level difference (0–255) under which two pictures are one: a copy 1–2, another 11+.
SAME_PICTURE = 6.0
_SPLIT = re.compile(r"[ \u3000，,]+")
_TIME = re.compile(r"\d|上午|下午|晚上|今天|昨天|当天")
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png")
# Formats phones, WeChat and Windows save that a page cannot show everywhere: converted to JPEG or PNG.
CONVERTED_SUFFIXES = (".jfif", ".jpe", ".gif", ".bmp", ".dib", ".tif", ".tiff", ".webp", ".heic", ".heif")
VECTOR_SUFFIXES = (".emf", ".wmf")  # Office drawings: no browser shows them, and Pillow cannot draw them


@frozen
class Fingerprint:
    pixels: tuple[int, ...]
    aspect: float


def _open(source: Path | bytes, shown: str, max_pixels: int) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(source if isinstance(source, Path) else io.BytesIO(source))
            if image.width * image.height > max_pixels:
                raise Image.DecompressionBombError(shown)
            return image
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
            raise Refused(
                f"图片“{shown}”像素数过大，疑似“解压炸弹”，已拒绝导入", "请让报送单位发送相机或手机拍摄的原图"
            ) from e


def fingerprint(source: Path | bytes, shown: str, max_pixels: int) -> Fingerprint | None:
    """None for a file that is not a readable picture (it is then left for `check` to report)."""
    try:
        with _open(source, shown, max_pixels) as image:
            image.draft("L", (_SIDE * 8, _SIDE * 8))
            # The small grey copy keeps the EXIF block: Pillow turns it upright as a viewer shows it.
            small = ImageOps.exif_transpose(image.convert("L"))
            aspect = small.width / max(small.height, 1)
            return Fingerprint(tuple(small.resize((_SIDE, _SIDE), Image.Resampling.BOX).tobytes()), aspect)
    except Refused:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None


def web_picture(path: Path, shown: str, into: Path, max_pixels: int) -> Path:
    """A photo in a format every browser shows: JPEG and PNG as sent, the others converted under `into`.

    A .jfif is a JPEG under another name and keeps its bytes. A photograph (HEIC, lossy WebP, and a BMP,
    TIFF or WebP of more than 4096 colours) becomes a JPEG at quality 95 at its full size: as a PNG it
    would be several times the site's limit for a picture. A drawing, a screenshot or a GIF becomes a
    PNG, which keeps every pixel. EXIF orientation is applied (ImageOps.exif_transpose) and the EXIF data
    and colour profile are kept.
    """
    suffix = path.suffix.lower()
    if suffix in PHOTO_SUFFIXES:
        return path
    into.mkdir(parents=True, exist_ok=True)
    if suffix in (".jfif", ".jpe"):
        target = into / f"{path.stem}.jpg"
        target.write_bytes(path.read_bytes())
        return target
    if suffix in (".heic", ".heif"):
        import pillow_heif

        pillow_heif.register_heif_opener()
    try:
        with _open(path, shown, max_pixels) as image:
            lossy_webp = suffix == ".webp" and not _lossless(image) and "A" not in image.mode
            photographic = suffix in (".heic", ".heif") or lossy_webp or (suffix != ".gif" and _photo_like(image))
            icc = image.info.get("icc_profile")
            upright = ImageOps.exif_transpose(image)
            exif = upright.getexif()
            extra: dict[str, object] = {"exif": exif.tobytes()} if len(exif) else {}
            if icc:
                extra["icc_profile"] = icc
            if photographic:
                target = into / f"{path.stem}.jpg"
                upright.convert("RGB").save(target, "JPEG", quality=95, **extra)
            else:
                target = into / f"{path.stem}.png"
                keep = upright if upright.mode in ("RGB", "RGBA", "L", "LA", "P") else upright.convert("RGBA")
                keep.save(target, "PNG", **extra)
            return target
    except Refused:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, ImportError) as e:
        raise Unreadable(f"图片“{shown}”无法读取", "请让报送单位重新发送原图（JPG 或 PNG）") from e


_ICON = 200  # pixels on the longer side: a signature's logo or an emoji, not a photo of the event


def is_icon(path: Path) -> bool:
    """A picture too small to be a photo (a mail signature's logo): listed as unused, never a figure."""
    try:
        with Image.open(path) as image:
            return max(image.size) < _ICON
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return False  # the fingerprint reads it again, and names what is wrong


def _photo_like(image: Image.Image) -> bool:
    """More colours than a drawing or a screenshot has, and no transparency to keep."""
    if "A" in image.mode or image.mode in ("P", "1", "L"):
        return False
    small = image.convert("RGB").resize((256, 256), Image.Resampling.NEAREST)
    return small.getcolors(maxcolors=4096) is None


def _lossless(image: Image.Image) -> bool:
    """WebP keeps whether it is lossless in its first chunk (VP8L); Pillow does not say."""
    fp = getattr(image, "fp", None)
    if fp is None:
        return False
    position = fp.tell()
    fp.seek(12)
    chunk = fp.read(4)
    fp.seek(position)
    return bool(chunk == b"VP8L")


def fingerprints(sources: Sequence[tuple[Path | bytes, str]], max_pixels: int) -> list[Fingerprint | None]:
    """Pillow decodes without the GIL: the photos of one submission are read on every core."""
    with ThreadPoolExecutor(max_workers=workers()) as pool:
        return list(pool.map(lambda item: fingerprint(item[0], item[1], max_pixels), sources))


def distance(a: Fingerprint, b: Fingerprint) -> float:
    return sum(abs(x - y) for x, y in zip(a.pixels, b.pixels, strict=True)) / len(a.pixels)


def match(copies: Sequence[Fingerprint | None], originals: Sequence[Fingerprint | None]) -> dict[int, int]:
    """Copy index → original index, closest pairs first; each original is used once."""
    pairs = sorted(
        (distance(c, o), ci, oi)
        for ci, c in enumerate(copies)
        for oi, o in enumerate(originals)
        if c is not None and o is not None and abs(c.aspect - o.aspect) <= 0.05 * o.aspect
    )
    found: dict[int, int] = {}
    used: set[int] = set()
    for score, ci, oi in pairs:
        if score <= SAME_PICTURE and ci not in found and oi not in used:
            found[ci] = oi
            used.add(oi)
    return found


def description(path: Path) -> str:
    """The photo's file name without its extension, as the notice asks units to name them."""
    return " ".join(path.stem.replace("_", " ").split())


def caption(text: str) -> dict[str, str]:
    """时间 地点 人物 事件, split at spaces or commas; what cannot be told apart goes to 事件 for `check` to report."""
    parts = [p for p in _SPLIT.split(text) if p]
    if len(parts) == 4:
        return dict(zip(("time", "place", "people", "event"), parts, strict=True))
    if len(parts) > 1 and _TIME.search(parts[0]):
        return {"time": parts[0], "event": "，".join(parts[1:])}
    return {"event": text} if text else {}


def file_names(descriptions: Sequence[str], suffixes: Sequence[str], taken: set[str] | None = None) -> list[str]:
    """URL-safe names (pinyin), unique within the media folder: 开幕式 合影.JPG → kaimushi-heying.jpg."""
    used = set(taken or ())
    names = []
    for text, suffix in zip(descriptions, suffixes, strict=True):
        stem = slugify(text)[:60].rstrip("-") or "photo"
        name, n = f"{stem}{suffix.lower()}", 2
        while name in used:
            name, n = f"{stem}-{n}{suffix.lower()}", n + 1
        used.add(name)
        names.append(name)
    return names


def embedded_suffix(content_type: str) -> str:
    """The extension of a picture Word holds: JPEG and PNG mostly, EMF and WMF for drawings."""
    known = {"image/jpeg": ".jpg", "image/png": ".png", "image/x-emf": ".emf", "image/x-wmf": ".wmf"}
    return known.get(content_type) or mimetypes.guess_extension(content_type) or ".bin"


def save_poster(video: Path, target: Path) -> bool:
    """A frame about a second in (the first is often black) as a JPEG; False when the video cannot be read."""
    import av

    try:
        with av.open(str(video), metadata_errors="ignore") as container:
            stream = next((s for s in container.streams if s.type == "video"), None)
            if stream is None:
                return False
            chosen: av.VideoFrame | None = None
            for frame in container.decode(video=0):
                chosen = frame
                if frame.time is not None and frame.time >= 1.0:
                    break
            if chosen is None:
                return False
            picture = chosen.to_image()  # type: ignore[no-untyped-call]  # PyAV ships no annotation for it
            picture.convert("RGB").save(target, "JPEG", quality=88)
            return True
    except (av.FFmpegError, OSError, ValueError):
        return False
