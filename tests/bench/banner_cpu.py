"""`python -m tests.bench.banner_cpu`: what the 飘窗 costs a school's page (SPEC 15, issue 36 item 7).

A plain host page with no banner, one banner and both, plus one pinned with `data-static`, in the system
Chromium (headless): the renderer's main-thread task time over 10 s of movement, from the DevTools
protocol's `Performance.getMetrics` (TaskDuration), printed as a share of one core, with the style
recalculations and layouts per second. A figure, not a test: timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import statistics
import sys
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sitegen.banner import build_banner, find_cjk_font, spec_for  # noqa: E402
from sitegen.config import load_config  # noqa: E402

TARGET = 2.0  # % of one core while the banner moves (SPEC 15 / issue 36)
COLUMNS = ("vocational", "lifelong")
HOST = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>学校网站</title></head>
<body><h1>某职业学校</h1>{paragraphs}{scripts}</body></html>
"""
PARAGRAPH = "<p>学校新闻：活动周期间，师生走进社区开展技能服务，市民现场体验专业特色。</p>"
SCENARIOS: dict[str, tuple[str, ...]] = {
    "no banner": (),
    "one banner": ('<script src="vocational/banner/banner.js" async></script>',),
    "both banners": (
        '<script src="vocational/banner/banner.js" async></script>',
        '<script src="lifelong/banner/banner.js" data-corner="top-right" async></script>',
    ),
    "both, data-static": (
        '<script src="vocational/banner/banner.js" data-static async></script>',
        '<script src="lifelong/banner/banner.js" data-static data-corner="top-right" async></script>',
    ),
}
READY = """(n) => {
  const ns = window.SXActivityWeekBanner;
  const hosts = ns ? Object.values(ns.instances).map((i) => i.host) : [];
  return hosts.length === n && hosts.every((h) => h.shadowRoot.querySelector('img').complete);
}"""
RUNNING = """() => {
  const ns = window.SXActivityWeekBanner;
  return ns ? Object.values(ns.instances).reduce((n, i) =>
    n + i.host.shadowRoot.getAnimations().filter((a) => a.playState === 'running').length, 0) : 0;
}"""
METRICS = ("TaskDuration", "RecalcStyleCount", "LayoutCount", "ScriptDuration")


@dataclass(frozen=True)
class Sample:
    cpu_percent: float  # main-thread task time over wall time, in % of one core
    recalcs_per_s: float
    layouts_per_s: float
    animations: int  # Web Animations running at the end: two per moving banner


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def write_site(folder: Path) -> None:
    """Both columns' banner folders as the build writes them, and one host page per scenario."""
    config = load_config(ROOT / "config.yml")
    font = find_cjk_font()
    for column_id in COLUMNS:
        target = folder / column_id / "banner"
        target.mkdir(parents=True)
        for name, data in build_banner(spec_for(config.columns[column_id]), None, font).items():
            (target / name).write_bytes(data)
    for n, scripts in enumerate(SCENARIOS.values()):
        page = HOST.format(paragraphs=PARAGRAPH * 30, scripts="".join(scripts))
        (folder / f"host-{n}.html").write_text(page, encoding="utf-8")


def metrics(cdp: Any) -> dict[str, float]:
    found = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return {name: found.get(name, 0.0) for name in METRICS}


def measure(browser: Any, url: str, banners: int, seconds: float) -> Sample:
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.goto(url, wait_until="load")
        page.wait_for_function(READY, arg=banners, timeout=15_000)
        page.wait_for_timeout(1000)  # past start-up: the figure is the cost while it moves
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable", {"timeDomain": "timeTicks"})
        before = metrics(cdp)
        page.wait_for_timeout(seconds * 1000)
        after = metrics(cdp)
        running = int(page.evaluate(RUNNING))
        return Sample(
            100 * (after["TaskDuration"] - before["TaskDuration"]) / seconds,
            (after["RecalcStyleCount"] - before["RecalcStyleCount"]) / seconds,
            (after["LayoutCount"] - before["LayoutCount"]) / seconds,
            running,
        )
    finally:
        page.close()


def table(results: dict[str, list[Sample]]) -> list[str]:
    lines = [
        f"{'host page':<20} {'main thread, % of one core':>28} {'style recalcs/s':>16} {'layouts/s':>10} "
        f"{'animations':>10}",
    ]
    for name, samples in results.items():
        cpu = [s.cpu_percent for s in samples]
        lines.append(
            f"{name:<20} {f'{statistics.median(cpu):.2f} % (min {min(cpu):.2f}, max {max(cpu):.2f})':>28} "
            f"{statistics.median(s.recalcs_per_s for s in samples):>16.1f} "
            f"{statistics.median(s.layouts_per_s for s in samples):>10.1f} "
            f"{min(s.animations for s in samples):>10}"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=10.0, help="measuring time per run (default 10)")
    parser.add_argument("--runs", type=int, default=3, help="runs per host page; the median is shown (default 3)")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("banner CPU: no system Chromium (make system-chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="banner-cpu-") as tmp:
        folder = Path(tmp)
        write_site(folder)
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        results: dict[str, list[Sample]] = {name: [] for name in SCENARIOS}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"]
                )
                for _ in range(args.runs):  # interleaved, so a burst of load on the machine hits every row
                    for n, (name, scripts) in enumerate(SCENARIOS.items()):
                        results[name].append(measure(browser, f"{base}host-{n}.html", len(scripts), args.seconds))
                browser.close()
        finally:
            server.shutdown()
    print(f"Banner cost on the host page: main-thread task time over {args.seconds:g} s (Chromium, headless)")
    print("\n".join(table(results)))
    moving = max(statistics.median(s.cpu_percent for s in results[name]) for name in ("one banner", "both banners"))
    print(f"target: ≤ {TARGET:g} % of one core while it moves; measured {moving:.2f} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
