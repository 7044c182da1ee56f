"""Benchmark (SPEC 9): image processing of N photos of 2400×1600, cold (empty cache) and cached.

Run as `python tests/bench_images.py [N]`; `make bench` calls bench_images(). The photos are drawn once by
media_factory and kept in .cache/test-media, so only the first run pays for making them.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import sitekit

from sitegen.config import ImageSettings
from sitegen.images import Recipe, imageproc, publish_images

SETTINGS = ImageSettings(widths=(480, 960, 1600), webp_quality=80, jpeg_quality=82, link_original=False)


def bench_images(n: int = 100, workdir: Path | None = None) -> dict[str, float | int]:
    """Time publish_images on n photos, first with an empty cache, then again with the cache it filled."""
    with tempfile.TemporaryDirectory(prefix="bench-images-") as scratch:
        root = Path(workdir or scratch)
        photos = [
            sitekit.make_media(
                root / "photos" / f"photo-{i:03d}.jpg",
                {"kind": "photo", "width": 2400, "height": 1600, "seed": 1000 + i, "label": "活动集锦"},
            )
            for i in range(n)
        ]
        cache = root / "cache"
        shutil.rmtree(cache, ignore_errors=True)
        start = time.perf_counter()
        cold = publish_images(photos, SETTINGS, cache)
        cold_s = time.perf_counter() - start
        start = time.perf_counter()
        cached = publish_images(photos, SETTINGS, cache)
        cached_s = time.perf_counter() - start
        assert not cached.processed, "the second run must take everything from the cache"
        # The wall clock depends on what else the machine runs; the CPU time of one worker does not.
        sample = photos[: min(10, n)]
        start = time.process_time()
        for photo in sample:
            imageproc.render(photo, Recipe(SETTINGS.widths, SETTINGS.webp_quality, SETTINGS.jpeg_quality, False))
        cpu_per_photo = (time.process_time() - start) / len(sample)
        variants = [v for p in cold.pictures.values() for v in p.variants]
        result: dict[str, float | int] = {
            "photos": n,
            "derivatives": len(variants),
            "cores": os.cpu_count() or 1,
            "cold_s": round(cold_s, 3),
            "cached_s": round(cached_s, 3),
            "cpu_per_photo_s": round(cpu_per_photo, 3),
            "projected_cold_s": round(cpu_per_photo * n / (os.cpu_count() or 1), 2),
            "source_mb": round(sum(p.stat().st_size for p in photos) / 1e6, 1),
            "output_mb": round(sum(v.bytes for v in variants) / 1e6, 1),
            "webp_1600_kb": round(
                sum(v.bytes for v in variants if v.mime == "image/webp" and v.width == 1600) / max(1, n) / 1e3, 1
            ),
        }
    print(
        f"images: {n} photos 2400×1600 → {result['derivatives']} derivatives "
        f"(480/960/1600 px × WebP+JPEG) on {result['cores']} cores\n"
        f"  cold   {result['cold_s']:7.2f} s   (target ≤ 20 s for 100)\n"
        f"  cached {result['cached_s']:7.3f} s   (target ≤ 0.5 s for 100)\n"
        f"  one photo takes {result['cpu_per_photo_s']:.3f} s of CPU: {result['projected_cold_s']:.1f} s cold "
        f"on {result['cores']} idle cores\n"
        f"  {result['source_mb']} MB of photos → {result['output_mb']} MB of derivatives; "
        f"a 1600 px WebP averages {result['webp_1600_kb']} KB"
    )
    return result


if __name__ == "__main__":
    bench_images(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
