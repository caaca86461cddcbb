"""QR codes (segno) that point from a screen or a printed poster back to a page of the site."""

from __future__ import annotations

import functools
import html

import segno


def absolute_url(site_url: str, path: str) -> str:
    """The public address of a site path ('grids/hdc-01/'), or '' when site.url is not set."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + "/" + path.lstrip("/")


@functools.lru_cache(maxsize=4096)
def qr_svg(url: str) -> str:
    """An inline SVG QR code for `url` (scalable: sized by CSS), with the address as its label.

    Error correction M (15 %) survives a smudged or sun-faded print; the 4-module quiet zone
    is part of the image, so a dark background around it does not break scanning."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(
        scale=1, border=4, omitsize=True, dark="#000", light="#fff", svgclass="gb-qr-code", lineclass=None
    )
    label = html.escape(f"二维码：{url}", quote=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" shape-rendering="crispEdges" ', 1)
