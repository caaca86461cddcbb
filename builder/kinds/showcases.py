"""Demonstration communities and estates (content/showcase/*.yml): stars by year, checklists met,
photos; their pages and the showcase slides of the screens."""

from __future__ import annotations

from ..charts.site import star_history
from ..model.org import Showcase
from .kind import Kind, Show, Slide, nav_entry
from .linking import Linker, check_standards
from .org import COMMUNITY


def showcase_url(s: Showcase) -> str:
    return f"showcase/{s.id}/"


def link(link: Linker) -> None:
    showcases = link.of("showcases")
    community = link.catalog.community
    for s in showcases:
        if s.community not in community:
            link.unknown(s, ("community",), COMMUNITY, s.community, community)
        check_standards(link, s, s.standards)
        for year in s.stars:  # 1949–2100 and 1–5 stars: model.org; here, not before 2000 nor ahead
            if not 2000 <= year <= link.today.year:
                link.problems.add(*s.at("stars", year), f"年份 {year} 不对", f"year {year} is out of range")
        for i, photo in enumerate(s.photos):
            if isinstance(photo, str):
                link.media.check(photo, s, ("photos", i))
            else:
                link.media.check(photo.file, photo, ("file",))
        link.media.check_body(s.highlights, s, None, ("highlights",))
    link.ids("示范点", showcases)
    link.catalog.add(showcases=showcases)


def pages(w, cat) -> None:
    w.render("showcases.md.j2", "showcase/index.md")
    for s in cat.showcases:
        w.page(
            "showcase.md.j2",
            showcase_url(s),
            s=s,
            com=cat.community.get(s.community),
            stars=star_history(s),
        )


def _showcase(cat, screen, item, postings) -> list[Slide]:
    communities = set(cat.communities_in(screen.scope))
    out = []
    for s in cat.showcases:
        if s.community in communities:
            year = max(s.stars, default=None)
            data = {"s": s, "year": year, "stars": s.stars.get(year, 0) if year else 0}
            out.append(Slide("showcase", 0, showcase_url(s), data=data))
    return out


def _vocabulary(cat):
    for s in cat.showcases:
        yield from (s.estate, s.brand, s.title)


KIND = Kind(
    id="showcases",
    name="示范社区 showcases",
    files=("content/showcase/*.yml", "content/showcase/*.yaml"),
    shape="records",
    model=Showcase,
    after=("org",),
    link=link,
    pages=pages,
    urls={Showcase: showcase_url},
    nav=(50, nav_entry("示范社区", "showcase/index.md")),
    shows={"showcase": Show(_showcase, 10, description="showcase 示范社区")},
    schema=("showcase", "content/showcase/*.yml 示范社区"),
    vocabulary=_vocabulary,
    section=("示范社区", "showcase"),
    section_items=lambda cat: cat.showcases,
)
