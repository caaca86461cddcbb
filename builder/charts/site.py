"""The site's charts, made from the catalog: a scope's 为民办实事 figures (tallies.py) with the
wishes fulfilled by month, a showcase's star history, and the party-organisation tree (district →
street → community on the directory page, a community → its grids' party branches on its page)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..model.org import Showcase
from ..tallies import Tally, tally
from .bars import Bar, bar_chart
from .tree import Node, tree_chart

if TYPE_CHECKING:
    from ..catalog import Catalog

# past this many communities the directory's tree stops at the streets (each with its number of
# communities): the list below it names every community anyway
TREE_COMMUNITIES = 80


@dataclass(frozen=True)
class WishFigures:
    """A scope's figures block: the tallies and the chart of wishes fulfilled by month."""

    tally: Tally
    chart: Markup


def wish_figures(cat: Catalog, scope: str) -> WishFigures | None:
    """The 为民办实事 block of a scope's page; None when the scope has nothing of it to show."""
    t = tally(cat, scope)
    if not t.has_any:
        return None
    bars = [Bar(f"{m.month}月", m.fulfilled, f"{m.fulfilled} 件", (f"{m.posted} 件",)) for m in t.months]
    title = f"{t.year}年每月实现的微心愿"
    desc = f"{t.name}{title}：" + "，".join(f"{b.label} {b.text}" for b in bars) + f"；共 {t.fulfilled} 件"
    chart = bar_chart("gb-chart-wishes", title, bars, ("月份", "实现", "发布"), desc=desc)
    return WishFigures(t, chart)


def star_history(s: Showcase) -> Markup | None:
    """A showcase's stars year by year (out of 5), with each year's change in the table."""
    if not s.stars:
        return None
    bars, prev = [], None
    for year, n in sorted(s.stars.items()):
        change = "首次评定" if prev is None else "晋星 ↑" if n > prev else "降星 ↓" if n < prev else "保持"
        bars.append(Bar(f"{year}年", n, f"{n} 星", (change,)))
        prev = n
    title = f"{s.title}历年星级"
    desc = f"{title}（满分 5 星）：" + "，".join(f"{b.label} {b.text}" for b in bars)
    return bar_chart("gb-chart-stars", title, bars, ("年份", "星级", "变化"), desc=desc, maximum=5)


def org_tree(cat: Catalog) -> Markup | None:
    """The district's party organisation down to the communities (down to the streets past
    TREE_COMMUNITIES communities)."""
    if not cat.streets:
        return None
    whole = len(cat.community) <= TREE_COMMUNITIES
    streets = tuple(
        Node(
            street.name,
            f"{len(street.communities)} 个社区",
            tuple(Node(com.name, f"{len(cat.grids_of.get(com.id, []))} 个网格") for com in street.communities)
            if whole
            else (),
        )
        for street in cat.streets
    )
    district = cat.config.district.name
    root = Node(district, f"{len(cat.streets)} 个街道、{len(cat.community)} 个社区", streets)
    return tree_chart("gb-chart-org", f"{district}党组织架构", root, ("组织", "上级", "说明"))


def branch_tree(cat: Catalog, community: str) -> Markup | None:
    """A community's party organisation: the community and its grids' party branches."""
    grids = [g for g in cat.grids_of.get(community, []) if g.party_branch is not None]
    if not grids:
        return None
    branches = tuple(Node(g.party_branch.name, _members(g), detail=_branch_note(g)) for g in grids)
    name = cat.community[community].name
    root = Node(name, f"{len(grids)} 个网格党组织", branches)
    return tree_chart("gb-chart-branches", f"{name}党组织架构", root, ("组织", "上级", "说明"))


def _members(grid) -> str:
    members = grid.party_branch.members
    return f"党员 {members} 名" if members else ""


def _branch_note(grid) -> str:
    """The table's note of a grid's branch: its grid, and its members when known."""
    return " · ".join(filter(None, (grid.name, _members(grid))))
