"""One page's HTML: MkDocs renders its Markdown; our HTML blocks are kept out of Markdown and the
authors' parts are sanitized."""

from __future__ import annotations

import html

from markupsafe import Markup, escape

from .. import rawhtml, sanitize


def populate_page(page, cfg, files) -> None:
    """MkDocs' _populate_page (we run no plugins), with our HTML blocks kept out of Markdown and
    the authors' parts of the page sanitized (sanitize.py)."""
    cfg._current_page = page
    try:
        page.read_source(cfg)
        page.markdown, blocks = rawhtml.stash(page.markdown)
        page.render(cfg, files)
        page.content = Markup(sanitize.clean_regions(rawhtml.unstash(page.content, blocks)))
        plain_toc(page.toc)
        page.present_anchor_ids = (page.present_anchor_ids or set()) | rawhtml.anchor_ids(blocks)
    finally:
        cfg._current_page = None


def plain_toc(items) -> None:
    """Table-of-contents titles as HTML that holds only text: Markdown gives the heading's text
    with tags stripped but entities kept; decoded and escaped again, no tag can survive, and
    Material's `striptags` (aria-label) gives back exactly the heading's text."""
    for item in items:
        item.title = escape(html.unescape(item.title))
        plain_toc(item.children)
