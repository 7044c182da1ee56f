"""Stage 1, config: the editions of a column, one per year's campaign, read from its `editions:` list."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime

from ..core import FieldReader, frozen

FieldPath = Sequence[str | int]


@frozen
class Section:
    id: str
    title: str
    kind: str


@frozen
class Edition:
    """One year's campaign of a column: what its home page, its banner and its reports show."""

    year: int
    title: str
    theme: str
    start: date
    end: date
    # The days the daily quotas count (`quota:`); None: the week moved by the reports' period_offset.
    quota_start: date | None
    quota_end: date | None
    sections: tuple[Section, ...]
    banner_text: str  # the drawn banner's first line, e.g. 2024年职业教育活动周
    banner_artwork: str | None  # content-relative path of the artwork, e.g. banners/vocational-2025.png
    year_in_urls: bool = False  # articles at /<year>/<section>/<slug>/ instead of /<section>/<slug>/

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        return f"{self.year}年"


EDITION_KEYS = ("year", "title", "theme", "start", "end")
LEGACY_KEYS = ("title", "theme", "start", "end")


def edition_for(editions: tuple[Edition, ...], moment: datetime, explicit: int | None = None) -> Edition | None:
    """The edition an article belongs to: the one named by its `edition` field, or else by its date's year,
    the newest edition of that year or earlier (the first edition for anything older). None when `explicit`
    names a year that is not configured."""
    if explicit is not None:
        return next((e for e in editions if e.year == explicit), None)
    earlier = [e for e in editions if e.year <= moment.year]
    return earlier[-1] if earlier else editions[0]


def read_editions(
    r: FieldReader,
    m: Mapping[str, object],
    path: FieldPath,
    short_title: str | None,
    sections: tuple[Section, ...],
    read_section: Callable[[object, FieldPath], Section | None],
) -> tuple[Edition, ...]:
    """The column's editions, oldest first. A column without `editions:` is one edition made of its own
    title, theme and dates (the format before editions), so existing config files keep working."""
    if "editions" not in m:
        missing = [k for k in LEGACY_KEYS if m.get(k) is None]
        for key in missing:
            r.problem([*path, key] if key in m else path, f"缺少必填字段 {key}", "或改用 editions 列出每一届")
        if missing:
            return ()
        edition = _edition(r, {**m, "year": None}, path, short_title, sections, read_section, legacy=True)
        return (edition,) if edition else ()
    for key in LEGACY_KEYS:
        if key in m:
            r.problem([*path, key], "已写了 editions，此字段应写在每一届中", f"把 {key} 移到 editions 下对应的年份")
    items = r.each(
        m.get("editions"),
        [*path, "editions"],
        lambda v, p: _edition(r, v, p, short_title, sections, read_section, legacy=False),
    )
    if not items and not r.problems:
        r.problem([*path, "editions"], "至少需要一届", "例如 - {year: 2024, title: …, theme: …, start: …, end: …}")
    years = [e.year for e in items]
    for index, year in enumerate(years):
        if year in years[:index]:
            r.problem([*path, "editions", index, "year"], f"届次 {year} 重复", "每年只写一届")
    return tuple(sorted(items, key=lambda e: e.year))


def _edition(
    r: FieldReader,
    value: object,
    path: FieldPath,
    short_title: str | None,
    default_sections: tuple[Section, ...],
    read_section: Callable[[object, FieldPath], Section | None],
    *,
    legacy: bool,
) -> Edition | None:
    if legacy:
        m = value if isinstance(value, Mapping) else {}
    else:
        allowed = {*EDITION_KEYS, "quota", "sections", "banner", "year_in_urls"}
        m = r.mapping(value, path, allowed=allowed, required=EDITION_KEYS)
    title = r.text_value(m.get("title"), [*path, "title"], required=True)
    theme = r.text_value(m.get("theme"), [*path, "theme"], required=True)
    start = r.day(m.get("start"), [*path, "start"], required=True)
    end = r.day(m.get("end"), [*path, "end"], required=True)
    if start and end and end < start:
        r.problem([*path, "end"], f"结束日期 {end} 早于开始日期 {start}")
    year = start.year if legacy and start else r.integer(m.get("year"), [*path, "year"], minimum=2000)
    if not legacy and year and start and start.year != year:
        r.problem([*path, "start"], f"开始日期 {start} 不在 {year} 年", "届次 year 与开始日期的年份须一致")
    quota_start, quota_end = _quota(r, m.get("quota"), [*path, "quota"], start, end)
    sections = default_sections
    if "sections" in m and not legacy:
        sections = r.each(m.get("sections"), [*path, "sections"], read_section)
        ids = [s.id for s in sections]
        for index, section_id in enumerate(ids):
            if section_id in ids[:index]:
                r.problem([*path, "sections", index], f"栏目 id“{section_id}”重复")
    banner_text, artwork = _banner(r, m.get("banner") if not legacy else None, [*path, "banner"])
    year_in_urls = r.boolean(m.get("year_in_urls"), [*path, "year_in_urls"]) if not legacy else False
    if not (title and theme and start and end and year and sections) or ("quota" in m and not quota_start):
        return None
    return Edition(
        year,
        title,
        theme,
        start,
        end,
        quota_start,
        quota_end,
        sections,
        banner_text or f"{year}年{short_title or ''}",
        artwork,
        year_in_urls,
    )


def _quota(
    r: FieldReader, value: object, path: FieldPath, start: date | None, end: date | None
) -> tuple[date | None, date | None]:
    """An edition's own quota period, when the week and the reports' period_offset do not give it."""
    if value is None:
        return None, None
    m = r.mapping(value, path, allowed={"start", "end"}, required=("start", "end"))
    first = r.day(m.get("start"), [*path, "start"], required=True)
    last = r.day(m.get("end"), [*path, "end"], required=True)
    if first and last and last < first:
        r.problem([*path, "end"], f"结束日期 {last} 早于开始日期 {first}")
    return first, last


def _banner(r: FieldReader, value: object, path: FieldPath) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    m = r.mapping(value, path, allowed={"text", "artwork"})
    text = r.text_value(m.get("text"), [*path, "text"])
    artwork = r.text_value(m.get("artwork"), [*path, "artwork"])
    if artwork is not None and (
        artwork.startswith("/") or ".." in artwork.split("/") or not artwork.lower().endswith((".png", ".jpg", ".jpeg"))
    ):
        r.problem(
            [*path, "artwork"], f"“{artwork}”不是 content/ 下的 PNG 或 JPEG 图片", "例如 banners/vocational-2025.png"
        )
        artwork = None
    return text, artwork
