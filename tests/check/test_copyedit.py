"""Copy-editing checks (SPEC 14): each category on real-looking school news, and clean official copy silent."""

from __future__ import annotations

from pathlib import Path

import pytest
import sitekit

from sitegen.build import check_content
from sitegen.check import Lexicon, findings, load_lexicon
from sitegen.check.copyedit import id_number_valid
from sitegen.commands import main
from sitegen.core import ProblemsFound

LEXICON, _ = load_lexicon(Path("no-content-folder"))
H = "content/vocational/highlights"
SEEDS = Path(__file__).parents[2] / "tests" / "check" / "seed_paragraphs.txt"


def found(text: str, *, markdown: bool = False) -> list[tuple[str, str, str]]:
    return [(f.category, f.found, f.right) for f in findings(text, LEXICON, markdown=markdown)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("学院组织师生深入学习党的二十大会议精神。", ("政治表述", "党的二十大会议精神", "党的二十大精神")),
        ("我校召开扫黑险恶专项斗争推进会。", ("政治表述", "扫黑险恶", "扫黑除恶")),
        ("学习贯彻党的二十大三中全会精神。", ("政治表述", "二十大三中全会", "二十届三中全会")),
        ("为庆祝中华人民共合国成立75周年，学校举办文艺汇演。", ("国名", "中华人民共合国", "中华人民共和国")),
        (
            "紧密团结在以习近平总书记为核心的党中央周围。",
            ("领导人姓名职务", "以习近平总书记为核心的党中央", "以习近平同志为核心的党中央"),
        ),
        ("两岸交流中，台湾政府相关人士到访。", ("涉港澳台用语", "台湾政府", "台湾当局")),
        ("市人力资源与社会保障局领导出席。", ("机构名称", "人力资源与社会保障", "人力资源和社会保障")),
        ("学校关爱残废人就业。", ("禁用慎用词", "残废人", "残疾人")),
        ("深化产教融和，推动校企合作。", ("政治表述", "产教融和", "产教融合")),
    ],
)
def test_serious_expressions_are_found_with_their_right_form(sentence: str, expected: tuple[str, str, str]) -> None:
    assert found(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("5月14日上午,学校举行开幕式。", [("标点", "午,学", "午，学")]),
        ("活动内容包括:技能展示、成果展览。", [("标点", "括:技", "括：技")]),
        ("本次活动圆满结束.", [("标点", "束.", "束。")]),
        ("你了解职业教育吗?", [("标点", "吗?", "吗？")]),
        ("山西工程科技职业大学(晋中)承办。", [("标点", "(晋中)", "（晋中）")]),
        ("开展了技能比武、成果展示...", [("标点", "...", "……")]),
        ("开展了技能比武、成果展示…", [("标点", "…", "……")]),
        ("同学们学习了《职业教育法》、《劳动法》。", [("标点", "》、《", "》《")]),
        ("开展“开放企业”、“开放校园”活动。", [("标点", "”、“", "”“")]),
        ("1、提高思想认识。\n2、加强组织领导。", [("标点", "1、", "1."), ("标点", "2、", "2.")]),
        ("学生代表说：“学技能，有前途。", [("标点", "代表说：“学技能，有", "“ 缺少成对的 ”")]),
    ],
)
def test_punctuation_slips_by_gb_t_15834(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("共有２０所学校参加。", [("数字", "２０", "20")]),
        ("他于95年5月入职。", [("数字", "95年", "年份写全，如 2024年")]),
        ("约300名师生左右参加活动。", [("数字", "约300名师生左右", "删去“约”或“左右”其一")]),
    ],
)
def test_number_slips_by_gb_t_15835(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(sentence) == expected


def test_an_id_number_with_a_valid_check_digit_is_personal_data_and_a_random_one_is_not() -> None:
    assert id_number_valid("11010519491231002X")
    assert not id_number_valid("110105194912310021")
    assert found("获奖学生王某，身份证号11010519491231002X。") == [
        ("个人信息", "11010519491231002X", "删除身份证号码，或隐去出生日期，如 110105********002X")
    ]
    assert found("订单号110105194912310021。") == []


def test_a_mobile_number_is_found() -> None:
    assert found("联系人：张老师 13812345678") == [
        ("个人信息", "13812345678", "公开个人手机号码须经本人同意，可改用办公电话")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "详见 https://www.sxgkd.edu.cn/info/1024/5678.htm?id=1,2 网页。",
        "报名时间为5月14日17:30前，成绩3.5分以上。",
        "主题为“Skills for a better future, together!”。",
        "运行 `python build.py check`，或发送邮件至 zhangsan@sxgkd.edu.cn。",
        "[学院官网](https://www.sxgkd.edu.cn/a,b)发布了消息。",
        "发布《山西省教育厅关于2024年活动周的通知》（晋教职成函〔2024〕30号）。",
        "两名同学分获第1、2名，展示了烹饪、汽修……等技能。",
        "- 1. 提高认识\n- 2. 加强领导",
    ],
)
def test_urls_times_numbers_english_and_code_are_not_flagged(text: str) -> None:
    assert found(text, markdown=True) == []


def test_clean_official_paragraphs_give_no_findings() -> None:
    """Paragraphs of the two seed notices (晋教职成函〔2024〕30号、31号), as published."""
    paragraphs = [p for p in SEEDS.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    assert len(paragraphs) >= 8
    assert [(p[:20], found(p)) for p in paragraphs if found(p)] == []


def test_an_empty_lexicon_still_checks_punctuation() -> None:
    assert [f.found for f in findings("结束.", Lexicon())] == ["束."]


ARTICLE = (
    "---\ntitle: 我校召开扫黑险恶推进会\ndate: 2024-05-14\nunit: 太原市教育局\nstatus: submitted\n{extra}---\n{body}\n"
)


def test_check_reports_serious_expressions_as_errors_and_slips_as_warnings_with_lines(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    body = "5月14日,学校组织学习。\n\n联系人：张老师 13812345678"
    site.write(f"{H}/slips.md", ARTICLE.format(extra="", body=body))
    with pytest.raises(ProblemsFound) as caught:
        check_content(site.project, sitekit.NOW)
    keep = "确系有意保留时，在 accepted 中写明"
    assert [p.labelled() for p in caught.value.problems if p.path.endswith("slips.md")] == [
        f"错误 {H}/slips.md:2: title: 政治表述：“扫黑险恶”，应为“扫黑除恶”"
        f"（依据 《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）；{keep}“扫黑险恶”）",
        f"提示 {H}/slips.md:7: 正文: 标点：“日,学”宜为“日，学”（依据 GB/T 15834-2011《标点符号用法》）",
        f"提示 {H}/slips.md:9: 正文: 个人信息：手机号码“13812345678”"
        f"（公开个人手机号码须经本人同意，可改用办公电话；{keep}“13812345678”）",
    ]


def test_an_accepted_text_is_not_flagged_and_others_still_are(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    body = "引用原文：“扫黑险恶”。另有台湾政府一词。"
    site.write(f"{H}/quoted.md", ARTICLE.format(extra="accepted: [扫黑险恶]\n", body=body))
    with pytest.raises(ProblemsFound) as caught:
        check_content(site.project, sitekit.NOW)
    lines = [p.labelled() for p in caught.value.problems]
    assert len(lines) == 1 and lines[0].startswith(f"错误 {H}/quoted.md:8: 正文: 涉港澳台用语：“台湾政府”")


def test_editors_extend_the_list_in_content_and_their_mistakes_are_named(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    site.write(
        "content/copyedit.yml",
        "entries:\n"
        "  - {category: 机构名称, wrong: 山西工程技术职业大学, right: 山西工程科技职业大学, source: 学校章程}\n"
        "  - {category: 标点, pattern: '[(', right: x, source: gbt15834}\n",
    )
    site.write(
        f"{H}/name.md", ARTICLE.format(extra="", body="山西工程技术职业大学举办开放日。").replace("扫黑险恶", "")
    )
    with pytest.raises(ProblemsFound) as caught:
        check_content(site.project, sitekit.NOW)
    lines = [p.labelled() for p in caught.value.problems]
    assert lines[0].startswith("错误 content/copyedit.yml:3: entries[1].pattern: 正则表达式有误")
    assert lines[1] == (
        f"错误 {H}/name.md:7: 正文: 机构名称：“山西工程技术职业大学”，应为“山西工程科技职业大学”"
        "（依据 学校章程；确系有意保留时，在 accepted 中写明“山西工程技术职业大学”）"
    )


def test_accept_writes_the_text_into_the_article_and_check_then_passes(tmp_path: Path, capsys) -> None:
    site = sitekit.materialize(tmp_path)
    article = ARTICLE.format(extra="tags: [专项斗争]  # 原稿\n", body="标语原文为“扫黑险恶”，系引用。").replace(
        "我校召开扫黑险恶推进会", "我校召开推进会"
    )
    path = site.write(f"{H}/quoted.md", article)
    with pytest.raises(ProblemsFound):
        check_content(site.project, sitekit.NOW)

    assert main(["--root", str(site.root), "accept", str(path), "--text", "扫黑险恶"]) == 0
    assert path.read_text(encoding="utf-8") == article.replace("# 原稿\n", "# 原稿\naccepted: [扫黑险恶]\n")
    assert f"已在 {H}/quoted.md 的 accepted 中记录“扫黑险恶”" in capsys.readouterr().out
    assert not check_content(site.project, sitekit.NOW).problems

    assert main(["--root", str(site.root), "accept", str(path), "--text", "扫黑险恶"]) == 0
    assert "已接受过“扫黑险恶”，未改动" in capsys.readouterr().out
    assert main(["--root", str(site.root), "accept", str(path), "--text", "台湾政府"]) == 1
    assert "稿件中没有“台湾政府”" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8").count("accepted") == 1


def test_a_text_typed_with_half_width_commas_throughout_is_one_warning_not_a_wall(tmp_path: Path) -> None:
    site = sitekit.materialize(tmp_path)
    body = "5月14日,学校举办开放日,家长走进实训室,观看学生展示,体验烹饪。\n\n活动内容:技能展示。"
    site.write(f"{H}/commas.md", ARTICLE.format(extra="", body=body).replace("扫黑险恶", ""))
    lines = [p.labelled() for p in check_content(site.project, sitekit.NOW).problems]
    source = "（依据 GB/T 15834-2011《标点符号用法》）"
    assert lines == [
        f"提示 {H}/commas.md:7: 正文: 标点：有 4 处半角“,”，应为全角“，”（第一处“日,学”）{source}",
        f"提示 {H}/commas.md:9: 正文: 标点：“容:技”宜为“容：技”{source}",
    ]
