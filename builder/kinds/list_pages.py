"""三张清单 pages: the overview (what the three lists are, counts per community), each community's
resource, needs and project lists, the district's lists, a page per project (the chain 需求 → 资源
→ 承接 → 结果), and the 项目 panel of the home, street, community and grid pages.

Every need shows its answer: the projects that took it on, the reply given, or how many days it
has waited (to the build date). Drafts never reach a page: the catalog holds published records
only. Templates only loop: counts, waiting days and labels are worked out here."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..model.org import Community, Street
from ..model.projects import PROJECT_STATUS, Need, Project
from ..model.reporting import Member, Unit
from .units import Offer, lists_url

CAP = 20  # entries of one community on the district's lists; the rest are on its own page
PANEL_COUNT = 5  # done projects on a scope's page

LISTS = {
    "resources": ("资源清单", "lists/resources/", "报到单位和在职党员能为社区提供的资源：场地、技能、服务。"),
    "needs": (
        "需求清单",
        "lists/needs/",
        "居民提出的需求，来自包居联户走访、微心愿、议事协商和热线，每一条都写明怎么回应的。",
    ),
    "projects": (
        "项目清单",
        "lists/projects/",
        "把需求和资源对接起来的项目：谁承接、什么时候、进展如何、办成了什么。",
    ),
}


def owner_kind(owner: object) -> str:
    """How a page calls who offers a resource or took a project."""
    if isinstance(owner, Unit):
        return "报到单位"
    if isinstance(owner, Member):
        return "报到党员"
    return "志愿服务队"


@dataclass(frozen=True)
class OfferEntry:
    """A resource as the lists show it: who offers it, and the projects that used it."""

    offer: Offer
    owner_kind: str
    projects: list[Project]


@dataclass(frozen=True)
class NeedEntry:
    """A need and its answer: its projects, or the reply, or the days it has waited."""

    n: Need
    grid: object | None  # Grid
    wish: object | None  # the Wish it came from
    projects: list[Project]
    waiting: int | None  # days since raised, when neither a project nor a reply answers it


@dataclass(frozen=True)
class ProjectEntry:
    """A project as the lists and its page show it (projects.public), with how to call who
    took it and who offered its resource."""

    view: dict
    taker_kind: str
    offer_kind: str


@dataclass(frozen=True)
class Lists:
    """A community's three lists."""

    com: Community
    street: Street
    path: str
    offers: list[OfferEntry]
    needs: list[NeedEntry]
    projects: list[ProjectEntry]

    @property
    def answered(self) -> int:
        return sum(e.waiting is None for e in self.needs)

    @property
    def waiting(self) -> int:
        return len(self.needs) - self.answered

    @property
    def by_status(self) -> list[int]:
        """How many projects of each status, in PROJECT_STATUS's order."""
        return [sum(e.view["p"].status == s for e in self.projects) for s in PROJECT_STATUS]


@dataclass(frozen=True)
class Group:
    """One community's part of a district list: the first CAP entries and how many there are."""

    lists: Lists
    items: list
    total: int


@dataclass(frozen=True)
class ProjectsPanel:
    """项目 on a scope's page: the latest done projects and where the lists are."""

    projects: list[Project]
    path: str
    label: str


def need_view(n: Need, cat) -> NeedEntry:
    """A need as every list shows it (the needs kind's public view, made once per build)."""
    projects = cat.projects_of_need.get(n.id, [])
    waiting = None if projects or n.reply else max((cat.today - n.raised).days, 0)
    grid = cat.grid.get(n.grid) if n.grid else None
    return NeedEntry(n, grid, cat.wish.get(n.wish) if n.wish else None, projects, waiting)


def project_entry(cat, p: Project) -> ProjectEntry:
    view = cat.view(p)
    taker, offer = view["taker"], view["offer"]
    return ProjectEntry(view, owner_kind(taker) if taker else "", owner_kind(offer.owner) if offer else "")


def all_lists(cat) -> list[Lists]:
    """Every community with a resource, a need or a project, in the directory's order."""
    offers: dict[str, list[OfferEntry]] = defaultdict(list)
    used: dict[str, list[Project]] = defaultdict(list)
    for p in cat.projects:
        if p.resource:
            used[p.resource].append(p)
    for rid, o in cat.offers.items():
        offers[o.community].append(OfferEntry(o, owner_kind(o.owner), used.get(rid, [])))
    out = []
    for street in cat.streets:
        for com in street.communities:
            needs = cat.needs_of.get(com.id, [])
            if not needs and not offers.get(com.id):
                continue
            out.append(
                Lists(
                    com,
                    street,
                    lists_url(com.id),
                    offers.get(com.id, []),
                    [cat.view(n) for n in needs],
                    [project_entry(cat, p) for p in cat.projects_of.get(com.id, [])],
                )
            )
    return out


def _groups(lists: list[Lists], part: str) -> list[tuple[Street, list[Group]]]:
    """A district list: each community's `part` (offers, needs, projects), under its street."""
    out: list[tuple[Street, list[Group]]] = []
    for li in lists:
        items = getattr(li, part)
        if not items:
            continue
        if not out or out[-1][0] is not li.street:
            out.append((li.street, []))
        out[-1][1].append(Group(li, items[:CAP], len(items)))
    return out


def pages(w, cat) -> None:
    """The overview, each community's three lists, the district's lists and the project pages."""
    lists = all_lists(cat)
    if not lists:
        return
    statuses = list(PROJECT_STATUS.values())
    totals = {
        "resources": len(cat.offers),
        "needs": len(cat.needs),
        "projects": len(cat.projects),
        "waiting": sum(li.waiting for li in lists),
    }
    streets: list[tuple[Street, list[Lists]]] = []
    for li in lists:
        if not streets or streets[-1][0] is not li.street:
            streets.append((li.street, []))
        streets[-1][1].append(li)
    w.render(
        "lists.md.j2",
        "lists/index.md",
        streets=streets,
        about=LISTS,
        statuses=statuses,
        columns=4 + len(statuses),
        totals=totals,
    )
    for li in lists:
        w.page("lists_at.md.j2", li.path, li=li, about=LISTS, today=cat.today)
    for part, (title, path, about) in LISTS.items():
        groups = _groups(lists, "offers" if part == "resources" else part)
        w.page(
            "lists_all.md.j2",
            path,
            part=part,
            title=title,
            about=about,
            groups=groups,
            cap=CAP,
            today=cat.today,
        )
    for li in lists:
        for e in li.projects:
            p = e.view["p"]
            need = cat.view(e.view["need"])
            w.page("project.md.j2", e.view["url"], e=e, p=p, need=need, li=li)


def _done(projects: list[Project]) -> list[Project]:
    done = [p for p in projects if p.status == "done"]
    return sorted(done, key=lambda p: (p.end or p.start, p.id), reverse=True)[:PANEL_COUNT]


def panel(cat, scope: str) -> ProjectsPanel | None:
    """The latest done projects in a scope, with their results (a grid: its needs' projects)."""
    if scope in cat.grid:
        g = cat.grid[scope]
        found = [p for p in cat.projects_of.get(g.community, []) if cat.need[p.need].grid == scope]
        path, label = lists_url(g.community), "本社区三张清单"
    elif scope in cat.community:
        found, path, label = cat.projects_of.get(scope, []), lists_url(scope), "本社区三张清单"
    elif scope == cat.config.district.id:
        found, path, label = cat.projects, "lists/", "全区三张清单"
    else:
        street = next((s for s in cat.streets if s.id == scope), None)
        coms = street.communities if street else []
        found = [p for c in coms for p in cat.projects_of.get(c.id, [])]
        path, label = "lists/projects/", "全区项目清单"
    done = _done(found)
    return ProjectsPanel(done, path, label) if done else None


def sitemap(cat) -> tuple[str, list]:
    """三张清单 on the 网站地图 page: the overview, each community's lists, the district lists,
    every project."""
    lists = all_lists(cat) if (cat.needs or cat.offers) else []
    if not lists:
        return ("三张清单", [])
    return (
        "三张清单",
        [
            ("三张清单", "lists/", [(li.com.name, li.path) for li in lists]),
            *((title, path, []) for title, path, _about in (LISTS["resources"], LISTS["needs"])),
            ("项目清单", "lists/projects/", [(p.title, cat.view(p)["url"]) for p in cat.projects]),
        ],
    )


def vocabulary(cat):
    """Project titles, kept whole by search."""
    for p in cat.projects:
        yield p.title
