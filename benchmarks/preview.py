"""Live-preview benchmark: after saving one story, how long until the new page is written.

    python3 benchmarks/preview.py [--grids 3000] [--edits 5]

Generates a demo site (reused from /tmp/gridboard-bench/N/site like bench.py), builds the preview
once, then edits one story `--edits` times and times each rebuild (what `gridboard serve` does on
a save before the browser reloads), and the background search reindex after it. Prints medians
and min–max. The browser's reload itself adds the LiveReload round trip (well under 0.5 s here).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder import pipeline  # noqa: E402
from builder.demo import generate  # noqa: E402

TODAY = dt.date(2026, 11, 20)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--grids", type=int, default=3000)
    ap.add_argument("--edits", type=int, default=5)
    ap.add_argument("--work", type=Path, default=Path("/tmp/gridboard-bench"))
    args = ap.parse_args()
    site = args.work / str(args.grids) / "site"
    if not (site / "site_config.yml").exists():
        shutil.rmtree(site, ignore_errors=True)
        generate(site, args.grids, today=TODAY)
    with tempfile.TemporaryDirectory(prefix="gb-preview-") as tmp:
        copy = Path(tmp) / "site"
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns("out*", "logs"))
        preview = pipeline.Preview(copy / "site_config.yml", TODAY, Path(tmp) / "work")
        t = time.perf_counter()
        first = preview.rebuild()
        print(f"first build: {time.perf_counter() - t:.1f} s, {first.pages} pages")
        preview.wait_for_search(600)
        story = sorted((copy / "content/stories").rglob("*.md"))[-1]
        times, index_times, stages = [], [], []
        for i in range(args.edits):
            story.write_text(
                story.read_text(encoding="utf-8") + f"\n补记第 {i + 1} 次修改。\n", encoding="utf-8"
            )
            t = time.perf_counter()
            report = preview.rebuild()
            times.append(time.perf_counter() - t)
            stages.append(report.timings)
            preview.wait_for_search(600)
            index_times.append(time.perf_counter() - t)
        print(
            f"story saved → page written: median {statistics.median(times):.2f} s "
            f"(min {min(times):.2f}, max {max(times):.2f}), {report.pages} pages re-rendered"
        )
        print(f"… → search index swapped in: median {statistics.median(index_times):.2f} s")
        print("last rebuild's stages:", {k: round(v, 2) for k, v in stages[-1].items()})


if __name__ == "__main__":
    main()
