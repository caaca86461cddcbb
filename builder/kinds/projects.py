"""The project list (content/projects/*.yml: 项目清单): a need matched to a resource, with who took
it, when, its status and its result. A page per project links the need, the resource and the
unit, member or team that took it. Drafts are not published."""

from __future__ import annotations

from collections import defaultdict

from ..model.projects import Project
from . import list_pages
from .kind import Kind, Target
from .linking import Linker
from .units import RESOURCE
from .wishes import CLAIMER, claimer

NEED = Target("需求", "need", ("needs",))


def project_url(p: Project) -> str:
    return f"lists/projects/{p.id}/"


def link(link: Linker) -> None:
    projects: list[Project] = link.of("projects")
    cat = link.catalog
    link.ids("项目", projects)
    all_needs = {n.id for n in link.of("needs")}  # a draft need is known, only not shown
    for p in projects:
        if p.need not in all_needs:
            link.unknown(p, ("need",), NEED, p.need, all_needs)
        elif p.need not in cat.need and not p.draft:
            link.problems.add(
                *p.at("need"),
                f"需求“{p.need}”是草稿，不会发布；项目发布前请先发布这条需求（删去它的 draft: true）",
                f"need '{p.need}' is a draft; publish it before the project",
            )
        if p.resource and p.resource not in cat.offers:
            link.unknown(p, ("resource",), RESOURCE, p.resource, cat.offers)
        if p.by and claimer(cat, p.by) is None:
            choices = {*cat.member, *cat.unit, *(t.id for t in cat.teams)}
            link.unknown(p, ("by",), CLAIMER, p.by, choices)
        if not p.by and not p.resource:
            link.problems.add(
                *p.at("need"),
                "项目要写明谁承接：写 resource: 资源编号（由资源的提供者承接），或 by: 单位、党员或志愿服务队编号",
                "a project names who took it: resource: <resource id> or by: <unit, member or team id>",
            )
        if p.end and p.end < p.start:
            link.problems.add(
                *p.at("end"),
                f"完成日期（{p.end}）早于开始日期（{p.start}）：请检查日期",
                f"end ({p.end}) is before start ({p.start})",
            )
        if p.status == "done" and not p.result:
            link.problems.add(
                *p.at("status"),
                "已完成的项目要写 result:（办成了什么，如 安装路灯 12 盏），居民看的就是这一句",
                "a done project needs result: (what came of it)",
            )
        link.media.check_body(p.description, p, None, ("description",))
    published = sorted(
        (p for p in projects if not p.draft and p.need in cat.need),
        key=lambda p: (p.start, p.id),
        reverse=True,
    )
    of_need: dict[str, list[Project]] = defaultdict(list)
    of_taker: dict[str, list[Project]] = defaultdict(list)
    of_community: dict[str, list[Project]] = defaultdict(list)
    for p in published:
        of_need[p.need].append(p)
        of_taker[taker_id(p, cat)].append(p)
        of_community[cat.need[p.need].community].append(p)
    cat.add(
        projects=published,
        project={p.id: p for p in published},
        projects_of_need=dict(of_need),
        projects_of_taker=dict(of_taker),
        projects_of=dict(of_community),
    )


def taker_id(p: Project, cat) -> str:
    """Who took the project: `by`, or the unit or member offering its resource."""
    if p.by:
        return p.by
    offer = cat.offers.get(p.resource or "")
    return offer.owner.id if offer else ""


def public(p: Project, cat) -> dict:
    """A project as its page and the lists show it: the need it answers, the resource, who took it."""
    offer = cat.offers.get(p.resource or "")
    taker = claimer(cat, taker_id(p, cat))
    need = cat.need[p.need]
    return {
        "p": p,
        "url": project_url(p),
        "need": need,
        "wish": cat.wish.get(need.wish) if need.wish else None,
        "offer": offer,
        "taker": taker,
        "community": cat.community.get(need.community),
    }


KIND = Kind(
    id="projects",
    name="项目清单 projects",
    files=("content/projects/*.yml", "content/projects/*.yaml"),
    shape="records",
    model=Project,
    after=("needs", "units", "members", "services"),
    link=link,
    pages=list_pages.pages,
    panel=list_pages.panel,
    sitemap=list_pages.sitemap,
    urls={Project: project_url},
    views={Project: public},
    vocabulary=list_pages.vocabulary,
    schema=("project", "content/projects/*.yml 项目清单"),
)
