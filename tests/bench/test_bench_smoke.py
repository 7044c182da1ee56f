"""The benchmark harness itself: a tiny run end to end, and the memory sampler on a process tree of known size."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from bench import harness, hugo, table
from bench.corpus import make_corpus

REPO = Path(__file__).resolve().parents[2]

ROWS = (
    "cold build",
    "no-change rebuild",
    "one-article edit rebuild",
    "title edit rebuild",
    "approval rebuild",
    "Hugo cold build",
    "Hugo + Pagefind cold build",
    "cold build ÷ (Hugo + Pagefind)",
    "peak memory, tree PSS (cold)",
    "peak memory, tree PSS (no-change)",
    "peak memory, tree PSS (edit)",
    "peak memory, tree (cold)",
    "peak memory, tree (rebuilds)",
    "largest process (cold)",
    "Hugo peak memory, tree PSS",
    "Hugo + Pagefind peak memory, PSS",
    "images: 1 photos, cold",
    "images: 1 photos, cached",
)

# A stand-in for Hugo, so the tiny run needs no Hugo installed: it answers `version`, checks the harness asks for
# a cold build to disk, and writes one article page after a known pause (the harness must time it, not invent
# it), which Pagefind then indexes.
FAKE_HUGO = """\
import sys, time
from pathlib import Path
args = sys.argv[1:]
if args == ["version"]:
    print("hugo v0.0.0-fake linux/amd64")
    raise SystemExit(0)
assert "--ignoreCache" in args and "--quiet" in args, args
destination = Path(args[args.index("--destination") + 1])
assert not destination.exists(), "the harness must remove Hugo's last output before a cold build"
source = Path(args[args.index("--source") + 1])
assert any((source / "content").glob("*/*/*.md")), "the corpus as a Hugo site"
time.sleep(0.25)
(destination / "index").mkdir(parents=True)
page = '<!doctype html><html lang="zh-CN"><body><article data-pagefind-body><h1>太原</h1></article></body></html>'
(destination / "index" / "index.html").write_text(page, encoding="utf-8")
"""


def fake_hugo(folder: Path) -> Path:
    path = folder / "hugo"
    path.write_text(f"#!{sys.executable}\n{FAKE_HUGO}")
    path.chmod(0o755)
    return path


def test_a_tiny_bench_run_prints_every_figure_beside_hugo(tmp_path: Path) -> None:
    hugo = fake_hugo(tmp_path)
    work = tmp_path / "work"
    command = [sys.executable, "-W", "error", "-m", "tests.bench", "--sizes", "20", "--runs", "1"]
    command += ["--images", "1", "--workdir", str(work), "--hugo", str(hugo)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    table = result.stdout
    values = {}
    for row in ROWS:
        match = re.search(rf"^{re.escape(row)}\s+[\d,]+\s+\d+\s+([\d.]+) (s|MB)\s+([\d.]+) (s|MB)", table, re.M)
        assert match, f"no row {row!r} in:\n{table}"
        assert float(match.group(1)) > 0 or row.endswith("cached")
        values[row] = float(match.group(1))
    assert 0.25 <= values["Hugo cold build"] < 5, "Hugo's time is the stand-in's run, pause included"
    cold = re.search(r"^cold build .*\s([\d.]+) / ([\d.]+)\s+—$", table, re.M)
    assert cold, f"the ratio to Hugo stands beside the figure, without a target of its own:\n{table}"
    assert abs(float(cold.group(1)) - values["cold build"] / values["Hugo cold build"]) < 0.02 * float(cold.group(1))
    assert values["Hugo + Pagefind cold build"] > values["Hugo cold build"], "Pagefind's run on Hugo's output is added"
    searched = re.search(
        r"^cold build ÷ \(Hugo \+ Pagefind\) .*\s([\d.]+) / [\d.]+\s+≤ 1 × \(Hugo \+ Pagefind\)$", table, re.M
    )
    assert searched, f"the ratio to Hugo with search and its target (issue 31) stand beside the figure:\n{table}"
    expected = values["cold build"] / values["Hugo + Pagefind cold build"]
    assert abs(float(searched.group(1)) - expected) < 0.02 * expected
    assert re.search(r"^no-change rebuild .*≤ 0.05 × Hugo$", table, re.M)
    assert "Hugo v0.0.0-fake" in table and "N=20: this project wrote" in table
    assert "Hugo wrote 1 files (1 HTML, 0 XML), and Pagefind " in table, "Pagefind's files are counted apart"
    assert (work / "corpus-20" / "output" / "vocational" / "index.html").is_file()
    assert (work / "hugo-20-public" / "index" / "index.html").is_file()
    assert (work / "hugo-20-public" / "pagefind" / "pagefind-entry.json").is_file(), "Pagefind ran on Hugo's output"
    assert len(list((work / "logs").glob("20-*.log"))) == 7  # cold, Hugo, its Pagefind, no-change, three edits


def test_without_hugo_the_table_says_so_and_gives_no_time_verdict() -> None:
    figure = harness.Figure("cold build", 10_000, (30.0, 31.0), "s", 1.5, at_target_size=True, per_hugo=True)
    printed = harness.format_table([figure], table.hugo_note(None, {}))
    row = printed.splitlines()[2]
    assert row.split()[-8:] == ["—", "—", "≤", "1.5", "×", "Hugo", "no", "Hugo"], "no CPU, no ratio, no verdict"
    assert "Hugo: not installed" in printed
    with_hugo = harness.Figure("cold build", 10_000, (30.0, 31.0), "s", 1.5, at_target_size=True, per_hugo=True,
                               hugo=(10.0, 8.0))  # fmt: skip
    row = harness.format_table([with_hugo], []).splitlines()[2]  # 30.5 / 9.0 by medians, 30 / 8 by minimums
    assert "3.39 / 3.75" in row and row.endswith("OVER")


def test_growth_is_the_median_ratio_with_the_target_only_from_10000_to_30000() -> None:
    cold = {1_000: (3.0, 2.0, 4.0), 10_000: (20.0, 18.0, 25.0), 30_000: (70.0, 60.0, 80.0)}
    small, large = table.growth_figures(cold)
    assert (small.median, small.target) == (20.0 / 3.0, None)
    assert (large.median, large.minimum, large.target) == (3.5, 60.0 / 18.0, 3.3)
    row = harness.format_table([large], []).splitlines()[2]
    assert row.startswith("growth: cold 30,000 / 10,000") and "3.50 ×" in row and row.endswith("OVER")
    hugo = table.growth_figures({10_000: (7.0,), 30_000: (21.0,)}, "Hugo cold")
    assert [f.target for f in hugo] == [None]


def test_the_corpus_becomes_a_hugo_site_with_the_same_articles(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 30)
    assert hugo.make_hugo_site(corpus, tmp_path / "site") == 30
    source = corpus / "content" / "vocational" / "highlights" / "article-00001.md"
    converted = (tmp_path / "site" / "content" / "vocational" / "highlights" / "article-00001.md").read_text()
    front = yaml.safe_load(converted.split("---\n")[1])
    original = yaml.safe_load(source.read_text().split("---\n")[1])
    assert front["title"] == original["title"] and front["unit"] == original["unit"]
    assert front["date"] == original["date"].replace(" ", "T") + ":00+08:00"
    assert converted.split("---\n", 2)[2] == source.read_text().split("---\n", 2)[2]
    assert 'disableKinds = ["taxonomy", "term"]' in (tmp_path / "site" / "hugo.toml").read_text()
    assert (tmp_path / "site" / "content" / "lifelong" / "notices" / "_index.md").read_text().count("通知文件") == 1
    for layout in ("_default/baseof.html", "_default/single.html", "_default/list.html", "index.html"):
        assert (tmp_path / "site" / "layouts" / layout).is_file()


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed (make bench installs it)")
def test_hugo_renders_the_converted_site_where_ours_puts_the_pages(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 13 * 21)  # 21 articles a section: two list pages each
    site, public = tmp_path / "site", tmp_path / "public"
    hugo.make_hugo_site(corpus, site)
    result = subprocess.run(hugo.hugo_argv("hugo", site, public), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    page = public / "vocational" / "highlights" / "article-00001" / "index.html"
    assert "<h1>" in page.read_text() and "2024年5月9日" in page.read_text()
    assert (public / "lifelong" / "notices" / "page" / "2" / "index.html").is_file()
    assert (public / "vocational" / "index.xml").is_file() and (public / "sitemap.xml").is_file()
    assert not (public / "tags").exists()
    html = list(public.rglob("*.html"))
    assert len([p for p in html if "article-" in str(p)]) == 13 * 21


def _held_until_seen(script: str, seen: Callable[[harness.TreeSampler], bool]) -> harness.TreeSampler:
    """Run `script`, whose processes hold their memory until standard input closes, and close it only once
    the sampler has seen what the test asserts (or after a minute): a loaded machine delays the samples,
    never the verdict."""
    process = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE)
    sampler = harness.TreeSampler(process.pid).start()
    deadline = time.monotonic() + 60
    while not seen(sampler) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert process.stdin is not None
    process.stdin.close()
    assert process.wait(timeout=60) == 0
    sampler.stop()
    return sampler


def test_sampler_sums_the_whole_process_tree() -> None:
    """A parent holding ~20 MB starts a child holding ~60 MB: the tree's peak is at least their sum."""
    child = "import sys; block = bytearray(60_000_000); sys.stdin.read()"
    parent = (
        "import subprocess, sys; block = bytearray(20_000_000); "
        f"subprocess.run([sys.executable, '-c', {child!r}], check=True)"
    )
    sampler = _held_until_seen(parent, lambda s: s.peak >= 80_000_000)
    assert sampler.peak >= 80_000_000, f"peak {sampler.peak / 1e6:.0f} MB"


def test_pss_counts_pages_shared_with_a_forked_child_once() -> None:
    """A parent touches 80 MB and forks a child that only reads: RSS counts them twice, PSS once."""
    script = (
        "import os, sys; block = bytearray(80_000_000); block[::4096] = b'x' * len(block[::4096]); pid = os.fork()\n"
        "if pid == 0:\n    sys.stdin.read(); os._exit(0)\n"
        "os.waitpid(pid, 0)"
    )
    sampler = _held_until_seen(script, lambda s: s.peak >= 160_000_000 and s.peak_pss >= 80_000_000)
    assert sampler.peak >= 160_000_000, f"RSS {sampler.peak / 1e6:.0f} MB"
    assert 80_000_000 <= sampler.peak_pss < 120_000_000, f"PSS {sampler.peak_pss / 1e6:.0f} MB"


def test_table_gives_a_verdict_only_at_the_target_size() -> None:
    figures = [
        harness.Figure("cold build", 1_000, (3.0, 2.0, 4.0), "s", 7.0, (5.0, 5.0, 5.0), at_target_size=False),
        harness.Figure("cold build", 10_000, (8.0, 6.5, 9.0), "s", 7.0, (9.0, 9.0, 9.0), at_target_size=True),
        harness.Figure("peak memory, tree (cold)", 10_000, (250.0,), "MB", 300.0, at_target_size=True),
    ]
    lines = harness.format_table(figures, ["a note"]).splitlines()
    cells = ["cold", "build", "1,000", "3", "3.00", "s", "2.00", "s", "5.00", "s", "—", "≤", "7", "s"]
    assert lines[2].split() == cells, "no Hugo times: no ratio"
    assert lines[3].endswith("OVER") and "8.00 s" in lines[3] and "6.50 s" in lines[3]
    assert lines[4].endswith("ok") and "250 MB" in lines[4]
    assert lines[-1] == "a note"
