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

from icalendar import Calendar, Timezone
from icalendar import Event as VEvent

from ..outputs.qr import absolute_url
from .event_dates import Occurrence

TZ = ZoneInfo("Asia/Shanghai")
STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}


def calendar_files(cat) -> dict[str, str]:
    """Site path → .ics text: the district's, each street's and community's with events that
    concern it, and each event's. Each VEVENT is written once and shared by every file it is in."""
    from .events import event_ics_url, ics_url  # the kind imports this module

    stamp = dt.datetime.combine(cat.today, dt.time(), TZ).astimezone(dt.UTC)
    host = urlsplit(cat.config.site.url or "").hostname or f"{cat.config.district.id}.gridboard"
    texts = {id(o): _vevent(cat, o, stamp, host).to_ical().decode("utf-8") for o in cat.occurrences}
    write = _Writer(cat, texts)
    files = {ics_url(): write(f"{cat.config.site.name} · 活动", cat.occurrences)}
    for street in cat.streets:
        for scope, name in [(street.id, street.name), *((c.id, c.name) for c in street.communities)]:
            mine = cat.event_index.concerning(scope)
            if mine:
                files[ics_url(scope, cat)] = write(f"{name} · 活动", mine)
    for e in cat.events:
        mine = cat.event_index.by_event.get(e.id)
        if mine:
            files[event_ics_url(e)] = write(e.title, mine)
    return files


class _Writer:
    """A VCALENDAR around VEVENTs already written: its properties, the VTIMEZONE when a timed
    event needs it, the events."""

    def __init__(self, cat, texts: dict[int, str]):
        self.site, self.texts = cat.config.site.name, texts
        self.zone = Timezone.from_tzid("Asia/Shanghai").to_ical().decode("utf-8")

    def __call__(self, name: str, occurrences: list[Occurrence]) -> str:
        cal = Calendar()
        cal.add("prodid", f"-//Gridboard//{self.site}//ZH")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", "Asia/Shanghai")
        head = cal.to_ical().decode("utf-8").removesuffix("END:VCALENDAR\r\n")
        zone = self.zone if any(not o.all_day for o in occurrences) else ""
        return head + zone + "".join(self.texts[id(o)] for o in occurrences) + "END:VCALENDAR\r\n"


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
