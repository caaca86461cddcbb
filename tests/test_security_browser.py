"""Built pages carry a Content-Security-Policy they work under, and request nothing from other hosts.

The policy is the <meta> written by templates/overrides/main.html; docs/deploy.md sends it again as
an HTTP header. Browser tests load the example district in Chromium with every request to another
host blocked and recorded, and count CSP violations and JavaScript errors.
"""

from __future__ import annotations

import functools
import http.server
import re
import socketserver
import threading
from dataclasses import dataclass, field
from pathlib import Path

import material
import pytest
from conftest import ROOT, soup
from playwright.sync_api import expect
from test_browser import search

POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-src 'none'"
)
HEADER_POLICY = POLICY + "; frame-ancestors 'self'"  # a <meta> cannot carry frame-ancestors
PHONE = {"width": 390, "height": 844}
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}  # data blocks, never executed

# One page of every kind in the example district (content/)
PAGES = {
    "home": "",
    "grid": "grids/yh-01/",
    "community": "communities/nanquanfu/",
    "street": "streets/quanfu/",
    "directory": "directory/",
    "services": "services/",
    "service": "services/dibao-shenqing/",
    "board": "board/",
    "posting": "board/p-2026-hdc-fazhan/",
    "archive": "board/archive/",
    "showcases": "showcase/",
    "showcase": "showcase/sc-nanquanfu/",
    "studio": "studios/yulan/",
    "stories": "stories/",
    "story with an image": "stories/2025/hdc-hongmajia/",
    "about": "about/about/",
    "wishes": "wishes/",
    "community wishes": "wishes/at/hengdacheng/",
    "reporting": "reporting/",
    "community reporting": "reporting/at/hengdacheng/",
    "unit": "reporting/units/u-rediancorp/",
    "community lists": "lists/at/hengdacheng/",
    "project": "lists/projects/p-hdc-heating/",
    "404": "404.html",
}
# Pages outside the theme (templates/screens, templates/print): same policy, no Material bundle
STANDALONE = {
    "screen": "screens/hdc-lobby/",
    "portrait screen": "screens/wsr-street-hall/",
    "screens": "screens/",
}

# Material's inline scripts that templates/assets/md-scope.js and md-content.js replace (pinned by
# tests/test_material_pins.py)
MATERIAL_JS = Path(material.__file__).parent / "templates" / "partials" / "javascripts"

# Runs before any page script: keeps every CSP violation the page reports
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
"""

# Page state after load: every image decoded (lazy ones too), Material's bundle and helpers ran
PAGE_STATE = """async () => {
  const images = [...document.images];
  for (const img of images) img.loading = "eager";
  const broken = [];
  await Promise.all(images.map((img) => img.decode().catch(() => broken.push(img.currentSrc || img.src))));
  return {
    h1: (document.querySelector("h1") || {}).textContent || "",
    slide: (document.querySelector(".gb-slide:not([hidden]) h2") || {}).textContent || "",
    bundle: document.documentElement.classList.contains("js"),
    scope: typeof __md_get === "function" ? __md_scope.pathname : null,
    broken,
    violations: window.__cspViolations,
  };
}"""


def deploy_headers() -> dict[str, str]:
    """The `add_header` lines of docs/deploy.md's nginx block."""
    text = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    block = re.search(r"```nginx\n(.*?)```", text, re.S)
    assert block, "docs/deploy.md has no ```nginx block"
    return dict(re.findall(r'^\s*add_header\s+(\S+)\s+"([^"]*)"\s+always;', block[1], re.M))


@dataclass
class Watch:
    """What a browser context did that it must not: leave the site, break the policy, throw."""

    base: str
    outside: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def is_local(self, url: str) -> bool:
        """Whether `url` stays on the served site (data: and blob: URLs never leave the browser)."""
        return url.startswith((self.base, "data:", "blob:"))

    def new_page(self, context, expect_status: int = 200):
        """A new page of `context` with every listener attached; documents may answer `expect_status`."""

        def on_response(response):
            is_expected = response.request.resource_type == "document" and response.status == expect_status
            if response.status >= 400 and not is_expected:
                self.failed.append(f"{response.status} {response.url}")

        page = context.new_page()
        page.on("request", lambda r: None if self.is_local(r.url) else self.outside.append(r.url))
        page.on("console", lambda m: self.csp.append(m.text) if "Content Security Policy" in m.text else None)
        page.on("pageerror", lambda e: self.errors.append(f"{page.url}: {e}"))
        page.on("response", on_response)
        return page


def new_context(chromium, base: str, **options) -> tuple[object, Watch]:
    """A browser context that records everything and lets no request leave `base`."""
    watch = Watch(base)
    context = chromium.new_context(**options)
    context.add_init_script(RECORD_VIOLATIONS)
    context.route(
        "**/*", lambda route: route.continue_() if watch.is_local(route.request.url) else route.abort()
    )
    return context, watch


def assert_clean(watch: Watch) -> None:
    """Nothing left the site, nothing was refused, nothing threw, nothing failed to load."""
    assert watch.outside == [], f"requests to other hosts: {watch.outside}"
    assert watch.csp == [], f"Content-Security-Policy refused: {watch.csp}"
    assert watch.errors == [], f"JavaScript errors: {watch.errors}"
    assert watch.failed == [], f"failed requests: {watch.failed}"


class _AsDeployed(http.server.SimpleHTTPRequestHandler):
    """Serves a folder as docs/deploy.md's nginx block does: its headers on every answer, 404.html."""

    headers_to_send: dict[str, str] = {}

    def log_message(self, *args):
        pass

    def end_headers(self):
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def deployed(example_site):
    """The example site served with docs/deploy.md's headers (so Pagefind's worker is under the CSP too)."""
    site, _ = example_site
    handler = type("Handler", (_AsDeployed,), {"headers_to_send": deploy_headers()})
    server = socketserver.ThreadingTCPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


# --- without a browser ---------------------------------------------------------------------------


def test_every_page_has_the_policy_and_no_inline_script(example_site):
    site, _ = example_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    problems = []
    for path in pages:
        rel = path.relative_to(site).as_posix()
        doc = soup(path)
        metas = doc.find_all("meta", attrs={"http-equiv": re.compile("^content-security-policy$", re.I)})
        if [m.get("content") for m in metas] != [POLICY] or metas[0].parent.name != "head":
            problems.append(f"{rel}: CSP meta tags {[m.get('content') for m in metas]}")
        for script in doc.find_all("script"):
            kind = (script.get("type") or "").split(";")[0].strip().lower()
            if not script.get("src") and kind not in DATA_SCRIPT_TYPES:
                problems.append(f"{rel}: inline script {str(script)[:100]}")
        for tag in doc.find_all(True):
            for name, value in tag.attrs.items():
                if name.lower().startswith("on"):
                    problems.append(f"{rel}: <{tag.name} {name}=…> event handler attribute")
                elif isinstance(value, str) and re.match(r"\s*javascript:", value, re.I):
                    problems.append(f"{rel}: <{tag.name} {name}={value[:40]!r}>")
    assert problems == [], "\n".join(problems[:20])


def test_deploy_doc_sends_the_pages_policy(example_site):
    site, _ = example_site
    meta = soup(site / "index.html").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    headers = deploy_headers()
    assert headers.get("Content-Security-Policy") == meta["content"] + "; frame-ancestors 'self'"
    assert headers.get("X-Content-Type-Options") == "nosniff"
    assert headers.get("Referrer-Policy") == "same-origin"
    denied = dict(item.strip().split("=", 1) for item in headers.get("Permissions-Policy", "").split(","))
    assert {denied.get(f) for f in ("camera", "microphone", "geolocation")} == {"()"}, denied


# --- in Chromium ---------------------------------------------------------------------------------


@pytest.mark.browser
def test_every_kind_of_page_works_under_the_policy(example_site, serve_dir, chromium):
    site, _ = example_site
    base = serve_dir(site)
    context, watch = new_context(chromium, base, viewport=PHONE, is_mobile=True, has_touch=True)
    page = watch.new_page(context)
    wrong = {}
    for kind, path in {**PAGES, **STANDALONE}.items():
        page.goto(base + path)
        state = page.evaluate(PAGE_STATE)
        bad = {k: state[k] for k in ("broken", "violations") if state[k]}
        themed = kind in PAGES and (not state["bundle"] or state["scope"] != "/")
        if not (state["h1"].strip() or state["slide"].strip()) or themed:
            bad["page"] = {k: state[k] for k in ("h1", "slide", "bundle", "scope")}
        if bad:
            wrong[kind] = bad
    context.close()
    assert_clean(watch)
    assert wrong == {}, wrong


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "expected"), [("刘秀英", "grids/yh-01/"), ("南全福社区", "communities/nanquanfu/")]
)
def test_search_works_under_the_deployed_headers(deployed, chromium, query, expected):
    context, watch = new_context(chromium, deployed, viewport=PHONE, is_mobile=True, has_touch=True)
    page = watch.new_page(context)
    worker = []
    page.on("worker", lambda w: worker.append(w.url))
    page.goto(deployed)
    results = search(page, query)
    assert expected in results.first.get_attribute("href")
    # Material's bundle reacts to the search panel opening on a phone: it locks the page's scroll
    expect(page.locator("body")).to_have_attribute("data-md-scrolllock", "")
    violations = page.evaluate("window.__cspViolations")
    context.close()
    assert violations == []
    assert any(url.endswith("pagefind/pagefind-worker.js") for url in worker), (
        "Pagefind ran without its worker"
    )
    assert_clean(watch)


@pytest.mark.browser
def test_material_drawer_and_404_under_the_deployed_headers(deployed, chromium):
    context, watch = new_context(chromium, deployed, viewport=PHONE, is_mobile=True, has_touch=True)
    page = watch.new_page(context, expect_status=404)
    page.goto(deployed + "grids/yh-01/")
    drawer = page.locator(".md-sidebar--primary")
    expect(drawer).not_to_be_in_viewport()
    page.locator("label.md-header__button[for='__drawer']").click()
    expect(drawer).to_be_in_viewport()  # slid in from the left
    assert page.locator("#__drawer").is_checked()
    drawer.get_by_role("link", name="公开栏", exact=True).click()
    page.wait_for_load_state()
    assert page.url == deployed + "board/"
    assert page.locator("h1").inner_text() == "公开栏"
    violations = page.evaluate("window.__cspViolations")
    # a missing address gets 404.html (root-relative links), styled and scripted, under the headers
    response = page.goto(deployed + "no/such/page/")
    assert response.status == 404
    assert response.headers["content-security-policy"] == HEADER_POLICY
    state = page.evaluate(PAGE_STATE)
    context.close()
    assert violations == [] and state["violations"] == []
    assert state["h1"].startswith("404") and state["bundle"] and state["scope"] == "/"
    assert_clean(watch)


@pytest.mark.browser
def test_md_helpers_behave_as_materials_inline_script(example_site, serve_dir, chromium):
    """md-scope.js gives the same __md_* helpers as the inline script it replaces, in a sub-folder too."""
    site, _ = example_site
    base = serve_dir(site.parent)  # the site at /site/, as in a sub-folder deployment
    upstream = re.search(
        r"<script>(.*)</script>", (MATERIAL_JS / "base.html").read_text(encoding="utf-8"), re.S
    )[1]
    upstream = upstream.replace("{{ config.extra.scope | d(base_url) }}", "../..").replace(
        "__md_", "__up_md_"
    )
    context, watch = new_context(chromium, base)
    page = watch.new_page(context)
    page.goto(base + site.name + "/grids/yh-01/")
    page.evaluate(upstream)  # Material's own definitions, under other names, for comparison
    got = page.evaluate("""() => {
      const words = ["", "a", "网格员刘秀英", "x".repeat(500)];
      __md_set("__gb_probe", {a: [1, "二"]});
      __up_md_set("__gb_probe2", 5, sessionStorage);
      return {
        scope: [__md_scope.href, __up_md_scope.href],
        hashes: words.map((w) => __md_hash(w) === __up_md_hash(w)),
        read: [__up_md_get("__gb_probe"), __md_get("__gb_probe2", sessionStorage)],
        keys: Object.keys(localStorage),
      };
    }""")
    context.close()
    assert got["scope"] == [base + site.name + "/"] * 2
    assert got["hashes"] == [True] * 4
    assert got["read"] == [{"a": [1, "二"]}, 5]
    assert f"/{site.name}/.__gb_probe" in got["keys"]
    assert_clean(watch)


# Content tabs as pymdownx.tabbed writes them (the example has none): two sets, labels A and B
TABS = """() => {
  for (const set of [1, 2]) {
    const div = document.createElement("div");
    div.className = "tabbed-set";
    div.innerHTML = `<input type="radio" name="__tabbed_${set}" id="__tabbed_${set}_1" checked>
      <input type="radio" name="__tabbed_${set}" id="__tabbed_${set}_2">
      <div class="tabbed-labels"><label for="__tabbed_${set}_1">A</label><label for="__tabbed_${set}_2">B</label></div>`;
    document.querySelector("article").append(div);
  }
}"""
CHECKED = "() => [...document.querySelectorAll('.tabbed-set input:checked')].map((i) => i.id)"


@pytest.mark.browser
def test_md_content_selects_tabs_as_materials_inline_script(example_site, serve_dir, chromium):
    """md-content.js: the tab named by the URL's #hash; with content.tabs.link, the tabs chosen last time."""
    site, _ = example_site
    base = serve_dir(site)
    context, watch = new_context(chromium, base)
    page = watch.new_page(context)
    page.goto(base + "stories/")
    page.evaluate(TABS)
    page.evaluate("history.replaceState(null, '', '#__tabbed_2_2')")
    page.add_script_tag(url=base + "assets/gridboard/md-content.js")
    assert page.evaluate(CHECKED) == ["__tabbed_1_1", "__tabbed_2_2"]
    page.goto(base + "stories/")
    page.evaluate(TABS)
    page.evaluate("__md_set('__tabs', ['B'])")
    page.evaluate(
        """(src) => new Promise((done) => {
      const s = document.createElement("script");
      s.src = src;
      s.dataset.mdTabsLink = "";
      s.onload = done;
      document.body.append(s);
    })""",
        base + "assets/gridboard/md-content.js",
    )
    assert page.evaluate(CHECKED) == ["__tabbed_1_2", "__tabbed_2_2"]
    violations = page.evaluate("window.__cspViolations")
    context.close()
    assert violations == []
    assert_clean(watch)
