"""Hostile and unsupported input: a clear refusal, nothing written outside content/, no partial article."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import intake_corpus as corpus
import pytest
import sitekit

from sitegen.commands.cli import main
from sitegen.core import slugify
from sitegen.intake import Limits, import_submissions


@pytest.fixture
def watched(site, inbox, tmp_path, monkeypatch):
    """Snapshots of the project, the inbox and the temporary folder; after the test, all must be as they were."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    def snapshot() -> tuple[dict, dict, dict]:
        project = {k: v for k, v in corpus.tree(site.root).items() if k.split("/")[0] != ".cache"}
        return project, corpus.tree(inbox), corpus.tree(scratch)

    # The build index under .cache/ is the generator's own too: import brings it up to date to find the
    # intake_ids and slugs already taken.
    # jieba (the word segmenter of slugs) keeps its dictionary cache in the temporary folder, written once
    # by any build; it is the generator's own, not anything from a submission.
    slugify("预热")
    state: dict[str, object] = {}
    yield lambda: state.setdefault("before", snapshot())
    assert snapshot() == state["before"], "something was written"


def refused(site, capsys, path: Path, message: str, *args: str) -> None:
    assert main(["--root", str(site.root), "import", str(path), "--to", "vocational/highlights", *args]) == 1
    err = capsys.readouterr().err
    assert f"[1/1] {path}：未导入：{message}" in err, err


def zip_with(path: Path, entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in entries:
            zf.writestr(info, data)
    return path


def good_doc(inbox: Path) -> bytes:
    return corpus.word(inbox / "src" / "稿件.docx").read_bytes()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("../../evil.txt", "压缩包“太原市教育局+启动仪式.zip”含有指向压缩包以外的路径“../../evil.txt”，已拒绝导入"),
        ("/tmp/evil.txt", "压缩包“太原市教育局+启动仪式.zip”含有指向压缩包以外的路径“/tmp/evil.txt”，已拒绝导入"),
        (
            "图片\\..\\..\\evil.txt",
            "压缩包“太原市教育局+启动仪式.zip”含有指向压缩包以外的路径“图片\\..\\..\\evil.txt”，已拒绝导入",
        ),
        (
            "C:/Windows/evil.txt",
            "压缩包“太原市教育局+启动仪式.zip”含有指向压缩包以外的路径“C:/Windows/evil.txt”，已拒绝导入",
        ),
    ],
)
def test_paths_that_leave_the_archive_are_refused(site, inbox, watched, capsys, entry, message) -> None:
    path = zip_with(inbox / "太原市教育局+启动仪式.zip", [("稿件.docx", good_doc(inbox)), (entry, b"owned")])
    watched()
    refused(site, capsys, path, message + "（这是恶意构造的压缩包的特征：请联系报送单位重新打包）")


def test_symlink_entries_are_refused(site, inbox, watched, capsys) -> None:
    link = zipfile.ZipInfo("图片/开幕式.jpg")
    link.external_attr = 0o120777 << 16
    path = zip_with(inbox / "太原市教育局+启动仪式.zip", [("稿件.docx", good_doc(inbox)), (link, b"/etc/passwd")])
    watched()
    refused(
        site,
        capsys,
        path,
        "压缩包“太原市教育局+启动仪式.zip”含有符号链接“图片/开幕式.jpg”，已拒绝导入（请让报送单位只打包普通文件）",
    )


def test_a_zip_bomb_is_stopped_while_reading(site, inbox, watched, capsys) -> None:
    path = zip_with(
        inbox / "太原市教育局+启动仪式.zip", [("稿件.docx", good_doc(inbox)), ("图片/合影.jpg", bytes(8 << 20))]
    )
    watched()
    refused(
        site,
        capsys,
        path,
        "“太原市教育局+启动仪式.zip：图片/合影.jpg”压缩比超过 200:1，疑似“压缩炸弹”，已拒绝导入"
        "（正常的照片、视频和文档压缩比很小：请联系报送单位）",
    )


def test_a_bomb_inside_an_attached_zip_is_stopped_too(site, inbox, watched, capsys) -> None:
    bomb = zip_with(inbox / "src" / "图片.zip", [("图片/合影.jpg", bytes(8 << 20))])
    mail = corpus.eml(
        inbox / "mail.eml",
        "太原市教育局+启动仪式",
        [("稿件.docx", good_doc(inbox)), ("图片.zip", bomb.read_bytes())],
        client="foxmail",
    )
    watched()
    refused(
        site,
        capsys,
        mail,
        "“图片.zip：图片/合影.jpg”压缩比超过 200:1，疑似“压缩炸弹”，已拒绝导入"
        "（正常的照片、视频和文档压缩比很小：请联系报送单位）",
    )


def test_a_decompression_bomb_image_is_refused(site, inbox, watched, capsys) -> None:
    folder = inbox / "太原市教育局+启动仪式"
    corpus.word(folder / "稿件.docx")
    sitekit.make_media(folder / "图片" / "合影.png", {"kind": "bomb", "width": 20000, "height": 20000})
    watched()
    refused(
        site,
        capsys,
        folder,
        "图片“图片/合影.png”像素数过大，疑似“解压炸弹”，已拒绝导入（请让报送单位发送相机或手机拍摄的原图）",
    )


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"""


def test_xml_entities_in_the_word_file_are_refused(site, inbox, watched, capsys) -> None:
    doc = corpus.word(inbox / "太原市教育局+启动仪式.docx")
    with zipfile.ZipFile(doc) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts["word/document.xml"] = BILLION_LAUGHS.encode()
    corpus.rewrite(doc, parts)
    watched()
    refused(
        site,
        capsys,
        doc,
        "Word 文件“太原市教育局+启动仪式.docx”含有 XML 实体或文档类型声明（word/document.xml），"
        "疑似恶意构造，已拒绝导入"
        "（Word 本身从不写这些内容：请让报送单位在 Word 中重新另存为 .docx）",
    )


def test_an_oversized_attachment_is_left_out_and_named_the_rest_imported(site, inbox) -> None:
    mail = corpus.eml(
        inbox / "mail.eml",
        "太原市教育局+启动仪式",
        [("稿件.docx", good_doc(inbox)), ("活动视频.mp4", bytes(3 << 20))],
        client="outlook",
    )
    [outcome] = import_submissions(site.project, [mail], "vocational/highlights", limits=Limits(max_file=2 << 20))
    assert outcome.refused is None and outcome.article is not None
    assert outcome.left_out == (("附件“活动视频.mp4”超过 2 MB", "请让报送单位压缩视频，或分开报送"),)
    folder = site.root / outcome.article.removesuffix(".md")
    assert not folder.exists() or not list(folder.glob("*.mp4"))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "太原市教育局+启动仪式.doc",
            "“{path}”：旧版 Word（.doc）文件无法转换（请在 Word 或 WPS 中打开，另存为 .docx 后再导入）",
        ),
        ("太原市教育局+启动仪式.rar", "“{path}”：不支持 RAR 压缩包（请先解压，再导入解压出的文件夹）"),
    ],
)
def test_unsupported_files_get_advice(site, inbox, watched, capsys, name, message) -> None:
    path = inbox / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    watched()
    refused(site, capsys, path, message.format(path=path))


def test_a_doc_in_an_email_gets_the_same_advice(site, inbox, watched, capsys) -> None:
    mail = corpus.eml(inbox / "m.eml", "太原市教育局+启动仪式", [("稿件.doc", b"\xd0\xcf\x11\xe0" + bytes(64))])
    watched()
    refused(
        site, capsys, mail, "“稿件.doc”是旧版 Word 文件，无法转换（请在 Word 或 WPS 中打开，另存为 .docx 后再导入）"
    )


def test_qq_mail_big_attachment_links_ask_to_download_first(site, inbox, watched, capsys) -> None:
    mail = corpus.eml(
        inbox / "m.eml",
        "太原市教育局+启动仪式",
        [],
        body="从QQ邮箱发来的超大附件\n活动视频.mp4 (320M, 2024年5月28日 17:42 到期)\n进入下载页面：https://wx.mail.qq.com/ftn/download?func=3&k=abc",
    )
    watched()
    refused(
        site,
        capsys,
        mail,
        "邮件“太原市教育局+启动仪式”含 QQ 邮箱“超大附件”链接，附件不在邮件里（请先在邮件中下载超大附件，"
        "与其他附件放进同一个文件夹，再导入该文件夹（--received 填邮件的发送时间））",
    )


def test_an_unknown_unit_is_refused_naming_the_closest(site, inbox, watched, capsys) -> None:
    doc = corpus.word(inbox / "太原市教育厅+启动仪式.docx")
    watched()
    refused(
        site,
        capsys,
        doc,
        "无法确定报送单位：“太原市教育厅+启动仪式”不以已登记的单位名称开头（最接近的已登记单位：太原市教育局、长治市教育局、运城市教育局；"
        "请用 --unit 指定单位，或在 content/units.yml 中为该单位登记 emails）",
    )


def test_a_corrupt_zip_is_refused(site, inbox, watched, capsys) -> None:
    path = inbox / "太原市教育局+启动仪式.zip"
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as zf:
        zf.writestr("稿件.docx", b"x" * 1000)
    path.write_bytes(data.getvalue()[:200])
    watched()
    refused(site, capsys, path, "压缩包“太原市教育局+启动仪式.zip”已损坏，无法打开（请让报送单位重新压缩后发送）")


def test_a_failure_while_moving_in_leaves_no_trace(site, inbox, watched, monkeypatch) -> None:
    """The media folder moves first and the article last; when the last move fails, the folder goes too."""
    folder = inbox / "太原市教育局+启动仪式"
    corpus.word(folder / "稿件.docx")
    corpus.photo(folder / "图片" / "开幕式.jpg", 5)
    rename = Path.rename

    def failing(self: Path, target: Path) -> Path:
        if self.name.endswith(".md.part"):
            raise OSError(28, "No space left on device")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", failing)
    watched()
    [outcome] = import_submissions(site.project, [folder], "vocational/highlights")
    assert str(outcome.refused) == "读写文件失败：No space left on device（检查磁盘空间和文件权限后重试）"


def test_markdown_files_in_a_submission_are_never_unpacked(site, inbox, capsys) -> None:
    path = zip_with(inbox / "太原市教育局+启动仪式.zip", [("稿件.docx", good_doc(inbox)), ("说明/readme.md", b"# x")])
    assert main(["--root", str(site.root), "import", str(path), "--to", "vocational/highlights"]) == 0
    assert [p.name for p in (site.root / "content").rglob("*.md") if p.name == "readme.md"] == []


def test_a_stale_staging_folder_is_swept(site, inbox) -> None:
    import os

    stale = site.root / "content" / ".intake-killed"
    (stale / "in").mkdir(parents=True)
    os.utime(stale, (0, 0))
    doc = corpus.word(inbox / "太原市教育局+启动仪式.docx")
    [outcome] = import_submissions(site.project, [doc], "vocational/highlights")
    assert outcome.article and not stale.exists()


def test_the_total_unpacked_size_is_limited(site, inbox, watched) -> None:
    import random

    def noise(size: int) -> bytes:  # compresses about 4:1, as a video never would, but far from a bomb
        rng = random.Random(size)
        return bytes(rng.choice(b"acgt") for _ in range(size))

    path = zip_with(
        inbox / "太原市教育局+启动仪式.zip",
        [("稿件.docx", good_doc(inbox)), ("视频/a.mp4", noise(2 << 20)), ("视频/b.mp4", noise(2 << 20))],
    )
    watched()
    [outcome] = import_submissions(site.project, [path], "vocational/highlights", limits=Limits(max_total=3 << 20))
    assert str(outcome.refused) == (
        "“太原市教育局+启动仪式.zip：视频/b.mp4”解压后超过 3 MB 总量上限，疑似“压缩炸弹”，已拒绝导入"
        "（请让报送单位分开报送）"
    )


def test_a_bomb_among_the_pictures_of_a_word_file_is_refused(site, inbox, watched, capsys) -> None:
    doc = corpus.word(inbox / "太原市教育局+启动仪式.docx")
    with zipfile.ZipFile(doc) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts["word/media/image9.png"] = bytes(16 << 20)
    corpus.rewrite(doc, parts)
    watched()
    refused(
        site,
        capsys,
        doc,
        "“太原市教育局+启动仪式.docx：word/media/image9.png”压缩比超过 200:1，疑似“压缩炸弹”，已拒绝导入"
        "（正常的照片、视频和文档压缩比很小：请联系报送单位）",
    )
