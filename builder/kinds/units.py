"""双报到 units (content/units/*.yml): the units (机关、企事业单位的党组织) that report to a
community, what they offer (the resource list) and what they committed to; a page per unit, the
district's table and each community's reporting page (kinds/reporting_pages.py)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..model.reporting import Resource, Unit
from ..privacy import shown_office_phone
from . import reporting_pages
from .kind import Kind, Target
from .linking import Ids, Linker
from .org import COMMUNITY
from .reporting_pages import lists_url
from .reporting_pages import reporting_url as reporting_url  # members.py's import of it

UNIT = Target("报到单位", "reporting unit", ("units",))
RESOURCE = Target("资源", "resource", ("units", "members"))
TEAM = ("志愿服务队", "volunteer team")


def unit_url(u: Unit) -> str:
    return f"reporting/units/{u.id}/"


@dataclass(frozen=True)
class Offer:
    """An entry of the resource list: what is offered, by whom (a unit or a member), where."""

    resource: Resource
    owner: object  # the Unit or Member offering it
    community: str


def resource_url(offer: Offer) -> str:
    return f"{lists_url(offer.community)}#res-{offer.resource.id}"


def link(link: Linker) -> None:
    units: list[Unit] = link.of("units")
    cat = link.catalog
    link.ids("报到单位", units)
    of_community: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        if u.community not in cat.community:
            link.unknown(u, ("community",), COMMUNITY, u.community, cat.community)
        else:
            of_community[u.community].append(u)
        link.media.check_body(u.intro, u, None, ("intro",))
        claimer_id_free(link, u, TEAM, {t.id: t for t in cat.teams})
    offers: dict[str, Offer] = {}
    resource_ids = Ids("资源", link.problems)  # units and members share resource ids
    for u in units:
        for r in u.offers:
            if r.id not in resource_ids.seen:
                offers[r.id] = Offer(r, u, u.community)
            resource_ids.add(r)
    cat.add(units=units, unit={u.id: u for u in units}, units_of=dict(of_community))
    cat.add(offers=offers, resource_ids=resource_ids)


def claimer_id_free(link: Linker, record, other_kind: tuple[str, str], others: dict) -> None:
    """A unit's or member's id is not also a team's or unit's: wishes and projects name who took
    them by id alone (claimed.by, by), so one id must mean one taker."""
    other = others.get(record.id)
    if other is not None:
        path, mark, _field = other.at("id")
        where = f"{path}:{mark.line}" if mark else path
        zh, en = other_kind
        link.problems.add(
            *record.at("id"),
            f"编号“{record.id}”已被{zh}用过（{where}）：微心愿的 claimed.by 和项目的 by 只写编号，"
            "同一个编号分不清是谁，请换一个",
            f"id '{record.id}' is already a {en}'s ({where}); claimed.by and by name takers by id alone",
        )


def public(u: Unit, cat) -> dict:
    """A unit as its page and the tables show it: its office phone as published."""
    return {
        "u": u,
        "url": unit_url(u),
        "community": cat.community.get(u.community),
        "phone": shown_office_phone(u.phone, u.src_path, cat.public_numbers),
    }


def _office_phones(units: list[Unit]):
    for u in units:
        yield u, "phone"


def _vocabulary(cat):
    for u in cat.units:
        yield u.name


KIND = Kind(
    id="units",
    name="报到单位 reporting units",
    files=("content/units/*.yml", "content/units/*.yaml"),
    shape="records",
    model=Unit,
    after=("org", "services"),
    link=link,
    pages=reporting_pages.pages,
    panel=reporting_pages.panel,
    sitemap=reporting_pages.sitemap,
    nav=(48, reporting_pages.nav),
    urls={Unit: unit_url, Offer: resource_url},
    views={Unit: public},
    schema=("unit", "content/units/*.yml 报到单位"),
    office_phones=_office_phones,
    vocabulary=_vocabulary,
)
