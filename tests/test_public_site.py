"""How Chinese public sites are run (issue 15): the footer lines of a government or party site,
Open Graph tags for WeChat cards, Atom feeds, the 网站地图 page, and the preview's version.json
and page count. Each is built with the real pipeline (or run as the real command) and the output
parsed back: HTML with BeautifulSoup, feeds with ElementTree and feedparser."""

from __future__ import annotations

import datetime as dt
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import pytest
from conftest import SITES, TODAY, build_site, make_site, search_records, soup
from PIL import Image

from builder import cli, pipeline

ATOM = "{http://www.w3.org/2005/Atom}"
SUB = "https://www.example.gov.cn/dangjian/"
CONFIG = (SITES / "minimal" / "site_config.yml").read_text(encoding="utf-8")
HOSTILE_SPONSOR = '<img src=x onerror=alert(1)>测试区委组织部 & "党建"'
FOOTER = """
footer:
  sponsor: '<img src=x onerror=alert(1)>测试区委组织部 & "党建"'
  organizer: 测试区网格化服务中心
  site_code: "3701990001"
  icp: 鲁ICP备12345678号-1
  police: 鲁公网安备 37019902000123号
  police_icon: media/footer/police.png
  badge:
    image: media/footer/badge.png
    link: https://bszs.conac.cn/sitename?method=show&id=0123456789ABCDEF
  contact:
    page: about
    address: 东湖路 18 号
    phone: "0531-88000001"
    email: dangjian@example.gov.cn
"""


def png(path: Path, size=(60, 30), color=(200, 20, 30)) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path)


def with_config(site: Path, extra: str = "", url: str = "", share_image: str = "") -> None:
    """The minimal site's config with `extra` appended and site.url / site.share_image set."""
    lines = [f"  url: {url}"] if url else []
    lines += [f"  share_image: {share_image}"] if share_image else []
    text = CONFIG.replace("  slogan:", "\n".join([*lines, "  slogan:"]), 1)
    (site / "site_config.yml").write_text(text + extra, encoding="utf-8")


def check_output(site: Path, capsys) -> tuple[int, list[str]]:
    """`gridboard check` on a site: its exit code and its problem lines (file:line first)."""
    code = cli.main(["check", "--today", TODAY.isoformat(), "--config", str(site / "site_config.yml")])
    out = capsys.readouterr()
    return code, [line for line in (out.out + out.err).splitlines() if line.startswith("site_config.yml:")]


def target(page: Path, out: Path, href: str) -> str:
    """Where a relative link on a built page leads, as a path inside the site ('' for the home)."""
    base = "http://site/" + page.relative_to(out).as_posix()
    return unquote(urlsplit(urljoin(base, href)).path).lstrip("/")


def exists(out: Path, path: str) -> bool:
    f = out / path
    return (f / "index.html").is_file() if path.endswith("/") or not path else f.is_file()


# ---- the footer ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def footer_site(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("footer"))
    with_config(site, FOOTER)
    png(site / "content/media/footer/badge.png", (110, 55))
    png(site / "content/media/footer/police.png", (20, 20), (30, 60, 160))
    out, _ = build_site(site)
    return out


@pytest.mark.parametrize(
    "page", ["index.html", "grids/ly-01/index.html", "stories/2026/lanyuan-tea/index.html"]
)
def test_footer_lines_are_shown_escaped_and_linked_on_every_page(footer_site, page):
    out = footer_site
    file = out / page
    foot = soup(file).select_one("footer .gb-footer")
    items = [re.sub(r"\s+", " ", i.get_text()).strip() for i in foot.select(".gb-footer__item")]
    assert items == [
        f"主办单位：{HOSTILE_SPONSOR}",  # the author's text as text: no element made of it
        "承办单位：测试区网格化服务中心",
        "地址：东湖路 18 号",
        "电话：0531-88000001",
        "邮箱：dangjian@example.gov.cn",
        "",  # the badge: a picture in a link
        "网站标识码：3701990001",
        "鲁ICP备12345678号-1",
        "鲁公网安备 37019902000123号",
    ]
    assert foot.find(attrs={"onerror": True}) is None and foot.find("img", src="x") is None
    links = {a.get_text(strip=True): a["href"] for a in foot.find_all("a")}
    assert links["鲁ICP备12345678号-1"] == "https://beian.miit.gov.cn/"
    assert links["鲁公网安备 37019902000123号"] == (
        "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=37019902000123"
    )
    assert links["0531-88000001"] == "tel:053188000001"
    assert links["dangjian@example.gov.cn"] == "mailto:dangjian@example.gov.cn"
    assert target(file, out, links["联系我们"]) == "about/about/" and exists(out, "about/about/")
    assert target(file, out, links["网站地图"]) == "sitemap/" and exists(out, "sitemap/")
    badge = foot.select_one("img[alt=党政机关网站标识]")
    assert badge.parent["href"] == "https://bszs.conac.cn/sitename?method=show&id=0123456789ABCDEF"
    for img in foot.select("img.gb-footer__badge"):  # local pictures, copied into the site
        assert exists(out, target(file, out, img["src"])), img["src"]
    assert not [i["src"] for i in soup(file).find_all("img") if "//" in i["src"]]  # nothing from elsewhere


def test_without_footer_fields_only_the_site_map_line_is_shown(minimal_site):
    out, _ = minimal_site
    foot = soup(out / "index.html").select_one("footer .gb-footer")
    assert [p.get_text(" ", strip=True) for p in foot.find_all("p")] == ["网站地图 | 订阅"]
    assert soup(out / "index.html").select_one(".md-copyright") is not None


def test_footer_mistakes_are_reported_at_their_lines(tmp_path, capsys):
    site = make_site(tmp_path)
    with_config(
        site,
        """
footer:
  site_code: 370199000
  icp: 鲁ICP备１２３４５６７８号-1
  police: 京公网安备 37019902000123号
  badge:
    image: media/footer/badge.doc
    link: https://example.com/badge?id=1
  contact:
    email: not-an-email
""",
        share_image="media/stories/tea.svg",
    )
    code, lines = check_output(site, capsys)
    assert code == 1
    assert lines == [
        "site_config.yml:3:16: 错误 error [site.share_image]: 分享图“media/stories/tea.svg”请用 JPG 或 PNG 图片："
        "微信等转发链接时不显示 SVG、GIF 之类的图片",
        # unquoted, the code is its digits (parse.py keeps a leading 0): what is wrong is one digit short
        "site_config.yml:19:14: 错误 error [footer.site_code]: 网站标识码“370199000”不对：应为 10 位，地方网站是 "
        "6 位行政区划代码加 4 位顺序号（如 3701120001），国务院部门网站是 bm 加 8 位数字（如 bm01000001）；"
        "请照抄开办审核时发给的标识码",
        "site_config.yml:20:8: 错误 error [footer.icp]: ICP备案号“鲁ICP备１２３４５６７８号-1”不对：应写成 省简称 + ICP备 + "
        "数字 + 号，网站序号跟在“-”后，如 鲁ICP备12345678号-1；请照抄工业和信息化部备案系统里的备案号；"
        "其中有全角字符（中文输入法下打的），应写成“鲁ICP备12345678号-1”",
        "site_config.yml:21:11: 错误 error [footer.police]: 公安机关备案号“京公网安备 37019902000123号”前后不符："
        "“京”的备案编号应以 11 开头，这里是 37；请核对省简称和 14 位编号",
        "site_config.yml:23:12: 错误 error [footer.badge.image]: “media/footer/badge.doc”不是图片："
        "请写 content/ 下的图片路径，如 media/footer/badge.png",
        "site_config.yml:24:11: 错误 error [footer.badge.link]: 党政机关网站标识的链接“https://example.com/badge?id=1”不对："
        "应是开办审核后给出的标识页地址，以 https://bszs.conac.cn/ 或 http://bszs.conac.cn/ 开头"
        "（在标识的嵌入代码里可以找到），不含空格和引号",
        "site_config.yml:26:12: 错误 error [footer.contact.email]: 电子邮箱“not-an-email”不对：应写成 名字@域名，"
        "如 dangjian@example.gov.cn",
    ]


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ('"3701120001"', True),
        ('"bm01000001"', True),
        ('"370112001"', False),  # 9 digits
        ('"9901120001"', False),  # no province 99
        ('"３７０１１２０００１"', False),  # full-width digits
        ('"BM01000001"', False),
    ],
)
def test_site_id_code_format(tmp_path, capsys, value, ok):
    site = make_site(tmp_path)
    with_config(site, f"\nfooter:\n  site_code: {value}\n")
    code, lines = check_output(site, capsys)
    assert (code, lines) == (0, []) if ok else code == 1 and "[footer.site_code]: 网站标识码“" in lines[0]


@pytest.mark.parametrize(
    ("field", "value", "ok"),
    [
        ("icp", "京ICP备05070218号", True),
        ("icp", "鲁ICP备2021012345号-3", True),
        ("icp", "京ICP证030173号", True),
        ("icp", "ICP备12345678号", False),  # no province
        ("icp", "鲁ICP备12345678", False),  # no 号
        ("icp", "鲁ICP备12345678号－1", False),  # a full-width hyphen
        ("police", "鲁公网安备37019902000123号", True),
        ("police", "黔公网安备 52010202000001号", True),
        ("police", "鲁公网安备 3701990200012号", False),  # 13 digits
    ],
)
def test_filing_number_formats(tmp_path, capsys, field, value, ok):
    site = make_site(tmp_path)
    with_config(site, f"\nfooter:\n  {field}: {value}\n")
    code, lines = check_output(site, capsys)
    assert (code, lines) == (0, []) if ok else code == 1 and f"[footer.{field}]:" in lines[0]


def test_site_code_of_another_province_missing_pictures_and_contact_page(tmp_path, capsys):
    site = make_site(tmp_path)
    with_config(
        site,
        '\nfooter:\n  site_code: "3101990001"\n  police_icon: media/footer/none.png\n'
        "  contact: {page: nosuchpage}\n",
    )
    code, lines = check_output(site, capsys)
    assert (code, lines) == (
        1,
        [
            "site_config.yml:18:14: 错误 error [footer.site_code]: 网站标识码“3101990001”的前两位 31 与本区的行政区划代码 "
            "370199 不在同一个省：请核对标识码"
        ],
    )
    with_config(site, "\nfooter:\n  police_icon: media/footer/none.png\n  contact: {page: nosuchpage}\n")
    code, lines = check_output(site, capsys)
    assert (code, lines) == (
        1,
        [
            "site_config.yml:18:16: 错误 error [footer.police_icon]: 找不到文件“content/media/footer/none.png”："
            "请检查文件名和大小写，或先把图片放进 content/media/footer/",
            "site_config.yml:19:19: 错误 error [footer.contact.page]: 找不到“联系我们”页面 content/pages/nosuchpage.md："
            "请先写这个页面，或改成已有的页面：about",
        ],
    )
    (site / "content/pages/contact.md").write_text("---\ntitle: 联系我们\ndraft: true\n---\n电话\n", "utf-8")
    with_config(site, "\nfooter:\n  contact: {page: contact}\n")
    code, lines = check_output(site, capsys)
    assert (code, lines) == (
        1,
        [
            "site_config.yml:18:19: 错误 error [footer.contact.page]: “联系我们”页面 content/pages/contact.md 是草稿"
            "（draft: true），不会发布：页脚的链接会打不开"
        ],
    )


def test_a_mobile_as_the_footer_phone_is_refused(tmp_path, capsys):
    site = make_site(tmp_path)
    with_config(site, '\nfooter:\n  contact: {phone: "13912345678"}\n')
    code, lines = check_output(site, capsys)
    assert (code, lines) == (
        1,
        [
            "site_config.yml:18:20: 错误 error [footer.contact.phone]: 页脚的联系电话 139****5678 是手机号：每一页都会"
            "显示它，请写办公座机；确需公开手机号的，请写在“联系我们”页面里，并在 content/public_numbers.yml 登记"
        ],
    )


# ---- sharing: Open Graph tags ----------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_site(tmp_path_factory):
    """Served at SUB, with a share picture, a story with a PNG cover and one with a hostile title."""
    tea = (SITES / "minimal/content/stories/2026/lanyuan-tea.md").read_text(encoding="utf-8")
    site = make_site(
        tmp_path_factory.mktemp("shared"),
        {
            "content/stories/2026/lanyuan-tea.md": tea.replace(
                "date: 2026-10-08", "date: 2026-10-08\ncover: media/stories/cover.png"
            ),
            "content/stories/2026/hostile.md": '---\ntitle: \'"><b id="gbpwn">标题</b> & 「引号」\'\ndate: 2026-10-09\n---\n正文。\n',
            "content/screens.yml": "- id: lobby\n  place: 大厅\n  scope: lanyuan\n  playlist: [board, stories]\n",
        },
    )
    with_config(site, url=SUB, share_image="media/share.png")
    png(site / "content/media/share.png", (600, 600))
    png(site / "content/media/stories/cover.png", (900, 500))
    out, _ = build_site(site)
    return out


def og(page) -> dict[str, str]:
    return {m["property"]: m["content"] for m in page.find_all("meta", property=True)}


def pages_of(out: Path) -> list[Path]:
    """Every page of the theme (not screens or posters)."""
    return sorted(p for p in out.rglob("*.html") if p.relative_to(out).parts[0] not in ("screens", "print"))


def test_every_page_carries_share_tags_matching_its_title_and_description(shared_site):
    out = shared_site
    for file in pages_of(out):
        page = soup(file)
        tags = og(page)
        description = page.find("meta", attrs={"name": "description"})
        assert tags["og:description"] == description["content"], file
        assert tags["og:site_name"] == "测试街区"
        assert page.title.get_text().startswith(tags["og:title"]) or tags["og:title"] == "测试街区", file
        canonical = page.find("link", rel="canonical")
        if file.name != "404.html":
            assert tags["og:url"] == canonical["href"] and tags["og:url"].startswith(SUB), file
        assert tags["og:image"].startswith(SUB) and exists(out, unquote(tags["og:image"][len(SUB) :])), file
    home, grid = og(soup(out / "index.html")), og(soup(out / "grids/ly-01/index.html"))
    assert home["og:image"] == grid["og:image"] == SUB + "media/share.png"
    assert home["og:type"] == grid["og:type"] == "website" and home["og:url"] == SUB


def test_stories_and_postings_share_as_articles_stories_with_their_cover(shared_site):
    out = shared_site
    tea = og(soup(out / "stories/2026/lanyuan-tea/index.html"))
    assert tea["og:type"] == "article" and tea["og:image"] == SUB + "media/stories/cover.png"
    assert tea["og:url"] == SUB + "stories/2026/lanyuan-tea/"
    hostile = og(soup(out / "stories/2026/hostile/index.html"))
    assert hostile["og:title"] == '"><b id="gbpwn">标题</b> & 「引号」'  # text in an attribute, whole
    assert hostile["og:image"] == SUB + "media/share.png"  # no cover: the site's picture
    assert soup(out / "stories/2026/hostile/index.html").find(id="gbpwn") is None
    assert og(soup(out / "board/p-current/index.html"))["og:type"] == "article"


def test_without_site_url_no_address_is_guessed(minimal_site):
    out, _ = minimal_site
    tags = og(soup(out / "stories/2026/lanyuan-tea/index.html"))
    assert tags["og:title"] == "兰苑社区开设“社区茶亭”" and tags["og:type"] == "article"
    assert "og:url" not in tags and "og:image" not in tags


# ---- feeds -----------------------------------------------------------------------------------


def feeds_in(out: Path) -> list[Path]:
    return sorted((out / "feeds").rglob("*.xml"))


def atom(file: Path) -> ET.Element:
    """A feed parsed back, with the elements RFC 4287 requires checked."""
    root = ET.parse(file).getroot()
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.find(ATOM + name) is not None and root.find(ATOM + name).text, (file, name)
    assert root.find(f"{ATOM}author/{ATOM}name").text
    for entry in root.findall(ATOM + "entry"):
        for name in ("id", "title", "updated"):
            assert entry.find(ATOM + name).text, (file, name)
        assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", entry.find(ATOM + "id").text)
        assert entry.find(ATOM + "link").get("rel", "alternate") == "alternate"
    return root


def entries(file: Path) -> list[tuple[str, str, str]]:
    """(title, updated, link) of each entry."""
    root = atom(file)
    return [
        (e.find(ATOM + "title").text, e.find(ATOM + "updated").text, e.find(ATOM + "link").get("href"))
        for e in root.findall(ATOM + "entry")
    ]


def test_feeds_hold_exactly_what_is_published_with_times_from_content(minimal_site):
    out, _ = minimal_site
    names = [p.relative_to(out).as_posix() for p in feeds_in(out)]
    assert names == [
        "feeds/board.xml",
        *(
            f"feeds/communities/{c}/{k}.xml"
            for c in ("lanyuan", "songlin", "zhuyuan")
            for k in ("board", "stories")
        ),
        "feeds/stories.xml",
    ]
    # the fixture holds a draft, a story under embargo, an internal and a future posting: none is in
    assert entries(out / "feeds/stories.xml") == [
        ("兰苑社区开设“社区茶亭”", "2026-10-08T00:00:00+08:00", "../stories/2026/lanyuan-tea/")
    ]
    assert entries(out / "feeds/board.xml") == [
        ("兰苑社区2026年第四季度居务公开", "2026-11-15T09:00:00+08:00", "../board/p-current/"),
        ("兰苑社区2026年第二季度财务公开", "2026-07-01T10:30:00+08:00", "../board/p-old/"),
    ]
    assert [t for t, *_ in entries(out / "feeds/communities/lanyuan/board.xml")] == [
        "兰苑社区2026年第四季度居务公开",
        "兰苑社区2026年第二季度财务公开",
    ]
    assert (
        entries(out / "feeds/communities/lanyuan/stories.xml")[0][2] == "../../../stories/2026/lanyuan-tea/"
    )
    assert entries(out / "feeds/communities/zhuyuan/board.xml") == []
    # a feed is as new as its newest entry; an empty one is dated --today
    assert atom(out / "feeds/board.xml").find(ATOM + "updated").text == "2026-11-15T09:00:00+08:00"
    assert atom(out / "feeds/communities/songlin/stories.xml").find(ATOM + "updated").text == (
        f"{TODAY.isoformat()}T00:00:00+08:00"
    )
    for text in ("DRAFTMARK", "EMBARGOMARK", "INTERNALMARK", "FUTUREMARK"):
        assert not [f for f in feeds_in(out) if text in f.read_text(encoding="utf-8")], text


def test_feeds_parse_and_every_link_opens_a_page(minimal_site, shared_site):
    for out, base in ((minimal_site[0], "http://127.0.0.1:8000/"), (shared_site, SUB)):
        for file in feeds_in(out):
            url = base + file.relative_to(out).as_posix()
            parsed = feedparser.parse(
                file.read_bytes(),
                response_headers={"content-location": url, "content-type": "application/atom+xml"},
            )
            assert not parsed.bozo, (file, parsed.get("bozo_exception"))
            assert parsed.feed.title and parsed.feed.updated and parsed.version == "atom10"
            for link in [parsed.feed.link] + [e.link for e in parsed.entries]:
                assert link.startswith(base), link
                assert exists(out, unquote(link[len(base) :])), link
            if out == shared_site:  # with site.url: absolute addresses, and where the feed itself is
                assert [x.href for x in parsed.feed.links if x.rel == "self"] == [url]
    titles = [e.title for e in feedparser.parse((shared_site / "feeds/stories.xml").read_bytes()).entries]
    assert titles == ['"><b id="gbpwn">标题</b> & 「引号」', "兰苑社区开设“社区茶亭”"]  # text, as written


def test_pages_name_their_feeds_in_the_head(minimal_site):
    out, _ = minimal_site
    for page, wanted in (
        ("index.html", ["feeds/stories.xml", "feeds/board.xml"]),
        (
            "communities/lanyuan/index.html",
            ["feeds/stories.xml", "feeds/board.xml"]
            + ["feeds/communities/lanyuan/stories.xml", "feeds/communities/lanyuan/board.xml"],
        ),
    ):
        links = soup(out / page).find_all("link", type="application/atom+xml")
        assert all(a["rel"] == ["alternate", "feed"] for a in links)  # discovery reads the tokens
        assert [target(out / page, out, a["href"]) for a in links] == wanted
        assert all(a["title"] for a in links)


def test_feeds_have_the_same_bytes_every_build_and_no_clock(tmp_path):
    site = make_site(tmp_path)
    one, _ = build_site(site, tmp_path / "one")
    two, _ = build_site(site, tmp_path / "two")
    later, _ = build_site(site, tmp_path / "later", today=TODAY + dt.timedelta(days=3))
    for f in feeds_in(one):
        rel = f.relative_to(one)
        assert f.read_bytes() == (two / rel).read_bytes(), rel
        if rel.as_posix() in ("feeds/stories.xml", "feeds/board.xml"):  # nothing new was published
            assert f.read_bytes() == (later / rel).read_bytes(), rel


def test_a_control_character_in_a_title_does_not_break_a_feed(tmp_path):
    site = make_site(
        tmp_path,
        {"content/stories/2026/ctl.md": '---\ntitle: "控制\\x0b字符"\ndate: 2026-10-09\n---\n正文\n'},
    )
    out, _ = build_site(site)
    assert entries(out / "feeds/stories.xml")[0][0] == "控制字符"


# ---- 网站地图 -----------------------------------------------------------------------------------


def test_site_map_page_links_every_page_and_is_linked_from_every_page(minimal_site):
    out, _ = minimal_site
    sitemap = out / "sitemap/index.html"
    page = soup(sitemap)
    linked = {target(sitemap, out, a["href"]) for a in page.select("article a[href]")}
    every = {
        "" if f.parent == out else f.parent.relative_to(out).as_posix() + "/"
        for f in pages_of(out)
        if f.name == "index.html"
    } - {"sitemap/"}
    assert every - linked == set()
    assert {"feeds/stories.xml", "feeds/communities/lanyuan/board.xml", "sitemap.xml"} <= linked
    assert all(exists(out, t) for t in linked if not t.startswith("sitemap.xml")), linked
    assert page.find(id="feeds") is not None
    for file in pages_of(out):  # the footer of every page, 404.html included
        assert soup(file).select_one("footer .gb-footer a").get_text() == "网站地图"
    assert not [r for r in search_records(out) if "sitemap" in r["url"]]  # it would match every search


# ---- the preview -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.read().decode("utf-8", "replace")
    finally:
        conn.close()


def test_preview_serves_version_json_and_counts_pages_as_build_does(tmp_path):
    """`gridboard serve` answered 404 for /version.json (a screen in the preview logged an error)
    and reported one page fewer than `gridboard build` (it did not count 404.html)."""
    site = make_site(
        tmp_path,
        {"content/screens.yml": "- id: lobby\n  place: 大厅\n  scope: lanyuan\n  playlist: [board]\n"},
    )
    args = ["--today", TODAY.isoformat(), "--config", str(site / "site_config.yml")]
    built = subprocess.run(
        [sys.executable, "-m", "builder", "build", *args, "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    port = free_port()
    log = tmp_path / "serve.txt"
    with log.open("wb") as f:
        proc = subprocess.Popen(
            [sys.executable, "-m", "builder", "serve", "--port", str(port), *args],
            stdout=f,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
            try:
                status, body = get(port, "/version.json")
                break
            except OSError:  # not listening yet
                time.sleep(0.2)
        page = soup_text(get(port, "/screens/lobby/")[1])
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    assert status == 200
    key = page.select_one("[data-gb-screen]")["data-build"]
    assert '"screens": {"lobby": "' + key + '"}' in body
    count = re.compile(r"(\d+) 个页面 pages, (\d+) 块大屏 screens, (\d+) 张海报 posters")
    assert count.search(built.stdout).groups() == count.search(log.read_text(encoding="utf-8")).groups()


def soup_text(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def test_preview_version_json_follows_a_changed_screen(tmp_path):
    site = make_site(
        tmp_path,
        {"content/screens.yml": "- id: lobby\n  place: 大厅\n  scope: lanyuan\n  playlist: [board]\n"},
    )
    preview = pipeline.Preview(site / "site_config.yml", TODAY, tmp_path / "work")
    report = preview.rebuild()
    first = (preview.site_dir / "version.json").read_text(encoding="utf-8")
    (site / "content/screens.yml").write_text(
        "- id: lobby\n  place: 一楼大厅\n  scope: lanyuan\n  playlist: [board]\n", encoding="utf-8"
    )
    preview.rebuild()
    second = (preview.site_dir / "version.json").read_text(encoding="utf-8")
    preview.wait_for_search()
    page = soup(preview.site_dir / "screens/lobby/index.html")
    assert first != second and page.select_one("[data-gb-screen]")["data-build"] in second
    out, built = build_site(site, tmp_path / "out")
    assert (report.pages, report.screens) == (built.pages, built.screens)  # 404.html counted in both
