"""Wishes, needs and projects of the demo (content/wishes|needs|projects/<street>.yml): a wish in
every grid over the past year in every status, claimed by the community's members and units or
the street's volunteer team; in every community needs answered by projects that use its offers,
a need from a wish taken on by whoever claimed it, and needs with a reply or still waiting. Every
tenth community has a draft wish and a draft project (neither reaches the site)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import lists_words as lw
from .reporting import Reporters, alias
from .state import State
from .yaml_files import dump


def write_wishes_needs_projects(
    st: State,
    content: Path,
    streets: list[dict],
    grids_of: dict[str, list[dict]],
    reporters: dict[str, Reporters],
) -> None:
    """One wishes, needs and projects file per street."""
    n = 0
    for street in streets:
        team = f"team-{street['id']}"
        wishes, needs, projects = [], [], []
        for com in street["communities"]:
            n += 1
            rep = reporters[com["id"]]
            claimers = [*rep.members, *rep.units, team]
            mine = [_wish(st, com, g, claimers) for g in grids_of.get(com["id"], [])]
            if n % 10 == 0 and mine:
                mine.append(_draft_wish(st, com, mine[0]["grid"]))
            wishes += mine
            lists = _needs_and_projects(st, com, rep, mine, draft=n % 10 == 5)
            needs += lists[0]
            projects += lists[1]
        for kind, zh, records in (("wishes", "微心愿", wishes), ("needs", "需求清单", needs)):
            dump(content / kind / f"{street['id']}.yml", f"{street['name']}的{zh}", records)
        dump(content / "projects" / f"{street['id']}.yml", f"{street['name']}的项目清单", projects)


def _back(st: State, most: int) -> dt.date:
    """A day 2 to `most` + 1 days before the build date: what follows it still fits before then."""
    return st.today - dt.timedelta(days=2 + st.rng.randrange(most))


def _days(st: State, first: dt.date, most: int) -> dt.date:
    """A day 1 to `most` days after `first`, never after the day before the build date."""
    return min(first + dt.timedelta(days=1 + st.rng.randrange(most)), st.today - dt.timedelta(days=1))


def _wish(st: State, com: dict, grid: dict, claimers: list[str]) -> dict:
    rng = st.rng
    what, story, thanks = rng.choice(lw.WISHES)
    roll = rng.random()
    status = "open" if roll < 0.2 else "claimed" if roll < 0.42 else "done" if roll < 0.9 else "closed"
    # open and claimed wishes are recent; the rest spread over the year, so every month has some
    back = 3 + rng.randrange(40 if status in ("open", "claimed") else 330)
    posted = st.today - dt.timedelta(days=back)
    wish: dict = {
        "id": f"w-{grid['id']}",
        "wish": what,
        "for": alias(st, what in lw.CHILD_WISHES),
        "community": com["id"],
        "grid": grid["id"],
        "posted": posted,
    }
    if rng.random() < 0.5:
        wish["story"] = story
    wish["status"] = status
    if status != "open" and not (status == "closed" and rng.random() < 0.5):
        wish["claimed"] = {"by": rng.choice(claimers), "date": _days(st, posted, 5)}
    after = wish["claimed"]["date"] if "claimed" in wish else posted
    if status == "done":
        fulfilled: dict = {"date": _days(st, after, 25), "thanks": thanks}
        if rng.random() < 0.06:
            fulfilled["photo"] = {
                "file": "media/people/demo.svg",
                "alt": f"志愿者把“{what}”送到{wish['for']}家里",
                "consent": fulfilled["date"],
            }
        wish["fulfilled"] = fulfilled
    elif status == "closed":
        wish["closed"] = {"date": _days(st, after, 20), "reason": rng.choice(lw.CLOSED_REASONS)}
    if rng.random() < 0.1:
        wish["note"] = "家属已同意公开心愿，联系人登记在网格员处"
    return wish


def _draft_wish(st: State, com: dict, grid: str) -> dict:
    return {
        "id": f"w-{grid}-draft",
        "wish": "一辆儿童自行车",
        "for": "困难家庭的孩子",
        "community": com["id"],
        "grid": grid,
        "posted": st.today - dt.timedelta(days=2),
        "status": "open",
        "note": "还在核实家庭情况，核实后再发布",
        "draft": True,
    }


def _needs_and_projects(
    st: State, com: dict, rep: Reporters, wishes: list[dict], draft: bool
) -> tuple[list[dict], list[dict]]:
    """A community's needs: two answered through its offers, one from a claimed wish, one or two
    from the pool with a reply or waiting; and the projects answering them."""
    rng = st.rng
    needs: list[dict] = []
    projects: list[dict] = []
    cid = com["id"]

    def need(what: str, source: str, raised: dt.date, **more) -> dict:
        record = {"id": f"n-{cid}-{len(needs) + 1}", "what": what, "community": cid, "raised": raised}
        record |= {"source": source, **more}
        needs.append(record)
        return record

    def project(n: dict, title: str, result: str, status: str, **taker) -> dict:
        start = _days(st, n["raised"], 20)
        p = {"id": f"p-{cid}-{len(projects) + 1}", "title": title, "need": n["id"], **taker}
        p |= {"start": start, "status": status}
        if status in ("done", "stopped"):
            p["end"] = _days(st, start, 60)
        if status == "done":
            p["result"] = result.format(n=rng.randrange(2, 12), m=rng.randrange(12, 160))
        elif status == "stopped":
            p["result"] = "部分居民对方案有不同意见，暂停实施，提交网格议事会再协商"
        projects.append(p)
        return p

    for offer in rng.sample(rep.offers, min(2, len(rep.offers))):
        n = need(offer.need, rng.choice(("visit", "meeting", "hotline")), _back(st, 300))
        status = rng.choice(("done", "done", "underway", "planned", "stopped"))
        project(n, offer.what, offer.result, status, resource=offer.id)
    taken = [x for x in wishes if "claimed" in x and x["status"] != "closed" and not x.get("draft")]
    if taken:
        x = rng.choice(taken)
        n = need(f"{x['for']}的心愿：{x['wish']}", "wish", x["posted"], wish=x["id"])
        if x["status"] == "done":
            p = project(n, f"帮{x['for']}实现心愿", "", "underway", by=x["claimed"]["by"])
            end = max(p["start"], x["fulfilled"]["date"])
            p |= {"status": "done", "end": end, "result": f"心愿已实现：{x['fulfilled']['thanks']}"}
        else:
            project(n, f"帮{x['for']}实现心愿", "", "underway", by=x["claimed"]["by"])
    for what, source, reply in rng.sample(lw.OTHER_NEEDS, rng.choice((1, 2))):
        raised = _back(st, 200)
        n = need(what, source, raised)
        if reply:
            n |= {"reply": reply, "replied": _days(st, raised, 30)}
    if draft and rep.offers:
        n = need("老年活动室冬天太冷，想装空调", "meeting", _back(st, 60))
        projects.append(
            {
                "id": f"p-{cid}-draft",
                "title": "老年活动室装空调",
                "need": n["id"],
                "resource": rep.offers[0].id,
                "start": _days(st, n["raised"], 20),
                "status": "planned",
                "draft": True,
            }
        )
    return needs, projects
