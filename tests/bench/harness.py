"""The SPEC 9 benchmark harness: builds of a synthetic corpus, each in its own process, timed like time(1)."""

# For each corpus size: a cold build (no .cache/, no output/), no-change rebuilds and one-article edit rebuilds,
# each `python build.py --root <corpus> build --now …` in a fresh process, as an editor runs it. Wall time is
# the clock around the process; CPU time (user+sys) comes from os.wait4, which covers the build and every child
# it reaped; peak memory is the largest sum of VmRSS over the build and all its descendants, sampled every 5 ms.

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import os
import platform
import shutil
import statistics
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .corpus import REPO, make_corpus

NOW = "2024-05-20T12:00"
TARGET_N = 10_000
SAMPLE_SECONDS = 0.005
MB = 1_000_000


@dataclass(frozen=True)
class Run:
    """One build process: wall and user+sys seconds; peak RSS of its process tree and of its largest process."""

    wall: float
    cpu: float
    peak_rss: int  # bytes, the largest sum over the tree
    max_rss: int  # bytes, ru_maxrss: the largest single process (the build or a child it reaped)
    peak_pss: int = 0  # bytes, the largest sum of proportional set sizes: shared pages counted once


@dataclass(frozen=True)
class Figure:
    """One row of the table: several measurements of one thing, and the SPEC 9 target beside them."""

    name: str
    n: int
    values: tuple[float, ...]
    unit: str  # "s" or "MB"
    target: float | None
    cpu: tuple[float, ...] = ()
    at_target_size: bool = False

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def minimum(self) -> float:
        return min(self.values)


class BenchError(Exception):
    """A build failed or did not do what the benchmark needs; the message says which and shows its log."""


class TreeSampler:
    """Samples the summed VmRSS (and, every fourth sample, Pss) of a process and its descendants on a thread."""

    def __init__(self, pid: int, interval: float = SAMPLE_SECONDS) -> None:
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self.peak_pss = 0
        self._parents: dict[int, int] = {}  # pid -> ppid, read once per process
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"rss {pid}", daemon=True)

    def start(self) -> TreeSampler:
        self._thread.start()
        return self

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak

    def _run(self) -> None:
        count = 0
        while True:
            tree = self.tree()
            self.peak = max(self.peak, sum(rss(pid) for pid in tree))
            if count % 4 == 0:  # reading Pss walks the page tables: not every 5 ms
                self.peak_pss = max(self.peak_pss, sum(pss(pid) for pid in tree))
            count += 1
            if self._stop.wait(self.interval):
                return

    def tree(self) -> list[int]:
        """The process and its live descendants (a process's parent never changes while its parent lives)."""
        live = [int(name) for name in os.listdir("/proc") if name.isdigit()]
        children: dict[int, list[int]] = {}
        for pid in live:
            if pid not in self._parents:
                self._parents[pid] = parent_of(pid)
            children.setdefault(self._parents[pid], []).append(pid)
        found, queue = [], [self.pid]
        while queue:
            pid = queue.pop()
            found.append(pid)
            queue.extend(children.get(pid, ()))
        return found


def parent_of(pid: int) -> int:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return -1
    return int(stat.rsplit(")", 1)[1].split()[1])  # the name in parentheses may contain spaces


def rss(pid: int) -> int:
    """Resident memory of one process in bytes; 0 once it has exited."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def pss(pid: int) -> int:
    """Proportional set size of one process in bytes: each shared page divided among its sharers."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in rollup.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def run_build(root: Path, log: Path) -> Run:
    """One `build.py build` of `root` in a fresh process, its output kept in `log`."""
    argv = [sys.executable, str(REPO / "build.py"), "--root", str(root), "build", "--now", NOW]
    with log.open("wb") as out:
        actions = [(os.POSIX_SPAWN_DUP2, out.fileno(), 1), (os.POSIX_SPAWN_DUP2, out.fileno(), 2)]
        started = time.perf_counter()
        pid = os.posix_spawn(sys.executable, argv, dict(os.environ), file_actions=actions)
        sampler = TreeSampler(pid).start()
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - started
        peak = sampler.stop()
        peak_pss = sampler.peak_pss
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-30:])
        raise BenchError(f"build of {root} exited with {code}:\n{tail}")
    return Run(wall, usage.ru_utime + usage.ru_stime, peak, usage.ru_maxrss * 1024, peak_pss)


def make_cold(root: Path) -> None:
    """No cache, no output, no leftovers of an interrupted build."""
    for name in (".cache", "output", "output.old"):
        shutil.rmtree(root / name, ignore_errors=True)
    for leftover in root.glob(".output-tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)


@dataclass(frozen=True)
class Edit:
    """The article the edit runs change: each run appends a different sentence to its original body."""

    source: Path
    original: str
    page: Path

    @classmethod
    def pick(cls, root: Path) -> Edit:
        articles = sorted((root / "content").glob("*/*/*.md"))
        source = articles[len(articles) // 2]
        column, section = source.parent.parent.name, source.parent.name
        page = root / "output" / column / section / source.stem / "index.html"
        return cls(source, source.read_text(encoding="utf-8"), page)

    def apply(self, run: int) -> str:
        sentence = f"基准测试第{run + 1}次修改时追加的一句话。"
        self.source.write_text(self.original.rstrip("\n") + sentence + "\n", encoding="utf-8")
        return sentence

    def check(self, sentence: str) -> None:
        if sentence not in self.page.read_text(encoding="utf-8"):
            raise BenchError(f"the edit rebuild did not update {self.page}: a change went unnoticed")


Progress = Callable[[str], None]


def bench_size(n: int, workdir: Path, cold_runs: int, warm_runs: int, say: Progress) -> list[Figure]:
    """Cold, no-change and one-article-edit builds of an n-article corpus, and the peak memory of the cold ones."""
    root = workdir / f"corpus-{n}"
    say(f"N={n:,}: writing the corpus to {root}")
    make_corpus(root, n)
    logs = workdir / "logs"
    logs.mkdir(parents=True, exist_ok=True)

    def timed(label: str, index: int) -> Run:
        run = run_build(root, logs / f"{n}-{label}-{index}.log")
        say(f"N={n:,}: {label} {index + 1}: {run.wall:.2f} s, cpu {run.cpu:.2f} s, peak {run.peak_rss / MB:.0f} MB")
        return run

    cold = []
    for index in range(cold_runs):
        make_cold(root)
        cold.append(timed("cold", index))
    unchanged = [timed("no-change", index) for index in range(warm_runs)]
    edit = Edit.pick(root)
    edited = []
    for index in range(warm_runs):
        sentence = edit.apply(index)
        edited.append(timed("edit", index))
        edit.check(sentence)
    return [
        _times("cold build", n, cold, 7.0),
        _times("no-change rebuild", n, unchanged, 1.5),
        _times("one-article edit rebuild", n, edited, 0.3),
        _memory("peak memory, tree (cold)", n, [r.peak_rss for r in cold], 300.0),
        _memory("peak memory, tree PSS (cold)", n, [r.peak_pss for r in cold], None),
        _memory("peak memory, tree (rebuilds)", n, [r.peak_rss for r in unchanged + edited], 300.0),
        _memory("largest process (cold)", n, [r.max_rss for r in cold], None),
    ]


def _times(name: str, n: int, runs: list[Run], target: float) -> Figure:
    return Figure(name, n, tuple(r.wall for r in runs), "s", target, tuple(r.cpu for r in runs), n == TARGET_N)


def _memory(name: str, n: int, peaks: list[int], target: float | None) -> Figure:
    return Figure(name, n, tuple(p / MB for p in peaks), "MB", target, at_target_size=n == TARGET_N)


def bench_image_figures(n: int, workdir: Path) -> tuple[list[Figure], str]:
    """tests/bench_images.py's figures when that file exists (it is loaded only now); a note otherwise."""
    path = REPO / "tests" / "bench_images.py"
    if n <= 0:
        return [], "images: skipped (--images 0)"
    if not path.is_file():
        return [], "images: skipped, tests/bench_images.py does not exist yet"
    spec = importlib.util.spec_from_file_location("bench_images", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        result = module.bench_images(n=n, workdir=workdir / "images")
    at_target = n == 100  # the targets are for 100 photos; other counts are shown without one
    figures = [
        Figure(f"images: {n} photos, cold", n, (float(result["cold_s"]),), "s", 20.0 if at_target else None,
               at_target_size=at_target),
        Figure(f"images: {n} photos, cached", n, (float(result["cached_s"]),), "s", 0.5 if at_target else None,
               at_target_size=at_target),
    ]  # fmt: skip
    lines = [f"  {line.strip()}" for line in printed.getvalue().splitlines() if line.strip()]
    return figures, "\n".join(["tests/bench_images.py reported:", *lines])


def _value(value: float, unit: str) -> str:
    if unit == "MB":
        return f"{value:.0f} MB"
    decimals = 3 if value < 1 else 2 if value < 10 else 1
    return f"{value:.{decimals}f} s"


def _target(figure: Figure) -> str:
    return "—" if figure.target is None else f"≤ {figure.target:g} {figure.unit}"


def _verdict(figure: Figure) -> str:
    """Only figures measured at the size their target is set for get a verdict; the median decides."""
    if figure.target is None or not figure.at_target_size:
        return ""
    return "ok" if figure.median <= figure.target else "OVER"


def format_table(figures: list[Figure], notes: list[str]) -> str:
    """An aligned table: figure, N, runs, median, min, CPU, the SPEC 9 target and a verdict."""
    header = ("figure", "N", "runs", "median", "min", "user+sys", "target", "")
    rows = [header]
    for f in figures:
        cpu = _value(statistics.median(f.cpu), "s") if f.cpu else "—"
        rows.append(
            (f.name, f"{f.n:,}", str(len(f.values)), _value(f.median, f.unit), _value(f.minimum, f.unit), cpu,
             _target(f), _verdict(f))
        )  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join([*lines, "", *notes])


NOTES = (
    f"Targets are SPEC 9's, for N={TARGET_N:,} text articles on the 2-core reference machine; ok/OVER by the median.",
    "Each build is `build.py build` in a fresh process; user+sys covers it and the children it reaped (os.wait4).",
    "Peak memory, tree: the largest sum of VmRSS over the build and its descendants, sampled every 5 ms;",
    "pages a forked child still shares with its parent count in both, so it errs high. Tree PSS counts each shared",
    "page once (sampled every 20 ms, so it may miss a short peak). Largest process: ru_maxrss.",
)


def machine_note(load_before: float) -> str:
    """Other work on the machine inflates wall times; the load average says how much there was."""
    load_after = os.getloadavg()[0]
    return (
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"1-minute load average {load_before:.1f} before, {load_after:.1f} after."
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description="SPEC 9 benchmarks (make bench).")
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes, comma-separated (default 1000,10000)")
    parser.add_argument("--runs", type=int, help="runs of every figure (default: 3 cold, 5 no-change, 5 edit)")
    parser.add_argument("--images", type=int, default=100, help="photos for the image figures; 0 skips them")
    parser.add_argument("--workdir", type=Path, default=REPO / ".cache" / "bench", help="default .cache/bench")
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip()]
    except ValueError:
        parser.error(f"--sizes: {args.sizes!r} is not a comma-separated list of numbers")
    if not args.sizes or min(args.sizes) < 1 or (args.runs is not None and args.runs < 1):
        parser.error("--sizes and --runs must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    load_before = os.getloadavg()[0]
    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    figures: list[Figure] = []
    try:
        for n in args.sizes:
            figures += bench_size(n, workdir, args.runs or 3, args.runs or 5, say)
        say(f"images: {args.images} photos")
        image_figures, image_note = bench_image_figures(args.images, workdir)
    except BenchError as e:
        say(f"benchmark failed: {e}")
        return 1
    notes = [*NOTES, machine_note(load_before), image_note]
    print(format_table(figures + image_figures, notes))
    return 0
