"""Catalog: link the records, check them against each other, decide what is current today."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import footer
from .config import SiteConfig
from .media import MediaChecker
from .model.base import Record
from .model.board import Posting
from .model.content import Content, PageDoc, StoryDoc
from .model.org import Community, Grid, Showcase, Street, Studio
from .model.screens import Screen
from .model.services import Category, Service, Station, VolunteerTeam
from .problems import Problems


@dataclass
class Figures:
    """Key figures computed from the data for the home page."""

    streets: int = 0
    communities: int = 0
    grids: int = 0
    basic_grids: int = 0
    dedicated_grids: int = 0
    party_branches: int = 0
    workers: int = 0
    party_workers: int = 0
    households: int = 0
    services: int = 0
    stations: int = 0
    teams: int = 0

    @property
    def party_share(self) -> int:
        """Percentage of grid workers who are party members, rounded."""
        return round(100 * self.party_workers / self.workers) if self.workers else 0


@dataclass
class PostingState:
    """A published posting and how it stands on the build date."""

    posting: Posting
    current: bool  # in its publicity period today (公示中), else expired (已期满)


@dataclass
class Catalog:
    """Everything the pages need, linked and checked; only published items are in it."""

    config: SiteConfig
    today: dt.date
    streets: list[Street]
    community: dict[str, Community]
    street_of: dict[str, Street]  # community id → street
    grids: list[Grid]
    grid: dict[str, Grid]
    grids_of: dict[str, list[Grid]]  # community id → grids
    showcases: list[Showcase]
    studios: list[Studio]
    categories: list[Category]
    services: dict[str, Service]
    teams: list[VolunteerTeam]
    stations: list[Station]
    postings: list[PostingState]  # published, newest first
    stories: list[StoryDoc]  # published, newest first
    pages: list[PageDoc]
    figures: Figures
    scope_name: dict[str, str] = field(default_factory=dict)
    public_numbers: set[tuple[str, str]] = field(default_factory=set)  # (file, number) listed as public
    screens: list[Screen] = field(default_factory=list)
    _chains: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def scope_chain(self, scope: str) -> tuple[str, ...]:
        """The scope and every scope above it: grid → community → street → district."""
        chain = self._chains.get(scope)
        if chain is None:
            up = [scope]
            if scope in self.grid:
                up.append(scope := self.grid[scope].community)
            if scope in self.street_of:
                up.append(self.street_of[scope].id)
            if scope != self.config.district.id:
                up.append(self.config.district.id)
            chain = self._chains[up[0]] = tuple(up)
        return chain

    def communities_in(self, scope: str) -> list[str]:
        """Ids of the communities a scope covers (a grid's scope covers its community's only for
        community-wide things such as care stations)."""
        if scope == self.config.district.id:
            return list(self.community)
        if scope in self.community:
            return [scope]
        if scope in self.grid:
            return [self.grid[scope].community]
        return [c.id for s in self.streets if s.id == scope for c in s.communities]

    def grids_in(self, scope: str) -> list[Grid]:
        """The grids within a scope, in file order."""
        if scope in self.grid:
            return [self.grid[scope]]
        return [g for c in self.communities_in(scope) for g in self.grids_of.get(c, [])]

    def concerns(self, scope: str, item_scope: str) -> bool:
        """True when something posted for `item_scope` belongs on a screen or board for `scope`:
        it is posted for the scope itself, a scope above it, or a part of it."""
        return item_scope in self.scope_chain(scope) or scope in self.scope_chain(item_scope)

    def services_in(self, category_id: str) -> list[Service]:
        """Service items of a category or any of its sub-categories, in file order."""
        ids = {category_id}
        for cat in self.categories:
            if cat.id == category_id:
                ids |= {c.id for c in cat.children}
        return [s for s in self.services.values() if s.category in ids]


class _Ids:
    """Collects ids of one kind and reports duplicates with both places."""

    def __init__(self, kind_zh: str, problems: Problems):
        self.kind_zh, self.problems, self.seen = kind_zh, problems, {}

    def add(self, record: Record, key: str = "id") -> None:
        value = getattr(record, key)
        if value in self.seen:
            first = self.seen[value]
            path, mark, fld = first.at(key)
            self.problems.add(
                *record.at(key),
                f"{self.kind_zh}编号“{value}”重复：{path}:{mark.line if mark else '?'} 已经用过，请换一个",
                f"duplicate id '{value}', already used at {path}:{mark.line if mark else '?'}",
            )
        else:
            self.seen[value] = record


_KIND_EN = {
    "社区": "community",
    "角色": "role",
    "服务事项": "service",
    "标准清单": "checklist",
    "服务类别": "service category",
    "公开类别": "board category",
    "公示": "posting",
    "网格": "grid",
    "范围（区/街道/社区/网格）": "scope (district/street/community/grid)",
    "页面": "free page",
}


# which content kinds an id of each kind comes from: when one of those files could not be
# read, an id that is not found may well be in it, so it is not reported
_KIND_SOURCE = {
    "社区": {"org"},
    "网格": {"grids"},
    "服务事项": {"services"},
    "服务类别": {"services"},
    "公示": {"board"},
    "范围（区/街道/社区/网格）": {"org", "grids"},
    "页面": {"pages"},
}


class _Refs:
    """Reports references to ids that do not exist."""

    def __init__(self, problems: Problems, incomplete: set[str]):
        self.problems, self.incomplete = problems, incomplete

    def unknown(self, record: Record, key: tuple, kind_zh: str, value: str, choices) -> None:
        if _KIND_SOURCE.get(kind_zh, set()) & self.incomplete:
            return
        _unknown(self.problems, record, key, kind_zh, value, choices)


def _unknown(problems: Problems, record: Record, key: tuple, kind_zh: str, value: str, choices) -> None:
    kind_en = _KIND_EN.get(kind_zh, "checklist item" if "条目" in kind_zh else "reference")
    sample = "、".join(sorted(choices)[:8]) + ("……" if len(choices) > 8 else "")
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.75)
    guess, guess_en = (f"，是不是“{close[0]}”？", f" (did you mean '{close[0]}'?)") if close else ("。", "")
    problems.add(
        *record.at(*key),
        f"找不到{kind_zh}“{value}”{guess}可用的编号有：{sample or '（无）'}",
        f"unknown {kind_en} '{value}'{guess_en}; it must be one of the ids listed",
    )


def build_catalog(
    content: Content, config: SiteConfig, root: Path, today: dt.date, problems: Problems
) -> Catalog:
    """Link and check every record; record all problems; keep only what is published today."""
    media = MediaChecker(root / "content", problems)
    refs = _Refs(problems, content.incomplete)
    streets = content.org.streets if content.org else []
    community: dict[str, Community] = {}
    street_of: dict[str, Street] = {}
    street_ids, community_ids = _Ids("街道", problems), _Ids("社区", problems)
    for street in streets:
        street_ids.add(street)
        _check_code(problems, street, config.district.code, "区划代码")
        for com in street.communities:
            community_ids.add(com)
            community.setdefault(com.id, com)
            street_of.setdefault(com.id, street)
            _check_code(problems, com, street.code, "街道代码")
            media.check_body(com.intro, com, None, ("intro",))
        media.check_body(street.intro, street, None, ("intro",))
    if config.site.logo:
        media.check(config.site.logo, config, ("site", "logo"))
    footer.check_references(config, content.pages, media, problems)

    grids = content.grids
    grid_ids, codes = _Ids("网格", problems), _Ids("网格代码", problems)
    grids_of: dict[str, list[Grid]] = defaultdict(list)
    all_services = [s for f in content.services for s in f.items]
    service_ids = {s.id for s in all_services}
    for g in grids:
        grid_ids.add(g)
        if g.code:
            codes.add(g, "code")
        com = community.get(g.community)
        if com is None:
            refs.unknown(g, ("community",), "社区", g.community, community)
        else:
            grids_of[g.community].append(g)
            _check_code(problems, g, com.code, "社区代码")
        for i, member in enumerate(g.team):
            if member.role not in config.roles:
                refs.unknown(g, ("team", i, "role"), "角色", member.role, config.roles)
            if member.photo:
                media.check(member.photo, g, ("team", i, "photo"))
        for i, sid in enumerate(g.services):
            if sid not in service_ids:
                refs.unknown(g, ("services", i), "服务事项", sid, service_ids)
        _check_standards(refs, g, g.standards, config)
        media.check_body(g.notes, g, None, ("notes",))

    for s in content.showcases:
        if s.community not in community:
            refs.unknown(s, ("community",), "社区", s.community, community)
        _check_standards(refs, s, s.standards, config)
        for year in s.stars:  # 1949–2100 and 1–5 stars: model.org; here, not before 2000 nor ahead
            if not 2000 <= year <= today.year:
                problems.add(*s.at("stars", year), f"年份 {year} 不对", f"year {year} is out of range")
        for i, photo in enumerate(s.photos):
            if isinstance(photo, str):
                media.check(photo, s, ("photos", i))
            else:
                media.check(photo.file, photo, ("file",))
        media.check_body(s.highlights, s, None, ("highlights",))
    _dupes(problems, "示范点", content.showcases)

    for st in content.studios:
        if st.community not in community:
            refs.unknown(st, ("community",), "社区", st.community, community)
        if st.secretary.photo:
            media.check(st.secretary.photo, st, ("secretary", "photo"))
        media.check_body(st.intro, st, None, ("intro",))
        media.check_body(st.secretary.profile, st, None, ("secretary", "profile"))
    _dupes(problems, "工作室", content.studios)

    categories = [c for f in content.services for c in f.categories]
    cat_ids = _Ids("服务类别", problems)
    for c in categories:
        cat_ids.add(c)
        for child in c.children:
            cat_ids.add(child)
    services = {}
    svc_ids = _Ids("服务事项", problems)
    for s in all_services:
        svc_ids.add(s)
        services.setdefault(s.id, s)
        if s.category not in cat_ids.seen:
            refs.unknown(s, ("category",), "服务类别", s.category, cat_ids.seen)
    teams = [t for f in content.services for t in f.teams]
    stations = [t for f in content.services for t in f.stations]
    _dupes(problems, "志愿服务队", teams)
    _dupes(problems, "驿站", stations)
    for t in teams:
        if t.leader and t.leader.photo:
            media.check(t.leader.photo, t, ("leader", "photo"))
        for i, cid in enumerate(t.communities):
            if cid not in community:
                refs.unknown(t, ("communities", i), "社区", cid, community)
    facilities = config.standards.get(config.station_facilities) if config.station_facilities else None
    for st in stations:
        if st.community not in community:
            refs.unknown(st, ("community",), "社区", st.community, community)
        if facilities:
            for i, item in enumerate(st.facilities):
                if item not in facilities.items:
                    refs.unknown(st, ("facilities", i), f"“{facilities.label}”条目", item, facilities.items)

    scope_name = {config.district.id: config.district.name}
    scope_name |= {s.id: s.name for s in streets}
    scope_name |= {c.id: c.name for c in community.values()}
    scope_name |= {g.id: g.name for g in grids}
    postings = _check_postings(content.postings, config, scope_name, today, problems, media, refs)
    stories = _check_stories(content.stories, community, {g.id for g in grids}, today, problems, media, refs)
    pages = sorted((p for p in content.pages if not p.meta.draft), key=lambda p: (p.meta.order, p.slug))
    for p in content.pages:
        media.check_body(p.body, p.meta, p.body_line)
        if not all(re.match(r"^[a-z0-9][a-z0-9_-]*$", part) for part in p.slug.split("/")):
            problems.add(
                p.meta.src_path,
                None,
                "",
                f"文件名“{p.slug}.md”会成为网址：文件夹和文件名只能用小写英文字母、数字、短横线和下划线，"
                "不能以点开头，如 brand.md",
                "the page's file name becomes its URL: use lowercase ASCII letters, digits, '-' and '_'",
            )

    _check_screens(content.screens, config, scope_name, {p.slug for p in pages}, problems, refs)

    figures = grid_figures(grids, config)
    figures.streets, figures.communities = len(streets), len(community)
    figures.services, figures.stations, figures.teams = len(services), len(stations), len(teams)
    return Catalog(
        config=config,
        today=today,
        streets=streets,
        community=community,
        street_of=street_of,
        grids=grids,
        grid={g.id: g for g in grids},
        grids_of=dict(grids_of),
        showcases=content.showcases,
        studios=content.studios,
        categories=categories,
        services=services,
        teams=teams,
        stations=stations,
        postings=postings,
        stories=stories,
        pages=pages,
        figures=figures,
        scope_name=scope_name,
        screens=content.screens,
    )


def grid_figures(grids: list[Grid], config: SiteConfig) -> Figures:
    """The figures that come from grids: counts, party branches, workers, households."""
    roles = set(config.worker_roles)
    workers = [m for g in grids for m in g.team if not roles or m.role in roles]
    return Figures(
        grids=len(grids),
        basic_grids=sum(g.kind == "basic" for g in grids),
        dedicated_grids=sum(g.kind == "dedicated" for g in grids),
        party_branches=sum(g.party_branch is not None for g in grids),
        workers=len(workers),
        party_workers=sum(m.party_member for m in workers),
        households=sum(g.households or 0 for g in grids),
    )


def _dupes(problems: Problems, kind_zh: str, records: list[Record]) -> None:
    ids = _Ids(kind_zh, problems)
    for r in records:
        ids.add(r)


def _check_code(problems: Problems, record, parent_code: str | None, parent_zh: str) -> None:
    code = getattr(record, "code", None)
    if code and parent_code and not code.startswith(parent_code):
        problems.add(
            *record.at("code"),
            f"代码“{code}”应以上级{parent_zh}“{parent_code}”开头（区6位+街道3位+社区3位+网格3位）",
            f"code '{code}' must start with its parent's code '{parent_code}'",
        )


def _check_standards(refs: _Refs, record, met: dict[str, list[str]], config: SiteConfig) -> None:
    for key, items in met.items():
        std = config.standards.get(key)
        if std is None:
            refs.unknown(record, ("standards", key), "标准清单", key, config.standards)
            continue
        for i, item in enumerate(items):
            if item not in std.items:
                refs.unknown(record, ("standards", key, i), f"“{std.label}”条目", item, std.items)


def _check_postings(
    postings: list[Posting],
    config: SiteConfig,
    scopes: dict[str, str],
    today: dt.date,
    problems: Problems,
    media: MediaChecker,
    refs: _Refs,
) -> list[PostingState]:
    _dupes(problems, "公示", postings)
    by_id = {p.id: p for p in reversed(postings)}  # the first of a duplicate id, as reported
    ids = set(by_id)
    out = []
    for p in postings:
        if p.category not in config.board.categories:
            refs.unknown(p, ("category",), "公开类别", p.category, config.board.categories)
        if p.scope not in scopes:
            refs.unknown(p, ("scope",), "范围（区/街道/社区/网格）", p.scope, scopes)
        if p.replaced_by and p.replaced_by not in ids:
            refs.unknown(p, ("replaced_by",), "公示", p.replaced_by, ids)
        elif p.replaced_by and p.audience == "public" and by_id[p.replaced_by].audience == "internal":
            # a correction of a public posting is made in public; a posting not yet posted is not
            # linked until it is (views.posting_views)
            problems.add(
                *p.at("replaced_by"),
                f"更正后的公示“{p.replaced_by}”是内部公示（audience: internal），公众打不开：公开的公示"
                "要公开更正。请把更正的那一条改为公开（删去 audience: internal），或删去 replaced_by",
                f"replaced_by names the internal posting '{p.replaced_by}', which the public cannot "
                "open: a public posting is corrected in public; make the correction public or drop replaced_by",
            )
        days = (p.until - p.posted.date()).days + 1
        if p.until < p.posted.date():
            problems.add(
                *p.at("until"),
                f"截止日期 {p.until} 早于发布日期 {p.posted.date()}：请检查 posted 和 until",
                f"until ({p.until}) is before posted ({p.posted.date()})",
            )
        elif days < config.board.min_days:
            problems.add(
                *p.at("until"),
                f"公示期只有 {days} 天，少于规定的 {config.board.min_days} 天（site_config.yml 的 board.min_days）",
                f"publicity period is {days} days, below the minimum of {config.board.min_days}",
            )
        for i, a in enumerate(p.attachments):
            media.check(a, p, ("attachments", i))
        media.check_body(p.body, p, None, ("body",))
        if p.audience == "public" and p.posted.date() <= today:
            out.append(PostingState(p, current=p.until >= today and p.status != "repealed"))
    out.sort(key=lambda s: (s.posting.posted, s.posting.id), reverse=True)
    return out


def _check_stories(
    stories: list[StoryDoc], community, grid_ids, today, problems, media, refs: _Refs
) -> list[StoryDoc]:
    seen: dict[str, StoryDoc] = {}
    for s in stories:
        if s.slug in seen:
            problems.add(
                s.meta.src_path,
                None,
                "",
                f"文件名“{s.slug}.md”与 {seen[s.slug].meta.src_path} 重复：新闻文件名要唯一，用于网址",
                "story file names must be unique: they make the URL",
            )
        seen[s.slug] = s
        if not re.match(r"^[a-z0-9][a-z0-9_-]*$", s.slug):
            problems.add(
                s.meta.src_path,
                None,
                "",
                f"文件名“{s.slug}.md”会成为网址：只能用小写英文字母、数字、短横线和下划线，如 2026-dangke.md",
                "the story file name becomes its URL: use lowercase ASCII letters, digits, '-' and '_'",
            )
        for i, c in enumerate(s.meta.communities):
            if c not in community:
                refs.unknown(s.meta, ("communities", i), "社区", c, community)
        for i, g in enumerate(s.meta.grids):
            if g not in grid_ids:
                refs.unknown(s.meta, ("grids", i), "网格", g, grid_ids)
        if s.meta.cover:
            media.check(s.meta.cover, s.meta, ("cover",))
        media.check_body(s.body, s.meta, s.body_line)
    published = [s for s in stories if not s.meta.draft and s.meta.date <= today]
    return sorted(published, key=lambda s: (s.meta.date, s.slug), reverse=True)


def _check_screens(
    screens: list[Screen], config: SiteConfig, scopes, pages: set[str], problems, refs
) -> None:
    _dupes(problems, "大屏", screens)
    for sc in screens:
        if sc.scope not in scopes:
            refs.unknown(sc, ("scope",), "范围（区/街道/社区/网格）", sc.scope, scopes)
        for i, item in enumerate(sc.playlist):
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
                refs.unknown(sc, ("playlist", i, "page"), "页面", item.page, pages)
            if item.category and item.category not in config.board.categories:
                refs.unknown(
                    sc, ("playlist", i, "category"), "公开类别", item.category, config.board.categories
                )
            if item.show_from and item.show_until and item.show_until < item.show_from:
                problems.add(
                    *sc.at("playlist", i, "show_until"),
                    f"show_until（{item.show_until}）早于 show_from（{item.show_from}）",
                    "show_until is before show_from",
                )
        for i, w in enumerate(sc.hours):
            if w.start == w.end:
                problems.add(
                    *sc.at("hours", i, "to"),
                    f"开始和结束都是 {w.start}：全天播放请不写 hours",
                    "from and to are equal; leave hours out to play all day",
                )
    if screens and not config.site.url:
        problems.warn(
            screens[0].src_path,
            None,
            "",
            "site_config.yml 的 site.url 没有填写：大屏和海报上不会有指向网站的二维码",
            "site.url is not set: screens and posters carry no QR code to the site",
        )
