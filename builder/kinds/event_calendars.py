"""Calendar files (.ics, RFC 5545, written by icalendar): the district's events, each street's,
each community's and each event's, for 加入日历.

Every date of an event is its own VEVENT (a series' exceptions are already left out), with a UID
that stays the same from build to build (the event's id and day), so a calendar that imported the
file updates the entry instead of adding another. DTSTAMP is the build date, so the same content
gives the same file. Times are in Asia/Shanghai, with its VTIMEZONE; an all-day event is a DATE
with an exclusive end. A cancelled event stays, as STATUS:CANCELLED (calendars strike it out);
a postponed one is TENTATIVE, with the reason in its description."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar import Event as VEvent

from ..outputs.qr import absolute_url
from .event_dates import Occurrence

TZ = ZoneInfo("Asia/Shanghai")
STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}


def calendar_files(cat) -> dict[str, str]:
    """Site path → .ics text: the district's, each street's and community's with events that
    concern it, and each event's."""
    from .events import event_ics_url, ics_url  # the kind imports this module

    district = cat.config.district.id
    site = cat.config.site.name
    files = {ics_url(): _calendar(cat, f"{site} · 活动", cat.occurrences)}
    for street in cat.streets:
        for scope, name in [(street.id, street.name), *((c.id, c.name) for c in street.communities)]:
            mine = [o for o in cat.occurrences if cat.concerns(scope, o.event.scope or district)]
            if mine:
                files[ics_url(scope, cat)] = _calendar(cat, f"{name} · 活动", mine)
    by_event: dict[str, list[Occurrence]] = {}
    for o in cat.occurrences:
        by_event.setdefault(o.event.id, []).append(o)
    for e in cat.events:
        if e.id in by_event:
            files[event_ics_url(e)] = _calendar(cat, e.title, by_event[e.id])
    return files


def _calendar(cat, name: str, occurrences: list[Occurrence]) -> str:
    cal = Calendar()
    cal.add("prodid", f"-//Gridboard//{cat.config.site.name}//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Shanghai")
    stamp = dt.datetime.combine(cat.today, dt.time(), TZ).astimezone(dt.UTC)
    host = urlsplit(cat.config.site.url or "").hostname or f"{cat.config.district.id}.gridboard"
    for o in occurrences:
        cal.add_component(_vevent(cat, o, stamp, host))
    cal.add_missing_timezones()
    return cal.to_ical().decode("utf-8")


def _vevent(cat, o: Occurrence, stamp: dt.datetime, host: str) -> VEvent:
    view = cat.view(o)
    e = o.event
    ev = VEvent()
    ev.add("uid", f"{o.uid}@{host}")
    ev.add("dtstamp", stamp)
    if o.all_day:
        ev.add("dtstart", o.day)
        ev.add("dtend", o.last_day + dt.timedelta(days=1))
    else:
        ev.add("dtstart", o.start.replace(tzinfo=TZ))
        ev.add("dtend", o.end.replace(tzinfo=TZ))
    ev.add("summary", f"【{o.status}】{e.title}" if o.status else e.title)
    place = view["place"]
    ev.add("location", f"{place.name}（{place.address}）" if place.address else place.name)
    ev.add("status", STATUS[e.status])
    ev.add("description", _description(view))
    if view["kind"]:
        ev.add("categories", [view["kind"]])
    if e.organiser:
        ev.add("x-gridboard-organiser", e.organiser)
    address = absolute_url(cat.config.site.url, view["url"])
    if address:
        ev.add("url", address)
    return ev


def _description(view: dict) -> str:
    """What a resident needs besides time and place, as plain lines."""
    e = view["e"]
    lines = []
    if view["status"] and e.reason:
        lines.append(f"{view['status']}：{e.reason}")
    if e.organiser:
        lines.append(f"主办：{e.organiser}")
    join = e.join
    if join.needed:
        how = "需要报名"
        if join.deadline:
            how += f"，{join.deadline:%Y-%m-%d} 截止"
        if join.capacity:
            how += f"，名额 {join.capacity} 人"
        if view["phone"]:
            how += f"，电话 {view['phone']}"
        lines.append(how)
    else:
        lines.append("无需报名")
    if join.note:
        lines.append(join.note)
    lines.append(f"费用：{e.cost}")
    return "\n".join(lines)
