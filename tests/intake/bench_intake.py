"""Import time of one submission: a Word file showing six photos, and the six originals of about 5 MB each.

Run: .venv/bin/python tests/intake/bench_intake.py  (prints the figures; not a timed test)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path[:0] = [str(HERE.parent.parent), str(HERE.parent), str(HERE)]

import intake_corpus as corpus  # noqa: E402
import sitekit  # noqa: E402

from sitegen.intake import import_submissions  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        site = sitekit.materialize(root)
        site.write("content/units.yml", corpus.UNITS)
        folder = root / "inbox" / "太原市教育局+职业教育活动周启动仪式"
        photos = [
            corpus.photo(
                folder / "图片" / f"2024年5月13日 太原 师生 活动{i}.jpg", 100 + i, size=(4000, 3000), target=5 << 20
            )
            for i in range(6)
        ]
        corpus.word(folder / "稿件.docx", pictures=photos)
        size = sum(p.stat().st_size for p in photos) / (1 << 20)
        started, cpu = time.perf_counter(), time.process_time()
        [outcome] = import_submissions(site.project, [folder], "vocational/highlights")
        imported, used = time.perf_counter() - started, time.process_time() - cpu
        assert outcome.article, outcome.refused
        print(
            f"one submission: Word file + 6 photos ({size:.1f} MB in all): {imported:.2f} s, {used:.2f} s of CPU "
            "(target ≤ 2 s; includes loading the word segmenter and the converters)"
        )
        # A second one in the same process: the word segmenter and converters are loaded already.
        corpus.word(folder / "稿件.docx", "第二篇", pictures=photos)
        started, cpu = time.perf_counter(), time.process_time()
        import_submissions(site.project, [folder], "vocational/highlights")
        print(f"the next one: {time.perf_counter() - started:.2f} s, {time.process_time() - cpu:.2f} s of CPU")
        print(f"load average while measuring: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
