"""Stage 2, sources: read the facts of media files (size, format, dimensions, duration) without trusting names."""

from __future__ import annotations

import struct
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..core import Orientation, frozen


@frozen
class ImageFacts:
    size: int  # bytes
    format: str  # what the bytes are, e.g. JPEG, PNG (not what the name says)
    width: int  # as displayed, after EXIF orientation
    height: int


@frozen
class VideoFacts:
    size: int
    container: str  # e.g. mp4, mov (told apart by the file's major brand), matroska
    codec: str
    width: int
    height: int
    duration: float  # seconds
    pixel_aspect: float = 1.0  # sample aspect ratio: anamorphic video is shown wider than its pixels
    rotation: int = 0  # degrees from the display matrix: phones store portrait video as rotated landscape

    @property
    def display_size(self) -> tuple[int, int]:
        """Width and height as a player shows the picture."""
        width = round(self.width * self.pixel_aspect)
        return (self.height, width) if self.rotation % 180 else (width, self.height)

    @property
    def display_aspect(self) -> float:
        width, height = self.display_size
        return width / height if height else 0.0


@frozen
class FileFacts:
    size: int
    signature: str = ""  # what the first bytes say: pdf, zip (docx, xlsx), ole (old doc, xls), or ""


@frozen
class Unreadable:
    """The file is missing, unreadable or not what it claims to be; `reason` is for editors."""

    reason: str
    missing: bool = False  # the file is not there at all: the fix is the path, not the file


Facts = ImageFacts | VideoFacts | FileFacts | Unreadable

if TYPE_CHECKING:
    import PIL.Image


def probe_image(path: Path) -> ImageFacts | Unreadable:
    from PIL import Image, UnidentifiedImageError  # Pillow loads only when there is an image to probe

    try:
        size = path.stat().st_size
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                # An MPO is a camera JPEG with extra frames; browsers show it as the JPEG it is.
                fmt = "JPEG" if image.format == "MPO" else image.format or "?"
                width, height = image.size
                if Orientation.of(image.getexif()).is_transposed:
                    width, height = height, width
                if fmt == "JPEG":
                    _check_jpeg(image)
            if fmt != "JPEG":
                with Image.open(path) as again:  # verify() must come straight after open()
                    again.verify()
    except FileNotFoundError:
        return Unreadable("文件不存在", missing=True)
    except IsADirectoryError:
        return Unreadable("这是一个文件夹，不是图片", missing=True)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return Unreadable("图片像素数过大，疑似“解压炸弹”，已拒绝处理")
    except UnidentifiedImageError:
        return Unreadable("无法识别的图片文件（文件损坏，或并非图片）")
    except (OSError, SyntaxError, ValueError, EOFError, struct.error) as e:
        if "truncated" in str(e):
            return Unreadable("图片文件不完整（可能只传了一部分），无法读取")
        return Unreadable("图片文件已损坏，无法读取")
    return ImageFacts(size, fmt, width, height)


def _check_jpeg(image: PIL.Image.Image) -> None:
    """Raise if the scan data is cut short, so the render stage never meets a broken file.

    Pillow's verify() reads none of a JPEG's scan data, so the JPEG is decoded at 1/8 scale
    (libjpeg's DCT scaling reads every byte but costs a few milliseconds).
    """
    image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
    image.load()


def probe_video(path: Path) -> VideoFacts | Unreadable:
    import av  # PyAV: FFmpeg's demuxers read the container, we never parse MP4 by hand

    try:
        size = path.stat().st_size
        with av.open(str(path), metadata_errors="ignore") as container:
            stream = next(iter(container.streams.video), None)
            if stream is None:
                return Unreadable("文件里没有视频画面")
            if container.duration:
                duration = container.duration / 1_000_000
            elif stream.duration and stream.time_base:
                duration = float(stream.duration * stream.time_base)
            else:
                duration = 0.0
            sar = stream.sample_aspect_ratio
            # Decoding the first frame proves the stream plays and tells its rotation (a phone held upright).
            first = next(container.decode(stream), None)
            if first is None:
                return Unreadable("视频里没有可播放的画面（文件损坏，或并非视频）")
            return VideoFacts(
                size,
                _container_name(container.format.name, container.metadata),
                stream.codec_context.name,
                stream.codec_context.width,
                stream.codec_context.height,
                duration,
                float(sar) if sar else 1.0,
                int(first.rotation or 0),
            )
    except FileNotFoundError:
        return Unreadable("文件不存在", missing=True)
    except IsADirectoryError:
        return Unreadable("这是一个文件夹，不是视频", missing=True)
    except (av.FFmpegError, OSError, ValueError):
        return Unreadable("无法读取视频文件（文件损坏，或并非视频）")


def _container_name(demuxer: str, metadata: dict[str, str]) -> str:
    """FFmpeg reads MP4 and QuickTime with one demuxer; the major brand tells them apart."""
    names = demuxer.split(",")
    if "mp4" in names:
        return "mov" if metadata.get("major_brand", "").strip() == "qt" else "mp4"
    return names[0]


_SIGNATURES = ((b"%PDF-", "pdf"), (b"PK\x03\x04", "zip"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"))


def probe_file(path: Path) -> FileFacts | Unreadable:
    try:
        if not path.is_file():
            return Unreadable("文件不存在", missing=True)
        with path.open("rb") as f:
            head = f.read(16)
        signature = next((name for magic, name in _SIGNATURES if head.startswith(magic)), "")
        return FileFacts(path.stat().st_size, signature)
    except OSError as e:
        return Unreadable(f"无法读取文件：{e.strerror}")


def probe_all(images: Iterable[Path], videos: Iterable[Path], files: Iterable[Path]) -> dict[Path, Facts]:
    facts: dict[Path, Facts] = {}
    for path in sorted(set(images)):
        facts[path] = probe_image(path)
    for path in sorted(set(videos)):
        facts[path] = probe_video(path)
    for path in sorted(set(files)):
        facts.setdefault(path, probe_file(path))
    return facts
