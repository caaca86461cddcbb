"""Urgent notices (content/notices.yml): a water cut, a road closed, a vaccination day. A banner
on every page in the notice's scope, a list on the home page, and on the screens of its scope a
takeover (urgent) or a band over the playlist (warning).

Which notices reach any output (pages, the theme's banner, screens, search, feeds, sitemap):
those that are not drafts and whose period meets the build day or a later day — `until` after
the build day's start and `from` before its end. An expired notice, a draft and one that starts
after the build day reach none; from the build on, the reader's browser and the screen's clock
hide a banner outside its period (templates/assets/notices.js, screen.js), so a notice that ends
disappears without a rebuild.

In scope: a district notice on every page and every screen; a street's, a community's or a
grid's on the pages and screens of that scope and of the scopes inside it (a street's notice on
its communities' and grids' pages too)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..model.notices import Notice
from .board import POSTING, posting_url
from .free_pages import PAGE, page_url
from .grids import SCOPE
from .kind import Kind
from .linking import Linker

RANK = {
    "urgent": 0,
    "warning": 1,
    "info": 2,
}  # the order banners and lists show them: urgent first, then newest


@dataclass(frozen=True)
class NoticeView:
    """A notice as the banner, the home page and the screens show it."""

    notice: Notice
    id: str
    title: str
    text: str
    level: str
    level_zh: str
    issuer: str
    scope: str  # the scope id (the district's when none is written)
    scope_name: str
    start: str  # local "YYYY-MM-DDTHH:MM:SS", compared as text by the scripts
    stop: str
    period: str  # 11月18日 08:00 至 12月31日 18:00
    issued: str  # 2026年11月18日 08:00
    ends: str  # 12月31日 18:00
    link: str  # site path of the page or posting it points to ('' for none)
    link_title: str


@dataclass
class Notices:
    """The notices that reach output, and which of them concern a scope."""

    items: list[NoticeView]
    chain: Callable[[str], tuple[str, ...]]  # Catalog.scope_chain

    def at(self, scope: str) -> list[NoticeView]:
        """The notices shown on the pages and screens of `scope`: its own and those above it."""
        chain = self.chain(scope)
        return [n for n in self.items if n.scope in chain]


def is_published(n: Notice, today: dt.date) -> bool:
    """Not a draft, and its period meets the build day or a later one."""
    start = dt.datetime.combine(today, dt.time())
    return not n.draft and n.until > start and n.from_ < start + dt.timedelta(days=1)


def link(link: Linker) -> None:
    notices: list[Notice] = link.of("urgent")
    cat = link.catalog
    link.ids("紧急通知", notices)
    pages = {p.slug: p for p in cat.pages}
    postings = {s.posting.id: s.posting for s in cat.postings}
    for n in notices:
        if n.scope and n.scope not in cat.scope_name:
            link.unknown(n, ("scope",), SCOPE, n.scope, cat.scope_name)
        if n.page and n.page not in pages:
            link.unknown(n, ("page",), PAGE, n.page, pages)
        if n.posting and n.posting not in postings:
            link.unknown(n, ("posting",), POSTING, n.posting, postings)
        if n.page and n.posting:
            link.problems.add(
                *n.at("posting"),
                "一条通知只能链接一处：page: 和 posting: 请只留一个",
                "a notice links to one place: keep page: or posting:, not both",
            )
        if n.until <= n.from_:
            link.problems.add(
                *n.at("until"),
                f"结束时间（{_shown(n.until)}）不晚于开始时间（{_shown(n.from_)}）：请检查 from 和 until",
                f"until ({_shown(n.until)}) is not after from ({_shown(n.from_)})",
            )
    district = link.config.district.id
    views = [
        _view(n, cat, district, pages, postings)
        for n in sorted(notices, key=lambda n: (RANK[n.level], -n.from_.timestamp(), n.id))
        if is_published(n, link.today) and n.until > n.from_
    ]
    cat.add(urgent=Notices(views, cat.scope_chain))


def _shown(moment: dt.datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"


def _short(moment: dt.datetime) -> str:
    return f"{moment.month}月{moment.day}日 {moment:%H:%M}"


def _view(n: Notice, cat, district: str, pages: dict, postings: dict) -> NoticeView:
    scope = n.scope or district
    link, link_title = "", ""
    if n.page and n.page in pages:
        link, link_title = page_url(pages[n.page]), pages[n.page].meta.title
    elif n.posting and n.posting in postings:
        link, link_title = posting_url(postings[n.posting]), postings[n.posting].title
    return NoticeView(
        notice=n,
        id=n.id,
        title=n.title,
        text=n.text,
        level=n.level,
        level_zh=n.level_zh,
        issuer=n.issuer,
        scope=scope,
        scope_name=cat.scope_name.get(scope, ""),
        start=f"{n.from_:%Y-%m-%dT%H:%M:%S}",
        stop=f"{n.until:%Y-%m-%dT%H:%M:%S}",
        period=f"{_short(n.from_)} 至 {_short(n.until)}",
        issued=f"{n.from_.year}年{_short(n.from_)}",
        ends=_short(n.until),
        link=link,
        link_title=link_title,
    )


def _theme(v: NoticeView) -> dict:
    """A notice as the theme's banner reads it (mkdocs.yml `extra.gridboard.notices`): plain
    values, escaped by the theme's autoescape."""
    fields = ("id", "title", "text", "level", "level_zh", "issuer", "scope", "scope_name")
    out = {f: getattr(v, f) for f in fields}
    return out | {
        "from": v.start,
        "until": v.stop,
        "period": v.period,
        "link": v.link,
        "link_title": v.link_title,
    }


KIND = Kind(
    id="urgent",
    name="紧急通知 urgent notices",
    files=("content/notices.yml",),
    shape="records",
    model=Notice,
    after=("org", "grids", "board", "pages"),
    link=link,
    schema=("notice", "content/notices.yml 紧急通知"),
    theme=lambda cat: {"notices": [_theme(v) for v in cat.urgent.items]},
)
