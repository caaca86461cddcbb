"""Charts drawn at build time (builder/charts) and the tallies they show (builder/tallies.py).

The chart functions are read back as HTML: bar lengths proportional to the numbers, the table
beside the chart holding the same numbers, a text alternative naming them, author text escaped.
The built example is checked against counts made here from its YAML files, not typed in."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, TODAY, soup
from markupsafe import Markup

from builder.charts.bars import AREA, Bar, bar_chart
from builder.charts.site import TREE_COMMUNITIES, star_history
from builder.charts.tree import Node, tree_chart
from builder.model.org import Showcase

HOSTILE = "<script>alert(1)</script>&\"'"
CONTENT = ROOT / "content"


def _parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _table(figure) -> list[list[str]]:
    """The rows of a chart's number table, as text."""
    return [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in figure.select("tbody tr")]


def _bars(figure) -> list[tuple[float, int]]:
    return [(float(r["width"]), int(r["data-value"])) for r in figure.select("rect.gb-chart-bar")]


# ---- the chart functions ---------------------------------------------------------------------


def test_bar_lengths_are_proportional_and_the_table_holds_the_same_numbers():
    values = [3, 0, 7, 1, 12]
    bars = [Bar(f"{i + 1}月", v, f"{v} 件") for i, v in enumerate(values)]
    fig = _parse(bar_chart("t", "每月实现的微心愿", bars, ("月份", "实现"))).select_one("figure.gb-chart")
    drawn = _bars(fig)
    assert [v for _, v in drawn] == values
    assert max(w for w, _ in drawn) == pytest.approx(AREA)
    for width, value in drawn:
        assert width == pytest.approx(AREA * value / max(values), abs=0.05)
    assert _table(fig) == [[f"{i + 1}月", f"{v} 件"] for i, v in enumerate(values)]
    shown = [t.get_text() for t in fig.select("text.gb-chart-value")]
    assert shown == [f"{v} 件" for v in values]
    assert fig.select_one("details.gb-chart-data summary")  # the table is in a <details>


def test_a_chart_names_its_numbers_in_its_text_alternative():
    bars = [Bar("2024年", 3, "3 星"), Bar("2025年", 5, "5 星")]
    fig = _parse(bar_chart("s", "历年星级", bars, ("年份", "星级"), maximum=5))
    svg = fig.select_one("svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert fig.find(id=title_id).get_text() == "历年星级"
    assert fig.find(id=desc_id).get_text() == "2024年 3 星，2025年 5 星"
    assert svg["width"].endswith("em") and svg["height"].endswith("em")  # text scales with the page's
    assert not svg.has_attr("font-size")  # on the <svg> it would fix the em of its own width
    assert _bars(fig)[0][0] == pytest.approx(AREA * 3 / 5)  # out of 5, not out of the highest


def test_a_tree_lists_every_organisation_under_its_parent():
    root = Node(
        "某区", "2 个街道", (Node("甲街道", "1 个社区", (Node("子社区", "3 个网格"),)), Node("乙街道"))
    )
    fig = _parse(tree_chart("o", "党组织架构", root))
    assert [t.get_text() for t in fig.select("text.gb-chart-label")] == ["某区", "甲街道", "子社区", "乙街道"]
    assert [int(r["data-depth"]) for r in fig.select("rect.gb-chart-node")] == [0, 1, 2, 1]
    assert _table(fig) == [
        ["某区", "—", "2 个街道"],
        ["甲街道", "某区", "1 个社区"],
        ["子社区", "甲街道", "3 个网格"],
        ["乙街道", "某区", ""],
    ]
    desc = fig.find(id=fig.select_one("svg")["aria-labelledby"].split()[1]).get_text()
    assert desc == "某区下设 2 个：甲街道、乙街道；甲街道下设 1 个：子社区"
    assert len(fig.select("line.gb-chart-link")) == 2 + 3  # a stem and a stub per child, twice


@pytest.mark.parametrize(
    "chart",
    [
        lambda: bar_chart("h", HOSTILE, [Bar(HOSTILE, 2, HOSTILE, (HOSTILE,))], (HOSTILE, HOSTILE)),
        lambda: tree_chart("h", HOSTILE, Node(HOSTILE, HOSTILE, (Node(HOSTILE, HOSTILE),)), (HOSTILE,) * 3),
    ],
    ids=["bars", "tree"],
)
def test_author_text_in_a_chart_stays_text(chart):
    html = chart()
    assert isinstance(html, Markup)
    assert "<script" not in html.lower()
    assert "alert(1)</" not in html
    parsed = _parse(html)
    assert parsed.find("script") is None
    texts = [t.get_text() for t in parsed.select("text, title, desc, th, td, figcaption, caption")]
    assert HOSTILE in texts
    rest = [t.replace(HOSTILE, "") for t in texts]  # the hostile name whole, or nothing of it
    assert not any(c in r for r in rest for c in "<>&\"'"), rest
    # a chart is one HTML block: no blank line for Markdown to end it at
    assert "\n\n" not in html


def test_star_history_follows_the_years_and_tells_each_change():
    s = Showcase(id="sc", community="c", title=HOSTILE, stars={2023: 4, 2021: 2, 2022: 4, 2024: 3})
    fig = _parse(star_history(s))
    assert [v for _, v in _bars(fig)] == [2, 4, 4, 3]
    assert _table(fig) == [
        ["2021年", "2 星", "首次评定"],
        ["2022年", "4 星", "晋星 ↑"],
        ["2023年", "4 星", "保持"],
        ["2024年", "3 星", "降星 ↓"],
    ]
    assert fig.select_one("figcaption").get_text() == f"{HOSTILE}历年星级"
    assert star_history(Showcase(id="sc", community="c", title="无星级")) is None


# ---- the built example against its YAML ------------------------------------------------------


def _records(kind: str) -> list[dict]:
    out = []
    for path in sorted((CONTENT / kind).glob("*.yml")):
        out += yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [r for r in out if not r.get("draft")]


def _this_year(day) -> bool:
    return isinstance(day, dt.date) and day.year == TODAY.year and day <= TODAY


def _expected(communities: set[str] | None) -> dict:
    """The figures of the communities given (None: the district), counted from the YAML."""
    mine = (lambda r: True) if communities is None else (lambda r: r["community"] in communities)
    wishes = [w for w in _records("wishes") if mine(w)]
    needs = [n for n in _records("needs") if mine(n) and n["raised"] <= TODAY]
    need_ids = {n["id"] for n in _records("needs")}
    projects = [p for p in _records("projects") if p["need"] in need_ids]
    of_need = Counter(p["need"] for p in projects)
    community_of = {n["id"]: n["community"] for n in _records("needs")}
    projects = [p for p in projects if communities is None or community_of[p["need"]] in communities]
    answered = sum(
        bool(of_need[n["id"]]) or (bool(n.get("reply")) and (n.get("replied") or TODAY) <= TODAY)
        for n in needs
    )
    fulfilled = [w["fulfilled"]["date"] for w in wishes if w.get("fulfilled")]
    return {
        "numbers": [
            sum(_this_year(w["posted"]) for w in wishes),
            sum(_this_year(w["claimed"]["date"]) for w in wishes if w.get("claimed")),
            sum(_this_year(d) for d in fulfilled),
            sum(w.get("status", "open") == "open" and w["posted"] <= TODAY for w in wishes),
            sum(u["reported"] <= TODAY for u in _records("units") if mine(u)),
            sum(p.get("status", "underway") == "done" for p in projects),
            answered,
        ],
        "underway": sum(p.get("status", "underway") == "underway" for p in projects),
        "members": sum(m["reported"] <= TODAY for m in _records("members") if mine(m)),
        "waiting_needs": len(needs) - answered,
        "months": [sum(_this_year(d) and d.month == m for d in fulfilled) for m in range(1, TODAY.month + 1)],
    }


def _check_deeds(page: Path, expected: dict) -> None:
    block = soup(page).select_one("section.gb-deeds")
    assert block is not None, f"{page} has no 为民办实事 block"
    items = block.select("ul > li")
    assert [int(li.strong.get_text()) for li in items] == expected["numbers"]
    assert f"{expected['members']} 名在职党员" in items[4].get_text()
    assert f"{expected['underway']} 个进行中" in items[5].get_text()
    assert f"{expected['waiting_needs']} 条待回应" in items[6].get_text()
    fig = block.select_one("figure#gb-chart-wishes")
    assert [v for _, v in _bars(fig)] == expected["months"]
    assert [row[1] for row in _table(fig)] == [f"{n} 件" for n in expected["months"]]


def test_home_page_figures_are_counted_from_the_example(example_site):
    site, _ = example_site
    _check_deeds(site / "index.html", _expected(None))


def test_community_page_figures_are_counted_from_the_example(example_site):
    site, _ = example_site
    busiest = Counter(w["community"] for w in _records("wishes")).most_common(1)[0][0]
    _check_deeds(site / "communities" / busiest / "index.html", _expected({busiest}))


def test_showcase_pages_chart_their_stars(example_site):
    site, _ = example_site
    showcases = [s for s in _records("showcase") if s.get("stars")]
    assert showcases
    for s in showcases:
        fig = soup(site / "showcase" / s["id"] / "index.html").select_one("figure#gb-chart-stars")
        stars = [n for _, n in sorted(s["stars"].items())]
        assert [v for _, v in _bars(fig)] == stars
        assert [row[:2] for row in _table(fig)] == [
            [f"{y}年", f"{n} 星"] for y, n in sorted(s["stars"].items())
        ]


def test_directory_and_community_pages_draw_the_party_organisation(example_site):
    site, _ = example_site
    org = yaml.safe_load((CONTENT / "org.yml").read_text(encoding="utf-8"))
    communities = [c for s in org["streets"] for c in s["communities"]]
    fig = soup(site / "directory" / "index.html").select_one("figure#gb-chart-org")
    labels = [t.get_text() for t in fig.select("text.gb-chart-label")]
    expected = [s["name"] for s in org["streets"]]
    if len(communities) <= TREE_COMMUNITIES:
        expected = [n for s in org["streets"] for n in (s["name"], *(c["name"] for c in s["communities"]))]
    assert labels[1:] == expected
    grids = [g for g in _records("grids") if g.get("party_branch")]
    com = Counter(g["community"] for g in grids).most_common(1)[0][0]
    fig = soup(site / "communities" / com / "index.html").select_one("figure#gb-chart-branches")
    branches = [g["party_branch"]["name"] for g in grids if g["community"] == com]
    assert sorted(t.get_text() for t in fig.select("text.gb-chart-label")[1:]) == sorted(branches)
    notes = {row[0]: row[2] for row in _table(fig)}  # the table names each branch's grid
    assert all(notes[g["party_branch"]["name"]].startswith(g["name"]) for g in grids if g["community"] == com)


def test_chart_pages_link_the_chart_styles_and_others_do_not(example_site):
    site, _ = example_site
    assert soup(site / "index.html").select_one('link[href$="charts.css"]')
    assert soup(site / "index.html").select_one('script[src$="charts.js"][defer]')
    assert not soup(site / "services" / "index.html").select_one('link[href$="charts.css"]')
    # the chart reaches the page as written: Markdown neither wrapped nor rewrote it
    html = (site / "index.html").read_text(encoding="utf-8")
    svg = re.search(r'<svg xmlns="http://www.w3.org/2000/svg" class="gb-chart-svg"[^>]*>', html)
    assert svg and 'role="img"' in svg.group(0)
    assert soup(site / "index.html").select_one("figure.gb-chart").parent.name == "section"


@pytest.mark.browser
def test_chart_pages_load_under_the_policy_and_open_tables_on_wide_screens(example_site, serve_dir, chromium):
    from test_security_browser import PAGE_STATE, assert_clean, new_context

    base = serve_dir(example_site[0])
    for size, opened in (({"width": 1366, "height": 900}, True), ({"width": 390, "height": 844}, False)):
        context, watch = new_context(chromium, base, viewport=size)
        page = watch.new_page(context)
        for path in ("", "directory/", "showcase/sc-hengdacheng/"):
            page.goto(base + path)
            state = page.evaluate(PAGE_STATE)
            assert state["violations"] == [], state["violations"]
            assert page.locator("figure.gb-chart svg[role=img]").first.is_visible()
            assert (
                page.evaluate("[...document.querySelectorAll('details.gb-chart-data')].every(d => d.open)")
                is opened
            )
        context.close()
        assert_clean(watch)


def test_screens_figures_slide_tells_the_scopes_deeds(example_site):
    site, _ = example_site
    org = yaml.safe_load((CONTENT / "org.yml").read_text(encoding="utf-8"))
    of_scope = {s["id"]: {c["id"] for c in s["communities"]} for s in org["streets"]}
    of_scope |= {c["id"]: {c["id"]} for s in org["streets"] for c in s["communities"]}
    of_scope |= {g["id"]: {g["community"]} for g in _records("grids")}
    screens = yaml.safe_load((CONTENT / "screens.yml").read_text(encoding="utf-8"))
    playing = [
        s
        for s in screens
        if any(i == "figures" or (isinstance(i, dict) and i.get("show") == "figures") for i in s["playlist"])
    ]
    assert playing
    for screen in playing:
        numbers = _expected(of_scope.get(screen["scope"]))
        line = soup(site / "screens" / screen["id"] / "index.html").select_one(".gb-deeds-line").get_text()
        fulfilled, waiting = numbers["numbers"][2], numbers["numbers"][3]
        assert f"{TODAY.year}年实现微心愿 {fulfilled} 个 · 待认领 {waiting} 个" in line
        assert f"{numbers['members']} 名在职党员报到" in line
