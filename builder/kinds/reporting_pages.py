"""双报到 pages: the district's table of units × communities, each community's reporting page
(the units and members who reported there, their commitments and what became of them), a page
per unit, the 双报到 panel of the home, street, community and grid pages, and the navigation
entry shared with the three lists (list_pages.py).

Everything a template shows is worked out here (counts, what each unit and member took on);
templates only loop. A member is shown through members.public: the grid teams' consent rules."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model.org import Community, Street
from ..model.reporting import Member, Unit

if TYPE_CHECKING:
    from .units import Offer

PANEL_NAMES = 12  # members named on a community's panel; the rest are counted


def reporting_url(community: str) -> str:
    """A community's 双报到 page: its units and members, their commitments and what became of them."""
    return f"reporting/at/{community}/"


def lists_url(community: str) -> str:
    """A community's three lists (资源、需求、项目)."""
    return f"lists/at/{community}/"


@dataclass(frozen=True)
class Outcome:
    """What became of a commitment: the projects taken on and the wishes claimed."""

    projects: list  # Project, newest first
    done: int  # how many of them are done
    wishes: list  # Wish claimed, newest first


@dataclass(frozen=True)
class UnitEntry:
    """A unit as the reporting pages show it."""

    u: Unit
    view: dict  # units.public: its community and office phone as published
    reporting: str  # its community's reporting page
    offers: list[Offer]  # its entries of the resource list
    outcome: Outcome
    members: list[Member]  # members from this unit (wherever they reported)


@dataclass(frozen=True)
class MemberEntry:
    """A member as the reporting pages show them: their card with consent applied."""

    m: Member
    view: dict  # members.public: card, unit, workplace, grid
    community: Community  # where they reported
    offers: list[Offer]
    outcome: Outcome


@dataclass(frozen=True)
class CommunityRow:
    """A community's line in the district summary."""

    com: Community
    path: str  # its reporting page
    units: int
    members: int
    projects: int  # taken by its units and members
    done: int


@dataclass(frozen=True)
class ReportingPanel:
    """双报到 on a scope's page (kinds' panel): counts, and names where they fit."""

    units: int
    members: int
    path: str  # the reporting page it leads to
    label: str  # that page's link text
    named_units: list[Unit]
    named_members: list[Member]
    rows: list[CommunityRow]  # a street's communities
    grid: bool  # a grid's page: the members who joined it


def claims_of(cat) -> dict[str, list]:
    """Published wishes by who claimed them (a member, unit or team id)."""
    out: dict[str, list] = defaultdict(list)
    for w in cat.wishes:
        if w.claimed:
            out[w.claimed.by].append(w)
    return out


def outcome(cat, taker: str, claims: dict[str, list]) -> Outcome:
    """The projects `taker` (a unit or member id) took on and the wishes they claimed."""
    projects = cat.projects_of_taker.get(taker, [])
    return Outcome(projects, sum(p.status == "done" for p in projects), claims.get(taker, []))


def offers_by(cat, owner: Unit | Member) -> list[Offer]:
    """What a unit or member offers, as entries of the resource list (a repeated id is its first)."""
    return [o for r in owner.offers if (o := cat.offers.get(r.id)) is not None and o.owner is owner]


def unit_entry(cat, u: Unit, claims: dict[str, list]) -> UnitEntry:
    members = cat.members_of_unit.get(u.id, [])
    claimed = outcome(cat, u.id, claims)
    return UnitEntry(u, cat.view(u), reporting_url(u.community), offers_by(cat, u), claimed, members)


def member_entry(cat, m: Member, claims: dict[str, list]) -> MemberEntry:
    com = cat.community[m.community]
    return MemberEntry(m, cat.view(m), com, offers_by(cat, m), outcome(cat, m.id, claims))


def community_row(cat, com: Community) -> CommunityRow | None:
    """The community's figures, None when no unit or member reported there."""
    units, members = cat.units_of.get(com.id, []), cat.members_of.get(com.id, [])
    if not units and not members:
        return None
    taken = [p for r in (*units, *members) for p in cat.projects_of_taker.get(r.id, [])]
    done = sum(p.status == "done" for p in taken)
    return CommunityRow(com, reporting_url(com.id), len(units), len(members), len(taken), done)


def by_street(cat) -> list[tuple[Street, list[CommunityRow]]]:
    """The communities with units or members reported, under their streets, in directory order."""
    out = []
    for street in cat.streets:
        rows = [r for com in street.communities if (r := community_row(cat, com)) is not None]
        if rows:
            out.append((street, rows))
    return out


def pages(w, cat) -> None:
    """The district's table, each community's reporting page and a page per unit."""
    if not cat.units and not cat.members:
        return
    claims = claims_of(cat)
    listed = {o.community for o in cat.offers.values()} | set(cat.needs_of)  # communities with lists
    units = [unit_entry(cat, u, claims) for u in cat.units if u.community in cat.community]
    streets = by_street(cat)
    w.render(
        "reporting.md.j2",
        "reporting/index.md",
        units=units,
        streets=streets,
        totals=(len(units), len(cat.members)),
    )
    entries = {e.u.id: e for e in units}
    for street, rows in streets:
        for row in rows:
            cid = row.com.id
            w.page(
                "reporting_at.md.j2",
                row.path,
                com=row.com,
                street=street,
                row=row,
                units=[entries[u.id] for u in cat.units_of.get(cid, [])],
                members=[member_entry(cat, m, claims) for m in cat.members_of.get(cid, [])],
                lists=lists_url(cid) if cid in listed else "",
            )
    for e in units:
        w.page(
            "reporting_unit.md.j2",
            e.view["url"],
            e=e,
            street=cat.street_of[e.u.community],
            reporting=reporting_url(e.u.community),
            members=[member_entry(cat, m, claims) for m in e.members],
        )


def panel(cat, scope: str) -> ReportingPanel | None:
    """双报到 on a scope's page: the district's and a street's counts (a street's by community),
    a community's units and members by name, a grid's members who joined it."""
    if scope in cat.grid:
        g = cat.grid[scope]
        joined = [m for m in cat.members_of.get(g.community, []) if m.grid == scope]
        if not joined:
            return None
        return ReportingPanel(
            0, len(joined), reporting_url(g.community), "本社区双报到", [], joined, [], True
        )
    if scope in cat.community:
        row = community_row(cat, cat.community[scope])
        if row is None:
            return None
        units, members = cat.units_of.get(scope, []), cat.members_of.get(scope, [])
        return ReportingPanel(
            row.units, row.members, row.path, "本社区双报到", units, members[:PANEL_NAMES], [], False
        )
    district = scope == cat.config.district.id
    rows = [r for s, rs in by_street(cat) if district or s.id == scope for r in rs]
    if not rows:
        return None
    units, members = sum(r.units for r in rows), sum(r.members for r in rows)
    shown = [] if district else rows  # a street's communities; the district's are on its table
    return ReportingPanel(units, members, "reporting/", "全区双报到一览", [], [], shown, False)


def nav(cat) -> dict | None:
    """One tab for 双报到 and the three lists: the lists are what reporting brings (a unit's or
    member's resources, the projects they take on), and one tab keeps the bar short on a phone."""
    entries = []
    if cat.units or cat.members:
        entries.append({"双报到": "reporting/index.md"})
    if cat.needs or cat.offers:
        entries.append({"三张清单": "lists/index.md"})
    if len(entries) < 2:
        return entries[0] if entries else None
    return {"双报到·三张清单": entries}


def sitemap(cat) -> tuple[str, list]:
    """双报到 on the 网站地图 page: the district table, each community's page, each unit."""
    if not cat.units and not cat.members:
        return ("双报到", [])
    coms = [(r.com.name, r.path) for _s, rows in by_street(cat) for r in rows]
    units = [(u.name, cat.view(u)["url"]) for u in cat.units if u.community in cat.community]
    return ("双报到", [("双报到一览", "reporting/", coms), ("报到单位", "reporting/", units)])
