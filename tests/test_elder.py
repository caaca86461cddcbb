"""Elder mode (长者模式) and reading at any size, measured in Chromium on the built example.

Elder mode: one tap from every page, remembered, body text ≥ 24 px, headings ≥ 30 px, line height
≥ 1.5, tap targets ≥ 60×60 px, one column, text contrast ≥ 7:1, nothing moving; switched on by
itself when the browser's default text size is large. Normal mode: usable at 200 % zoom."""

from __future__ import annotations

import pytest
from test_security_browser import PAGES

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
ZOOM_200 = {"width": 683, "height": 384}  # 1366×768 at 200 %: the CSS viewport halves
KINDS = {k: v for k, v in PAGES.items() if k != "404"}

# Measures every visible text, heading, tap target and colour of the page's content and header
MEASURE = """() => {
  const visible = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none"; };
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = (el) => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length < 4 || c[3] > 0.5) { if (c.length >= 3 && !(c.length === 4 && c[3] === 0)) return c; } }
    return [255, 255, 255]; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const texts = [], small = [], faint = [], tight = [];
  const scope = document.querySelector(".md-content") || document.body;
  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !visible(el) || el.closest(".gb-visually-hidden, svg")) continue;
    const s = getComputedStyle(el), size = parseFloat(s.fontSize);
    texts.push(el);
    if (size < 24) small.push(`${el.tagName}.${el.className} ${size}px "${node.textContent.trim().slice(0, 20)}"`);
    const lh = parseFloat(s.lineHeight);
    if (lh && lh / size < 1.499 && !/^H[1-6]$/.test(el.tagName)) tight.push(`${el.tagName} ${lh / size}`);
    const c = ratio(rgb(s.color), background(el));
    if (c < 7) faint.push(`${el.tagName}.${el.className} ${c.toFixed(2)} "${node.textContent.trim().slice(0, 20)}"`);
  }
  const headings = [...scope.querySelectorAll("h1, h2, h3, h4")].filter(visible)
    .filter((h) => parseFloat(getComputedStyle(h).fontSize) < 30).map((h) => h.textContent.trim().slice(0, 20));
  const targets = [...document.querySelectorAll(
      ".md-header__button.md-icon, [data-gb-elder-toggle], .md-tabs__link, .md-typeset li > a:only-child, "
      + ".gb-tiles a, .gb-phone a, .gb-crumbs a, .md-footer__link")]
    .filter(visible).map((a) => a.getBoundingClientRect())
    .filter((r) => r.width < 59.5 || r.height < 59.5).map((r) => `${Math.round(r.width)}×${Math.round(r.height)}`);
  return { small, faint, tight, headings, targets, animations: document.getAnimations().length,
           wide: document.documentElement.scrollWidth > window.innerWidth, texts: texts.length,
           sidebar: [...document.querySelectorAll(".md-sidebar")].some(visible) };
}"""


@pytest.fixture(scope="module")
def site_url(example_site, serve_dir):
    site, _ = example_site
    return serve_dir(site)


def test_one_tap_switches_elder_mode_and_the_device_remembers(site_url, chromium):
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url)
    button = page.locator("[data-gb-elder-toggle]")
    assert button.get_attribute("aria-pressed") == "false" and button.inner_text() == "长者模式"
    body = page.evaluate("getComputedStyle(document.querySelector('.md-typeset p')).fontSize")
    button.click()
    assert page.evaluate("document.documentElement.classList.contains('gb-elder')")
    assert button.get_attribute("aria-pressed") == "true" and button.inner_text() == "标准模式"
    assert (
        float(page.evaluate("getComputedStyle(document.querySelector('.md-typeset p')).fontSize")[:-2])
        >= 24
        > float(body[:-2])
    )
    page.goto(site_url + "grids/hdc-01/")  # another page, later: still on
    assert page.evaluate("document.documentElement.classList.contains('gb-elder')")
    page.locator("[data-gb-elder-toggle]").click()
    page.reload()
    assert not page.evaluate("document.documentElement.classList.contains('gb-elder')")
    context.close()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_page_kind_in_elder_mode(site_url, chromium, size, artifacts):
    context = chromium.new_context(viewport=size)
    context.add_init_script("localStorage.setItem('gb-elder', '1')")
    page = context.new_page()
    wrong = {}
    for kind, path in KINDS.items():
        page.goto(site_url + path)
        m = page.evaluate(MEASURE)
        assert m["texts"] > 3, kind
        bad = {k: m[k][:5] for k in ("small", "faint", "tight", "headings", "targets") if m[k]}
        if m["animations"] or m["wide"] or (size is DESKTOP and m["sidebar"]):
            bad["layout"] = {k: m[k] for k in ("animations", "wide", "sidebar")}
        if bad:
            wrong[kind] = bad
        if size is PHONE and kind in ("home", "grid", "story with an image", "board"):
            page.screenshot(path=str(artifacts / f"elder-{kind.replace(' ', '-')}.png"))
    context.close()
    assert wrong == {}, wrong


def test_elder_mode_comes_on_when_the_browser_asks_for_large_text(site_url, chromium):
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 24}})  # the reader's browser setting
    page.goto(site_url)
    assert page.evaluate("document.documentElement.classList.contains('gb-elder')")
    page.evaluate("localStorage.setItem('gb-elder', '0')")  # the reader's own choice wins
    page.reload()
    assert not page.evaluate("document.documentElement.classList.contains('gb-elder')")
    context.close()


def test_reduced_motion_is_honoured_in_normal_mode(site_url, chromium):
    context = chromium.new_context(viewport=PHONE, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_url)
    durations = page.evaluate(
        "[...document.querySelectorAll('a, button, label, .md-sidebar')].map((e) => getComputedStyle(e).transitionDuration)"
    )
    assert set(durations) == {"0s"}
    context.close()


def test_normal_mode_at_200_percent_zoom_needs_no_sideways_scrolling_and_nothing_moves(site_url, chromium):
    context = chromium.new_context(viewport=ZOOM_200)
    page = context.new_page()
    wide, moving = [], {}
    for kind, path in KINDS.items():
        page.goto(site_url + path)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"):
            wide.append(kind)
        page.wait_for_timeout(300)  # nothing starts moving by itself: no carousel, marquee, video
        found = page.evaluate(
            """() => [...document.getAnimations().map((a) => a.animationName || 'animation'),
                ...[...document.querySelectorAll('video, audio, marquee, iframe, dialog[open]')].map((e) => e.tagName)]"""
        )
        if found:
            moving[kind] = found
    context.close()
    assert wide == [] and moving == {}
