"""A generated 1,000-grid district: the generator, page weight, and search in a real browser."""

from __future__ import annotations

import filecmp
import json

import pytest
import yaml
from conftest import TODAY, build_site, search_records, soup
from test_browser import PHONE, search

from builder.demo import generate

GRIDS = 1000


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo") / "district"
    generate(root, GRIDS, seed=7, today=TODAY)
    out, report = build_site(root)
    return root, out, report


def test_generator_is_deterministic(tmp_path):
    generate(tmp_path / "a", 40, seed=3, today=TODAY)
    generate(tmp_path / "b", 40, seed=3, today=TODAY)
    generate(tmp_path / "c", 40, seed=4, today=TODAY)
    same = filecmp.dircmp(tmp_path / "a", tmp_path / "b")
    assert not same.diff_files and not same.left_only and not same.right_only
    a, c = (tmp_path / x / "content/grids" for x in "ac")
    assert any((a / f.name).read_bytes() != f.read_bytes() for f in c.glob("*.yml"))


def _grids(root):
    return [
        g
        for f in sorted((root / "content/grids").glob("*.yml"))
        for g in yaml.safe_load(f.read_text("utf-8"))
    ]


def test_generated_district_builds_whole(demo_site):
    root, out, report = demo_site
    grids = _grids(root)
    assert len(grids) == GRIDS
    assert len(list((root / "content/stories").rglob("*.md"))) == GRIDS // 3
    for g in grids[:: GRIDS // 20]:
        page = out / "grids" / g["id"] / "index.html"
        assert soup(page).h1.get_text(strip=True) == g["name"]
    # a grid page stays small: no navigation tree of the whole district in every page
    sizes = [p.stat().st_size for p in (out / "grids").glob("*/index.html")]
    assert len(sizes) == GRIDS and max(sizes) <= 60_000, max(sizes)
    indexed = {r["url"] for r in search_records(out)}
    assert report.search_pages == len(indexed) >= report.pages - 2  # all but 404.html and the site map


def test_generated_district_has_events(demo_site):
    """Every street's events file builds into what's on: recurring, multi-day, and a cancelled event
    still listed, struck through, with its reason."""
    root, out, _ = demo_site
    streets = yaml.safe_load((root / "content/org.yml").read_text("utf-8"))["streets"]
    files = sorted((root / "content/events").glob("*.yml"))
    assert [f.stem for f in files] == sorted(s["id"] for s in streets)
    events = [e for f in files for e in yaml.safe_load(f.read_text("utf-8"))]
    assert {e["kind"] for e in events} >= {"fair", "meeting", "tea", "clinic", "volunteer"}
    assert sum("repeat" in e for e in events) > len(streets) and any("except" in e for e in events)
    page = soup(out / "events" / "index.html")
    rows = page.select("li.gb-event")
    assert len(rows) > 100
    cancelled = [e for e in events if e.get("status") == "cancelled"]
    assert len(cancelled) == len(streets)
    off = [r for r in rows if "已取消" in r.get_text()]
    assert off, "no cancelled event listed"
    assert {r.s.get_text(strip=True) for r in off} <= {e["title"] for e in cancelled}
    assert any(e["reason"] in off[0].get_text() for e in cancelled)
    assert any(r.find(string=lambda t: "志愿服务周" in t) for r in rows)  # the multi-day week
    ics = (out / "calendar" / "events.ics").read_text("utf-8")
    assert ics.count("BEGIN:VEVENT") >= len(rows) // 5 and "STATUS:CANCELLED" in ics


@pytest.mark.browser
def test_search_at_scale_finds_the_right_grid_and_narrows(demo_site, serve_dir, chromium, artifacts):
    root, out, _ = demo_site
    grids = _grids(root)
    street_of = {
        c["id"]: s["name"]
        for s in yaml.safe_load((root / "content/org.yml").read_text("utf-8"))["streets"]
        for c in s["communities"]
    }
    base = serve_dir(out)
    context = chromium.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    fetched = []
    page.on("requestfinished", lambda r: fetched.append(r) if "/pagefind/" in r.url else None)
    timings = []
    for g in grids[17 :: GRIDS // 4]:  # four grids across the district
        worker = next(m["name"] for m in g["team"] if m["role"] == "grid_worker")
        page.goto(base)
        fetched.clear()
        results = search(page, worker)
        href = results.first.get_attribute("href")
        assert href.rstrip("/").endswith(f"grids/{g['id']}"), (worker, href)
        transfer = sum(r.sizes()["responseBodySize"] for r in fetched)
        timings.append(
            {
                "query": worker,
                "kb": round(transfer / 1024),
                **page.evaluate("window.__gbSearchTimings.at(-1)"),
            }
        )
        assert transfer <= 300 * 1024, f"a search fetched {transfer} bytes"
    page.screenshot(path=str(artifacts / "search-1000-grids-phone.png"))
    # narrow a common word to one street: every result is in that street
    street = street_of[grids[500]["community"]]
    page.goto(base)
    search(page, "网格员")
    page.locator('[data-pf-filter="street"]').select_option(value=street)
    page.wait_for_function(
        "s => [...document.querySelectorAll('[data-pf-list] .gb-pf-where')].length > 0"
        " && [...document.querySelectorAll('[data-pf-list] .gb-pf-where')].every(e => e.textContent.includes(s))",
        arg=street,
        timeout=15000,
    )
    page.screenshot(path=str(artifacts / "search-street-filter-phone.png"))
    (artifacts / "search-1000-grids.json").write_text(
        json.dumps(timings, ensure_ascii=False, indent=1), "utf-8"
    )
    context.close()
