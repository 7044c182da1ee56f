"""Stage 5, downloads: the logos, posters and banner images of each edition (标识、海报下载) and their page.

The files live in `content/downloads/<column>/<year>/`. Each is published at a stable name,
`/downloads/<year>/<slug of its file name>.<ext>`: rasters with their metadata stripped and nothing
re-encoded, PDFs as they are, SVGs as they are but only as a download (never shown inline, so a script
inside one cannot run on the column's pages). The page shows a thumbnail, the type, pixel size and file
size of each.
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Column, Config
from ..core import Problem, ProblemsFound, frozen, slugify
from ..render import ColumnView, Link, PageMeta, PagePlan, page, plan_of
from .strip import StripError, strip_jpeg, strip_png

if TYPE_CHECKING:
    import PIL.Image

TYPES = {".png": "PNG 图片", ".jpg": "JPEG 图片", ".jpeg": "JPEG 图片", ".svg": "SVG 矢量图", ".pdf": "PDF 文档"}
THUMB_WIDTH = 320  # CSS pixels of the card; drawn at 2× for sharp screens
_SVG_SIZE = re.compile(r'<svg\b[^>]*?\bviewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"', re.S)


@frozen
class Download:
    """One file of the downloads page, as the template shows it."""

    title: str
    path: str  # site-root path, e.g. downloads/2025/logo.png
    type: str
    pixels: str  # 1080×1920 像素, or 矢量 for SVG and PDF
    size: str  # 1.2 MB
    thumbnail: str | None  # site-root path of a JPEG thumbnail (rasters only)
    thumb_width: int
    thumb_height: int


@frozen
class EditionDownloads:
    year: int
    title: str
    files: tuple[Download, ...]


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


@frozen
class Planned:
    """A file of content/downloads/ and where it is published."""

    year: int
    source: Path
    target: str  # site-root path
    ext: str


def plan_downloads(config: Config, column: Column, content: Path) -> tuple[list[Planned], list[Problem]]:
    """The column's files in content/downloads/<column>/<year>/, by year; problems for a folder of a year that
    is not an edition, a file of another type, or two files with the same published name."""
    root = content / "downloads" / column.id
    if not root.is_dir():
        return [], []
    problems: list[Problem] = []
    planned: list[Planned] = []
    years = {str(e.year): e.year for e in column.editions}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        shown = folder.relative_to(content.parent).as_posix()
        year = years.get(folder.name)
        if year is None:
            problems.append(Problem(shown, None, "", f"“{folder.name}”不是已配置的届次", "可选：" + "、".join(years)))
            continue
        names: dict[str, Path] = {}
        for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
            rel = path.relative_to(content.parent).as_posix()
            ext = path.suffix.lower()
            if ext not in TYPES:
                problems.append(Problem(rel, None, "", "不能作为下载文件发布", "可用格式：PNG、JPEG、SVG、PDF"))
                continue
            name = f"{slugify(path.stem, config.place_slugs()) or 'file'}{'.jpg' if ext == '.jpeg' else ext}"
            if name in names:
                other = names[name].relative_to(content.parent).as_posix()
                problems.append(Problem(rel, None, "", f"发布文件名 {name} 与“{other}”相同", "请修改其中一个文件名"))
                continue
            names[name] = path
            planned.append(Planned(year, path, f"downloads/{year}/{name}", ext))
    return planned, problems


def check_downloads(config: Config, content: Path) -> list[Problem]:
    """What `check` reports about content/downloads/: the plan's problems and unreadable images."""
    problems: list[Problem] = []
    for column in config.columns.values():
        planned, found = plan_downloads(config, column, content)
        problems += found
        for item in planned:
            try:
                _prepare(item)
            except _unreadable_errors() as e:
                problems.append(_unreadable(item, content, e))
    return problems


def add_downloads(view: ColumnView, config: Config, column: Column, content: Path) -> PagePlan:
    """The files of content/downloads/<column>/<year>/ and the /downloads/ page; an empty plan when there is
    nothing to offer. Raises ProblemsFound for what check_downloads reports."""
    planned, problems = plan_downloads(config, column, content)
    files: dict[int, list[Download]] = {}
    published: dict[str, bytes] = {}
    for item in planned:
        try:
            files.setdefault(item.year, []).append(_publish(published, item))
        except _unreadable_errors() as e:
            problems.append(_unreadable(item, content, e))
    if problems:
        raise ProblemsFound(problems)
    if not files:
        return plan_of()
    titles = {e.year: e.title for e in column.editions}
    editions = [EditionDownloads(year, titles[year], tuple(files[year])) for year in sorted(files, reverse=True)]
    meta = PageMeta(
        "downloads/",
        "标识、海报下载",
        f"{column.short_title}标识、海报和飘窗标准图下载",
        "downloads",
        (Link(view.short_title, ""),),
    )
    return plan_of([page("downloads.html", meta, editions=editions)], published)


def _unreadable_errors() -> tuple[type[Exception], ...]:
    """What an unreadable download raises (an except clause evaluates this only when something was raised)."""
    from PIL import Image, UnidentifiedImageError

    return (StripError, OSError, UnidentifiedImageError, Image.DecompressionBombError)


def _unreadable(item: Planned, content: Path, error: Exception) -> Problem:
    rel = item.source.relative_to(content.parent).as_posix()
    return Problem(rel, None, "", f"无法读取：{error}", "请换一个完整的文件")


def _prepare(item: Planned) -> tuple[bytes, PIL.Image.Image | None]:
    """The bytes to publish and, for a raster, the decoded image."""
    from PIL import Image  # Pillow loads only when there is a download to offer

    data = item.source.read_bytes()
    if item.ext in (".svg", ".pdf"):
        return data, None  # vector files pass through unchanged
    stripped = strip_png(data) if item.ext == ".png" else strip_jpeg(data)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(stripped)) as image:
            image.load()
            return stripped, image.convert("RGBA")


def _publish(files: dict[str, bytes], item: Planned) -> Download:
    from PIL import Image

    data, image = _prepare(item)
    target, title, kind = item.target, item.source.stem, TYPES[item.ext]
    files[target] = data
    if image is None:
        match = _SVG_SIZE.search(data[:4096].decode("utf-8", "replace")) if item.ext == ".svg" else None
        pixels = f"矢量（{float(match[1]):g}×{float(match[2]):g}）" if match else "矢量"
        return Download(title, target, kind, pixels, human_size(len(data)), None, 0, 0)
    thumb = Image.new("RGB", image.size, (255, 255, 255))  # transparent logos on white, as the page shows them
    thumb.paste(image, mask=image.getchannel("A"))
    thumb.thumbnail((THUMB_WIDTH * 2, THUMB_WIDTH * 4))
    out = io.BytesIO()
    thumb.save(out, "JPEG", quality=80, optimize=True)
    thumb_path = target.rsplit(".", 1)[0] + ".thumb.jpg"
    files[thumb_path] = out.getvalue()
    width, height = image.size
    return Download(
        title,
        target,
        kind,
        f"{width}×{height} 像素",
        human_size(len(data)),
        thumb_path,
        thumb.width // 2,
        thumb.height // 2,
    )
