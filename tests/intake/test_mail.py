"""Subjects and file names decode without losing a character, in every form Chinese mail clients write."""

from __future__ import annotations

from base64 import b64encode
from pathlib import Path

import intake_corpus as corpus
import pytest

from sitegen.intake.mail import decode_words, read_mail

NAME = "朱镕基中学“技能之星”风采（定稿）.docx"  # 镕 is in GBK but not in GB2312


def b64(data: bytes) -> str:
    return b64encode(data).decode()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (f"=?gb2312?B?{b64('朱镕基中学'.encode('gbk'))}?=", "朱镕基中学"),  # GBK bytes under a gb2312 label
        (f"=?GBK?B?{b64('堃'.encode('gbk'))}?=", "堃"),
        (f"=?GB18030?B?{b64('䶮𠀀'.encode('gb18030'))}?=", "䶮𠀀"),  # four-byte GB18030 sequences
        (f"=?utf-8?B?{b64('活动'.encode())}?= =?utf-8?B?{b64('周'.encode())}?=", "活动周"),  # adjacent words
        ("=?GBK?Q?=BB=EE=B6=AF?=", "活动"),
        ('"=?gb2312?B?' + b64("图片.zip".encode("gbk")) + '?="', '"图片.zip"'),  # a word inside quotes (Foxmail)
        ("图片".encode("gbk").decode("ascii", errors="surrogateescape"), "图片"),  # raw 8-bit (Outlook)
        ("图片".encode().decode("ascii", errors="surrogateescape"), "图片"),  # raw 8-bit UTF-8
        ("Re: =?utf-8?B?" + b64("报送".encode()) + "?=", "Re: 报送"),
    ],
)
def test_encoded_words(raw: str, expected: str) -> None:
    assert decode_words(raw) == expected


@pytest.mark.parametrize("client", ["qq", "foxmail", "outlook", "163"])
def test_every_client_form_of_names_and_subject(tmp_path: Path, client: str) -> None:
    path = corpus.eml(
        tmp_path / "m.eml",
        "朱镕基中学+“技能之星”风采展示",
        [(NAME, b"docx bytes"), ("图片.zip", b"zip bytes")],
        client=client,
        date="Tue, 14 May 2024 09:42:10 +0000",
    )
    mail = read_mail(path.read_bytes())
    assert mail.subject == "朱镕基中学+“技能之星”风采展示"
    assert [(a.name, a.data) for a in mail.attachments] == [(NAME, b"docx bytes"), ("图片.zip", b"zip bytes")]
    assert mail.sender == "xcb@school.example.cn"
    assert mail.date is not None and mail.date.isoformat() == "2024-05-14T09:42:10+00:00"


def test_received_is_the_date_header_in_the_configured_time_zone(site, tmp_path: Path) -> None:
    from sitegen.commands.cli import main

    doc = corpus.word(tmp_path / "src" / "稿件.docx")
    mail = corpus.eml(
        tmp_path / "m.eml",
        "太原市教育局+启动仪式",
        [("稿件.docx", doc.read_bytes())],
        client="foxmail",
        date="Tue, 14 May 2024 10:05:00 +0000",
    )
    assert main(["--root", str(site.root), "import", str(mail), "--to", "vocational/highlights"]) == 0
    [article] = (site.root / "content/vocational/highlights").glob("taiyuan-shi-juxing-*.md")
    assert "received: 2024-05-14 18:05" in article.read_text(encoding="utf-8")


def test_pictures_pasted_into_the_body_are_attachments_too(tmp_path: Path) -> None:
    """Foxmail and QQMail send a pasted photo as a cid: part, with or without a name and an attachment flag."""
    pasted = [
        ("part1.5E2F@foxmail.com", "开幕式.jpg", b"\xff\xd8 one", "attachment"),
        ("part2.5E2F@foxmail.com", None, b"\xff\xd8 two", "inline"),
        ("part3.5E2F@foxmail.com", "合影.jpg", b"\xff\xd8 three", ""),
    ]
    path = corpus.pasted_eml(tmp_path / "m.eml", "太原市教育局+启动仪式", pasted, [("稿件.docx", b"docx")])
    mail = read_mail(path.read_bytes())
    assert [(a.name, a.data) for a in mail.attachments] == [
        ("开幕式.jpg", b"\xff\xd8 one"),
        ("正文图片-2.jpg", b"\xff\xd8 two"),
        ("合影.jpg", b"\xff\xd8 three"),
        ("稿件.docx", b"docx"),
    ]
