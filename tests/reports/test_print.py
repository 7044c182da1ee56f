"""Every workbook printed as the department's staff print it: LibreOffice Calc (headless) turns each into a PDF,
and the tests read what a person sees on the pages: A4, the page count, the smallest printed font, the unit
names and the header row on every page, the footer's page numbers. openpyxl checks what the PDF cannot show:
formulas, numeric rates, print titles, autofilters.

The registry and the returned forms are the shipped ones (content/units.yml, content/stats/2024, forms of
the 2024 layout); the submissions are made here, in both columns, over every unit, so the tables run to
several pages. All workbooks go through one soffice run (a few seconds each)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from reportkit import NOW, REPO, moment

from sitegen.config import Config, load_config
from sitegen.content import MediaReport, Registry, Submission, load_units
from sitegen.reports import blank_forms, column_reports, read_forms

A4 = (595, 842)
SMALLEST_PT = 9.0


def _soffice() -> str:
    """LibreOffice, and Carlito: without Calibri's metrics LibreOffice lays the columns out wider than Excel
    and the font sizes measured here would not be those a department prints."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    fc_list = shutil.which("fc-list")
    fonts = (
        subprocess.run([fc_list, ":family=Carlito"], capture_output=True, text=True, check=False).stdout
        if fc_list
        else ""
    )
    reason = (
        "" if found and fonts.strip() else "LibreOffice Calc or the Carlito font is missing: make system-libreoffice"
    )
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"print tests cannot run on CI: {reason}", pytrace=False)
        pytest.skip(reason)
    assert found is not None
    return found


def _items(config: Config, registry: Registry) -> list[Submission]:
    """Every unit sends one item a day in the vocational column and one on 5/15 in the lifelong column;
    city bureaus send media reports too."""
    out = []
    for n, unit in enumerate(sorted(registry.units.values(), key=lambda u: u.name)):
        for day in range(13, 20):
            status = ("approved", "submitted", "rejected")[(n + day) % 3]
            out.append(_item(unit.name, "vocational", f"2024-05-{day} 09:{n % 60:02d}", status, len(out)))
        out.append(_item(unit.name, "lifelong", "2024-05-15 10:00", "approved", len(out)))
        if unit.type == "city-bureau":
            outlets = ("人民日报", "山西日报", "太原日报")
            out.append(_item(unit.name, "vocational", "2024-05-16 11:00", "approved", len(out), outlets))
    return out


def _item(unit: str, column: str, received: str, status: str, n: int, outlets: tuple[str, ...] = ()) -> Submission:
    return Submission(
        rel=f"content/{column}/x/item-{n}.md",
        column=column,
        section="highlights" if column == "vocational" else "local-news",
        title="稿件",
        unit=unit,
        status=status,
        kind="media" if outlets else "news",
        received=moment(received),
        date=moment(received),
        publish_at=None,
        reports=tuple(MediaReport(o, None) for o in outlets),
    )


class Printed:
    """One workbook and the PDF LibreOffice printed of it."""

    def __init__(self, data: bytes, pdf: Path) -> None:
        self.data = data
        reader = PdfReader(pdf)
        self.pages: list[tuple[tuple[int, int], str, float]] = []
        for page in reader.pages:
            sizes: list[float] = []

            def visit(
                text: str, cm: list[float], tm: list[float], font: object, size: float, sizes: list[float] = sizes
            ) -> None:
                if text.strip():
                    # The size a reader sees: the font size through the text matrix and the page's transform.
                    a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
                    c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
                    sizes.append(size * abs(a * d - b * c) ** 0.5)

            text = page.extract_text(visitor_text=visit)
            box = (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
            self.pages.append((box, "".join(text.split()), min(sizes)))

    def sheet(self, index: int = 0, *, cached: bool = False) -> openpyxl.worksheet.worksheet.Worksheet:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(self.data), data_only=cached).worksheets[index]


@pytest.fixture(scope="session")
def shipped() -> tuple[Config, Registry]:
    config = load_config(REPO / "config.yml")
    registry, problems = load_units(config, REPO / "content" / "units.yml")
    assert not problems
    return config, registry


@pytest.fixture(scope="session")
def printed(shipped: tuple[Config, Registry]) -> Iterator[dict[str, Printed]]:
    soffice = _soffice()
    config, registry = shipped
    forms = read_forms(REPO / "content" / "stats" / "2024", "content/stats/2024", registry)
    assert not forms.problems and forms.annex2 and forms.annex3  # the forms units returned in 2024 still read
    items = _items(config, registry)
    books: dict[str, bytes] = {}
    for column in config.columns.values():
        files = column_reports(config, registry, column, items, 2024, NOW, forms)
        books.update({f"{column.id}-{name}": data for name, data in files.items() if name.endswith(".xlsx")})
        blank = blank_forms(config, registry, column, 2024)
        longest = max(blank, key=len)  # the longest unit name is the hardest to fit
        books[f"{column.id}-form.xlsx"] = blank[longest]
    with tempfile.TemporaryDirectory(prefix="print-") as tmp:
        folder = Path(tmp)
        for name, data in books.items():
            (folder / name).write_bytes(data)
        profile = folder / "profile"  # a fresh profile: no settings of a previous run, no first-start dialog
        run = subprocess.run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(folder / "pdf"), *(str(folder / n) for n in sorted(books))],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        missing = [n for n in books if not (folder / "pdf" / n).with_suffix(".pdf").is_file()]
        if run.returncode or missing:
            pytest.fail(f"soffice could not print {missing}: {run.stderr[-2000:]}", pytrace=False)
        yield {name: Printed(data, (folder / "pdf" / name).with_suffix(".pdf")) for name, data in books.items()}


SUMMARIES = (
    "vocational-quotas.xlsx",
    "vocational-adoption.xlsx",
    "vocational-annex2.xlsx",
    "lifelong-quotas.xlsx",
    "lifelong-adoption.xlsx",
    "lifelong-annex3.xlsx",
)
FORMS = ("vocational-form.xlsx", "lifelong-form.xlsx")


@pytest.mark.parametrize("name", SUMMARIES + FORMS)
def test_every_page_is_a4_numbered_and_readable(printed: dict[str, Printed], name: str) -> None:
    pages = printed[name].pages
    for number, (box, text, smallest) in enumerate(pages, 1):
        assert tuple(sorted(box)) == A4, f"{name} page {number} is {box}, not A4"
        assert f"第{number}页/共{len(pages)}页" in text, f"{name} page {number} has no page number"
        assert smallest >= SMALLEST_PT - 0.05, f"{name} page {number} prints at {smallest:.1f} pt"


def test_the_page_counts_and_orientation_are_what_the_department_prints(printed: dict[str, Printed]) -> None:
    counts = {name: len(p.pages) for name, p in printed.items()}
    assert counts["vocational-form.xlsx"] == counts["lifelong-form.xlsx"] == 1  # a form is one stamped page
    assert counts["lifelong-annex3.xlsx"] == 1  # 11 cities
    landscape = {name for name, p in printed.items() if p.pages[0][0][0] > p.pages[0][0][1]}
    assert landscape == {
        "vocational-quotas.xlsx",
        "lifelong-quotas.xlsx",
        "vocational-annex2.xlsx",
        "lifelong-annex3.xlsx",
        "vocational-form.xlsx",
    }
    assert counts["vocational-quotas.xlsx"] >= 2  # 50 units: the repeated header and unit column matter


@pytest.mark.parametrize("name", SUMMARIES)
def test_every_page_repeats_the_header_and_shows_unit_names(printed: dict[str, Printed], name: str) -> None:
    """Each page belongs to one sheet: it shows every label of that sheet's header row and names from its
    unit (or city) column; together the pages name every row."""
    sheets = []
    for ws in printed[name].sheet().parent.worksheets:
        top = 3 if ws["A3"].value == "序号" else 5  # annex 3 has three header rows
        heads = {"".join(str(c.value).split()) for c in ws[3] if c.value}
        names = {str(ws.cell(r, 2).value) for r in range(top + 1, ws.max_row + 1) if ws.cell(r, 2).value}
        sheets.append((heads, names - {"合计"}))
    shown: set[str] = set()
    for number, (_, text, _) in enumerate(printed[name].pages, 1):
        heads, names = next(((h, n) for h, n in sheets if all(x in text for x in h)), (set(), set()))
        assert heads, f"{name} page {number} lacks the header row"
        on_page = {n for n in names if n in text}
        assert on_page, f"{name} page {number} shows no unit"
        shown |= on_page
    assert shown == set().union(*(n for _, n in sheets))
    ws = printed[name].sheet()
    assert ws["A1"].value.startswith("2024年") and ws["A2"].value.startswith("统计截至 2024年5月20日 12:00")


@pytest.mark.parametrize("name", SUMMARIES + FORMS)
def test_the_print_settings_are_in_the_file(printed: dict[str, Printed], name: str) -> None:
    book = printed[name].sheet().parent
    for ws in book.worksheets:
        assert ws.page_setup.paperSize == 9  # A4, named: without it Excel and LibreOffice print on Letter
        assert ws.sheet_properties.pageSetUpPr.fitToPage and (ws.page_setup.fitToWidth or 1) == 1
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
        if name in SUMMARIES:
            assert ws.print_title_rows and ws.print_title_cols == "$A:$B"
            assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A")
            assert ws["A4"].alignment.horizontal == "center" or ws["A6"].alignment.horizontal == "center"


def test_totals_are_sums_with_their_values_cached(printed: dict[str, Printed]) -> None:
    quotas = printed["vocational-quotas.xlsx"]
    ws, cached = quotas.sheet(), quotas.sheet(cached=True)
    total = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 2).value == "合计")
    assert ws.cell(total, 5).value == f"=SUM(E4:E{total - 1})"
    assert ws.cell(total, 5).font.b
    units = [cached.cell(r, 5).value for r in range(4, total)]
    assert cached.cell(total, 5).value == sum(units) > 0
    heads = [c.value for c in ws[3]]
    both = heads.index("合计") + 1
    assert ws.cell(4, both).value == "=SUM(E4:K4)"


def test_adoption_rates_are_numbers_and_city_subtotals_are_apart(printed: dict[str, Printed]) -> None:
    adoption = printed["vocational-adoption.xlsx"]
    ws, cached = adoption.sheet(), adoption.sheet(cached=True)
    assert ws["I4"].value == '=IF(E4=0,"",F4/E4)' and ws["I4"].number_format == "0.0%"
    assert isinstance(cached["I4"].value, float) and 0 <= cached["I4"].value <= 1
    rows = [r for r in cached.iter_rows(min_row=4, values_only=True) if r[1]]
    total = next(r for r in rows if r[1] == "合计")
    units = rows[: rows.index(total)]
    assert "市合计" not in {r[2] for r in units}  # no subtotal among the units: a column sum counts each once
    assert sum(r[4] for r in units) == total[4]
    cities = adoption.sheet(1, cached=True)
    assert cities.title == "各市合计"
    city_rows = [r for r in cities.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert sum(r[2] for r in city_rows) == total[4]
    assert adoption.sheet(1)["C4"].value.startswith("=SUMIF('稿件采用情况'!$D$4:$D$")


def test_units_without_a_returned_form_are_marked_and_the_totals_say_what_they_count(
    printed: dict[str, Printed],
) -> None:
    ws = printed["vocational-annex2.xlsx"].sheet()
    status = {ws.cell(r, 2).value: ws.cell(r, 16).value for r in range(4, ws.max_row + 1)}
    assert status["太原市教育局"] == "已报送" and status["大同市教育局"] == "未报送"
    text = printed["vocational-annex2.xlsx"].pages[-1][1]
    assert "未报送的单位表格数据为空，不计入" in text and "故可大于前两列之和" in text
    annex3 = printed["lifelong-annex3.xlsx"]
    assert "未报送" in annex3.pages[0][1] and "上列11个市之和" in annex3.pages[0][1]


def test_the_blank_forms_print_what_a_department_circulates(printed: dict[str, Printed]) -> None:
    annex2 = printed["vocational-form.xlsx"].pages[0][1]
    for line in ("填报单位（盖章）：", "填报人：", "联系电话：", "填报日期：", "注：", "专栏统计无需填写"):
        assert line in annex2, line
    annex3 = printed["lifelong-form.xlsx"].pages[0][1]
    for line in (
        "全民终身学习活动开展情况汇总表",
        "市级教育行政部门（盖章）：",
        "填报人：",
        "联系电话：",
        "填报日期：",
    ):
        assert line in annex3, line
    for label in ("活动内容", "开展情况", "开展常规性和特色亮点活动", "参加人次"):
        assert label in annex3, label
