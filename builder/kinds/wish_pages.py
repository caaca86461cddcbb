"""The public face of 微心愿 (kinds/wishes.py declares the kind): the district's wish wall, the
district's wishes of each status, each community's wall, the 微心愿 panel of the home, street,
community and grid pages, the 待认领的微心愿 slide and a community's wish poster.

A wish is shown through one public view (`public`): its status word, who claimed it (a member's
or a unit's name is public, as a grid team member's is; a volunteer team; or the name as written),
its photo only with the consent date of the people on it, and never its `note:`. District lists
are capped (a 3,000-grid district may hold 10,000 wishes) and say where the rest are."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from ..model.org import Community, Grid
from ..model.wishes import STATUS, Wish, WishPhoto
from .kind import Slide

PANEL_COUNT = 5  # newest open wishes on a home, street, community or grid page
WALL_OPEN = 60  # open wishes on the district's wall
STATUS_COUNT = 120  # wishes on a district status page
SLIDE_ROWS = 4  # open wishes on one slide
SLIDES = 3  # slides of one playlist entry when it gives no count
POSTER_ROWS = 10  # open wishes on a community's A4 poster
ORDER = tuple(STATUS)  # open, claimed, done, closed: the order of every filter and wall


@dataclass(frozen=True)
class Claimer:
    """Who took a wish on, as the public sees it: a name, and their page when they have one."""

    name: str
    url: str = ""


@dataclass(frozen=True)
class WishView:
    """A wish as every page, slide and poster shows it (no note; the photo only with consent)."""

    w: Wish
    url: str
    status: str  # 待认领 …
    community: Community
    grid: Grid | None
    claimer: Claimer | None
    photo: WishPhoto | None


@dataclass(frozen=True)
class Count:
    """One status of a filter: its word, how many wishes have it, and the page listing them."""

    status: str
    word: str
    n: int
    url: str


@dataclass(frozen=True)
class Group:
    """The wishes of one community on a district status page."""

    community: Community
    street: str
    wall: str
    wishes: list[WishView]


@dataclass(frozen=True)
class Panel:
    """微心愿 on a scope's page: the newest open wishes there, and the wall they lead to."""

    wishes: list[WishView]
    wall: str


def public(w: Wish, cat) -> WishView:
    """A wish as the public may see it."""
    from .registry import url
    from .wishes import claimer, wish_url  # wishes.py imports this module: its names are read late

    who = None
    if w.claimed is not None:
        found = claimer(cat, w.claimed.by)
        who = Claimer(found.name, url(found)) if found is not None else Claimer(w.claimed.by)
    photo = w.fulfilled.photo if w.fulfilled else None
    return WishView(
        w=w,
        url=wish_url(w),
        status=STATUS[w.status],
        community=cat.community[w.community],
        grid=cat.grid.get(w.grid) if w.grid else None,
        claimer=who,
        photo=photo if photo is not None and photo.consent is not None else None,
    )


def in_scope(cat, scope: str) -> list[Wish]:
    """The published wishes of a scope (district, street, community or grid), newest first."""
    if scope == cat.config.district.id:
        return cat.wishes
    if scope in cat.grid:
        return [w for w in cat.wishes_of.get(cat.grid[scope].community, []) if w.grid == scope]
    found = [w for c in cat.communities_in(scope) for w in cat.wishes_of.get(c, [])]
    return sorted(found, key=lambda w: (w.posted, w.id), reverse=True)


def open_in(cat, scope: str) -> Iterator[Wish]:
    """The open (待认领) wishes of a scope, newest first."""
    return (w for w in in_scope(cat, scope) if w.status == "open")


def wall_of(cat, scope: str) -> str:
    """The wall a scope's panel, slide or poster leads to: its community's, or the district's."""
    from .wishes import wall_url

    if scope in cat.grid:
        return wall_url(cat.grid[scope].community)
    return wall_url(scope) if scope in cat.community else wall_url()


def counts(wishes: list[Wish], links: bool = True) -> list[Count]:
    """How many wishes have each status, in the walls' order (with the district's status pages)."""
    from .wishes import status_url

    n = dict.fromkeys(ORDER, 0)
    for w in wishes:
        n[w.status] += 1
    return [Count(s, STATUS[s], n[s], status_url(s) if links else "") for s in ORDER]


def panel(cat, scope: str) -> Panel | None:
    """微心愿 on a scope's page: its newest open wishes and its wall (None: no panel)."""
    newest = list(islice(open_in(cat, scope), PANEL_COUNT))
    if not newest:
        return None
    return Panel([cat.view(w) for w in newest], wall_of(cat, scope))


def pages(w, cat) -> None:
    """The district's wall, the district's wishes of each status, and each community's wall."""
    from .wishes import status_url, wall_url

    open_all = [x for x in cat.wishes if x.status == "open"]
    streets = []
    for street in cat.streets:
        walls = [
            (com, wall_url(com.id), counts(cat.wishes_of[com.id]))
            for com in street.communities
            if cat.wishes_of.get(com.id)
        ]
        if walls:
            streets.append((street.name, walls))
    w.render(
        "wishes.md.j2",
        "wishes/index.md",
        counts=counts(cat.wishes),
        total=len(cat.wishes),
        wishes=[cat.view(x) for x in open_all[:WALL_OPEN]],
        open_total=len(open_all),
        streets=streets,
    )
    for status in ORDER:
        found = [x for x in cat.wishes if x.status == status]
        w.page(
            "wishes_status.md.j2",
            status_url(status),
            status=status,
            word=STATUS[status],
            counts=counts(cat.wishes),
            everything=len(cat.wishes),
            groups=_groups(cat, found[:STATUS_COUNT]),
            shown=min(len(found), STATUS_COUNT),
            total=len(found),
        )
    for cid, wishes in cat.wishes_of.items():
        sections = [(s, STATUS[s], [cat.view(x) for x in wishes if x.status == s]) for s in ORDER]
        w.page(
            "wishes_at.md.j2",
            wall_url(cid),
            com=cat.community[cid],
            street=cat.street_of[cid],
            counts=counts(wishes, links=False),
            sections=[sec for sec in sections if sec[2]],
        )


def _groups(cat, wishes: list[Wish]) -> list[Group]:
    """`wishes` by community, in the directory's order (street by street), each newest first."""
    from .wishes import wall_url

    by: dict[str, list[Wish]] = {}
    for x in wishes:
        by.setdefault(x.community, []).append(x)
    return [
        Group(com, street.name, wall_url(com.id), [cat.view(x) for x in by[com.id]])
        for street in cat.streets
        for com in street.communities
        if com.id in by
    ]


def slides(cat, screen, item, postings) -> Iterator[Slide]:
    """待认领的微心愿: the screen's scope's open wishes, newest first, a few to a slide, with a QR
    code to the wall of its community (the district's for a district or street screen)."""
    wishes = list(islice(open_in(cat, screen.scope), SLIDE_ROWS * (item.count or SLIDES)))
    parts = [wishes[i : i + SLIDE_ROWS] for i in range(0, len(wishes), SLIDE_ROWS)]
    wide = screen.scope not in cat.community and screen.scope not in cat.grid  # name each community
    scope, wall = cat.scope_name[screen.scope], wall_of(cat, screen.scope)
    for i, rows in enumerate(parts, 1):
        data = {
            "rows": [cat.view(x) for x in rows],
            "part": i,
            "parts": len(parts),
            "wide": wide,
            "scope": scope,
        }
        yield Slide("wishes", 0, wall, data=data)


def posters(w, cat) -> None:
    """微心愿 for every community with open wishes (A4, print/wishes/<community>/): its open
    wishes, newest first, and a QR code to its wall."""
    from ..outputs.posters import community_poster, stamp  # the poster stage's own helpers
    from .wishes import wall_url

    site_name = cat.config.site.name
    for cid, com in cat.community.items():
        waiting = list(open_in(cat, cid))
        if not waiting:
            continue
        w.sheet(
            cid,
            "微心愿（A4）",
            "print/wishes.html",
            community_poster("wishes", cid),
            paper="a4",
            com=com,
            street=cat.street_of[cid],
            phone=cat.view(com),
            wishes=[cat.view(x) for x in waiting[:POSTER_ROWS]],
            more=max(0, len(waiting) - POSTER_ROWS),
            wall=wall_url(cid),
            stamp=stamp(cat, f"{com.name}（{site_name}）", wall_url(cid)),
        )


def sitemap(cat) -> tuple[str, list]:
    """微心愿 on the 网站地图 page: the district's wall, each status, each community's wall."""
    from .wishes import status_url, wall_url

    return (
        "微心愿",
        [
            ("微心愿墙", wall_url(), [(STATUS[s], status_url(s)) for s in ORDER]),
            ("各社区的心愿墙", wall_url(), [(cat.community[c].name, wall_url(c)) for c in cat.wishes_of]),
        ],
    )


def vocabulary(cat) -> Iterator[str]:
    """Words search keeps whole: the section's name, the status words, who wishes are for."""
    yield "微心愿"
    yield from STATUS.values()
    yield from dict.fromkeys(w.for_ for w in cat.wishes)
