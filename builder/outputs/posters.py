"""Posters: print-ready pages for the physical boards (site/print/).

Each community's open-affairs board (A4 and A3, portrait), each grid's team poster
(网格党建示意图), the service list, and an index of them all. They are plain HTML sheets
styled by templates/assets/print.css: open one and print it (Ctrl+P), or let `gridboard print`
(outputs/pdf.py) turn every one into a PDF. Each sheet carries its date and source, in the
sheet itself and in the footer of every printed page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..kinds import registry
from ..model.org import Community, Street
from ..model.services import Service
from ..overrides import Templates
from ..views import PostingView
from .qr import absolute_url
from .standalone import HtmlWriter

if TYPE_CHECKING:
    from ..catalog import Catalog

PAPERS = ("a4", "a3")  # sizes of a community's board poster
INDEX = "print/index.html"
SINGULAR = {"grids": "grid"}  # PDF names of print/<folder>/ made before they were derived
SERVICES = "print/services/index.html"


def board_poster(community_id: str, paper: str) -> str:
    """Site path of a community's board poster on `paper` ('a4' or 'a3')."""
    return f"print/board/{community_id}/{paper}/index.html"


def grid_poster(grid_id: str) -> str:
    """Site path of a grid's team poster."""
    return f"print/grids/{grid_id}/index.html"


def community_poster(folder: str, community_id: str) -> str:
    """Site path of a community's one-sheet poster kept in print/<folder>/ (print/events/hdc/…)."""
    return f"print/{folder}/{community_id}/index.html"


def pdf_name(poster: str) -> str:
    """A poster's PDF, as `gridboard print` names it in print/pdf/: its folders joined by '-'.
    print/board/hdc/a4/index.html → board-hdc-a4.pdf, print/events/hdc/index.html → events-hdc.pdf,
    print/services/… → services.pdf; grid posters keep their older name (grid-hdc-01.pdf)."""
    parts = poster.removeprefix("print/").removesuffix("index.html").strip("/").split("/")
    return "-".join([SINGULAR.get(parts[0], parts[0]), *parts[1:]]) + ".pdf"


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string, safe inside <style> (for the @page footer)."""
    return Markup('"' + re.sub(r'[\\"<>&\n\r]', lambda m: f"\\{ord(m.group()):x} ", text) + '"')


@dataclass(frozen=True)
class Stamp:
    """What every sheet prints about itself: its date and source, and the page it copies."""

    source: str
    url: str  # public address of the matching page ('' when site.url is not set)
    footer: Markup  # the same as a CSS string, for the footer of every printed page


@dataclass(frozen=True)
class PosterLink:
    """One poster in the index: its label, its page (site path) and its PDF's name in print/pdf/."""

    label: str
    html: str
    pdf: str


@dataclass
class CommunityPosters:
    """A community's posters in the index."""

    com: Community
    boards: list[PosterLink]
    grids: list[PosterLink]
    sheets: list[PosterLink] = field(default_factory=list)  # other kinds' (PosterWriter.sheet)


@dataclass
class StreetPosters:
    """A street's communities in the index."""

    street: Street
    communities: list[CommunityPosters]


@dataclass
class BoardSection:
    """One category of a board poster (党务公开, 居务公开, 财务公开 …) and its current postings."""

    category: str
    postings: list[PostingView]


@dataclass(frozen=True)
class ServiceRow:
    """A service item as printed: its record and its contact phone as it may be published."""

    s: Service
    contact: str | None


@dataclass
class ServiceGroup:
    """A heading of the service list (a sub-category, or a category's own items) and its rows."""

    name: str
    rows: list[ServiceRow]


@dataclass
class ServiceCategory:
    """A first-level category of the service list."""

    name: str
    groups: list[ServiceGroup]


class PosterWriter(HtmlWriter):
    """The HtmlWriter kinds' `posters` get: `sheet` also lists a community's poster in the index."""

    def __init__(self, catalog: Catalog, templates: Templates):
        super().__init__(catalog, templates)
        self.sheets: dict[str, list[PosterLink]] = {}  # community id → its sheets, in order made

    def sheet(self, community_id: str, label: str, template: str, dest: str, **ctx) -> None:
        """Render a community's poster at `dest`, listed under the community as `label`."""
        self.render(template, dest, **ctx)
        self.sheets.setdefault(community_id, []).append(PosterLink(label, dest, pdf_name(dest)))


def render_posters(catalog: Catalog, templates: Templates) -> dict[str, str]:
    """Every kind's posters (kinds/*.py `posters`) and the index of them: site path → HTML."""
    w = PosterWriter(catalog, templates)
    for kind in registry.KINDS:
        if kind.posters is not None:
            kind.posters(w, catalog)
    streets = poster_index(catalog, w.sheets)
    w.render("print/index.html", INDEX, streets=streets, services_pdf=pdf_name(SERVICES))
    return w.files


def stamp(catalog: Catalog, source: str, path: str) -> Stamp:
    """What a sheet prints about itself: the build date, its source and the page it copies."""
    address = absolute_url(catalog.config.site.url, path)
    footer = " · ".join(p for p in (f"{catalog.today:%Y-%m-%d} 更新", f"来源：{source}", address) if p)
    return Stamp(source, address, css_string(footer))


def board_sections(catalog: Catalog, community_id: str, current: list[PostingView]) -> list[BoardSection]:
    """The postings a community's board shows (as its screens do: posted for it, for a scope above
    it, or for one of its grids), by category in the configured order, newest first."""
    mine = [v for v in current if catalog.concerns(community_id, v.p.scope)]
    order = list(catalog.config.board.categories)
    sections: dict[str, BoardSection] = {}
    for v in sorted(mine, key=lambda v: order.index(v.p.category) if v.p.category in order else len(order)):
        sections.setdefault(v.p.category, BoardSection(v.category, [])).postings.append(v)
    return list(sections.values())


def service_list(catalog: Catalog) -> list[ServiceCategory]:
    """The district's service items by category and sub-category, with phones as published."""

    def rows(items: list[Service]) -> list[ServiceRow]:
        return [ServiceRow(s, catalog.view(s)) for s in items]

    out = []
    for c in catalog.categories:
        groups = [ServiceGroup(sub.name, rows(catalog.services_in(sub.id))) for sub in c.children]
        own = [s for s in catalog.services.values() if s.category == c.id]
        if own:
            groups.append(ServiceGroup(c.name if not c.children else "其他", rows(own)))
        groups = [gr for gr in groups if gr.rows]
        if groups:
            out.append(ServiceCategory(c.name, groups))
    return out


def poster_index(catalog: Catalog, sheets: dict[str, list[PosterLink]] | None = None) -> list[StreetPosters]:
    """Every community's and grid's posters, by street and community, with the `sheets` other
    kinds made for each community (PosterWriter.sheet)."""
    out = []
    for street in catalog.streets:
        communities = []
        for com in street.communities:
            if com.id not in catalog.community:
                continue
            boards = [
                PosterLink(paper.upper(), board_poster(com.id, paper), pdf_name(board_poster(com.id, paper)))
                for paper in PAPERS
            ]
            grids = [
                PosterLink(g.name, grid_poster(g.id), pdf_name(grid_poster(g.id)))
                for g in catalog.grids_of.get(com.id, [])
            ]
            communities.append(CommunityPosters(com, boards, grids, (sheets or {}).get(com.id, [])))
        out.append(StreetPosters(street, communities))
    return out
