"""Fixture sites for tests: a valid base site, overlays per case, and media generated from a manifest.

A case folder under tests/sites/<case>/ holds only what differs from tests/sites/valid/: files it
adds or replaces, `media.yml` entries for generated media, and a `delete.txt` listing paths to remove.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

TESTS = Path(__file__).parent
REPO = TESTS.parent
SITES = TESTS / "sites"
sys.path.insert(0, str(REPO))

from sitegen.pipeline import Project  # noqa: E402

# Every fixture build happens on the same day, during the week, so results never depend on the clock.
NOW = datetime(2024, 5, 20, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
_MEDIA_CACHE = REPO / ".cache" / "test-media"


@dataclass(frozen=True)
class FixtureSite:
    root: Path

    @property
    def project(self) -> Project:
        return Project(self.root, theme_root=REPO / "themes" / "default")

    @property
    def output(self) -> Path:
        return self.root / "output"

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def read_output(self, rel: str) -> str:
        return (self.output / rel).read_text(encoding="utf-8")

    def all_output_text(self) -> str:
        """Every text file of the output joined, for "appears nowhere" assertions."""
        parts = []
        for path in sorted(self.output.rglob("*")):
            if path.is_file() and path.suffix in (".html", ".xml", ".txt", ".json", ".js"):
                parts.append(path.read_text(encoding="utf-8", errors="replace"))
        return "\n".join(parts)


def materialize(tmp: Path, *cases: str) -> FixtureSite:
    """Copy the valid site, apply each case overlay in order, and generate the media they list."""
    root = tmp / "site"
    shutil.copytree(SITES / "valid", root, ignore=shutil.ignore_patterns("media.yml"))
    manifests = [SITES / "valid" / "media.yml"]
    for case in cases:
        case_dir = SITES / case
        if not case_dir.is_dir():
            raise FileNotFoundError(case_dir)
        for path in sorted(case_dir.rglob("*")):
            rel = path.relative_to(case_dir)
            if path.is_dir() or rel.name in ("media.yml", "delete.txt"):
                continue
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        manifests.append(case_dir / "media.yml")
        deletions = case_dir / "delete.txt"
        if deletions.exists():
            for line in deletions.read_text(encoding="utf-8").split():
                target = root / line
                if target.is_dir():
                    shutil.rmtree(target)
                else:
                    target.unlink(missing_ok=True)
    for manifest in manifests:
        if manifest.exists():
            for rel, spec in (yaml.safe_load(manifest.read_text(encoding="utf-8")) or {}).items():
                make_media(root / rel, spec)
    return FixtureSite(root)


def make_media(target: Path, spec: dict) -> Path:
    """Generate one media file (cached across runs by its spec: photos that must weigh MBs are slow)."""
    import media_factory as mf

    key = hashlib.sha256(json.dumps(spec, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:20]
    cached = _MEDIA_CACHE / f"{key}{target.suffix}"
    if not cached.exists():
        _MEDIA_CACHE.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(cached.name + ".tmp")
        spec = dict(spec)
        kind = spec.pop("kind")
        if kind == "photo":
            gps = spec.pop("gps", None)
            mf.make_photo(
                tmp,
                spec.pop("width"),
                spec.pop("height"),
                seed=spec.pop("seed", 1),
                label=spec.pop("label", "一技在手，一生无忧"),
                gps=tuple(gps) if gps else None,
                fmt=spec.pop("format", "JPEG"),
                **spec,
            )
        elif kind == "video":
            mf.make_video(tmp, **spec)
        elif kind == "pdf":
            mf.make_pdf(tmp, spec.pop("title"), spec.pop("lines", ["正文"]), **spec)
        elif kind == "bytes":
            tmp.write_bytes(bytes.fromhex(spec["hex"]) if "hex" in spec else spec["text"].encode())
        else:
            raise ValueError(f"unknown media kind {kind}")
        tmp.replace(cached)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, target)
    return target
