"""The rows of `make bench` and the aligned table they print: figure, median, min, ratio to Hugo, target, verdict."""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass

TARGET_N = 10_000  # SPEC 9 sets its time targets for 10,000 text articles
MEMORY_SIZES = (10_000, 30_000)  # and the memory target for 10,000 and 30,000
GROWTH = (10_000, 30_000, 3.3)  # cold at 30,000 ≤ 3.3 × cold at 10,000


@dataclass(frozen=True)
class Figure:
    """One row: several measurements of one thing, and the SPEC 9 target beside them.

    A target `per_hugo` is a multiple of Hugo's cold build of the same corpus in the same run: `hugo` holds those
    times (empty when Hugo was not run) and the row shows its ratios to them. A derived row (the growth) gives
    its minimum explicitly.
    """

    name: str
    n: int
    values: tuple[float, ...]
    unit: str  # "s", "MB" or "×"
    target: float | None
    cpu: tuple[float, ...] = ()
    at_target_size: bool = False
    per_hugo: bool = False
    hugo: tuple[float, ...] = ()
    min_value: float | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def minimum(self) -> float:
        return min(self.values) if self.min_value is None else self.min_value

    @property
    def ratios(self) -> tuple[float, float] | None:
        """Median over Hugo's median and minimum over Hugo's minimum; None without Hugo's times."""
        if not self.hugo:
            return None
        return self.median / statistics.median(self.hugo), self.minimum / min(self.hugo)


def value(number: float, unit: str) -> str:
    if unit == "MB":
        return f"{number:.0f} MB"
    if unit == "×":
        return f"{number:.2f} ×"
    if unit == "ms":
        return f"{number:.2f} ms"
    decimals = 3 if number < 1 else 2 if number < 10 else 1
    return f"{number:.{decimals}f} s"


def _ratio(number: float) -> str:
    return f"{number:.3f}" if number < 0.1 else f"{number:.2f}"


def _target(figure: Figure) -> str:
    if figure.target is None:
        return "—"
    if figure.per_hugo:
        return f"≤ {figure.target:g} × {'(Hugo + Pagefind)' if 'Pagefind' in figure.name else 'Hugo'}"
    return f"≤ {figure.target:g} {figure.unit}" if figure.unit != "×" else f"≤ {figure.target:g} ×"


def _verdict(figure: Figure) -> str:
    """Only figures measured at the size their target is set for get a verdict; the median decides."""
    if figure.target is None or not figure.at_target_size:
        return ""
    if figure.per_hugo:
        ratios = figure.ratios
        if ratios is None:
            return "no Hugo"
        return "ok" if ratios[0] <= figure.target else "OVER"
    return "ok" if figure.median <= figure.target else "OVER"


def format_table(figures: list[Figure], notes: list[str]) -> str:
    """An aligned table: figure, N, runs, median, min, CPU, × Hugo (median / min), the SPEC 9 target, a verdict."""
    header = ("figure", "N", "runs", "median", "min", "user+sys", "× Hugo (med/min)", "target", "")
    rows = [header]
    for f in figures:
        cpu = value(statistics.median(f.cpu), "s") if f.cpu else "—"
        runs = "—" if f.min_value is not None else str(len(f.values))
        ratios = f.ratios
        per_hugo = "—" if ratios is None else f"{_ratio(ratios[0])} / {_ratio(ratios[1])}"
        rows.append(
            (f.name, f"{f.n:,}", runs, value(f.median, f.unit), value(f.minimum, f.unit), cpu, per_hugo,
             _target(f), _verdict(f))
        )  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join([*lines, "", *notes])


def growth_figures(cold: dict[int, tuple[float, ...]], whose: str = "cold") -> list[Figure]:
    """Cold time at each size over the size before it, by medians (and by minimums in the min column).

    The target applies to this project's cold builds (`whose` "cold"); Hugo's growth is shown for comparison."""
    sizes = sorted(cold)
    figures = []
    for small, large in itertools.pairwise(sizes):
        before, after = cold[small], cold[large]
        at_target = (small, large) == GROWTH[:2] and whose == "cold"
        ratio = statistics.median(after) / statistics.median(before)
        figures.append(
            Figure(f"growth: {whose} {large:,} / {small:,}", large, (ratio,), "×", GROWTH[2] if at_target else None,
                   at_target_size=at_target, min_value=min(after) / min(before))
        )  # fmt: skip
    return figures


NOTES = (
    f"Targets are issue 31's for N={TARGET_N:,} text articles (tree PSS: also 30,000; growth: 10,000 → 30,000), on the",
    "2-core reference machine; ok/OVER by the median. Time targets are ratios to Hugo's cold build of the same corpus",
    "in the same run: × Hugo is median / Hugo's median and min / Hugo's min.",
    "Each build is `build.py build` in a fresh process; user+sys covers it and the children it reaped (os.wait4).",
    "Peak memory, tree: the largest sum of VmRSS over the build and its descendants, sampled every 5 ms;",
    "pages a forked child still shares with its parent count in both, so it errs high. Tree PSS counts each shared",
    "page once (sampled every 20 ms, so it may miss a short peak). Largest process: ru_maxrss.",
)

HUGO_RENDERS = (
    "Hugo {version} builds the same articles as a Hugo site (tests/bench/hugo.py): `hugo --quiet` to disk, cold (fresh",
    "output and cache folders, --ignoreCache), with layouts of its own: article pages, column and section lists",
    "(sections paginated by 20), the home page, Hugo's RSS per section and home, sitemap.xml; no taxonomies (our",
    "unit and city pages) and no search index, so it renders less than this project does. Hugo + Pagefind adds the",
    "search a Hugo site would have: Pagefind (extended, the binary our build runs) on Hugo's output, indexing its",
    "article pages (data-pagefind-body) with its defaults: the cold build's reference (issue 31), ≤ 1.0 ×.",
)


def hugo_note(version: str | None, outputs: dict[int, tuple[str, str, str]]) -> list[str]:
    """What Hugo was and rendered; or why there are no ratios. `outputs` maps N to (ours, Hugo's, and Pagefind's on
    Hugo's output) file counts."""
    if version is None:
        return ["Hugo: not installed (no `hugo` on PATH, or --hugo none): no Hugo times, no ratios, no time verdicts.",
                "`make bench` installs it from the system packages (Debian's hugo 0.111)."]  # fmt: skip
    lines = [line.format(version=version) for line in HUGO_RENDERS]
    for n, (ours, theirs, search) in sorted(outputs.items()):
        lines.append(f"N={n:,}: this project wrote {ours}; Hugo wrote {theirs}, and Pagefind {search}.")
    return lines
