"""Phones: the site name in the header and the home page's figure labels wrap in balanced lines.

One new district's site (as `gridboard init` writes it) is built once; the header's site name is
then replaced in the page by names of 4, 8 and 12 characters (the layout does not depend on where
the text came from) and measured character by character at 320, 360 and 390 px wide. Screenshots
of every header are kept in the artifacts folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_site

from builder.cli import main

pytestmark = pytest.mark.browser

WIDTHS = (320, 360, 390)
NAMES = ("赛罕党建", "红色赛罕网格党建", "呼和浩特市赛罕区党建网格")  # 4, 8 and 12 characters
TITLE = ".md-header__topic:first-child > .md-ellipsis"

# The visible lines of an element, as the characters on each: one Range per character, grouped by
# the top of its box; characters clipped away below the element (a clamped third line) are left out.
LINES = """(el) => {
  const box = el.getBoundingClientRect(), lines = [];
  let top = null;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    for (let i = 0; i < n.length; i++) {
      if (!n.data[i].trim()) continue;
      const range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + 1);
      const r = range.getClientRects()[0];
      if (!r || r.width === 0 || r.top >= box.bottom - 1) continue;
      if (top === null || r.top > top + 2) { lines.push(""); top = r.top; }
      lines[lines.length - 1] += n.data[i];
    }
  }
  return lines;
}"""

GEOMETRY = """(el) => {
  const r = el.getBoundingClientRect(), header = document.querySelector(".md-header").getBoundingClientRect();
  const toggle = document.querySelector("[data-gb-elder-toggle]").getBoundingClientRect();
  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, scroll: el.scrollWidth,
          client: el.clientWidth, headerTop: header.top, headerBottom: header.bottom, toggle: toggle.left};
}"""


@pytest.fixture(scope="module")
def served(tmp_path_factory, serve_dir) -> str:
    """A new district's site, built once, served over http."""
    site = tmp_path_factory.mktemp("header") / "saihan"
    assert main(["init", str(site), "--name", "赛罕区"]) == 0  # --name: nothing is asked
    out, _ = build_site(site)
    return serve_dir(out)


@pytest.mark.parametrize("width", WIDTHS)
def test_site_name_in_the_header_wraps_in_balanced_lines(chromium, served, artifacts: Path, width):
    page = chromium.new_page(viewport={"width": width, "height": 640})
    try:
        page.goto(served)
        title = page.locator(TITLE)
        for name in NAMES:
            title.evaluate("(el, name) => { el.textContent = name; }", name)
            page.locator(".md-header").screenshot(path=artifacts / f"header-{width}px-{len(name)}chars.png")
            lines = title.evaluate(LINES)
            where = f"{name} at {width} px: {lines}"
            assert "".join(lines) == name, where  # every character shown: nothing cut off
            assert len(lines) <= 2 and all(len(line) >= 2 for line in lines), where
            assert len(lines) < 2 or abs(len(lines[0]) - len(lines[1])) <= 1, where  # balanced
            g = title.evaluate(GEOMETRY)
            assert g["scroll"] <= g["client"] + 1, where  # no overflow sideways
            assert g["headerTop"] <= g["top"] and g["bottom"] <= g["headerBottom"], where
            assert g["right"] <= g["toggle"], where  # clear of the 长者模式 button
    finally:
        page.close()


def test_a_name_too_long_for_two_lines_ends_in_an_ellipsis(chromium, served):
    page = chromium.new_page(viewport={"width": 320, "height": 640})
    try:
        page.goto(served)
        title = page.locator(TITLE)
        title.evaluate("(el) => { el.textContent = '内蒙古自治区呼和浩特市赛罕区党建网格'; }")
        lines = title.evaluate(LINES)
        assert len(lines) == 2 and all(len(line) >= 2 for line in lines), lines
        g = title.evaluate(GEOMETRY)
        assert g["headerTop"] <= g["top"] and g["bottom"] <= g["headerBottom"]
    finally:
        page.close()


@pytest.mark.parametrize("width", (320, 360))
def test_figure_labels_keep_numbers_with_units_and_no_character_alone(chromium, served, width):
    page = chromium.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(served)
        labels = page.locator(".gb-figures li > span")
        assert labels.count() == 6
        for i in range(labels.count()):
            lines = labels.nth(i).evaluate(LINES)
            assert all(len(line) >= 2 for line in lines), lines
            assert labels.nth(i).evaluate("el => el.scrollWidth <= el.clientWidth + 1"), lines
        pieces = page.locator(".gb-figures .gb-nowrap")
        assert pieces.count() == 5
        for i in range(pieces.count()):  # 2 个街道, 党员占 0%: one line each
            assert len(pieces.nth(i).evaluate(LINES)) == 1
    finally:
        page.close()
