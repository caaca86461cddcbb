"""Real-browser tests: headless Chromium at phone size, Chinese search, screenshots kept."""

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def search(page, query):
    """Open the search box with "/" as a person does, type a query; return the result links."""
    page.keyboard.press("/")
    box = page.locator("input[data-pf-query]")
    box.fill(query)
    results = page.locator("[data-pf-list] > li > a.md-search-result__link")
    results.first.wait_for(timeout=15000)
    return results


@pytest.fixture
def phone(chromium):
    context = chromium.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    outside, failed = [], []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on(
        "request",
        lambda r: (
            outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None
        ),
    )
    yield page
    context.close()
    assert outside == [], f"requests to other hosts: {outside}"
    assert failed == [], f"failed requests: {failed}"


def test_search_worker_name_lands_on_grid_page(example_site, serve_dir, phone, artifacts):
    site, _ = example_site
    base = serve_dir(site)
    phone.goto(base)
    assert phone.locator("h1").first.inner_text() == "先锋历城"
    phone.screenshot(path=str(artifacts / "home-phone.png"), full_page=True)
    results = search(phone, "刘秀英")
    first = results.first
    assert "grids/yh-01/" in first.get_attribute("href")
    first.click()
    phone.wait_for_load_state()
    assert "/grids/" in phone.url
    names = phone.locator(".gb-person .gb-name").all_inner_texts()
    assert any("刘秀英" in n for n in names)
    phone.screenshot(path=str(artifacts / "grid-phone.png"), full_page=True)


def test_search_community_name_then_its_grid(example_site, serve_dir, phone):
    site, _ = example_site
    phone.goto(serve_dir(site))
    results = search(phone, "南全福社区")
    first = results.first.get_attribute("href")
    assert "communities/nanquanfu/" in first, first  # the community page ranks first
    results.first.click()
    phone.wait_for_load_state()
    assert phone.locator("h1").inner_text() == "南全福社区"
    grid_link = phone.locator(".gb-list a[href*='grids/']").first
    grid_name = grid_link.inner_text()
    grid_link.click()
    phone.wait_for_load_state()
    assert phone.locator("h1").inner_text() == grid_name
    assert "南全福社区" in phone.locator("dl.gb-facts").first.inner_text()
