"""Review: what government-website inspections and readers who cannot see images would flag.

Warnings only (the site is still built): images without a description, long stories without
subheadings or with headings out of order, sections with nothing in them, a home page not updated
for two weeks, a community's board unchanged for six months."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .media import media_targets
from .problems import Mark, Problems
from .sanitize import without_html

if TYPE_CHECKING:
    from .catalog import Catalog

HOME_STALE_DAYS = 14  # 政府网站：首页栏目两周未更新即为问题
BOARD_STALE_DAYS = 183  # a board unchanged for six months
LONG_STORY = 600  # characters of text above which a story needs subheadings
LISTED = 10  # communities named in one warning

_NO_ALT_MD = re.compile(r"!\[\s*\]\(")
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ALT = re.compile(r"""\balt\s*=\s*["']\s*\S""", re.I)
_HEADING = re.compile(r"^(#{1,6})\s+\S")
_FENCE = re.compile(r"^(```|~~~)")


def review(catalog: Catalog, problems: Problems) -> None:
    """Add every warning of this module to `problems`."""
    for s in catalog.stories:
        _images(s.body, s.meta.src_path, s.body_line, problems)
        _headings(s.body, s.meta.src_path, s.body_line, problems)
    for p in catalog.pages:
        _images(p.body, p.meta.src_path, p.body_line, problems)
    for v in catalog.postings:
        path, mark, _ = v.posting.at("body")
        _images(v.posting.body, path, (mark.line + 1) if mark else None, problems)
    _empty_sections(catalog, problems)
    _stale_home(catalog, problems)
    _stale_boards(catalog, problems)


def _images(body: str, path: str, first_line: int | None, problems: Problems) -> None:
    lines = body.split("\n")
    for n, _target in media_targets(body):
        line = lines[n] if n < len(lines) else ""
        if _NO_ALT_MD.search(line) or any(not _ALT.search(tag) for tag in _IMG.findall(line)):
            problems.warn(
                path,
                Mark(first_line + n, 1) if first_line else None,
                "正文 body",
                "图片没有文字说明：请在 ![ ] 的方括号里写上图片内容，如 ![网格员入户走访](media/…)。"
                "看不见图片的读者（读屏软件）和图片打不开时，都靠这句说明",
                "an image without a description: write what it shows between the brackets of ![ ]",
            )


def _headings(body: str, path: str, first_line: int, problems: Problems) -> None:
    level, fenced, found = 1, False, False  # the story's title is the page's only level-1 heading
    for n, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
        m = None if fenced else _HEADING.match(line)
        if not m:
            continue
        found, new = True, len(m.group(1))
        if new == 1:
            problems.warn(
                path,
                Mark(first_line + n, 1),
                "正文 body",
                "正文里不要用一级标题（一个 #）：新闻标题已是一级标题，小标题请用 ##",
                "no level-1 heading in the body: the title is the page's heading; use ## for subheadings",
            )
        elif new > level + 1:
            problems.warn(
                path,
                Mark(first_line + n, 1),
                "正文 body",
                f"标题跳级：上一级是 {'#' * level}，这里是 {'#' * new}，请用 {'#' * (level + 1)}",
                f"heading level jumps from {level} to {new}; use {'#' * (level + 1)}",
            )
        level = new
    text = re.sub(r"\s+", "", without_html(body))
    if not found and len(text) > LONG_STORY:
        problems.warn(
            path,
            Mark(first_line, 1),
            "正文 body",
            f"这篇新闻正文有 {len(text)} 字，但没有小标题：请用 ## 分几段加上小标题，方便老人和读屏软件的用户跳读",
            f"a {len(text)}-character story without subheadings: add ## subheadings",
        )


def _empty_sections(catalog: Catalog, problems: Problems) -> None:
    from .kinds.registry import KINDS

    for kind in KINDS:
        if kind.section and not kind.section_items(catalog):
            zh, en = kind.section
            problems.warn(
                "content",
                None,
                "",
                f"栏目“{zh}”没有已发布的内容：网站检查中“空栏目”算问题，请补充内容",
                f"the section '{en}' has nothing published: inspections count empty sections",
            )


def _stale_home(catalog: Catalog, problems: Problems) -> None:
    dated = [(s.meta.date, s.meta.src_path) for s in catalog.stories]
    dated += [(v.posting.posted.date(), v.posting.src_path) for v in catalog.postings]
    if not dated:
        return
    latest, path = max(dated)
    days = (catalog.today - latest).days
    if days > HOME_STALE_DAYS:
        problems.warn(
            path,
            None,
            "",
            f"首页已经 {days} 天没有新内容（最新一条是 {latest}）：政府网站首页两周不更新即为问题，请发布新闻或公示",
            f"nothing new on the home page for {days} days (latest {latest}); inspections flag two weeks",
        )


def _stale_boards(catalog: Catalog, problems: Problems) -> None:
    """One warning for every community whose board has had nothing new for six months, counted
    from the site's launch (site.launched) when it is later than the last posting."""
    launched = catalog.config.site.launched
    if launched and (catalog.today - launched).days <= BOARD_STALE_DAYS:
        return  # live for less than six months: no board can have been silent that long
    latest: dict[str, dt.date] = {}
    for v in catalog.postings:
        p = v.posting
        cid = catalog.grid[p.scope].community if p.scope in catalog.grid else p.scope
        if cid in catalog.community:
            latest[cid] = max(latest.get(cid, p.posted.date()), p.posted.date())
    stale = []
    for cid, com in catalog.community.items():
        when = latest.get(cid)
        since = max(filter(None, (when, launched)), default=None)  # a posting before launch: launch
        if since is None or (catalog.today - since).days > BOARD_STALE_DAYS:
            stale.append((com, when))
    if not stale:
        return
    names = "、".join(f"{c.name}（{w or '从未发布'}）" for c, w in stale[:LISTED])
    more = f"等 {len(stale)} 个社区" if len(stale) > LISTED else ""
    zh = en = ""
    if not launched:
        zh = "。网站上线不到半年的，请在 site_config.yml 的 site: 下写上线日期，如 launched: 2026-12-01，半年内不再提示"
        en = "; a site live for less than six months: write its launch date under site:, e.g. launched: 2026-12-01"
    problems.warn(
        *stale[0][0].at("id"),
        f"这些社区的公开栏超过半年没有新公示：{names}{more}。居务至少每季度公开一次，财务每月一次{zh}",
        f"{len(stale)} communities have posted nothing on their board for six months{en}",
    )
