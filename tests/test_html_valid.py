"""Every built page is valid HTML (the W3C Nu checker), every link inside the site resolves, and
every page keeps the page rules: zh-CN, telling alt texts, telling links, tables with headers.

The Nu checker (npm vnu-jar in tools/, run with the machine's Java) reads the whole built example
district in one run, together with a deliberately broken page that proves it still reports errors.
The crawler reads every built .html file: relative, root-relative and site-URL links, folders served
as their index.html, and #anchors (an `id`, or `name` on <a>) must all exist; each miss is reported
as file:line. Each check is also shown failing on a small bad page.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from conftest import ROOT

VNU_JAR = ROOT / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SITE_URL = yaml.safe_load((ROOT / "site_config.yml").read_text(encoding="utf-8"))["site"]["url"]

# Attributes that name another file of the site (srcset and the like are lists: handled apart)
LINK_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src",),
    "script": ("src",),
    "source": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "iframe": ("src",),
    "form": ("action",),
}
VAGUE_ALTS = {"logo", "image", "img", "photo", "picture", "图片", "照片", "图像", "标志", "头像"}
VAGUE_LINK_TEXTS = {
    *"点击 点击这里 这里 此处 更多 详情 查看 链接".split(),
    "here",
    "click here",
    "more",
    "link",
}
PERSON_ALT = re.compile(r"^[^，\s]+，\S")  # views.PersonCard.alt: 姓名，角色
OUTSIDE_SCHEMES = ("http:", "https:", "mailto:", "tel:", "sms:", "data:", "blob:", "javascript:")

# A page with one error of each kind the checks look for
BAD_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>坏页面</title></head>
<body><main><h1>坏页面</h1>
<p>未闭合 <div></p>
<a href="missing/">不存在的页面</a>
<a href="#no-such-anchor">不存在的锚点</a>
<a href="../index.html#nowhere">另一页上不存在的锚点</a>
<img src="nothing.png">
</main></body></html>
"""


def tool(path: Path, what: str) -> Path:
    """A web-quality tool of tools/: skipped where it is missing, a failure in CI."""
    if not path.exists():
        message = f"{what} not installed at {path}: run `npm ci --ignore-scripts` in tools/"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def java() -> str:
    """The machine's java: skipped where it is missing, a failure in CI."""
    found = shutil.which("java")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("java not found: CI must install it (apt-get install default-jre-headless)")
        pytest.skip("java not installed")
    return found


# --- the W3C Nu checker --------------------------------------------------------------------------


@dataclass
class NuReport:
    """What one Nu checker run found: its exit code and the errors of each file."""

    returncode: int
    errors: dict[Path, list[str]]

    def listed(self, folder: Path) -> list[str]:
        """The errors of the files inside `folder`, as file:line: message."""
        folder = folder.resolve()
        return [
            f"{path.relative_to(folder)}:{error}"
            for path, errors in sorted(self.errors.items())
            if path.is_relative_to(folder)
            for error in errors
        ]


@pytest.fixture(scope="module")
def bad_page(tmp_path_factory) -> Path:
    """A folder holding one known-bad index.html."""
    bad = tmp_path_factory.mktemp("bad-html")
    (bad / "index.html").write_text(BAD_PAGE, encoding="utf-8")
    return bad


@pytest.fixture(scope="module")
def nu_report(example_site, bad_page) -> NuReport:
    """One Nu checker run over the built example and the known-bad page (a JVM start is ~2 s)."""
    site, _ = example_site
    jar = tool(VNU_JAR, "vnu-jar")
    command = [java(), "-jar", str(jar), "--errors-only", "--skip-non-html", "--format", "json"]
    run = subprocess.run(command + [str(site), str(bad_page)], capture_output=True, text=True, timeout=300)
    assert run.stderr.startswith("{"), f"vnu exit {run.returncode}: {run.stderr[-2000:]}"
    report = json.loads(run.stderr)  # vnu writes its report to stderr
    errors: dict[Path, list[str]] = {}
    for msg in report["messages"]:
        if msg.get("type") not in ("error", "non-document-error"):  # the latter: a file it could not read
            continue
        path = Path(unquote(urlsplit(msg.get("url", "")).path)).resolve()
        errors.setdefault(path, []).append(f"{msg.get('lastLine', '?')}: {msg['message']}")
    return NuReport(run.returncode, errors)


def test_nu_checker_reports_a_bad_page(nu_report, bad_page):
    found = nu_report.listed(bad_page)
    assert nu_report.returncode != 0
    assert "index.html:4: Unclosed element “div”." in found, found
    assert any(e.startswith("index.html:8: An “img” element must have an “alt” attribute") for e in found), (
        found
    )


def test_every_built_page_is_valid_html(nu_report, example_site):
    site, _ = example_site
    listed = nu_report.listed(site)
    assert listed == [], f"{len(listed)} HTML errors:\n" + "\n".join(listed[:60])


# --- the link crawler and the page rules --------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """One link found in a built page."""

    line: int
    tag: str
    url: str


class _PageParser(HTMLParser):
    """One page's anchors (ids, <a name>) and links with their lines, and what breaks the page rules:
    a language other than zh-CN, an image without a telling alt (a person's photo: name，role), a
    table without header cells, a link that does not say where it goes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[Link] = []
        self.lang: str | None = None
        self.problems: list[str] = []
        self._tables: list[list] = []  # [line, header cells seen] of each open table
        self._link: list | None = None  # [line, href, text] of the open <a href>
        self._photo_box = 0  # depth inside a <span class="gb-photo"> (screens)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        line = self.getpos()[0]
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for name in LINK_ATTRS.get(tag, ()):
            if attrs.get(name) is not None:
                self.links.append(Link(line, tag, attrs[name].strip()))
        for candidate in (attrs.get("srcset") or "").split(",") if tag in ("img", "source") else ():
            if candidate.strip():
                self.links.append(Link(line, tag, candidate.split()[0]))
        classes = (attrs.get("class") or "").split()
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "img":
            self._image(line, attrs, person="gb-photo" in classes or "gb-print-photo" in classes)
        elif tag == "table":
            self._tables.append([line, 0])
        elif tag == "th" and self._tables:
            self._tables[-1][1] += 1
        elif tag == "a" and attrs.get("href") is not None:
            self._link = [line, attrs["href"], attrs.get("aria-label") or attrs.get("title") or ""]
        if tag == "span" and "gb-photo" in classes:
            self._photo_box = 1
        elif self._photo_box and tag == "span":
            self._photo_box += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in ("a", "table", "span"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "table" and self._tables:
            opened, headers = self._tables.pop()
            if not headers:
                self.problems.append(f"{opened}: <table> without header cells (<th>)")
        elif tag == "a" and self._link:
            opened, href, text = self._link
            self._link = None
            said = " ".join(text.split())
            if not said or said.lower() in VAGUE_LINK_TEXTS:
                self.problems.append(f"{opened}: link to {href} says {said!r}, not where it goes")
        elif tag == "span" and self._photo_box:
            self._photo_box -= 1

    def handle_data(self, data):
        if self._link:
            self._link[2] += data

    def _image(self, line: int, attrs: dict, person: bool) -> None:
        alt, src = attrs.get("alt"), attrs.get("src") or ""
        if self._link and alt:
            self._link[2] += alt
        if alt is None:
            self.problems.append(f"{line}: <img src={src}> without alt")
        elif alt.strip().lower() in VAGUE_ALTS or alt == Path(urlsplit(src).path).name:
            self.problems.append(f"{line}: <img src={src}> alt {alt!r} says nothing")
        elif (person or self._photo_box) and not PERSON_ALT.match(alt):
            self.problems.append(f"{line}: person's photo {src} alt {alt!r}: want “name，role”")

    def close(self):
        super().close()
        if self.lang != "zh-CN":
            self.problems.append(f"1: <html lang={self.lang!r}>, want zh-CN")


def parse_page(path: Path) -> _PageParser:
    """Anchors, links and page-rule problems of one HTML file."""
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def target_file(site: Path, page: Path, path: str) -> Path | None:
    """The file a link's path names (a folder means its index.html); None if it leaves the site."""
    base = site if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve()
    if not target.is_relative_to(site.resolve()):
        return None
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def parse_site(site: Path) -> dict[Path, _PageParser]:
    """Every .html file of a built site, parsed."""
    return {path: parse_page(path) for path in sorted(site.resolve().rglob("*.html"))}


def broken_links(site: Path, pages: dict[Path, _PageParser], own_url: str | None = None) -> list[str]:
    """Every link of every built .html file that names a missing file or anchor, as file:line."""
    site = site.resolve()
    problems = []
    for page, parsed in pages.items():
        rel = page.relative_to(site).as_posix()
        for link in parsed.links:
            url = link.url
            if own_url and url.startswith(own_url):
                url = "/" + url[len(own_url) :]  # the site's own address: checked as root-relative
            if not url or url.lower().startswith(OUTSIDE_SCHEMES) or url.startswith("//"):
                continue
            parts = urlsplit(url)
            path, fragment = unquote(parts.path), unquote(parts.fragment)
            target = target_file(site, page, path) if path else page
            where = f"{rel}:{link.line} <{link.tag}> {link.url}"
            if target is None:
                problems.append(f"{where}: leaves the site folder")
            elif not target.is_file():
                problems.append(f"{where}: no such file {target.relative_to(site).as_posix()}")
            elif fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse_page(target).ids
                if fragment not in ids:
                    problems.append(f"{where}: no id “{fragment}” in {target.relative_to(site).as_posix()}")
    return problems


def test_crawler_reports_missing_pages_anchors_and_files(tmp_path):
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    (site / "index.html").write_text('<p id="top"><a href="sub/">ok</a> <a href="#top">ok</a></p>', "utf-8")
    (site / "sub" / "index.html").write_text(BAD_PAGE.replace("nothing.png", "../../outside.png"), "utf-8")
    found = broken_links(site, parse_site(site))
    assert found == [
        "sub/index.html:5 <a> missing/: no such file sub/missing/index.html",
        "sub/index.html:6 <a> #no-such-anchor: no id “no-such-anchor” in sub/index.html",
        "sub/index.html:7 <a> ../index.html#nowhere: no id “nowhere” in index.html",
        "sub/index.html:8 <img> ../../outside.png: leaves the site folder",
    ]


@pytest.fixture(scope="module")
def parsed_site(example_site) -> dict[Path, _PageParser]:
    """Every built page of the example district, parsed once."""
    site, _ = example_site
    return parse_site(site)


def test_every_link_and_anchor_in_the_site_resolves(example_site, parsed_site):
    site, _ = example_site
    assert len(parsed_site) > 100
    problems = broken_links(site, parsed_site, SITE_URL)
    assert problems == [], f"{len(problems)} broken links:\n" + "\n".join(problems[:60])


def test_page_rules_report_a_bad_page(tmp_path):
    page = tmp_path / "index.html"
    page.write_text(
        '<!doctype html>\n<html lang="en"><body>\n<img src="a/p1.jpg" alt="p1.jpg">\n'
        '<img class="gb-photo" src="p2.jpg" alt="刘秀英">\n<table><tr><td>1</td></tr></table>\n'
        '<a href="x/">点击这里</a> <a href="y/"><img src="i.svg" alt=""></a> <a href="z/">z 社区</a>\n'
        '<img src="deco.svg" alt=""> <img src="logo.svg" alt="Logo">\n</body></html>\n',
        encoding="utf-8",
    )
    assert parse_page(page).problems == [
        "3: <img src=a/p1.jpg> alt 'p1.jpg' says nothing",
        "4: person's photo p2.jpg alt '刘秀英': want “name，role”",
        "5: <table> without header cells (<th>)",
        "6: link to x/ says '点击这里', not where it goes",
        "6: link to y/ says '', not where it goes",
        "7: <img src=logo.svg> alt 'Logo' says nothing",
        "1: <html lang='en'>, want zh-CN",
    ]


def test_every_page_is_chinese_with_telling_images_and_links_and_headed_tables(example_site, parsed_site):
    """zh-CN pages; images that say what they show (people: name and role); links that say where
    they go; tables with header cells."""
    site, _ = example_site
    problems = [
        f"{path.relative_to(site.resolve())}:{problem}"
        for path, parsed in parsed_site.items()
        for problem in parsed.problems
    ]
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems[:60])
