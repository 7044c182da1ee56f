"""Draw the sample's downloads (标识、海报下载): a logo and a poster for each edition of the vocational column.

The files are clearly samples (示例), drawn with Pillow and the system CJK font; running the script again
rewrites the same bytes. The lifelong week's logo is a small SVG, to show vector files passing through.

Usage::

    .venv/bin/python tests/make_sample_downloads.py [--content DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sitegen.banner import find_cjk_font

DEFAULT_CONTENT = Path(__file__).resolve().parent.parent / "content"
BLUE, RED, GOLD, WHITE = (11, 74, 139), (179, 32, 47), (255, 222, 140), (255, 255, 255)
EDITIONS = {2024: ("一技在手，一生无忧", "2024年5月12日—18日"), 2025: ("示例主题：技能点亮人生", "2025年5月11日—17日")}
LIFELONG_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 240" width="240" height="240">
  <title>全民终身学习活动周标识（示例）</title>
  <circle cx="120" cy="120" r="110" fill="#0f6b5c"/>
  <path d="M60 150 L120 70 L180 150 Z" fill="#ffffff"/>
  <rect x="70" y="160" width="100" height="16" rx="8" fill="#ffdf8c"/>
</svg>
"""


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(find_cjk_font()), size)


def logo(year: int) -> Image.Image:
    """A round badge: a gear-like ring, 职教 in the middle and the year below."""
    size = 600
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 20, size - 20, size - 20), fill=BLUE)
    draw.ellipse((70, 70, size - 70, size - 70), outline=GOLD, width=18)
    for step in range(12):
        angle = step * 30
        box = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        ImageDraw.Draw(box).rectangle((size / 2 - 18, 36, size / 2 + 18, 84), fill=GOLD)
        image.alpha_composite(box.rotate(angle, center=(size / 2, size / 2)))
    draw = ImageDraw.Draw(image)
    draw.text((size / 2, size / 2 - 10), "职教", font=_font(150), fill=WHITE, anchor="mm")
    draw.text((size / 2, size / 2 + 120), f"{year} 示例", font=_font(52), fill=GOLD, anchor="mm")
    return image


def poster(year: int) -> Image.Image:
    theme, dates = EDITIONS[year]
    width, height = 900, 1350
    image = Image.new("RGB", (width, height), BLUE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 0.62, width, height), fill=WHITE)
    draw.polygon([(0, height * 0.62), (width, height * 0.5), (width, height * 0.62)], fill=RED)
    draw.text((width / 2, 170), f"{year}年", font=_font(90), fill=GOLD, anchor="mm")
    draw.text((width / 2, 320), "职业教育活动周", font=_font(96), fill=WHITE, anchor="mm")
    draw.text((width / 2, 480), theme, font=_font(58), fill=GOLD, anchor="mm")
    draw.text((width / 2, 1000), dates, font=_font(54), fill=BLUE, anchor="mm")
    draw.text((width / 2, 1180), "示例海报 · 仅供演示", font=_font(44), fill=RED, anchor="mm")
    return image


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=DEFAULT_CONTENT)
    content = parser.parse_args(argv).content
    for year in EDITIONS:
        folder = content / "downloads" / "vocational" / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        logo(year).save(folder / f"{year}年职业教育活动周标识（示例）.png", optimize=True)
        poster(year).save(folder / f"{year}年职业教育活动周海报（示例）.jpg", quality=85, optimize=True)
        print(folder)
    (content / "downloads" / "vocational" / "2024" / "全民终身学习活动周标识（示例）.svg").write_text(
        LIFELONG_SVG, encoding="utf-8"
    )


if __name__ == "__main__":
    main()
