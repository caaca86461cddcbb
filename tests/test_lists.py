"""三张清单 pages (kinds/list_pages.py): every need shows its answer or the days it has waited,
drafts are nowhere, the project page links need, resource and taker as the chain 需求 → 资源 → 承接
→ 结果, and the overview counts what the YAML holds."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
import yaml
from conftest import ROOT, TODAY
from reporting_site import DRAFT_TEXTS, FILES, build, page, resolves, target, waited

from builder.model.projects import PROJECT_STATUS


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(tmp_path_factory.mktemp("lists"))[0]


def _records(texts: list[str]) -> list[dict]:
    return [r for t in texts for r in (yaml.safe_load(t) or []) if not r.get("draft")]


NEEDS = _records([FILES["content/needs/needs.yml"]])
PROJECTS = _records([FILES["content/projects/projects.yml"]])
OWNERS = {
    r["id"]: x
    for x in _records([FILES["content/units/units.yml"], FILES["content/members/lanyuan.yml"]])
    for r in x.get("offers", [])
}


def _answers(site, url: str, needs: list[dict], projects: list[dict]) -> None:
    """Each need on the page at `url` is there under its anchor with its answer: the titles of
    its projects, its reply and date, or the days it has waited by the build date."""
    doc = page(site, url)
    for n in needs:
        item = doc.find(id=f"need-{n['id']}")
        assert item is not None, n["id"]
        text = item.get_text(" ", strip=True)
        taken = [p for p in projects if p["need"] == n["id"]]
        if taken:
            assert "回应" in text and all(p["title"] in text for p in taken), text
            links = [target(site, url, a["href"])[0] for a in item.select(".gb-answer a")]
            assert links == [f"lists/projects/{p['id']}/" for p in taken]
        elif n.get("reply"):
            assert n["reply"] in text and (not n.get("replied") or str(n["replied"]) in text), text
        else:
            assert waited(n["raised"], TODAY) in text, text


def test_every_need_shows_its_answer_or_its_waiting_days(site):
    for cid in {n["community"] for n in NEEDS}:
        _answers(site, f"lists/at/{cid}/", [n for n in NEEDS if n["community"] == cid], PROJECTS)
    # the district's needs list answers each need the same way
    doc = page(site, "lists/needs/")
    text = doc.select_one("article").get_text(" ", strip=True)
    assert waited(dt.date(2026, 11, 1), TODAY) in text and "尚未回应，已等待 19 天" in text
    assert [target(site, "lists/needs/", a["href"]) for a in doc.select("article li > a")] == [
        (f"lists/at/{n['community']}/", f"need-{n['id']}")
        for cid in ("lanyuan", "zhuyuan")
        for n in sorted(NEEDS, key=lambda n: (n["raised"], n["id"]), reverse=True)
        if n["community"] == cid
    ]


def test_drafts_are_nowhere(site):
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert not any(d in text for d in DRAFT_TEXTS), html
    assert not (site / "lists/projects/p-secret").exists()


def test_the_resource_list_names_who_offers_each(site):
    doc = page(site, "lists/at/lanyuan/")
    for rid, owner in OWNERS.items():
        if owner["community"] != "lanyuan":
            continue
        item = doc.find(id=f"res-{rid}")
        assert item is not None and owner["name"] in item.get_text()
        who = item.find("a", string=owner["name"])
        assert resolves(site, "lists/at/lanyuan/", who["href"])
    used = doc.find(id="res-r-repair").find("a", string="楼道灯修缮")
    assert target(site, "lists/at/lanyuan/", used["href"]) == ("lists/projects/p-light/", "")


def test_the_project_page_links_need_resource_and_taker(site):
    url = "lists/projects/p-light/"
    doc = page(site, url)
    steps = doc.select("ol.gb-chain > li")
    assert [s.select_one(".gb-chain-step").get_text() for s in steps] == ["需求", "资源", "承接", "结果"]
    need, resource, taker, result = steps
    assert target(site, url, need.a["href"]) == ("lists/at/lanyuan/", "need-n-light")
    assert target(site, url, resource.a["href"]) == ("lists/at/lanyuan/", "res-r-repair")
    assert target(site, url, taker.a["href"]) == ("reporting/at/lanyuan/", "member-m-open")
    assert taker.a.get_text() == "李明亮" and "报到党员" in taker.get_text()
    assert "已完成" in result.get_text() and "修好 8 盏楼道灯" in result.get_text()
    assert doc.select_one("article strong").get_text() == "周末"  # the description is Markdown
    for a in doc.select("article a[href]"):
        assert resolves(site, url, a["href"]), a["href"]
    # taken by a volunteer team, from a wish: the team and the wish are linked
    doc = page(site, "lists/projects/p-phone/")
    taker = doc.select("ol.gb-chain > li")[2]
    assert target(site, "lists/projects/p-phone/", taker.a["href"])[0] == "services/teams/"
    assert "志愿服务队" in taker.get_text()
    wish = next(a for a in doc.select("ol.gb-chain a") if "教我用手机挂号" in a.get_text())
    assert target(site, "lists/projects/p-phone/", wish["href"]) == ("wishes/at/lanyuan/", "wish-w-phone")
    assert "没有用到资源清单里的资源" in doc.select("ol.gb-chain > li")[1].get_text()


def test_the_overview_counts_per_community(site):
    doc = page(site, "lists/")
    table = doc.select_one("article table")
    assert table.caption is not None and table.thead.find_all("th", scope="col")
    rows = {
        tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in table.select("tbody tr")
        if tr.find("th", scope="row")
    }
    names = {"lanyuan": "兰苑社区", "zhuyuan": "竹园社区"}
    expected = {}
    for cid, name in names.items():
        needs = [n for n in NEEDS if n["community"] == cid]
        projects = [p for p in PROJECTS if any(n["id"] == p["need"] for n in needs)]
        answered = [n for n in needs if n.get("reply") or any(p["need"] == n["id"] for p in projects)]
        status = Counter(p.get("status", "underway") for p in projects)
        resources = [r for r, o in OWNERS.items() if o["community"] == cid]
        expected[name] = [
            str(len(resources)),
            str(len(answered)),
            str(len(needs) - len(answered)),
            *(str(status[s]) for s in PROJECT_STATUS),
        ]
    assert rows == expected
    for a in doc.select("article a[href]"):
        assert resolves(site, "lists/", a["href"]), a["href"]


def test_the_example_lists_answer_every_need(example_site):
    """The example district (however its files grow): every published need is on its
    community's list with its answer, every published project has its page."""
    site, _ = example_site
    needs = _records([f.read_text("utf-8") for f in sorted((ROOT / "content/needs").glob("*.yml"))])
    projects = _records([f.read_text("utf-8") for f in sorted((ROOT / "content/projects").glob("*.yml"))])
    shown = {n["id"] for n in needs}
    projects = [p for p in projects if p["need"] in shown]
    for cid in {n["community"] for n in needs}:
        _answers(site, f"lists/at/{cid}/", [n for n in needs if n["community"] == cid], projects)
    for p in projects:
        doc = page(site, f"lists/projects/{p['id']}/")
        assert doc.h1.get_text(strip=True) == p["title"]
        need = doc.select("ol.gb-chain > li")[0]
        assert target(site, f"lists/projects/{p['id']}/", need.a["href"])[1] == f"need-{p['need']}"


def test_the_district_lists_show_at_most_cap_entries_per_community(tmp_path, monkeypatch):
    """At scale a community's part of a district list is cut at CAP, with a link to all of them."""
    from bs4 import BeautifulSoup
    from conftest import make_site

    from builder import pipeline
    from builder.kinds import list_pages
    from builder.overrides import Templates
    from builder.pages import PageWriter
    from builder.report import Report

    folder = make_site(tmp_path, FILES)
    cat = pipeline.check(folder / "site_config.yml", TODAY, Report())
    monkeypatch.setattr(list_pages, "CAP", 1)
    w = PageWriter(cat, Templates.for_site(folder))
    list_pages.pages(w, cat)
    doc = BeautifulSoup(w.pages["lists/needs.md"], "html.parser")
    lanyuan = [n for n in NEEDS if n["community"] == "lanyuan"]
    heading = next(h for h in doc.find_all("h3") if "兰苑社区" in h.get_text())
    assert len(heading.find_next_sibling("ul").find_all("li", recursive=False)) == 1
    more = heading.find_next_sibling("p").a
    assert more.get_text() == f"兰苑社区的全部 {len(lanyuan)} 条 →"
    assert target(None, "lists/needs/", more["href"]) == ("lists/at/lanyuan/", "")
