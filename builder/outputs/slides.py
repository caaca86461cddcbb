"""Slides: a screen's playlist → the slides the kinds make for it (kinds/*.py `shows`), each with its public page and its own
showing period (so a screen that is not rebuilt for weeks still drops what has expired)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from ..kinds.kind import Slide, after, day_start
from ..kinds.registry import shows
from ..model.screens import Screen
from ..views import PostingView, posting_views

if TYPE_CHECKING:
    from ..catalog import Catalog


@dataclass
class Capped:
    """A playlist item that had more than it shows (reported as a warning)."""

    screen: Screen
    index: int
    shown: int
    available: int


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
        show = shows()[item.show]
        limit = item.count or show.count
        found = show.make(catalog, screen, item, postings)
        made = list(islice(found, limit) if show.newest_first else found)  # stop early
        if limit is not None and len(made) > limit:
            if item.count is None and not show.newest_first:  # "the latest five" is no loss
                capped.append(Capped(screen, i, limit, len(made)))
            made = made[:limit]
        start, stop = day_start(item.show_from), after(item.show_until)
        for s in made:
            s.seconds = item.seconds or screen.seconds
            s.start = max(s.start, start)
            s.stop = _earliest(s.stop, stop)
        slides += made
    return slides
