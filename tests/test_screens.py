"""Screens: content/screens.yml is checked like every content file, and each screen's page holds
exactly the slides of its scope, with privacy rules applied and each slide's own showing period."""

import dataclasses
import json
import re

import pytest
from conftest import TODAY, build_site, make_site, soup

from builder import pipeline
from builder.kinds.registry import shows
from builder.problems import ContentError
from builder.report import Report

SCREENS = "content/screens.yml"
LOBBY = """\
- id: ly-lobby
  place: 兰苑社区党群服务中心大厅
  scope: lanyuan
  seconds: 20
  hours:
    - {days: [1, 2, 3, 4, 5], from: "08:30", to: "17:30"}
    - {days: [周六], from: "21:00", to: "02:00"}
  playlist:
    - board
    - teams
    - {show: stories, count: 2, seconds: 30}
    - figures
    - services
    - stations
    - {show: page, page: about, show_from: 2026-11-01, show_until: 2026-11-30}
- id: ly-02-door
  place: 东湖小学门口
  orientation: portrait
  scope: ly-02
  playlist: [teams, board]
- id: empty
  place: 备用屏
  scope: testqu
"""


def problems_of(site):
    with pytest.raises(ContentError) as info:
        pipeline.check(site / "site_config.yml", TODAY, Report())
    return info.value.problems.errors


@pytest.fixture(scope="module")
def lobby_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("screens")
    site = make_site(tmp, {SCREENS: LOBBY})
    out, report = build_site(site)
    return out, report


def slides_of(page):
    return page.select(".gb-slide:not([data-brand])")


def test_every_mistake_in_screens_yml_is_named_with_its_line(tmp_path):
    bad = """\
- id: a
  place: 大厅
  orientation: horizontal
  seconds: 2
  hours:
    - {days: [0, 周八], from: "8点", to: "17:30"}
  playlist:
    - news
- id: b
  place: 走廊
  scope: nowhere
  hours:
    - {from: "09:00", to: "09:00"}
  playlist:
    - {show: page}
    - {show: page, page: missing}
    - {show: stories, page: about}
    - {show: board, category: gossip, show_from: 2026-12-01, show_until: 2026-11-01}
- id: b
  place: 又一块
  scope: lanyuan
"""
    site = make_site(tmp_path, {SCREENS: bad})
    errors = [e for e in problems_of(site) if e.path == SCREENS]
    by_field = {e.field: e for e in errors}
    want = {  # the first screen's own mistakes; the second's, checked against the rest of the site
        "[0].orientation": (3, "landscape"),
        "[0].scope": (1, "scope"),
        "[0].seconds": (4, ""),
        "[0].hours[0].days[0]": (6, "1 到 7"),
        "[0].hours[0].days[1]": (6, "周日"),
        "[0].hours[0].from": (6, "HH:MM"),
        "[0].playlist[0].show": (8, "board"),
        "[1].scope": (11, "找不到范围"),
        "[1].hours[0].to": (13, "全天播放请不写 hours"),
        "[1].playlist[0]": (15, "page:"),
        "[1].playlist[1].page": (16, "找不到页面“missing”"),
        "[1].playlist[2].page": (17, "只用于 show: page"),
        "[1].playlist[3].category": (18, "找不到公开类别“gossip”"),
        "[1].playlist[3].show_until": (18, "早于"),
        "[2].id": (19, "重复"),
    }
    for fld, (line, words) in want.items():
        assert fld in by_field, (fld, [e.format() for e in errors])
        assert by_field[fld].line == line, by_field[fld].format()
        assert words in by_field[fld].message, by_field[fld].format()
        assert by_field[fld].english, by_field[fld].format()
    assert len(errors) == len(want), [e.format() for e in errors]


def test_a_site_without_screens_yml_has_no_screens_folder(minimal_site):
    out, _ = minimal_site
    assert not (out / "screens").exists()


def test_screen_pages_and_their_index(lobby_site):
    out, report = lobby_site
    index = soup(out / "screens/index.html")
    links = [a["href"] for a in index.select(".gb-screen-info h2 a")]
    assert links == ["ly-lobby/index.html", "ly-02-door/index.html", "empty/index.html"]
    info = index.select(".gb-screen-info")[0].get_text(" ", strip=True)
    assert "周一至周五 08:30—17:30" in info and "周六 21:00—02:00" in info
    assert "site.url" in " ".join(w.message for w in report.problems.warnings)  # no url: no QR codes
    page = soup(out / "screens/ly-lobby/index.html")
    root = page.select_one("[data-gb-screen]")
    assert root["data-gb-screen"] == "ly-lobby" and root.has_attr("data-live")
    assert root["data-version-url"] == "../../version.json"
    assert json.loads(root["data-hours"]) == [
        {"days": [1, 2, 3, 4, 5], "from": "08:30", "to": "17:30"},
        {"days": [6], "from": "21:00", "to": "02:00"},
    ]
    assert page.find("meta", attrs={"http-equiv": "Content-Security-Policy"}) is not None
    assert page.select_one('script[src="../../assets/gridboard/screen.js"]') is not None
    assert (out / "assets/gridboard/screen.js").is_file() and (out / "assets/gridboard/screen.css").is_file()
    assert not page.select("nav, .md-header, .gb-qr")  # no site chrome; no QR without site.url
    kinds = [s["class"][1] for s in slides_of(page)]
    assert kinds == ["gb-slide-board", "gb-slide-team", "gb-slide-team"] + ["gb-slide-story"] + [
        "gb-slide-figures",
        "gb-slide-services",
        "gb-slide-stations",
        "gb-slide-page",
    ], kinds
    first, *rest = slides_of(page)
    assert not first.has_attr("hidden") and all(s.has_attr("hidden") for s in rest)
    assert page.select_one("[data-brand]").has_attr("hidden")


def test_slides_hold_only_what_is_published_in_scope(lobby_site):
    out, _ = lobby_site
    page = soup(out / "screens/ly-lobby/index.html")
    text = page.get_text(" ", strip=True)
    board = page.select(".gb-slide-board")
    assert [b.h2.get_text() for b in board] == ["兰苑社区2026年第四季度居务公开"]
    assert board[0]["data-stop"] == "2026-12-01T00:00:00"  # the day after `until`, on the screen's clock
    assert board[0]["data-seconds"] == "20"
    # internal, not yet posted, expired postings; a draft and an embargoed story
    for absent in ("INTERNALMARK", "FUTUREMARK", "第二季度财务公开", "DRAFTMARK", "EMBARGOMARK"):
        assert absent not in text
    stories = page.select(".gb-slide-story")
    assert all(s["data-seconds"] == "30" for s in stories)
    about = page.select_one(".gb-slide-page")
    assert about["data-start"] == "2026-11-01T00:00:00" and about["data-stop"] == "2026-12-01T00:00:00"
    figures = page.select_one(".gb-slide-figures").get_text(" ", strip=True)
    assert "兰苑社区网格党建一览" in figures


def test_team_slides_follow_the_privacy_rules(lobby_site):
    out, _ = lobby_site
    html = (out / "screens/ly-lobby/index.html").read_text(encoding="utf-8")
    assert "13800001111" in html  # consented
    assert "13800002222" not in html and "138****2222" in html  # no consent: masked
    assert "media/people/a.svg" not in html  # photo without consent is not shown
    page = soup(out / "screens/ly-02-door/index.html")
    teams = page.select(".gb-slide-team")
    assert [t.h2.get_text() for t in teams] == ["兰苑社区第2网格（学校）"]  # a grid's screen: its grid only
    assert "138****3333" in teams[0].get_text()
    assert "gb-portrait" in page.select_one("[data-gb-screen]")["class"]


def test_an_empty_playlist_shows_the_brand_slide(lobby_site):
    out, _ = lobby_site
    page = soup(out / "screens/empty/index.html")
    assert slides_of(page) == []
    brand = page.select_one("[data-brand]")
    assert not brand.has_attr("hidden") and "测试街区" in brand.get_text()


def test_qr_codes_point_to_each_slides_page(example_site):
    import segno

    out, _ = example_site
    page = soup(out / "screens/hdc-lobby/index.html")
    for slide in slides_of(page):
        svg = slide.select_one(".gb-qr-code")
        assert svg is not None, slide["class"]
        url = svg["aria-label"].removeprefix("二维码：")
        assert url.startswith("https://xianfeng-licheng.example.org/")
        target = out / url.removeprefix("https://xianfeng-licheng.example.org/") / "index.html"
        assert target.is_file(), url  # the page the code opens exists
        # the drawn code is the one segno makes for that address
        expected = segno.make(url, error="m", micro=False).svg_inline(scale=1, border=4, omitsize=True)
        assert re.search(r' d="([^"]+)"', expected)[1] == svg.select("path")[-1]["d"]


def test_a_playlist_item_with_more_slides_than_its_limit_warns(tmp_path, monkeypatch):
    monkeypatch.setitem(shows(), "teams", dataclasses.replace(shows()["teams"], count=1))
    site = make_site(
        tmp_path,
        {SCREENS: "- {id: s, place: 大厅, scope: testqu, playlist: [teams, {show: teams, count: 1}]}\n"},
    )
    out, report = build_site(site)
    page = soup(out / "screens/s/index.html")
    assert len(page.select(".gb-slide-team")) == 2
    capped = [w for w in report.problems.warnings if "count:" in w.message]
    assert len(capped) == 1 and capped[0].field == "[0].playlist[0]", [w.format() for w in capped]


def test_version_json_lists_each_screens_build_key_which_changes_only_with_its_slides(tmp_path):
    site = make_site(tmp_path, {SCREENS: LOBBY})
    first, _ = build_site(site, tmp_path / "one")
    keys = json.loads((first / "version.json").read_text(encoding="utf-8"))["screens"]
    for sid, key in keys.items():
        root = soup(first / f"screens/{sid}/index.html").select_one("[data-gb-screen]")
        assert root["data-build"] == key and re.fullmatch(r"[0-9a-f]{16}", key)
    again, _ = build_site(site, tmp_path / "two")
    assert json.loads((again / "version.json").read_text(encoding="utf-8"))["screens"] == keys
    grids = site / "content/grids/donghu.yml"
    grids.write_text(grids.read_text(encoding="utf-8").replace("兰苑小区1—4号楼", "兰苑小区1—6号楼"), "utf-8")
    changed, _ = build_site(site, tmp_path / "three")
    new = json.loads((changed / "version.json").read_text(encoding="utf-8"))["screens"]
    assert new["ly-lobby"] != keys["ly-lobby"]  # it shows ly-01's team slide
    assert new["ly-02-door"] == keys["ly-02-door"] and new["empty"] == keys["empty"]
