"""Annex 2 and Annex 3 in the notice's layout, and workbooks that are the same bytes on every run."""

from __future__ import annotations

import io
import warnings
import zipfile

import openpyxl
from reportkit import NOW, Make

from sitegen.config import Config
from sitegen.content import Registry
from sitegen.reports import Forms, blank_forms, column_reports

# 晋教职成函〔2024〕30号 附件2, the header row as printed in the notice (its cells separated by tabs).
NOTICE_ANNEX2 = (
    "序号\t市/高职/省属中职\t参与活动的职业学校数\t参与活动的职业学校教师数\t参与活动的职业学校学生数\t"
    "参与活动的职业院校学生参与覆盖率\t参与活动的企业数\t参与总人数\t中央媒体对活动报道总数\t"
    "省级以上媒体对活动报道总数（不含中央媒体报道）\t媒体报道总数\t观摩体验活动项目数\t全民美拍活动人数\t"
    "媒体探校活动总数\t活动周总结"
)
NOTICE_ANNEX2_NOTE = (
    "注：“参与活动的职业学校数”和“活动周总结”市教育局填数字，高职和省属中职填“1”，并将活动周总结一并报送。"
)
# 附件3 as printed: the title, the stamp line and the form's labels (line breaks of the PDF kept).
NOTICE_ANNEX3 = """2024 年全民终身学习活动开展情况汇总表
市级教育行政部门（盖章）：_____
联系人及职务		联系方式
县级行政区数
活动内容 开展情况		举办全民终身学习 活动周	开展常规性和 特色亮点活动
市级行 政区	开展活动 行政区数
	活动次数
	参加人次
县级行 政区	开展活动 行政区数
	活动次数
	参加人次"""


def _squash(text: object) -> str:
    return "".join(str(text or "").split())


def _sheet(data: bytes):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]


def _reports(config: Config, registry: Registry, make: Make, column: str) -> dict[str, bytes]:
    items = [
        make("山西工程科技职业大学", "2024-05-13 09:00", kind="media", outlets=("人民日报", "山西日报", "太原日报")),
        make("太原市财政金融学校", "2024-05-13 09:00", kind="media", outlets=("中国教育报",)),  # counts for 太原
        make("山西开放大学", "2024-05-13 09:00", kind="media", outlets=("新华社",)),  # a row of no one
    ]
    return column_reports(config, registry, config.columns[column], items, 2024, NOW, Forms())


def test_annex2_has_the_notice_headers_a_row_per_unit_and_media_counts(
    config: Config, registry: Registry, make: Make
) -> None:
    files = _reports(config, registry, make, "vocational")
    assert "annex3.xlsx" not in files
    ws = _sheet(files["annex2.xlsx"])
    assert ws["A1"].value == "2024年职业教育活动周各市、校情况统计表"
    assert ws["A2"].value.startswith("统计截至 2024年5月20日 12:00")
    assert "\t".join(str(c.value) for c in ws[3][:15]) == NOTICE_ANNEX2
    assert ws["P3"].value == "表格报送"
    assert ws.freeze_panes == "C4"
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    names = [r[1] for r in rows]
    # 市/高职/省属中职: bureaus in the order of the cities, then higher-vocational, then provincial schools.
    assert names[:5] == ["太原市教育局", "运城市教育局", "山西工程科技职业大学", "山西省工贸学校", "合计"]
    assert rows[0][8:11] == [1, 0, 1]  # the high-level school's report counts for its city
    assert rows[2][8:11] == [1, 1, 3]  # 人民日报, 山西日报, and 太原日报 in the total only
    assert [r[15] for r in rows[:5]] == ["未报送"] * 4 + ["未报送 4"]  # no form came back
    assert rows[4][8:11] == ["=SUM(I4:I7)", "=SUM(J4:J7)", "=SUM(K4:K7)"]
    assert rows[4][5] is None  # a rate is not summed
    assert rows[5][0] == NOTICE_ANNEX2_NOTE
    assert "未报送的单位表格数据为空，不计入" in rows[6][0] and "故可大于前两列之和" in rows[7][0]
    assert all(ws.column_dimensions[letter].width >= 5 for letter in "ABCDEFGHIJKLMNOP")


def test_annex3_uses_every_label_of_the_notice_with_a_row_per_city(
    config: Config, registry: Registry, make: Make
) -> None:
    files = _reports(config, registry, make, "lifelong")
    assert "annex2.xlsx" not in files
    ws = _sheet(files["annex3.xlsx"])
    notice = _squash(NOTICE_ANNEX3)
    assert _squash(ws["A1"].value) in notice
    headers = [c.value for row in ws.iter_rows(min_row=3, max_row=5) for c in row if c.value]
    for header in headers:
        if header not in ("序号", "市级教育行政部门", "表格报送"):
            assert _squash(header) in notice, header
    assert headers.count("举办全民终身学习活动周") == 6 and headers.count("活动次数") == 2
    names = [ws.cell(row, 2).value for row in range(6, 6 + 12)]
    assert names[:2] == ["太原市教育局", "大同市"]  # a city's bureau where one is registered
    assert names[-1] == "合计" and len(config.cities) == 11
    assert ws.freeze_panes == "C6"


def test_the_blank_annex3_form_is_the_notice_layout(config: Config, registry: Registry) -> None:
    forms = blank_forms(config, registry, config.columns["lifelong"], 2024)
    assert sorted(forms) == ["附件3-太原市教育局.xlsx", "附件3-运城市教育局.xlsx"]
    ws = _sheet(forms["附件3-太原市教育局.xlsx"])
    labels = [c.value for row in ws.iter_rows(max_row=11) for c in row if isinstance(c.value, str)]
    notice = _squash(NOTICE_ANNEX3)
    for label in labels:
        if label != "太原市教育局":
            assert _squash(label).rstrip("：") in notice, label
    # The corner: a diagonal from top left to bottom right, 活动内容 above it, 开展情况 below.
    corner = ws["A5"]
    assert "A5:B5" in {str(r) for r in ws.merged_cells.ranges}
    assert corner.border.diagonalDown and corner.border.diagonal.style == "thin"
    assert corner.value.split() == ["活动内容", "开展情况"]
    below = [ws.cell(r, 1).value for r in range(12, 15)]  # a blank line after the table
    assert below == [None, "填报人：", "填报日期：　　　　年　　月　　日"]
    assert ws["C13"].value == "联系电话："
    rules = {str(v.sqref) for v in ws.data_validations.dataValidation}
    assert rules == {"B4", "C6:D11"}


def test_the_blank_annex2_form_is_circulated_with_stamp_signature_lines_and_content_cells_marked(
    config: Config, registry: Registry
) -> None:
    forms = blank_forms(config, registry, config.columns["vocational"], 2024)
    ws = _sheet(forms["附件2-太原市教育局.xlsx"])
    assert ws["A2"].value == "填报单位（盖章）：太原市教育局"
    assert ws.row_dimensions[2].height >= 40  # room for the stamp
    assert "\t".join(str(c.value) for c in ws[3]) == NOTICE_ANNEX2
    media = [ws.cell(4, c).value for c in (9, 10, 11)]
    assert media == ["专栏统计\n无需填写"] * 3  # marked, not a 0 the report overwrites
    assert ws["I4"].fill.fgColor.rgb.endswith("D9D9D9")
    assert all(ws.cell(4, c).value is None for c in (3, 4, 5, 6, 7, 8, 12, 13, 14, 15))
    assert ws["A5"].value == NOTICE_ANNEX2_NOTE
    assert [ws["A8"].value, ws["F8"].value, ws["K8"].value] == [
        "填报人：",
        "联系电话：",
        "填报日期：　　　　年　　月　　日",
    ]
    rules = {str(v.sqref): (v.type, v.operator) for v in ws.data_validations.dataValidation}
    assert rules["C4"] == ("whole", "greaterThanOrEqual") and rules["F4"] == ("decimal", None)  # between, the default
    assert "I4" not in rules  # the cells from content take no input
    assert ws.sheet_properties.pageSetUpPr.fitToPage  # one page: 1 wide, 1 tall (the default of both)
    assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight or 1) == (1, 1)


def test_two_runs_give_identical_bytes(config: Config, registry: Registry, make: Make) -> None:
    import time

    first = _reports(config, registry, make, "vocational")
    time.sleep(2.1)  # a zip stamp has two-second steps: a clock in the bytes would show
    second = _reports(config, registry, make, "vocational")
    assert first == second
    for name in ("quotas.xlsx", "adoption.xlsx", "annex2.xlsx"):
        with zipfile.ZipFile(io.BytesIO(first[name])) as z:
            assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            assert (
                '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z'
                in z.read("docProps/core.xml").decode()
            )
