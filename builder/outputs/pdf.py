"""PDFs of the print posters (`gridboard print`), made by headless Chromium through Playwright.

Both are optional: without them the HTML posters are still built, and `missing()` says what to
install. Pages are loaded from file:// (no server), one browser and one tab for all of them,
with the page size and margins the posters' own CSS asks for (A4 or A3)."""

from __future__ import annotations

import importlib.util
import os
import time
from dataclasses import dataclass
from pathlib import Path

from .posters import INDEX, pdf_name

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_BROWSER = "sudo apt-get install chromium fonts-wqy-microhei"
INSTALL_PLAYWRIGHT = "pip install 'gridboard[pdf]'"


def chromium_path() -> Path:
    """The Chromium to drive: $GRIDBOARD_CHROMIUM, else Debian's /usr/bin/chromium."""
    return Path(os.environ.get("GRIDBOARD_CHROMIUM") or "/usr/bin/chromium")


def missing() -> list[str]:
    """What PDFs still need, as lines to print (empty when Chromium and Playwright are there)."""
    out = []
    browser = chromium_path()
    if not browser.is_file():
        out.append(
            f"未找到 Chromium 浏览器（{browser}）：请安装 {INSTALL_BROWSER}"
            f"（或用环境变量 GRIDBOARD_CHROMIUM 指定浏览器路径）\n"
            f"Chromium not found at {browser}: install it with {INSTALL_BROWSER} "
            "(or point GRIDBOARD_CHROMIUM at another Chromium)"
        )
    if importlib.util.find_spec("playwright") is None:
        out.append(
            f"未安装 Playwright：请运行 {INSTALL_PLAYWRIGHT}\n"
            f"Playwright is not installed: run {INSTALL_PLAYWRIGHT}"
        )
    return out


def posters_in(site_dir: Path) -> list[str]:
    """Site paths of every poster page in a built site (print/…/index.html, not the index)."""
    found = (p.relative_to(site_dir).as_posix() for p in (site_dir / "print").rglob("index.html"))
    return sorted(rel for rel in found if rel != INDEX)


@dataclass
class PdfResult:
    """What `write_pdfs` made."""

    count: int
    seconds: float


def write_pdfs(site_dir: Path, dest_dir: Path) -> PdfResult:
    """Write the PDF of every poster in `site_dir` into `dest_dir` (named by posters.pdf_name).
    Call only when `missing()` is empty."""
    from playwright.sync_api import sync_playwright

    started = time.monotonic()
    posters = posters_in(site_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium_path()), args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            for rel in posters:
                page.goto((site_dir / rel).resolve().as_uri(), wait_until="load")
                target = dest_dir / pdf_name(rel)
                page.pdf(path=str(target), prefer_css_page_size=True, print_background=True)
        finally:
            browser.close()
    return PdfResult(len(posters), time.monotonic() - started)
