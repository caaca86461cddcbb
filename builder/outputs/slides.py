"""Slides: a screen's playlist → the slides it shows, each with its public page and its own
showing period (so a screen that is not rebuilt for weeks still drops what has expired)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from ..catalog import Catalog, grid_figures
from ..model.screens import PlaylistItem, Screen
from ..pages import story_url
from ..privacy import shown_office_phone
from ..views import PostingView, excerpt, posting_views, team_cards

# slides an item makes when it gives no count: enough for a lobby's loop, not thousands
DEFAULT_COUNT = {"board": 30, "teams": 30, "stories": 5, "showcase": 10, "services": 10, "stations": 10}
PER_SLIDE = {"services": 6, "stations": 4}  # list entries that fit one slide at 32 px


@dataclass
class Slide:
    """One slide: its template, how long it stays, the page its QR code opens, when it may show."""

    kind: str
    seconds: int
    url: str  # path of the matching public page, e.g. grids/hdc-01/ ('' for none)
    start: str = ""  # local date-time "YYYY-MM-DDTHH:MM:SS" before which it is not shown
    stop: str = ""  # local date-time from which it is no longer shown
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Capped:
    """A playlist item that had more than it shows (reported as a warning)."""

    screen: Screen
    index: int
    shown: int
    available: int


def _day_start(d: dt.date | None) -> str:
    return f"{d.isoformat()}T00:00:00" if d else ""


def _after(d: dt.date | None) -> str:
    """The start of the day after `d`: when a slide showing until `d` stops ('' for never)."""
    if d is None or d >= dt.date.max:  # content dates stop at 2100 (model.base); never overflow
        return ""
    return _day_start(d + dt.timedelta(days=1))


def _earliest(*stops: str) -> str:
    return min((s for s in stops if s), default="")


def current_postings(catalog: Catalog) -> list[PostingView]:
    """The postings in their publicity period on the build date, newest first."""
    return [v for v in posting_views(catalog) if v.state.current]


def build_slides(
    catalog: Catalog, screen: Screen, capped: list[Capped], postings: list[PostingView]
) -> list[Slide]:
    """Every slide of the screen's playlist, in order."""
    slides: list[Slide] = []
    for i, item in enumerate(screen.playlist):
        limit = item.count or DEFAULT_COUNT.get(item.show)
        found = _MAKERS[item.show](catalog, screen, item, postings)
        made = list(islice(found, limit) if item.show == "stories" else found)  # newest first: stop early
        if limit is not None and len(made) > limit:
            if item.count is None and item.show != "stories":  # "the latest five" is no loss
                capped.append(Capped(screen, i, limit, len(made)))
            made = made[:limit]
        start, stop = _day_start(item.show_from), _after(item.show_until)
        for s in made:
            s.seconds = item.seconds or screen.seconds
            s.start = max(s.start, start)
            s.stop = _earliest(s.stop, stop)
        slides += made
    return slides


def _board(catalog: Catalog, screen: Screen, item: PlaylistItem, postings: list[PostingView]) -> list[Slide]:
    return [
        Slide("board", 0, f"board/{v.p.id}/", stop=_after(v.p.until), data={"v": v})
        for v in postings
        if catalog.concerns(screen.scope, v.p.scope) and (not item.category or v.p.category == item.category)
    ]


def _teams(catalog: Catalog, screen: Screen, item: PlaylistItem, postings) -> list[Slide]:
    out = []
    for g in catalog.grids_in(screen.scope):
        if g.community not in catalog.community:
            continue
        data = {
            "g": g,
            "com": catalog.community[g.community],
            "team": team_cards(g, catalog),
            "supervision": shown_office_phone(g.supervision_phone, g.src_path, catalog.public_numbers),
        }
        out.append(Slide("team", 0, f"grids/{g.id}/", data=data))
    return out


def _stories(catalog: Catalog, screen: Screen, item: PlaylistItem, postings) -> Iterator[Slide]:
    for s in catalog.stories:
        places = [*s.meta.communities, *s.meta.grids]
        if not places or any(catalog.concerns(screen.scope, p) for p in places):
            yield Slide("story", 0, story_url(s), data={"s": s, "summary": excerpt(s.body, 140)})


def _figures(catalog: Catalog, screen: Screen, item: PlaylistItem, postings) -> list[Slide]:
    grids = catalog.grids_in(screen.scope)
    communities = set(catalog.communities_in(screen.scope))
    figures = grid_figures(grids, catalog.config)
    figures.communities = len(communities)
    figures.stations = sum(st.community in communities for st in catalog.stations)
    figures.services = len(catalog.services)
    name = catalog.scope_name.get(screen.scope, screen.scope)
    return [Slide("figures", 0, "directory/", data={"f": figures, "name": name})]


def _services(catalog: Catalog, screen: Screen, item: PlaylistItem, postings) -> list[Slide]:
    grids = catalog.grids_in(screen.scope)
    ids = list(dict.fromkeys(sid for g in grids for sid in g.services if sid in catalog.services))
    if screen.scope == catalog.config.district.id or not ids:
        ids = list(catalog.services)
    rows = [
        (s, shown_office_phone(s.contact, s.src_path, catalog.public_numbers))
        for s in (catalog.services[i] for i in ids)
    ]
    return _chunks("services", "services/", rows)


def _stations(catalog: Catalog, screen: Screen, item: PlaylistItem, postings) -> list[Slide]:
    communities = set(catalog.communities_in(screen.scope))
    rows = [
        (st, shown_office_phone(st.contact, st.src_path, catalog.public_numbers))
        for st in catalog.stations
        if st.community in communities
    ]
    return _chunks("stations", "services/stations/", rows)


def _chunks(kind: str, url: str, rows: list) -> list[Slide]:
    n = PER_SLIDE[kind]
    parts = [rows[i : i + n] for i in range(0, len(rows), n)]
    return [
        Slide(kind, 0, url, data={"rows": part, "part": k + 1, "parts": len(parts)})
        for k, part in enumerate(parts)
    ]


def _showcase(catalog: Catalog, screen: Screen, item: PlaylistItem, postings) -> list[Slide]:
    communities = set(catalog.communities_in(screen.scope))
    out = []
    for s in catalog.showcases:
        if s.community in communities:
            year = max(s.stars, default=None)
            data = {"s": s, "year": year, "stars": s.stars.get(year, 0) if year else 0}
            out.append(Slide("showcase", 0, f"showcase/{s.id}/", data=data))
    return out


def _page(catalog: Catalog, screen: Screen, item: PlaylistItem, postings) -> list[Slide]:
    return [Slide("page", 0, f"about/{p.slug}/", data={"p": p}) for p in catalog.pages if p.slug == item.page]


_MAKERS = {
    "board": _board,
    "teams": _teams,
    "stories": _stories,
    "figures": _figures,
    "services": _services,
    "stations": _stations,
    "showcase": _showcase,
    "page": _page,
}
