"""微心愿 (content/wishes/*.yml): small wishes residents posted, claimed by a reporting member, a
reporting unit or a volunteer team, fulfilled or closed with a reason. The wish walls (the
district's and each community's, by status), the newest open wishes on the home, community and
grid pages, the 待认领的微心愿 slide and a community's wish poster (kinds/wish_pages.py).

What is never published: `note:` (the office's own), a draft, and a photo without the consent
date of the people on it."""

from __future__ import annotations

import re
from collections import defaultdict

from ..model.wishes import STATUS, Wish
from . import wish_pages
from .grids import GRID
from .kind import Kind, Show, Target, nav_entry
from .linking import Linker
from .org import COMMUNITY

CLAIMER = Target(
    "认领人（报到党员、报到单位或志愿服务队的编号）",
    "claimer (member, unit or volunteer team id)",
    ("members", "units", "services"),
)
_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")
# which blocks each status needs (and which it must not have)
_NEEDS = {"open": (), "claimed": ("claimed",), "done": ("claimed", "fulfilled"), "closed": ("closed",)}
_BLOCK_ZH = {
    "claimed": "认领（claimed:）",
    "fulfilled": "实现（fulfilled:）",
    "closed": "关闭原因（closed:）",
}
_EXAMPLE = {
    "claimed": "claimed: {by: 认领人编号, date: 2026-11-02}",
    "fulfilled": "fulfilled: {date: 2026-11-20, thanks: 一句感谢}",
    "closed": "closed: {reason: 已由民政部门解决}",
}

_DATE_ZH = {
    "posted": "发布日期 posted",
    "claimed": "认领日期 claimed.date",
    "fulfilled": "实现日期 fulfilled.date",
    "closed": "关闭日期 closed.date",
}


def wall_url(community: str | None = None) -> str:
    """The district's wish wall, or a community's."""
    return "wishes/" if community is None else f"wishes/at/{community}/"


def status_url(status: str) -> str:
    """The district's wishes of one status (待认领 …)."""
    return f"wishes/status/{status}/"


def wish_url(w: Wish) -> str:
    return f"{wall_url(w.community)}#wish-{w.id}"


def link(link: Linker) -> None:
    wishes: list[Wish] = link.of("wishes")
    cat = link.catalog
    link.ids("微心愿", wishes)
    for w in wishes:
        if w.community not in cat.community:
            link.unknown(w, ("community",), COMMUNITY, w.community, cat.community)
        check_grid(link, w)
        _check_status(link, w)
        if w.claimed and _SLUG.fullmatch(w.claimed.by) and claimer(cat, w.claimed.by) is None:
            choices = {*cat.member, *cat.unit, *(t.id for t in cat.teams)}
            link.unknown(w, ("claimed", "by"), CLAIMER, w.claimed.by, choices)
        photo = w.fulfilled.photo if w.fulfilled else None
        if photo:
            link.media.check(photo.file, w, ("fulfilled", "photo", "file"))
            if photo.consent is None and not w.draft:
                link.problems.warn(
                    *w.at("fulfilled", "photo"),
                    "照片没有写 consent:（照片上的人同意公开的日期），不会发布；取得同意后写 consent: 日期",
                    "the photo has no consent: date and is not published",
                )
    published = sorted((w for w in wishes if not w.draft), key=lambda w: (w.posted, w.id), reverse=True)
    of_community: dict[str, list[Wish]] = defaultdict(list)
    for w in published:
        of_community[w.community].append(w)
    cat.add(wishes=published, wish={w.id: w for w in published}, wishes_of=dict(of_community))


def check_grid(link: Linker, record) -> None:
    """A record's `grid` exists and is in its `community` (wishes, needs)."""
    cat, grid, community = link.catalog, record.grid, record.community
    if grid and grid not in cat.grid:
        link.unknown(
            record, ("grid",), GRID, grid, [g.id for g in cat.grids_of.get(community, [])] or cat.grid
        )
    elif grid and community in cat.community and cat.grid[grid].community != community:
        other = cat.grid[grid].community
        link.problems.add(
            *record.at("grid"),
            f"网格“{grid}”属于社区“{other}”，不在社区“{community}”：请检查 grid 或 community",
            f"grid '{grid}' is in community '{other}', not '{community}'",
        )


def _check_status(link: Linker, w: Wish) -> None:
    word = STATUS[w.status]
    for block in _NEEDS[w.status]:
        if getattr(w, block) is None:
            link.problems.add(
                *w.at("status"),
                f"状态是“{word}”，要写{_BLOCK_ZH[block]}，如 {_EXAMPLE[block]}",
                f"a wish with status {w.status} needs {block}:",
            )
    for block in ("claimed", "fulfilled", "closed"):
        allowed = block in _NEEDS[w.status] or (block == "claimed" and w.status == "closed")
        if getattr(w, block) is not None and not allowed:
            link.problems.add(
                *w.at(block),
                f"状态是“{word}”，却写了{_BLOCK_ZH[block]}：请把 status 改对，或删去 {block}:",
                f"status is {w.status}, but {block}: is written; correct status or remove {block}:",
            )
    steps = [("posted", w.posted)]
    if w.claimed:
        steps.append(("claimed", w.claimed.date))
    if w.fulfilled:
        steps.append(("fulfilled", w.fulfilled.date))
    if w.closed and w.closed.date:
        steps.append(("closed", w.closed.date))
    for (a, da), (b, db) in zip(steps, steps[1:], strict=False):
        if db < da:
            key = (b, "date")
            link.problems.add(
                *w.at(*key),
                f"{_DATE_ZH[b]}（{db}）早于{_DATE_ZH[a]}（{da}）：请检查日期",
                f"the {b} date ({db}) is before the {a} date ({da})",
            )


def _withheld(wishes: list[Wish]):
    """A fulfilled wish's photo without the consent date of the people on it: published nowhere."""
    for w in wishes:
        photo = w.fulfilled.photo if w and w.fulfilled else None
        if photo and photo.consent is None:
            yield w, ("fulfilled", "photo", "file"), f"微心愿“{w.id}”"


def claimer(cat, by: str):
    """The member, unit or volunteer team a wish's `claimed.by` names (None for a name written out)."""
    return cat.member.get(by) or cat.unit.get(by) or next((t for t in cat.teams if t.id == by), None)


KIND = Kind(
    id="wishes",
    name="微心愿 wishes",
    files=("content/wishes/*.yml", "content/wishes/*.yaml"),
    shape="records",
    model=Wish,
    after=("org", "grids", "services", "units", "members"),
    link=link,
    pages=wish_pages.pages,
    posters=wish_pages.posters,
    panel=wish_pages.panel,
    sitemap=wish_pages.sitemap,
    views={Wish: wish_pages.public},
    urls={Wish: wish_url},
    nav=(47, nav_entry("微心愿", "wishes/index.md")),
    shows={
        "wishes": Show(
            wish_pages.slides, wish_pages.SLIDES, newest_first=True, description="wishes 待认领的微心愿"
        )
    },
    schema=("wish", "content/wishes/*.yml 微心愿"),
    withheld=_withheld,
    vocabulary=wish_pages.vocabulary,
    section=("微心愿", "wishes"),
    section_items=lambda cat: cat.wishes,
)
