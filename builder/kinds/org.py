"""Streets and communities (content/org.yml): the top of the scope tree, the directory, and a
page for every street and community."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from ..charts.site import branch_tree, org_tree, wish_figures
from ..model.org import Community, Org, Street
from ..privacy import shown_office_phone
from .kind import Kind, Target, nav_entry
from .linking import Ids, Linker, check_code

COMMUNITY = Target("社区", "community", ("org",))


def street_url(street: Street) -> str:
    return f"streets/{street.id}/"


def community_url(com: Community) -> str:
    return f"communities/{com.id}/"


def link(link: Linker) -> None:
    org = link.of("org")
    streets = org[0].streets if org else []
    community: dict[str, Community] = {}
    street_of: dict[str, Street] = {}
    street_ids, community_ids = Ids("街道", link.problems), Ids("社区", link.problems)
    for street in streets:
        street_ids.add(street)
        check_code(link.problems, street, link.config.district.code, "区划代码")
        for com in street.communities:
            community_ids.add(com)
            community.setdefault(com.id, com)
            street_of.setdefault(com.id, street)
            check_code(link.problems, com, street.code, "街道代码")
            link.media.check_body(com.intro, com, None, ("intro",))
        link.media.check_body(street.intro, street, None, ("intro",))
    cat = link.catalog
    cat.add(streets=streets, community=community, street_of=street_of)
    cat.scope_name |= {s.id: s.name for s in streets}
    cat.scope_name |= {c.id: c.name for c in community.values()}
    cat.figures.streets, cat.figures.communities = len(streets), len(community)


def _by_community(records: list) -> dict[str, list]:
    """Records grouped by their community id, in their original order."""
    out: dict[str, list] = defaultdict(list)
    for r in records:
        out[r.community].append(r)
    return out


def pages(w, cat) -> None:
    from ..outputs import feeds  # the feeds stage links community pages back: import when used
    from . import registry  # the registry imports this module

    w.render("directory.md.j2", "directory/index.md", tree=org_tree(cat))
    for street in cat.streets:
        w.page("street.md.j2", street_url(street), street=street, panels=registry.panels(cat, street.id))
    showcases_of, studios_of, stations_of = (
        _by_community(cat.showcases),
        _by_community(cat.studios),
        _by_community(cat.stations),
    )
    for cid, com in cat.community.items():
        w.page(
            "community.md.j2",
            community_url(com),
            com=com,
            feeds=[dataclasses.asdict(f) for f in feeds.community_feeds(com)],
            street=cat.street_of[cid],
            grids=cat.grids_of.get(cid, []),
            showcases=showcases_of.get(cid, []),
            studios=studios_of.get(cid, []),
            stations=stations_of.get(cid, []),
            phone=cat.view(com),
            panels=registry.panels(cat, cid),
            deeds=wish_figures(cat, cid),
            branches=branch_tree(cat, cid),
        )


def _office_phones(files: list):
    for org in files:
        for street in org.streets:
            for com in street.communities:
                yield com, "phone"


def _vocabulary(cat):
    for street in cat.streets:
        yield street.name
        yield from (c.name for c in street.communities)


KIND = Kind(
    id="org",
    name="街道和社区 streets and communities",
    files=("content/org.yml",),
    shape="file",
    model=Org,
    missing=(
        "缺少 content/org.yml（街道和社区名单）",
        "content/org.yml (streets and communities) is missing",
    ),
    link=link,
    pages=pages,
    urls={Street: street_url, Community: community_url},
    views={Community: lambda com, cat: shown_office_phone(com.phone, com.src_path, cat.public_numbers)},
    nav=(20, nav_entry("找网格", "directory/index.md")),
    schema=("org", "content/org.yml 街道与社区"),
    office_phones=_office_phones,
    people=lambda files: files,
    vocabulary=_vocabulary,
)
