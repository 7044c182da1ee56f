"""The forms units return: wrong figures are errors naming file, sheet, row and column; nothing is written."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from reportkit import NOW, report_site

from sitegen.build import read_submissions
from sitegen.core import ProblemsFound, format_text
from sitegen.reports import blank_forms, make_reports, read_forms


def _form(site, unit: str) -> openpyxl.Workbook:
    config, registry, _ = read_submissions(site.project)
    data = blank_forms(config, registry, config.columns["vocational"], 2024)[f"附件2-{unit}.xlsx"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(io.BytesIO(data))


def _save(site, book: openpyxl.Workbook, name: str) -> Path:
    folder = site.root / "content" / "stats" / "2024"
    folder.mkdir(parents=True, exist_ok=True)
    book.save(folder / name)
    return folder / name


def test_good_figures_reach_annex2(tmp_path: Path) -> None:
    site = report_site(tmp_path)
    book = _form(site, "太原市教育局")
    ws = book.worksheets[0]
    assert ws["B4"].value == "太原市教育局"
    for cell, value in {"C4": 12, "D4": 860, "E4": 9400, "F4": 0.82, "G4": 35, "O4": 1}.items():
        ws[cell] = value
    _save(site, book, "太原.xlsx")
    make_reports(site.project, tmp_path / "reports", None, NOW)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        annex = openpyxl.load_workbook(tmp_path / "reports" / "vocational" / "annex2.xlsx").worksheets[0]
    assert [annex.cell(4, c).value for c in range(1, 8)] == [1, "太原市教育局", 12, 860, 9400, 0.82, 35]
    assert annex["F4"].number_format == "0.0%"


def test_bad_figures_are_reported_with_their_cell_and_nothing_is_written(tmp_path: Path) -> None:
    site = report_site(tmp_path)
    book = _form(site, "太原市教育局")
    ws = book.worksheets[0]
    ws["D4"] = -5  # teachers
    ws["E4"] = "约9000人"  # students
    ws["F4"] = "120%"  # coverage rate
    ws["G4"] = 3.5  # enterprises
    _save(site, book, "太原市教育局.xlsx")
    other = _form(site, "运城市教育局")
    other.worksheets[0]["B4"] = "太原市第九职业中学"  # a unit not registered
    _save(site, other, "职业中学.xlsx")
    out = tmp_path / "reports"
    with pytest.raises(ProblemsFound) as e:
        make_reports(site.project, out, None, NOW)
    assert [str(p) for p in e.value.problems] == [
        "content/stats/2024/太原市教育局.xlsx: 工作表“附件2” D4: 第 4 行 D 列（参与活动的职业学校教师数）："
        "不能是负数，填的是 -5",
        "content/stats/2024/太原市教育局.xlsx: 工作表“附件2” E4: 第 4 行 E 列（参与活动的职业学校学生数）："
        "应填数字，填的是“约9000人”（只填阿拉伯数字，不要加单位或文字）",
        "content/stats/2024/太原市教育局.xlsx: 工作表“附件2” F4: 第 4 行 F 列（参与活动的职业院校学生参与覆盖率）："
        "覆盖率不能超过 100%，填的是 120%（请核对学生参与人数）",
        "content/stats/2024/太原市教育局.xlsx: 工作表“附件2” G4: 第 4 行 G 列（参与活动的企业数）："
        "应为整数，填的是 3.5",
        "content/stats/2024/职业中学.xlsx: 工作表“附件2” B4: 第 4 行 B 列（市/高职/省属中职）："
        "单位“太原市第九职业中学”未登记（是不是：太原市教育局）",
    ]
    assert not out.exists()


def test_a_rate_typed_into_a_percent_cell_is_over_100_too(tmp_path: Path) -> None:
    site = report_site(tmp_path)
    book = _form(site, "山西工程科技职业大学")
    book.worksheets[0]["F4"] = 1.5  # the blank form formats F as a percentage: this is 150 %
    _save(site, book, "x.xlsx")
    with pytest.raises(ProblemsFound) as e:
        make_reports(site.project, tmp_path / "reports", None, NOW)
    assert "覆盖率不能超过 100%，填的是 150%" in format_text(e.value.problems)


def test_a_file_that_is_not_a_workbook_is_named(tmp_path: Path) -> None:
    site = report_site(tmp_path)
    folder = site.root / "content" / "stats" / "2024"
    folder.mkdir(parents=True)
    (folder / "坏.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ProblemsFound) as e:
        make_reports(site.project, tmp_path / "reports", None, NOW)
    (problem,) = e.value.problems
    assert problem.path == "content/stats/2024/坏.xlsx"
    assert problem.message.startswith("无法读取：不是有效的 xlsx 文件")


def _annex3_form(site, bureau: str) -> openpyxl.Workbook:
    config, registry, _ = read_submissions(site.project)
    data = blank_forms(config, registry, config.columns["lifelong"], 2024)[f"附件3-{bureau}.xlsx"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(io.BytesIO(data))


def test_annex3_forms_are_summed_per_city(tmp_path: Path) -> None:
    site = report_site(tmp_path)
    for bureau, base in (("太原市教育局", 10), ("运城市教育局", 20)):
        book = _annex3_form(site, bureau)
        ws = book.worksheets[0]
        ws["B3"], ws["D3"], ws["B4"] = "王老师 科长", "0351-1234567", base
        for offset, cell in enumerate(f"{c}{r}" for r in range(6, 12) for c in "CD"):
            ws[cell] = base + offset
        _save(site, book, f"{bureau}.xlsx")
    make_reports(site.project, tmp_path / "reports", None, NOW)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(tmp_path / "reports" / "lifelong" / "annex3.xlsx").worksheets[0]
    rows = {ws.cell(r, 2).value: [ws.cell(r, c).value for c in range(3, 19)] for r in range(6, 18)}
    assert rows["太原市教育局"] == ["王老师 科长", "0351-1234567", 10, *range(10, 22), "已报送"]
    assert rows["大同市"] == [None] * 15 + ["未报送"]
    sums = [a + b for a, b in zip(range(10, 22), range(20, 32), strict=True)]
    assert rows["合计"] == [
        None,
        None,
        "=SUM(E6:E16)",
        *(f"=SUM({get_column_letter(c)}6:{get_column_letter(c)}16)" for c in range(6, 18)),
        "未报送 9",
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cached = openpyxl.load_workbook(tmp_path / "reports" / "lifelong" / "annex3.xlsx", data_only=True).worksheets[0]
    assert [cached.cell(17, c).value for c in range(5, 18)] == [30, *sums]


def test_an_annex3_form_must_name_a_registered_bureau_and_be_returned_once(tmp_path: Path) -> None:
    site = report_site(tmp_path)
    book = _annex3_form(site, "太原市教育局")
    book.worksheets[0]["C7"] = -1
    _save(site, book, "a.xlsx")
    _save(site, book, "b.xlsx")  # the same city twice
    other = _annex3_form(site, "运城市教育局")
    other.worksheets[0]["B2"] = "运城市教委"
    _save(site, other, "c.xlsx")
    with pytest.raises(ProblemsFound) as e:
        make_reports(site.project, tmp_path / "reports", None, NOW)
    assert [str(p) for p in e.value.problems] == [
        "content/stats/2024/a.xlsx: 工作表“附件3” C7: 第 7 行 C 列（市级行政区活动次数）：不能是负数，填的是 -1",
        "content/stats/2024/b.xlsx: 工作表“附件3” B2: 第 2 行 B 列：“太原市教育局”已在 content/stats/2024/a.xlsx 中填报"
        "（每个单位只填报一次）",
        "content/stats/2024/b.xlsx: 工作表“附件3” C7: 第 7 行 C 列（市级行政区活动次数）：不能是负数，填的是 -1",
        "content/stats/2024/c.xlsx: 工作表“附件3” B2: 第 2 行 B 列：“运城市教委”不是登记的市教育局"
        "（填写 content/units.yml 中登记的市教育局名称，例如 太原市教育局）",
    ]


def test_the_forms_returned_in_2024_still_read_cell_by_cell() -> None:
    """content/stats/2024 holds forms of the old layout (no 填报单位 line, header in row 2)."""
    from reportkit import REPO

    from sitegen.config import load_config
    from sitegen.content import load_units
    from sitegen.reports import read_forms

    config = load_config(REPO / "config.yml")
    registry, _ = load_units(config, REPO / "content" / "units.yml")
    forms = read_forms(REPO / "content" / "stats" / "2024", "content/stats/2024", registry)
    assert forms.problems == []
    assert sorted(forms.annex2) == ["太原市教育局", "山西工程科技职业大学", "运城市教育局"]
    taiyuan = forms.annex2["太原市教育局"].values
    assert (taiyuan[2], taiyuan[3], taiyuan[4], taiyuan[5]) == (12, 860, 9400, 82.0)
    figures = forms.annex3["太原市教育局"]
    assert (figures.contact, figures.phone, figures.counties) == ("王老师 职成科科长", "0351-0000000", 10)
    assert figures.values == (1, 1, 6, 14, 1200, 5600, 10, 10, 48, 130, 9800, 32000)


def test_a_line_a_city_adds_above_the_figures_moves_them_with_their_labels(tmp_path: Path) -> None:
    site = report_site(tmp_path)
    book = _annex3_form(site, "太原市教育局")
    ws = book.worksheets[0]
    ws["B3"], ws["D3"], ws["B4"] = "王老师", "0351-1234567", 10
    for offset, cell in enumerate(f"{c}{r}" for r in range(6, 12) for c in "CD"):
        ws[cell] = offset
    ws.insert_rows(2)  # e.g. 填报说明 typed under the title; Excel moves the merged cells with it, openpyxl not
    for merged in ws.merged_cells.ranges:
        if merged.min_row >= 2:
            merged.shift(row_shift=1)
    ws["A2"] = "（请于12月2日前报送）"
    _save(site, book, "太原.xlsx")
    forms = read_forms(
        site.root / "content" / "stats" / "2024", "content/stats/2024", read_submissions(site.project)[1]
    )
    assert forms.problems == []
    figures = forms.annex3["太原市教育局"]
    assert (figures.contact, figures.phone, figures.counties, figures.values) == (
        "王老师",
        "0351-1234567",
        10,
        tuple(range(12)),
    )
