"""The registry: every content kind, in the order the site presents them. Stages loop over it
(reading `registry.KINDS` when they run, so a test can register a kind of its own);
`link_order` puts each kind after the kinds it links to."""

from __future__ import annotations

from functools import cache
from typing import Any

from . import (
    board,
    events,
    free_pages,
    grids,
    members,
    needs,
    notices,
    org,
    projects,
    screens,
    services,
    showcases,
    stories,
    studios,
    units,
    wishes,
)
from .kind import Kind, Show

KINDS: tuple[Kind, ...] = tuple(
    m.KIND
    for m in (
        org,
        grids,
        showcases,
        studios,
        services,
        board,
        events,
        units,
        members,
        wishes,
        needs,
        projects,
        stories,
        free_pages,
        notices,
        screens,
    )
)
BY_ID: dict[str, Kind] = {k.id: k for k in KINDS}


def link_order() -> tuple[Kind, ...]:
    """The kinds with every kind after those in its `after` (registry order otherwise)."""
    return _link_order(KINDS)


@cache
def _link_order(kinds: tuple[Kind, ...]) -> tuple[Kind, ...]:
    known = {k.id for k in kinds}
    for k in kinds:
        if set(k.after) - known:
            raise ValueError(f"kind '{k.id}' links after unknown kinds: {sorted(set(k.after) - known)}")
    done: list[Kind] = []
    left = list(kinds)
    while left:
        ready = next((k for k in left if all(a in {d.id for d in done} for a in k.after)), None)
        if ready is None:
            raise ValueError("kinds link to each other in a circle: " + ", ".join(k.id for k in left))
        done.append(ready)
        left.remove(ready)
    return tuple(done)


def shows() -> dict[str, Show]:
    """Every playlist entry a screen may show (`- show: teams`), by name."""
    return _shows(KINDS)


@cache
def _shows(kinds: tuple[Kind, ...]) -> dict[str, Show]:
    out: dict[str, Show] = {}
    for kind in kinds:
        for name, show in kind.shows.items():
            if name in out:
                raise ValueError(f"two kinds offer the screen entry '{name}'")
            out[name] = show
    return out


@cache
def _urls(kinds: tuple[Kind, ...]) -> dict[type, Any]:
    return {t: f for kind in kinds for t, f in kind.urls.items()}


def url(record: Any) -> str:
    """The site address of a record, as its kind decides it (e.g. 'grids/hdc-01/')."""
    return _urls(KINDS)[type(record)](record)


@cache
def _views(kinds: tuple[Kind, ...]) -> dict[type, Any]:
    return {t: f for kind in kinds for t, f in kind.views.items()}


def public_view(record: Any, catalog) -> Any:
    """A record as every output shows it (pages, slides, posters), privacy applied once: its
    kind's view (grids: the team as published and the supervision phone)."""
    return _views(KINDS)[type(record)](record, catalog)


def panels(catalog, scope: str) -> dict[str, Any]:
    """What each kind shows on the page of a scope (the home page: the district; a street, a
    community, a grid): kind id → its panel (events: 近期活动)."""
    found = {k.id: k.panel(catalog, scope) for k in KINDS if k.panel is not None}
    return {kind: panel for kind, panel in found.items() if panel}  # an empty one is not written


def navigation(catalog) -> list[dict]:
    """The top navigation: the home page, then each kind's entry in its order."""
    entries = sorted((k.nav for k in KINDS if k.nav), key=lambda n: n[0])
    nav: list[dict] = [{"首页": "index.md"}]
    return nav + [e for _, make in entries if (e := make(catalog)) is not None]
