"""Search benchmark: bytes fetched and time to results for Chinese queries, in headless Chromium.

    python3 benchmarks/search.py SITE_DIR CONTENT_DIR [--queries 6]

SITE_DIR is a built site (e.g. /tmp/gridboard-bench/3000/out/gridboard), CONTENT_DIR the site
folder it was built from (names of grid workers are taken from content/grids/). Each query is
typed on a freshly loaded home page at phone size (390×844): the first query of a page load pays
for Pagefind's script, WebAssembly and metadata; later ones on other pages reuse the HTTP cache,
as a resident's phone would. Prints per-query KB and ms, and the medians.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import socketserver
import statistics
import threading
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("site", type=Path)
    ap.add_argument("content", type=Path)
    ap.add_argument("--queries", type=int, default=6)
    args = ap.parse_args()
    grids = [
        g
        for f in sorted((args.content / "content/grids").glob("*.yml"))
        for g in yaml.safe_load(f.read_text("utf-8"))
    ]
    picks = grids[7 :: max(1, len(grids) // args.queries)][: args.queries]
    server = socketserver.ThreadingTCPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(args.site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        page = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
        fetched = []
        page.on("requestfinished", lambda r: fetched.append(r) if "/pagefind/" in r.url else None)
        for g in picks:
            name = next(m["name"] for m in g["team"] if m["role"] == "grid_worker")
            page.goto(base)
            fetched.clear()
            page.keyboard.press("/")
            page.locator("input[data-pf-query]").fill(name)
            page.locator("[data-pf-list] > li > a").first.wait_for(timeout=30000)
            href = page.locator("[data-pf-list] > li > a").first.get_attribute("href")
            kb = sum(
                r.sizes()["responseBodySize"] for r in fetched if r.response() and r.response().status == 200
            )
            ms = page.evaluate("window.__gbSearchTimings.at(-1).ms")
            ok = href.rstrip("/").endswith(g["id"])
            rows.append((name, kb / 1024, ms, ok))
            print(
                f"{name}\t{kb / 1024:7.1f} KB\t{ms:6.0f} ms\t{'right grid first' if ok else 'WRONG: ' + href}"
            )
        browser.close()
    server.shutdown()
    print(f"first query (engine load included): {rows[0][1]:.0f} KB, {rows[0][2]:.0f} ms")
    later = rows[1:] or rows
    print(
        f"later queries: median {statistics.median(r[1] for r in later):.0f} KB, "
        f"{statistics.median(r[2] for r in later):.0f} ms; right grid first {sum(r[3] for r in rows)}/{len(rows)}"
    )


if __name__ == "__main__":
    main()
