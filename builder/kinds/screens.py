"""Community screens (content/screens.yml): where each hangs, its scope, hours and playlist.
Their pages are made by outputs/screens.py from the slides the other kinds offer."""

from __future__ import annotations

from ..model.screens import Screen
from .free_pages import PAGE
from .grids import SCOPE
from .kind import Kind
from .linking import BOARD_CATEGORY, Linker


def screen_url(screen: Screen) -> str:
    return f"screens/{screen.id}/"


def link(link: Linker) -> None:
    screens: list[Screen] = link.of("screens")
    link.ids("大屏", screens)
    pages = {p.slug for p in link.catalog.pages}
    for sc in screens:
        if sc.scope not in link.catalog.scope_name:
            link.unknown(sc, ("scope",), SCOPE, sc.scope, link.catalog.scope_name)
        for i in range(len(sc.playlist)):
            _check_item(link, sc, i, pages)
        for i, w in enumerate(sc.hours):
            if w.start == w.end:
                link.problems.add(
                    *sc.at("hours", i, "to"),
                    f"开始和结束都是 {w.start}：全天播放请不写 hours",
                    "from and to are equal; leave hours out to play all day",
                )
    if screens and not link.config.site.url:
        link.problems.warn(
            screens[0].src_path,
            None,
            "",
            "site_config.yml 的 site.url 没有填写：大屏和海报上不会有指向网站的二维码",
            "site.url is not set: screens and posters carry no QR code to the site",
        )
    link.catalog.add(screens=screens)


def _check_item(link: Linker, sc: Screen, i: int, pages: set[str]) -> None:
    item, problems = sc.playlist[i], link.problems
    if item.show == "page" and not item.page:
        problems.add(
            *sc.at("playlist", i),
            "show: page 要写 page: 页面文件名（content/pages/ 下，不带 .md），如 page: brand",
            "show: page needs page: the free page's file name without .md",
        )
    elif item.page and item.show != "page":
        problems.add(
            *sc.at("playlist", i, "page"),
            f"page: 只用于 show: page，这一项是 show: {item.show}",
            f"page: belongs to show: page only, this item is show: {item.show}",
        )
    elif item.page and item.page not in pages:
        link.unknown(sc, ("playlist", i, "page"), PAGE, item.page, pages)
    categories = link.config.board.categories
    if item.category and item.category not in categories:
        link.unknown(sc, ("playlist", i, "category"), BOARD_CATEGORY, item.category, categories)
    if item.show_from and item.show_until and item.show_until < item.show_from:
        problems.add(
            *sc.at("playlist", i, "show_until"),
            f"show_until（{item.show_until}）早于 show_from（{item.show_from}）",
            "show_until is before show_from",
        )


KIND = Kind(
    id="screens",
    name="大屏 screens",
    files=("content/screens.yml",),
    shape="records",
    model=Screen,
    after=("org", "grids", "pages"),
    link=link,
    urls={Screen: screen_url},
    schema=("screens", "content/screens.yml 社区大屏"),
)
