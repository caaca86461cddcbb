"""Sharing: what a link pasted into WeChat (or any app that reads Open Graph tags) shows as its
card: the page's title and description, and a picture by its absolute address.

The tags themselves are written by templates/overrides/main.html from page.meta (`og_type`,
`share_image`, set by the page templates) and config.extra.gridboard (the site's default image).
A share picture must be a JPG or PNG (link previews do not draw SVG) and have an absolute
address, so pictures are named only when site.url is set."""

from __future__ import annotations

import urllib.parse

from .config import SiteConfig
from .footer import RASTER


def absolute(config: SiteConfig, site_path: str) -> str:
    """The public address of a path in the site ('stories/2026/a/', 'media/a 1.jpg'), written
    %-encoded; '' without site.url."""
    if not config.site.url:
        return ""
    return config.site.url.rstrip("/") + "/" + urllib.parse.quote(site_path.lstrip("/"), safe="/")


def image_url(config: SiteConfig, content_path: str | None) -> str:
    """The absolute address of a picture under content/ that can be a share picture; '' for none
    (no site.url, no picture, or a kind link previews do not show)."""
    if not content_path or not content_path.lower().endswith(RASTER):
        return ""
    return absolute(config, content_path.lstrip("/").removeprefix("./"))


def default_image(config: SiteConfig) -> str:
    """The share picture of every page that has none of its own: site.share_image, else the logo
    when it is a JPG or PNG."""
    return image_url(config, config.site.share_image) or image_url(config, config.site.logo)
