"""Service lists (content/services/*.yml): categories, service items, care stations and volunteer
teams; their pages and their screen slides."""

from __future__ import annotations

from functools import partial

from ..model.services import Category, Service, ServiceFile, Station, VolunteerTeam
from ..privacy import shown_office_phone
from ..views import person_card
from .kind import Kind, Show, Slide, Target, nav_entry
from .linking import Ids, Linker, checklist_items
from .org import COMMUNITY

SERVICE = Target("服务事项", "service", ("services",))
CATEGORY = Target("服务类别", "service category", ("services",))
PER_SLIDE = {"services": 6, "stations": 4}  # list entries that fit one slide at 32 px


def service_url(s: Service) -> str:
    return f"services/{s.id}/"


def station_url(_station: Station) -> str:
    return "services/stations/"


def team_url(_team: VolunteerTeam) -> str:
    return "services/teams/"


def services_in(categories: list[Category], services: dict[str, Service], category_id: str) -> list[Service]:
    """Service items of a category or any of its sub-categories, in file order."""
    ids = {category_id}
    for cat in categories:
        if cat.id == category_id:
            ids |= {c.id for c in cat.children}
    return [s for s in services.values() if s.category in ids]


def link(link: Linker) -> None:
    files: list[ServiceFile] = link.of("services")
    community = link.catalog.community
    categories = [c for f in files for c in f.categories]
    cat_ids = Ids("服务类别", link.problems)
    for c in categories:
        cat_ids.add(c)
        for child in c.children:
            cat_ids.add(child)
    services: dict[str, Service] = {}
    svc_ids = Ids("服务事项", link.problems)
    for s in (s for f in files for s in f.items):
        svc_ids.add(s)
        services.setdefault(s.id, s)
        if s.category not in cat_ids.seen:
            link.unknown(s, ("category",), CATEGORY, s.category, cat_ids.seen)
    teams = [t for f in files for t in f.teams]
    stations = [t for f in files for t in f.stations]
    link.ids("志愿服务队", teams)
    link.ids("驿站", stations)
    for t in teams:
        if t.leader and t.leader.photo:
            link.media.check(t.leader.photo, t, ("leader", "photo"))
        for i, cid in enumerate(t.communities):
            if cid not in community:
                link.unknown(t, ("communities", i), COMMUNITY, cid, community)
    _check_stations(link, stations)
    link.catalog.add(
        categories=categories,
        services=services,
        teams=teams,
        stations=stations,
        services_in=partial(services_in, categories, services),
    )
    figures = link.catalog.figures
    figures.services, figures.stations, figures.teams = len(services), len(stations), len(teams)


def _check_stations(link: Linker, stations: list[Station]) -> None:
    config, community = link.config, link.catalog.community
    facilities = config.standards.get(config.station_facilities) if config.station_facilities else None
    for st in stations:
        if st.community not in community:
            link.unknown(st, ("community",), COMMUNITY, st.community, community)
        if facilities:
            for i, item in enumerate(st.facilities):
                if item not in facilities.items:
                    target = checklist_items(facilities.label)
                    link.unknown(st, ("facilities", i), target, item, facilities.items)


def contact(record: Service | Station, cat) -> str | None:
    """An office's phone as published: a mobile is masked unless content/public_numbers.yml lists it."""
    return shown_office_phone(record.contact, record.src_path, cat.public_numbers)


def pages(w, cat) -> None:
    w.render("services.md.j2", "services/index.md")
    for s in cat.services.values():
        w.page("service.md.j2", service_url(s), s=s, contact=cat.view(s))
    contacts = {st.id: cat.view(st) for st in cat.stations}
    w.render("stations.md.j2", "services/stations.md", contacts=contacts)
    w.render(
        "teams.md.j2",
        "services/teams.md",
        leaders={t.id: person_card(t.leader, cat.config, "队长") for t in cat.teams if t.leader},
    )


def _services(cat, screen, item, postings) -> list[Slide]:
    grids = cat.grids_in(screen.scope)
    ids = list(dict.fromkeys(sid for g in grids for sid in g.services if sid in cat.services))
    if screen.scope == cat.config.district.id or not ids:
        ids = list(cat.services)
    rows = [(s, cat.view(s)) for s in (cat.services[i] for i in ids)]
    return _chunks("services", "services/", rows)


def _stations(cat, screen, item, postings) -> list[Slide]:
    communities = set(cat.communities_in(screen.scope))
    rows = [(st, cat.view(st)) for st in cat.stations if st.community in communities]
    return _chunks("stations", "services/stations/", rows)


def _chunks(kind: str, url: str, rows: list) -> list[Slide]:
    n = PER_SLIDE[kind]
    parts = [rows[i : i + n] for i in range(0, len(rows), n)]
    return [
        Slide(kind, 0, url, data={"rows": part, "part": k + 1, "parts": len(parts)})
        for k, part in enumerate(parts)
    ]


def posters(w, cat) -> None:
    from ..outputs.posters import SERVICES, service_list, stamp  # the poster stage's own helpers

    categories = service_list(cat)
    sheet = stamp(cat, cat.config.site.name, "services/")
    w.render("print/services.html", SERVICES, paper="a4", categories=categories, stamp=sheet)


def _office_phones(files: list):
    for f in files:
        for s in f.items:
            yield s, "contact"
        for st in f.stations:
            yield st, "contact"


KIND = Kind(
    id="services",
    name="服务清单 services",
    files=("content/services/*.yml", "content/services/*.yaml"),
    shape="file",
    model=ServiceFile,
    after=("org",),
    link=link,
    pages=pages,
    posters=posters,
    urls={Service: service_url, Station: station_url, VolunteerTeam: team_url},
    views={Service: contact, Station: contact},
    nav=(30, nav_entry("服务清单", "services/index.md")),
    shows={
        "services": Show(_services, 10, description="services 服务清单"),
        "stations": Show(_stations, 10, description="stations 爱心驿站"),
    },
    schema=("services", "content/services/*.yml 服务清单"),
    office_phones=_office_phones,
    people=lambda files: files,
    section=("服务清单", "services"),
    section_items=lambda cat: cat.services,
)
