"""The SPEC 9 benchmark harness: builds of a synthetic corpus, each in its own process, timed like time(1)."""

# For each corpus size: a cold build (no .cache/, no output/), no-change rebuilds and one-article edit rebuilds
# (a sentence added to its body; then a new title, which lists, feeds and neighbours show; then the article
# withdrawn and approved again, in turns, which takes the full build),
# each `python build.py --root <corpus> build --now …` in a fresh process, as an editor runs it; and, where
# `hugo` is installed, Hugo's cold build of the same articles (tests/bench/hugo.py), each after one of ours, and
# Pagefind on Hugo's output, as a Hugo site with the same search would run it.
# Wall time is the clock around the process; CPU time (user+sys) comes from os.wait4, which covers the build and
# every child it reaped; peak memory is the largest sum of VmRSS (and of Pss) over the build and all its
# descendants, sampled every 5 ms (Pss every 20 ms).

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import os
import platform
import shutil
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .copyedit import copyedit_figures
from .corpus import REPO, make_corpus
from .hugo import count_files, find_hugo, hugo_argv, hugo_version, make_hugo_cold, make_hugo_site, pagefind_argv
from .table import MEMORY_SIZES, NOTES, TARGET_N, Figure, format_table, growth_figures, hugo_note

__all__ = ["BenchError", "Figure", "TreeSampler", "format_table", "main"]

NOW = "2024-05-20T12:00"
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


def run_process(argv: list[str], log: Path, what: str) -> Run:
    """One program (`argv`, looked up on PATH) in a fresh process, timed and sampled, its output kept in `log`."""
    with log.open("wb") as out:
        actions = [(os.POSIX_SPAWN_DUP2, out.fileno(), 1), (os.POSIX_SPAWN_DUP2, out.fileno(), 2)]
        started = time.perf_counter()
        pid = os.posix_spawnp(argv[0], argv, dict(os.environ), file_actions=actions)
        sampler = TreeSampler(pid).start()
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - started
        peak = sampler.stop()
        peak_pss = sampler.peak_pss
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-30:])
        raise BenchError(f"{what} exited with {code}:\n{tail}")
    return Run(wall, usage.ru_utime + usage.ru_stime, peak, usage.ru_maxrss * 1024, peak_pss)


def run_build(root: Path, log: Path) -> Run:
    """One `build.py build` of `root` in a fresh process, its output kept in `log`."""
    argv = [sys.executable, str(REPO / "build.py"), "--root", str(root), "build", "--now", NOW]
    return run_process(argv, log, f"build of {root}")


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

    def retitle(self, run: int) -> str:
        """A new title each run, which its lists, feeds and neighbours' pages show; the body as it was."""
        mark = f"（第{run + 1}次修订）"
        head, rest = self.original.split("\ntitle: ", 1)
        title, tail = rest.split("\n", 1)
        self.source.write_text(f"{head}\ntitle: {title}{mark}\n{tail}", encoding="utf-8")
        return mark

    def restatus(self, run: int) -> bool:
        """Withdraw the article (approved to submitted) on even runs and approve it again on odd ones: its lists,
        feeds and neighbours' pages change, and the search bundle it leaves or joins. Returns whether it is
        published now."""
        published = run % 2 == 1
        status = "approved" if published else "submitted"
        self.source.write_text(self.original.replace("\nstatus: approved\n", f"\nstatus: {status}\n"), "utf-8")
        return published

    def check_published(self, published: bool) -> None:
        if self.page.is_file() != published:
            raise BenchError(f"the approval rebuild left {self.page} {'missing' if published else 'published'}")

    def check(self, sentence: str) -> None:
        if sentence not in self.page.read_text(encoding="utf-8"):
            raise BenchError(f"the edit rebuild did not update {self.page}: a change went unnoticed")


Progress = Callable[[str], None]


@dataclass(frozen=True)
class SizeResult:
    """The rows of one corpus size, its cold times (for the growth rows) and what each build wrote."""

    figures: list[Figure]
    cold: tuple[float, ...]
    hugo: tuple[float, ...]
    outputs: tuple[str, str, str] | None  # (ours, Hugo's, Pagefind's on Hugo's output) file counts, when Hugo ran


def bench_size(n: int, workdir: Path, runs: tuple[int, int], hugo: str | None, say: Progress) -> SizeResult:
    """Cold, no-change and one-article-edit builds of an n-article corpus, the peak memory of them, and Hugo's
    cold builds of the same articles (interleaved with ours, so both see the same machine)."""
    cold_runs, warm_runs = runs
    root = workdir / f"corpus-{n}"
    say(f"N={n:,}: writing the corpus to {root}")
    make_corpus(root, n)
    site, public = workdir / f"hugo-{n}", workdir / f"hugo-{n}-public"
    if hugo is not None:
        say(f"N={n:,}: writing it as a Hugo site to {site}")
        make_hugo_site(root, site)
    logs = workdir / "logs"
    logs.mkdir(parents=True, exist_ok=True)

    def timed(label: str, index: int) -> Run:
        run = run_build(root, logs / f"{n}-{label}-{index}.log")
        memory = f"RSS {run.peak_rss / MB:.0f} MB, PSS {run.peak_pss / MB:.0f} MB"
        say(f"N={n:,}: {label} {index + 1}: {run.wall:.2f} s, cpu {run.cpu:.2f} s, tree {memory}")
        return run

    def hugo_cold(index: int) -> tuple[Run, Run]:
        """Hugo's cold build, then Pagefind on its output: a Hugo site with the search ours has."""
        assert hugo is not None
        make_hugo_cold(site, public)
        run = run_process(hugo_argv(hugo, site, public), logs / f"{n}-hugo-cold-{index}.log", f"hugo on {site}")
        say(f"N={n:,}: Hugo cold {index + 1}: {run.wall:.2f} s, cpu {run.cpu:.2f} s, PSS {run.peak_pss / MB:.0f} MB")
        search = run_process(pagefind_argv(public), logs / f"{n}-hugo-pagefind-{index}.log", f"Pagefind on {public}")
        memory = f"PSS {search.peak_pss / MB:.0f} MB"
        say(f"N={n:,}: Pagefind on Hugo's output {index + 1}: {search.wall:.2f} s, cpu {search.cpu:.2f} s, {memory}")
        return run, search

    cold, pairs = [], []  # pairs: each Hugo run, and the Pagefind run on its output
    for index in range(cold_runs):
        make_cold(root)
        cold.append(timed("cold", index))
        if hugo is not None:
            pairs.append(hugo_cold(index))
    hugo_runs = [made for made, _ in pairs]
    outputs = None
    if hugo is not None:
        outputs = (count_files(root / "output"), count_files(public, "pagefind"), count_files(public / "pagefind"))
    unchanged = [timed("no-change", index) for index in range(warm_runs)]
    edit = Edit.pick(root)
    edited = []
    for index in range(warm_runs):
        sentence = edit.apply(index)
        edited.append(timed("edit", index))
        edit.check(sentence)
    retitled = []
    for index in range(warm_runs):
        mark = edit.retitle(index)
        retitled.append(timed("title edit", index))
        edit.check(mark)
    approvals = []
    for index in range(warm_runs):
        published = edit.restatus(index)
        approvals.append(timed("approval", index))
        edit.check_published(published)
    hugo_times = tuple(r.wall for r in hugo_runs)
    figures = [
        # Issue 31's targets: the cold build's is set against Hugo + Pagefind, below.
        _times("cold build", n, cold, None, hugo_times),
        _times("no-change rebuild", n, unchanged, 0.05, hugo_times),
        _times("one-article edit rebuild", n, edited, 0.1, hugo_times),
        _times("title edit rebuild", n, retitled, 0.1, hugo_times),
        _times("approval rebuild", n, approvals, 0.25, hugo_times),
    ]
    if hugo_runs:
        figures.append(Figure("Hugo cold build", n, hugo_times, "s", None, tuple(r.cpu for r in hugo_runs)))
        # The cold build's reference (issue 31): the same work, since our build makes the search index too.
        searched = tuple(made.wall + search.wall for made, search in pairs)
        figures += [
            Figure("Hugo + Pagefind cold build", n, searched, "s", None, tuple(m.cpu + s.cpu for m, s in pairs)),
            Figure("cold build ÷ (Hugo + Pagefind)", n, tuple(r.wall for r in cold), "s", 1.0,
                   tuple(r.cpu for r in cold), n == TARGET_N, per_hugo=True, hugo=searched),
        ]  # fmt: skip
    figures += [
        _memory("peak memory, tree PSS (cold)", n, [r.peak_pss for r in cold], 300.0),
        _memory("peak memory, tree PSS (no-change)", n, [r.peak_pss for r in unchanged], 300.0),
        _memory("peak memory, tree PSS (edit)", n, [r.peak_pss for r in edited], 300.0),
        _memory("peak memory, tree (cold)", n, [r.peak_rss for r in cold], None),
        _memory("peak memory, tree (rebuilds)", n, [r.peak_rss for r in unchanged + edited], None),
        _memory("largest process (cold)", n, [r.max_rss for r in cold], None),
    ]
    if hugo_runs:
        figures.append(_memory("Hugo peak memory, tree PSS", n, [r.peak_pss for r in hugo_runs], None))
        peaks = [max(made.peak_pss, search.peak_pss) for made, search in pairs]
        figures.append(_memory("Hugo + Pagefind peak memory, PSS", n, peaks, None))
    return SizeResult(figures, tuple(r.wall for r in cold), hugo_times, outputs)


def _times(name: str, n: int, runs: list[Run], target: float | None, hugo: tuple[float, ...]) -> Figure:
    cpu = tuple(r.cpu for r in runs)
    return Figure(name, n, tuple(r.wall for r in runs), "s", target, cpu, n == TARGET_N, per_hugo=True, hugo=hugo)


def _memory(name: str, n: int, peaks: list[int], target: float | None) -> Figure:
    return Figure(name, n, tuple(p / MB for p in peaks), "MB", target, at_target_size=n in MEMORY_SIZES)


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


def machine_note(load_before: float) -> str:
    """Other work on the machine inflates wall times; the load average says how much there was."""
    load_after = os.getloadavg()[0]
    return (
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"1-minute load average {load_before:.1f} before, {load_after:.1f} after."
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description="SPEC 9 benchmarks (make bench).")
    parser.add_argument("--sizes", default="1000,10000,30000", help="corpus sizes, comma-separated")
    parser.add_argument("--runs", type=int, help="runs of every figure (default: 3 cold, 5 no-change, 5 edit)")
    parser.add_argument("--images", type=int, default=100, help="photos for the image figures; 0 skips them")
    parser.add_argument("--hugo", default="hugo", help="the Hugo program to compare with; `none` skips it")
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
    hugo = find_hugo(args.hugo)
    version = hugo_version(hugo) if hugo is not None else None
    if hugo is None:
        why = "skipped (--hugo none)" if args.hugo == "none" else f"{args.hugo!r} is not installed"
        say(f"Hugo: {why}; the table has no Hugo times and no ratios")
    figures: list[Figure] = []
    cold: dict[int, tuple[float, ...]] = {}
    hugo_cold: dict[int, tuple[float, ...]] = {}
    outputs: dict[int, tuple[str, str, str]] = {}
    runs = (args.runs or 3, args.runs or 5)
    try:
        for n in args.sizes:
            result = bench_size(n, workdir, runs, hugo, say)
            figures += result.figures
            cold[n] = result.cold
            if result.hugo:
                hugo_cold[n] = result.hugo
            if result.outputs is not None:
                outputs[n] = result.outputs
        say(f"images: {args.images} photos")
        image_figures, image_note = bench_image_figures(args.images, workdir)
        copyedit, copyedit_note = copyedit_figures()
    except BenchError as e:
        say(f"benchmark failed: {e}")
        return 1
    notes = [*NOTES, *hugo_note(version, outputs), machine_note(load_before), image_note, copyedit_note]
    growth = growth_figures(cold) + growth_figures(hugo_cold, "Hugo cold")
    print(format_table(figures + growth + image_figures + copyedit, notes))
    return 0
