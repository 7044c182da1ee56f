"""`build.py import`: e-mails, zips, Word files and folders become submitted drafts with their originals."""

from __future__ import annotations

import re
from pathlib import Path

import intake_corpus as corpus
import pytest
import sitekit
import yaml
from PIL import Image

from sitegen.commands.cli import main


def run(site: sitekit.FixtureSite, *args: str | Path) -> int:
    return main(["--root", str(site.root), "import", *map(str, args)])


def front(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2]


def submission(inbox: Path, client: str = "qq", subject: str = "太原市教育局+职业教育活动周启动仪式") -> Path:
    photos = [corpus.photo(inbox / "src" / f"{name}.jpg", seed) for seed, name in enumerate(corpus.PHOTO_NAMES)]
    doc = corpus.word(inbox / "src" / "稿件.docx", pictures=photos[:2], numeric_headings=True)
    pictures = corpus.gbk_zip(inbox / "src" / "图片.zip", {f"图片/{p.name}": p.read_bytes() for p in photos})
    pdf = sitekit.make_media(inbox / "src" / "盖章.pdf", {"kind": "pdf", "title": "审核意见", "lines": ["同意报送"]})
    return corpus.eml(
        inbox / f"{client}.eml",
        subject,
        [
            ("太原市教育局活动周稿件.docx", doc.read_bytes()),
            ("图片.zip", pictures.read_bytes()),
            ("审核盖章.pdf", pdf.read_bytes()),
        ],
        client=client,
    )


@pytest.mark.parametrize("client", ["qq", "foxmail", "outlook", "163"])
def test_an_email_becomes_a_submitted_draft_with_its_originals(site, inbox, client, capsys) -> None:
    mail = submission(inbox, client)
    assert run(site, mail, "--to", "vocational/highlights") == 0
    out = capsys.readouterr().out
    article = (
        site.root
        / "content/vocational/highlights/taiyuan-shi-juxing-2024-nian-zhiye-jiaoyu-huodong-zhou-qidong-yishi.md"
    )
    assert article.exists(), out
    fm = front(article)
    assert fm["title"] == "太原市举行2024年职业教育活动周启动仪式"
    assert fm["unit"] == "太原市教育局"
    assert fm["status"] == "submitted"
    assert fm["received"] == "2024-05-14 17:42" and fm["date"] == "2024-05-14 17:42"
    assert fm["intake_id"] == "<1715679730.123@qq.com>"
    text = body(article)
    assert "太原市举行2024年职业教育活动周启动仪式" not in text  # the title is not repeated in the body
    assert "# 一、活动概况" in text and "## （一）主要活动" in text  # numeric style ids "1", "2"
    assert "“一技在手，一生无忧。”" in text
    assert "**技能展示**" in text and "*好评如潮*" in text
    assert "[太原市教育局网站](https://jyj.taiyuan.gov.cn/)" in text
    assert "- 技能大赛" in text and "1. 报名参加" in text
    assert "| 项目 | 人数 |" in text and "| 参观 | 3000 |" in text
    folder = article.with_suffix("")
    images = re.findall(r"!\[([^\]]*)\]\(([^)]+)\)", text)
    # The two pictures in the document are replaced by their originals; the third follows as a figure.
    assert [alt for alt, _ in images] == list(corpus.PHOTO_NAMES)
    for (_, src), seed in zip(images, range(3), strict=True):
        assert src.startswith(folder.name + "/") and src.isascii()
        original = corpus.photo(inbox / "check" / f"{seed}.jpg", seed)
        assert (site.root / "content/vocational/highlights" / src).read_bytes() == original.read_bytes()
    assert not list(folder.glob("image-*"))  # no recompressed copy kept
    assert [p.suffix for p in folder.glob("*.pdf")] == [".pdf"]
    assert "盖章扫描件，不发布" in article.read_text(encoding="utf-8")
    assert not list((site.root / "content").rglob(".intake-*"))


def test_import_prints_progress_and_what_check_says(site, inbox, capsys) -> None:
    mail = submission(inbox)
    assert run(site, mail, "--to", "vocational/highlights") == 0
    out = capsys.readouterr().out
    assert re.search(r"\[1/1\] .*qq\.eml → content/vocational/highlights/.*\.md（太原市教育局：", out)
    assert "导入的稿件还有以下问题需要处理" not in out  # a complete news item passes check
    assert "共 1 份：导入 1 份，未导入 0 份。" in out


def test_reimporting_the_same_email_is_refused_naming_the_article(site, inbox, capsys) -> None:
    mail = submission(inbox)
    assert run(site, mail, "--to", "vocational/highlights") == 0
    before = corpus.tree(site.root / "content")
    capsys.readouterr()
    assert run(site, mail, "--to", "vocational/highlights") == 1
    err = capsys.readouterr().err
    assert (
        "未导入：这份稿件已导入过：content/vocational/highlights/"
        "taiyuan-shi-juxing-2024-nian-zhiye-jiaoyu-huodong-zhou-qidong-yishi.md" in err
    )
    assert corpus.tree(site.root / "content") == before


def approve(article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("status: submitted", "status: approved\nreview: {by: 宣传部, date: 2024-05-15}"), encoding="utf-8"
    )


def test_an_approved_import_publishes_its_photos_but_never_the_pdf_or_the_email(site, inbox, capsys) -> None:
    from sitegen.build import build

    mail = submission(inbox)
    assert run(site, mail, "--to", "vocational/highlights") == 0
    [article] = (site.root / "content/vocational/highlights").glob("taiyuan-shi-juxing-*.md")
    approve(article)
    build(site.project, sitekit.NOW)
    page = site.read_output(f"vocational/highlights/{article.stem}/index.html")
    assert "太原市举行2024年职业教育活动周启动仪式" in page and "“一技在手，一生无忧。”" in page
    assert "2024年5月13日上午 太原市职教园区 全市职业院校师生 职业教育活动周启动仪式" in page
    shown = dict(re.findall(r'<img src="([^"]+)"[^>]* alt="([^"]+)"', page))
    assert sorted(shown.values()) == sorted(corpus.PHOTO_NAMES)
    folder = site.output / f"vocational/highlights/{article.stem}"
    assert all((folder / src).resolve().is_file() for src in shown)
    published = [p for p in site.output.rglob("*") if p.is_file()]
    # The only PDF published is the fixture site's own notice attachment; the stamped scan never is.
    assert [p.relative_to(site.output).as_posix() for p in published if p.suffix == ".pdf"] == [
        "vocational/policy/notice/notice.pdf"
    ]
    everything = site.all_output_text()
    for secret in ("shenhe-gaizhang", "审核盖章", "xcb@school.example.cn", "1715679730.123@qq.com", "intake"):
        assert secret not in everything


def test_several_paths_make_several_articles_and_one_failure_exits_1(site, inbox, capsys) -> None:
    good = submission(inbox)
    bad = inbox / "太原市教育局+旧稿.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    doc = corpus.word(inbox / "山西开放大学+终身学习讲座.docx", "山西开放大学举办终身学习讲座", title_mode="style")
    assert run(site, good, bad, doc, "--to", "lifelong/local-news") == 1
    captured = capsys.readouterr()
    assert "[1/3]" in captured.out and "[3/3]" in captured.out and "[2/3]" in captured.err
    assert "共 3 份：导入 2 份，未导入 1 份。" in captured.out
    folder = site.root / "content/lifelong/local-news"
    assert front(folder / "shanxi-kaifang-daxue-juban-zhongshen-xuexi-jiangzuo.md")["unit"] == "山西开放大学"


def test_title_falls_back_to_the_subject_topic_and_unit_to_the_sender(site, inbox) -> None:
    doc = corpus.word(inbox / "src" / "稿件.docx", title_mode="none")
    mail = corpus.eml(
        inbox / "m.eml",
        "转发：职教活动周开放日",
        [("稿件.docx", doc.read_bytes())],
        sender="JYJ@taiyuan.example.cn",
        client="outlook",
        message_id=None,
    )
    assert run(site, mail, "--to", "vocational/highlights") == 0
    [article] = (site.root / "content/vocational/highlights").glob("zhijiao-*.md")
    fm = front(article)
    assert (fm["title"], fm["unit"]) == ("职教活动周开放日", "太原市教育局")
    assert fm["intake_id"].startswith("sha256:")


def test_unit_from_the_command_line_and_received_for_a_folder(site, inbox) -> None:
    folder = inbox / "开放日稿件"
    corpus.word(folder / "稿件.docx", "开放日见闻")
    corpus.photo(folder / "图片" / "校园开放日 参观.jpg", 7)
    args = ("--to", "vocational/highlights", "--unit", "山西工程科技职业大学", "--received", "2024-05-15 18:05")
    assert run(site, folder, *args) == 0
    article = site.root / "content/vocational/highlights/kaifangri-jianwen.md"
    fm = front(article)
    assert (fm["unit"], fm["received"]) == ("山西工程科技职业大学", "2024-05-15 18:05")
    assert "![校园开放日 参观](kaifangri-jianwen/xiaoyuan-kaifangri-canguan.jpg)" in body(article)


def test_a_gallery_fills_captions_and_check_lists_what_is_missing(site, inbox, capsys) -> None:
    mail = submission(inbox)
    assert run(site, mail, "--to", "lifelong/showcases") == 0
    out = capsys.readouterr().out
    [article] = (site.root / "content/lifelong/showcases").glob("taiyuan-shi-juxing-*.md")
    images = front(article)["images"]
    assert images[0]["caption"] == {
        "time": "2024年5月13日上午",
        "place": "太原市职教园区",
        "people": "全市职业院校师生",
        "event": "职业教育活动周启动仪式",
    }
    assert images[1]["caption"]["people"] == "学生代表"  # split at Chinese commas
    assert images[2]["caption"] == {"event": "校园开放日 参观"}
    assert "![" not in body(article)  # a gallery shows its photos once, in the gallery
    assert f'{article.relative_to(site.root).as_posix()}:14: images[2].caption: 缺少"时间"、"地点"、"人物"' in out
    assert "共 1 份：导入 1 份，未导入 0 份。" in out


def test_an_mp4_makes_a_video_with_a_poster_from_a_frame(site, inbox) -> None:
    video = sitekit.make_media(inbox / "src" / "讲座.mp4", {"kind": "video", "seconds": 2, "width": 640, "height": 360})
    doc = corpus.word(inbox / "src" / "稿件.docx", "山西开放大学社会大讲堂开讲")
    mail = corpus.eml(
        inbox / "m.eml",
        "山西开放大学+社会大讲堂",
        [("稿件.docx", doc.read_bytes()), ("社会大讲堂.mp4", video.read_bytes())],
        client="foxmail",
    )
    assert run(site, mail, "--to", "lifelong/local-news") == 0
    [article] = (site.root / "content/lifelong/local-news").glob("shanxi-kaifang-daxue-*.md")
    fm = front(article)
    assert fm["kind"] == "video"
    assert fm["video"]["src"].endswith("/shehui-dajiangtang.mp4")
    poster = article.parent / fm["video"]["poster"]
    with Image.open(poster) as image:
        assert image.size == (640, 360)


def test_a_media_report_form_makes_reports(site, inbox) -> None:
    rows = (
        ("媒体名称", "发布日期", "标题", "网址"),
        ("山西日报", "2024年5月14日", "太原职教周开幕", "https://www.sxrb.com/a/1"),
    )
    doc = corpus.word(inbox / "太原市教育局+媒体报道.docx", "媒体报道情况", table=rows)
    assert run(site, doc, "--to", "vocational/highlights", "--kind", "媒体报道") == 0  # the label works too
    [article] = (site.root / "content/vocational/highlights").glob("meiti*.md")
    fm = front(article)
    assert fm["kind"] == "media"
    assert fm["reports"] == [
        {"outlet": "山西日报", "date": "2024-05-14", "title": "太原职教周开幕", "url": "https://www.sxrb.com/a/1"}
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--to", "vocational/nowhere"), "build.py import: --to: “vocational/nowhere”不是已配置的版块"),
        (("--to", "vocational/highlights", "--kind", "poem"), "build.py import: --kind: “poem”不是有效的稿件类型"),
        (("--to", "vocational/highlights", "--edition", "24"), "build.py import: --edition: “24”不是年份"),
        (("--to", "vocational/highlights", "--received", "昨天"), "build.py import: --received: “昨天”不是有效的时间"),
        (
            ("--to", "vocational/highlights", "--unit", "太原市教育厅"),
            "build.py import: --unit: 单位“太原市教育厅”未在",
        ),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(site, inbox, capsys, args, message) -> None:
    doc = corpus.word(inbox / "太原市教育局+启动仪式.docx")
    before = corpus.tree(site.root)
    assert run(site, doc, *args) == 2
    assert message in capsys.readouterr().err
    assert corpus.tree(site.root) == before


def test_edition_year_is_accepted(site, inbox) -> None:
    doc = corpus.word(inbox / "太原市教育局+启动仪式.docx")
    assert run(site, doc, "--to", "vocational/highlights", "--edition", "2024") == 0


def test_a_zip_from_chinese_windows_imports_with_its_gbk_names(site, inbox) -> None:
    photo = corpus.photo(inbox / "src" / "p.jpg", 3)
    doc = corpus.word(inbox / "src" / "稿件.docx", "长治市职教周开幕")
    archive = corpus.gbk_zip(
        inbox / "长治市教育局+职教周开幕.zip",
        {"职教周开幕/稿件.docx": doc.read_bytes(), "职教周开幕/图片/开幕式 合影.jpg": photo.read_bytes()},
    )
    assert run(site, archive, "--to", "vocational/highlights", "--received", "2024-05-13T20:15") == 0
    article = site.root / "content/vocational/highlights/changzhi-shi-zhijiao-zhou-kaimu.md"
    fm = front(article)
    assert (fm["unit"], fm["received"]) == ("长治市教育局", "2024-05-13 20:15")
    assert "![开幕式 合影](changzhi-shi-zhijiao-zhou-kaimu/kaimushi-heying.jpg)" in body(article)


def test_markup_typed_into_the_word_file_never_reaches_the_page(site, inbox) -> None:
    import docx as python_docx

    from sitegen.build import build

    path = inbox / "太原市教育局+启动仪式.docx"
    corpus.word(path, "太原市启动仪式纪实")
    document = python_docx.Document(str(path))
    document.add_paragraph(
        '<script>alert("x")</script><img src=x onerror=alert(1)> <a href="javascript:alert(2)">点我</a>'
    )
    document.save(str(path))
    assert run(site, path, "--to", "vocational/highlights", "--received", "2024-05-14 09:00") == 0
    [article] = (site.root / "content/vocational/highlights").glob("taiyuan-shi-qidong-yishi-jishi*.md")
    approve(article)
    build(site.project, sitekit.NOW)
    page = site.read_output(f"vocational/highlights/{article.stem}/index.html")
    assert "太原市启动仪式纪实" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # shown as the text it was
    assert "<script>alert" not in page
    assert not re.search(r"<img[^>]*onerror", page) and not re.search(r"<a[^>]*javascript:", page)


def test_files_the_article_does_not_use_are_listed(site, inbox, capsys) -> None:
    folder = inbox / "太原市教育局+启动仪式"
    corpus.word(folder / "稿件.docx")
    (folder / "报名统计.xlsx").write_bytes(b"PK\x03\x04")
    assert run(site, folder, "--to", "vocational/highlights") == 0
    assert "    未使用的附件：报名统计.xlsx" in capsys.readouterr().out


def test_a_damaged_heic_photo_is_named_and_the_rest_imported(site, inbox, capsys) -> None:
    folder = inbox / "太原市教育局+启动仪式"
    corpus.word(folder / "稿件.docx")
    (folder / "图片").mkdir()
    (folder / "图片" / "合影.HEIC").write_bytes(b"\x00\x00\x00\x18ftypheic")
    assert run(site, folder, "--to", "vocational/highlights") == 1
    assert (
        "    未导入：图片“图片/合影.HEIC”无法读取（请让报送单位重新发送原图（JPG 或 PNG））" in capsys.readouterr().err
    )
    assert list((site.root / "content/vocational/highlights").glob("taiyuan-shi-juxing*.md"))


def test_a_folder_of_saved_emails_is_one_submission_per_email(site, inbox, capsys) -> None:
    day = inbox / "0514"
    for n, unit in enumerate(("太原市教育局", "长治市教育局")):
        doc = corpus.word(inbox / "src" / f"{n}.docx", f"{unit}职教周活动{n}")
        corpus.eml(day / f"{n}.eml", f"{unit}+职教周活动", [("稿件.docx", doc.read_bytes())], message_id=f"<{n}@x>")
    assert run(site, day, "--to", "vocational/highlights") == 0
    out = capsys.readouterr().out
    assert "[1/2]" in out and "[2/2]" in out and "共 2 份：导入 2 份，未导入 0 份。" in out


def test_an_email_without_message_id_saved_twice_is_still_known(site, inbox, capsys) -> None:
    doc = corpus.word(inbox / "src" / "稿件.docx")
    sent = ("太原市教育局+启动仪式", [("稿件.docx", doc.read_bytes())])
    first = corpus.eml(inbox / "a.eml", *sent, client="qq", message_id=None)
    second = corpus.eml(inbox / "b.eml", *sent, client="foxmail", message_id=None)
    assert first.read_bytes() != second.read_bytes()
    assert run(site, first, second, "--to", "vocational/highlights") == 1
    assert "b.eml：未导入：这份稿件已导入过：content/vocational/highlights/" in capsys.readouterr().err


def test_a_cover_photo_sent_with_the_video_is_its_poster(site, inbox) -> None:
    folder = inbox / "山西开放大学+社会大讲堂"
    sitekit.make_media(folder / "讲座.mp4", {"kind": "video", "seconds": 1, "width": 640, "height": 360})
    corpus.word(folder / "稿件.docx", "社会大讲堂第一讲")
    corpus.photo(folder / "图片" / "讲座封面.jpg", 9, size=(1280, 720))
    assert run(site, folder, "--to", "lifelong/lectures") == 0
    article = site.root / "content/lifelong/lectures/shehui-dajiangtang-diyi-jiang.md"
    assert front(article)["video"] == {
        "src": "shehui-dajiangtang-diyi-jiang/jiangzuo.mp4",
        "poster": "shehui-dajiangtang-diyi-jiang/jiangzuo-fengmian.jpg",
    }
    assert "jiangzuo-fengmian" not in body(article)


def test_a_video_sent_with_a_news_item_is_listed_not_lost(site, inbox, capsys) -> None:
    folder = inbox / "太原市教育局+启动仪式"
    corpus.word(folder / "稿件.docx")
    sitekit.make_media(folder / "现场.mp4", {"kind": "video", "seconds": 1, "width": 640, "height": 360})
    assert run(site, folder, "--to", "vocational/highlights", "--kind", "news") == 0
    assert "    未使用的附件：现场.mp4" in capsys.readouterr().out


def test_a_broken_units_registry_is_a_content_error(site, inbox, capsys) -> None:
    site.write("content/units.yml", "units:\n  - {name: 太原市教育局, type: bureau, city: 太原市}\n")
    doc = corpus.word(inbox / "太原市教育局+启动仪式.docx")
    assert run(site, doc, "--to", "vocational/highlights") == 1
    assert "content/units.yml:2: units[0].type: “bureau”不是有效的值" in capsys.readouterr().err


def test_a_picture_without_an_original_stays_as_word_kept_it(site, inbox) -> None:
    folder = inbox / "太原市教育局+启动仪式"
    others = [corpus.photo(folder / "图片" / f"活动照片{n}.jpg", n) for n in range(4)]
    chart = corpus.photo(inbox / "src" / "chart.jpg", 50)  # a picture of its own: no original was sent
    corpus.word(folder / "稿件.docx", "开幕式纪实", pictures=[chart, others[3]])
    assert run(site, folder, "--to", "vocational/highlights") == 0
    text = body(site.root / "content/vocational/highlights/kaimushi-jishi.md")
    images = re.findall(r"!\[([^\]]*)\]\(([^)]+)\)", text)
    assert images[0][1] == "kaimushi-jishi/image-1.jpg"
    assert images[1] == ("活动照片3", "kaimushi-jishi/huodong-zhaopian-3.jpg")
    assert [alt for alt, _ in images[2:]] == ["活动照片0", "活动照片1", "活动照片2"]
