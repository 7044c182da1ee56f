"""The build's numbers in one place: how work is split across processes, and how large its pieces are.

Each says in one line why it is what it is; the measurements behind them are in docs/performance.md.
"""

from __future__ import annotations

# Fewer items than this are done in the build's own process: forking workers costs more than they save.
MIN_ITEMS_TO_FORK = 200
# Items each worker takes before a freshly forked one replaces it: what it copied of the build's memory goes
# with it, so the workers' share of memory stays flat (copy-on-write pages touched by reference counts).
ITEMS_PER_WORKER = 500
# Files each analysis worker takes: forking again costs a sixth of that step, and the analysis keeps little.
ANALYSES_PER_WORKER = 2_000
# Articles each rules worker takes: the rules keep nothing, so the workers live for the whole step.
RULES_PER_WORKER = 10_000
# The most items a worker is handed at once, and at least an eighth of its share: few round trips, even load.
MOST_ITEMS_PER_TASK = 100
# Articles per search bundle, on average at most: a campaign year's column fits in one or two, and an edit or
# an approval makes one bundle again (the browser merges them, search.js).
RECORDS_PER_BUNDLE = 500
# SQLite's page cache for a reader of the build index, in KiB: each article is read once, so a larger one
# (2 MB by default) would only hold rows already read.
INDEX_READ_CACHE_KIB = 256
