"""Grids (content/grids/*.yml): each grid's team, services and checklists, and its page; the
teams and figures slides of the screens."""

from __future__ import annotations

from collections import defaultdict

from ..figures import grid_figures
from ..model.org import Grid
from ..privacy import shown_office_phone
from ..tallies import tally
from ..views import team_cards
from .kind import Kind, Show, Slide, Target
from .linking import ROLE, Linker, check_code, check_standards
from .org import COMMUNITY
from .services import SERVICE

GRID = Target("网格", "grid", ("grids",))
SCOPE = Target("范围（区/街道/社区/网格）", "scope (district/street/community/grid)", ("org", "grids"))


def grid_url(g: Grid) -> str:
    return f"grids/{g.id}/"


def link(link: Linker) -> None:
    cat, config = link.catalog, link.config
    grids = link.of("grids")
    grid_ids, codes = link.ids("网格", grids), link.ids("网格代码", [g for g in grids if g.code], "code")
    del grid_ids, codes  # duplicates are reported; the first of an id is linked
    grids_of: dict[str, list[Grid]] = defaultdict(list)
    for g in grids:
        com = cat.community.get(g.community)
        if com is None:
            link.unknown(g, ("community",), COMMUNITY, g.community, cat.community)
        else:
            grids_of[g.community].append(g)
            check_code(link.problems, g, com.code, "社区代码")
        for i, member in enumerate(g.team):
            if member.role not in config.roles:
                link.unknown(g, ("team", i, "role"), ROLE, member.role, config.roles)
            if member.photo:
                link.media.check(member.photo, g, ("team", i, "photo"))
        for i, sid in enumerate(g.services):
            if sid not in cat.services:
                link.unknown(g, ("services", i), SERVICE, sid, cat.services)
        check_standards(link, g, g.standards)
        link.media.check_body(g.notes, g, None, ("notes",))
    cat.add(grids=grids, grid={g.id: g for g in grids}, grids_of=dict(grids_of))
    cat.scope_name |= {g.id: g.name for g in grids}
    grid_figures(grids, config, cat.figures)


def public(g: Grid, cat) -> dict:
    """A grid as its page, its team slide and its poster show it: the team in role order with
    phones and photos as consent allows, and the supervision phone as published."""
    return {
        "g": g,
        "com": cat.community[g.community],
        "street": cat.street_of[g.community],
        "team": team_cards(g, cat),
        "supervision": shown_office_phone(g.supervision_phone, g.src_path, cat.public_numbers),
    }


def pages(w, cat) -> None:
    from . import registry  # the registry imports this module

    stories_of: dict[str, list] = defaultdict(list)  # grid id → its stories, newest first
    for s in cat.stories:
        for gid in dict.fromkeys(s.meta.grids):
            stories_of[gid].append(s)
    for g in cat.grids:
        if g.community not in cat.community:
            continue
        w.page(
            "grid.md.j2",
            grid_url(g),
            **cat.view(g),
            services=[cat.services[s] for s in g.services if s in cat.services],
            stories=stories_of.get(g.id, []),
            panels=registry.panels(cat, g.id),
        )


def posters(w, cat) -> None:
    from ..outputs.posters import grid_poster, stamp  # the poster stage's own helpers

    site_name = cat.config.site.name
    for g in cat.grids:
        if g.community not in cat.community:
            continue
        view = cat.view(g)
        source = f"{view['com'].name}（{site_name}）"
        w.render(
            "print/grid.html", grid_poster(g.id), paper="a4", **view, stamp=stamp(cat, source, grid_url(g))
        )


def _teams(cat, screen, item, postings) -> list[Slide]:
    out = []
    for g in cat.grids_in(screen.scope):
        if g.community not in cat.community:
            continue
        out.append(Slide("team", 0, grid_url(g), data=cat.view(g)))
    return out


def _figures(cat, screen, item, postings) -> list[Slide]:
    communities = set(cat.communities_in(screen.scope))
    figures = grid_figures(cat.grids_in(screen.scope), cat.config)
    figures.communities = len(communities)
    figures.stations = sum(st.community in communities for st in cat.stations)
    figures.services = len(cat.services)
    name = cat.scope_name.get(screen.scope, screen.scope)
    # 为民办实事 (tallies.py): a grid's screen shows its community's
    deeds = tally(cat, cat.grid[screen.scope].community if screen.scope in cat.grid else screen.scope)
    data = {"f": figures, "name": name, "deeds": deeds if deeds.has_any else None}
    return [Slide("figures", 0, "directory/", data=data)]


def _office_phones(grids: list):
    for g in grids:
        yield g, "supervision_phone"


def _vocabulary(cat):
    for g in cat.grids:
        yield from (g.name, *g.buildings, *(m.name for m in g.team))
        if g.party_branch:
            yield g.party_branch.secretary


KIND = Kind(
    id="grids",
    name="网格 grids",
    files=("content/grids/*.yml", "content/grids/*.yaml"),
    shape="records",
    model=Grid,
    after=("org", "services"),
    link=link,
    pages=pages,
    posters=posters,
    urls={Grid: grid_url},
    views={Grid: public},
    shows={
        "teams": Show(_teams, 30, description="teams 网格队伍"),
        "figures": Show(_figures, description="figures 关键数字"),
    },
    schema=("grid", "content/grids/*.yml 网格"),
    office_phones=_office_phones,
    people=lambda grids: grids,
    vocabulary=_vocabulary,
)
