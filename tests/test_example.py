"""The bundled example district: as large as promised, valid, and every link works."""

from collections import Counter

from conftest import ROOT, TODAY, soup
from test_build import broken_links

from builder import pipeline
from builder.report import Report


def test_example_content_is_as_large_as_promised():
    catalog = pipeline.check(ROOT / "site_config.yml", TODAY, Report())
    assert len(catalog.streets) >= 2
    assert len(catalog.community) >= 6
    assert len(catalog.grids) >= 40
    assert Counter(g.kind for g in catalog.grids).keys() == {"basic", "dedicated"}
    assert len(catalog.showcases) >= 3 and all(len(s.stars) >= 3 for s in catalog.showcases)
    assert len(catalog.studios) >= 2
    assert len(catalog.services) >= 20 and all(c.children for c in catalog.categories)
    assert len(catalog.stations) >= 2 and len(catalog.teams) >= 3
    states = [s.current for s in catalog.postings]
    assert len(states) >= 8 and True in states and False in states
    assert any(s.posting.table for s in catalog.postings)
    assert len(catalog.stories) >= 10 and all(s.meta.tags for s in catalog.stories)
    assert len(catalog.pages) >= 2


def test_example_builds_without_engine_warnings(example_site):
    site, report = example_site
    assert report.engine_warnings == []
    assert report.pages > 100


def test_example_has_no_broken_link(example_site):
    site, _ = example_site
    assert broken_links(site) == []


def test_example_grid_pages_are_small(example_site):
    site, _ = example_site
    sizes = [p.stat().st_size for p in (site / "grids").rglob("index.html")]
    assert sizes and max(sizes) < 60_000


def test_example_home_figures_match_the_data(example_site):
    site, _ = example_site
    catalog = pipeline.check(ROOT / "site_config.yml", TODAY, Report())
    page = soup(site / "index.html")
    numbers = [li.strong.get_text() for li in page.select(".gb-figures:not(.gb-deeds) li")]
    f = catalog.figures
    assert numbers == [
        str(f.grids),
        str(f.party_branches),
        str(f.workers),
        str(f.services),
        str(f.stations),
        str(f.communities),
    ]
