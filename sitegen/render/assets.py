"""Stage 5, render: theme assets with content-hashed names, so browsers may cache them forever."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from ..core import frozen


@frozen
class Assets:
    files: Mapping[str, bytes]  # site-root path -> bytes, e.g. assets/site.1a2b3c4d.css
    names: Mapping[str, str]  # logical name -> site-root path, e.g. css/site.css -> assets/site.1a2b3c4d.css

    def path(self, name: str) -> str:
        try:
            return self.names[name]
        except KeyError:
            raise KeyError(f"theme asset not found: {name}") from None


def _hashed(name: str, data: bytes) -> str:
    stem, dot, ext = name.rpartition(".")
    digest = hashlib.sha256(data).hexdigest()[:10]
    return f"assets/{stem}.{digest}.{ext}" if dot else f"assets/{name}.{digest}"


def collect_assets(theme: Path) -> Assets:
    """All stylesheets under assets/css are joined, in file-name order, into one css/site.css."""
    root = theme / "assets"
    files: dict[str, bytes] = {}
    names: dict[str, str] = {}
    css = sorted((root / "css").glob("*.css"))
    if css:
        joined = b"\n".join(p.read_bytes().rstrip() for p in css) + b"\n"
        names["css/site.css"] = _hashed("site.css", joined)
        files[names["css/site.css"]] = joined
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.parent == root / "css":
            continue
        name = path.relative_to(root).as_posix()
        data = path.read_bytes()
        names[name] = _hashed(name, data)
        files[names[name]] = data
    return Assets(files, names)
