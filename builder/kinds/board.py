"""The open-affairs board (content/board/*.yml): postings with their publicity period, the board
and its archive, a page per posting, and the board slides of the screens. Internal postings
(`audience: internal`) are checked but never published."""

from __future__ import annotations

from collections import defaultdict

from ..model.board import Posting
from ..views import PostingState, posting_views
from .grids import SCOPE
from .kind import Kind, Show, Slide, Target, after, nav_entry
from .linking import BOARD_CATEGORY, Linker

POSTING = Target("公示", "posting", ("board",))


def posting_url(p: Posting) -> str:
    return f"board/{p.id}/"


def month_url(month: str) -> str:
    """The archive page of the postings of a month (YYYY-MM)."""
    return f"board/archive/{month}/"


def link(link: Linker) -> None:
    postings: list[Posting] = link.of("board")
    link.ids("公示", postings)
    by_id = {p.id: p for p in reversed(postings)}  # the first of a duplicate id, as reported
    out = []
    for p in postings:
        _check_references(link, p, by_id)
        _check_period(link, p)
        for i, a in enumerate(p.attachments):
            link.media.check(a, p, ("attachments", i))
        link.media.check_body(p.body, p, None, ("body",))
        if p.audience == "public" and p.posted.date() <= link.today:
            out.append(PostingState(p, current=p.until >= link.today and p.status != "repealed"))
    out.sort(key=lambda s: (s.posting.posted, s.posting.id), reverse=True)
    link.catalog.add(postings=out)


def _check_references(link: Linker, p: Posting, by_id: dict[str, Posting]) -> None:
    config, scopes = link.config, link.catalog.scope_name
    if p.category not in config.board.categories:
        link.unknown(p, ("category",), BOARD_CATEGORY, p.category, config.board.categories)
    if p.scope not in scopes:
        link.unknown(p, ("scope",), SCOPE, p.scope, scopes)
    if p.replaced_by and p.replaced_by not in by_id:
        link.unknown(p, ("replaced_by",), POSTING, p.replaced_by, set(by_id))
    elif p.replaced_by and p.audience == "public" and by_id[p.replaced_by].audience == "internal":
        # a correction of a public posting is made in public; a posting not yet posted is not
        # linked until it is (views.posting_views)
        link.problems.add(
            *p.at("replaced_by"),
            f"更正后的公示“{p.replaced_by}”是内部公示（audience: internal），公众打不开：公开的公示"
            "要公开更正。请把更正的那一条改为公开（删去 audience: internal），或删去 replaced_by",
            f"replaced_by names the internal posting '{p.replaced_by}', which the public cannot "
            "open: a public posting is corrected in public; make the correction public or drop replaced_by",
        )


def _check_period(link: Linker, p: Posting) -> None:
    min_days = link.config.board.min_days
    days = (p.until - p.posted.date()).days + 1
    if p.until < p.posted.date():
        link.problems.add(
            *p.at("until"),
            f"截止日期 {p.until} 早于发布日期 {p.posted.date()}：请检查 posted 和 until",
            f"until ({p.until}) is before posted ({p.posted.date()})",
        )
    elif days < min_days:
        link.problems.add(
            *p.at("until"),
            f"公示期只有 {days} 天，少于规定的 {min_days} 天（site_config.yml 的 board.min_days）",
            f"publicity period is {days} days, below the minimum of {min_days}",
        )


def pages(w, cat) -> None:
    postings = posting_views(cat)
    current = [p for p in postings if p.state.current]
    by_scope: dict[str, list] = defaultdict(list)
    for p in current:
        by_scope[p.scope].append(p)
    w.render(
        "board.md.j2",
        "board/index.md",
        by_scope=dict(by_scope),
        current=current,
        expired_count=len(postings) - len(current),
    )
    months = months_of(postings)
    w.render("archive.md.j2", "board/archive/index.md", months=months)
    for month, items in months.items():
        w.page("archive_month.md.j2", month_url(month), month=month, items=items)
    for p in postings:
        w.page("posting.md.j2", posting_url(p.p), v=p)


def posters(w, cat) -> None:
    """Each community's board (A4 and A3): what its screens show, by category."""
    from ..outputs.posters import PAPERS, board_poster, board_sections, stamp  # the poster stage's

    site_name = cat.config.site.name
    current = [v for v in posting_views(cat) if v.state.current]
    for cid, com in cat.community.items():
        street, sections = cat.street_of[cid], board_sections(cat, cid, current)
        sheet = stamp(cat, f"{com.name}（{site_name}）", "board/")
        for paper in PAPERS:
            w.render(
                "print/board.html",
                board_poster(cid, paper),
                paper=paper,
                com=com,
                street=street,
                sections=sections,
                stamp=sheet,
            )


def months_of(postings: list) -> dict[str, list]:
    """Posting views by the month they were posted (YYYY-MM), newest first."""
    months: dict[str, list] = defaultdict(list)
    for p in postings:
        months[p.month].append(p)
    return dict(months)


def _board(cat, screen, item, postings) -> list[Slide]:
    return [
        Slide("board", 0, posting_url(v.p), stop=after(v.p.until), data={"v": v})
        for v in postings
        if cat.concerns(screen.scope, v.p.scope) and (not item.category or v.p.category == item.category)
    ]


def _public(raw) -> bool:
    """An internal posting never reaches the public: its values are not published text."""
    return not (isinstance(raw, dict) and raw.get("audience") == "internal")


KIND = Kind(
    id="board",
    name="公开栏 board",
    files=("content/board/*.yml", "content/board/*.yaml"),
    shape="records",
    model=Posting,
    after=("org", "grids"),
    link=link,
    pages=pages,
    posters=posters,
    urls={Posting: posting_url},
    nav=(40, nav_entry("公开栏", "board/index.md")),
    shows={"board": Show(_board, 30, description="board 公示")},
    schema=("posting", "content/board/*.yml 公开栏公示"),
    public=_public,
    section=("公开栏", "board"),
    section_items=lambda cat: cat.postings,
)
