"""Two builds of one project never interleave: the second waits and says who holds the lock, or stops."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import sitekit

BUILD_PY = sitekit.REPO / "build.py"
HOLDER = """
import sys
from pathlib import Path
from sitegen.build import build_lock
with build_lock(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.readline()
"""


def _env() -> dict[str, str]:
    return {**os.environ, "SITEGEN_NOW": sitekit.NOW.isoformat(), "PYTHONPATH": str(sitekit.REPO)}


def _site(tmp_path: Path) -> sitekit.FixtureSite:
    site = sitekit.materialize(tmp_path)
    (site.root / "themes").symlink_to(sitekit.REPO / "themes")  # build.py looks for the theme under --root
    return site


def _build(site: sitekit.FixtureSite, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(BUILD_PY), "--root", str(site.root), "build", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )


def _hold(site: sitekit.FixtureSite) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(site.root / ".cache")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


def test_a_second_build_waits_for_the_first_and_names_it(tmp_path: Path) -> None:
    site = _site(tmp_path)
    holder = _hold(site)
    try:
        waiting = _build(site)
        time.sleep(3)
        assert waiting.poll() is None  # still waiting: nothing written meanwhile
        assert not site.output.exists()
    finally:
        holder.communicate("\n", timeout=30)
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert f"另一个构建正在进行：进程 {holder.pid}（-c " in err and "等待它结束……" in err
    assert out.startswith("已生成 ")
    assert (site.output / "vocational" / "index.html").is_file()


def test_with_no_wait_a_second_build_stops_with_a_message(tmp_path: Path) -> None:
    site = _site(tmp_path)
    holder = _hold(site)
    try:
        done = _build(site, "--no-wait")
        out, err = done.communicate(timeout=120)
    finally:
        holder.communicate("\n", timeout=30)
    assert done.returncode == 1
    assert err.startswith(f"错误：另一个构建正在进行：进程 {holder.pid}（-c ")
    assert err.rstrip().endswith("请等它结束后再运行。")
    assert "Traceback" not in err and out == ""
    assert not site.output.exists()


def test_two_builds_at_once_both_succeed_one_after_the_other(tmp_path: Path) -> None:
    site = _site(tmp_path)
    first, second = _build(site), _build(site)
    results = [p.communicate(timeout=300) for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], results
    built = [out for out, _ in results if out.startswith("已生成 ")]
    assert len(built) == 1  # the other found the output up to date once the lock was free
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".output-tmp")) == []
    assert (site.output / "lifelong" / "index.html").is_file()
