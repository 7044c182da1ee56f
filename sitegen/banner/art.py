"""Render stage, Pillow edge: crops banner artwork or draws a text banner, at 1× and 2×."""

from __future__ import annotations

import io
import warnings
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..core import SiteError, frozen

if TYPE_CHECKING:  # Pillow itself loads only when a banner is drawn
    from PIL import Image, ImageFont

RGB = tuple[int, int, int]
ARTWORK_FORMATS = ("PNG", "JPEG")


class BannerError(SiteError):
    """A banner cannot be built; the message says why and what to do, in Chinese and English."""


def missing_font(column_id: str) -> str:
    """Why a text banner cannot be drawn without a CJK font, and the two ways out."""
    return (
        f"飘窗 {column_id}：未找到中文（CJK）字体 Noto Sans CJK SC，无法绘制文字飘窗。"
        f"请安装字体 fonts-noto-cjk（sudo apt-get install fonts-noto-cjk；make build 会自动安装），"
        f"或把飘窗图片放在 content/banners/{column_id}.png "
        f"(no CJK font to draw the banner: install fonts-noto-cjk, or provide content/banners/{column_id}.png)"
    )


@frozen
class ArtSpec:
    """What the drawn banner shows and how big it is (CSS pixels)."""

    column_id: str
    short_title: str
    theme: str
    dates: str
    width: int
    height: int


@frozen
class Palette:
    top: RGB
    bottom: RGB
    band: RGB
    title: RGB
    theme: RGB
    band_text: RGB


# Vocational: deep blue with a red band. Lifelong: green into teal. All text pairs
# stay above the WCAG 4.5:1 contrast ratio.
PALETTES: dict[str, Palette] = {
    "vocational": Palette(
        top=(16, 52, 128),
        bottom=(9, 33, 88),
        band=(190, 18, 46),
        title=(255, 255, 255),
        theme=(255, 222, 140),
        band_text=(255, 255, 255),
    ),
    "lifelong": Palette(
        top=(22, 110, 64),
        bottom=(10, 92, 98),
        band=(6, 70, 76),
        title=(255, 255, 255),
        theme=(214, 250, 224),
        band_text=(255, 255, 255),
    ),
}
# A column not in PALETTES (next year's third column) still gets stable colours.
_SPARE_PALETTES = (
    Palette(
        top=(92, 36, 120),
        bottom=(60, 22, 84),
        band=(170, 60, 20),
        title=(255, 255, 255),
        theme=(255, 228, 170),
        band_text=(255, 255, 255),
    ),
    Palette(
        top=(140, 40, 30),
        bottom=(100, 24, 20),
        band=(40, 40, 40),
        title=(255, 255, 255),
        theme=(255, 230, 180),
        band_text=(255, 255, 255),
    ),
)
CALL_TO_ACTION = "进入专栏 →"


def palette_for(column_id: str) -> Palette:
    if column_id in PALETTES:
        return PALETTES[column_id]
    return _SPARE_PALETTES[zlib.crc32(column_id.encode("utf-8")) % len(_SPARE_PALETTES)]


def fit_size(
    text: str, max_width: float, largest: int, smallest: int, measure: Callable[[str, int], float]
) -> int | None:
    """The largest font size in [smallest, largest] at which text is at most max_width wide."""
    for size in range(largest, smallest - 1, -1):
        if measure(text, size) <= max_width:
            return size
    return None


def cover_box(src: tuple[int, int], dst: tuple[int, int]) -> tuple[float, float, float, float]:
    """The centred crop of src with the aspect ratio of dst (what CSS calls object-fit: cover)."""
    sw, sh = src
    dw, dh = dst
    if sw * dh > sh * dw:  # source is wider: trim the sides
        w = sh * dw / dh
        return ((sw - w) / 2, 0.0, (sw + w) / 2, float(sh))
    h = sw * dh / dw
    return (0.0, (sh - h) / 2, float(sw), (sh + h) / 2)


def _png(image: Image.Image) -> bytes:
    # Pillow writes no tIME or text chunks unless asked, so equal pixels give equal bytes.
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


class CjkFonts:
    """Sizes of one CJK font file, choosing the Simplified Chinese face of a collection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.index = self._sc_index(path)
        self._cache: dict[int, ImageFont.FreeTypeFont] = {}

    @staticmethod
    def _sc_index(path: Path) -> int:
        from PIL import ImageFont

        for index in range(16):
            try:
                face = ImageFont.truetype(str(path), 12, index=index)
            except OSError:
                break
            family = face.getname()[0] or ""
            if family.endswith(" SC") and "Mono" not in family:
                return index
        return 0

    def __call__(self, size: int) -> ImageFont.FreeTypeFont:
        from PIL import ImageFont

        if size not in self._cache:
            try:
                # The basic layout engine gives the same pixels with or without libraqm.
                self._cache[size] = ImageFont.truetype(
                    str(self.path), size, index=self.index, layout_engine=ImageFont.Layout.BASIC
                )
            except OSError as e:
                raise BannerError(f"{self.path}: 无法加载字体 (cannot load font): {e}") from e
        return self._cache[size]

    def measure(self, text: str, size: int) -> float:
        return float(self(size).getlength(text))


def _fit(
    fonts: CjkFonts, text: str, max_width: float, largest: int, smallest: int, what: str, spec: ArtSpec
) -> ImageFont.FreeTypeFont:
    size = fit_size(text, max_width, largest, smallest, fonts.measure)
    if size is None:
        raise BannerError(
            f"飘窗 {spec.column_id}: {what}「{text}」太长，{spec.width}×{spec.height} 的飘窗放不下，"
            f"请缩短文字或在 config.yml 中加大 banner 尺寸，或提供 content/banners/{spec.column_id}.png "
            f"({what} is too long for the banner; shorten it, enlarge the banner or supply artwork)"
        )
    return fonts(size)


def _gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    from PIL import Image

    width, height = size
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(height - 1, 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    return column.resize((width, height), Image.Resampling.NEAREST)


def _ink_height(font: ImageFont.FreeTypeFont, text: str) -> int:
    _, top, _, bottom = font.getbbox(text, anchor="ls")
    return int(bottom - top)


def draw_text_banner(spec: ArtSpec, fonts: CjkFonts, scale: int) -> Image.Image:
    """A clean banner: short title, theme, and a band with the dates and a call to action."""
    from PIL import Image, ImageDraw

    colors = palette_for(spec.column_id)
    width, height = spec.width * scale, spec.height * scale
    image = _gradient((width, height), colors.top, colors.bottom)

    # A soft disc in the top-right corner keeps the field from looking flat.
    glow = Image.new("L", (width, height), 0)
    ImageDraw.Draw(glow).ellipse((width * 0.62, -height * 0.55, width * 1.25, height * 0.62), fill=28)
    image.paste(Image.new("RGB", (width, height), (255, 255, 255)), (0, 0), glow)

    draw = ImageDraw.Draw(image)
    pad = round(width * 0.06)
    band = round(height * 0.25)
    draw.rectangle((0, height - band, width, height), fill=colors.band)
    draw.rectangle((0, height - band - scale, width, height - band), fill=colors.theme)

    inner = width - 2 * pad
    title = _fit(fonts, spec.short_title, inner, round(height * 0.26), 9 * scale, "短标题", spec)
    theme = _fit(fonts, spec.theme, inner, round(height * 0.135), 8 * scale, "主题", spec)
    gap = round(height * 0.075)

    # Centre the title and theme as one block in the field above the band, by ink height.
    title_h, theme_h = _ink_height(title, spec.short_title), _ink_height(theme, spec.theme)
    field = height - band - scale
    top = (field - (title_h + gap + theme_h)) / 2
    title_top = title.getbbox(spec.short_title, anchor="ls")[1]
    theme_top = theme.getbbox(spec.theme, anchor="ls")[1]
    draw.text((width / 2, top - title_top), spec.short_title, font=title, fill=colors.title, anchor="ms")
    draw.text((width / 2, top + title_h + gap - theme_top), spec.theme, font=theme, fill=colors.theme, anchor="ms")

    # Band: dates on the left and the call to action on the right if both fit, else dates alone.
    small = round(band * 0.46)
    both = fit_size(
        spec.dates,
        inner - pad,
        small,
        round(band * 0.38),
        lambda text, size: fonts.measure(text, size) + fonts.measure(CALL_TO_ACTION, size),
    )
    dates = fonts(both) if both else _fit(fonts, spec.dates, inner, small, 7 * scale, "日期", spec)
    baseline = height - band / 2 + _ink_height(dates, spec.dates) / 2
    if both:
        draw.text((pad, baseline), spec.dates, font=dates, fill=colors.band_text, anchor="ls")
        draw.text((width - pad, baseline), CALL_TO_ACTION, font=dates, fill=colors.band_text, anchor="rs")
    else:
        draw.text((width / 2, baseline), spec.dates, font=dates, fill=colors.band_text, anchor="ms")
    return image


def load_artwork(path: Path, spec: ArtSpec) -> Image.Image:
    """The artwork as upright RGB on white; a clear error for anything unusable."""
    from PIL import Image, ImageOps

    problem = f"{path}: 无法读取飘窗图片，请提供 PNG 或 JPEG 文件 (cannot read banner artwork; use PNG or JPEG)"
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as opened:
                if opened.format not in ARTWORK_FORMATS:
                    raise BannerError(f"{problem}: {opened.format}")
                image = ImageOps.exif_transpose(opened)
                image.load()
        except (OSError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
            raise BannerError(f"{problem}: {e}") from e
    if image.width < spec.width or image.height < spec.height:
        raise BannerError(
            f"{path}: 图片 {image.width}×{image.height} 小于飘窗尺寸 {spec.width}×{spec.height}，"
            f"请提供至少 {spec.width * 2}×{spec.height * 2} 像素的图片 "
            f"(artwork is smaller than the banner; supply at least 2× the banner size)"
        )
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, (0, 0), rgba)
        return flat
    return image.convert("RGB")


def _cover(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    from PIL import Image

    return image.resize(size, Image.Resampling.LANCZOS, box=cover_box(image.size, size), reducing_gap=3.0)


def banner_images(spec: ArtSpec, artwork: Path | None, font: Path | None) -> tuple[bytes, bytes]:
    """PNG bytes of the banner at 1× and 2×: cropped artwork if given, else text drawn in `font`."""
    if artwork is not None:
        source = load_artwork(artwork, spec)
        images = [_cover(source, (spec.width * s, spec.height * s)) for s in (1, 2)]
    elif font is None:
        raise BannerError(missing_font(spec.column_id))
    else:
        fonts = CjkFonts(font)
        images = [draw_text_banner(spec, fonts, s) for s in (1, 2)]
    return _png(images[0]), _png(images[1])
