"""`build.py build` on a machine without a CJK font: artwork for every column is enough; without it, a message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sitekit
from PIL import Image

BUILD_PY = sitekit.REPO / "build.py"
COLUMNS = ("vocational", "lifelong")


def fontless_env(tmp: Path) -> dict[str, str]:
    """fontconfig pointed at an empty font folder, as on a server where fonts-noto-cjk was never installed."""
    fonts, cache = tmp / "no-fonts", tmp / "fontconfig-cache"
    fonts.mkdir()
    conf = tmp / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{fonts}</dir><cachedir>{cache}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "SITEGEN_NOW": sitekit.NOW.isoformat()}
    env.pop("FONTCONFIG_PATH", None)
    env["PYTHONWARNINGS"] = "error"
    # The environment really has no Chinese font: the build cannot be passing by luck.
    listed = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, env=env, check=True)
    assert listed.stdout.strip() == ""
    return env


def build(site: sitekit.FixtureSite, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    (site.root / "themes").symlink_to(sitekit.REPO / "themes")  # build.py looks for the theme under --root
    done = subprocess.run(
        [sys.executable, str(BUILD_PY), "--root", str(site.root), "build"],
        capture_output=True,
        text=True,
        env=env,
        cwd=site.root,
        timeout=300,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def test_artwork_for_both_columns_builds_without_a_font(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    for number, column in enumerate(COLUMNS):
        path = site.root / "content" / "banners" / f"{column}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (480, 240), (30 + 100 * number, 90, 160)).save(path)
    done = build(site, fontless_env(tmp_path))
    assert done.returncode == 0, done.stderr
    for number, column in enumerate(COLUMNS):
        with Image.open(site.output / column / "banner" / "banner@2x.png") as image:
            assert image.size == (480, 240)
            assert image.convert("RGB").getpixel((240, 120)) == (30 + 100 * number, 90, 160)


@pytest.mark.parametrize("with_art", [(), ("vocational",)])
def test_no_font_and_no_artwork_fails_naming_the_font_and_both_fixes(tmp_path: Path, with_art: tuple[str]) -> None:
    site = sitekit.materialize(tmp_path)
    for column in with_art:
        path = site.root / "content" / "banners" / f"{column}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (480, 240), (40, 90, 160)).save(path)
    missing = "lifelong" if with_art else "vocational"
    done = build(site, fontless_env(tmp_path))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"错误：飘窗 {missing}：未找到中文（CJK）字体 Noto Sans CJK SC，无法绘制文字飘窗。"
        "请安装字体 fonts-noto-cjk（sudo apt-get install fonts-noto-cjk；make build 会自动安装），"
        f"或把飘窗图片放在 content/banners/{missing}.png "
        f"(no CJK font to draw the banner: install fonts-noto-cjk, or provide content/banners/{missing}.png)"
    ]
    assert not site.output.exists()
