"""Stage 4, validation: the rules of the media kinds of Annex 2 (gallery, media reports, video), and their wording."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from math import gcd
from pathlib import Path, PurePosixPath

from ..content import CAPTION_PARTS, ImageFacts, VideoFacts
from ..core import Problem
from .subject import Ref, Subject

MB = 1024 * 1024
_EXTENSIONS = {
    "JPEG": (".jpg", ".jpeg", ".jpe", ".jfif"),
    "PNG": (".png",),
    "GIF": (".gif",),
    "WEBP": (".webp",),
    "BMP": (".bmp",),
    "TIFF": (".tif", ".tiff"),
    "HEIF": (".heic", ".heif"),
    "AVIF": (".avif",),
}
_LABELS = {
    "JPEG": "JPG",
    "mp4": "MP4",
    "mov": "MOV（QuickTime）",
    "matroska": "MKV/WebM",
    "avi": "AVI",
    "flv": "FLV",
    "mpegts": "TS",
    "asf": "WMV",
}
# What the first bytes of an attachment must be, by extension: docx and xlsx are ZIP packages.
_SIGNATURES = {"pdf": "pdf", "docx": "zip", "xlsx": "zip", "pptx": "zip", "doc": "ole", "xls": "ole", "ppt": "ole"}
_ASPECT_TOLERANCE = 0.01  # 854×480 is 16:9 to a viewer; a 4:3 clip is off by 25 %


# -- wording shared with rules.py ------------------------------------------------------------------


def format_label(fmt: str) -> str:
    return _LABELS.get(fmt, fmt.upper())


def formats_text(formats: Sequence[str]) -> str:
    return " 或 ".join(format_label(f) for f in formats)


def extension_fits(path: Path, fmt: str) -> bool:
    return fmt not in _EXTENSIONS or path.suffix.lower() in _EXTENSIONS[fmt]


def extension_for(fmt: str) -> str:
    return _EXTENSIONS.get(fmt, (f".{fmt.lower()}",))[0]


def signature_fits(suffix: str, signature: str) -> bool:
    return suffix not in _SIGNATURES or _SIGNATURES[suffix] == signature


def mb(size: int) -> str:
    return f"{size / MB:g} MB"


def size_text(size: int, limit: int) -> str:
    """`2.31 MB`; with the exact bytes when rounding would make it look equal to the limit."""
    text = f"{size / MB:.2f} MB"
    return f"{text}（{size:,} 字节）" if round(size / MB, 2) == round(limit / MB, 2) else text


def duration_text(seconds: float) -> str:
    whole = round(seconds)
    minutes, rest = divmod(whole, 60)
    if not minutes:
        return f"{rest} 秒"
    return f"{minutes} 分钟" if not rest else f"{minutes} 分 {rest} 秒"


def aspect_text(width: int, height: int, aspect: float) -> str:
    divisor = gcd(width, height) or 1
    a, b = width // divisor, height // divisor
    return f"{a}:{b}" if max(a, b) <= 32 else f"{aspect:.2f}:1"


# -- gallery (活动集锦) --------------------------------------------------------------------------------


def _gallery(s: Subject) -> Iterable[tuple[Ref, ImageFacts]]:
    for ref in s.figure_images():
        fact = s.fact(ref)
        if isinstance(fact, ImageFacts):
            yield ref, fact


def gallery_has_images(s: Subject) -> Iterable[Problem]:
    need = s.config.rules.gallery_min_images
    if len(s.article.images) < need:
        yield s.problem(
            ["images"],
            f"活动集锦至少需要 {need} 张图片，现有 {len(s.article.images)} 张",
            "在 images 下逐张列出图片：- src: 图片文件名.jpg，并填写 caption 的时间、地点、人物、事件",
        )


def gallery_image_format(s: Subject) -> Iterable[Problem]:
    allowed = s.config.rules.gallery_formats
    for ref, fact in _gallery(s):
        if fact.format not in allowed:
            yield s.at(
                ref,
                f"图片格式为 {format_label(fact.format)}，须为 {formats_text(allowed)}",
                "请提供相机或手机拍摄的 JPG 或 PNG 原图",
            )


def gallery_image_width(s: Subject) -> Iterable[Problem]:
    minimum = s.config.rules.gallery_min_width
    for ref, fact in _gallery(s):
        if fact.width < minimum:
            yield s.at(
                ref,
                f"图片宽 {fact.width} 像素，低于 {minimum} 像素下限",
                "请提供原图，不要用截图、聊天软件转发或压缩过的图片",
            )


def gallery_image_bytes(s: Subject) -> Iterable[Problem]:
    low, high = s.config.rules.gallery_min_bytes, s.config.rules.gallery_max_bytes
    for ref, fact in _gallery(s):
        if fact.size < low:
            yield s.at(
                ref,
                f"图片 {size_text(fact.size, low)}，低于 {mb(low)} 下限",
                "请提供原图，不要用截图、聊天软件转发或压缩过的图片",
            )
        elif fact.size > high:
            yield s.at(
                ref,
                f"图片 {size_text(fact.size, high)}，超过 {mb(high)} 上限",
                f"请适当压缩到 {mb(high)} 以内，宽度保持 {s.config.rules.gallery_min_width} 像素以上",
            )


def gallery_captions(s: Subject) -> Iterable[Problem]:
    """Every image needs a caption with time, place, people and event, as four fields."""
    raw = s.article.source.front.get("images") if isinstance(s.article.source.front, dict) else None
    skeleton = "写成 caption: {time: 时间, place: 地点, people: 人物, event: 事件}"
    for n, image in enumerate(s.article.images):
        item = raw[n] if isinstance(raw, list) and n < len(raw) else None
        written = item.get("caption") if isinstance(item, dict) else None
        path: list[str | int] = ["images", n, "caption"]
        if isinstance(written, str) and written.strip():
            yield s.problem(path, "图片说明须分时间、地点、人物、事件四项填写，不能只写一段文字", skeleton)
            continue
        missing = [label for key, label in CAPTION_PARTS.items() if not getattr(image.caption, key)]
        if len(missing) == len(CAPTION_PARTS):
            yield s.problem(path, "缺少图片说明", f"每张图片须配时间、地点、人物、事件四项说明，{skeleton}")
        elif missing:
            yield s.problem(
                path, "缺少" + "、".join(f'"{part}"' for part in missing), "图片说明须包含时间、地点、人物、事件"
            )


# -- media reports (媒体报道信息) ----------------------------------------------------------------------

_REPORT_PARTS = (
    ("outlet", "媒体名称", "例如 山西日报"),
    ("date", "发布时间", "例如 2024-05-14"),
    ("summary", "简要内容", "用一两句话概述报道内容"),
    ("url", "相关网址", "报道页面的网址，须以 http:// 或 https:// 开头"),
)


def media_has_reports(s: Subject) -> Iterable[Problem]:
    if not s.article.reports:
        yield s.problem(
            ["reports"],
            "媒体报道至少需要 1 条报道信息",
            "在 reports 下逐条列出：- {outlet: 媒体名称, date: 发布时间, title: 标题, summary: 简要内容, url: 网址}",
        )


def media_report_fields(s: Subject) -> Iterable[Problem]:
    for n, report in enumerate(s.article.reports):
        for key, label, hint in _REPORT_PARTS:
            if not getattr(report, key):
                yield s.problem(["reports", n, key], f"缺少{label} {key}", hint)


def media_no_images(s: Subject) -> Iterable[Problem]:
    """Annex 2, item 3: 不得以截图形式直接报送."""
    hint = "请删除图片，用 reports 写明媒体名称、发布时间、简要内容和网址"
    if s.article.images:
        yield s.problem(["images"], "媒体报道不得以截图形式报送", hint)
    for ref in s.body_images():
        yield s.at(ref, "媒体报道不得以截图形式报送", hint)


# -- video (视频) ------------------------------------------------------------------------------------


def _video(s: Subject) -> tuple[Ref, VideoFacts] | None:
    for ref in s.video_src():
        fact = s.fact(ref)
        if isinstance(fact, VideoFacts):
            return ref, fact
    return None


def video_present(s: Subject) -> Iterable[Problem]:
    if s.article.video is None:
        yield s.problem(
            ["video"],
            "视频稿件缺少 video",
            "填写 video: {src: 视频文件名.mp4, poster: 封面.jpg}；外部视频写 video: {url: https://…, poster: 封面.jpg}",
        )


def video_poster(s: Subject) -> Iterable[Problem]:
    video = s.article.video
    if video is not None and video.poster is None:
        yield s.problem(["video", "poster"], "缺少封面图 poster", "请提供一张 16:9 的 JPG 或 PNG 图片作为视频封面")
    allowed = s.config.rules.inline_formats
    for ref in s.poster():
        fact = s.fact(ref)
        if isinstance(fact, ImageFacts) and fact.format not in allowed:
            yield s.at(
                ref, f"封面图格式为 {format_label(fact.format)}，须为 {formats_text(allowed)}", "请另存为 JPG 或 PNG"
            )


CAPTION_SUFFIXES = (".vtt", ".srt")


def video_captions_format(s: Subject) -> Iterable[Problem]:
    """Subtitles must be WebVTT or SubRip: the two formats the build can give a <track>."""
    video = s.article.video
    captions = video.captions if video else None
    if captions is not None and not captions.written.lower().endswith(CAPTION_SUFFIXES):
        yield s.problem(
            ["video", "captions"],
            f"字幕文件“{captions.written}”须为 .vtt 或 .srt 格式",
            "请从剪辑软件导出 SRT 或 WebVTT 字幕，放在视频旁边",
        )


def video_captions(s: Subject) -> Iterable[Problem]:
    """A warning, not an error (GB/T 37668 asks for captions; a missing one must not stop the week's news)."""
    video = s.article.video
    if video is not None and video.src is not None and video.captions is None:
        # The hint names the file to add beside the video, as the editor would write it in front matter.
        beside = PurePosixPath(video.src.written).with_suffix(".srt")
        yield s.problem(
            ["video", "captions"],
            f"视频“{video.src.written}”没有字幕，听障读者和在静音环境中观看的读者无法获知内容",
            f"请从剪辑软件导出 SRT 或 WebVTT 字幕，存为 {beside} 放在视频旁，并在 video 中填写 captions: {beside}",
        )


def video_format(s: Subject) -> Iterable[Problem]:
    found = _video(s)
    if found is None:
        return
    ref, fact = found
    allowed = s.config.rules.video_formats
    suffix = ref.path.suffix.lower().lstrip(".") if ref.path else ""
    if fact.container not in allowed:
        yield s.at(
            ref,
            f"视频格式为 {format_label(fact.container)}，须为 {formats_text(allowed)}",
            "请用剪辑软件导出为 H.264 编码的 MP4",
        )
    elif suffix not in allowed:
        yield s.at(
            ref,
            f"文件扩展名为 .{suffix or '（无）'}，但实际是 {format_label(fact.container)} 视频",
            f"请把文件改名为 {ref.path.stem if ref.path else ''}.{fact.container}，并修改文章里的引用",
        )


def video_duration(s: Subject) -> Iterable[Problem]:
    found = _video(s)
    limit = s.config.rules.video_max_seconds
    if found is not None and found[1].duration > limit:
        seconds = found[1].duration
        yield s.at(
            found[0],
            f"视频时长 {duration_text(seconds)}，超过 {duration_text(limit)}上限",
            f"请剪辑到 {duration_text(limit)}以内",
        )


def video_aspect(s: Subject) -> Iterable[Problem]:
    found = _video(s)
    if found is None:
        return
    ref, fact = found
    want_w, want_h = s.config.rules.video_aspect
    if abs(fact.display_aspect / (want_w / want_h) - 1) > _ASPECT_TOLERANCE:
        width, height = fact.display_size
        yield s.at(
            ref,
            f"视频画面比例为 {aspect_text(width, height, fact.display_aspect)}"
            f"（{width}×{height}），须为 {want_w}:{want_h}",
            f"请横屏拍摄，或导出为 {want_w}:{want_h} 的视频，例如 {round(1080 * want_w / want_h)}×1080",
        )
