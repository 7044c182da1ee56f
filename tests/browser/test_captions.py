"""Video captions in Chromium: the <track> loads the WebVTT converted from SubRip, and shows by default."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sitekit import FixtureSite


def test_the_track_loads_its_cues(
    valid_site: FixtureSite, new_page: Callable[..., Any], serve_dir: Callable[[Path], str]
) -> None:
    page = new_page()
    page.goto(serve_dir(valid_site.output / "lifelong") + "lectures/talk/")
    page.wait_for_function(
        "() => { const t = document.querySelector('video').textTracks[0]; return t && t.cues && t.cues.length; }"
    )
    track = page.evaluate(
        """() => { const t = document.querySelector('video').textTracks[0];
            return {kind: t.kind, lang: t.language, label: t.label, mode: t.mode,
                    cues: [...t.cues].map(c => [c.startTime, c.endTime, c.text])}; }"""
    )
    assert track == {
        "kind": "captions",
        "lang": "zh-CN",
        "label": "中文字幕",
        "mode": "showing",
        "cues": [[0, 1, "大家好，今天学习用智能手机。"], [1, 2.5, "先打开微信。"]],
    }
    assert page.console.errors == []
