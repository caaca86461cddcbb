"""Community screen benchmark: load time and JS heap over 1,000 slide changes, in headless Chromium.

    python3 benchmarks/screen.py [--site DIR] [--screen hdc-lobby] [--runs 5] [--changes 1000]

Without --site it builds the example district (the repository's content/, as of 2026-11-20) into
--work. The screen is served over http on 127.0.0.1 and opened at 1920×1080 in Debian's Chromium.

* **load**: each run opens the screen in a fresh browser context (empty cache) and takes, from the
  page's navigation start, the moment screen.js shows the first slide (the screen's root gets
  `data-changes`), and also first contentful paint and the load event; median and min–max of --runs.
* **heap**: one page with Playwright's clock paused at Friday 10:00 (inside the screen's hours),
  run on a minute at a time: every timer fires as on a real screen (slide changes, the clock's
  tick each second, the burn-in shift each minute, a version.json poll every 150 s, answered by
  the server). When 0, ¼, ½, ¾ and all of --changes have passed (a minute's changes may
  overshoot by a few) it forces a full garbage collection (CDP HeapProfiler.collectGarbage) and
  reads the JS heap (Runtime.getHeapUsage) and the DOM node and event listener counts
  (Performance.getMetrics).

Prints a Markdown table and writes the raw numbers to --out (default benchmarks/screen-results.json).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
import zoneinfo
from importlib import metadata
from pathlib import Path

from example_site import build_example, serve
from playwright.sync_api import sync_playwright

FRIDAY_10 = dt.datetime(2026, 11, 20, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
VIEWPORT = {"width": 1920, "height": 1080}
CHROMIUM = os.environ.get("GRIDBOARD_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip

# Runs before the page's scripts: the time (from navigation start) screen.js first shows a slide
WATCH_FIRST_SLIDE = """
new MutationObserver((changes, observer) => {
  window.__gbFirstSlide = performance.now();
  observer.disconnect();
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-changes"]});
"""

LOAD_FIGURES = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  return {first_slide_ms: window.__gbFirstSlide, fcp_ms: fcp ? fcp.startTime : null,
          load_event_ms: nav.loadEventEnd, transfer_bytes: performance.getEntriesByType("resource")
            .reduce((n, r) => n + r.transferSize, nav.transferSize)};
}"""


def measure_load(browser, url: str, runs: int) -> list[dict]:
    """Open the screen `runs` times, each in a fresh context; the page's own timings of each."""
    out = []
    for _ in range(runs):
        context = browser.new_context(viewport=VIEWPORT, timezone_id="Asia/Shanghai", locale="zh-CN")
        context.add_init_script(WATCH_FIRST_SLIDE)
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("window.__gbFirstSlide !== undefined")
        out.append(page.evaluate(LOAD_FIGURES))
        context.close()
    return out


def heap_sample(cdp, page) -> dict:
    """Full garbage collection, then the JS heap and the page's node and listener counts."""
    cdp.send("HeapProfiler.collectGarbage")
    heap = cdp.send("Runtime.getHeapUsage")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    state = page.evaluate(
        "() => ({changes: +document.querySelector('[data-gb-screen]').dataset.changes,"
        " time: new Date().toTimeString().slice(0, 8)})"
    )
    return {
        **state,
        "heap_used_bytes": heap["usedSize"],
        "heap_total_bytes": heap["totalSize"],
        "dom_nodes": int(metrics["Nodes"]),
        "listeners": int(metrics["JSEventListeners"]),
    }


def measure_heap(browser, url: str, changes: int) -> list[dict]:
    """Drive `changes` slide changes on a paused clock; sample the heap at 0, ¼, ½, ¾ and all."""
    context = browser.new_context(viewport=VIEWPORT, timezone_id="Asia/Shanghai", locale="zh-CN")
    context.clock.install(time=FRIDAY_10 - dt.timedelta(seconds=1))
    context.clock.pause_at(FRIDAY_10)
    page = context.new_page()
    page.goto(url)
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    count = "+document.querySelector('[data-gb-screen]').dataset.changes"
    start = page.evaluate(count)
    samples = [heap_sample(cdp, page)]
    for target in [start + changes * k // 4 for k in (1, 2, 3, 4)]:
        while page.evaluate(count) < target:
            page.clock.run_for(60000)
        samples.append(heap_sample(cdp, page))
        print(f"{samples[-1]['changes'] - start} changes", file=sys.stderr)
    for s in samples:
        s["changes"] -= start
    context.close()
    return samples


def spread(values: list[float]) -> dict:
    """Median, min and max."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def table(load: list[dict], heap: list[dict]) -> str:
    """The numbers as Markdown."""
    lines = ["| load (ms from navigation start) | median | min–max |", "|---|---:|---:|"]
    for key, label in [("first_slide_ms", "first slide shown"), ("fcp_ms", "first contentful paint"),
                       ("load_event_ms", "load event end")]:  # fmt: skip
        s = spread([r[key] for r in load if r[key] is not None])
        lines.append(f"| {label} | {s['median']:.0f} | {s['min']:.0f}–{s['max']:.0f} |")
    lines += ["", "| slide changes | screen time | JS heap used MB | JS heap total MB | DOM nodes | listeners |",
              "|---:|---|---:|---:|---:|---:|"]  # fmt: skip
    for s in heap:
        lines.append(
            f"| {s['changes']:,} | {s['time']} | {s['heap_used_bytes'] / 2**20:.2f} | "
            f"{s['heap_total_bytes'] / 2**20:.2f} | {s['dom_nodes']:,} | {s['listeners']} |"
        )
    return "\n".join(lines)


def machine(browser) -> dict:
    """What the numbers depend on."""
    return {
        "cpu_count": os.cpu_count(),
        "loadavg_at_start": os.getloadavg(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "chromium": browser.version,
        "playwright": metadata.version("playwright"),
        "started": dt.datetime.now().isoformat(timespec="seconds"),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, default=None, help="a built site (default: build the example)")
    ap.add_argument("--screen", default="hdc-lobby", help="screen id")
    ap.add_argument("--runs", type=int, default=5, help="page loads timed")
    ap.add_argument("--changes", type=int, default=1000, help="slide changes driven")
    ap.add_argument("--work", type=Path, default=Path("/tmp/gridboard-bench/screen"), help="example build")
    ap.add_argument("--out", type=Path, default=Path("benchmarks/screen-results.json"))
    args = ap.parse_args()
    site = args.site or build_example(args.work)
    if not (site / "screens" / args.screen / "index.html").is_file():
        ap.error(f"{site} has no screens/{args.screen}/index.html")
    url = f"{serve(site)}screens/{args.screen}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        info = machine(browser)
        t = time.perf_counter()
        load = measure_load(browser, url, args.runs)
        heap = measure_heap(browser, url, args.changes)
        info["seconds"] = round(time.perf_counter() - t, 1)
        browser.close()
    print(table(load, heap))
    result = {
        "machine": info,
        "site": str(site),
        "screen": args.screen,
        "viewport": VIEWPORT,
        "load": {"runs": load, **{k: spread([r[k] for r in load if r[k] is not None]) for k in load[0]}},
        "heap": heap,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nraw numbers: {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
