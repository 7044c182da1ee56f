"""Stage 1, config: read and validate config.yml into frozen, typed settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..core import FieldPath, FieldReader, Problem, ProblemsFound, Severity, YamlSyntaxError, frozen, parse, read_text
from .editions import Edition, Section, edition_for, read_editions
from .reports import ReportSettings, read_reports
from .severities import DEFAULT_SEVERITIES, read_severities

KINDS = ("notice", "news", "summary", "case", "profile", "gallery", "media", "video")
CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")
# Folders of the site root that are not sections; a year (2024/) is an edition's archive.
RESERVED = ("units", "cities", "search", "banner", "assets", "page", "media", "editions", "downloads", "pagefind")


@frozen
class City:
    name: str
    slug: str


@frozen
class BannerSettings:
    width: int
    height: int
    corner: str


@frozen
class Column:
    """A column and its editions. `title`, `theme`, `start` and `end` are the current (newest) edition's;
    `sections` are those of every edition, the current edition's first (`current.sections` is the menu)."""

    id: str
    title: str
    short_title: str
    theme: str
    start: date
    end: date
    base_url: str
    host: str
    icp: str
    large_text: bool
    banner: BannerSettings
    sections: tuple[Section, ...]
    adoption_page: bool = False  # publish /adoption/ (稿件采用情况): counts and rates only
    editions: tuple[Edition, ...] = ()  # oldest first; the last one is the current edition
    review_levels: tuple[str, ...] = ()  # 三审: the levels in order (初审, 终审); none named: one level
    review_distinct: bool = False  # one person (or department) may not record two levels
    assist_toolbar: bool = False  # 辅助浏览: text sizes, contrast, line spacing, large pointer, 指读 (SPEC 15)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def current(self) -> Edition:
        return self.editions[-1]

    def edition(self, year: int) -> Edition | None:
        return next((e for e in self.editions if e.year == year), None)

    def edition_for(self, moment: datetime, explicit: int | None = None) -> Edition | None:
        """See editions.edition_for: by the `edition` field, else by the year of the date."""
        return edition_for(self.editions, moment, explicit)


@frozen
class KindRule:
    label: str
    max_words: int | None


@frozen
class Rules:
    title_max_chars: int
    summary_max_chars: int
    inline_formats: tuple[str, ...]
    inline_max_bytes: int
    kinds: Mapping[str, KindRule]
    gallery_min_images: int
    gallery_formats: tuple[str, ...]
    gallery_min_width: int
    gallery_min_bytes: int
    gallery_max_bytes: int
    video_formats: tuple[str, ...]
    video_max_seconds: int
    video_aspect: tuple[int, int]
    attachment_formats: tuple[str, ...]


@frozen
class ImageSettings:
    widths: tuple[int, ...]
    webp_quality: int
    jpeg_quality: int
    link_original: bool


@frozen
class Config:
    organizer: str
    timezone: ZoneInfo
    language: str
    cities: tuple[City, ...]
    columns: Mapping[str, Column]
    rules: Rules
    images: ImageSettings
    pagination: int
    feed_entries: int
    reports: ReportSettings = field(default_factory=ReportSettings)
    severities: Mapping[str, Severity] = field(default_factory=lambda: DEFAULT_SEVERITIES)  # rule id → severity

    def city(self, name: str) -> City | None:
        return next((c for c in self.cities if c.name == name), None)

    def place_slugs(self) -> dict[str, str]:
        """City names with and without 市, so slugs of names that contain a city use its configured spelling."""
        out = {}
        for city in self.cities:
            out[city.name.removesuffix("市")] = city.slug
        return out


def load_config(path: Path, display: str = "config.yml") -> Config:
    """Read config.yml; every problem is reported at once as ProblemsFound."""
    try:
        text = read_text(path, display)
    except FileNotFoundError:
        raise ProblemsFound([Problem(display, None, "", "找不到配置文件", "请在项目根目录放置 config.yml")]) from None
    if isinstance(text, Problem):
        raise ProblemsFound([text])
    reader = FieldReader(display, text)
    try:
        data = parse(text)
    except YamlSyntaxError as e:
        reader.problems.append(Problem(display, e.line, "", e.message))
        raise ProblemsFound(reader.problems) from None
    config = _read_config(reader, data)
    if reader.problems or config is None:
        raise ProblemsFound(reader.problems)
    return config


def _read_config(r: FieldReader, data: object) -> Config | None:
    top = r.mapping(
        data,
        [],
        allowed={"site", "cities", "columns", "rules", "images", "pagination", "feed_entries", "reports", "severities"},
        required=("site", "cities", "columns", "rules", "images"),
    )
    site = r.mapping(
        top.get("site", {}), ["site"], allowed={"organizer", "timezone", "language"}, required=("organizer", "timezone")
    )
    organizer = r.text_value(site.get("organizer"), ["site", "organizer"], required=True) or ""
    tz_name = r.text_value(site.get("timezone"), ["site", "timezone"], required=True) or "Asia/Shanghai"
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        r.problem(["site", "timezone"], f"未知时区“{tz_name}”", "例如 Asia/Shanghai")
        tz = ZoneInfo("Asia/Shanghai")
    language = r.text_value(site.get("language"), ["site", "language"]) or "zh-CN"

    cities = r.each(top.get("cities"), ["cities"], lambda v, p: _city(r, v, p))
    _unique(r, [c.name for c in cities], ["cities"], "城市名")
    _unique(r, [c.slug for c in cities], ["cities"], "城市 slug")

    columns_raw = r.mapping(top.get("columns", {}), ["columns"])
    columns = {}
    for column_id, value in columns_raw.items():
        column = _column(r, str(column_id), value, ["columns", str(column_id)])
        if column is not None:
            columns[column.id] = column
    if not columns_raw:
        r.problem(["columns"], "至少需要一个栏目", "参照 SPEC 第 2 节配置 vocational 与 lifelong")

    rules = _rules(r, top.get("rules", {}))
    images = _images(r, top.get("images", {}))
    pagination = r.integer(top.get("pagination", 20), ["pagination"], minimum=1) or 20
    feed_entries = r.integer(top.get("feed_entries", 50), ["feed_entries"], minimum=1) or 50
    reports = read_reports(r, top.get("reports"), columns_raw.keys())
    severities = read_severities(r, top.get("severities"))
    if r.problems or rules is None or images is None:
        return None
    return Config(
        organizer, tz, language, cities, columns, rules, images, pagination, feed_entries, reports, severities
    )


def _unique(r: FieldReader, values: list[str], path: list[str | int], what: str) -> None:
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            r.problem([*path, index], f"{what}“{value}”重复")
        seen.add(value)


def _city(r: FieldReader, value: object, path: FieldPath) -> City | None:
    m = r.mapping(value, path, allowed={"name", "slug"}, required=("name", "slug"))
    name = r.text_value(m.get("name"), [*path, "name"])
    slug = _slug(r, m.get("slug"), [*path, "slug"])
    return City(name, slug) if name and slug else None


def _slug(r: FieldReader, value: object, path: list[str | int]) -> str | None:
    text = r.text_value(value, path, required=True)
    if text is not None and not all(ch.isascii() and (ch.islower() or ch.isdigit() or ch == "-") for ch in text):
        r.problem(path, f"“{text}”只能包含小写英文字母、数字和连字符")
        return None
    return text


def _column(r: FieldReader, column_id: str, value: object, path: list[str | int]) -> Column | None:
    keys = ("short_title", "base_url", "host", "icp", "sections")
    m = r.mapping(
        value,
        path,
        allowed={
            *keys,
            *("title", "theme", "start", "end", "editions", "large_text", "banner", "adoption_page"),
            *("review_levels", "review_distinct", "assist_toolbar"),
        },
        required=keys,
    )
    texts = {k: r.text_value(m.get(k), [*path, k], required=True) for k in ("short_title", "host", "icp")}
    base_url = r.text_value(m.get("base_url"), [*path, "base_url"], required=True)
    if base_url is not None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or not base_url.endswith("/"):
            r.problem([*path, "base_url"], f"“{base_url}”不是有效的网址", "须以 https:// 开头、以 / 结尾")
    banner = _banner(r, m.get("banner", {}), [*path, "banner"])
    sections = r.each(m.get("sections"), [*path, "sections"], lambda v, p: _section(r, v, p))
    _unique(r, [s.id for s in sections], [*path, "sections"], "栏目 id")
    large_text = r.boolean(m.get("large_text"), [*path, "large_text"], default=False)
    editions = read_editions(r, m, path, texts["short_title"], sections, lambda v, p: _section(r, v, p))
    given = {k: v for k, v in texts.items() if v is not None}
    if len(given) < len(texts) or not (base_url and banner and editions) or not sections:
        return None
    current = editions[-1]
    union: dict[str, Section] = {}  # the current edition's sections, then those only older editions had
    for edition in reversed(editions):
        for section in edition.sections:
            union.setdefault(section.id, section)
    return Column(
        column_id,
        current.title,
        given["short_title"],
        current.theme,
        current.start,
        current.end,
        base_url,
        given["host"],
        given["icp"],
        large_text,
        banner,
        tuple(union.values()),
        r.boolean(m.get("adoption_page"), [*path, "adoption_page"]),
        editions,
        _review_levels(r, m.get("review_levels"), [*path, "review_levels"]),
        r.boolean(m.get("review_distinct"), [*path, "review_distinct"]),
        r.boolean(m.get("assist_toolbar"), [*path, "assist_toolbar"]),
    )


def _review_levels(r: FieldReader, value: object, path: list[str | int]) -> tuple[str, ...]:
    """`review_levels: [初审, 终审]`: distinct names, in the order an item is reviewed."""
    if value is None:
        return ()
    levels = r.each(value, path, lambda v, p: r.text_value(v, p, required=True))
    _unique(r, list(levels), path, "审核级别")
    return levels


def _banner(r: FieldReader, value: object, path: list[str | int]) -> BannerSettings | None:
    m = r.mapping(value, path, allowed={"width", "height", "corner"})
    width = r.integer(m.get("width", 240), [*path, "width"], minimum=60)
    height = r.integer(m.get("height", 120), [*path, "height"], minimum=30)
    corner = r.choice(m.get("corner", "bottom-right"), [*path, "corner"], CORNERS)
    return BannerSettings(width, height, corner) if width and height and corner else None


def _section(r: FieldReader, value: object, path: FieldPath) -> Section | None:
    m = r.mapping(value, path, allowed={"id", "title", "kind"}, required=("id", "title", "kind"))
    section_id = _slug(r, m.get("id"), [*path, "id"])
    title = r.text_value(m.get("title"), [*path, "title"], required=True)
    kind = r.choice(m.get("kind"), [*path, "kind"], KINDS)
    if section_id in RESERVED or (section_id or "x").isdigit():
        r.problem([*path, "id"], f"“{section_id}”是保留的网址目录，不能用作栏目 id")
        return None
    return Section(section_id, title, kind) if section_id and title and kind else None


def _rules(r: FieldReader, value: object) -> Rules | None:
    p: list[str | int] = ["rules"]
    keys = ("title_max_chars", "summary_max_chars", "inline_images", "kinds", "gallery", "video", "attachments")
    m = r.mapping(value, p, allowed=set(keys), required=keys)
    inline = r.mapping(
        m.get("inline_images", {}),
        [*p, "inline_images"],
        allowed={"formats", "max_bytes"},
        required=("formats", "max_bytes"),
    )
    gallery = r.mapping(
        m.get("gallery", {}),
        [*p, "gallery"],
        allowed={"min_images", "formats", "min_width", "min_bytes", "max_bytes"},
        required=("min_images", "formats", "min_width", "min_bytes", "max_bytes"),
    )
    video = r.mapping(
        m.get("video", {}),
        [*p, "video"],
        allowed={"formats", "max_seconds", "aspect"},
        required=("formats", "max_seconds", "aspect"),
    )
    attachments = r.mapping(m.get("attachments", {}), [*p, "attachments"], allowed={"formats"}, required=("formats",))
    kinds_raw = r.mapping(m.get("kinds", {}), [*p, "kinds"], allowed=set(KINDS), required=KINDS)
    kinds = {}
    for kind in KINDS:
        kp = [*p, "kinds", kind]
        km = r.mapping(kinds_raw.get(kind, {}), kp, allowed={"label", "max_words"}, required=("label",))
        label = r.text_value(km.get("label"), [*kp, "label"], required=True) or kind
        limit = km.get("max_words")
        max_words = None if limit is None else r.integer(limit, [*kp, "max_words"], minimum=1)
        kinds[kind] = KindRule(label, max_words)

    def ints(mapping: Mapping[str, object], key: str, sub: list[str | int]) -> int:
        return r.integer(mapping.get(key), [*sub, key], minimum=0) or 0

    def names(mapping: Mapping[str, object], sub: list[str | int]) -> tuple[str, ...]:
        items = r.sequence(mapping.get("formats"), [*sub, "formats"])
        return tuple(str(i) for i in items)

    written = r.sequence(video.get("aspect"), [*p, "video", "aspect"])
    aspect = [int(a) for a in written if isinstance(a, int) and a > 0]
    if len(written) != 2 or len(aspect) != 2:
        r.problem([*p, "video", "aspect"], "应写成 [16, 9]")
        aspect = [16, 9]
    return Rules(
        title_max_chars=ints(m, "title_max_chars", p),
        summary_max_chars=ints(m, "summary_max_chars", p),
        inline_formats=names(inline, [*p, "inline_images"]),
        inline_max_bytes=ints(inline, "max_bytes", [*p, "inline_images"]),
        kinds=kinds,
        gallery_min_images=ints(gallery, "min_images", [*p, "gallery"]),
        gallery_formats=names(gallery, [*p, "gallery"]),
        gallery_min_width=ints(gallery, "min_width", [*p, "gallery"]),
        gallery_min_bytes=ints(gallery, "min_bytes", [*p, "gallery"]),
        gallery_max_bytes=ints(gallery, "max_bytes", [*p, "gallery"]),
        video_formats=names(video, [*p, "video"]),
        video_max_seconds=ints(video, "max_seconds", [*p, "video"]),
        video_aspect=(aspect[0], aspect[1]),
        attachment_formats=names(attachments, [*p, "attachments"]),
    )


def _images(r: FieldReader, value: object) -> ImageSettings | None:
    p: list[str | int] = ["images"]
    m = r.mapping(value, p, allowed={"widths", "webp_quality", "jpeg_quality", "link_original"}, required=("widths",))
    widths = tuple(
        width
        for i, w in enumerate(r.sequence(m.get("widths"), [*p, "widths"]))
        if (width := r.integer(w, [*p, "widths", i], minimum=16)) is not None
    )
    if not widths:
        r.problem([*p, "widths"], "至少需要一个宽度", "例如 [480, 960, 1600]")
    webp = r.integer(m.get("webp_quality", 80), [*p, "webp_quality"], minimum=1) or 80
    jpeg = r.integer(m.get("jpeg_quality", 82), [*p, "jpeg_quality"], minimum=1) or 82
    link_original = r.boolean(m.get("link_original"), [*p, "link_original"])
    return ImageSettings(tuple(sorted(set(widths))), webp, jpeg, link_original)
