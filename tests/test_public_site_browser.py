"""A site served under a sub-path (issue 15): districts host it under an existing portal, e.g.
https://www.example.gov.cn/dangjian/. Built with that site.url, served by a small server that
answers only under /dangjian/ (404 elsewhere, with the site's 404 page for missing files, as
nginx's error_page does), and opened in Chromium: pages, search, a screen's version.json poll,
the 404 page, feeds and the QR codes on posters must all stay under the sub-path."""

from __future__ import annotations

import functools
import http.server
import io
import socketserver
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
from conftest import SITES, build_site, make_site

pytestmark = pytest.mark.browser

PREFIX = "/dangjian/"
PUBLIC = "https://www.example.gov.cn" + PREFIX
PHONE = {"width": 390, "height": 844}


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built folder at PREFIX only."""

    def log_message(self, *args):
        pass

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        return super().translate_path("/" + path[len(PREFIX) :] if path.startswith(PREFIX) else "/")

    def send_head(self):
        path = urlsplit(self.path).path
        if not path.startswith(PREFIX):
            self.send_error(404)
            return None
        if not Path(self.translate_path(self.path)).exists():  # nginx: error_page 404 /dangjian/404.html
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory):
    site = make_site(
        tmp_path_factory.mktemp("subpath"),
        {
            "content/screens.yml": "- id: lobby\n  place: 大厅\n  scope: lanyuan\n  playlist: [board, stories]\n"
        },
    )
    config = (SITES / "minimal" / "site_config.yml").read_text(encoding="utf-8")
    (site / "site_config.yml").write_text(config.replace("  slogan:", f"  url: {PUBLIC}\n  slogan:"), "utf-8")
    out, _ = build_site(site)
    server = socketserver.ThreadingTCPServer(
        ("127.0.0.1", 0), functools.partial(SubPathHandler, directory=str(out))
    )
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield out, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def browse(chromium, sub_path_site):
    """A phone-sized page that records every answer; nothing may leave the sub-path."""
    _out, origin = sub_path_site
    context = chromium.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    answers: list[tuple[int, str]] = []
    page.on("response", lambda r: answers.append((r.status, r.url)))
    page.answers = answers
    yield page
    context.close()
    outside = [
        u for _s, u in answers if not u.startswith(origin + PREFIX) and not u.startswith(("data:", "blob:"))
    ]
    assert outside == [], f"requests outside {PREFIX}: {outside}"


def test_the_server_answers_only_under_the_sub_path(sub_path_site):
    import urllib.error
    import urllib.request

    _out, origin = sub_path_site
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(origin + "/index.html")
    assert refused.value.code == 404
    assert urllib.request.urlopen(origin + PREFIX).status == 200


def test_pages_and_search_work_under_the_sub_path(sub_path_site, browse):
    _out, origin = sub_path_site
    browse.goto(origin + PREFIX)
    assert browse.locator("h1").first.inner_text() == "测试街区"
    browse.keyboard.press("/")
    browse.locator("input[data-pf-query]").fill("周海燕")
    result = browse.locator("[data-pf-list] > li > a.md-search-result__link").first
    result.wait_for(timeout=15000)
    assert result.get_attribute("href").startswith(PREFIX + "grids/ly-01/"), result.get_attribute("href")
    result.click()
    browse.wait_for_load_state()
    assert browse.url == origin + PREFIX + "grids/ly-01/"
    assert browse.locator("h1").inner_text() == "兰苑社区第1网格"
    browse.locator("footer .gb-footer a", has_text="网站地图").click()
    browse.wait_for_load_state()
    assert browse.url == origin + PREFIX + "sitemap/"
    assert [(s, u) for s, u in browse.answers if s >= 400] == []


def test_missing_page_shows_the_404_page_styled_from_the_sub_path(sub_path_site, browse):
    _out, origin = sub_path_site
    answer = browse.goto(origin + PREFIX + "no/such/page/")
    assert answer.status == 404
    assert browse.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    loaded = [u for s, u in browse.answers if s == 200]
    assert any(u.endswith(".css") for u in loaded) and all(PREFIX in u for u in loaded)
    assert [u for s, u in browse.answers if s >= 400] == [origin + PREFIX + "no/such/page/"]


def test_screen_polls_version_json_under_the_sub_path(sub_path_site, browse):
    _out, origin = sub_path_site
    with browse.expect_response(lambda r: "version.json" in r.url) as polled:
        browse.goto(origin + PREFIX + "screens/lobby/")
    answer = polled.value
    assert urlsplit(answer.url).path == PREFIX + "version.json" and answer.status == 200
    assert answer.json()["screens"]["lobby"] == browse.get_attribute("[data-gb-screen]", "data-build")


def test_qr_codes_and_feeds_point_under_the_sub_path(sub_path_site, browse):
    import zxingcpp
    from PIL import Image

    out, origin = sub_path_site
    browse.set_viewport_size({"width": 1200, "height": 1600})
    browse.goto(origin + PREFIX + "print/grids/ly-01/")
    code = browse.locator(".gb-qr-code").first
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(code.screenshot(animations="disabled"))))
    assert [b.text for b in found] == [PUBLIC + "grids/ly-01/"]
    feed = feedparser.parse((out / "feeds/stories.xml").read_bytes())
    links = [feed.feed.link] + [e.link for e in feed.entries]
    assert links and all(link.startswith(PUBLIC) for link in links)
    for link in links:  # each opens under the sub-path
        assert browse.goto(origin + urlsplit(link).path).status == 200, link
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert PUBLIC + "grids/ly-01/" in sitemap and "<loc>https://www.example.gov.cn/grids" not in sitemap
    assert unquote(urlsplit(PUBLIC).path) == PREFIX
