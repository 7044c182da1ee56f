"""Stage 2, sources: the registry of submitting units (content/units.yml)."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..config import Config
from ..core import FieldPath, FieldReader, Problem, YamlSyntaxError, frozen, parse, read_text, slugify

UNIT_TYPES = {
    "city-bureau": "市教育局",
    "higher-vocational": "高职学校",
    "secondary-high-level": "高水平中职学校",
    "secondary-provincial": "省属中职学校",
    "open-university": "开放大学",
    "other": "其他单位",
}


@frozen
class Unit:
    name: str
    type: str
    city: str
    slug: str
    emails: tuple[str, ...] = ()  # addresses the unit submits from, lower-case (intake finds the unit by them)
    former_names: tuple[str, ...] = ()  # a renamed or merged unit keeps its old articles

    @property
    def type_label(self) -> str:
        return UNIT_TYPES[self.type]


@dataclass(frozen=True)
class Registry:
    units: Mapping[str, Unit]

    def closest(self, name: str, n: int = 3) -> list[str]:
        names = list(self.units)
        close = difflib.get_close_matches(name, names, n=n, cutoff=0.4)
        if not close:
            close = [u for u in names if name and (name in u or u in name)][:n]
        return close

    def find(self, name: str) -> Unit | None:
        """The unit registered under this name, or under it as a former name."""
        return self.units.get(name) or self.former.get(name)

    @cached_property
    def former(self) -> Mapping[str, Unit]:
        return {old: unit for unit in self.units.values() for old in unit.former_names}

    def by_email(self, address: str) -> Unit | None:
        wanted = address.strip().lower()
        return next((u for u in self.units.values() if wanted in u.emails), None)


def load_units(config: Config, path: Path, display: str = "content/units.yml") -> tuple[Registry, list[Problem]]:
    try:
        text = read_text(path, display)
    except FileNotFoundError:
        return Registry({}), [Problem(display, None, "", "找不到单位名录", "请创建 content/units.yml")]
    if isinstance(text, Problem):
        return Registry({}), [text]
    r = FieldReader(display, text)
    try:
        data = parse(text)
    except YamlSyntaxError as e:
        return Registry({}), [Problem(display, e.line, "", e.message)]
    top = r.mapping(data, [], allowed={"units"}, required=("units",))
    cities = [c.name for c in config.cities]
    places = config.place_slugs()
    units: dict[str, Unit] = {}
    slugs: dict[str, str] = {}
    for index, item in enumerate(r.sequence(top.get("units"), ["units"])):
        path_: list[str | int] = ["units", index]
        m = r.mapping(
            item,
            path_,
            allowed={"name", "type", "city", "slug", "emails", "former_names"},
            required=("name", "type", "city"),
        )
        name = r.text_value(m.get("name"), [*path_, "name"], required=True)
        kind = r.choice(m.get("type"), [*path_, "type"], tuple(UNIT_TYPES))
        city = r.choice(m.get("city"), [*path_, "city"], cities)
        slug = r.text_value(m.get("slug"), [*path_, "slug"]) or (slugify(name, places) if name else None)
        emails = r.each(m.get("emails"), [*path_, "emails"], lambda v, p: _email(r, v, p))
        former = r.each(m.get("former_names"), [*path_, "former_names"], lambda v, p: _name(r, v, p))
        if not (name and kind and city and slug):
            continue
        if name in units:
            r.problem([*path_, "name"], f"单位“{name}”重复登记")
            continue
        if slug in slugs:
            r.problem([*path_, "name"], f"单位网址 /units/{slug}/ 与“{slugs[slug]}”相同", "请为其中一个填写 slug")
            continue
        units[name] = Unit(name, kind, city, slug, emails, former)
        slugs[slug] = name
    return Registry(units), r.problems


def _email(r: FieldReader, value: object, path: FieldPath) -> str | None:
    text = r.text_value(value, path, required=True)
    if text is None:
        return None
    if text.count("@") != 1 or " " in text.strip():
        r.problem(path, f"“{text}”不是有效的电子邮箱地址", "例如 xcb@example.edu.cn")
        return None
    return text.strip().lower()


def _name(r: FieldReader, value: object, path: FieldPath) -> str | None:
    return r.text_value(value, path, required=True)
