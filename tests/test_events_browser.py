"""Events (近期活动) in the browser and on paper: the events slide on a screen's own clock, the
本月活动 poster, axe-core and the Nu checker on the events pages in normal and elder mode, phone
and screen screenshots, search by title, place and organiser, and the month calendar without
JavaScript. Screenshots go to test-artifacts/."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
from conftest import build_site, make_site, soup
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_a11y import PHONE, axe_source, check_page, new_context  # noqa: F401 (axe_source: a fixture)
from test_browser import search
from test_elder import MEASURE
from test_html_valid import VNU_JAR, java, tool
from test_screens_browser import FIT, FRIDAY_10, LANDSCAPE, PORTRAIT, SHANGHAI, open_screen  # noqa: F401

from builder.outputs.posters import pdf_name

browser = pytest.mark.browser

# Events of the test site (the minimal site, built on Friday 2026-11-20)
EVENTS = """\
- id: ly-chahua
  title: 兰苑社区睦邻茶话会
  kind: tea
  start: "2026-11-21 09:00"
  end: "11:30"
  place: lanyuan
  scope: lanyuan
  organiser: 兰苑社区党委
  join:
    phone: "0531-88000001"
    deadline: 2026-11-20
    capacity: 30
- id: ly-xiaofang
  title: 兰苑社区消防演练
  kind: volunteer
  start: "2026-11-23 14:00"
  end: "16:00"
  place: 东湖路 18 号院内
  scope: lanyuan
  status: cancelled
  reason: 当天有大风降温，为安全起见取消
- id: sl-yizhen
  title: 松林村义诊
  kind: clinic
  start: "2026-11-24 09:00"
  end: "11:00"
  place: songlin
  scope: songlin
- id: ly-dangke
  title: 兰苑社区党课
  kind: lecture
  start: "2026-11-05 09:30"
  end: "11:00"
  place: lanyuan
  scope: lanyuan
- id: dh-daji
  title: 东湖街道冬季服务大集
  kind: fair
  start: 2026-12-28
  end: 2026-12-29
  place: 东湖广场
  scope: donghu
"""
SCREENS = """\
- id: ly-hall
  place: 兰苑社区党群服务中心大厅
  orientation: landscape
  scope: lanyuan
  playlist: [events]
- id: ly-tall
  place: 兰苑社区党群服务中心走廊
  orientation: portrait
  scope: lanyuan
  playlist: [events]
"""

# The example district's events pages (content/events/2026-winter.yml, built 2026-11-20)
PAGES = {
    "events": "events/",
    "event": "events/hsh-yizhen-2026-12/",
    "cancelled event": "events/huaxin-xuanchuan-2026-12/",
    "recurring event": "events/nqf-chahuahui/",
    "calendar": "events/calendar/2026-12/",
    "events at": "events/at/quanfu/",
    "archive": "events/archive/",
    "community": "communities/nanquanfu/",
    "poster": "print/events/nanquanfu/",
}


@pytest.fixture(scope="module")
def events_site(tmp_path_factory) -> Path:
    """The minimal site with the events above and two screens (landscape, portrait) playing them."""
    tmp = tmp_path_factory.mktemp("events")
    config = (Path(__file__).parent / "sites/minimal/site_config.yml").read_text(encoding="utf-8")
    config = config.replace("site:\n", "site:\n  url: https://test.example.org/\n", 1)
    files = {"site_config.yml": config, "content/events/2026.yml": EVENTS, "content/screens.yml": SCREENS}
    out, report = build_site(make_site(tmp, files))
    errors = [p for p in report.problems.items if p.severity != "warning"]
    assert errors == [], errors
    return out


@pytest.fixture(scope="module")
def served(example_site, serve_dir) -> tuple[Path, str]:
    site, _ = example_site
    return site, serve_dir(site)


def file_screen(open_screen, site: Path, screen_id: str, **kw):  # noqa: F811
    """A screen opened from disk, nothing else allowed to load."""
    page = (site / "screens" / screen_id / "index.html").as_uri()
    return open_screen(page, allow=lambda url: url.startswith(("file:", "data:")), **kw)


# --- the events slide -------------------------------------------------------------------------


def test_event_slides_are_what_starts_within_two_weeks_in_scope(events_site):
    doc = soup(events_site / "screens" / "ly-hall" / "index.html")
    slides = doc.select(".gb-slide-event")
    titles = [s.select_one("h2").get_text(strip=True) for s in slides]
    # not the past one, not another community's, not the street's fair five weeks away
    assert titles == ["兰苑社区睦邻茶话会", "兰苑社区消防演练"]
    assert [s["data-stop"] for s in slides] == ["2026-11-21T11:30:00", "2026-11-23T16:00:00"]
    facts = dict(
        (div.select_one("dt").get_text(), div.select_one("dd").get_text())
        for div in slides[0].select("dl div")
    )
    assert facts["时间"] == "11月21日 星期六 09:00—11:30"
    assert facts["地点"] == "兰苑社区党群服务中心（东湖路 18 号）"
    assert facts["报名"] == "需要报名，2026-11-20 截止，名额 30 人，电话 0531-88000001"
    assert slides[0].select_one(".gb-kicker").get_text() == "近期活动｜睦邻茶话会｜兰苑社区"
    cancelled = slides[1]
    assert cancelled.select_one("h2 s").get_text() == "兰苑社区消防演练"
    assert (
        cancelled.select_one(".gb-event-off").get_text(" ", strip=True)
        == "已取消 当天有大风降温，为安全起见取消"
    )


@browser
def test_an_event_slide_leaves_the_screen_when_the_event_ends(events_site, open_screen):  # noqa: F811
    """The tea party ends on Saturday 11:30 on the TV's own clock: shown at 11:29, gone at 11:31,
    the site not rebuilt."""
    screen = file_screen(open_screen, events_site, "ly-hall")
    assert screen.state()["title"] == "兰苑社区睦邻茶话会"
    assert screen.state()["count"] == "1 / 2"
    saturday = dt.datetime(2026, 11, 21, 11, 29, tzinfo=SHANGHAI)
    screen.page.clock.fast_forward(int((saturday - FRIDAY_10).total_seconds() * 1000))
    seen = {screen.step()["title"] for _ in range(4)}
    assert seen == {"兰苑社区睦邻茶话会", "兰苑社区消防演练"}
    screen.page.clock.fast_forward(2 * 60 * 1000)  # 11:31
    later = [screen.step() for _ in range(4)]
    assert {s["title"] for s in later} == {"兰苑社区消防演练"}
    assert later[-1]["count"] == "1 / 1"
    screen.page.clock.fast_forward(3 * 24 * 60 * 60 * 1000)  # Tuesday: the drill is over too
    assert screen.step()["brand"]
    assert screen.errors == []


@browser
@pytest.mark.parametrize(
    ("screen_id", "size", "shot"),
    [
        ("ly-hall", LANDSCAPE, "screen-events-landscape.png"),
        ("ly-tall", PORTRAIT, "screen-events-portrait.png"),
    ],
)
def test_the_event_slide_reads_from_across_the_room(
    events_site,
    open_screen,  # noqa: F811
    artifacts,
    screen_id,
    size,
    shot,
):
    """Large type (≥ 32 px on a 1080-pixel side), nothing outside the screen or cut; a cancelled
    event struck through with its reason."""
    screen = file_screen(open_screen, events_site, screen_id, size=size)
    for n in ("1", "2"):
        screen.show(n)
        fit = screen.page.evaluate(FIT)
        assert fit["min_px"] >= 32 - 0.1 and abs(fit["body_px"] - 32) < 0.1, fit
        assert (fit["outside"], fit["cut"], fit["overflow"]) == ([], [], False), fit
        assert max(fit["scroll"][0::2]) <= size["width"] and max(fit["scroll"][1::2]) <= size["height"]
        if n == "1":
            screen.page.screenshot(path=str(artifacts / shot), animations="disabled")
    struck = screen.page.locator(".gb-slide:not([hidden]) h2 s")
    assert "line-through" in struck.evaluate("(e) => getComputedStyle(e).textDecorationLine")
    reason = screen.page.locator(".gb-slide:not([hidden]) .gb-event-off")
    assert reason.is_visible() and "为安全起见取消" in reason.inner_text()
    screen.page.screenshot(
        path=str(artifacts / shot.replace(".png", "-cancelled.png")), animations="disabled"
    )
    assert screen.errors == []


# --- the 本月活动 poster -----------------------------------------------------------------------


def test_the_month_poster_lists_the_communitys_events_by_day(events_site):
    poster = soup(events_site / "print" / "events" / "lanyuan" / "index.html")
    assert poster.select_one("h1").get_text("", strip=True) == "兰苑社区本月活动 · 2026年11月"
    days = [
        (s.select_one("h2").get_text(), [h.get_text(" ", strip=True) for h in s.select("h3")])
        for s in poster.select(".gb-print-events")
    ]
    # the whole month, the past days too; not December's fair, not another community's clinic
    assert days == [
        ("11月5日 星期四", ["兰苑社区党课"]),
        ("11月21日 星期六", ["兰苑社区睦邻茶话会"]),
        ("11月23日 星期一", ["已取消 兰苑社区消防演练"]),
    ]
    tea = poster.select(".gb-print-event")[1]
    meta = tea.select_one(".gb-print-meta").get_text(" ", strip=True)
    assert "时间：09:00—11:30" in meta and "地点：兰苑社区党群服务中心（东湖路 18 号）" in meta
    signup = tea.select_one(".gb-print-signup").get_text(strip=True)
    assert signup == "报名：需要报名，2026-11-20 截止，名额 30 人，电话 0531-88000001"
    assert "为安全起见取消" in poster.select(".gb-print-event")[2].select_one(".gb-print-note").get_text()
    assert (events_site / "print/events/songlin/index.html").is_file()
    assert not (events_site / "print/events/zhuyuan").exists()  # nothing on there this month
    index = soup(events_site / "print" / "index.html")
    links = {
        a["href"]: a.find_next("code").get_text() for a in index.select("main a") if "events/" in a["href"]
    }
    assert links == {
        "events/lanyuan/index.html": "events-lanyuan.pdf",
        "events/songlin/index.html": "events-songlin.pdf",
    }


def test_pdf_names_follow_the_poster_folders():
    assert pdf_name("print/events/hengdacheng/index.html") == "events-hengdacheng.pdf"
    assert pdf_name("print/board/hdc/a4/index.html") == "board-hdc-a4.pdf"
    assert pdf_name("print/grids/hdc-01/index.html") == "grid-hdc-01.pdf"
    assert pdf_name("print/services/index.html") == "services.pdf"


@browser
def test_the_month_poster_prints_on_a4(events_site, chromium, artifacts):
    page = chromium.new_page()
    page.goto((events_site / "print/events/lanyuan/index.html").as_uri())
    page.screenshot(path=str(artifacts / "print-events-a4.png"), full_page=True)
    pdf = page.pdf(prefer_css_page_size=True)
    page.close()
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages) == 1
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert abs(width - 595) <= 2 and abs(height - 842) <= 2
    assert "兰苑社区睦邻茶话会" in reader.pages[0].extract_text()


# --- axe-core and the Nu checker, normal and elder mode -----------------------------------------


def test_the_community_page_has_the_events_panel(example_site):
    site, _ = example_site
    doc = soup(site / PAGES["community"] / "index.html")
    heading = next(h for h in doc.select("h2") if h.get_text(strip=True) == "近期活动")
    panel = heading.find_next("ul", class_="gb-events")
    assert "南全福社区睦邻茶话会" in panel.get_text()


@browser
@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_no_axe_violations_on_the_events_pages(served, chromium, axe_source, elder):  # noqa: F811
    _, base = served
    context = new_context(chromium, axe_source, PHONE, elder=elder)
    page = context.new_page()
    found = {}
    for kind, path in PAGES.items():
        page.goto(base + path)
        assert page.evaluate("document.documentElement.classList.contains('gb-elder')") == (
            elder and kind != "poster"
        ), kind
        violations, _moving = check_page(page)
        if violations:
            found[kind] = violations
    context.close()
    assert found == {}


def nu_errors(files: list[Path]) -> dict[str, list[str]]:
    """The Nu checker's errors for each file, by file name."""
    jar = tool(VNU_JAR, "vnu-jar")
    command = [java(), "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300)
    errors: dict[str, list[str]] = {}
    for msg in json.loads(run.stderr)["messages"]:
        errors.setdefault(Path(msg.get("url", "")).name, []).append(
            f"{msg.get('lastLine')}: {msg['message']}"
        )
    return errors


@browser
def test_the_events_pages_are_valid_html_in_both_modes(served, chromium, tmp_path):
    """The built pages as written, and as the browser holds them in elder mode (the DOM after
    elder.js switched it on), read by the Nu checker."""
    site, base = served
    files = []
    context = chromium.new_context(viewport=PHONE)
    context.add_init_script('try { localStorage.setItem("gb-elder", "1"); } catch (e) {}')
    page = context.new_page()
    for kind, path in PAGES.items():
        name = kind.replace(" ", "-")
        built = tmp_path / f"{name}.html"
        built.write_bytes((site / path / "index.html").read_bytes())
        page.goto(base + path)
        elder = tmp_path / f"{name}-elder.html"
        elder.write_text(page.content(), encoding="utf-8")  # with its doctype
        files += [built, elder]
    context.close()
    assert nu_errors(files) == {}


def test_the_nu_checker_check_sees_errors(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="zh-CN"><title>x</title><table><td>1</table>', encoding="utf-8")
    found = nu_errors([bad])
    assert list(found) == ["bad.html"] and found["bad.html"]


@browser
@pytest.mark.parametrize("size", [PHONE, {"width": 1366, "height": 768}], ids=["phone", "desktop"])
def test_the_events_pages_keep_elder_modes_rules(served, chromium, size):
    """Body text ≥ 24 px, headings ≥ 30 px, line height ≥ 1.5, contrast ≥ 7:1, tap targets ≥ 60 px,
    nothing wider than the window (tests/test_elder.py's measure)."""
    _, base = served
    context = chromium.new_context(viewport=size)
    context.add_init_script("localStorage.setItem('gb-elder', '1')")
    page = context.new_page()
    wrong = {}
    for kind, path in PAGES.items():
        if kind == "poster":
            continue  # a sheet of paper: no elder mode
        page.goto(base + path)
        m = page.evaluate(MEASURE)
        bad = {k: m[k][:5] for k in ("small", "faint", "tight", "headings", "targets") if m[k]}
        if m["wide"] or m["animations"]:
            bad["layout"] = {k: m[k] for k in ("wide", "animations")}
        if bad:
            wrong[kind] = bad
    context.close()
    assert wrong == {}


# --- phones -------------------------------------------------------------------------------------


NO_SIDEWAYS = "() => [document.documentElement.scrollWidth, innerWidth]"


@browser
@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_events_and_calendar_on_a_phone(served, chromium, artifacts, elder):
    _, base = served
    context = chromium.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    if elder:
        context.add_init_script('try { localStorage.setItem("gb-elder", "1"); } catch (e) {}')
    page = context.new_page()
    mode = "elder" if elder else "normal"
    wide = {}
    for kind in ("events", "calendar", "event", "community"):
        page.goto(base + PAGES[kind])
        width, window = page.evaluate(NO_SIDEWAYS)
        if width > window:
            wide[kind] = width
        if kind in ("events", "calendar"):
            page.screenshot(path=str(artifacts / f"events-{kind}-phone-{mode}.png"), full_page=True)
    # the calendar keeps its seven columns: the table scrolls inside its box, the page does not
    page.goto(base + PAGES["calendar"])
    heads = page.locator(".gb-calendar thead th").all_inner_texts()
    assert heads == list("一二三四五六日")
    box = page.locator(".gb-calendar-wrap")
    assert box.evaluate("(e) => e.scrollWidth <= e.clientWidth || getComputedStyle(e).overflowX === 'auto'")
    context.close()
    assert wide == {}


# --- search -------------------------------------------------------------------------------------


@browser
@pytest.mark.parametrize(
    ("query", "event"),
    [
        ("冬季便民服务大集", "fuwu-daji-2026-winter"),  # title
        ("王舍人街道党群服务中心广场", "fuwu-daji-2026-winter"),  # place
        ("华山街道社区卫生服务中心", "hsh-yizhen-2026-12"),  # organiser
        ("华山湖社区党课", "hsh-dangke-2026-11"),  # an event held before the build date
    ],
    ids=["title", "place", "organiser", "past"],
)
def test_search_finds_an_event(served, chromium, query, event):
    _, base = served
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base)
    results = search(page, query)
    found = page.locator(f'[data-pf-list] > li > a.md-search-result__link[href*="events/{event}/"]')
    try:  # results arrive one by one: wait for the event's, not just the first
        found.first.wait_for(timeout=15000)
    except PlaywrightTimeout:
        hrefs = results.evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
        pytest.fail(f"no events/{event}/ among the results: {hrefs}")
    finally:
        context.close()


# --- without JavaScript -------------------------------------------------------------------------


@browser
def test_the_calendar_works_without_javascript(served, chromium):
    site, base = served
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base + PAGES["calendar"])
    table = page.locator("table.gb-calendar")
    assert table.locator("caption").inner_text().startswith("2026 年 12 月活动月历")
    assert table.locator("thead th[scope=col]").count() == 7
    links = table.locator("a.gb-cal-event")
    assert links.count() >= 8 and links.first.is_visible()
    daji = table.locator("a.gb-cal-event", has_text="冬季便民服务大集")
    assert daji.count() == 1
    cancelled = table.locator("a.gb-cal-event s", has_text="华信社区消防安全宣传进楼院")
    assert cancelled.count() == 1
    daji.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "冬季便民服务大集"
    page.go_back()
    page.locator("a", has_text="2027 年 1 月").first.click()  # another month, by its link
    page.wait_for_load_state()
    assert page.locator("table.gb-calendar caption").inner_text().startswith("2027 年 1 月")
    context.close()
