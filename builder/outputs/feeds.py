"""Feeds: Atom feeds (feedgen) of the stories and of the open-affairs board, district-wide and
for each community, so that residents and staff can follow them in a feed reader.

- feeds/stories.xml, feeds/board.xml: the district's newest stories and postings;
  feeds/communities/<id>/stories.xml and board.xml: the stories that name the community (or one
  of its grids) and the postings whose scope is the community or one of its grids.
- Only what is published: the catalog holds no draft, no story under embargo, no internal or
  future posting. At most FEED_ENTRIES entries, newest first.
- The same bytes for the same content and --today: every time comes from content (a story's date,
  a posting's time, in Beijing time); an empty feed is dated --today. Entry ids are
  urn:uuid names derived from the district and the page, so they survive a change of address.
- Links: absolute when site.url is set (and then a rel="self" link); otherwise relative to the
  feed's own address, which RFC 4287 readers resolve against the address they fetched the feed
  from (feedparser, Thunderbird, NetNewsWire and Inoreader do).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from feedgen.feed import FeedGenerator

from .. import __version__, pages, sharing
from ..kinds.registry import url
from ..views import PostingView, excerpt, posting_views

if TYPE_CHECKING:
    from ..catalog import Catalog

FEED_ENTRIES = 50
BEIJING = dt.timezone(dt.timedelta(hours=8))  # dates and times in content are local
_NAMESPACE = uuid.UUID("5f0c1c8e-5d2b-4a53-9a55-2f5e8f3c9b10")  # Gridboard's: ids of feeds and entries
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # XML 1.0 forbids these


@dataclass(frozen=True)
class Feed:
    """One feed: where it is written, its title, and the page it follows."""

    path: str  # in the site, e.g. feeds/stories.xml
    title: str
    page: str  # site URL of the page listing the same things, e.g. stories/
    label: str  # what it follows: 工作动态 or 公开栏


@dataclass(frozen=True)
class Entry:
    """One entry, as plain values."""

    page: str  # site URL of the item's page
    title: str
    when: dt.datetime
    summary: str
    author: str
    categories: tuple[str, ...]


def district_feeds(config) -> list[Feed]:
    """The district's two feeds (also linked from every page's <head>)."""
    return [
        Feed("feeds/stories.xml", f"{config.site.name} · 工作动态", "stories/", "工作动态"),
        Feed("feeds/board.xml", f"{config.site.name} · 公开栏", "board/", "公开栏"),
    ]


def community_feeds(com) -> list[Feed]:
    """A community's two feeds (linked from its page's <head> and from the site map)."""
    base, page = f"feeds/communities/{com.id}/", url(com)
    return [
        Feed(base + "stories.xml", f"{com.name} · 工作动态", page, "工作动态"),
        Feed(base + "board.xml", f"{com.name} · 公开栏", page, "公开栏"),
    ]


def render_feeds(catalog: Catalog) -> dict[str, str]:
    """Every feed: site path → Atom XML."""
    stories = [_story(s) for s in catalog.stories]
    board = [(v, _posting(v)) for v in posting_views(catalog)]
    feeds_stories, feeds_board = district_feeds(catalog.config)
    out = {
        feeds_stories.path: _atom(catalog, feeds_stories, stories),
        feeds_board.path: _atom(catalog, feeds_board, [e for _, e in board]),
    }
    community_of_grid = {g.id: g.community for g in catalog.grids}
    for cid, com in catalog.community.items():
        own_stories = [
            e
            for s, e in zip(catalog.stories, stories, strict=True)
            if cid in s.meta.communities or any(community_of_grid.get(g) == cid for g in s.meta.grids)
        ]
        own_board = [e for v, e in board if cid in catalog.scope_chain(v.p.scope)[:2]]
        f_stories, f_board = community_feeds(com)
        out[f_stories.path] = _atom(catalog, f_stories, own_stories)
        out[f_board.path] = _atom(catalog, f_board, own_board)
    return out


def _story(s) -> Entry:
    return Entry(
        page=url(s),
        title=s.meta.title,
        when=dt.datetime.combine(s.meta.date, dt.time(0), BEIJING),
        summary=s.meta.summary or excerpt(s.body),
        author=s.meta.author or s.meta.source,
        categories=tuple(s.meta.tags),
    )


def _posting(v: PostingView) -> Entry:
    p = v.p
    labels = [v.category, v.scope, f"公示期 {p.posted:%Y-%m-%d} 至 {p.until:%Y-%m-%d}"]
    if p.status != "valid":
        labels.append("已撤销" if p.status == "repealed" else "已更正")
    body = excerpt(p.body)
    return Entry(
        page=url(p),
        title=p.title,
        when=p.posted.replace(tzinfo=BEIJING),
        summary=" · ".join(labels) + (f"\n{body}" if body else ""),
        author=p.source,
        categories=(v.category,),
    )


def _text(value: str) -> str:
    """Text as XML can carry it (a control character written as a YAML escape is dropped)."""
    return _NOT_XML.sub("", value)


def _atom(catalog: Catalog, feed: Feed, entries: list[Entry]) -> str:
    config = catalog.config
    here = posixpath.dirname(feed.path) + "/"

    def link(site_url: str) -> str:
        return sharing.absolute(config, site_url) or pages.relative(here, site_url)

    fg = FeedGenerator()
    fg.id(_id(config, feed.path))
    fg.title(_text(feed.title))
    fg.language("zh-CN")
    fg.author({"name": _text(config.footer.sponsor or config.site.name)})
    fg.generator("Gridboard", version=__version__)
    fg.link(href=link(feed.page), rel="alternate", type="text/html")
    if config.site.url:
        fg.link(href=sharing.absolute(config, feed.path), rel="self", type="application/atom+xml")
    if config.site.copyright:
        fg.rights(_text(config.site.copyright))
    shown = entries[:FEED_ENTRIES]
    newest = max((e.when for e in shown), default=None)
    fg.updated(newest or dt.datetime.combine(catalog.today, dt.time(0), BEIJING))
    for e in shown:
        fe = fg.add_entry(order="append")
        fe.id(_id(config, e.page))
        fe.title(_text(e.title) or "（无标题）")
        fe.link(href=link(e.page), rel="alternate", type="text/html")
        fe.updated(e.when)
        fe.published(e.when)
        if e.summary:
            fe.summary(_text(e.summary))
        if e.author:
            fe.author({"name": _text(e.author)})
        for term in filter(None, map(_text, e.categories)):
            fe.category(term=term)
    return fg.atom_str(pretty=True).decode("utf-8")


def _id(config, site_path: str) -> str:
    """A permanent id: the same for the same district and page, wherever the site is served."""
    return uuid.uuid5(_NAMESPACE, f"{config.district.id}:{site_path}").urn
