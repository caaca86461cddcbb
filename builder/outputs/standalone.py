"""Standalone HTML pages outside the theme (screens, print posters): one Jinja environment,
links relative to each page (so they open from file:// too), authors' Markdown converted and
cleaned with the same rules as the site's pages."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .. import sanitize
from ..markdown_setup import new_markdown
from ..overrides import Templates
from ..pages import author_markdown, make_env, relative
from .qr import absolute_url, placeholder

if TYPE_CHECKING:
    from ..catalog import Catalog

WEEKDAYS = "一二三四五六日"


def ymd_zh(d: dt.date) -> str:
    """2026年11月22日 星期日"""
    return f"{d.year}年{d.month}月{d.day}日 星期{WEEKDAYS[d.weekday()]}"


def weekdays(days: list[int]) -> str:
    """[1, 2, 3, 4, 5] → 周一至周五; [6, 7] → 周六、周日; all seven → 每天."""
    days = sorted(set(days))
    if len(days) == 7:
        return "每天"
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        return f"周{WEEKDAYS[days[0] - 1]}至周{WEEKDAYS[days[-1] - 1]}"
    return "、".join(f"周{WEEKDAYS[d - 1]}" for d in days)


class HtmlWriter:
    """Renders templates/<kind>/*.html into site files keyed by their path in the site."""

    def __init__(self, catalog: Catalog, templates: Templates):
        self.catalog = catalog
        self.env = make_env(templates.search_path())  # the pages' environment and filters, over templates/
        self.env.filters["ymd_zh"] = ymd_zh
        self.env.filters["weekdays"] = weekdays
        self.files: dict[str, str] = {}
        self._md = new_markdown()

    def render(self, template: str, dest: str, **ctx: Any) -> None:
        """Write `dest` (a path in the site, e.g. screens/hdc/index.html) from `template`."""
        url = dest.removesuffix("index.html")
        site = self.catalog.config

        def link(to: str) -> str:  # a folder link gets its index.html: file:// shows no folder index
            target = relative(url, to)
            return target + "index.html" if target.endswith("/") else target

        self.files[dest] = self.env.get_template(template).render(
            cat=self.catalog,
            site=site,
            today=self.catalog.today,
            u=link,
            md=lambda body: self.markdown(body, dest),
            qr=lambda path: placeholder(absolute_url(site.site.url, path)) if site.site.url else "",
            public_url=lambda path: absolute_url(site.site.url, path),
            **ctx,
        )

    def markdown(self, body: str, dest: str) -> Markup:
        """An author's Markdown as cleaned HTML, its media paths relative to `dest`."""
        if not body.strip():
            return Markup("")
        self._md.reset()
        html = self._md.convert(author_markdown(body, dest.removesuffix("index.html") + "index.md"))
        return Markup(sanitize.clean(html))
