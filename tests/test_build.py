"""A fixture site built end to end; the HTML is parsed and the parts that matter are checked."""

import hashlib
import json
import re

import pytest
from conftest import TODAY, build_site, make_site, search_records, soup

from builder.outputs.manifest import MANIFEST
from builder.problems import ContentError


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def text_of(site, rel):
    return soup(site / rel).select_one("article").get_text(" ", strip=True)


def test_pages_exist_for_every_kind(minimal_site):
    site, report = minimal_site
    for rel in [
        "index.html",
        "directory/index.html",
        "streets/donghu/index.html",
        "communities/lanyuan/index.html",
        "grids/ly-01/index.html",
        "grids/ly-02/index.html",
        "services/index.html",
        "services/yanglao/index.html",
        "services/stations/index.html",
        "services/teams/index.html",
        "board/index.html",
        "board/archive/index.html",
        "board/archive/2026-11/index.html",
        "board/archive/2026-07/index.html",
        "board/p-current/index.html",
        "board/p-old/index.html",
        "stories/index.html",
        "stories/2026/lanyuan-tea/index.html",
        "stories/tags/index.html",
        "stories/tags/网格党建/index.html",
        "about/about/index.html",
        "showcase/index.html",
        "studios/index.html",
        "version.json",
        "sitemap.xml",
        "pagefind/pagefind-entry.json",
        "pagefind/pagefind.js",
    ]:
        assert (site / rel).is_file(), rel
    assert report.engine_warnings == []


def test_home_shows_figures_computed_from_data(minimal_site):
    site, _ = minimal_site
    page = soup(site / "index.html")
    figures = {li.select_one("span").get_text(): li.strong.get_text() for li in page.select(".gb-figures li")}
    assert figures["个网格（基础 1 · 专属 1）"] == "2"
    assert figures["个网格党组织"] == "1"
    # workers: 周海燕, 钱卫东, 孙明, 吴春梅 — 2 of 4 are party members
    assert figures["名网格员，党员占 50%"] == "4"
    assert figures["项服务事项"] == "1"
    assert figures["个党员爱心驿站"] == "1"
    current = [a.get_text() for a in page.select(".gb-postings a")]
    assert current == ["兰苑社区2026年第四季度居务公开"]
    assert [a.get_text() for a in page.select(".gb-stories a")] == ["兰苑社区开设“社区茶亭”"]


def test_grid_page_team_cards_and_phone_masking(minimal_site):
    site, _ = minimal_site
    page = soup(site / "grids/ly-01/index.html")
    cards = page.select(".gb-person")
    rows = [
        (
            c.select_one(".gb-role").get_text(),
            c.select_one(".gb-name").get_text(" ", strip=True),
            c.select_one(".gb-phone").get_text(strip=True),
        )
        for c in cards
    ]
    assert rows == [
        ("网格长", "周海燕 党员", "☎ 13800001111"),  # consent to phone recorded
        ("专职网格员", "钱卫东 党员", "☎ 138****2222"),  # no consent: masked
        ("党建指导员", "孙明", "☎ 0531-88000002"),  # office line: as it is
    ]
    html = (site / "grids/ly-01/index.html").read_text(encoding="utf-8")
    assert "13800002222" not in html
    # no photo consent: the neutral placeholder, with the person named in alt
    img = cards[1].select_one("img")
    assert img["src"].endswith("assets/gridboard/person.svg") and img["alt"].startswith("钱卫东，专职网格员")
    facts = {
        dt.get_text(): dt.find_next_sibling("dd").get_text(strip=True) for dt in page.select("dl.gb-facts dt")
    }
    assert facts["监督电话"] == "0531-88000009"
    assert facts["所属社区"] == "东湖街道 兰苑社区"
    assert "党组织队伍 （已达标）" in text_of(site, "grids/ly-01/index.html")
    assert [a.get_text() for a in page.select("nav.gb-crumbs a")] == [
        "首页",
        "网格目录",
        "东湖街道",
        "兰苑社区",
    ]


def test_board_badges_dates_and_finance_table(minimal_site):
    site, _ = minimal_site
    board = soup(site / "board/index.html")
    assert [b.get_text() for b in board.select(".gb-posting .gb-badge")] == ["公示中"]
    assert "发布 2026-11-15 09:00 · 公示至 2026-11-30" in board.select_one(".gb-posting").get_text()
    old = soup(site / "board/p-old/index.html")
    assert old.select_one(".gb-status .gb-badge").get_text() == "已期满"
    facts = {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in old.select("dl.gb-facts dt")}
    assert facts["发布时间"] == "2026-07-01 10:30" and facts["信息来源"] == "兰苑社区居委会"
    tables = old.select("table.gb-finance")
    assert [t.caption.get_text() for t in tables] == ["收入（单位：元）", "支出（单位：元）"]
    spend = [[td.get_text() for td in tr.select("td")][:2] for tr in tables[1].select("tbody tr")]
    assert spend == [["活动物资", "3,200.50"], ["报刊订阅", "800.00"]]
    assert tables[1].select_one("tfoot td").get_text() == "4,000.50"
    archive = soup(site / "board/archive/2026-07/index.html")
    assert [a.get_text() for a in archive.select(".gb-postings a")] == ["兰苑社区2026年第二季度财务公开"]


def test_embargoed_story_appears_once_its_date_has_come(tmp_path):
    site = make_site(tmp_path)
    out, _ = build_site(site, today=TODAY.replace(year=2027, month=1, day=2))
    assert "EMBARGOMARK" in (out / "stories/index.html").read_text(encoding="utf-8")
    assert "DRAFTMARK" not in (out / "stories/index.html").read_text(encoding="utf-8")


def test_posting_expires_by_build_date(tmp_path):
    site = make_site(tmp_path)
    out, _ = build_site(site, today=TODAY.replace(month=12, day=1))
    page = soup(out / "board/p-current/index.html")
    assert page.select_one(".gb-status .gb-badge").get_text() == "已期满"
    assert soup(out / "board/index.html").select(".gb-posting") == []
    assert (out / "board/archive/2026-11/index.html").is_file()


def test_same_input_same_bytes(tmp_path):
    site = make_site(tmp_path)
    a, _ = build_site(site, tmp_path / "a")
    b, _ = build_site(site, tmp_path / "b")

    # Pagefind names its files by content hashes that vary between runs (its filter maps are
    # unordered), so the search index is compared by what it holds; everything else byte by byte.
    # The build's file list (MANIFEST) names those files, so it is compared without them.
    def others(site):
        return sorted(
            p.relative_to(site)
            for p in site.rglob("*")
            if p.is_file() and "pagefind" not in p.parts and p.name != MANIFEST
        )

    files_a, files_b = others(a), others(b)
    assert files_a == files_b
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel
    assert search_records(a) == search_records(b)
    lists = [json.loads((s / MANIFEST).read_text(encoding="utf-8"))["files"] for s in (a, b)]
    assert [[f for f in files if not f[0].startswith("pagefind/")] for files in lists] == [
        [[str(rel), (a / rel).stat().st_size, sha256(a / rel)] for rel in sorted(files_a, key=str)]
    ] * 2  # the list is in the order of the names as text (sitemap.xml before sitemap/index.html)


def test_failed_build_keeps_last_good_site(tmp_path):
    site = make_site(tmp_path)
    out, _ = build_site(site)
    before = (out / "index.html").read_bytes()
    grids = site / "content/grids/donghu.yml"
    grids.write_text(
        grids.read_text(encoding="utf-8").replace("kind: basic", "kind: round"), encoding="utf-8"
    )
    with pytest.raises(ContentError):
        build_site(site)
    assert (out / "index.html").read_bytes() == before
    assert not [p for p in site.iterdir() if p.name.startswith(".site")]


def test_no_request_to_any_other_host(minimal_site):
    site, _ = minimal_site
    for f in site.rglob("*.html"):
        page = soup(f)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for el in page.find_all(tag):
                url = el.get(attr) or ""
                assert not re.match(r"^(https?:)?//", url), (f, url)
        assert "fonts.googleapis" not in f.read_text(encoding="utf-8")


def test_small_navigation_and_chinese_ui(minimal_site):
    site, _ = minimal_site
    page = soup(site / "grids/ly-01/index.html")
    assert page.html["lang"] == "zh-CN"
    tabs = [a.get_text(strip=True) for a in page.select(".md-tabs__link")]
    assert tabs == [
        "首页",
        "找网格",
        "服务清单",
        "公开栏",
        "近期活动",
        "微心愿",
        "示范社区",
        "书记工作室",
        "工作动态",
        "关于",
    ]
    # grid pages are reached through index pages and search, never listed in every page's sidebar
    assert not page.select('.md-nav a[href*="grids/"]')


def test_search_index_has_segmented_chinese(minimal_site):
    site, report = minimal_site
    records = {r["url"]: r for r in search_records(site)}
    grid = records["/grids/ly-01/"]
    # names of people are kept whole by the search vocabulary, between word breaks
    assert re.search(r"(^|\s)钱卫东(\s|$)", grid["content"]), grid["content"][:300]
    assert grid["filters"]["community"] == ["兰苑社区"] and grid["filters"]["street"]
    # every page with content is indexed; the 404 page, the site map (it names every page, so it
    # would match every search), screens and print posters are not
    pages = {p.relative_to(site).parent.as_posix() for p in site.rglob("index.html")}
    public = {p for p in pages if p not in (".", "sitemap") and not p.startswith(("print", "screens"))}
    assert {p for p in pages if p.startswith("print/")}, "the posters are built"
    assert {u.strip("/") for u in records} == public | {""}
    assert report.search_pages == len(records)


def test_media_is_copied_and_linked_relatively(minimal_site):
    site, _ = minimal_site
    assert (site / "media/stories/tea.svg").is_file()
    assert not (site / "media/people/a.svg").exists()  # a team member's photo without consent


def test_out_folder_replaced_atomically(tmp_path):
    site = make_site(tmp_path)
    out, _ = build_site(site, tmp_path / "out")
    story = site / "content/stories/2026/lanyuan-tea.md"
    stale = out / "stories/2026/lanyuan-tea/index.html"  # a page of the last build, gone now
    assert stale.is_file()
    story.unlink()
    build_site(site, out)
    assert not stale.exists() and (out / "index.html").is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def broken_links(site):
    """Every internal href/src of every page that points at no file (or at a missing #anchor)."""
    from urllib.parse import unquote, urlsplit

    broken = []
    ids_cache = {}
    for page in site.rglob("*.html"):
        doc = soup(page)
        for el in doc.find_all(["a", "img", "link", "script"]):
            url = el.get("href") or el.get("src")
            if not url or re.match(r"^([a-z]+:|//)", url):
                continue
            parts = urlsplit(url)
            base = site if parts.path.startswith("/") else page.parent  # 404.html links from the root
            target = page.parent if not parts.path else (base / unquote(parts.path).lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append((str(page.relative_to(site)), url))
                continue
            if parts.fragment and target.suffix == ".html":
                if target not in ids_cache:
                    ids_cache[target] = {t.get("id") for t in soup(target).find_all(id=True)}
                if unquote(parts.fragment) not in ids_cache[target]:
                    broken.append((str(page.relative_to(site)), url))
    return broken


def test_no_broken_internal_link_or_anchor(minimal_site):
    site, _ = minimal_site
    assert broken_links(site) == []
