"""Annex 2 and Annex 3 in the notice's layout, and workbooks that are the same bytes on every run."""

from __future__ import annotations

import io
import warnings
import zipfile

import openpyxl
from conftest import NOW, Make

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
    assert "\t".join(str(c.value) for c in ws[2]) == NOTICE_ANNEX2
    assert ws.freeze_panes == "C3"
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    names = [r[1] for r in rows]
    # 市/高职/省属中职: bureaus in the order of the cities, then higher-vocational, then provincial schools.
    assert names[:5] == ["太原市教育局", "运城市教育局", "山西工程科技职业大学", "山西省工贸学校", "合计"]
    assert rows[0][8:11] == [1, 0, 1]  # the high-level school's report counts for its city
    assert rows[2][8:11] == [1, 1, 3]  # 人民日报, 山西日报, and 太原日报 in the total only
    assert rows[4][8:11] == [2, 1, 4]
    assert rows[5][0] == NOTICE_ANNEX2_NOTE
    assert all(ws.column_dimensions[letter].width >= 6 for letter in "ABCDEFGHIJKLMNO")


def test_annex3_uses_every_label_of_the_notice_with_a_row_per_city(
    config: Config, registry: Registry, make: Make
) -> None:
    files = _reports(config, registry, make, "lifelong")
    assert "annex2.xlsx" not in files
    ws = _sheet(files["annex3.xlsx"])
    notice = _squash(NOTICE_ANNEX3)
    assert _squash(ws["A1"].value) in notice
    headers = [c.value for row in ws.iter_rows(min_row=2, max_row=4) for c in row if c.value]
    for header in headers:
        if header not in ("序号", "市级教育行政部门"):
            assert _squash(header) in notice, header
    assert headers.count("举办全民终身学习活动周") == 6 and headers.count("活动次数") == 2
    names = [ws.cell(row, 2).value for row in range(5, 5 + 12)]
    assert names[:2] == ["太原市教育局", "大同市"]  # a city's bureau where one is registered
    assert names[-1] == "合计" and len(config.cities) == 11
    assert ws.freeze_panes == "C5"


def test_the_blank_annex3_form_is_the_notice_layout(config: Config, registry: Registry) -> None:
    forms = blank_forms(config, registry, config.columns["lifelong"], [], 2024)
    assert sorted(forms) == ["附件3-太原市教育局.xlsx", "附件3-运城市教育局.xlsx"]
    ws = _sheet(forms["附件3-太原市教育局.xlsx"])
    labels = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    notice = _squash(NOTICE_ANNEX3)
    for label in labels:
        if label != "太原市教育局":
            assert _squash(label).rstrip("：") in notice, label


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
