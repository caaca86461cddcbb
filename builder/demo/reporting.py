"""双报到 of the demo (content/units/<street>.yml, content/members/<street>.yml): one to three units
reporting to every community with their office phone, commitment and offers, and about six
members per community, a few of a unit, most with an employer, a third with consent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import lists_words as lw
from . import words as w
from .state import State
from .yaml_files import dump


@dataclass
class Offer:
    """An offer written into a unit or member, with the need it answers and a project's result."""

    id: str
    what: str
    owner: str
    need: str
    result: str


@dataclass
class Reporters:
    """What a community's wishes, needs and projects draw on: its units, members and offers."""

    units: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)


def write_reporting(
    st: State, content: Path, streets: list[dict], grids_of: dict[str, list[dict]]
) -> dict[str, Reporters]:
    """Every street's units and members files; what each community has, by community id."""
    out: dict[str, Reporters] = {}
    n = 0
    for street in streets:
        units, members = [], []
        for com in street["communities"]:
            rep = out[com["id"]] = Reporters()
            for k in range(1 + st.rng.randrange(3)):
                n += 1
                units.append(_unit(st, com, k, n, rep))
            grids = grids_of.get(com["id"], [])
            for k in range(st.rng.randrange(4, 9)):
                members.append(_member(st, com, grids, k, rep))
        dump(content / "units" / f"{street['id']}.yml", f"{street['name']}的报到单位", units)
        dump(content / "members" / f"{street['id']}.yml", f"{street['name']}的报到党员", members)
    return out


def _long_ago(st: State) -> dt.date:
    """A day a year or two back: units and members reported before the year's wishes."""
    return st.today - dt.timedelta(days=345 + st.rng.randrange(400))


def _unit(st: State, com: dict, k: int, n: int, rep: Reporters) -> dict:
    name, contact, commitment, offers = lw.UNITS[st.rng.randrange(len(lw.UNITS))]
    place = com["name"].removesuffix("社区").removesuffix("村")
    uid = f"u-{com['id']}-{k + 1}"
    written = []
    for j, (what, detail, need, result) in enumerate(offers):
        rid = f"r-{com['id']}-u{k + 1}{j + 1}"
        rep.offers.append(Offer(rid, what, uid, need, result))
        written.append({"id": rid, "what": what, "detail": detail})
    rep.units.append(uid)
    return {
        "id": uid,
        "name": name.format(place=place, n="一二三四五六七八九"[n % 9]),
        "community": com["id"],
        "reported": _long_ago(st),
        "phone": f"0531-6{n:07d}",
        "contact": contact,
        "commitment": commitment,
        "offers": written,
    }


def _member(st: State, com: dict, grids: list[dict], k: int, rep: Reporters) -> dict:
    rng = st.rng
    mid = f"m-{com['id']}-{k + 1}"
    member: dict = {"id": mid, "name": st.person()}
    if rep.units and rng.random() < 0.35:
        member["unit"] = rng.choice(rep.units)
    else:
        member["employer"] = rng.choice(lw.EMPLOYERS)
    member["community"] = com["id"]
    basic = [g for g in grids if g["kind"] == "basic"] or grids
    if basic:
        member["grid"] = rng.choice(basic)["id"]
    member["reported"] = _long_ago(st)
    member["phone"] = st.mobile()
    roll = rng.random()
    if roll < 0.12:
        member["photo"] = "media/people/demo.svg"
        member["consent"] = {
            "scope": ["phone", "photo"],
            "date": member["reported"],
            "recorded_by": "社区党委",
        }
    elif roll < 0.33:
        member["consent"] = {"scope": ["phone"], "date": member["reported"], "recorded_by": "社区党委"}
    member["commitment"] = rng.choice(lw.COMMITMENTS)
    if rng.random() < 0.3:
        what, detail, need, result = rng.choice(lw.MEMBER_OFFERS)
        rid = f"r-{com['id']}-m{k + 1}"
        rep.offers.append(Offer(rid, what, mid, need, result))
        member["offers"] = [{"id": rid, "what": what, "detail": detail}]
    rep.members.append(mid)
    return member


def alias(st: State, child: bool = False) -> str:
    """How a community calls the person a wish is for: 王奶奶, or a group such as 独居老人 or, for
    a child's wish, 留守儿童."""
    if child:
        return st.rng.choice(lw.CHILDREN)
    if st.rng.random() < 0.6:
        return st.rng.choice(w.SURNAMES) + st.rng.choice(lw.KIN)
    return st.rng.choice(lw.GROUPS)
