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
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape
from pydantic import BaseModel

from . import sharing
from .catalog import Catalog
from .escape import as_text, keep_masks
from .memo import Memo
from .outputs import feeds
from .overrides import Templates
from .privacy import shown_office_phone
from .problems import Problems
from .sanitize import fence
from .views import excerpt, person_card, posting_views, tag_slug, team_cards


def story_url(s) -> str:
    """Site URL of a story page."""
    return f"stories/{s.meta.date.year}/{s.slug}/"


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
    env.filters["ymd"] = lambda d: d.strftime("%Y-%m-%d") if d else ""
    env.filters["ymdhm"] = lambda d: d.strftime("%Y-%m-%d %H:%M")
    env.globals["story_url"] = story_url
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
            source = self.env.loader.get_source(self.env, template)[0]
            imported = re.findall(r"""(?:import|include|extends|from)\s+["']([^"']+)["']""", source)
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


def _by_community(records: list) -> dict[str, list]:
    """Records grouped by their community id, in their original order."""
    out: dict[str, list] = defaultdict(list)
    for r in records:
        out[r.community].append(r)
    return out


def render_pages(catalog: Catalog, templates: Templates, memo: Memo | None = None) -> dict[str, str]:
    """Every page of the public site, as Markdown sources keyed by their path in the docs folder.

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
    )

    w.render("directory.md.j2", "directory/index.md")
    for street in catalog.streets:
        w.render("street.md.j2", f"streets/{street.id}.md", street=street)
    showcases_of, studios_of, stations_of = (
        _by_community(catalog.showcases),
        _by_community(catalog.studios),
        _by_community(catalog.stations),
    )
    for cid, com in catalog.community.items():
        w.render(
            "community.md.j2",
            f"communities/{cid}.md",
            com=com,
            feeds=[dataclasses.asdict(f) for f in feeds.community_feeds(com)],
            street=catalog.street_of[cid],
            grids=catalog.grids_of.get(cid, []),
            showcases=showcases_of.get(cid, []),
            studios=studios_of.get(cid, []),
            stations=stations_of.get(cid, []),
            phone=shown_office_phone(com.phone, com.src_path, catalog.public_numbers),
        )
    services = catalog.services
    stories_of: dict[str, list] = defaultdict(list)  # grid id → its stories, newest first
    for s in catalog.stories:
        for gid in dict.fromkeys(s.meta.grids):
            stories_of[gid].append(s)
    for g in catalog.grids:
        if g.community not in catalog.community:
            continue
        w.render(
            "grid.md.j2",
            f"grids/{g.id}.md",
            g=g,
            com=catalog.community[g.community],
            street=catalog.street_of[g.community],
            team=team_cards(g, catalog),
            services=[services[s] for s in g.services if s in services],
            stories=stories_of.get(g.id, []),
            supervision=shown_office_phone(g.supervision_phone, g.src_path, catalog.public_numbers),
        )

    w.render("showcases.md.j2", "showcase/index.md")
    for s in catalog.showcases:
        w.render("showcase.md.j2", f"showcase/{s.id}.md", s=s, com=catalog.community.get(s.community))
    w.render("studios.md.j2", "studios/index.md")
    for s in catalog.studios:
        w.render(
            "studio.md.j2",
            f"studios/{s.id}.md",
            s=s,
            com=catalog.community.get(s.community),
            secretary=person_card(s.secretary, catalog.config, s.secretary.title),
        )

    w.render("services.md.j2", "services/index.md")
    for s in services.values():
        contact = shown_office_phone(s.contact, s.src_path, catalog.public_numbers)
        w.render("service.md.j2", f"services/{s.id}.md", s=s, contact=contact)
    contacts = {
        st.id: shown_office_phone(st.contact, st.src_path, catalog.public_numbers) for st in catalog.stations
    }
    w.render("stations.md.j2", "services/stations.md", contacts=contacts)
    w.render(
        "teams.md.j2",
        "services/teams.md",
        leaders={t.id: person_card(t.leader, catalog.config, "队长") for t in catalog.teams if t.leader},
    )

    by_scope: dict[str, list] = defaultdict(list)
    for p in current:
        by_scope[p.scope].append(p)
    months: dict[str, list] = defaultdict(list)
    for p in postings:
        months[p.month].append(p)
    w.render(
        "board.md.j2",
        "board/index.md",
        by_scope=dict(by_scope),
        current=current,
        expired_count=len(postings) - len(current),
    )
    w.render("archive.md.j2", "board/archive/index.md", months=dict(months))
    for month, items in months.items():
        w.render("archive_month.md.j2", f"board/archive/{month}.md", month=month, items=items)
    for p in postings:
        w.render("posting.md.j2", f"board/{p.p.id}.md", v=p)

    tags: dict[str, list] = defaultdict(list)
    for s in catalog.stories:
        for t in s.meta.tags:
            tags[t].append(s)
    w.render("stories.md.j2", "stories/index.md", tags=dict(sorted(tags.items())))
    w.render("tags.md.j2", "stories/tags/index.md", tags=dict(sorted(tags.items())))
    for t, items in tags.items():
        w.render("tag.md.j2", f"stories/tags/{tag_slug(t)}.md", tag=t, items=items)
    for s in catalog.stories:
        w.render(
            "story.md.j2",
            f"stories/{s.meta.date.year}/{s.slug}.md",
            s=s,
            share_image=sharing.image_url(catalog.config, s.meta.cover),
            grids=[catalog.grid[g] for g in s.meta.grids if g in catalog.grid],
            communities=[catalog.community[c] for c in s.meta.communities if c in catalog.community],
        )
    for p in catalog.pages:
        w.render("free.md.j2", f"about/{p.slug}.md", p=p)
    years: dict[int, list] = defaultdict(list)
    for s in catalog.stories:
        years[s.meta.date.year].append(s)
    w.render(
        "sitemap.md.j2",
        "sitemap.md",
        months=dict(months),
        years=dict(years),
        tags=dict(sorted(tags.items())),
        feeds=feeds.district_feeds(catalog.config),
        community_feeds={cid: feeds.community_feeds(com) for cid, com in catalog.community.items()},
    )
    return w.pages
