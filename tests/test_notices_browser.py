"""Urgent notices in headless Chromium, on a mocked clock: the site's banner shows only within
its period on the reader's clock and stays dismissed, shows without JavaScript, passes axe in
normal and elder mode; a screen is taken over by an urgent notice and shows a warning's band,
each only within its period, and goes back to its playlist. Screenshots go to test-artifacts/."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from conftest import build_site, make_site
from test_a11y import PHONE, check_page
from test_a11y import axe_source as axe_source  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
LANDSCAPE = {"width": 1920, "height": 1080}
PORTRAIT = {"width": 1080, "height": 1920}
NOTICES = """\
- id: com-warn
  title: 兰苑社区今日停水
  text: 因管网抢修，11 月 20 日 9:00 至 18:00 兰苑社区停水，请提前储水。
  scope: lanyuan
  from: "2026-11-19 08:00"
  until: "2026-11-20 18:00"
  level: warning
  issuer: 兰苑社区居委会
- id: dist-info
  title: 冬季供暖开始
  text: 全区供暖已开始，暖气不热请拨打供热服务电话。
  from: "2026-11-15 08:00"
  until: "2026-11-30 18:00"
  level: info
  issuer: 测试区住建局
  page: about
- id: urg
  title: 燃气泄漏 请勿靠近
  text: 兰苑社区 3 号楼附近燃气管道泄漏，正在抢修。请勿在附近用火，听从现场工作人员指挥，3 号楼居民请暂时到社区党群服务中心休息。
  scope: lanyuan
  from: "2026-11-20 09:00"
  until: "2026-11-20 11:00"
  level: urgent
  issuer: 东湖街道应急办
- id: band
  title: 东湖路封闭施工
  text: 东湖路中段 11 月 20 日 8:00 至 12:00 封闭施工，请绕行。
  scope: donghu
  from: "2026-11-20 08:00"
  until: "2026-11-20 12:00"
  level: warning
  issuer: 东湖街道办事处
"""
SCREENS = """\
- {id: lobby, place: 大厅, scope: lanyuan, playlist: [board, teams]}
- {id: tall, place: 门口, scope: lanyuan, orientation: portrait, playlist: [board, teams]}
"""

VISIBLE = """() => [...document.querySelectorAll("[data-notice]")]
  .filter((e) => e.offsetParent !== null).map((e) => e.dataset.notice)"""
SCREEN = """() => {
  const shown = (sel) => [...document.querySelectorAll(sel)].filter((e) => !e.hidden && e.getClientRects().length);
  const root = document.querySelector("[data-gb-screen]");
  const t = shown("[data-takeover]")[0];
  return {
    takeover: t ? t.dataset.takeover : null,
    bands: shown("[data-band]").map((e) => e.dataset.band),
    covers: t ? (() => { const r = t.getBoundingClientRect(); return [r.width / innerWidth, r.height / innerHeight]; })() : null,
    title_px: t ? parseFloat(getComputedStyle(t.querySelector(".gb-takeover-title")).fontSize) : null,
    changes: +(root.dataset.changes || 0),
    taken: root.classList.contains("gb-taken"),
  };
}"""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory, serve_dir) -> str:
    site = make_site(
        tmp_path_factory.mktemp("notices"), {"content/notices.yml": NOTICES, "content/screens.yml": SCREENS}
    )
    out, _report = build_site(site)
    return serve_dir(out)


def at(chromium, when: dt.datetime, viewport=PHONE, **options):
    """A new page whose clock is paused at `when` (Shanghai time)."""
    context = chromium.new_context(viewport=viewport, timezone_id="Asia/Shanghai", locale="zh-CN", **options)
    context.clock.install(time=when - dt.timedelta(seconds=1))
    context.clock.pause_at(when)
    return context, context.new_page()


def moment(hour: int, minute: int = 0, day: int = 20) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=SHANGHAI)


def test_the_banner_follows_the_readers_clock(chromium, site_url, artifacts):
    context, page = at(chromium, moment(8, 30))
    page.goto(site_url + "communities/lanyuan/")
    assert page.evaluate(VISIBLE) == ["band", "com-warn", "dist-info"]  # urg starts at 9:00
    page.screenshot(path=str(artifacts / "notice-banner-phone.png"))
    page.clock.run_for(31 * 60 * 1000)  # 9:01: the urgent one has begun
    assert page.evaluate(VISIBLE) == ["urg", "band", "com-warn", "dist-info"]
    page.clock.run_for(9 * 3600 * 1000)  # 18:01: the three of the day have ended
    assert page.evaluate(VISIBLE) == ["dist-info"]
    context.close()
    context, page = at(chromium, moment(9, 0, day=30) + dt.timedelta(hours=9, minutes=1))  # 11-30 18:01
    page.goto(site_url + "communities/lanyuan/")
    assert page.evaluate(VISIBLE) == []
    assert page.locator(".md-banner").is_hidden()  # no empty strip is left
    context.close()


def test_a_dismissed_banner_stays_dismissed(chromium, site_url):
    context, page = at(chromium, moment(10))
    page.goto(site_url + "communities/lanyuan/")
    button = page.locator('[data-notice="dist-info"] [data-notice-close]')
    assert button.is_visible()
    button.click()
    assert page.evaluate(VISIBLE) == ["urg", "band", "com-warn"]
    page.goto(site_url + "grids/ly-01/")
    assert page.evaluate(VISIBLE) == ["urg", "band", "com-warn"]
    page.goto(site_url)  # the home page: its banner strip is gone with its only banner
    assert page.evaluate(VISIBLE) == [] and page.locator(".md-banner").is_hidden()
    assert page.locator(".gb-notice-list li").count() == 4  # the list stays: it is the record
    context.close()


def test_without_javascript_every_banner_shows(chromium, site_url):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "communities/lanyuan/")
    ids = page.locator("[data-notice]").evaluate_all("(es) => es.map((e) => e.dataset.notice)")
    assert ids == ["urg", "band", "com-warn", "dist-info"]
    assert all(page.locator(f'[data-notice="{i}"]').is_visible() for i in ids)
    assert page.locator("[data-notice-close]").first.is_hidden()
    context.close()


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_no_axe_violations_with_the_banner(chromium, site_url, axe_source, artifacts, elder):  # noqa: F811
    # test_a11y's context (axe before the page's scripts, the CSP bypassed for it), in Shanghai time
    context = chromium.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True, timezone_id="Asia/Shanghai"
    )
    context.add_init_script(axe_source)
    if elder:
        context.add_init_script('try { localStorage.setItem("gb-elder", "1"); } catch (e) {}')
    context.clock.install(time=moment(10))
    page = context.new_page()
    page.goto(site_url + "communities/lanyuan/")
    assert page.evaluate(VISIBLE) == ["urg", "band", "com-warn", "dist-info"]
    violations, _moving = check_page(page)
    assert violations == []
    if elder:
        size = page.locator('[data-notice="urg"] .gb-notice-text').evaluate(
            "(e) => getComputedStyle(e).fontSize"
        )
        assert float(size.removesuffix("px")) >= 24
        page.screenshot(path=str(artifacts / "notice-banner-phone-elder.png"))
    context.close()


@pytest.mark.parametrize(("screen_id", "size"), [("lobby", LANDSCAPE), ("tall", PORTRAIT)])
def test_an_urgent_notice_takes_over_the_screen_for_its_period(
    chromium, site_url, artifacts, screen_id, size
):
    context, page = at(chromium, moment(8, 59) + dt.timedelta(seconds=50), viewport=size)
    page.goto(site_url + f"screens/{screen_id}/")
    state = page.evaluate(SCREEN)
    assert state["takeover"] is None and state["bands"] == ["band", "com-warn"]
    page.clock.run_for(15 * 1000)  # 9:00:05
    state = page.evaluate(SCREEN)
    assert state["takeover"] == "urg" and state["taken"]
    assert state["covers"][0] > 0.95 and state["covers"][1] > 0.95  # the whole screen
    assert state["title_px"] >= 2.5 * 32 * min(size.values()) / 1080  # a slide title is 1.6 times
    orientation = "landscape" if size is LANDSCAPE else "portrait"
    page.screenshot(path=str(artifacts / f"notice-takeover-{orientation}.png"), animations="disabled")
    changes = state["changes"]
    page.clock.run_for(30 * 60 * 1000)  # 9:30: the playlist waits under it
    assert page.evaluate(SCREEN)["changes"] == changes
    page.clock.run_for(90 * 60 * 1000)  # 11:00:05: it has ended, the playlist goes on, the bands stay
    state = page.evaluate(SCREEN)
    assert state["takeover"] is None and not state["taken"] and state["changes"] > changes
    assert state["bands"] == ["band", "com-warn"]
    page.screenshot(path=str(artifacts / f"notice-band-{orientation}.png"), animations="disabled")
    page.clock.run_for(61 * 60 * 1000)  # 12:01: the street's band has ended
    assert page.evaluate(SCREEN)["bands"] == ["com-warn"]
    context.close()


def test_the_screen_drops_a_notice_offline_too(chromium, site_url):
    context, page = at(chromium, moment(10), viewport=LANDSCAPE)
    page.goto(site_url + "screens/lobby/")
    assert page.evaluate(SCREEN)["takeover"] == "urg"
    context.set_offline(True)
    page.clock.run_for(61 * 60 * 1000)  # 11:01, with version polls failing
    assert page.evaluate(SCREEN)["takeover"] is None
    context.close()
