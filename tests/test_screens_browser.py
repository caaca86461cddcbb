"""Community screens (大屏) in headless Chromium, on the screen's own (mocked) clock.

A screen runs for months with nobody near it, so these tests drive templates/assets/screen.js
with Playwright's clock: slides advance, the clock shows the time, postings leave on their
`until` day, the playing hours are kept, a newer build is picked up once, a dead network or a
missing photo changes nothing, and the page does not grow. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
import zxingcpp
from conftest import ROOT, build_site, make_site, soup
from PIL import Image

pytestmark = pytest.mark.browser

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
FRIDAY_10 = dt.datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI)  # the build day, inside hdc-lobby's hours
LANDSCAPE = {"width": 1920, "height": 1080}
PORTRAIT = {"width": 1080, "height": 1920}

# What the screen shows now, read from the page
STATE = """() => {
  const root = document.querySelector("[data-gb-screen][data-live]");
  const slide = root.querySelector(".gb-slide:not([hidden])");
  const text = (sel) => ((slide && slide.querySelector(sel)) || {}).textContent || "";
  const bar = root.querySelector(".gb-progress span");
  const anims = bar.getAnimations();
  return {
    n: slide ? slide.dataset.n || null : null,
    brand: !!slide && slide.hasAttribute("data-brand"),
    seconds: +((slide && slide.dataset.seconds) || root.dataset.seconds),
    title: text("h2, h1").trim(),
    count: root.querySelector(".gb-count").textContent,
    changes: +(root.dataset.changes || 0),
    quiet: root.classList.contains("gb-quiet"),
    time: [...document.querySelectorAll("[data-clock=time]")].map((e) => e.textContent),
    date: [...document.querySelectorAll("[data-clock=date]")].map((e) => e.textContent),
    progress: anims.map((a) => [a.effect.getTiming().duration, a.playState]),
  };
}"""

# How the visible slide fits the window: type sizes, scrolling, anything outside the screen or
# cut at the bottom of a long slide's page, and which lines of its text this page shows
FIT = """() => {
  const px = (e) => parseFloat(getComputedStyle(e).fontSize);
  const inside = (r, o, tol = 0.5) =>
    r.left >= o.left - tol && r.right <= o.right + tol && r.top >= o.top - tol && r.bottom <= o.bottom + tol;
  const root = document.querySelector("[data-gb-screen][data-live]");
  const slide = root.querySelector(".gb-slide:not([hidden])");
  const view = {left: 0, top: 0, right: innerWidth, bottom: innerHeight};
  const sizes = [];
  for (const e of root.querySelectorAll("*")) {
    const own = [...e.childNodes].some((c) => c.nodeType === 3 && c.nodeValue.trim());
    if (own && e.getClientRects().length && getComputedStyle(e).visibility === "visible") sizes.push(px(e));
  }
  const outside = [];
  const frame = root.querySelector(".gb-frame").getBoundingClientRect();
  if (!inside(frame, view)) outside.push("frame");
  const srect = slide.getBoundingClientRect();
  for (const e of slide.querySelectorAll("*")) {
    if (e.closest(".gb-slide-body") || !e.getClientRects().length) continue;
    if (!inside(e.getBoundingClientRect(), srect)) outside.push(e.className || e.tagName);
  }
  const box = slide.querySelector(".gb-slide-box");
  const body = slide.querySelector(".gb-slide-body");
  const cut = [], shown = [], visible = [];
  let lines = 0, overflow = false;
  if (box && body) {
    const b = box.getBoundingClientRect();
    overflow = body.scrollHeight > box.clientHeight + 1;
    const range = document.createRange();
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    let i = 0;
    for (let t = walker.nextNode(); t; t = walker.nextNode(), i++) {
      if (!t.nodeValue.trim()) continue;
      range.selectNodeContents(t);
      [...range.getClientRects()].forEach((r, j) => {
        if (!r.height) return;
        lines++;
        if (r.bottom <= b.top + 0.5 || r.top >= b.bottom - 0.5) return;  // on another page
        visible.push([t.nodeValue.trim().slice(0, 12), r]);
        if (inside(r, b)) shown.push(`${i}:${j}`);
        else cut.push(t.nodeValue.trim().slice(0, 12));
      });
    }
  }
  // the "接下页" mark of a long slide covers neither its text nor its QR code
  const more = slide.querySelector(".gb-more:not([hidden])");
  const covered = [];
  if (more) {
    const m = more.getBoundingClientRect();
    const meets = (r) => r.left < m.right && r.right > m.left && r.top < m.bottom && r.bottom > m.top;
    const qr = slide.querySelector(".gb-qr");
    if (qr && meets(qr.getBoundingClientRect())) covered.push("QR code");
    for (const [text, r] of visible) if (meets(r)) covered.push(text);
  }
  const doc = document.documentElement;
  return {
    n: slide.dataset.n || null,
    count: root.querySelector(".gb-count").textContent,
    body_px: slide.querySelector(".gb-slide-body p, .gb-slide-body li") ?
      px(slide.querySelector(".gb-slide-body p, .gb-slide-body li")) : null,
    min_px: Math.min(...sizes),
    scroll: [doc.scrollWidth, doc.scrollHeight, document.body.scrollWidth, document.body.scrollHeight],
    window: [innerWidth, innerHeight],
    outside, cut, shown, lines, overflow, covered,
  };
}"""

# Every node of the document, text nodes included
NODES = """() => {
  const w = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
  let n = 0;
  while (w.nextNode()) n++;
  return n;
}"""


@dataclass
class Screen:
    """One open screen page and what happened to it."""

    page: object
    requests: list[str] = field(default_factory=list)
    aborted: list[str] = field(default_factory=list)
    answers: list[tuple[str, int]] = field(default_factory=list)  # (url, status) of each response
    errors: list[str] = field(default_factory=list)
    loads: int = 0

    def state(self) -> dict:
        """What the screen shows now."""
        return self.page.evaluate(STATE)

    def step(self) -> dict:
        """Let the visible slide's time pass on the mocked clock; the state after."""
        self.page.clock.run_for(self.state()["seconds"] * 1000)
        return self.state()

    def show(self, n: str, limit: int = 60) -> dict:
        """Step until the slide numbered `n` is visible."""
        for _ in range(limit):
            state = self.state()
            if state["n"] == n:
                return state
            self.step()
        raise AssertionError(f"slide {n} never showed; last state {self.state()}")

    def versions_asked(self) -> list[int]:
        """The status of each answer to a version.json request, in order."""
        return [status for url, status in self.answers if "/version.json" in url]

    def wait_for(self, condition, what: str, timeout_ms: int = 10000) -> None:
        """Wait in real time (network answers are real) until condition() holds."""
        for _ in range(timeout_ms // 50):
            if condition():
                return
            self.page.wait_for_timeout(50)
        raise AssertionError(f"waited {timeout_ms} ms for {what}; requests {self.requests[-5:]}")


@pytest.fixture
def open_screen(chromium):
    """Open a screen page at `url` with a mocked clock; only `allow`ed URLs may load."""
    contexts = []

    def start(url: str, *, size=LANDSCAPE, when=FRIDAY_10, allow=lambda url: True) -> Screen:
        context = chromium.new_context(viewport=size, timezone_id="Asia/Shanghai", locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        screen = Screen(page)

        def route(r):
            if allow(r.request.url):
                r.continue_()
            else:
                screen.aborted.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page.on("request", lambda r: screen.requests.append(r.url))
        page.on("response", lambda r: screen.answers.append((r.url, r.status)))
        page.on("pageerror", lambda e: screen.errors.append(str(e)))

        def loaded(_):
            screen.loads += 1

        page.on("load", loaded)
        # paused: timers fire only when a test moves the clock, however slow the machine
        context.clock.install(time=when - dt.timedelta(seconds=1))
        context.clock.pause_at(when)
        page.goto(url)
        return screen

    yield start
    for c in contexts:
        c.close()


@pytest.fixture(scope="module")
def served(example_site, serve_dir):
    """The example district served over http: (site folder, base URL)."""
    site, _ = example_site
    return site, serve_dir(site)


def local(base: str):
    """A URL filter that lets only the site at `base` load (data: URLs never leave the browser)."""
    return lambda url: url.startswith((base, "data:"))


def public_url() -> str:
    """site.url of the example district."""
    config = yaml.safe_load((ROOT / "site_config.yml").read_text(encoding="utf-8"))
    return config["site"]["url"]


def slide_numbers(site: Path, screen_id: str) -> list[str]:
    """data-n of every slide written into a screen's page."""
    doc = soup(site / "screens" / screen_id / "index.html")
    return [s["data-n"] for s in doc.select(".gb-slide[data-n]")]


# --- what a screen looks like ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("screen_id", "size", "shot"),
    [
        ("hdc-lobby", LANDSCAPE, "screen-landscape.png"),
        ("wsr-street-hall", PORTRAIT, "screen-portrait.png"),
        ("hdc-lobby", {"width": 3840, "height": 2160}, "screen-landscape-3840x2160.png"),
        ("hdc-lobby", {"width": 1366, "height": 768}, "screen-landscape-1366x768.png"),
    ],
)
def test_every_slide_fits_in_large_type(served, open_screen, artifacts, screen_id, size, shot):
    """A full loop: type ≥ 32 px on a 1080-pixel side (scaled on other TVs), nothing to scroll,
    nothing outside the screen, no line cut in half by a long slide's pages, no line lost."""
    site, base = served
    screen = open_screen(f"{base}screens/{screen_id}/", size=size, allow=local(base))
    screen.page.screenshot(path=str(artifacts / shot), animations="disabled")
    px = 32 * min(size["width"], size["height"]) / 1080
    numbers = slide_numbers(site, screen_id)
    seen: dict[str, set[str]] = {}
    lines: dict[str, int] = {}
    problems = []
    for _ in range(3 * len(numbers)):
        fit = screen.page.evaluate(FIT)
        n = fit["n"]
        if n == numbers[0] and seen.get(n) and ("（" not in fit["count"] or "（1/" in fit["count"]):
            break  # round to the first slide again
        seen.setdefault(n, set()).update(fit["shown"])
        lines[n] = fit["lines"]
        where = f"slide {n} {fit['count']}"
        if fit["body_px"] is not None and abs(fit["body_px"] - px) > 0.1:
            problems.append(f"{where}: body text {fit['body_px']} px, not {px:.1f}")
        if fit["min_px"] < px - 0.1:
            problems.append(f"{where}: text of {fit['min_px']} px")
        if max(fit["scroll"][0::2]) > size["width"] or max(fit["scroll"][1::2]) > size["height"]:
            problems.append(f"{where}: scrolls {fit['scroll']}")
        if fit["outside"] or fit["cut"] or fit["covered"]:
            problems.append(
                f"{where}: outside {fit['outside']}, cut {fit['cut']}, under 接下页 {fit['covered']}"
            )
        if fit["overflow"] and "（" not in fit["count"]:
            problems.append(f"{where}: text runs past the slide and is not paged")
        screen.step()
    else:
        pytest.fail(f"never came round to the first slide; saw {sorted(seen)}")
    assert problems == []
    assert sorted(seen, key=int) == numbers  # every slide showed once in the loop
    lost = {n: lines[n] - len(shown) for n, shown in seen.items() if len(shown) != lines[n]}
    assert lost == {}, f"lines never shown on any page: {lost}"
    assert screen.errors == []


def test_slides_advance_with_progress_and_the_clock(served, open_screen):
    site, base = served
    screen = open_screen(f"{base}screens/hdc-lobby/", allow=local(base))
    total = len(slide_numbers(site, "hdc-lobby"))
    first = screen.state()
    assert first["time"] == ["10:00", "10:00"]
    assert first["date"] == ["2026年11月20日 星期五"] * 2
    assert (first["n"], first["count"], first["changes"]) == ("1", f"1 / {total}", 1)
    assert first["progress"] == [[15000, "running"]]  # the bar fills over the slide's 15 seconds
    screen.page.clock.run_for(14000)
    assert screen.state()["n"] == "1"
    screen.page.clock.run_for(1000)
    second = screen.state()
    assert (second["n"], second["count"], second["changes"]) == ("2", f"2 / {total}", 2)
    assert second["title"] != first["title"]
    assert second["progress"] == [[15000, "running"]]  # a new run of the bar, the old one gone
    shift = "() => document.querySelector('.gb-frame').style.transform"
    assert screen.page.evaluate(shift) == ""
    screen.page.clock.run_for(45000 + 100)  # the clock ticks a few ms after each second
    later = screen.state()
    assert (later["n"], later["time"]) == ("5", ["10:01", "10:01"])
    assert screen.page.evaluate(shift).startswith("translate(")  # a minute on: moved against burn-in
    assert screen.errors == []


# --- never blank, never broken -----------------------------------------------------------------


def test_slides_run_from_file_with_the_network_unplugged(example_site, open_screen):
    site, _ = example_site
    screen = open_screen(
        (site / "screens" / "hdc-lobby" / "index.html").as_uri(), allow=lambda url: url.startswith("file:")
    )
    assert screen.state()["n"] == "1" and screen.state()["title"]
    for expected in ("2", "3", "4"):
        assert screen.step()["n"] == expected
    screen.page.clock.run_for(10 * 60 * 1000)  # past several polls: none is made from file://
    assert screen.state()["title"]
    assert screen.aborted == [] and all(url.startswith("file:") for url in screen.requests)
    assert screen.errors == []


def test_slides_run_over_http_when_nothing_else_answers(served, open_screen):
    site, base = served
    allow = local(base)
    screen = open_screen(
        f"{base}screens/hdc-lobby/", allow=lambda url: allow(url) and "version.json" not in url
    )
    poll = int(screen.page.get_attribute("[data-gb-screen]", "data-poll")) * 1000
    screen.wait_for(lambda: len(screen.aborted) == 1, "the first version.json")
    before = screen.state()
    screen.page.clock.run_for(poll + 1000)
    screen.wait_for(lambda: len(screen.aborted) == 2, "the poll")  # it failed …
    after = [screen.step() for _ in range(3)]
    assert all(s["title"] and not s["brand"] for s in after)  # … and the slides go on
    assert after[-1]["changes"] > before["changes"] + 3
    assert all("version.json" in url for url in screen.aborted)
    assert screen.loads == 1 and screen.errors == []


def test_missing_photo_keeps_the_text(example_site, open_screen, artifacts, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(example_site[0], site)
    page = site / "screens" / "hdc-lobby" / "index.html"
    slide = next(s for s in soup(page).select(".gb-slide-team") if s.select_one("img[src*='media/people/']"))
    img = slide.select_one("img[src*='media/people/']")
    person = img.find_parent("li")
    name, role = person.select_one(".gb-name").get_text(), person.select_one(".gb-role").get_text()
    (page.parent / img["src"]).resolve().unlink()

    screen = open_screen(page.as_uri(), allow=lambda url: url.startswith("file:"))
    screen.show(slide["data-n"])
    shown = screen.page.locator(f".gb-slide[data-n='{slide['data-n']}']")
    card = shown.locator(".gb-person").filter(has_text=name).first
    assert card.locator("img").evaluate("(i) => [i.className, getComputedStyle(i).visibility]") == [
        "gb-missing",
        "hidden",
    ]
    assert card.locator(".gb-name").is_visible() and card.locator(".gb-name").inner_text() == name
    assert card.locator(".gb-role").inner_text() == role
    # the placeholder figure behind it; photos that are there are not marked
    assert "person.svg" in card.locator(".gb-photo").evaluate("(e) => getComputedStyle(e).backgroundImage")
    wrongly = shown.locator("img.gb-missing").evaluate_all(
        "(imgs) => imgs.filter((i) => i.naturalWidth > 0).map((i) => i.src)"
    )
    assert wrongly == []
    screen.page.screenshot(path=str(artifacts / "screen-missing-photo.png"), animations="disabled")
    assert screen.errors == []


def test_empty_playlist_shows_the_brand_slide(open_screen, artifacts, tmp_path):
    screens = "- id: empty-hall\n  place: 兰苑社区党群服务中心大厅\n  scope: lanyuan\n  playlist: []\n"
    out, _ = build_site(make_site(tmp_path, {"content/screens.yml": screens}))
    screen = open_screen(
        (out / "screens" / "empty-hall" / "index.html").as_uri(), allow=lambda url: url.startswith("file:")
    )
    state = screen.state()
    assert state["brand"] and not state["quiet"]
    assert state["title"] == "测试街区"
    assert state["time"] == ["10:00", "10:00"] and state["count"] == ""
    brand = screen.page.locator(".gb-brand")
    box = brand.bounding_box()
    assert box["width"] > 1800 and box["height"] > 800
    shot = screen.page.screenshot(path=str(artifacts / "screen-empty.png"), animations="disabled")
    assert len(Image.open(io.BytesIO(shot)).convert("RGB").getcolors(1 << 20)) > 10  # not one flat colour
    screen.page.clock.run_for(2 * 60 * 1000 + 100)
    later = screen.state()
    assert later["brand"] and later["time"] == ["10:02", "10:02"]
    assert screen.errors == []


# --- the screen's own clock --------------------------------------------------------------------


def test_a_posting_leaves_the_screen_when_its_period_ends(served, open_screen):
    """p-2026-hdc-fazhan is posted until 2026-11-24: shown that Tuesday, gone on Wednesday."""
    site, base = served
    doc = soup(site / "screens" / "hdc-lobby" / "index.html")
    posting = doc.select_one(".gb-slide-board:has([aria-label$='/board/p-2026-hdc-fazhan/'])")
    assert posting is not None and posting["data-stop"] == "2026-11-25T00:00:00"
    n, total = posting["data-n"], len(slide_numbers(site, "hdc-lobby"))

    tuesday = dt.datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI)
    screen = open_screen(f"{base}screens/hdc-lobby/", when=tuesday, allow=local(base))
    assert screen.show(n)["count"] == f"{n} / {total}"
    screen.page.clock.fast_forward(24 * 60 * 60 * 1000)  # Wednesday 10:00, the site not rebuilt
    seen = {screen.step()["n"] for _ in range(total + 2)}
    assert n not in seen
    assert seen == set(slide_numbers(site, "hdc-lobby")) - {n}
    assert screen.state()["count"].endswith(f" / {total - 1}")
    assert screen.errors == []


def test_outside_the_playing_hours_the_quiet_brand_slide(served, open_screen):
    """hdc-lobby plays 08:30–18:00 on weekdays and 09:00–12:00 at weekends."""
    site, base = served
    evening = dt.datetime(2026, 11, 20, 17, 59, 50, tzinfo=SHANGHAI)
    screen = open_screen(f"{base}screens/hdc-lobby/", when=evening, allow=local(base))
    assert not screen.state()["quiet"] and screen.state()["n"] == "1"
    quiet = screen.step()
    assert quiet["quiet"] and quiet["brand"] and quiet["time"] == ["18:00", "18:00"]
    assert screen.page.locator(".gb-brand").is_visible()
    assert not screen.page.locator(".gb-bar").is_visible()
    screen.page.clock.fast_forward("15:00:00")  # Saturday 09:00:05
    screen.page.clock.run_for(30000)
    saturday = screen.state()
    assert not saturday["quiet"] and not saturday["brand"] and saturday["n"]
    assert saturday["date"] == ["2026年11月21日 星期六"] * 2
    screen.page.clock.fast_forward("03:00:00")  # Saturday 12:00: quiet again
    screen.page.clock.run_for(30000)
    assert screen.state()["quiet"] and screen.state()["brand"]
    assert screen.errors == []


# --- newer builds ------------------------------------------------------------------------------


def publish_new_build(site: Path, screen_id: str, key: str, **stamp_changes) -> None:
    """Stand in for a newer build in the served copy: the screen's page carries a new build key,
    and version.json lists it (as outputs/publish.py writes it)."""
    page = site / "screens" / screen_id / "index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r'data-build="[0-9a-f]+"', f'data-build="{key}"', text, count=1), "utf-8")
    version = site / "version.json"
    stamp = json.loads(version.read_text(encoding="utf-8"))
    stamp["screens"][screen_id] = key
    version.write_text(json.dumps({**stamp, **stamp_changes}), encoding="utf-8")


@pytest.fixture
def copy_served(example_site, serve_dir, tmp_path):
    """A served copy of the example site that a test may change."""
    site = tmp_path / "site"
    shutil.copytree(example_site[0], site)
    return site, serve_dir(site)


def test_a_new_build_reloads_the_screen_once(copy_served, open_screen):
    site, base = copy_served
    version = site / "version.json"
    screen = open_screen(f"{base}screens/hdc-lobby/", allow=local(base))
    poll = int(screen.page.get_attribute("[data-gb-screen]", "data-poll")) * 1000
    screen.wait_for(lambda: len(screen.versions_asked()) == 1, "the first version.json")

    def poll_once() -> None:
        """Let one poll interval pass and wait for its question to be answered."""
        before = len(screen.versions_asked())
        screen.page.clock.run_for(poll + 1000)
        screen.wait_for(lambda: len(screen.versions_asked()) > before, "a poll")
        screen.page.wait_for_timeout(200)  # room for a reload to start, if one were coming

    for _ in range(2):  # the same build: nothing happens
        poll_once()
    stamp = json.loads(version.read_text(encoding="utf-8"))
    version.write_text(json.dumps({**stamp, "version": "0123456789abcdef"}), encoding="utf-8")
    poll_once()  # a new build that changed other pages but not this screen's: no reload either
    assert screen.loads == 1

    publish_new_build(site, "hdc-lobby", "fedcba9876543210")
    screen.page.clock.run_for(poll + 1000)
    screen.wait_for(lambda: screen.loads == 2, "the reload")
    screen.wait_for(lambda: len(screen.versions_asked()) == 6, "the reloaded page's first version.json")
    assert screen.page.get_attribute("[data-gb-screen]", "data-build") == "fedcba9876543210"
    for _ in range(3):  # the new build is the one shown now: no second reload
        poll_once()
    assert screen.loads == 2

    n = screen.state()["n"]
    version.unlink()  # a half-copied site …
    poll_once()
    version.write_text("<html>502 Bad Gateway</html>", encoding="utf-8")  # … or a proxy's error page
    poll_once()
    assert screen.versions_asked()[-2:] == [404, 200] and screen.loads == 2
    assert screen.step()["n"] != n  # the slides go on
    assert screen.errors == []


def test_a_screen_that_started_offline_finds_the_newer_build(copy_served, open_screen):
    """The TV loaded its page, the network went down, a new build went up: the first answer it
    gets from version.json is enough to know its page is old, and it reloads once."""
    site, base = copy_served
    online = {"yes": False}
    allow = local(base)
    screen = open_screen(
        f"{base}screens/hdc-lobby/",
        allow=lambda url: allow(url) and (online["yes"] or "version.json" not in url),
    )
    old = screen.page.get_attribute("[data-gb-screen]", "data-build")
    publish_new_build(site, "hdc-lobby", "00000000000000aa")
    poll = int(screen.page.get_attribute("[data-gb-screen]", "data-poll")) * 1000
    screen.page.clock.run_for(poll + 1000)  # asks while offline: keeps showing its slides
    screen.page.wait_for_timeout(300)
    assert screen.loads == 1 and old != "00000000000000aa"
    online["yes"] = True
    screen.page.clock.run_for(poll + 1000)
    screen.wait_for(lambda: screen.loads == 2, "the reload")
    assert screen.page.get_attribute("[data-gb-screen]", "data-build") == "00000000000000aa"
    # version.json lists a key the served page does not carry (a stale cache, a half-copied
    # site): never a reload into it
    text = (site / "version.json").read_text(encoding="utf-8")
    (site / "version.json").write_text(text.replace("00000000000000aa", "00000000000000bb"), "utf-8")
    for _ in range(2):
        screen.page.clock.run_for(poll + 1000)
        screen.page.wait_for_timeout(300)
    assert screen.loads == 2 and screen.errors == []


# --- QR codes ----------------------------------------------------------------------------------


def test_qr_codes_open_the_slides_page(served, open_screen):
    site, base = served
    url = public_url()
    postings = yaml.safe_load((ROOT / "content" / "board" / "party.yml").read_text(encoding="utf-8"))
    fazhan = next(p for p in postings if p["id"] == "p-2026-hdc-fazhan")
    grids = [
        g for f in (ROOT / "content" / "grids").glob("*.yml") for g in yaml.safe_load(f.read_text("utf-8"))
    ]
    hdc01 = next(g for g in grids if g["id"] == "hdc-01")
    expected = {fazhan["title"]: "board/p-2026-hdc-fazhan/", hdc01["name"]: "grids/hdc-01/"}

    screen = open_screen(f"{base}screens/hdc-lobby/", allow=local(base))
    decoded = {}
    for _ in range(len(slide_numbers(site, "hdc-lobby"))):
        title = screen.state()["title"]
        if title in expected:
            code = screen.page.locator(".gb-slide:not([hidden]) .gb-qr-code")
            png = code.screenshot(animations="disabled")
            decoded[title] = [b.text for b in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]
            if len(decoded) == len(expected):
                break
        screen.step()
    assert decoded == {title: [url + path] for title, path in expected.items()}
    for path in expected.values():
        assert (site / path / "index.html").is_file()


# --- running for months ------------------------------------------------------------------------


def test_three_hundred_slide_changes_leave_the_page_as_it_was(served, open_screen):
    site, base = served
    screen = open_screen(f"{base}screens/hdc-lobby/", allow=local(base))
    nodes = screen.page.evaluate(NODES)
    start = screen.state()["changes"]
    while screen.state()["changes"] < start + 300:
        screen.page.clock.run_for(10 * 60 * 1000)  # every timer fires: slides, clock ticks, polls
    assert screen.page.evaluate(NODES) == nodes
    assert screen.page.evaluate("document.getAnimations().length") <= 3  # bar, fade-in, burn-in shift
    assert not screen.state()["quiet"] and screen.errors == []
