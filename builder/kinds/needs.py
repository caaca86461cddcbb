"""The needs list (content/needs/*.yml: 需求清单): what residents asked for, from 包居联户 visits,
wishes, meetings and hotlines. Each need shows its answer: the projects that took it on, or the
reply given, or how long it has waited (事事有回音, shown rather than claimed)."""

from __future__ import annotations

from collections import defaultdict

from ..model.projects import Need
from . import list_pages
from .kind import Kind, Target
from .linking import Linker
from .org import COMMUNITY
from .units import lists_url
from .wishes import check_grid

WISH = Target("微心愿", "wish", ("wishes",))


def need_url(n: Need) -> str:
    return f"{lists_url(n.community)}#need-{n.id}"


def link(link: Linker) -> None:
    needs: list[Need] = link.of("needs")
    cat = link.catalog
    link.ids("需求", needs)
    all_wishes = {w.id: w for w in link.of("wishes") if w is not None}  # a draft wish is known
    for n in needs:
        if n.community not in cat.community:
            link.unknown(n, ("community",), COMMUNITY, n.community, cat.community)
        check_grid(link, n)
        _check_wish(link, n, all_wishes)
        if n.source == "wish" and not n.wish:
            link.problems.add(
                *n.at("source"),
                "来源是微心愿（wish），请写 wish: 微心愿编号",
                "a need from a wish names it: wish: <wish id>",
            )
        if n.replied and n.replied < n.raised:
            link.problems.add(
                *n.at("replied"),
                f"答复日期（{n.replied}）早于提出日期（{n.raised}）：请检查日期",
                f"replied ({n.replied}) is before raised ({n.raised})",
            )
    published = sorted((n for n in needs if not n.draft), key=lambda n: (n.raised, n.id), reverse=True)
    of_community: dict[str, list[Need]] = defaultdict(list)
    for n in published:
        of_community[n.community].append(n)
    cat.add(needs=published, need={n.id: n for n in published}, needs_of=dict(of_community))


def _check_wish(link: Linker, n: Need, all_wishes: dict) -> None:
    """The wish a need came from exists, is published, and is in the need's community."""
    if not n.wish:
        return
    w = all_wishes.get(n.wish)
    if w is None:
        link.unknown(n, ("wish",), WISH, n.wish, all_wishes)
    elif w.draft and not n.draft:
        link.problems.add(
            *n.at("wish"),
            f"微心愿“{n.wish}”是草稿，不会发布；需求发布前请先发布这个微心愿（删去它的 draft: true），或删去 wish:",
            f"wish '{n.wish}' is a draft; publish it first, or remove wish:",
        )
    elif w.community != n.community:
        link.problems.add(
            *n.at("wish"),
            f"微心愿“{n.wish}”在社区“{w.community}”，这条需求在社区“{n.community}”：请检查 wish 或 community",
            f"wish '{n.wish}' is in community '{w.community}', the need in '{n.community}'",
        )


KIND = Kind(
    id="needs",
    name="需求清单 needs",
    files=("content/needs/*.yml", "content/needs/*.yaml"),
    shape="records",
    model=Need,
    after=("org", "grids", "wishes"),
    link=link,
    urls={Need: need_url},
    views={Need: list_pages.need_view},
    schema=("need", "content/needs/*.yml 需求清单"),
)
