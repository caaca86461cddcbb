"""Party secretaries' studios (content/studios/*.yml) and their pages."""

from __future__ import annotations

from ..model.org import Studio
from ..views import person_card
from .kind import Kind, nav_entry
from .linking import Linker
from .org import COMMUNITY


def studio_url(s: Studio) -> str:
    return f"studios/{s.id}/"


def link(link: Linker) -> None:
    studios = link.of("studios")
    community = link.catalog.community
    for st in studios:
        if st.community not in community:
            link.unknown(st, ("community",), COMMUNITY, st.community, community)
        if st.secretary.photo:
            link.media.check(st.secretary.photo, st, ("secretary", "photo"))
        link.media.check_body(st.intro, st, None, ("intro",))
        link.media.check_body(st.secretary.profile, st, None, ("secretary", "profile"))
    link.ids("工作室", studios)
    link.catalog.add(studios=studios)


def pages(w, cat) -> None:
    w.render("studios.md.j2", "studios/index.md")
    for s in cat.studios:
        w.page(
            "studio.md.j2",
            studio_url(s),
            s=s,
            com=cat.community.get(s.community),
            secretary=person_card(s.secretary, cat.config, s.secretary.title),
        )


def _vocabulary(cat):
    for s in cat.studios:
        yield from (s.name, s.secretary.name)


KIND = Kind(
    id="studios",
    name="书记工作室 studios",
    files=("content/studios/*.yml", "content/studios/*.yaml"),
    shape="records",
    model=Studio,
    after=("org",),
    link=link,
    pages=pages,
    urls={Studio: studio_url},
    nav=(60, nav_entry("书记工作室", "studios/index.md")),
    schema=("studio", "content/studios/*.yml 书记工作室"),
    people=lambda studios: studios,
    vocabulary=_vocabulary,
    section=("书记工作室", "studios"),
    section_items=lambda cat: cat.studios,
)
