"""The copy-editing checks' cost per article (SPEC 14, issue 34): every list entry and check over bench bodies."""

from __future__ import annotations

import random
import time
from pathlib import Path

from sitegen.check import findings, load_lexicon

from .corpus import body
from .table import Figure

ARTICLES = 2000  # enough for a stable mean; the check is pure, so no corpus is written


def copyedit_figures(runs: int = 3) -> tuple[list[Figure], str]:
    """Milliseconds per article of `findings` over a title and a 6-paragraph body, the list built once."""
    lexicon, _ = load_lexicon(Path("no-content"))
    rng = random.Random(2024)
    texts = [(body(rng, 6), f"{rng.choice(['太原', '大同'])}市职业教育活动周启动") for _ in range(ARTICLES)]
    findings("预热。", lexicon)  # builds the automaton once, as a build's first article does
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for text, title in texts:
            findings(title, lexicon)
            findings(text, lexicon, markdown=True)
        times.append((time.perf_counter() - start) / ARTICLES * 1000)
    chars = sum(len(t) for t, _ in texts) // ARTICLES
    note = f"copy-editing: {len(lexicon.entries)} list entries, {ARTICLES} articles of about {chars} characters"
    return [Figure("copy-editing check, per article", ARTICLES, tuple(times), "ms", None)], note
