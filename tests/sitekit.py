"""Fixture sites for tests: a valid base site, overlays per case, and media generated from a manifest.

A case folder under tests/sites/<case>/ holds only what differs from tests/sites/valid/: files it
adds or replaces, `media.yml` entries for generated media, and a `delete.txt` listing paths to remove.
"""

from __future__ import annotations

import hashlib
import json
import os
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

from sitegen.build import Project  # noqa: E402

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
        # A name of this process's own: test processes running side by side may make the same file at once.
        tmp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
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
        elif kind == "encoded":  # text in another encoding: {text, encoding}
            tmp.write_bytes(spec["text"].encode(spec["encoding"]))
        elif kind == "image":  # a flat or noise image in any Pillow format: {width, height, format, noise?}
            import random

            from PIL import Image

            size = (spec["width"], spec["height"])
            if spec.get("noise"):  # incompressible: the file weighs about width × height × 3 bytes
                image = Image.frombytes(
                    "RGB", size, random.Random(spec.get("seed", 1)).randbytes(size[0] * size[1] * 3)
                )
            else:
                image = Image.new("RGB", size, tuple(spec.get("color", (200, 22, 29))))
            image.save(tmp, format=spec["format"])
        elif kind == "truncated":  # a photo cut after `keep` bytes, as an interrupted upload leaves it
            whole = tmp.with_name(tmp.name + ".whole.jpg")
            mf.make_photo(whole, spec["width"], spec["height"], seed=spec.get("seed", 1), label="不完整")
            tmp.write_bytes(whole.read_bytes()[: spec["keep"]])
            whole.unlink()
        elif kind == "bomb":  # a PNG whose header claims width × height: zlib packs the zero rows ~1000:1
            import struct
            import zlib

            def chunk(tag: bytes, data: bytes) -> bytes:
                return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

            width, height = spec["width"], spec["height"]
            packer = zlib.compressobj(9)
            row = bytes(1 + (width + 7) // 8)  # filter byte and one bit per pixel
            idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
            header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
            tmp.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
        elif kind == "remux":  # a generated MP4 copied into a container: {format, video: {...}, rotation?}
            import av

            clip = tmp.with_name(tmp.name + ".clip.mp4")
            mf.make_video(clip, **spec["video"])
            with av.open(str(clip)) as src, av.open(str(tmp), "w", format=spec["format"]) as dst:
                stream = dst.add_stream_from_template(src.streams.video[0])
                if spec.get("rotation"):  # as a phone records a video held upright
                    stream.set_display_rotation(spec["rotation"])
                for packet in src.demux(src.streams.video[0]):
                    if packet.dts is not None:
                        packet.stream = stream
                        dst.mux(packet)
            clip.unlink()
        else:
            raise ValueError(f"unknown media kind {kind}")
        tmp.replace(cached)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, target)
    return target
