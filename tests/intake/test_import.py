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
        [("太原市教育局活动周稿件.docx", doc.read_bytes()), ("图片.zip", pictures.read_bytes()), ("审核盖章.pdf", pdf.read_bytes())],
        client=client,
    )


@pytest.mark.parametrize("client", ["qq", "foxmail", "outlook", "163"])
def test_an_email_becomes_a_submitted_draft_with_its_originals(site, inbox, client, capsys) -> None:
    mail = submission(inbox, client)
    assert run(site, mail, "--to", "vocational/highlights") == 0
    out = capsys.readouterr().out
    article = site.root / "content/vocational/highlights/taiyuan-shi-juxing-2024-nian-zhiye-jiaoyu-huodong-zhou-qidong-yishi.md"
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
    assert not [p for p in (site.root / "content").rglob(".intake-*")]


def test_import_prints_progress_and_what_check_says(site, inbox, capsys) -> None:
    mail = submission(inbox)
    assert run(site, mail, "--to", "vocational/highlights") == 0
    out = capsys.readouterr().out
    assert re.search(r"\[1/1\] .*qq\.eml → content/vocational/highlights/.*\.md（太原市教育局：", out)
    # Originals of 5 MB-class photos break the inline limit: check says so, the draft is still imported.
    assert "导入的稿件还有以下问题需要处理" in out
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
