"""Video captions: the `captions` field of `video`, SubRip converted to WebVTT, the <track>, and the checks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sitekit

from sitegen.build import build, check_content
from sitegen.core import ProblemsFound
from sitegen.render.captions import captions_target, to_webvtt

SRT = (
    "\ufeff1\r\n00:00:00,000 --> 00:00:01,000\r\n大家好，今天学习用智能手机。\r\n\r\n"
    "2\r\n0:00:01,000 --> 00:00:02,500\r\n先打开微信。\r\n"
)
VTT = """WEBVTT

1
00:00:00.000 --> 00:00:01.000
大家好，今天学习用智能手机。

2
00:00:01.000 --> 00:00:02.500
先打开微信。
"""


def test_subrip_becomes_webvtt_exactly() -> None:
    assert to_webvtt(SRT, ".srt").decode() == VTT
    assert to_webvtt(SRT, ".SRT") == to_webvtt(SRT, ".srt")
    assert to_webvtt("\ufeffWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\n你好\r\n\r\n", ".vtt") == (
        b"WEBVTT\n\n00:01.000 --> 00:02.000\n\xe4\xbd\xa0\xe5\xa5\xbd\n"
    )
    assert captions_target("lectures/talk/clip.mp4", "字幕.srt") == "lectures/talk/字幕.vtt"


def test_a_video_with_captions_gets_a_track(valid_site: sitekit.FixtureSite) -> None:
    site = valid_site
    html = site.read_output("lifelong/lectures/talk/index.html")
    track = re.search(r"<track [^>]*>", html)
    assert track is not None
    assert (
        track[0]
        == '<track kind="captions" src="../../lectures/talk/clip.vtt" srclang="zh-CN" label="中文字幕" default>'
    )
    assert html.index("<source ") < track.start() < html.index("</video>")
    assert (site.output / "lifelong/lectures/talk/clip.vtt").read_text(encoding="utf-8") == VTT
    assert not (site.output / "lifelong/lectures/talk/clip.srt").exists(), "the source is not published"


def test_a_video_without_captions_is_published_with_a_warning_and_no_track(tmp_path: Path) -> None:
    """A warning (SPEC 4.2): GB/T 37668 asks for captions, but a missing file must not hold back the week's news."""
    site = sitekit.materialize(tmp_path, "warning-video-captions")
    checked = check_content(site.project, sitekit.NOW)
    assert [p.labelled() for p in checked.problems] == [
        "提示 content/lifelong/lectures/talk.md:7: video.captions: "
        "视频“talk/clip.mp4”没有字幕，听障读者和在静音环境中观看的读者无法获知内容"
        "（请从剪辑软件导出 SRT 或 WebVTT 字幕，存为 talk/clip.srt 放在视频旁，"
        "并在 video 中填写 captions: talk/clip.srt）"
    ]
    build(site.project, sitekit.NOW)
    html = site.read_output("lifelong/lectures/talk/index.html")
    assert "<video " in html and "<track" not in html
    assert not list(site.output.rglob("*.vtt"))


def test_captions_in_another_format_are_an_error(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    md = site.root / "content/lifelong/lectures/talk.md"
    md.write_text(md.read_text(encoding="utf-8").replace("talk/clip.srt", "talk/clip.ass"), encoding="utf-8")
    (site.root / "content/lifelong/lectures/talk/clip.ass").write_text("[Script Info]\n", encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        check_content(site.project, sitekit.NOW)
    assert [str(p) for p in caught.value.problems] == [
        "content/lifelong/lectures/talk.md:7: video.captions: 字幕文件“talk/clip.ass”须为 .vtt 或 .srt 格式"
        "（请从剪辑软件导出 SRT 或 WebVTT 字幕，放在视频旁边）"
    ]


def test_a_missing_captions_file_is_named(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    (site.root / "content/lifelong/lectures/talk/clip.srt").unlink()
    with pytest.raises(ProblemsFound) as caught:
        check_content(site.project, sitekit.NOW)
    assert [str(p) for p in caught.value.problems] == [
        "content/lifelong/lectures/talk.md:7: video.captions: “talk/clip.srt”：文件不存在"
        "（检查文件名和路径，注意大小写；路径相对于本文章的 .md 文件）"
    ]
