"""`build.py report`: every column's tables from the build's own analysis, written under reports/<column>/."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

from ..build import Project, check_content, read_submissions
from ..check import adoption, unit_compliance
from ..config import Column, Config
from ..content import Registry, Submission
from ..core import ProblemsFound
from .annex import annex2_owner, annex2_rows, annex2_units, annex3_rows
from .annexbooks import annex2_form, annex2_xlsx, annex3_form, annex3_xlsx
from .books import adoption_xlsx, quotas_xlsx
from .dashboard import Dashboard, chart_note, chart_svg, per_city_per_day, render_dashboard
from .forms import Forms, read_forms
from .media import media_counts
from .quotas import bureau_of, quota_period, quota_rows, shortfalls
from .tables import ADOPTION_HEADERS, adoption_table, csv_bytes, quota_headers, quota_table


def edition_items(items: Sequence[Submission], year: int) -> list[Submission]:
    """The items of every column in one edition: the year an item was received (or dated) in."""
    return [s for s in items if s.year == year]


def edition_title(column: Column, year: int) -> str:
    """The report's own edition's title, not the current one's (a 2024 report in 2025 says 2024)."""
    edition = column.edition(year) if column.editions else None
    return edition.title if edition is not None else f"{year}年{column.short_title}"


def created_on(year: int) -> datetime:
    """The date written into every workbook: fixed per edition, so a second run gives the same bytes."""
    return datetime(year, 1, 1)


def column_reports(
    config: Config,
    registry: Registry,
    column: Column,
    items: Sequence[Submission],
    year: int,
    now: datetime,
    forms: Forms,
) -> dict[str, bytes]:
    """Every file of one column's report, by name. `items` are the edition's items of every column: quotas
    count both columns together (the notice sets one per unit), the rest counts this column's. Pure: the
    same inputs give the same bytes."""
    settings = config.reports
    days = quota_period(column, settings, year)
    created = created_on(year)
    quotas = quota_rows(config, registry, items, days)
    items = [s for s in items if s.column == column.id]
    table = adoption(config, registry, items, now)
    local = now.astimezone(config.timezone)  # the 统计截至 line of every workbook
    files: dict[str, bytes] = {}
    files["quotas.csv"] = csv_bytes(quota_headers(days), quota_table(quotas))
    titles = {c.id: c.short_title for c in config.columns.values()}
    files["quotas.xlsx"] = quotas_xlsx(year, quotas, days, titles, settings.cutoff, local, created)
    files["adoption.csv"] = csv_bytes(ADOPTION_HEADERS, adoption_table(table))
    files["adoption.xlsx"] = adoption_xlsx(year, column.short_title, table, local, created)
    annex = settings.annexes.get(column.id)
    if annex == 2:
        owners = media_counts(registry, items, settings, lambda u: annex2_owner(u, registry, settings.provincial_units))
        rows = annex2_rows(annex2_units(config, registry), forms.annex2, owners)
        files["annex2.xlsx"] = annex2_xlsx(year, rows, local, created)
    elif annex == 3:
        files["annex3.xlsx"] = annex3_xlsx(year, annex3_rows(config, registry, forms.annex3), local, created)
    media = media_counts(registry, items, settings)
    per_city = per_city_per_day(config, registry, items, days)
    unreceived = tuple(s for s in items if s.counted and s.received is None)
    view = Dashboard(
        column,
        edition_title(column, year),
        year,
        now,
        now.astimezone(config.timezone).date(),
        days,
        chart_svg(days, per_city),
        chart_note(table.total.received, per_city, items, days, config, registry),
        titles,
        quotas,
        shortfalls(quotas, days, now.astimezone(config.timezone).date()),
        table,
        tuple(sorted(media.items(), key=lambda pair: (-pair[1].total, pair[0]))),
        tuple(sorted(unreceived, key=lambda s: s.rel)),
        tuple(sorted(files)),
    )
    files["index.html"] = render_dashboard(view)
    return files


def blank_forms(config: Config, registry: Registry, column: Column, year: int) -> dict[str, bytes]:
    """The form each unit fills in, stamps and returns: its name filled in, the cells the report takes from
    content (media counts) marked as such."""
    settings = config.reports
    created = created_on(year)
    annex = settings.annexes.get(column.id)
    out: dict[str, bytes] = {}
    if annex == 2:
        for unit in annex2_units(config, registry):
            out[f"附件2-{unit.name}.xlsx"] = annex2_form(year, unit.name, created)
    elif annex == 3:
        for city in config.cities:
            bureau = bureau_of(registry, city.name)
            if bureau is not None:
                out[f"附件3-{bureau.name}.xlsx"] = annex3_form(year, bureau.name, created)
    return out


def make_reports(
    project: Project, out: Path, year: int | None, now: datetime, *, forms_only: bool = False
) -> dict[str, int]:
    """Write every column's report (or, with forms_only, the blank forms) and return files per column.

    A wrong figure in a returned form stops everything before anything is written."""
    config, registry, items = read_submissions(project)
    outputs: dict[str, dict[str, bytes]] = {}
    read: dict[int, Forms] = {}
    problems = []
    for column in config.columns.values():
        edition = year or column.end.year
        mine = edition_items(items, edition)
        if forms_only:
            outputs[column.id] = {
                f"forms/{n}": data for n, data in blank_forms(config, registry, column, edition).items()
            }
            continue
        if edition not in read:
            folder = project.content / "stats" / str(edition)
            read[edition] = read_forms(folder, f"content/stats/{edition}", registry)
            problems += read[edition].problems
        outputs[column.id] = column_reports(config, registry, column, mine, edition, now, read[edition])
    if problems:
        raise ProblemsFound(problems)
    if not forms_only:
        _add_compliance(project, now, year, outputs)
    for column_id, files in outputs.items():
        _write(out / column_id, files, replace=not forms_only)
    return {column_id: len(files) for column_id, files in outputs.items()}


COMPLIANCE_HEADERS = ("单位", "检查稿件", "有提示的稿件", "提示类型")


def _add_compliance(project: Project, now: datetime, year: int | None, outputs: dict[str, dict[str, bytes]]) -> None:
    """compliance.csv (各单位报送规范情况): per unit, its checked items with warnings and which kinds, from the
    rules as `check` runs them (their results are cached by the build)."""
    checked = check_content(project, now, skip_invalid=True)
    for column in checked.config.columns.values():
        edition = year or column.end.year
        mine = [a for a in checked.read if a.column == column.id and a.edition == edition and a.status != "draft"]
        rows = unit_compliance(checked.registry, mine, checked.problems)
        table = [(c.unit, c.items, c.warned, c.kinds_text) for c in rows]
        outputs[column.id]["compliance.csv"] = csv_bytes(COMPLIANCE_HEADERS, table)


def _write(folder: Path, files: Mapping[str, bytes], *, replace: bool) -> None:
    """A column's report appears whole: written beside the old one, then swapped in."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    if not replace:
        for name, data in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
        return
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    staging.chmod(0o755)
    try:
        for name, data in files.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_bytes(data)
        forms = folder / "forms"
        if forms.is_dir():
            shutil.copytree(forms, staging / "forms")  # blank forms written earlier stay
        old = folder.with_name(f".{folder.name}-old")
        if folder.exists():
            shutil.rmtree(old, ignore_errors=True)
            folder.rename(old)
        staging.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
