"""双报到 members (content/members/*.yml): in-service party members reporting to the community
where they live, the grid they joined, their commitment and what they offer. A member is a
person: phone and photo follow the grid teams' consent rules (privacy.py)."""

from __future__ import annotations

from collections import defaultdict

from ..model.reporting import Member
from ..views import person_card
from .grids import GRID
from .kind import Kind
from .linking import Linker
from .org import COMMUNITY
from .units import TEAM, UNIT, Offer, claimer_id_free, reporting_url


def member_url(m: Member) -> str:
    return f"{reporting_url(m.community)}#member-{m.id}"


def link(link: Linker) -> None:
    members: list[Member] = link.of("members")
    cat = link.catalog
    link.ids("报到党员", members)
    of_community: dict[str, list[Member]] = defaultdict(list)
    of_unit: dict[str, list[Member]] = defaultdict(list)
    for m in members:
        if m.community not in cat.community:
            link.unknown(m, ("community",), COMMUNITY, m.community, cat.community)
        else:
            of_community[m.community].append(m)
        if m.grid and m.grid not in cat.grid:
            link.unknown(
                m, ("grid",), GRID, m.grid, [g.id for g in cat.grids_of.get(m.community, [])] or cat.grid
            )
        elif m.grid and m.community in cat.community and cat.grid[m.grid].community != m.community:
            g = cat.grid[m.grid]
            link.problems.add(
                *m.at("grid"),
                f"网格“{m.grid}”属于社区“{g.community}”，不在报到的社区“{m.community}”：请检查 grid 或 community",
                f"grid '{m.grid}' is in community '{g.community}', not '{m.community}'",
            )
        if m.unit:
            if m.unit not in cat.unit:
                link.unknown(m, ("unit",), UNIT, m.unit, cat.unit)
            else:
                of_unit[m.unit].append(m)
        if m.photo:
            link.media.check(m.photo, m, ("photo",))
        claimer_id_free(link, m, ("报到单位", "reporting unit"), cat.unit)
        claimer_id_free(link, m, TEAM, {t.id: t for t in cat.teams})
        for r in m.offers:
            if r.id not in cat.resource_ids.seen:
                cat.offers[r.id] = Offer(r, m, m.community)
            cat.resource_ids.add(r)
    cat.add(
        members=members,
        member={m.id: m for m in members},
        members_of=dict(of_community),
        members_of_unit=dict(of_unit),
    )


def public(m: Member, cat) -> dict:
    """A member as pages show them: the grid teams' consent rules for phone and photo."""
    unit = cat.unit.get(m.unit) if m.unit else None
    return {
        "m": m,
        "url": member_url(m),
        "card": person_card(m, cat.config, "报到党员"),
        "unit": unit,
        "workplace": unit.name if unit else m.employer,
        "grid": cat.grid.get(m.grid) if m.grid else None,
    }


KIND = Kind(
    id="members",
    name="报到党员 reporting members",
    files=("content/members/*.yml", "content/members/*.yaml"),
    shape="records",
    model=Member,
    after=("org", "grids", "services", "units"),
    link=link,
    urls={Member: member_url},
    views={Member: public},
    schema=("member", "content/members/*.yml 报到党员"),
    people=lambda members: members,
)
