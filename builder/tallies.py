"""Tallies of 为民办实事: wishes posted, claimed and fulfilled, units and members reported, projects
and needs, counted from the catalog for a scope (the district, a street, a community), never typed
in. "This year" is the build date's year, and nothing dated after the build date counts."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .catalog import Catalog


@dataclass(frozen=True)
class Month:
    """One month of the year: wishes posted and fulfilled in it."""

    month: int
    posted: int
    fulfilled: int


@dataclass(frozen=True)
class Tally:
    """What a scope's 为民办实事 figures show."""

    scope: str
    name: str
    year: int
    posted: int  # wishes posted this year
    claimed: int  # wishes claimed this year
    fulfilled: int  # wishes fulfilled this year
    waiting: int  # wishes open (待认领) on the build date, whenever posted
    months: tuple[Month, ...]  # January to the build month
    units: int  # reporting units (报到单位) reported by the build date
    members: int  # reporting members (报到党员)
    projects_done: int
    projects_underway: int
    needs_answered: int  # a need with a project or a reply
    needs_waiting: int

    @property
    def has_any(self) -> bool:
        """True when there is anything to show (a district without these kinds shows nothing)."""
        return any(
            (self.posted, self.claimed, self.fulfilled, self.waiting, self.units, self.members)
        ) or any((self.projects_done, self.projects_underway, self.needs_answered, self.needs_waiting))


def _in_year(day: dt.date | None, today: dt.date) -> bool:
    return day is not None and day.year == today.year and day <= today


def tally(cat: Catalog, scope: str) -> Tally:
    """The figures of `scope` (a district, street or community id) on the build date."""
    today = cat.today
    communities = cat.communities_in(scope)
    wishes = [w for c in communities for w in cat.wishes_of.get(c, ())]
    units = [u for c in communities for u in cat.units_of.get(c, ())]
    members = [m for c in communities for m in cat.members_of.get(c, ())]
    needs = [n for c in communities for n in cat.needs_of.get(c, ()) if n.raised <= today]
    projects = [p for c in communities for p in cat.projects_of.get(c, ())]
    of_need = cat.projects_of_need
    claimed = [w.claimed.date for w in wishes if w.claimed]
    fulfilled = [w.fulfilled.date for w in wishes if w.fulfilled]
    posted_in = Counter(w.posted.month for w in wishes if _in_year(w.posted, today))
    fulfilled_in = Counter(d.month for d in fulfilled if _in_year(d, today))
    answered = sum(bool(of_need.get(n.id)) or (bool(n.reply) and _not_after(n.replied, today)) for n in needs)
    return Tally(
        scope=scope,
        name=cat.scope_name.get(scope, scope),
        year=today.year,
        posted=posted_in.total(),
        claimed=sum(_in_year(d, today) for d in claimed),
        fulfilled=fulfilled_in.total(),
        waiting=sum(w.status == "open" and w.posted <= today for w in wishes),
        months=tuple(Month(m, posted_in[m], fulfilled_in[m]) for m in range(1, today.month + 1)),
        units=sum(u.reported <= today for u in units),
        members=sum(m.reported <= today for m in members),
        projects_done=sum(p.status == "done" for p in projects),
        projects_underway=sum(p.status == "underway" for p in projects),
        needs_answered=answered,
        needs_waiting=len(needs) - answered,
    )


def _not_after(day: dt.date | None, today: dt.date) -> bool:
    """A reply with no date counts; a reply dated after the build date does not yet."""
    return day is None or day <= today
