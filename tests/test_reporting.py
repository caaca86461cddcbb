"""双报到 pages (kinds/reporting_pages.py): the district's tables, each community's units and
members with what became of their commitments, a page per unit, the panels; what they list is
computed from the YAML, and a member without consent shows a masked phone and no photo."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml
from conftest import ROOT
from reporting_site import FILES, build, page, resolves, target


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(tmp_path_factory.mktemp("reporting"))[0]


def _yaml(text: str) -> list[dict]:
    return yaml.safe_load(text) or []


UNITS = _yaml(FILES["content/units/units.yml"])
MEMBERS = _yaml(FILES["content/members/lanyuan.yml"])
PROJECTS = [p for p in _yaml(FILES["content/projects/projects.yml"]) if not p.get("draft")]


def _taken(taker: str) -> list[dict]:
    """Published projects a unit or member took: by it, or using a resource it offers."""
    owners = {r["id"]: x["id"] for x in [*UNITS, *MEMBERS] for r in x.get("offers", [])}
    return [p for p in PROJECTS if p.get("by", owners.get(p.get("resource"))) == taker]


def _headed(table) -> bool:
    """A table with a caption, column headers and a row header in every body row."""
    rows = [
        tr
        for tb in table.find_all("tbody")
        for tr in tb.find_all("tr")
        if "gb-report-group" not in tr.get("class", [])
    ]
    return (
        table.caption is not None
        and table.caption.get_text(strip=True) != ""
        and all(th.get("scope") in ("col", "colgroup") for th in table.thead.find_all("th"))
        and all(tr.find("th", scope="row") is not None for tr in rows)
    )


def test_district_tables_list_every_unit_and_community(site):
    doc = page(site, "reporting/")
    tables = doc.select("article table")
    assert len(tables) == 2 and all(_headed(t) for t in tables)
    communities, units = tables
    assert [th.get_text(strip=True) for th in units.select("tbody th[scope=row]")] == [
        u["name"] for u in UNITS
    ]
    names = {"lanyuan": "兰苑社区", "zhuyuan": "竹园社区"}
    unit_count = Counter(u["community"] for u in UNITS)
    member_count = Counter(m["community"] for m in MEMBERS)
    rows = {
        tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in communities.select("tbody tr")
        if tr.find("th", scope="row")
    }
    expected = {}
    for cid in sorted({*unit_count, *member_count}):
        taken = [p for x in [*UNITS, *MEMBERS] if x["community"] == cid for p in _taken(x["id"])]
        done = sum(p.get("status") == "done" for p in taken)
        expected[names[cid]] = [str(unit_count[cid]), str(member_count[cid]), str(len(taken)), str(done)]
    assert rows == expected
    # one row per unit: its community linked to that community's reporting page
    for tr, u in zip(units.select("tbody tr"), UNITS, strict=True):
        link = tr.find_all("td")[0].a
        assert target(site, "reporting/", link["href"])[0] == f"reporting/at/{u['community']}/"
        assert str(len(u.get("offers", []))) == str(len(tr.find_all("td")[3].find_all("a")))


def test_a_community_page_shows_its_units_and_members(site):
    doc = page(site, "reporting/at/lanyuan/")
    units = [s["id"] for s in doc.select("section.gb-unit")]
    assert units == [f"unit-{u['id']}" for u in UNITS if u["community"] == "lanyuan"]
    members = [d["id"] for d in doc.select("div.gb-member")]
    assert members == [f"member-{m['id']}" for m in MEMBERS if m["community"] == "lanyuan"]
    hosp = doc.find(id="unit-u-hosp")
    clinic = hosp.find("a", string="家门口义诊")
    assert (
        clinic is not None
        and "已完成" in clinic.parent.get_text()
        and "义诊 5 次" in clinic.parent.get_text()
    )
    # what became of the member's commitment: the project using their resource, the wish they claimed
    mine = doc.find(id="member-m-open").get_text(" ", strip=True)
    assert all(p["title"] in mine for p in _taken("m-open"))
    claimed = doc.find(id="member-m-closed")
    wish = claimed.find("a", string="教我用手机挂号")
    assert wish is not None and target(site, "reporting/at/lanyuan/", wish["href"]) == (
        "wishes/at/lanyuan/",
        "wish-w-phone",
    )
    for a in doc.select("article a[href]"):
        assert resolves(site, "reporting/at/lanyuan/", a["href"]), a["href"]


def test_a_member_without_consent_shows_a_masked_phone_and_no_photo(site):
    doc = page(site, "reporting/at/lanyuan/")
    closed = doc.find(id="member-m-closed")
    assert closed.select_one(".gb-phone").get_text(strip=True) == "☎ 139****2222"
    assert "13900002222" not in doc.decode() and not closed.select("a[href^='tel:']")
    img = closed.select_one("img.gb-photo")
    assert img["src"].endswith("assets/gridboard/person.svg") and "未公开照片" in img["alt"]
    assert "withheld.svg" not in doc.decode()
    opened = doc.find(id="member-m-open")
    assert opened.select_one("a[href^='tel:']")["href"] == "tel:13900001111"
    assert opened.select_one("img.gb-photo")["src"].endswith("media/people/consented.svg")
    assert not (site / "media/people/withheld.svg").exists()


def test_a_unit_page(site):
    doc = page(site, "reporting/units/u-hosp/")
    text = doc.select_one("article").get_text(" ", strip=True)
    u = UNITS[0]
    assert doc.h1.get_text(strip=True) == u["name"]
    assert doc.select_one("a[href^='tel:']")["href"] == f"tel:{u['phone']}"
    assert u["contact"] in text and u["commitment"] in text and "2026-03-01" in text
    resources = [a for a in doc.select("article ul.gb-list a") if "#res-" in a["href"]]
    assert [target(site, "reporting/units/u-hosp/", a["href"]) for a in resources] == [
        ("lists/at/lanyuan/", f"res-{r['id']}") for r in u["offers"]
    ]
    assert [a.get_text() for a in doc.select("article a") if "#member-" in a["href"]] == [
        m["name"] for m in MEMBERS if m.get("unit") == "u-hosp"
    ]
    for a in doc.select("article a[href]"):
        assert resolves(site, "reporting/units/u-hosp/", a["href"]), a["href"]


def test_panels_on_community_grid_and_home_pages(site):
    com = page(site, "communities/lanyuan/")
    h2 = com.find("h2", string="双报到")
    assert h2 is not None
    panel = " ".join(x.get_text(" ", strip=True) for x in h2.find_next_siblings("p")[:3])
    assert all(u["name"] in panel for u in UNITS if u["community"] == "lanyuan")
    assert all(m["name"] in panel for m in MEMBERS if m["community"] == "lanyuan")
    grid = page(site, "grids/ly-01/")
    joined = grid.find("h2", string="双报到").find_next_sibling("ul")
    assert [a.get_text() for a in joined.find_all("a")] == [
        m["name"] for m in MEMBERS if m.get("grid") == "ly-01"
    ]
    # the done projects, latest first, with their results, on the home page
    home = page(site, "")
    done = home.find("h2", string="办成的事").find_next_sibling("ul")
    latest = sorted((p for p in PROJECTS if p["status"] == "done"), key=lambda p: p["end"], reverse=True)
    assert [a.get_text() for a in done.find_all("a")] == [p["title"] for p in latest][:5]
    assert all(p["result"] in done.get_text() for p in latest)
    # a grid with no member and no project shows neither panel
    other = page(site, "grids/ly-02/")
    assert other.find("h2", string="双报到") is None and other.find("h2", string="办成的事") is None


def test_one_navigation_tab_for_reporting_and_the_lists(site):
    doc = page(site, "reporting/")
    tabs = [a.get_text(strip=True) for a in doc.select(".md-tabs__link")]
    assert "双报到·三张清单" in tabs and "双报到" not in tabs and "三张清单" not in tabs


def test_the_example_lists_what_its_files_say(example_site):
    """The example district (however its files grow): every unit and member is on its
    community's page, every unit in the district table and on a page of its own."""
    site, _ = example_site
    units = [u for f in sorted((ROOT / "content/units").glob("*.yml")) for u in _yaml(f.read_text("utf-8"))]
    members = [
        m for f in sorted((ROOT / "content/members").glob("*.yml")) for m in _yaml(f.read_text("utf-8"))
    ]
    table = page(site, "reporting/").select("article table")[1]
    assert sorted(th.get_text(strip=True) for th in table.select("tbody th[scope=row]")) == sorted(
        u["name"] for u in units
    )
    for cid in {x["community"] for x in [*units, *members]}:
        doc = page(site, f"reporting/at/{cid}/")
        assert sorted(s["id"] for s in doc.select("section.gb-unit")) == sorted(
            f"unit-{u['id']}" for u in units if u["community"] == cid
        )
        assert sorted(d["id"] for d in doc.select("div.gb-member")) == sorted(
            f"member-{m['id']}" for m in members if m["community"] == cid
        )
        for m in members:  # a mobile without consent to show it is masked
            consented = "phone" in (m.get("consent") or {}).get("scope", [])
            if m["community"] == cid and str(m.get("phone", "")).startswith("1") and not consented:
                assert "*" in doc.find(id=f"member-{m['id']}").select_one(".gb-phone").get_text()
    for u in units:
        assert page(site, f"reporting/units/{u['id']}/").h1.get_text(strip=True) == u["name"]
