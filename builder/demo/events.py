"""Events of the demo (content/events/<street>.yml): each street's monthly service fair and
volunteer week, each community's grid meeting, tea parties and clinics, and one-off events spread
around the build date, some cancelled or postponed with their reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..model.recurrence import parse
from . import words as w
from .state import State
from .yaml_files import dump

FAIR_REPEATS = ["每月第三个周六", "每月15日", "每月最后一个周五", "每月第二个周日"]
SERIES_BEGAN = 150  # days before the build date: recurring events fill the archive


def write_events(st: State, content: Path, streets: list[dict], communities: list[dict], grids) -> None:
    """One file per street: its fair and volunteer week, its communities' meetings and events."""
    grids_of: dict[str, list[dict]] = {}
    for g in grids:
        grids_of.setdefault(g["community"], []).append(g)
    stations = {com["id"]: f"yizhan-{i + 1:03d}" for i, com in enumerate(communities[::5])}
    n = 0
    for s, street in enumerate(streets):
        events = [_fair(st, street, s), _volunteer_week(st, street)]
        for c, com in enumerate(street["communities"]):
            n += 1
            events.append(_meeting(st, com, grids_of.get(com["id"], [])))
            if n % 3 == 0:
                events.append(_weekly(st, com, stations.get(com["id"]), n))
            events += _one_offs(st, street, com, cancel=c == 0, postpone=c == 1)
        dump(content / "events" / f"{street['id']}.yml", f"{street['name']}的活动", events)


def _first(repeat: str, after: dt.date, series: dt.date | None = None) -> dt.date:
    """The first day the rule falls on from `after` (in the series that began on `series`): a
    series starts on one of its own dates, and an exception is one of them."""
    return parse(repeat).dates(after, after + dt.timedelta(days=70), series or after)[0]


def _at(day: dt.date, hour: int, minute: int = 0) -> str:
    return f"{day.isoformat()} {hour:02d}:{minute:02d}"


def _fair(st: State, street: dict, s: int) -> dict:
    repeat = FAIR_REPEATS[s % len(FAIR_REPEATS)]
    first = _first(repeat, st.today - dt.timedelta(days=SERIES_BEGAN))
    stalls = st.rng.sample(w.FAIR_STALLS, 5)
    return {
        "id": f"{street['id']}-daji",
        "title": st.rng.choice(w.FAIR_TITLES).format(street=street["name"]),
        "kind": "fair",
        "start": _at(first, 9),
        "end": "11:30",
        "place": f"{street['name']}党群服务中心广场",
        "scope": street["id"],
        "organiser": f"{street['name']}党工委",
        "repeat": repeat,
        "except": ["2月"],
        "join": {"signup": False, "note": "办理社保、医保业务请带身份证"},
        "description": f"{st.rng.randrange(20, 55)} 个部门和驻区单位把服务摊位摆到家门口。\n\n"
        + "".join(f"- {x}\n" for x in stalls)
        + "\n春节所在的 2 月暂停一次。\n",
    }


def _volunteer_week(st: State, street: dict) -> dict:
    first = st.today + dt.timedelta(days=st.rng.randrange(-40, 40))
    title, body = w.VOLUNTEER_WEEK
    com = street["communities"][0]
    return {
        "id": f"{street['id']}-zhiyuan-{first:%Y%m}",
        "title": title.format(street=street["name"]),
        "kind": "volunteer",
        "start": first,
        "end": first + dt.timedelta(days=4),
        "place": f"{street['name']}各社区党群服务中心",
        "scope": street["id"],
        "organiser": f"{street['name']}党工委",
        "join": {"phone": com["phone"], "deadline": first - dt.timedelta(days=3)},
        "description": body,
    }


def _meeting(st: State, com: dict, grids: list[dict]) -> dict:
    grid = st.rng.choice(grids) if grids else None
    first = _first("每月第一个周六", st.today - dt.timedelta(days=SERIES_BEGAN))
    hour = st.rng.choice((9, 9, 10, 15))
    name = grid["name"].removeprefix(com["name"]) if grid else ""
    return {
        "id": f"{com['id']}-yishihui",
        "title": w.MEETING_TITLE.format(community=com["name"], grid=name),
        "kind": "meeting",
        "start": _at(first, hour),
        "end": f"{hour + 1}:30",
        "place": com["id"],
        "scope": grid["id"] if grid else com["id"],
        "organiser": f"{com['name']}{name}党支部",
        "repeat": "每月第一个周六",
        "except": ["2月"],
        "join": {"signup": False, "note": "网格内居民都可以参加，议题提前一周在单元门口公告栏张贴"},
        "description": f"网格党支部和居民代表一起商量{st.rng.choice(w.THINGS)}等楼院里的事，"
        "议定的事项和办理进度在公开栏公示。春节所在的 2 月暂停一次。",
    }


def _weekly(st: State, com: dict, station: str | None, n: int) -> dict:
    kind, title, body = w.TEA if n % 2 else w.CLINIC
    repeat = w.WEEKLY_REPEATS[(n // 3) % len(w.WEEKLY_REPEATS)]
    first = _first(repeat, st.today - dt.timedelta(days=st.rng.randrange(20, SERIES_BEGAN)))
    hour = 15 if kind == "tea" else 8
    event = {
        "id": f"{com['id']}-{'chahuahui' if kind == 'tea' else 'yizhen'}",
        "title": title.format(community=com["name"]),
        "kind": kind,
        "start": _at(first, hour, 30 if kind == "clinic" else 0),
        "end": "16:30" if kind == "tea" else "11:00",
        "place": station or com["id"],
        "scope": com["id"],
        "organiser": f"{com['name']}党委" if kind == "tea" else "社区卫生服务中心",
        "repeat": repeat,
        "description": body.format(thing=st.rng.choice(w.THINGS), n=st.rng.choice((60, 65, 70))),
    }
    if n % 4 == 0:  # some series stop, some skip a day
        event["until"] = st.today + dt.timedelta(days=st.rng.randrange(20, 60))
    else:
        skipped = st.today + dt.timedelta(days=st.rng.randrange(7, 40))
        event["except"] = [_first(repeat, skipped, first)]
    return event


def _one_offs(st: State, street: dict, com: dict, cancel: bool, postpone: bool) -> list[dict]:
    """Two events of the community around the build date; the street's first community cancels
    one, its second postpones one (both still to come, so they are listed with their reason)."""
    out = []
    for i, (slug, kind, title, body) in enumerate(st.rng.sample(w.ONE_OFF, 2)):
        off = i == 0 and (cancel or postpone)
        day = st.today + dt.timedelta(days=st.rng.randrange(2, 30) if off else st.rng.randrange(-85, 85))
        hour = st.rng.choice((9, 10, 14, 15))
        facts = {
            "community": com["name"],
            "theme": st.rng.choice(w.THEMES),
            "service_kind": st.rng.choice(w.SERVICE_KINDS),
        }
        event = {
            "id": f"{com['id']}-{slug}-{day:%Y%m}",
            "title": title.format(**facts),
            "kind": kind,
            "start": _at(day, hour),
            "end": f"{hour + 1}:30",
            "place": com["id"],
            "scope": com["id"],
            "organiser": f"{com['name']}党委",
            "join": {"signup": False},
            "description": body.format(**facts),
        }
        if off:
            event["status"] = "cancelled" if cancel else "postponed"
            event["reason"] = st.rng.choice(w.CANCEL_REASONS if cancel else w.POSTPONE_REASONS)
        elif i == 1 and kind in ("lecture", "clinic"):
            event["join"] = {
                "phone": com["phone"],
                "deadline": day - dt.timedelta(days=2),
                "capacity": st.rng.choice((30, 40, 60, 80)),
            }
        out.append(event)
    return out
