"""Bad input (SPEC 8): a clear line naming the file, never a traceback, and nothing of the file published."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
import sitekit

from sitegen.build import build, check_content
from sitegen.core import ProblemsFound

H = "content/vocational/highlights"
G = "content/lifelong/showcases"
FIX_PATH = "检查文件名和路径，注意大小写；路径相对于本文章的 .md 文件"
REUPLOAD = "请重新导出或重新上传该文件"
DATE_HINT = "写成 2024-05-13 或 2024-05-13 17:30"

# Every bad article's title starts with 坏样稿 and its body holds a BADCASE- marker: neither may reach output/.
CASES: dict[str, list[str]] = {
    "invalid-yaml": [
        f"{H}/bad-yaml.md:2: YAML 格式错误：这里不能出现冒号：值里含有“: ”时请整体加引号（检查该行的缩进、冒号和引号）",
    ],
    "invalid-types": [
        f"{H}/bad-types.md:2: title: 应为文字，实际是列表（文字里含有冒号等特殊符号时请加引号）",
        f"{H}/bad-types.md:7: featured: 应为 true 或 false，实际是“是”",
        f"{H}/bad-types.md:8: tags: 应为列表，实际是整数（列表每项以“- ”开头，或写成 [甲, 乙]）",
    ],
    "invalid-date": [
        f"{H}/bad-date-text.md:3: date: “5月14日”不是有效的日期时间（{DATE_HINT}）",
        f"{H}/bad-date.md:3: date: “2024-05-14 25:00”不是有效的日期时间（{DATE_HINT}）",
    ],
    "invalid-date-calendar": [
        f"{H}/bad-month.md:3: date: “2024-13-45”不是有效的日期时间（{DATE_HINT}）",
    ],
    "invalid-encoding": [
        f"{H}/gbk.md:2: 文件不是 UTF-8 编码（第 12 字节无法识别）（请在编辑器中选择“UTF-8”编码另存"
        "（记事本：另存为 → 编码 UTF-8））",
    ],
    "invalid-missing-image": [
        f"{G}/missing-gallery.md:8: images[0].src: “missing-gallery/Photo-1.jpg”：文件不存在（{FIX_PATH}）",
        f"{H}/missing-inline.md:10: 正文: 插图“missing-inline/stage.jpg”：文件不存在（{FIX_PATH}）",
    ],
    "invalid-corrupt-image": [
        f"{H}/not-image.md:10: 正文: 插图“not-image/stage.jpg”：无法识别的图片文件（文件损坏，或并非图片）"
        f"（{REUPLOAD}）",
        f"{H}/truncated.md:10: 正文: 插图“truncated/stage.jpg”：图片文件不完整（可能只传了一部分），无法读取"
        f"（{REUPLOAD}）",
    ],
    "invalid-bomb": [
        f"{H}/bomb.md:10: 正文: 插图“bomb/huge.png”：图片像素数过大，疑似“解压炸弹”，已拒绝处理（{REUPLOAD}）",
    ],
    "invalid-format-lie": [
        f"{G}/png-named-jpg.md:8: images[0].src: 文件扩展名为 .jpg，但实际是 PNG 图片"
        "（请把文件改名为 photo-1.png，并修改文章里的引用）",
    ],
    "invalid-escape": [
        f"{G}/escape-gallery.md:8: images[0].src: 路径“../../../../secret.jpg”超出了 content/ 目录"
        "（图片、视频和附件须放在文章旁的文件夹里，用相对路径引用）",
        f"{H}/escape-inline.md:14: 正文: 图片路径“../../../config.yml”超出了 content/ 目录"
        "（图片须放在文章旁的文件夹里，用相对路径引用）",
    ],
    "invalid-duplicate-slug": [
        f"{H}/second-copy.md: slug: 网址 /highlights/same-place/ 与“{H}/first-copy.md”相同"
        "（请为其中一篇填写不同的 slug，或修改文件名）",
    ],
    "invalid-unit": [
        f"{H}/unknown-unit.md:4: unit: 单位“太原教育局”未在 content/units.yml 中登记"
        "（是不是：太原市教育局、长治市教育局、运城市教育局）",
    ],
}
# Files that would be copied under their own names if they were published.
MEDIA_NAMES = {"invalid-escape": ["secret.jpg", "config.yml"]}
ACCEPTED = {"accepted-bom": (f"{H}/bom.md", "GOODCASE-bom"), "accepted-crlf": (f"{H}/crlf.md", "GOODCASE-crlf")}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def previous_output(site: sitekit.FixtureSite) -> dict[str, bytes]:
    """A stand-in for the last good build: a failed build must leave it byte for byte."""
    files = {
        "index.html": "<p>上一次的预览</p>",
        "vocational/index.html": "<h1>上一次</h1>",
        "lifelong/feed.xml": "<feed/>",
    }
    for rel, text in files.items():
        target = site.output / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return snapshot(site.output)


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_names_the_file_in_one_clear_line(tmp_path: Path, case: str) -> None:
    site = sitekit.materialize(tmp_path, case)
    with pytest.raises(ProblemsFound) as caught:
        check_content(site.project, sitekit.NOW)
    assert [str(p) for p in caught.value.problems] == CASES[case]


@pytest.mark.parametrize("case", sorted(CASES))
def test_failed_build_leaves_previous_output_byte_identical(tmp_path: Path, case: str) -> None:
    site = sitekit.materialize(tmp_path, case)
    before = previous_output(site)
    with pytest.raises(ProblemsFound):
        build(site.project, sitekit.NOW)
    assert snapshot(site.output) == before


@pytest.mark.parametrize("case", sorted(CASES))
def test_skip_invalid_publishes_nothing_of_the_bad_file(tmp_path: Path, case: str) -> None:
    site = sitekit.materialize(tmp_path, case)
    checked = build(site.project, sitekit.NOW, skip_invalid=True)
    assert list(checked.skipped) == sorted({line.split(":")[0] for line in CASES[case]})
    text = site.all_output_text()
    assert "坏样稿" not in text
    assert "BADCASE" not in text
    assert "职业教育活动周开幕式举行" in text  # the valid articles are still published
    published = {p.name for p in site.output.rglob("*")}
    assert not published & set(MEDIA_NAMES.get(case, ()))


def test_duplicate_slug_keeps_the_first_file_published(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path, "invalid-duplicate-slug")
    build(site.project, sitekit.NOW, skip_invalid=True)
    assert "GOODCASE-first" in site.read_output("vocational/highlights/same-place/index.html")


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_bom_and_crlf_are_accepted(tmp_path: Path, case: str) -> None:
    rel, _marker = ACCEPTED[case]
    site = sitekit.materialize(tmp_path, case)
    raw = (site.root / rel).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") if case == "accepted-bom" else b"\r\n" in raw
    checked = check_content(site.project, sitekit.NOW)
    assert rel in {a.rel for a in checked.articles}
    assert not checked.problems


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_bom_and_crlf_articles_are_built(tmp_path: Path, case: str) -> None:
    _rel, marker = ACCEPTED[case]
    site = sitekit.materialize(tmp_path, case)
    build(site.project, sitekit.NOW)
    assert marker in site.all_output_text()


def test_a_broken_units_registry_is_reported_alone_and_publishes_nothing(tmp_path: Path) -> None:
    """units.yml is read first, in a child process (the word segmenter's dictionaries stay there): its
    problem comes alone, before any article's, the last output stays and no child is left."""
    site = sitekit.materialize(tmp_path, "invalid-date")
    before = previous_output(site)
    units = site.root / "content" / "units.yml"
    text = units.read_text(encoding="utf-8")
    units.write_text(text.replace("type: city-bureau", "type: bureau", 1), encoding="utf-8")
    with pytest.raises(ProblemsFound) as caught:
        build(site.project, sitekit.NOW)
    assert [str(p) for p in caught.value.problems] == [
        "content/units.yml:2: units[0].type: “bureau”不是有效的值（是不是想写 city-bureau？）"
    ]
    assert snapshot(site.output) == before
    assert multiprocessing.active_children() == []
