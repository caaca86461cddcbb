"""Screens: one unattended slide-show page per entry of content/screens.yml, and an index of them.

Every slide is written into the page when the site is built; templates/assets/screen.js only
chooses which one shows, on the screen's own clock (time windows, postings whose period has
ended), follows newer builds, and keeps the picture moving gently."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from ..catalog import Catalog
from ..overrides import Templates
from ..problems import Problems
from .slides import Capped, build_slides, current_postings
from .standalone import HtmlWriter

POLL_SECONDS = 150  # how often a screen asks whether a newer build is published
BUILD_SLOT = "gb-build-key"  # replaced by the page's build key
BUILD_KEY = re.compile(r'data-gb-screen="([^"]+)" data-live data-build="([0-9a-f]+)"')
RUNTIME = ("screen.js", "screen.css")  # files under templates/assets/ every screen page runs with


def _stamp_build(text: str, runtime: bytes) -> str:
    """The page with its build key: a digest of the page and of what it runs with, so a screen
    reloads when (and only when) a build changes what it shows."""
    key = hashlib.sha256(text.encode() + runtime).hexdigest()[:16]
    return text.replace(f'data-build="{BUILD_SLOT}"', f'data-build="{key}"', 1)


def build_keys(site_dir: Path) -> dict[str, str]:
    """Screen id → build key of every screen page in a built site (for version.json)."""
    keys = {}
    for page in sorted((site_dir / "screens").glob("*/index.html")):
        m = BUILD_KEY.search(page.read_text(encoding="utf-8"))
        if m:
            keys[m[1]] = m[2]
    return keys


def screen_url(screen_id: str) -> str:
    """Site path of a screen's page."""
    return f"screens/{screen_id}/"


def render_screens(
    catalog: Catalog, templates: Templates, problems: Problems | None = None
) -> dict[str, str]:
    """The screens' pages and their index (when content/screens.yml lists any): site path → HTML."""
    if not catalog.screens:
        return {}
    w = HtmlWriter(catalog, templates)
    capped: list[Capped] = []
    shown = []
    runtime = b"".join(templates.find(f"assets/{f}").read_bytes() for f in RUNTIME)
    runtime += catalog.config.brand.color.encode()
    postings = current_postings(catalog)
    for screen in catalog.screens:
        if screen.scope not in catalog.scope_name:
            continue
        slides = build_slides(catalog, screen, capped, postings)
        hours = [{"days": h.days, "from": h.start, "to": h.end} for h in screen.hours]
        dest = f"{screen_url(screen.id)}index.html"
        w.render(
            "screens/screen.html",
            dest,
            build=BUILD_SLOT,
            screen=screen,
            slides=slides,
            scope=catalog.scope_name[screen.scope],
            hours=json.dumps(hours, separators=(",", ":")),
            poll=POLL_SECONDS,
        )
        w.files[dest] = _stamp_build(w.files[dest], runtime)
        shown.append((screen, slides))
    w.render("screens/index.html", "screens/index.html", screens=shown)
    for c in capped if problems is not None else []:
        item = c.screen.playlist[c.index]
        problems.warn(
            *c.screen.at("playlist", c.index),
            f"“{item.show}”在这块屏的范围内有 {c.available} 页，只放前 {c.shown} 页；要放更多请写 count:",
            f"'{item.show}' has {c.available} slides in this screen's scope; showing {c.shown} (set count:)",
        )
    return w.files
