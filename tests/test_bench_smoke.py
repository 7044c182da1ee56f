"""The benchmark harness itself: a tiny run end to end, and the memory sampler on a process tree of known size."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from bench import harness

REPO = Path(__file__).resolve().parent.parent

ROWS = (
    "cold build",
    "no-change rebuild",
    "one-article edit rebuild",
    "peak memory, tree (cold)",
    "peak memory, tree PSS (cold)",
    "peak memory, tree (rebuilds)",
    "largest process (cold)",
    "images: 1 photos, cold",
    "images: 1 photos, cached",
)


def test_a_tiny_bench_run_prints_every_figure(tmp_path: Path) -> None:
    command = [sys.executable, "-W", "error", "-m", "tests.bench", "--sizes", "20", "--runs", "1"]
    command += ["--images", "1", "--workdir", str(tmp_path)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    table = result.stdout
    for row in ROWS:
        match = re.search(rf"^{re.escape(row)}\s+[\d,]+\s+\d+\s+([\d.]+) (s|MB)\s+([\d.]+) (s|MB)", table, re.M)
        assert match, f"no row {row!r} in:\n{table}"
        assert float(match.group(1)) > 0 or row.endswith("cached")
    assert re.search(r"^cold build .* ≤ 7 s$", table, re.M), "the SPEC 9 target stands beside the figure"
    assert (tmp_path / "corpus-20" / "output" / "vocational" / "index.html").is_file()
    assert len(list((tmp_path / "logs").glob("20-*.log"))) == 3


def test_sampler_sums_the_whole_process_tree() -> None:
    """A parent holding ~20 MB starts a child holding ~60 MB: the tree's peak is at least their sum."""
    child = "import time; block = bytearray(60_000_000); time.sleep(1.5)"
    parent = (
        "import subprocess, sys, time; block = bytearray(20_000_000); time.sleep(0.2); "
        f"subprocess.run([sys.executable, '-c', {child!r}], check=True)"
    )
    pid = os.posix_spawn(sys.executable, [sys.executable, "-c", parent], dict(os.environ))
    sampler = harness.TreeSampler(pid).start()
    _, status, _ = os.wait4(pid, 0)
    peak = sampler.stop()
    assert os.waitstatus_to_exitcode(status) == 0
    assert peak >= 80_000_000, f"peak {peak / 1e6:.0f} MB"


def test_pss_counts_pages_shared_with_a_forked_child_once() -> None:
    """A parent touches 80 MB and forks a child that only reads: RSS counts them twice, PSS once."""
    script = (
        "import os, time; block = bytearray(80_000_000); block[::4096] = b'x' * len(block[::4096]); pid = os.fork()\n"
        "if pid == 0:\n    time.sleep(1.5); os._exit(0)\n"
        "os.waitpid(pid, 0)"
    )
    pid = os.posix_spawn(sys.executable, [sys.executable, "-c", script], dict(os.environ))
    sampler = harness.TreeSampler(pid).start()
    _, status, _ = os.wait4(pid, 0)
    rss = sampler.stop()
    assert os.waitstatus_to_exitcode(status) == 0
    assert rss >= 160_000_000, f"RSS {rss / 1e6:.0f} MB"
    assert 80_000_000 <= sampler.peak_pss < 120_000_000, f"PSS {sampler.peak_pss / 1e6:.0f} MB"


def test_table_gives_a_verdict_only_at_the_target_size() -> None:
    figures = [
        harness.Figure("cold build", 1_000, (3.0, 2.0, 4.0), "s", 7.0, (5.0, 5.0, 5.0), at_target_size=False),
        harness.Figure("cold build", 10_000, (8.0, 6.5, 9.0), "s", 7.0, (9.0, 9.0, 9.0), at_target_size=True),
        harness.Figure("peak memory, tree (cold)", 10_000, (250.0,), "MB", 300.0, at_target_size=True),
    ]
    lines = harness.format_table(figures, ["a note"]).splitlines()
    assert lines[2].split() == ["cold", "build", "1,000", "3", "3.00", "s", "2.00", "s", "5.00", "s", "≤", "7", "s"]
    assert lines[3].endswith("OVER") and "8.00 s" in lines[3] and "6.50 s" in lines[3]
    assert lines[4].endswith("ok") and "250 MB" in lines[4]
    assert lines[-1] == "a note"
