"""Screens: one unattended slide-show page per entry of content/screens.yml, and an index of them.

Every slide is written into the page when the site is built; templates/assets/screen.js only
chooses which one shows, on the screen's own clock (time windows, postings whose period has
ended), follows newer builds, and keeps the picture moving gently."""

from __future__ import annotations

import json
from pathlib import Path

from ..catalog import Catalog
from ..problems import Problems
from .slides import Capped, build_slides, current_postings
from .standalone import HtmlWriter

POLL_SECONDS = 150  # how often a screen asks whether a newer build is published


def screen_url(screen_id: str) -> str:
    """Site path of a screen's page."""
    return f"screens/{screen_id}/"


def render_screens(catalog: Catalog, templates_dir: Path, problems: Problems | None = None) -> dict[str, str]:
    """The screens' pages and their index (when content/screens.yml lists any): site path → HTML."""
    if not catalog.screens:
        return {}
    w = HtmlWriter(catalog, templates_dir)
    capped: list[Capped] = []
    shown = []
    postings = current_postings(catalog)
    for screen in catalog.screens:
        if screen.scope not in catalog.scope_name:
            continue
        slides = build_slides(catalog, screen, capped, postings)
        hours = [{"days": h.days, "from": h.start, "to": h.end} for h in screen.hours]
        w.render(
            "screens/screen.html",
            f"{screen_url(screen.id)}index.html",
            screen=screen,
            slides=slides,
            scope=catalog.scope_name[screen.scope],
            hours=json.dumps(hours, separators=(",", ":")),
            poll=POLL_SECONDS,
        )
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
