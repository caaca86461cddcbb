"""Pages: catalog + templates/pages → Markdown page sources for the engine, keyed by docs path."""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
import re
from collections import defaultdict
from collections.abc import Hashable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape
from pydantic import BaseModel

from .charts.site import wish_figures
from .escape import as_text, keep_masks
from .kinds import registry
from .kinds.board import month_url, months_of
from .kinds.registry import url
from .kinds.stories import tag_url, tags_of
from .memo import Memo
from .outputs import feeds
from .overrides import Templates
from .problems import Problems
from .sanitize import fence
from .views import excerpt, grid_kind, posting_views, tag_slug

if TYPE_CHECKING:
    from .catalog import Catalog


def make_env(search_path: Path | list[Path], markdown: bool = False) -> Environment:
    """The one Jinja environment: strict (a missing value fails loudly), HTML-escaped. Templates are
    looked for in the folders of `search_path` in order (a site's overrides, then Gridboard's).

    With `markdown` (page sources), every value is also made inert as Markdown (escape.as_text)."""
    env = Environment(
        finalize=as_text if markdown else None,
        loader=FileSystemLoader(search_path),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("j2", "html"), default=True),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # one environment per build: no need to stat every template per page
    )
    env.filters["tag_slug"] = tag_slug
    env.filters["excerpt"] = excerpt
    env.filters["grid_kind"] = grid_kind
    env.filters["ymd"] = lambda d: d.strftime("%Y-%m-%d") if d else ""
    env.filters["ymdhm"] = lambda d: d.strftime("%Y-%m-%d %H:%M")
    env.globals["url"] = url
    env.globals["tag_url"] = tag_url
    env.globals["month_url"] = month_url
    env.globals["story_url"] = url  # the name before url(): a site's own templates may still use it
    env.filters["money"] = lambda n: f"{n:,.2f}"
    return env


def page_url(dest: str) -> str:
    """Docs path → site URL with directory URLs: 'grids/a.md' → 'grids/a/', 'x/index.md' → 'x/'."""
    stem = dest.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def relative(from_url: str, to: str) -> str:
    """A link from the page at `from_url` to `to` (a site URL or a file path under the site)."""
    target = _relpath(to or ".", from_url.rstrip("/") or ".")
    if (not to or to.endswith("/")) and not target.endswith("/"):
        target += "/"
    return "./" if target in (".", "./") else target


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for two site-relative paths, without its abspath/getcwd calls.

    Tens of thousands of links are made per build; only paths with '..' (whose result depends
    on the working folder) or absolute ones go the long way, so the result is always the same.
    """
    if path[:1] == "/" or start[:1] == "/" or ".." in path or ".." in start:
        return posixpath.relpath(path, start)
    to_parts = [x for x in path.split("/") if x and x != "."]
    from_parts = [x for x in start.split("/") if x and x != "."]
    i = 0
    for a, b in zip(to_parts, from_parts, strict=False):
        if a != b:
            break
        i += 1
    return "/".join([".."] * (len(from_parts) - i) + to_parts[i:]) or "."


_MD_MEDIA = re.compile(r"(\]\(\s*<?)/?(?:\./)?(media/)")
_HTML_MEDIA = re.compile(r"(\b(?:src|href)\s*=\s*[\"'])/?(?:\./)?(media/)")


def rebase_media(body: str, dest: str) -> str:
    """Rewrite 'media/…' paths in a Markdown body written into the docs file `dest`.

    Markdown links are resolved by MkDocs relative to the source file; raw HTML is left as it is,
    so it must be relative to the page's URL.
    """
    src_prefix = relative(posixpath.dirname(dest) + "/", "media/x").removesuffix("media/x")
    url_prefix = relative(page_url(dest), "media/x").removesuffix("media/x")
    body = _MD_MEDIA.sub(lambda m: m.group(1) + src_prefix + m.group(2), body)
    return _HTML_MEDIA.sub(lambda m: m.group(1) + url_prefix + m.group(2), body)


def author_markdown(body: str, dest: str) -> str:
    """An author's Markdown as it goes into the page written at `dest`: media paths rebased,
    masked numbers kept."""
    return keep_masks(rebase_media(body, dest))


_IMPORT = re.compile(r"""(?:import|include|extends|from)\s+["']([^"']+)["']\s*(~)?""")


class PageWriter:
    """Renders templates into page sources; each page gets links relative to itself."""

    def __init__(self, catalog: Catalog, templates: Templates, memo: Memo | None = None):
        self.catalog = catalog
        self.env = make_env(templates.search_path("pages"), markdown=True)
        self.pages: dict[str, str] = {}
        self.memo = memo
        self._pure: dict[str, bool] = {}

    def render(self, template: str, dest: str, **ctx: Any) -> None:
        if self.memo is not None and self._is_pure(template):
            try:
                key = (template, dest, fingerprint(ctx))
            except TypeError:
                key = None
            if key is not None:  # the page is a function of its arguments: reuse it while they stand
                text, _alive = self.memo.get(
                    key, lambda _: (self._render(template, dest, ctx), ctx), Problems()
                )
                self.pages[dest] = text
                return
        self.pages[dest] = self._render(template, dest, ctx)

    def page(self, template: str, url: str, **ctx: Any) -> None:
        """Render the page of a record at its address (kinds' url()): 'grids/a/' → grids/a.md."""
        self.render(template, url.removesuffix("/") + ".md", **ctx)

    def _render(self, template: str, dest: str, ctx: dict) -> str:
        url = page_url(dest)
        return self.env.get_template(template).render(
            cat=self.catalog,
            site=self.catalog.config,
            u=lambda to: escape(relative(url, to)),  # a link we made: HTML-escaped, Markdown as it is
            md=lambda body: Markup(fence(author_markdown(body, dest))),  # cleaned by the engine
            **ctx,
        )

    def _is_pure(self, template: str) -> bool:
        """True when the template (and the macros it imports) never reads `cat`, the whole catalog."""
        if template not in self._pure:
            self._pure[template] = False  # while it is being read (templates that include each other)
            source = self.env.loader.get_source(self.env, template)[0]
            imported = []
            for name, joined in re.findall(_IMPORT, source):
                if joined:  # a name made from a value ("panels/" ~ kind ~ ".md.j2"): every candidate
                    imported += [t for t in self.env.list_templates() if t.startswith(name)]
                else:
                    imported.append(name)
            self._pure[template] = not re.search(r"\bcat\b", source) and all(map(self._is_pure, imported))
        return self._pure[template]


def fingerprint(value: Any) -> Hashable:
    """What a page's arguments hold, as a key: records by identity (the preview's memo hands out
    the same record objects while their file is unchanged, and the key's entry keeps them alive),
    everything else by value. TypeError for anything else: that page is then always rendered."""
    if value is None or isinstance(value, str | int | float | bool | dt.date | Decimal):
        return value
    if isinstance(value, BaseModel):
        return ("record", id(value))
    if dataclasses.is_dataclass(value):
        return (
            type(value).__name__,
            *(fingerprint(getattr(value, f.name)) for f in dataclasses.fields(value)),
        )
    if isinstance(value, list | tuple):
        return ("seq", *map(fingerprint, value))
    if isinstance(value, dict):
        return ("map", *((k, fingerprint(v)) for k, v in value.items()))
    raise TypeError(type(value).__name__)


def render_pages(catalog: Catalog, templates: Templates, memo: Memo | None = None) -> dict[str, str]:
    """Every page of the public site, as Markdown sources keyed by their path in the docs folder:
    the home page, every kind's pages (kinds/registry.py), the sitemap.

    With a memo (the live preview), pages whose template reads only its arguments are reused
    while those arguments stand; the memo must be dropped when templates or config change."""
    w = PageWriter(catalog, templates, memo)
    postings = posting_views(catalog)
    current = [p for p in postings if p.state.current]
    w.render(
        "home.md.j2",
        "index.md",
        figures=catalog.figures,
        stories=catalog.stories[: catalog.config.home.stories],
        postings=current[: catalog.config.home.postings],
        panels=registry.panels(catalog, catalog.config.district.id),
        deeds=wish_figures(catalog, catalog.config.district.id),
    )
    for kind in registry.KINDS:
        if kind.pages is not None:
            kind.pages(w, catalog)
    years: dict[int, list] = defaultdict(list)
    for s in catalog.stories:
        years[s.meta.date.year].append(s)
    w.render(
        "sitemap.md.j2",
        "sitemap.md",
        months=months_of(postings),
        years=dict(years),
        tags=tags_of(catalog.stories),
        feeds=feeds.district_feeds(catalog.config),
        community_feeds={cid: feeds.community_feeds(com) for cid, com in catalog.community.items()},
        sections=[s for k in registry.KINDS if k.sitemap is not None and (s := k.sitemap(catalog))[1]],
    )
    return w.pages
