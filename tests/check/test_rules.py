"""The submission rules of Annex 2 (SPEC 4.1, 4.2): a fixture site per rule, with the exact lines editors read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sitekit

from sitegen.build import check_content
from sitegen.check import rules, rules_media
from sitegen.config import KINDS
from sitegen.core import ProblemsFound, errors_of, parallel, sort_problems

G = "content/lifelong/showcases"
H = "content/vocational/highlights"
L = "content/lifelong/lectures"
N = "content/lifelong/local-news"
CAPTION_HINT = "图片说明须包含时间、地点、人物、事件"
ORIGINAL = "请提供原图，不要用截图、聊天软件转发或压缩过的图片"
LANDSCAPE = "请横屏拍摄，或导出为 16:9 的视频，例如 1920×1080"
NO_CAPTIONS = (
    "视频“talk/clip.mp4”没有字幕，听障读者和在静音环境中观看的读者无法获知内容"
    "（请从剪辑软件导出 SRT 或 WebVTT 字幕，存为 talk/clip.srt 放在视频旁，"
    "并在 video 中填写 captions: talk/clip.srt）"
)
SCREENSHOT = "媒体报道不得以截图形式报送（请删除图片，用 reports 写明媒体名称、发布时间、简要内容和网址）"

# case folder under tests/sites/ → every line `build.py check` prints for it, in order, each labelled 错误
# (blocks the build and approve) or 提示 (listed, never blocking: an Annex-2 limit on the unit's material).
# A warning-* case breaks only such limits: it builds, with its warnings (SPEC 4.2).
CASES: dict[str, list[str]] = {
    "warning-body-too-long": [
        f"提示 {H}/long-news.md:8: 正文: 正文 812 字，超过 800 字上限（请删减 12 字；新闻稿字数按 Word 的“字数”统计）",
    ],
    "warning-gallery-body": [
        f"提示 {G}/long-gallery.md:11: 正文: 正文 301 字，超过 300 字上限"
        "（请删减 1 字；活动集锦字数按 Word 的“字数”统计）",
    ],
    "invalid-inline-format": [
        f"错误 {H}/inline-gif.md:10: 正文: 插图“inline-gif/stage.gif”：图片格式为 GIF，须为 JPG 或 PNG"
        "（请另存为 JPG 或 PNG）",
    ],
    "warning-inline-size": [
        f"提示 {H}/inline-big.md:10: 正文: 插图“inline-big/stage.jpg”：图片 2.20 MB，须小于 2 MB"
        "（插图每张须小于上限：请压缩，或把宽度缩小到 1600 像素左右）",
    ],
    "invalid-gallery-no-images": [
        f"错误 {G}/empty-gallery.md: images: 活动集锦至少需要 1 张图片，现有 0 张"
        "（在 images 下逐张列出图片：- src: 图片文件名.jpg，并填写 caption 的时间、地点、人物、事件）",
    ],
    "invalid-gallery-format": [
        f"错误 {G}/tiff-gallery.md:8: images[0].src: 图片格式为 TIFF，须为 JPG 或 PNG"
        "（请提供相机或手机拍摄的 JPG 或 PNG 原图）",
    ],
    "warning-gallery-width": [
        f"提示 {G}/narrow-gallery.md:8: images[0].src: 图片宽 1600 像素，低于 2000 像素下限（{ORIGINAL}）",
    ],
    "warning-gallery-bytes": [
        f"提示 {G}/weight-gallery.md:8: images[0].src: 图片 0.50 MB，低于 2 MB 下限（{ORIGINAL}）",
        f"提示 {G}/weight-gallery.md:10: images[1].src: 图片 11.00 MB，超过 10 MB 上限"
        "（请适当压缩到 10 MB 以内，宽度保持 2000 像素以上）",
    ],
    "warning-gallery-caption": [
        f'提示 {G}/caption-gallery.md:9: images[0].caption: 缺少"地点"（{CAPTION_HINT}）',
        f"提示 {G}/caption-gallery.md:11: images[1]"
        ".caption: 图片说明须分时间、地点、人物、事件四项填写，不能只写一段文字"
        "（写成 caption: {time: 时间, place: 地点, people: 人物, event: 事件}）",
        f"提示 {G}/caption-gallery.md:12: images[2].caption: 缺少图片说明"
        "（每张图片须配时间、地点、人物、事件四项说明，"
        "写成 caption: {time: 时间, place: 地点, people: 人物, event: 事件}）",
        f'提示 {G}/caption-gallery.md:14: images[3].caption: 缺少"人物"、"事件"（{CAPTION_HINT}）',
    ],
    "invalid-format-lie": [
        f"错误 {G}/png-named-jpg.md:8: images[0].src: 文件扩展名为 .jpg，但实际是 PNG 图片"
        "（请把文件改名为 photo-1.png，并修改文章里的引用）",
    ],
    "invalid-media-no-reports": [
        f"错误 {N}/no-reports.md: reports: 媒体报道至少需要 1 条报道信息"
        "（在 reports 下逐条列出：- {outlet: 媒体名称, date: 发布时间, title: 标题, summary: 简要内容, url: 网址}）",
    ],
    "invalid-media-report-fields": [
        f"错误 {N}/thin-reports.md:9: reports[0].summary: 缺少简要内容 summary（用一两句话概述报道内容）",
        f"错误 {N}/thin-reports.md:9: reports[0].url: 缺少相关网址 url"
        "（报道页面的网址，须以 http:// 或 https:// 开头）",
        f"错误 {N}/thin-reports.md:10: reports[1].date: 缺少发布时间 date（例如 2024-05-14）",
        f"错误 {N}/thin-reports.md:10: reports[1].outlet: 缺少媒体名称 outlet（例如 山西日报）",
    ],
    "warning-media-screenshot": [
        f"提示 {N}/screenshots.md:10: images: {SCREENSHOT}",
        f"提示 {N}/screenshots.md:15: 正文: 插图“screenshots/shot-2.png”：{SCREENSHOT}",
    ],
    "invalid-media-url": [
        f"错误 {N}/bad-url.md:9: reports[0].url: “ftp://example.org/news”不是有效的网址"
        "（须以 http:// 或 https:// 开头）",
    ],
    "invalid-video-missing": [
        f"错误 {L}/no-video.md: video: 视频稿件缺少 video（填写 video: {{src: 视频文件名.mp4, poster: 封面.jpg}}；"
        "外部视频写 video: {url: https://…, poster: 封面.jpg}）",
    ],
    "invalid-video-poster": [
        f"错误 {L}/no-poster-url.md:7: video.poster: 缺少封面图 poster"
        "（请提供一张 16:9 的 JPG 或 PNG 图片作为视频封面）",
        f"错误 {L}/no-poster.md:7: video.poster: 缺少封面图 poster（请提供一张 16:9 的 JPG 或 PNG 图片作为视频封面）",
    ],
    "invalid-video-format": [
        f"错误 {L}/quicktime.md:7: video.src: 视频格式为 MOV（QuickTime），须为 MP4"
        "（请用剪辑软件导出为 H.264 编码的 MP4）",
        f"错误 {L}/renamed.md:7: video.src: 文件扩展名为 .mov，但实际是 MP4 视频"
        "（请把文件改名为 clip.mp4，并修改文章里的引用）",
    ],
    "warning-video-captions": [f"提示 {L}/talk.md:7: video.captions: {NO_CAPTIONS}"],
    "warning-video-duration": [
        f"提示 {L}/long-video.md:7: video.src: 视频时长 3 分 5 秒，超过 3 分钟上限（请剪辑到 3 分钟以内）",
    ],
    "warning-video-aspect": [  # a phone held upright records landscape pixels and a 90° display rotation
        f"提示 {L}/portrait-video.md:7: video.src: 视频画面比例为 9:16（180×320），须为 16:9（{LANDSCAPE}）",
        f"提示 {L}/square-video.md:7: video.src: 视频画面比例为 4:3（320×240），须为 16:9（{LANDSCAPE}）",
    ],
    "invalid-unit": [
        f"错误 {H}/unknown-unit.md:4: unit: 单位“太原教育局”未在 content/units.yml 中登记"
        "（是不是：太原市教育局、长治市教育局、运城市教育局）",
    ],
    "invalid-review-missing": [
        f"错误 {H}/no-review.md:5: status: 已审核（approved）的稿件缺少内容审核记录 review"
        "（请补充 review: {by: 审核部门, date: 审核日期}，须经本单位宣传部门审核）",
    ],
    "invalid-reprint-source": [
        f"错误 {H}/reprint.md:7: reprint: 转载稿件缺少来源 source"
        "（请填写 source: 原媒体名称 发布日期，例如 山西日报 2024年5月14日）",
    ],
    "invalid-title-length": [
        f"错误 {H}/long-title.md:2: title: 标题 65 字，超过 64 字上限（请删减 1 字）",
    ],
    "invalid-unknown-field": [
        f"错误 {H}/typo.md:7: sumary: 未知字段（是不是想写 summary？）",
        f"错误 {H}/typo.md:8: imagse: 未知字段（是不是想写 images？）",
    ],
    "invalid-attachments": [
        "错误 content/vocational/policy/attachments.md:8: attachments[0].src: 附件格式为 .zip，只接受 pdf、docx、xlsx"
        "（请另存为 pdf、docx、xlsx 格式后再附上）",
        "错误 content/vocational/policy/attachments.md:9: attachments[1].src: 文件扩展名为 .pdf，但内容不是 PDF 文件"
        "（请用原软件重新导出为 PDF，不要只改扩展名）",
    ],
    "invalid-escape": [
        f"错误 {G}/escape-gallery.md:8: images[0].src: 路径“../../../../secret.jpg”超出了 content/ 目录"
        "（图片、视频和附件须放在文章旁的文件夹里，用相对路径引用）",
        f"错误 {H}/escape-inline.md:14: 正文: 图片路径“../../../config.yml”超出了 content/ 目录"
        "（图片须放在文章旁的文件夹里，用相对路径引用）",
    ],
}
ACCEPTED = {"accepted-body-at-limit": f"{H}/full-news.md", "accepted-video-url": f"{L}/external.md"}


def problem_lines(tmp_path: Path, *cases: str) -> list[str]:
    """The lines `check` prints, errors raised or warnings returned; warnings alone never raise."""
    site = sitekit.materialize(tmp_path, *cases)
    try:
        problems = check_content(site.project, sitekit.NOW).problems
        assert not errors_of(problems)
    except ProblemsFound as e:
        problems = e.problems
        assert errors_of(problems)
    return [p.labelled() for p in sort_problems(problems)]


@pytest.mark.parametrize("case", sorted(CASES))
def test_rule_reports_exact_lines(tmp_path: Path, case: str) -> None:
    assert problem_lines(tmp_path, case) == CASES[case]


@pytest.mark.parametrize(("case", "rel"), ACCEPTED.items())
def test_accepted_cases_pass(tmp_path: Path, case: str, rel: str) -> None:
    site = sitekit.materialize(tmp_path, case)
    checked = check_content(site.project, sitekit.NOW)
    assert not checked.problems
    assert rel in {a.rel for a in checked.articles}


def test_every_problem_of_every_file_is_reported_in_one_run(tmp_path: Path) -> None:
    cases = ("warning-video-aspect", "warning-gallery-caption", "invalid-unit")  # the order of their paths
    assert problem_lines(tmp_path, *cases) == [line for case in cases for line in CASES[case]]


def test_the_rules_of_hundreds_of_articles_run_on_every_core_and_report_in_file_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past 200 articles the rules run in forked workers: each problem still comes back, in file order, and a
    build on one core reports the same lines."""
    site = sitekit.materialize(tmp_path)
    article = "---\ntitle: 第{n}篇\ndate: 2024-05-14\nunit: {unit}\nstatus: submitted\n---\n正文。\n"
    for n in range(260):
        unit = "太原教育局" if n in (7, 199, 258) else "太原市教育局"
        site.write(f"{H}/batch-{n:03d}.md", article.format(n=n, unit=unit))
    line = "unit: 单位“太原教育局”未在 content/units.yml 中登记（是不是：太原市教育局、长治市教育局、运城市教育局）"
    expected = [f"{H}/batch-{n:03d}.md:4: {line}" for n in (7, 199, 258)]
    for cores in (2, 1):
        monkeypatch.setattr(parallel, "workers", lambda cores=cores: cores)
        shutil.rmtree(site.project.cache, ignore_errors=True)  # the rules' results are cached by file
        with pytest.raises(ProblemsFound) as caught:
            check_content(site.project, sitekit.NOW)
        assert [str(p) for p in caught.value.problems] == expected, f"on {cores} cores"
    assert not (site.root / "output").exists()


def test_submitted_items_are_checked_and_drafts_only_need_readable_front_matter(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    article = "---\ntitle: 待审稿件\ndate: 2024-05-14\nunit: 太原教育局\nstatus: {status}\n---\n正文。\n"
    site.write(f"{H}/pending.md", article.format(status="submitted"))
    site.write(f"{H}/sketch.md", article.format(status="draft") + "![未上传](sketch/none.jpg)\n")
    with pytest.raises(ProblemsFound) as caught:
        check_content(site.project, sitekit.NOW)
    assert [str(p) for p in caught.value.problems] == [
        f"{H}/pending.md:4: unit: 单位“太原教育局”未在 content/units.yml 中登记"
        "（是不是：太原市教育局、长治市教育局、运城市教育局）"
    ]


def test_limits_come_from_config(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    config = (site.root / "config.yml").read_text(encoding="utf-8")
    config = config.replace("news:    {label: 新闻稿, max_words: 800}", "news:    {label: 新闻稿, max_words: 12}")
    site.write("config.yml", config.replace("title_max_chars: 64", "title_max_chars: 15"))
    with pytest.raises(ProblemsFound) as caught:
        check_content(site.project, sitekit.NOW)
    words = "新闻稿字数按 Word 的“字数”统计"
    assert [str(p) for p in caught.value.problems] == [
        "content/lifelong/learning-stars/wang.md:2: title: 标题 18 字，超过 15 字上限（请删减 3 字）",
        "content/lifelong/notices/plan.md:2: title: 标题 21 字，超过 15 字上限（请删减 6 字）",
        f"{H}/future-item.md:9: 正文: 正文 13 字，超过 12 字上限（请删减 1 字；{words}）",
        # 5月12日上午…: Markdown syntax, the image's alt text and white space do not count
        f"{H}/opening.md:11: 正文: 正文 49 字，超过 12 字上限（请删减 37 字；{words}）",
        f"{H}/太原市启动仪式.md:8: 正文: 正文 15 字，超过 12 字上限（请删减 3 字；{words}）",
        "content/vocational/policy/notice.md:2: title: 标题 21 字，超过 15 字上限（请删减 6 字）",
    ]


def test_every_kind_has_its_rules() -> None:
    assert set(rules.KIND_RULES) == set(KINDS)
    assert rules_media.gallery_captions in rules.KIND_RULES["gallery"]
    assert rules_media.media_no_images in rules.KIND_RULES["media"]
    assert rules.inline_images not in rules.KIND_RULES["media"]


@pytest.mark.parametrize(
    ("size", "limit", "text"),
    [
        (2_306_867, 2_097_152, "2.20 MB"),
        (2_097_151, 2_097_152, "2.00 MB（2,097,151 字节）"),
        (524_288, 2_097_152, "0.50 MB"),
    ],
)
def test_sizes_are_shown_so_the_comparison_is_visible(size: int, limit: int, text: str) -> None:
    assert rules_media.size_text(size, limit) == text


@pytest.mark.parametrize(("seconds", "text"), [(180, "3 分钟"), (185.4, "3 分 5 秒"), (42, "42 秒"), (240, "4 分钟")])
def test_durations_read_as_minutes_and_seconds(seconds: float, text: str) -> None:
    assert rules_media.duration_text(seconds) == text


@pytest.mark.parametrize(
    ("width", "height", "text"), [(320, 240, "4:3"), (1080, 1920, "9:16"), (854, 480, "1.78:1"), (1000, 1000, "1:1")]
)
def test_aspect_ratios_are_named_as_editors_know_them(width: int, height: int, text: str) -> None:
    assert rules_media.aspect_text(width, height, width / height) == text


def test_extensions_are_compared_with_the_actual_format() -> None:
    assert rules_media.extension_fits(Path("a.JPEG"), "JPEG")
    assert rules_media.extension_fits(Path("a.png"), "PNG")
    assert not rules_media.extension_fits(Path("a.jpg"), "PNG")
    assert rules_media.extension_for("PNG") == ".png"
    assert rules_media.signature_fits("docx", "zip")
    assert not rules_media.signature_fits("pdf", "")
