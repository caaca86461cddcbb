"""Lighthouse on a slow phone: performance, accessibility, best practices, SEO and bytes transferred.

    python3 benchmarks/lighthouse.py [--site DIR] [--runs 3] [--plain] [--out FILE]

Without --site it builds the example district (the repository's content/, as of 2026-11-20) into
--work. The site is served over http on 127.0.0.1, gzipped as docs/deploy.md's nginx does it (HTML
and the gzip_types there, 1 KB or more; --plain serves every file as it is). Lighthouse
(tools/node_modules, `cd tools && npm ci --ignore-scripts`) opens the home page, a grid page and a
story with its default mobile emulation (a mid-range Android phone, simulated slow 4G and a 4× slower
CPU), each run in a fresh Chromium profile (Debian's, or GRIDBOARD_CHROMIUM).

For each page: the performance score (median and min–max of --runs), the accessibility, best
practices and SEO scores (median), the bytes transferred (Lighthouse's `total-byte-weight`: every
response's transfer size, headers included), the uncompressed size of the same responses, the
requests made, and the first contentful paint, largest contentful paint and total blocking time
(simulated, median). Performance depends on this machine's speed and load (Lighthouse's benchmark
index is recorded): compare runs made on one machine, not across machines.

Prints a Markdown table and writes every run's numbers to --out (default
benchmarks/lighthouse-results.json).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import http.server
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from example_site import ROOT, build_example, serve

LIGHTHOUSE = ROOT / "tools" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("GRIDBOARD_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
PAGES = {"home": "", "grid": "grids/yh-01/", "story": "stories/2025/hdc-hongmajia/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {"fcp_ms": "first-contentful-paint", "lcp_ms": "largest-contentful-paint",
           "tbt_ms": "total-blocking-time"}  # fmt: skip
# docs/deploy.md: nginx gzips text/html always, and these types (gzip_types), from 1,024 bytes
GZIP_TYPES = {"text/html", "text/css", "application/javascript", "text/javascript", "application/json",
              "image/svg+xml", "application/xml", "text/xml", "text/plain"}  # fmt: skip
GZIP_MIN_LENGTH = 1024


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder quietly; with `compress`, gzips responses as the deployed nginx does."""

    compress = True

    def log_message(self, *args):
        pass

    def do_GET(self):
        body = self._gzipped()
        if body is None:
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(self._file()))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _file(self) -> Path:
        path = Path(self.translate_path(self.path))
        return path / "index.html" if path.is_dir() else path

    def _gzipped(self) -> bytes | None:
        """The gzipped file when nginx would gzip it, else None (the plain handler answers)."""
        if not self.compress or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return None
        if not self.path.split("?")[0].endswith("/") and Path(self.translate_path(self.path)).is_dir():
            return None  # the plain handler redirects to the folder's URL with a slash
        path = self._file()
        if not path.is_file() or self.guess_type(str(path)).split(";")[0] not in GZIP_TYPES:
            return None
        data = path.read_bytes()
        return gzip.compress(data, compresslevel=1) if len(data) >= GZIP_MIN_LENGTH else None


def run_lighthouse(url: str) -> dict:
    """One Lighthouse run, all four categories, in a fresh Chromium profile; its JSON report."""
    with tempfile.TemporaryDirectory(prefix="gridboard-lighthouse-") as tmp:
        report = Path(tmp) / "report.json"
        chrome_flags = " ".join([*FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}"])
        cmd = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}", "--disable-full-page-screenshot",
               f"--chrome-flags={chrome_flags}"]  # fmt: skip
        proc = subprocess.run(
            cmd, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True
        )
        if proc.returncode != 0:
            raise RuntimeError(f"lighthouse exited {proc.returncode} on {url}:\n{proc.stderr[-3000:]}")
        return json.loads(report.read_text(encoding="utf-8"))


def figures(report: dict) -> dict:
    """What one run tells: scores (0–100), bytes, requests, timings."""
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    scores = report["categories"]
    return {
        **{
            cat: None if scores[cat]["score"] is None else round(scores[cat]["score"] * 100)
            for cat in CATEGORIES
        },
        "transfer_bytes": round(audits["total-byte-weight"]["numericValue"]),
        "resource_bytes": round(sum(r.get("resourceSize") or 0 for r in requests)),
        "requests": len(requests),
        **{key: round(audits[audit]["numericValue"]) for key, audit in METRICS.items()},
        "benchmark_index": report["environment"]["benchmarkIndex"],
        "runtime_error": (report.get("runtimeError") or {}).get("message"),
        "warnings": report.get("runWarnings", []),
    }


def spread(values: list[float]) -> dict:
    """Median, min and max."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def summary(runs: list[dict]) -> dict:
    """Median, min and max of every number over the runs."""
    keys = [*CATEGORIES, "transfer_bytes", "resource_bytes", "requests", *METRICS, "benchmark_index"]
    return {
        k: spread([r[k] for r in runs if r[k] is not None])
        for k in keys
        if any(r[k] is not None for r in runs)
    }


def score(s: dict, cat: str, always_range: bool = False) -> str:
    """A category's median score, with min–max when the runs differ (or always)."""
    if cat not in s:
        return "–"
    lo, mid, hi = s[cat]["min"], s[cat]["median"], s[cat]["max"]
    return f"{mid:.0f}" if lo == hi and not always_range else f"{mid:.0f} ({lo:.0f}–{hi:.0f})"


def table(pages: dict[str, dict]) -> str:
    """The numbers as Markdown."""
    lines = ["| page | performance median (min–max) | a11y | BP | SEO | transferred KB | uncompressed KB "
             "| requests | FCP ms | LCP ms | TBT ms |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for name, page in pages.items():
        s = page["summary"]
        cells = [f"{name} `/{page['path']}`", score(s, "performance", always_range=True)]
        cells += [score(s, cat) for cat in ("accessibility", "best-practices", "seo")]
        cells += [f"{s[k]['median'] / 1000:.1f}" for k in ("transfer_bytes", "resource_bytes")]
        cells += [f"{s[k]['median']:.0f}" for k in ("requests", *METRICS)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine(first_report: dict | None) -> dict:
    """What the numbers depend on."""
    env = (first_report or {}).get("environment", {})
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "lighthouse": (first_report or {}).get("lighthouseVersion"),
        "chromium": env.get("hostUserAgent"),
        "emulated": env.get("networkUserAgent"),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, default=None, help="a built site (default: build the example)")
    ap.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page")
    ap.add_argument("--plain", action="store_true", help="serve files uncompressed (default: gzip as nginx)")
    ap.add_argument(
        "--work", type=Path, default=Path("/tmp/gridboard-bench/lighthouse"), help="example build"
    )
    ap.add_argument("--out", type=Path, default=Path("benchmarks/lighthouse-results.json"))
    args = ap.parse_args()
    if not LIGHTHOUSE.exists():
        ap.error(f"{LIGHTHOUSE} missing: cd tools && npm ci --ignore-scripts")
    if not (Path(CHROMIUM).exists() and shutil.which("node")):
        ap.error(f"needs Node.js and Chromium at {CHROMIUM}")
    site = args.site or build_example(args.work)
    base = serve(site, type("Handler", (_Handler,), {"compress": not args.plain}))
    loadavg, started_at = os.getloadavg(), dt.datetime.now().isoformat(timespec="seconds")
    pages: dict[str, dict] = {}
    first = None
    started = time.perf_counter()
    for name, path in PAGES.items():
        runs = []
        for i in range(args.runs):
            report = run_lighthouse(base + path)
            first = first or report
            runs.append(figures(report))
            print(f"{name} run {i + 1}: performance {runs[-1]['performance']}", file=sys.stderr)
        pages[name] = {"path": path, "runs": runs, "summary": summary(runs)}
    info = {
        **machine(first),
        "started": started_at,
        "loadavg_at_start": loadavg,
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(table(pages))
    result = {"machine": info, "site": str(site), "gzip": not args.plain, "pages": pages}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nraw numbers: {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
