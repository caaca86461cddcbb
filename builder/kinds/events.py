"""Events (content/events/*.yml; their dates: event_dates.py): one-off, multi-day and recurring events; what's on, a month
calendar, a page per event, the archive, 近期活动 on the home, street, community and grid pages,
the events slides of the screens and each community's 本月活动 poster.

A recurring event (`repeat: 每月第一个周六`) is expanded into its dates from `events.window_days`
(site_config.yml, 92 by default) before the build date to as many after it, and never past its
`until`; a one-off event is always listed. A cancelled or postponed event stays listed, marked,
with its reason."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from ..model.events import Event
from ..privacy import shown_office_phone
from .event_calendars import calendar_files
from .event_dates import (
    STATUS,
    Occurrence,
    ScopeIndex,
    by_day,
    day_label,
    moment,
    occurrence,
    occurrences_of,
    shown,
    when,
)
from .event_posters import posters
from .grids import SCOPE
from .kind import Kind, Show, Slide, Target, nav_entry
from .linking import Linker
from .org import community_url
from .services import station_url

EVENT_KIND = Target("活动类型", "event kind")
PLACE = Target("地点（驿站或社区编号）", "place (station or community id)", ("org", "services"))
SCREEN_DAYS = 14  # the events slides show what starts within two weeks
PANEL_COUNT = 5  # 近期活动 on a home, street, community or grid page


@dataclass(frozen=True)
class Place:
    """Where an event is, as the public reads it: a name, an address, and a page when it is a
    care station or a community of the site."""

    name: str
    address: str = ""
    url: str = ""  # the station's or community's page
    community: str = ""  # the community id it is in, when known


def event_url(e: Event) -> str:
    return f"events/{e.id}/"


def calendar_url(month: str) -> str:
    """The calendar of a month (YYYY-MM)."""
    return f"events/calendar/{month}/"


def scope_url(scope: str) -> str:
    """What's on in a street or community."""
    return f"events/at/{scope}/"


def ics_url(scope: str | None = None, cat=None) -> str:
    """The calendar file (.ics) of the district, a street or a community."""
    if scope is None:
        return "calendar/events.ics"
    return f"calendar/{'communities' if scope in cat.community else 'streets'}/{scope}.ics"


def event_ics_url(e: Event) -> str:
    """The calendar file (.ics) of one event (every date of a series)."""
    return f"calendar/events/{e.id}.ics"


def link(link: Linker) -> None:
    events: list[Event] = link.of("events")
    cat, config = link.catalog, link.config
    link.ids("活动", events)
    stations = {st.id: st for st in cat.stations}
    places = {}
    for e in events:
        places[e.id] = place_of(e, cat, stations)
        _check_references(link, e, places[e.id])
        _check_times(link, e)
        for photo in e.photos:
            link.media.check(photo.file, photo, ("file",))
        link.media.check_body(e.description, e, None, ("description",))
    published = [e for e in events if not e.draft]
    occurrences = sorted(
        (o for e in published for o in occurrences_of(e, link.today, config.events.window_days)),
        key=lambda o: (o.day, moment(o.start), o.event.id),
    )
    cat.add(events=published, occurrences=occurrences, event_places=places)
    cat.add(event_index=ScopeIndex(cat, occurrences))


def _check_references(link: Linker, e: Event, place: Place) -> None:
    cat, config = link.catalog, link.config
    if e.kind and e.kind not in config.events.kinds:
        link.unknown(e, ("kind",), EVENT_KIND, e.kind, config.events.kinds)
    if e.scope and e.scope not in cat.scope_name:
        link.unknown(e, ("scope",), SCOPE, e.scope, cat.scope_name)
    if re.fullmatch(r"[a-z0-9][a-z0-9_-]*", e.place) and not place.url:
        choices = [*(st.id for st in cat.stations), *cat.community]
        link.unknown(e, ("place",), PLACE, e.place, choices)
    if e.status != "scheduled" and not e.reason:
        word = STATUS[e.status]
        link.problems.add(
            *e.at("status"),
            f"{word}的活动要写明原因：请加 reason:，如 reason: 因天气原因{word[1:]}（居民会看到这句话）",
            f"a {e.status} event needs reason: (residents read it)",
        )


def _check_times(link: Linker, e: Event) -> None:
    first = occurrence(e, e.start if e.all_day else e.start.date())
    if moment(first.end) < moment(first.start):
        link.problems.add(
            *e.at("end"),
            f"结束（{shown(first.end)}）早于开始（{shown(first.start)}）：请检查 start 和 end",
            f"end ({shown(first.end)}) is before start ({shown(first.start)})",
        )
    if e.join.deadline and e.join.deadline > first.day and not e.repeat:
        link.problems.add(
            *e.at("join", "deadline"),
            f"报名截止（{e.join.deadline}）晚于活动开始（{first.day}）：请检查日期",
            f"the sign-up deadline ({e.join.deadline}) is after the event starts ({first.day})",
        )
    if e.until and e.until < first.day:
        link.problems.add(
            *e.at("until"),
            f"重复到 {e.until} 为止，早于第一次活动（{first.day}）：请检查 until",
            f"until ({e.until}) is before the first date ({first.day})",
        )
    for key in ("except_", "until"):
        if getattr(e, key) and not e.repeat:
            name = key.rstrip("_")
            link.problems.add(
                *e.at(name),
                f"{name}: 只用于重复的活动：请写 repeat:（如 每周三），或删去 {name}:",
                f"{name}: belongs to a recurring event (repeat:)",
            )


def place_of(e: Event, cat, stations: dict) -> Place:
    """The event's place: a care station (`stations`: by id) or a community of the site, or the
    address written."""
    station = stations.get(e.place)
    if station is not None:
        com = cat.community.get(station.community)
        address = station.address or (com.address if com else "")
        return Place(station.name, address, station_url(station), station.community)
    com = cat.community.get(e.place)
    if com is not None:
        return Place(f"{com.name}党群服务中心", com.address, community_url(com), com.id)
    return Place(e.place)


def upcoming(cat, scope: str | None = None) -> list[Occurrence]:
    """Occurrences not over on the build date (in `scope`: the same rule as postings)."""
    today = dt.datetime.combine(cat.today, dt.time())
    found = cat.occurrences if scope is None else cat.event_index.concerning(scope)
    return [o for o in found if o.stops > today]


def panel(cat, scope: str) -> list[Occurrence]:
    """近期活动 on a scope's page: the next few events that concern it."""
    return [cat.view(o) for o in upcoming(cat, scope)[:PANEL_COUNT]]


def _slides(cat, screen, item, postings) -> list[Slide]:
    horizon = dt.datetime.combine(cat.today + dt.timedelta(days=SCREEN_DAYS), dt.time())
    return [
        Slide("event", 0, event_url(o.event), stop=f"{o.stops:%Y-%m-%dT%H:%M:%S}", data=cat.view(o))
        for o in upcoming(cat, screen.scope)
        if moment(o.start) < horizon
    ]


def public(o: Occurrence, cat) -> dict:
    """An occurrence as pages, slides and posters show it (privacy applied: the sign-up phone is
    an office's, a mobile is masked unless content/public_numbers.yml lists it)."""
    e = o.event
    phone = e.join.phone
    return {
        "o": o,
        "e": e,
        "url": event_url(e),
        "place": cat.event_places[e.id],
        "kind": cat.config.events.kinds.get(e.kind, "") if e.kind else "",
        "scope": cat.scope_name.get(e.scope or cat.config.district.id, ""),
        "date": day_label(o.day),
        "when": when(o),
        "dated": when(o) if len(o.days) > 1 else f"{day_label(o.day)} {when(o)}",  # with its day
        "status": o.status,
        "phone": shown_office_phone(phone, e.src_path, cat.public_numbers) if phone else None,
    }


def _days(cat, occurrences: list[Occurrence], first: dt.date | None = None) -> list[tuple]:
    """(day label, ISO date, views) for each day something runs on (from `first`)."""
    return [
        (day_label(d), d.isoformat(), [cat.view(o) for o in items])
        for d, items in by_day(occurrences, first).items()
    ]


def pages(w, cat) -> None:
    """What's on, each street's and community's events, the calendar months, the archive, and a
    page per event."""
    soon = upcoming(cat)
    scopes = _scopes(cat)
    months = month_links(cat)
    w.render(
        "events.md.j2",
        "events/index.md",
        days=_days(cat, soon, cat.today),
        months=months,
        scopes=[(name, scope_url(scope)) for scope, name in scopes.items()],
        calendars=[("全区活动", ics_url())],
    )
    for scope, name in scopes.items():
        days = _days(cat, upcoming(cat, scope), cat.today)
        ics = [(f"{name}的活动", ics_url(scope, cat))]
        w.page("events_at.md.j2", scope_url(scope), scope=scope, name=name, days=days, calendars=ics)
    for month, _label, path in months:
        w.page("events_month.md.j2", path, month=month, weeks=_weeks(cat, month), months=months)
    current = set(map(id, soon))
    archive: dict[str, list] = defaultdict(list)
    for o in reversed(cat.occurrences):
        if id(o) not in current:
            archive[f"{o.day:%Y-%m}"].append(cat.view(o))
    w.render("events_archive.md.j2", "events/archive/index.md", months=dict(archive))
    for e in cat.events:
        dates = [cat.view(o) for o in cat.event_index.by_event.get(e.id, [])]
        ics = [("这个活动", event_ics_url(e))]
        w.page(
            "event.md.j2", event_url(e), e=e, dates=dates, first=dates[0] if dates else None, calendars=ics
        )


def _months(cat) -> list[str]:
    """The months the calendar shows: those of the window around the build date."""
    span = dt.timedelta(days=cat.config.events.window_days)
    first, last = cat.today - span, cat.today + span
    months, day = [], first.replace(day=1)
    while day <= last:
        months.append(f"{day:%Y-%m}")
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return months


def _weeks(cat, month: str) -> list[list[tuple[dt.date, list]]]:
    """The month's weeks, Monday first: (day, its occurrences) for each day (None outside it)."""
    first = dt.date.fromisoformat(month + "-01")
    days = by_day(cat.occurrences)
    start = first - dt.timedelta(days=first.weekday())
    weeks = []
    while start.month == first.month or start < first:
        week = []
        for i in range(7):
            d = start + dt.timedelta(days=i)
            items = [cat.view(o) for o in days.get(d, [])]
            week.append((d, items) if d.month == first.month else (None, []))
        weeks.append(week)
        start += dt.timedelta(days=7)
        if start.month != first.month and start > first:
            break
    return weeks


def _scopes(cat) -> dict[str, str]:
    """Streets and communities with something on: id → name, in the directory's order."""
    out = {}
    for street in cat.streets:
        for scope, name in [(street.id, street.name), *((c.id, c.name) for c in street.communities)]:
            if upcoming(cat, scope):
                out[scope] = name
    return out


def _sitemap(cat) -> tuple[str, list]:
    """近期活动 on the 网站地图 page: what's on, every event, the months, the streets and communities."""
    scopes = _scopes(cat)
    return (
        "近期活动",
        [
            ("近期活动", "events/", [(e.title, event_url(e)) for e in cat.events]),
            ("活动月历", month_links(cat)[0][2], [(label, path) for _m, label, path in month_links(cat)]),
            ("按街道、社区查看", "events/", [(name, scope_url(s)) for s, name in scopes.items()]),
            ("往期活动", "events/archive/", []),
        ],
    )


def month_links(cat) -> list[tuple[str, str, str]]:
    """(YYYY-MM, 2026 年 12 月, its calendar page) of the months the calendar shows."""
    return [(m, f"{int(m[:4])} 年 {int(m[5:])} 月", calendar_url(m)) for m in _months(cat)]


def _office_phones(events: list[Event]):
    for e in events:
        yield e.join, "phone"


def _vocabulary(cat):
    for e in cat.events:
        yield from (e.title, e.organiser)


KIND = Kind(
    id="events",
    name="活动 events",
    files=("content/events/*.yml", "content/events/*.yaml"),
    shape="records",
    model=Event,
    after=("org", "grids", "services"),
    link=link,
    pages=pages,
    posters=posters,
    urls={Event: event_url},
    panel=panel,
    outputs=calendar_files,
    sitemap=_sitemap,
    views={Occurrence: public},
    nav=(45, nav_entry("近期活动", "events/index.md")),
    shows={"events": Show(_slides, 10, description="events 近期活动")},
    schema=("event", "content/events/*.yml 活动"),
    office_phones=_office_phones,
    vocabulary=_vocabulary,
)
