"""Event dates: an event's occurrences — when each starts and ends, the days it runs on — and how
a resident reads them (12月12日 星期六, 09:00—11:30, 全天)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from ..model.events import Event

STATUS = {"scheduled": "", "cancelled": "已取消", "postponed": "已延期"}


@dataclass(frozen=True)
class Occurrence:
    """One date of an event: when it starts and ends (for an all-day event, the first and last
    day; for a timed one, the moments)."""

    event: Event
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @property
    def day(self) -> dt.date:
        return self.start if self.all_day else self.start.date()

    @property
    def last_day(self) -> dt.date:
        return self.end if self.all_day else self.end.date()

    @property
    def days(self) -> list[dt.date]:
        """Every day it runs on (a multi-day event is listed under each)."""
        n = (self.last_day - self.day).days
        return [self.day + dt.timedelta(days=i) for i in range(n + 1)]

    @property
    def stops(self) -> dt.datetime:
        """The moment it is over: a timed event's end, an all-day event's next midnight."""
        if self.all_day:
            return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time())
        return self.end

    @property
    def status(self) -> str:
        """已取消 / 已延期, or '' for an event that takes place."""
        return STATUS[self.event.status]

    @property
    def uid(self) -> str:
        """Stable across builds: the event's id and the day (calendars match updates by it)."""
        return f"{self.event.id}-{self.day:%Y%m%d}"


def moment(when: dt.date | dt.datetime) -> dt.datetime:
    return when if isinstance(when, dt.datetime) else dt.datetime.combine(when, dt.time())


def shown(when: dt.date | dt.datetime) -> str:
    return f"{when:%Y-%m-%d %H:%M}" if isinstance(when, dt.datetime) else f"{when:%Y-%m-%d}"


def occurrence(e: Event, day: dt.date) -> Occurrence:
    """The event on `day` (its first day): start and end as that day's times."""
    first_day = e.start if e.all_day else e.start.date()
    shift = day - first_day
    end = e.end
    if e.all_day:
        last = end.date() if isinstance(end, dt.datetime) else end if isinstance(end, dt.date) else None
        return Occurrence(e, day, (last + shift) if last else day)
    start = e.start + shift
    if isinstance(end, dt.datetime):
        stop = end + shift
    elif isinstance(end, dt.time):
        stop = dt.datetime.combine(day, end)
    elif isinstance(end, dt.date):
        stop = dt.datetime.combine(end + shift, dt.time(23, 59))
    else:
        stop = dt.datetime.combine(day, dt.time(23, 59))
    return Occurrence(e, start, stop)


def occurrences_of(e: Event, today: dt.date, window: int) -> list[Occurrence]:
    """Every date of the event to list: a one-off event's one; a series' within the window."""
    first_day = e.start if e.all_day else e.start.date()
    rule = e.rule
    if rule is None:
        return [occurrence(e, first_day)]
    span = dt.timedelta(days=window)
    last = min(e.until or dt.date.max, today + span)
    days = rule.dates(max(first_day, today - span), last, first_day)
    return [occurrence(e, d) for d in days]


def by_day(occurrences: list[Occurrence], first: dt.date | None = None) -> dict[dt.date, list]:
    """Occurrences under each day they run on (from `first`), in order."""
    days: dict[dt.date, list] = defaultdict(list)
    for o in occurrences:
        for d in o.days:
            if first is None or d >= first:
                days[d].append(o)
    return dict(sorted(days.items()))


WEEKDAY_NAMES = "一二三四五六日"


def day_label(d: dt.date) -> str:
    """12月12日 星期六"""
    return f"{d.month}月{d.day}日 星期{WEEKDAY_NAMES[d.weekday()]}"


def when(o: Occurrence) -> str:
    """The time of an occurrence as a resident reads it: 09:00—11:30, 全天, 12月12日—14日."""
    if o.all_day:
        return (
            "全天"
            if o.day == o.last_day
            else f"{o.day.month}月{o.day.day}日—{o.last_day.month}月{o.last_day.day}日"
        )
    if o.day == o.last_day:
        return f"{o.start:%H:%M}—{o.end:%H:%M}" if o.end.time() != dt.time(23, 59) else f"{o.start:%H:%M} 起"
    return f"{o.start.month}月{o.start.day}日 {o.start:%H:%M}—{o.end.month}月{o.end.day}日 {o.end:%H:%M}"


class ScopeIndex:
    """Occurrences by the scopes they concern (the postings' rule: posted for the scope, a scope
    above it, or a part of it), found without testing every occurrence for every page."""

    def __init__(self, cat, occurrences: list[Occurrence]):
        district = cat.config.district.id
        self._chain = cat.scope_chain
        self._order = {id(o): i for i, o in enumerate(occurrences)}
        self._own: dict[str, list[Occurrence]] = defaultdict(list)  # posted for exactly this scope
        self._within: dict[str, list[Occurrence]] = defaultdict(list)  # for it or a part of it
        self.by_event: dict[str, list[Occurrence]] = defaultdict(list)
        for o in occurrences:
            scope = o.event.scope or district
            self._own[scope].append(o)
            for up in cat.scope_chain(scope):
                self._within[up].append(o)
            self.by_event[o.event.id].append(o)

    def concerning(self, scope: str) -> list[Occurrence]:
        """Every occurrence that concerns `scope`, in date order."""
        found = list(self._within.get(scope, ()))
        for up in self._chain(scope)[1:]:
            found += self._own.get(up, ())
        return sorted(found, key=lambda o: self._order[id(o)])
