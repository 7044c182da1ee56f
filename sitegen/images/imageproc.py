"""Stage 5, render: the Pillow worker that decodes one source once and encodes all its derivatives, metadata-free."""

from __future__ import annotations

import io
import struct
import warnings
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..core import Orientation, SiteError, frozen
from .recipe import Recipe

if TYPE_CHECKING:  # Pillow itself loads only when an image is processed
    from PIL import Image, ImageCms
WEBP_METHOD = 2  # libwebp effort 0-6: 2 is twice as fast as the default 4, for about 3 % more bytes
ORIGINAL_QUALITY = 92
_WHITE = (255, 255, 255)


@cache
def encoder_version() -> str:
    """Part of every cache key: another Pillow, libwebp or libjpeg may encode other bytes."""
    from PIL import __version__, features

    return f"pillow {__version__}, webp {features.version('webp')}, jpeg {features.version('jpg')}"


class ImageError(SiteError):
    """One or more images cannot be published; `failures` holds (file, reason for editors) pairs."""

    def __init__(self, failures: tuple[tuple[str, str], ...]) -> None:
        super().__init__(failures)
        self.failures = failures

    def __str__(self) -> str:
        return "；".join(f"{path}：{reason}" for path, reason in self.failures)


@frozen
class Encoded:
    width: int
    height: int
    mime: str
    data: bytes


@frozen
class Rendered:
    width: int  # upright size of the source
    height: int
    files: tuple[Encoded, ...]  # each size as WebP and as JPEG
    originals: tuple[Encoded, ...] = ()


def render(source: Path, recipe: Recipe) -> Rendered:
    """Open `source` once, decode it no larger than needed, and encode every size the recipe asks for."""
    from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as image:
                fmt = image.format
                plan = recipe.plan(image.size, Orientation.of(image.getexif()))
                if fmt in ("JPEG", "MPO"):
                    image.draft("RGB" if image.mode == "RGB" else None, plan.draft)
                image.load()
                ImageOps.exif_transpose(image, in_place=True)
                pixels = _srgb(image)
        files: list[Encoded] = []
        current = pixels
        for size in reversed(plan.sizes):
            if current.size != size:
                current = current.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
            files.append(_encode(current, "WEBP", recipe.webp_quality))
            files.append(_encode(current, "JPEG", recipe.jpeg_quality))
        originals: tuple[Encoded, ...] = ()
        if recipe.original:
            full = pixels if pixels.size == plan.size else pixels.resize(plan.size, Image.Resampling.LANCZOS)
            originals = (_encode(full, "PNG" if fmt == "PNG" else "JPEG", ORIGINAL_QUALITY),)
        return Rendered(plan.size.width, plan.size.height, tuple(files), originals)
    except FileNotFoundError:
        raise ImageError(((str(source), "文件不存在"),)) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise ImageError(((str(source), "图片像素数过大，疑似“解压炸弹”，已拒绝处理"),)) from e
    except UnidentifiedImageError as e:
        raise ImageError(((str(source), "无法识别的图片文件（文件损坏，或并非图片）"),)) from e
    except (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError, ImageCms.PyCMSError) as e:
        reason = "图片文件不完整（可能只传了一部分）" if "truncated" in str(e) else "图片文件已损坏"
        raise ImageError(((str(source), f"{reason}，无法处理：{e}"),)) from e


def _srgb(image: Image.Image) -> Image.Image:
    """8-bit sRGB pixels, with alpha only where some pixel is see-through, and no metadata at all."""
    icc = image.info.get("icc_profile")
    alpha = None
    if image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in image.info:
        alpha = image.convert("RGBA").getchannel("A")
        if alpha.getextrema() == (255, 255):
            alpha = None
    if image.mode.startswith("I"):  # 16-bit greyscale PNG
        image = image.convert("I").point(lambda v: v / 257).convert("L")
    elif image.mode not in ("RGB", "L", "CMYK"):
        image = image.convert("RGB")
    if icc:
        image = _from_profile(image, icc)
    elif image.mode != "RGB":
        image = image.convert("RGB")
    if alpha is not None:
        image.putalpha(alpha)
    image.info = {}
    return image


def _from_profile(image: Image.Image, icc: bytes) -> Image.Image:
    """Convert from the embedded colour profile to sRGB; a profile that cannot be read is dropped, deliberately."""
    from PIL import ImageCms

    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if "sRGB" in (ImageCms.getProfileDescription(profile) or ""):
            return image if image.mode == "RGB" else image.convert("RGB")
        converted = ImageCms.profileToProfile(image, profile, _srgb_profile(), outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image.convert("RGB")
    return converted if converted is not None else image.convert("RGB")


@cache
def _srgb_profile() -> ImageCms.ImageCmsProfile:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _encode(image: Image.Image, fmt: str, quality: int) -> Encoded:
    """Encode with nothing but pixels: no EXIF, XMP, ICC profile or comment reaches the file."""
    from PIL import Image

    buffer = io.BytesIO()
    if fmt == "WEBP":
        image.save(buffer, "WEBP", quality=quality, method=WEBP_METHOD)
    elif fmt == "PNG":
        image.save(buffer, "PNG", compress_level=6)
    else:
        if image.mode == "RGBA":  # JPEG has no alpha: flatten on the page's white background
            flat = Image.new("RGB", image.size, _WHITE)
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        image.save(buffer, "JPEG", quality=quality, optimize=True)  # a fallback: baseline is 2x faster to make
    mime = {"WEBP": "image/webp", "PNG": "image/png"}.get(fmt, "image/jpeg")
    return Encoded(image.width, image.height, mime, buffer.getvalue())
