"""Stage 2, sources: the registry of submitting units (content/units.yml)."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .fields import FieldReader
from .problems import Problem
from .slugs import slugify
from .yamltext import YamlSyntaxError, parse

UNIT_TYPES = {
    "city-bureau": "市教育局",
    "higher-vocational": "高职学校",
    "secondary-high-level": "高水平中职学校",
    "secondary-provincial": "省属中职学校",
    "open-university": "开放大学",
    "other": "其他单位",
}


@dataclass(frozen=True)
class Unit:
    name: str
    type: str
    city: str
    slug: str

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


def load_units(config: Config, path: Path, display: str = "content/units.yml") -> tuple[Registry, list[Problem]]:
    try:
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    except FileNotFoundError:
        return Registry({}), [Problem(display, None, "", "找不到单位名录", "请创建 content/units.yml")]
    except UnicodeDecodeError:
        return Registry({}), [Problem(display, None, "", "文件不是 UTF-8 编码", "请用 UTF-8 编码保存")]
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
        path_ = ["units", index]
        m = r.mapping(item, path_, allowed={"name", "type", "city", "slug"}, required=("name", "type", "city"))
        name = r.text_value(m.get("name"), [*path_, "name"], required=True)
        kind = r.choice(m.get("type"), [*path_, "type"], tuple(UNIT_TYPES))
        city = r.choice(m.get("city"), [*path_, "city"], cities)
        slug = r.text_value(m.get("slug"), [*path_, "slug"]) or (slugify(name, places) if name else None)
        if not (name and kind and city and slug):
            continue
        if name in units:
            r.problem([*path_, "name"], f"单位“{name}”重复登记")
            continue
        if slug in slugs:
            r.problem([*path_, "name"], f"单位网址 /units/{slug}/ 与“{slugs[slug]}”相同", "请为其中一个填写 slug")
            continue
        units[name] = Unit(name, kind, city, slug)
        slugs[slug] = name
    return Registry(units), r.problems
