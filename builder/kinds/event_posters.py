"""Each community's 本月活动 poster (A4, print/events/<community>/): the events of the build date's
month (all of it, the days already past too) that concern it (the same scope rule as the board and the screens), by day, with the time,
the place and how to sign up. Printed beside the community's board posters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .event_dates import Occurrence, day_label


@dataclass(frozen=True)
class PosterDay:
    """One day of the poster: its label (12月12日 星期六) and the events starting on it."""

    label: str
    iso: str
    events: list  # public views (events.public)


def month_of(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of `today`'s month."""
    first = today.replace(day=1)
    return first, (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def poster_days(cat, community_id: str) -> list[PosterDay]:
    """The month's events that concern the community, each under the day it starts (an event that
    began last month under the 1st), days in order."""
    first, last = month_of(cat.today)
    days: dict[dt.date, list[Occurrence]] = {}
    for o in cat.event_index.concerning(community_id):
        if first <= o.last_day and o.day <= last:
            days.setdefault(max(o.day, first), []).append(o)
    return [
        PosterDay(day_label(d), d.isoformat(), [cat.view(o) for o in items])
        for d, items in sorted(days.items())
    ]


def posters(w, cat) -> None:
    """本月活动 for every community with something on this month (listed in print/index.html under
    its community); a community with nothing on gets no sheet to print."""
    from ..outputs.posters import community_poster, stamp  # the poster stage's own helpers
    from .events import calendar_url  # events.py registers this module's posters()

    site_name = cat.config.site.name
    first, _last = month_of(cat.today)
    for cid, com in cat.community.items():
        days = poster_days(cat, cid)
        if not days:
            continue
        w.sheet(
            cid,
            "本月活动（A4）",
            "print/events.html",
            community_poster("events", cid),
            paper="a4",
            com=com,
            street=cat.street_of[cid],
            month=first,
            days=days,
            stamp=stamp(cat, f"{com.name}（{site_name}）", calendar_url(f"{first:%Y-%m}")),
        )
