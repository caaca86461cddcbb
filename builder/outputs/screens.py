"""Screens: one unattended slide-show page per entry of content/screens.yml, and an index of them.

Every slide is written into the page when the site is built; templates/assets/screen.js only
chooses which one shows, on the screen's own clock (time windows, postings whose period has
ended), follows newer builds, and keeps the picture moving gently."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..kinds.screens import screen_url
from ..overrides import Templates
from ..problems import Problems
from .slides import Capped, build_slides, current_postings
from .standalone import HtmlWriter

if TYPE_CHECKING:
    from ..catalog import Catalog

POLL_SECONDS = 150  # how often a screen asks whether a newer build is published
BUILD_SLOT = "gb-build-key"  # replaced by the page's build key
RUNTIME = ("screen.js", "screen.css")  # files under templates/assets/ every screen page runs with


@dataclass
class ScreenPages:
    """The screens' pages and their index (site path → HTML), and each screen's build key (what
    version.json tells screens to reload for: outputs/publish.py)."""

    files: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # screen id → build key, by page path


def _build_key(text: str, runtime: bytes) -> str:
    """A digest of the page and of what it runs with, so a screen reloads when (and only when) a
    build changes what it shows."""
    return hashlib.sha256(text.encode() + runtime).hexdigest()[:16]


def render_screens(catalog: Catalog, templates: Templates, problems: Problems | None = None) -> ScreenPages:
    """The screens' pages and their index (when content/screens.yml lists any)."""
    if not catalog.screens:
        return ScreenPages()
    w = HtmlWriter(catalog, templates)
    capped: list[Capped] = []
    shown, keys = [], {}
    runtime = b"".join(templates.find(f"assets/{f}").read_bytes() for f in RUNTIME)
    runtime += catalog.config.brand.color.encode()
    postings = current_postings(catalog)
    for screen in catalog.screens:
        if screen.scope not in catalog.scope_name:
            continue
        slides = build_slides(catalog, screen, capped, postings)
        hours = [{"days": h.days, "from": h.start, "to": h.end} for h in screen.hours]
        dest = f"{screen_url(screen)}index.html"
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
        key = _build_key(w.files[dest], runtime)
        keys[dest] = (screen.id, key)
        w.files[dest] = w.files[dest].replace(f'data-build="{BUILD_SLOT}"', f'data-build="{key}"', 1)
        shown.append((screen, slides))
    w.render("screens/index.html", "screens/index.html", screens=shown)
    for c in capped if problems is not None else []:
        item = c.screen.playlist[c.index]
        problems.warn(
            *c.screen.at("playlist", c.index),
            f"“{item.show}”在这块屏的范围内有 {c.available} 页，只放前 {c.shown} 页；要放更多请写 count:",
            f"'{item.show}' has {c.available} slides in this screen's scope; showing {c.shown} (set count:)",
        )
    return ScreenPages(w.files, dict(keys[dest] for dest in sorted(keys)))  # in page-path order
