"""微心愿 pages (kinds/wish_pages.py): the walls, the status pages, the panels, the slide and the
poster list exactly what the YAML says; drafts, notes and photos without consent reach nothing.

Expectations are computed from the YAML (the example's content/wishes/ grows), not typed in."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build_site, make_site, search_records, soup

from builder.kinds.wish_pages import PANEL_COUNT, SLIDE_ROWS, SLIDES, STATUS_COUNT, WALL_OPEN
from builder.model.wishes import STATUS

ORDER = list(STATUS)


def wishes_of(site: Path, drafts: bool = False) -> list[dict]:
    """Every wish of a site's content/wishes/*.yml (drafts only with `drafts`), newest first."""
    found = []
    for f in sorted((site / "content/wishes").glob("*.y*ml")):
        found += [
            w for w in yaml.safe_load(f.read_text(encoding="utf-8")) or [] if drafts or not w.get("draft")
        ]
    return sorted(found, key=lambda w: (w["posted"], w["id"]), reverse=True)


def open_communities(site: Path = ROOT) -> list[str]:
    """Communities with an open wish: each has a 微心愿 poster."""
    return sorted({w["community"] for w in wishes_of(site) if w.get("status", "open") == "open"})


def status(w: dict) -> str:
    return w.get("status", "open")


def ids(wishes: list[dict]) -> list[str]:
    return [w["id"] for w in wishes]


def listed(page) -> list[str]:
    """Ids of the wishes a list shows (district wall, status pages, panels), in order."""
    return [a["href"].rsplit("#wish-", 1)[1] for a in page.select("li.gb-wish > a")]


def panel(page):
    """The 微心愿 panel of a scope's page (None when there is none)."""
    heads = [h for h in page.select("h2") if h.get_text(strip=True).removesuffix("¶") == "微心愿"]
    return heads[0].find_next("ul", class_="gb-wishes") if heads else None


def filter_counts(page) -> dict[str, str]:
    return {
        re.sub(r"\s*\d+$", "", el.get_text(strip=True)): el.get_text(strip=True).rsplit(" ", 1)[-1]
        for el in page.select(".gb-wish-filter li > *")
    }


# ---- the example district ----


def test_district_wall_counts_filters_and_lists_the_newest_open_wishes(example_site):
    site, _ = example_site
    wishes = wishes_of(ROOT)
    page = soup(site / "wishes/index.html")
    counts = filter_counts(page)
    assert counts == {"全部": str(len(wishes))} | {
        STATUS[s]: str(sum(status(w) == s for w in wishes)) for s in ORDER
    }
    current = page.select('.gb-wish-filter a[aria-current="page"]')
    assert [a.get_text(strip=True) for a in current] == [f"全部 {len(wishes)}"]
    status_links = [a["href"] for a in page.select(".gb-wish-filter a")][1:]
    assert status_links == [f"status/{s}/" for s in ORDER]
    waiting = [w for w in wishes if status(w) == "open"]
    assert listed(page) == ids(waiting[:WALL_OPEN]) and waiting
    walls = {
        a["href"]: a.find_next("span").get_text(" ", strip=True) for a in page.select(".gb-wish-walls a")
    }
    communities = sorted({w["community"] for w in wishes})
    assert sorted(walls) == sorted(f"at/{c}/" for c in communities)
    for c in communities:
        mine = [w for w in wishes if w["community"] == c]
        tally = " · ".join(f"{STATUS[s]} {sum(status(w) == s for w in mine)}" for s in ORDER)
        assert walls[f"at/{c}/"] == tally


@pytest.mark.parametrize("state", ORDER)
def test_status_pages_list_that_status_by_community_newest_first(example_site, state):
    site, _ = example_site
    page = soup(site / f"wishes/status/{state}/index.html")
    expected = [w for w in wishes_of(ROOT) if status(w) == state][:STATUS_COUNT]
    assert sorted(listed(page)) == sorted(ids(expected))
    by_id = {w["id"]: w for w in expected}
    for ul in page.select("ul.gb-wishes"):  # one list per community, newest first
        group = [by_id[i] for i in listed(ul)]
        assert len({w["community"] for w in group}) == 1
        assert group == sorted(group, key=lambda w: (w["posted"], w["id"]), reverse=True)
    current = page.select_one('.gb-wish-filter a[aria-current="page"]')
    assert current.get_text(strip=True).startswith(STATUS[state]) and current["href"] == "./"


def test_community_walls_show_every_wish_by_status_with_its_facts(example_site):
    site, _ = example_site
    wishes = wishes_of(ROOT)
    for c in sorted({w["community"] for w in wishes}):
        page = soup(site / f"wishes/at/{c}/index.html")
        mine = [w for w in wishes if w["community"] == c]
        expected = [w["id"] for s in ORDER for w in mine if status(w) == s]
        assert [li["id"].removeprefix("wish-") for li in page.select("li.gb-wish-card")] == expected
        sections = [h["id"] for h in page.select("h2[id^='s-']")]
        assert sections == [f"s-{s}" for s in ORDER if any(status(w) == s for w in mine)]
        links = {a["href"] for a in page.select(".gb-wish-filter a")}
        assert links == {f"#{s}" for s in sections}  # in-page filter, only to sections there
        for w in mine:
            card = page.select_one(f"#wish-{w['id']}")
            text = card.get_text(" ", strip=True)
            assert w["wish"] in text and w["for"] in text and str(w["posted"]) in text
            assert card.select_one(".gb-wish-badge").get_text() == STATUS[status(w)]
            if w.get("grid"):
                assert card.select_one(f'a[href$="grids/{w["grid"]}/"]') is not None
            if w.get("claimed"):
                assert str(w["claimed"]["date"]) in text
            if w.get("fulfilled"):
                done = w["fulfilled"]
                assert str(done["date"]) in text and done.get("thanks", "") in text
                photo = done.get("photo")
                img = card.select_one("img")
                if photo and photo.get("consent"):
                    assert img["src"].endswith(photo["file"]) and img["alt"] == photo["alt"]
                else:
                    assert img is None and (not photo or photo["alt"] not in page.get_text())
            if w.get("closed"):
                assert w["closed"]["reason"] in text


def test_a_claimer_is_named_and_linked_to_their_page(example_site):
    site, _ = example_site
    members = {
        m["id"] for f in (ROOT / "content/members").glob("*.yml") for m in yaml.safe_load(f.read_text())
    }
    claimed = [w for w in wishes_of(ROOT) if w.get("claimed") and w["claimed"]["by"] in members]
    assert claimed
    for w in claimed:
        card = soup(site / f"wishes/at/{w['community']}/index.html").select_one(f"#wish-{w['id']}")
        link = card.select_one(f'a[href*="#member-{w["claimed"]["by"]}"]')
        assert link is not None and link.get_text(strip=True)


def test_panels_show_the_newest_open_wishes_of_their_scope(example_site):
    site, _ = example_site
    waiting = [w for w in wishes_of(ROOT) if status(w) == "open"]
    assert listed(panel(soup(site / "index.html"))) == ids(waiting[:PANEL_COUNT])
    for c in sorted({w["community"] for w in wishes_of(ROOT)}):
        mine = [w for w in waiting if w["community"] == c]
        found = panel(soup(site / f"communities/{c}/index.html"))
        assert (listed(found) if found else []) == ids(mine[:PANEL_COUNT])
    grids = sorted({w["grid"] for w in waiting if w.get("grid")})
    for g in grids:
        assert listed(panel(soup(site / f"grids/{g}/index.html"))) == ids(
            [w for w in waiting if w.get("grid") == g][:PANEL_COUNT]
        )


def test_the_example_screen_plays_the_open_wishes_of_its_community(example_site):
    site, _ = example_site
    screens = yaml.safe_load((ROOT / "content/screens.yml").read_text(encoding="utf-8"))
    shows = {sc["id"]: [i if isinstance(i, str) else i["show"] for i in sc["playlist"]] for sc in screens}
    playing = [sc for sc in screens if "wishes" in shows[sc["id"]] and sc["scope"] in open_communities()]
    assert playing
    for sc in playing:
        waiting = [
            w["wish"] for w in wishes_of(ROOT) if status(w) == "open" and w["community"] == sc["scope"]
        ]
        slides = soup(site / f"screens/{sc['id']}/index.html").select(".gb-slide-wishes")
        assert [t for s in slides for t in slide_wishes(s)] == waiting[: SLIDES * SLIDE_ROWS]
        qr = {s.select_one(".gb-qr-code")["aria-label"] for s in slides}
        assert qr == {f"二维码：https://xianfeng-licheng.example.org/wishes/at/{sc['scope']}/"}


def test_no_note_no_draft_and_no_withheld_photo_anywhere_in_the_example(example_site):
    site, _ = example_site
    every = wishes_of(ROOT, drafts=True)
    notes = [w["note"] for w in every if w.get("note")]
    drafts = [w["id"] for w in every if w.get("draft")]
    withheld = [
        w["fulfilled"]["photo"]["alt"]
        for w in every
        if (w.get("fulfilled") or {}).get("photo") and not w["fulfilled"]["photo"].get("consent")
    ]
    assert notes and drafts  # the example shows each case (a withheld photo: the next test's site)
    texts = [
        p.read_text(encoding="utf-8")
        for p in site.rglob("*")
        if p.suffix in {".html", ".xml", ".json", ".ics"}
    ]
    texts += [str(r) for r in search_records(site)]
    for secret in notes + [f"wish-{d}" for d in drafts] + withheld:
        assert not any(secret in t for t in texts), secret


# ---- a small site of its own: slides, posters, privacy ----

WISHES = """\
- {id: w-ly-1, wish: 一台助行器, for: 王奶奶, community: lanyuan, grid: ly-01, posted: 2026-11-01,
   story: 腿脚不便, note: 内部备注甲乙丙丁}
- id: w-ly-2
  wish: '<script>alert(1)</script>[点此](javascript:alert(2)) *强调* <img src=x onerror=alert(3)>'
  for: 李大爷
  community: lanyuan
  grid: ly-02
  posted: 2026-11-05
- {id: w-ly-3, wish: 教我用手机挂号, for: 独居老人, community: lanyuan, posted: 2026-10-01}
- {id: w-ly-4, wish: 修好水龙头, for: 张阿姨, community: lanyuan, grid: ly-01, posted: 2026-09-01}
- {id: w-ly-5, wish: 想学画画, for: 困难家庭的孩子, community: lanyuan, posted: 2026-08-01}
- {id: w-ly-6, wish: 换个灯泡, for: 刘爷爷, community: lanyuan, posted: 2026-07-01}
- {id: w-zy-1, wish: 有人上门理发, for: 赵爷爷, community: zhuyuan, posted: 2026-11-10}
- {id: w-ly-c, wish: 陪同去医院复查, for: 孙奶奶, community: lanyuan, posted: 2026-10-20, status: claimed,
   claimed: {by: t-med, date: 2026-10-22}}
- id: w-ly-d
  wish: 一副老花镜
  for: 周大爷
  community: lanyuan
  posted: 2026-06-01
  status: done
  claimed: {by: 志愿者小刘, date: 2026-06-02}
  fulfilled:
    date: 2026-06-10
    thanks: 看报纸清楚多了
    photo: {file: media/wishes/given.svg, alt: 志愿者送来老花镜, consent: 2026-06-10}
- id: w-ly-e
  wish: 轮椅一台
  for: 吴奶奶
  community: lanyuan
  posted: 2026-05-01
  status: done
  claimed: {by: t-med, date: 2026-05-02}
  fulfilled:
    date: 2026-05-20
    photo: {file: media/wishes/secret.svg, alt: 未同意公开的照片说明}
- {id: w-ly-x, wish: 楼道装扶手, for: 老两口, community: lanyuan, posted: 2026-04-01, status: closed,
   closed: {reason: 已列入小区改造}}
- {id: w-ly-draft, wish: 草稿里的心愿, for: 钱奶奶, community: lanyuan, posted: 2026-11-15, draft: true}
"""
HOSTILE = "<script>alert(1)</script>[点此](javascript:alert(2)) *强调* <img src=x onerror=alert(3)>"
SCREENS = """\
- {id: ly-hall, place: 兰苑社区大厅, scope: lanyuan, playlist: [wishes]}
- {id: qu-hall, place: 区党群服务中心, scope: testqu, playlist: [{show: wishes, count: 1}]}
"""
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>'
URL = "https://test.example.org/"


@pytest.fixture(scope="module")
def wish_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wishes")
    site = make_site(
        tmp,
        {
            "content/wishes/lanyuan.yml": WISHES,
            "content/screens.yml": SCREENS,
            "content/media/wishes/given.svg": SVG,
            "content/media/wishes/secret.svg": SVG.replace("rect", "circle"),
        },
    )
    config = site / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site:\n", f"site:\n  url: {URL}\n", 1))
    out, report = build_site(site, today=dt.date(2026, 11, 20))
    return site, out, report


def slide_wishes(slide) -> list[str]:
    return [li.strong.get_text() for li in slide.select("ul.gb-rows li")]


def test_slides_show_the_scopes_open_wishes_with_a_qr_code_to_the_wall(wish_site):
    site, out, _ = wish_site
    waiting = [w for w in wishes_of(site) if status(w) == "open"]
    mine = [w["wish"] for w in waiting if w["community"] == "lanyuan"]
    slides = soup(out / "screens/ly-hall/index.html").select(".gb-slide-wishes")
    assert [slide_wishes(s) for s in slides] == [
        mine[i : i + SLIDE_ROWS] for i in range(0, len(mine), SLIDE_ROWS)
    ]
    for s in slides:
        assert s.select_one(".gb-qr-code")["aria-label"] == f"二维码：{URL}wishes/at/lanyuan/"
        assert "待认领的微心愿" in s.h2.get_text()
    district = soup(out / "screens/qu-hall/index.html").select(".gb-slide-wishes")
    assert [slide_wishes(s) for s in district] == [[w["wish"] for w in waiting[:SLIDE_ROWS]]]  # count: 1
    assert district[0].select_one(".gb-qr-code")["aria-label"] == f"二维码：{URL}wishes/"
    assert "兰苑社区" in district[0].get_text()  # a district's slide names each wish's community


def test_each_community_with_open_wishes_has_a_poster_with_a_qr_code_to_its_wall(wish_site):
    site, out, _ = wish_site
    waiting = [w for w in wishes_of(site) if status(w) == "open"]
    for c in ("lanyuan", "zhuyuan"):
        page = soup(out / f"print/wishes/{c}/index.html")
        shown = [h.get_text(strip=True) for h in page.select(".gb-print-wish h3")]
        assert shown == [w["wish"] for w in waiting if w["community"] == c]
        assert page.select_one(".gb-print-qr svg")["aria-label"] == f"二维码：{URL}wishes/at/{c}/"
    assert not (out / "print/wishes/songlin").exists()  # nothing open: nothing to print
    index = {a["href"] for a in soup(out / "print/index.html").select("main a")}
    assert {"wishes/lanyuan/index.html", "wishes/zhuyuan/index.html"} <= index


def test_a_claimer_is_a_team_linked_to_its_page_or_a_name_as_written(wish_site):
    _, out, _ = wish_site
    wall = soup(out / "wishes/at/lanyuan/index.html")
    team = wall.select_one("#wish-w-ly-c a[href*='services/teams/']")
    assert team is not None and team.get_text() == "东湖医疗志愿服务队"
    named = wall.select_one("#wish-w-ly-d")
    assert "志愿者小刘" in named.get_text() and not named.select("dd a")


def test_draft_note_and_photo_without_consent_are_nowhere(wish_site):
    _, out, report = wish_site
    assert (out / "media/wishes/given.svg").is_file()
    assert not (out / "media/wishes/secret.svg").exists()
    assert (
        soup(out / "wishes/at/lanyuan/index.html").select_one("#wish-w-ly-d img")["alt"] == "志愿者送来老花镜"
    )
    assert any("consent" in w.message for w in report.problems.warnings)
    texts = [
        p.read_text(encoding="utf-8")
        for p in out.rglob("*")
        if p.suffix in {".html", ".xml", ".json", ".ics"}
    ]
    texts += [str(r) for r in search_records(out)]
    for secret in ("内部备注甲乙丙丁", "草稿里的心愿", "w-ly-draft", "secret.svg", "未同意公开的照片说明"):
        assert not any(secret in t for t in texts), secret


def test_a_site_without_wishes_has_an_empty_wall_and_no_panel(minimal_site):
    site, _ = minimal_site
    page = soup(site / "wishes/index.html")
    assert "目前没有待认领的心愿" in page.get_text() and not page.select("li.gb-wish")
    assert panel(soup(site / "index.html")) is None


def test_hostile_text_in_a_wish_stays_text_on_every_page_slide_and_poster(wish_site):
    _, out, _ = wish_site
    places = {
        "wishes/index.html": "article",
        "wishes/status/open/index.html": "article",
        "wishes/at/lanyuan/index.html": "article",
        "communities/lanyuan/index.html": "article",
        "screens/ly-hall/index.html": ".gb-slide-wishes",
        "print/wishes/lanyuan/index.html": "main",
    }
    for rel, where in places.items():
        part = soup(out / rel).select_one(where)
        assert HOSTILE in part.get_text(), rel
        assert not part.select("script, img[onerror], a[href^='javascript'], em"), rel
