"""Real mail: pasted photos, forwards in every form, rewritten subjects, split encoded words, partial imports."""

from __future__ import annotations

import re
from base64 import b64encode
from pathlib import Path

import intake_corpus as corpus
import pytest
import yaml

from sitegen.commands.cli import main

SCHOOL = "山西工程科技职业大学"
HIGHLIGHTS = "content/vocational/highlights"


def run(site, *args: str | Path) -> int:
    return main(["--root", str(site.root), "import", *map(str, args)])


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2]


def articles(site) -> list[Path]:
    """The drafts the import wrote (the fixture site's own articles have no intake_id)."""
    return sorted(p for p in (site.root / HIGHLIGHTS).glob("*.md") if "\nintake_id:" in p.read_text(encoding="utf-8"))


def school_mail(inbox: Path, n: int = 0, *, message_id: str | None = None, title: str = "") -> bytes:
    """A school's own submission: Word file with two photos' recompressed copies, the originals attached."""
    photos = [
        corpus.photo(inbox / "src" / f"{n}" / f"{name}.jpg", n * 10 + i)
        for i, name in enumerate(corpus.PHOTO_NAMES[:2])
    ]
    doc = corpus.word(inbox / "src" / f"{n}" / "稿件.docx", title or f"{SCHOOL}举行技能展示周{n}", pictures=photos)
    path = corpus.eml(
        inbox / "src" / f"{n}.eml",
        f"{SCHOOL}+技能展示周",
        [("稿件.docx", doc.read_bytes()), *((p.name, p.read_bytes()) for p in photos)],
        client="foxmail",
        sender="xcb@sxgkd.example.cn",
        date="Mon, 13 May 2024 15:20:31 +0800",
        message_id=message_id or f"<20240513152031.{n}@sxgkd.example.cn>",
    )
    return path.read_bytes()


# 1. Photos pasted into the body


def test_photos_pasted_into_the_body_are_the_originals(site, inbox, capsys) -> None:
    originals = [corpus.photo(inbox / "src" / f"{name}.jpg", seed) for seed, name in enumerate(corpus.PHOTO_NAMES)]
    doc = corpus.word(inbox / "src" / "稿件.docx", pictures=originals[:2])
    logo = corpus.photo(inbox / "src" / "logo.jpg", 99, size=(120, 40))
    pasted = [
        ("part1@foxmail.com", f"{corpus.PHOTO_NAMES[0]}.jpg", originals[0].read_bytes(), "attachment"),
        ("part2@foxmail.com", None, originals[1].read_bytes(), "inline"),
        ("part3@foxmail.com", f"{corpus.PHOTO_NAMES[2]}.jpg", originals[2].read_bytes(), ""),
        ("sig@foxmail.com", "logo.jpg", logo.read_bytes(), "inline"),
    ]
    mail = corpus.pasted_eml(inbox / "m.eml", "太原市教育局+启动仪式", pasted, [("稿件.docx", doc.read_bytes())])
    assert run(site, mail, "--to", "vocational/highlights") == 0
    out = capsys.readouterr().out
    [article] = articles(site)
    folder = article.with_suffix("")
    assert not list(folder.glob("image-*"))  # Word's recompressed copies replaced by the pasted originals
    sent = {p.read_bytes() for p in originals}
    kept = {p.read_bytes() for p in folder.glob("*.jpg")}
    assert sent == kept
    assert "    未使用的附件：logo.jpg" in out  # a signature's logo is no photo of the event, and is named


def test_pasted_photos_without_a_word_file_are_a_submission(site, inbox) -> None:
    photo = corpus.photo(inbox / "src" / "p.jpg", 4)
    pasted = [("part1@qq.com", None, photo.read_bytes(), "")]
    mail = corpus.pasted_eml(inbox / "m.eml", "太原市教育局+校园开放日", pasted)
    assert run(site, mail, "--to", "vocational/highlights") == 0
    [article] = articles(site)
    assert [p.read_bytes() for p in article.with_suffix("").glob("*.jpg")] == [photo.read_bytes()]


# 2. Forwards


@pytest.mark.parametrize("form", ["rfc822", "base64", "file"])
def test_a_forwarded_submission_is_opened_with_the_originals_fields(site, inbox, form) -> None:
    original = school_mail(inbox)
    mail = corpus.forward_eml(inbox / "fw.eml", "转发：稿件", [original], form=form)
    assert run(site, mail, "--to", "vocational/highlights") == 0
    [article] = articles(site)
    fm = front(article)
    assert fm["unit"] == SCHOOL  # not 太原市教育局, whose address forwarded it
    assert fm["title"] == f"{SCHOOL}举行技能展示周0"
    assert fm["received"] == "2024-05-13 15:20"  # the school's, not the forward's
    assert fm["intake_id"] == "<20240513152031.0@sxgkd.example.cn>"
    assert len(list(article.with_suffix("").glob("*.jpg"))) == 2


def test_the_same_submission_sent_and_forwarded_is_imported_once(site, inbox, capsys) -> None:
    original = school_mail(inbox)
    direct = inbox / "direct.eml"
    direct.write_bytes(original)
    forwarded = corpus.forward_eml(inbox / "fw.eml", "转发：稿件", [original])
    assert run(site, direct, forwarded, "--to", "vocational/highlights") == 1
    [article] = articles(site)
    assert f"fw.eml：未导入：这份稿件已导入过：{HIGHLIGHTS}/{article.name}" in capsys.readouterr().err


def test_one_forward_carrying_several_submissions_makes_several_drafts(site, inbox, capsys) -> None:
    originals = [school_mail(inbox, n) for n in range(3)]
    mail = corpus.forward_eml(inbox / "fw.eml", "转发：三所学校的稿件", originals)
    assert run(site, mail, "--to", "vocational/highlights") == 0
    out = capsys.readouterr().out
    assert [front(a)["title"] for a in articles(site)] == [f"{SCHOOL}举行技能展示周{n}" for n in range(3)]
    assert "（转发的第 2 封：山西工程科技职业大学+技能展示周）" in out
    assert "共 3 份：导入 3 份，未导入 0 份。" in out


INLINE = {
    "qqmail": "------------------ 原始邮件 ------------------\n"
    '发件人: "宣传部"<xcb@sxgkd.example.cn>;\n发送时间: 2024年5月13日(星期一) 下午3:20\n'
    '收件人: "太原市教育局"<jyj@taiyuan.example.cn>;\n主题: 山西工程科技职业大学+技能展示周\n',
    "foxmail": " \n发件人： 宣传部\n发送时间： 2024-05-13 15:20\n收件人： 太原市教育局\n"
    "主题： 山西工程科技职业大学+技能展示周\n",
    "163": "-------- 转发邮件信息 --------\n"
    '发件人："宣传部" <xcb@sxgkd.example.cn>\n发送日期：2024-05-13 15:20:31\n'
    "收件人：jyj@taiyuan.example.cn\n主题：山西工程科技职业大学+技能展示周\n",
    "outlook": "-----Original Message-----\nFrom: 宣传部 <xcb@sxgkd.example.cn> \n"
    "Sent: Monday, May 13, 2024 3:20 PM\nTo: jyj@taiyuan.example.cn\nSubject: 山西工程科技职业大学+技能展示周\n",
    "outlook-cn": "发件人: 宣传部 <xcb@sxgkd.example.cn> \n发送时间: 2024年5月13日 15:20\n"
    "收件人: jyj@taiyuan.example.cn\n主题: 山西工程科技职业大学+技能展示周\n",
    "outlook-express": '----- Original Message ----- \nFrom: "宣传部" <xcb@sxgkd.example.cn>\n'
    "To: <jyj@taiyuan.example.cn>\nSent: Monday, May 13, 2024 3:20 PM\nSubject: 山西工程科技职业大学+技能展示周\n",
}


@pytest.mark.parametrize("client", sorted(INLINE))
def test_an_inline_forward_takes_unit_subject_and_time_from_the_original(site, inbox, client, capsys) -> None:
    doc = corpus.word(inbox / "src" / "稿件.docx", title_mode="none")
    text = f"请审核。\n\n{INLINE[client]}\n您好，附件是我校的报送稿件。\n"
    mail = corpus.eml(
        inbox / "fw.eml",
        "转发：稿件",
        [("稿件.docx", doc.read_bytes())],
        client="outlook" if client.startswith("outlook") else "foxmail",
        sender="jyj@taiyuan.example.cn",
        date="Wed, 15 May 2024 09:05:00 +0800",
        body=text,
    )
    assert run(site, mail, "--to", "vocational/highlights") == 0
    [article] = articles(site)
    fm = front(article)
    assert (fm["unit"], fm["title"], fm["received"]) == (SCHOOL, "技能展示周", "2024-05-13 15:20")
    assert "说明：转发的邮件：稿件信息取自原始邮件" in capsys.readouterr().out


def test_an_article_typed_in_a_forwarded_mail_keeps_its_text_and_pasted_photo(site, inbox, capsys) -> None:
    """No Word file: a city bureau forwards inline what a school typed into its mail, with a photo pasted in.
    The author's text is the body (as typed, the forwarder's note and the header block left out), never lost."""
    from email.message import EmailMessage

    photo = corpus.photo(inbox / "src" / "开幕式.jpg", 3).read_bytes()
    plain = (
        "请审核。\n\n" + INLINE["qqmail"] + "\n#职教周# 5月13日上午，山西工程科技职业大学举行技能展示周开幕式。\n"
        "1. 学生展示了数控加工技艺。\n"
    )
    message = EmailMessage()
    message["From"] = "太原市教育局 <jyj@taiyuan.example.cn>"
    message["To"] = "zyjyz@example.edu.cn"
    message["Subject"] = "[外部邮件] 转发：山西工程科技职业大学+技能展示周"
    message["Date"] = "Wed, 15 May 2024 09:05:00 +0800"
    message["Message-ID"] = "<fw-0515@taiyuan.example.cn>"
    message.set_content(plain)
    html = plain.replace("\n", "<br>") + '<img src="cid:photo1@qq.com">'
    message.add_alternative(f"<html><body>{html}</body></html>", subtype="html")
    message.get_payload()[1].add_related(photo, "image", "jpeg", cid="<photo1@qq.com>")
    mail = inbox / "fw.eml"
    mail.write_bytes(bytes(message))

    assert run(site, mail, "--to", "vocational/highlights") == 0
    [article] = articles(site)
    text = body(article)
    assert text.startswith(
        "\\#职教周\\# 5月13日上午，山西工程科技职业大学举行技能展示周开幕式。\n\n1\\. 学生展示了数控加工技艺。\n"
    )
    assert "请审核" not in text and "发件人" not in text
    assert [p.read_bytes() for p in article.with_suffix("").glob("*.jpg")] == [photo]
    assert "说明：没有 Word 文件：正文取自邮件正文，请删去问候语、署名等不属于稿件的文字" in capsys.readouterr().out


# 3. Subjects as gateways and clients rewrite them


@pytest.mark.parametrize(
    ("subject", "unit", "title"),
    [
        ("[外部邮件] FW: 太原市教育局+校园开放日", "太原市教育局", "校园开放日"),
        ("[zyjyz-list] 太原市教育局+校园开放日", "太原市教育局", "校园开放日"),
        ("【太原市教育局】校园开放日", "太原市教育局", "校园开放日"),
        ("回复：转发：长治市教育局+校园开放日", "长治市教育局", "校园开放日"),
        ("RE: Fwd: 【外部邮件】长治市教育局-校园开放日", "长治市教育局", "校园开放日"),
    ],
)
def test_rewritten_subjects_keep_unit_and_topic(site, inbox, subject, unit, title) -> None:
    doc = corpus.word(inbox / "src" / "稿件.docx", title_mode="none")
    mail = corpus.eml(inbox / "m.eml", subject, [("稿件.docx", doc.read_bytes())], sender="someone@example.com")
    assert run(site, mail, "--to", "vocational/highlights") == 0
    [article] = articles(site)
    assert (front(article)["unit"], front(article)["title"]) == (unit, title)
    assert article.name == "xiaoyuan-kaifangri.md"  # no [tag] or 【】 in the URL


# 4. Encoded words split inside a character


def test_a_subject_split_inside_a_character_decodes(site, inbox) -> None:
    raw = f"{SCHOOL}+技能展示周".encode()
    words = " ".join(f"=?utf-8?B?{b64encode(raw[i : i + 10]).decode()}?=" for i in range(0, len(raw), 10))
    doc = corpus.word(inbox / "src" / "稿件.docx", title_mode="none")
    mail = corpus.eml(inbox / "m.eml", "placeholder", [("稿件.docx", doc.read_bytes())])
    text = mail.read_bytes()
    start = text.index(b"Subject: ")
    end = text.index(b"\n", start)
    mail.write_bytes(text[:start] + b"Subject: " + words.encode() + b"\r" + text[end:])
    assert run(site, mail, "--to", "vocational/highlights") == 0
    [article] = articles(site)
    assert (front(article)["unit"], front(article)["title"]) == (SCHOOL, "技能展示周")


# 7. One bad part does not refuse the rest


def test_a_stray_rar_a_second_word_file_and_a_broken_photo_are_named_the_rest_imported(site, inbox, capsys) -> None:
    photo = corpus.photo(inbox / "src" / "开幕式.jpg", 1)
    doc = corpus.word(inbox / "src" / "稿件.docx")
    other = corpus.word(inbox / "src" / "报名表.docx", "报名表")
    mail = corpus.eml(
        inbox / "m.eml",
        "太原市教育局+启动仪式",
        [
            ("太原市教育局+启动仪式.docx", doc.read_bytes()),
            ("报名表.docx", other.read_bytes()),
            ("图片.rar", b"Rar!\x1a\x07\x00" + bytes(64)),
            ("开幕式.jpg", photo.read_bytes()),
            ("合影.jpg", photo.read_bytes()[:300]),
        ],
        client="outlook",
    )
    assert run(site, mail, "--to", "vocational/highlights") == 1
    captured = capsys.readouterr()
    [article] = articles(site)
    assert front(article)["title"] == "太原市举行2024年职业教育活动周启动仪式"
    assert [p.name for p in article.with_suffix("").glob("*.jpg")] == ["kaimushi.jpg"]
    err = captured.err
    assert "    未导入：附件“图片.rar”：不支持 RAR 压缩包（请先解压，再导入解压出的文件夹）" in err
    assert (
        "    未导入：Word 文件“报名表.docx”"
        "（一篇稿件一个 Word 文件：已导入“太原市教育局+启动仪式.docx”，这一份请单独导入）" in err
    )
    assert "    未导入：图片“合影.jpg”无法读取（请让报送单位重新发送原图（JPG 或 PNG））" in err
    assert "其中 1 份有附件未导入（见上），请联系报送单位补发。" in captured.out


# 8. Duplicates by content


def test_a_resent_submission_with_a_new_message_id_is_refused_naming_the_draft(site, inbox, capsys) -> None:
    first = inbox / "first.eml"
    first.write_bytes(school_mail(inbox, message_id="<first@sxgkd.example.cn>"))
    again = inbox / "again.eml"
    again.write_bytes(school_mail(inbox, message_id="<again@sxgkd.example.cn>"))
    assert run(site, first, again, "--to", "vocational/highlights") == 1
    [article] = articles(site)
    assert (
        f"again.eml：未导入：这份稿件与已导入的 {HIGHLIGHTS}/{article.name} "
        "内容相同（标题和正文相同，2 张照片或视频相同）" in capsys.readouterr().err
    )


def test_a_corrected_resend_is_imported_with_a_notice_naming_the_first(site, inbox, capsys) -> None:
    first = inbox / "first.eml"
    first.write_bytes(school_mail(inbox, message_id="<first@sxgkd.example.cn>"))
    assert run(site, first, "--to", "vocational/highlights") == 0
    [draft] = articles(site)
    corrected = inbox / "corrected.eml"
    corrected.write_bytes(school_mail(inbox, message_id="<second@sxgkd.example.cn>", title="改正后的标题"))
    capsys.readouterr()
    assert run(site, corrected, "--to", "vocational/highlights") == 0
    assert (
        f"说明：可能与已导入的 {HIGHLIGHTS}/{draft.name} 重复（2 张照片或视频相同），请核对" in capsys.readouterr().out
    )
    assert len(articles(site)) == 2


# 11. Smaller


def test_an_unreadable_date_falls_back_to_received_and_says_so(site, inbox, capsys) -> None:
    doc = corpus.word(inbox / "src" / "稿件.docx")
    mail = corpus.eml(
        inbox / "m.eml", "太原市教育局+启动仪式", [("稿件.docx", doc.read_bytes())], date="周二 17:42", client="outlook"
    )
    text = mail.read_bytes()
    received = (
        b"Received: from mx.school.example.cn (unknown [10.1.2.3])\r\n\tby mx.example.edu.cn (Coremail) with SMTP id "
        b"abc;\r\n\tTue, 14 May 2024 17:43:02 +0800 (CST)\r\n"
    )
    mail.write_bytes(received + text)
    assert run(site, mail, "--to", "vocational/highlights") == 0
    [article] = articles(site)
    assert front(article)["received"] == "2024-05-14 17:43"
    assert (
        "说明：邮件的发送时间（Date）“周二 17:42”无法识别，received 取自邮件服务器的收信时间（Received）"
        in capsys.readouterr().out
    )


def test_a_news_item_with_an_mp4_says_it_became_a_video(site, inbox, capsys) -> None:
    import sitekit

    folder = inbox / "太原市教育局+启动仪式"
    corpus.word(folder / "稿件.docx")
    sitekit.make_media(folder / "现场.mp4", {"kind": "video", "seconds": 1, "width": 640, "height": 360})
    assert run(site, folder, "--to", "vocational/highlights") == 0
    out = capsys.readouterr().out
    assert (
        "说明：附有视频，稿件按“视频”类型导入（版块默认为“新闻稿”）；"
        "若这是一篇新闻稿，请删除该稿件后加 --kind news 重新导入" in out
    )


@pytest.mark.parametrize("suffix", [".srt", ".vtt"])
def test_subtitles_beside_the_mp4_become_its_captions(site, inbox, suffix, capsys) -> None:
    import sitekit

    folder = inbox / "山西开放大学+社会大讲堂"
    sitekit.make_media(folder / "讲座.mp4", {"kind": "video", "seconds": 1, "width": 640, "height": 360})
    corpus.word(folder / "稿件.docx", "社会大讲堂第一讲")
    track = (
        "1\n00:00:00,000 --> 00:00:01,000\n各位老师好\n"
        if suffix == ".srt"
        else "WEBVTT\n\n00:00.000 --> 00:01.000\n各位老师好\n"
    )
    (folder / f"讲座字幕{suffix}").write_text(track, encoding="utf-8")
    assert run(site, folder, "--to", "lifelong/lectures") == 0
    article = site.root / "content/lifelong/lectures/shehui-dajiangtang-diyi-jiang.md"
    video = front(article)["video"]
    assert video["captions"] == f"shehui-dajiangtang-diyi-jiang/jiangzuo{suffix}"
    assert (article.parent / video["captions"]).read_text(encoding="utf-8") == track
    assert "captions" not in capsys.readouterr().out  # check finds nothing to say about them


def test_nothing_but_unreadable_parts_is_refused_listing_each(site, inbox, capsys) -> None:
    mail = corpus.eml(inbox / "m.eml", "太原市教育局+启动仪式", [("图片.rar", b"Rar!\x1a\x07\x00")])
    assert run(site, mail, "--to", "vocational/highlights") == 1
    err = capsys.readouterr().err
    assert "未导入：没有可导入的稿件：附件都未能导入（原因见下，请让报送单位重新发送）" in err
    assert "    未导入：附件“图片.rar”：不支持 RAR 压缩包（请先解压，再导入解压出的文件夹）" in err
    assert not articles(site)
    assert re.search(r"\.intake-", str(list((site.root / "content").iterdir()))) is None


# 9. Outlook

SAMPLES = Path(__file__).parent / "samples"


def test_winmail_dat_is_opened(site, inbox, capsys) -> None:
    """Outlook's rich-text mail: the attachments are inside winmail.dat (a real TNEF file, MimeKit's test data)."""
    doc = corpus.word(inbox / "src" / "稿件.docx")
    tnef = (SAMPLES / "two-files.tnef").read_bytes()
    mail = corpus.eml(
        inbox / "m.eml",
        "太原市教育局+启动仪式",
        [("稿件.docx", doc.read_bytes()), ("winmail.dat", tnef)],
        client="outlook",
    )
    assert run(site, mail, "--to", "vocational/highlights") == 0
    assert "    未使用的附件：AUTHORS、README" in capsys.readouterr().out  # the files inside, not winmail.dat


def test_a_damaged_winmail_dat_is_named_the_rest_imported(site, inbox, capsys) -> None:
    doc = corpus.word(inbox / "src" / "稿件.docx")
    mail = corpus.eml(
        inbox / "m.eml",
        "太原市教育局+启动仪式",
        [("稿件.docx", doc.read_bytes()), ("winmail.dat", (SAMPLES / "two-files.tnef").read_bytes()[:200])],
        client="outlook",
    )
    assert run(site, mail, "--to", "vocational/highlights") == 1
    assert (
        "    未导入：附件“winmail.dat”（Outlook 的 winmail.dat）已损坏，无法读取"
        "（请报送单位在 Outlook 中把邮件格式改为 HTML 或纯文本后重新发送，或直接发送附件）" in capsys.readouterr().err
    )
    assert len(articles(site)) == 1


MSG_ADVICE = (
    "Outlook 邮件（.msg）无法直接导入（请在 Outlook 中打开该邮件，选择“转发”→“以附件形式转发”发给自己后"
    "在网页邮箱中另存为 .eml；或把邮件的附件全部另存到一个文件夹，再导入该文件夹（--received 填邮件的发送时间））"
)


def test_an_outlook_msg_file_gets_advice(site, inbox, capsys) -> None:
    msg = inbox / "太原市教育局+启动仪式.msg"
    msg.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))  # an OLE compound file, as Outlook saves
    assert run(site, msg, "--to", "vocational/highlights") == 1
    assert f"未导入：“{msg}”：{MSG_ADVICE}" in capsys.readouterr().err


def test_a_msg_attached_to_a_mail_is_named_with_the_same_advice(site, inbox, capsys) -> None:
    doc = corpus.word(inbox / "src" / "稿件.docx")
    mail = corpus.eml(
        inbox / "m.eml",
        "太原市教育局+启动仪式",
        [("稿件.docx", doc.read_bytes()), ("学校来信.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64))],
    )
    assert run(site, mail, "--to", "vocational/highlights") == 1
    assert f"    未导入：附件“学校来信.msg”：{MSG_ADVICE}" in capsys.readouterr().err


def test_the_word_segmenter_keeps_its_cache_under_the_projects_cache(site, inbox, tmp_path) -> None:
    """jieba writes its dictionary cache once; it must land in .cache/, not the system temp folder."""
    import subprocess
    import sys

    doc = corpus.word(inbox / "太原市教育局+启动仪式.docx")
    temp = tmp_path / "system-tmp"
    temp.mkdir()
    code = (
        "import sys; from sitegen.commands.cli import main; "
        f"sys.exit(main(['--root', {str(site.root)!r}, 'import', {str(doc)!r}, '--to', 'vocational/highlights']))"
    )
    env = {"PATH": "/usr/bin:/bin", "TMPDIR": str(temp), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=Path(__file__).parents[2], capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    assert list(temp.iterdir()) == []
    assert (site.root / ".cache" / "jieba.cache").is_file()


def test_photos_a_client_recompressed_are_known_by_their_picture(site, inbox, capsys) -> None:
    """Re-sent through WeChat or a mail client's 压缩图片, the photos have other bytes but the same picture."""
    photos = [corpus.photo(inbox / "src" / f"{name}.jpg", i) for i, name in enumerate(corpus.PHOTO_NAMES[:2])]
    doc = corpus.word(inbox / "src" / "稿件.docx", "太原市职教周开幕")
    sent = [(p.name, p.read_bytes()) for p in photos]
    first = corpus.eml(inbox / "a.eml", "太原市教育局+职教周开幕", [("稿件.docx", doc.read_bytes()), *sent])
    assert run(site, first, "--to", "vocational/highlights") == 0
    [draft] = articles(site)
    other = corpus.word(inbox / "src" / "改稿.docx", "太原市职教周开幕（修改稿）")
    smaller = [(p.name, corpus.recompressed(p)) for p in photos]
    again = corpus.eml(
        inbox / "b.eml", "太原市教育局+职教周开幕", [("稿件.docx", other.read_bytes()), *smaller], message_id="<b@x>"
    )
    capsys.readouterr()
    assert run(site, again, "--to", "vocational/highlights") == 0
    assert f"说明：可能与已导入的 {HIGHLIGHTS}/{draft.name} 重复（2 张照片画面相同），请核对" in capsys.readouterr().out
