"""Accessibility: axe-core finds nothing on any kind of page, at phone and desktop size, and nothing moves.

axe-core (npm, tools/node_modules) runs in Debian's Chromium over the built example district, with
the WCAG 2.1 A and AA rules and axe's best practices: every themed page kind, the search panel open
on results, the community screens and the print posters. Each size is one browser context that
visits every page in turn; elder mode (长者模式, switched on as a reader's stored choice) is one more
pass at phone size. Once loaded, nothing but a screen may move on its own. At phone size each page
kind is photographed in normal and in elder mode: test-artifacts/a11y-<kind>-<mode>.png.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import ARTIFACTS, ROOT
from test_browser import search
from test_security_browser import PAGES, STANDALONE

pytestmark = pytest.mark.browser

AXE_JS = ROOT / "tools" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
# WCAG 2.1 A and AA, and axe's best practices (heading order, one <h1>, landmarks, regions)
RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
SEARCH_QUERY = "刘秀英"

# Every kind of page: test_security_browser's list, the kinds it leaves out, and the print posters
KINDS = {
    **PAGES,
    "studios": "studios/",
    "stations": "services/stations/",
    "teams": "services/teams/",
    "archive month": "board/archive/2026-11/",
    "tags": "stories/tags/",
    "tag": quote("stories/tags/网格员/"),
    "free page": "about/brand/",
    **STANDALONE,
    "print index": "print/",
    "print board a4": "print/board/hengdacheng/a4/",
    "print board a3": "print/board/hengdacheng/a3/",
    "print grid": "print/grids/yh-01/",
    "print services": "print/services/",
}
SEARCH = "search results"  # the home page with the search panel open on results

# Waits for short animations (a screen's slide fading in) to end: axe measures colours as drawn;
# then lists what still moves on its own
SETTLE = """async () => {
  const short = (a) => { const t = a.effect && a.effect.getComputedTiming(); return t && t.endTime <= 3000; };
  await Promise.all(document.getAnimations().filter(short).map((a) => a.finished.catch(() => null)));
  return document.getAnimations().filter((a) => a.playState === "running").map((a) =>
    `${a.animationName || a.transitionProperty || "script"} on ${a.effect.target && a.effect.target.className}`);
}"""

RUN_AXE = """async (tags) => {
  const found = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return found.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ` +
    v.nodes.slice(0, 4).map((n) => n.target.join(" ")).join(" | ") +
    (v.nodes.length > 4 ? ` … ${v.nodes.length} elements` : ""));
}"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe-core's browser bundle; skipped where tools/ is not installed, a failure in CI."""
    if not AXE_JS.exists():
        message = f"axe-core not installed at {AXE_JS}: run `npm ci --ignore-scripts` in tools/"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE_JS.read_text(encoding="utf-8")


def new_context(chromium, source: str, viewport: dict, *, elder: bool = False):
    """A browser context whose every page gets axe-core before its own scripts run.

    The pages' Content-Security-Policy refuses inline scripts, axe among them: bypassed. An init
    script is parsed once per page load, cheaper than adding a <script> afterwards.
    """
    phone = viewport["width"] < 600
    context = chromium.new_context(viewport=viewport, is_mobile=phone, has_touch=phone, bypass_csp=True)
    context.add_init_script(source)
    if elder:
        context.add_init_script('try { localStorage.setItem("gb-elder", "1"); } catch (e) {}')
    return context


def check_page(page) -> tuple[list[str], list[str]]:
    """Once short animations end: what axe-core finds in the page, and what still moves on its own."""
    moving = page.evaluate(SETTLE)
    return page.evaluate(RUN_AXE, RULE_TAGS), moving


@dataclass
class Audit:
    """What one pass over every page kind found: axe's violations and what moved on its own, by kind."""

    violations: dict[str, list[str]] = field(default_factory=dict)
    moving: dict[str, list[str]] = field(default_factory=dict)


def audit(
    chromium, base: str, source: str, viewport: dict, *, elder: bool = False, shots: Path | None = None
):
    """Visit every page kind in one browser context; full-page screenshots into `shots`."""
    context = new_context(chromium, source, viewport, elder=elder)
    mode = "elder" if elder else "normal"
    page = context.new_page()
    found = Audit()

    def check(kind: str) -> None:
        found.violations[kind], found.moving[kind] = check_page(page)
        if shots:
            page.screenshot(path=str(shots / f"a11y-{kind.replace(' ', '-')}-{mode}.png"), full_page=True)

    for kind, path in KINDS.items():
        page.goto(base + path)
        check(kind)
    page.goto(base)
    search(page, SEARCH_QUERY)
    check(SEARCH)
    context.close()
    return found


def shots_folder() -> Path:
    """test-artifacts/, made if missing."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="module")
def site_url(example_site, serve_dir) -> str:
    site, _ = example_site
    return serve_dir(site)


@pytest.fixture(scope="module")
def phone(chromium, site_url, axe_source) -> Audit:
    """Every page kind at phone size, photographed in normal mode."""
    return audit(chromium, site_url, axe_source, PHONE, shots=shots_folder())


@pytest.fixture(scope="module")
def desktop(chromium, site_url, axe_source) -> Audit:
    """Every page kind at desktop size."""
    return audit(chromium, site_url, axe_source, DESKTOP)


@pytest.fixture(scope="module")
def elder(chromium, site_url, axe_source) -> Audit:
    """Every page kind at phone size in elder mode (the reader's stored choice), photographed."""
    return audit(chromium, site_url, axe_source, PHONE, elder=True, shots=shots_folder())


def assert_none(found: dict[str, list[str]], what: str) -> None:
    """No page kind has any of `what`."""
    wrong = {kind: items for kind, items in found.items() if items}
    listed = "\n".join(f"{kind}:\n  " + "\n  ".join(items) for kind, items in wrong.items())
    assert wrong == {}, f"{what} on {len(wrong)} of {len(found)} page kinds:\n{listed}"


def test_the_checks_report_a_bad_page(chromium, serve_dir, axe_source, tmp_path):
    """An image without alt, an empty link and a spinning badge: axe and the motion check see them."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="zh-CN"><head><title>坏页面</title>'
        "<style>@keyframes spin { to { transform: rotate(1turn); } } .spin { animation: spin 2s infinite; }</style>"
        '</head><body><main><h1>坏页面</h1><img src="x.png"><a href="a/"></a><p class="spin">新</p></main></body></html>',
        encoding="utf-8",
    )
    context = new_context(chromium, axe_source, PHONE)
    page = context.new_page()
    page.goto(serve_dir(tmp_path))
    violations, moving = check_page(page)
    context.close()
    assert sorted(v.split(" ")[0] for v in violations) == ["image-alt", "link-name"], violations
    assert moving == ["spin on spin"]


def test_no_axe_violations_at_phone_size(phone):
    assert_none(phone.violations, "axe-core violations")


def test_no_axe_violations_at_desktop_size(desktop):
    assert_none(desktop.violations, "axe-core violations")


def test_no_axe_violations_in_elder_mode(elder):
    assert_none(elder.violations, "axe-core violations")


def test_nothing_moves_on_its_own_but_the_screens(phone, desktop):
    """Once loaded, a page of the public site or a poster is still; only the community screens move."""
    screens = {kind for kind, path in KINDS.items() if path.startswith("screens/")}
    for audit_ in (phone, desktop):
        assert_none({k: v for k, v in audit_.moving.items() if k not in screens}, "running animations")
