"""Printed boards (site/print/): what each poster shows, how it prints in Chromium, and `gridboard print`."""

import io
import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import CHROMIUM, ROOT, make_site, soup
from test_wishes import open_communities

from builder.outputs.publish import content_digest

EXAMPLE_URL = "https://xianfeng-licheng.example.org/"
A4 = (595, 842)  # points
A3 = (842, 1191)
A4_CONTENT_PX = 688  # 210 mm minus 2 × 14 mm margins, at 96 px per inch


def poster(site, rel):
    return soup(site / "print" / rel / "index.html")


def texts(page, selector):
    return [el.get_text(" ", strip=True) for el in page.select(selector)]


# ---- the HTML ----


def test_every_community_and_grid_has_its_posters_and_the_index_links_them(example_site):
    site, _ = example_site
    communities = ["hengdacheng", "yuhua", "nanquanfu", "huaxin", "huashanhu", "yangjia"]
    grids = sorted(p.parent.name for p in (site / "grids").glob("*/index.html"))
    assert len(grids) > 30
    wanted = [f"board/{c}/{paper}" for c in communities for paper in ("a4", "a3")]
    wanted += [f"grids/{g}" for g in grids] + ["services"]
    wanted += [f"events/{c}" for c in ("hengdacheng", "nanquanfu", "huashanhu")]  # on in November
    wanted += [f"wishes/{c}" for c in open_communities()]  # communities with open wishes
    for rel in wanted:
        assert (site / "print" / rel / "index.html").is_file(), rel
    index = poster(site, ".")
    hrefs = {a["href"] for a in index.select("main a")}
    for rel in wanted:
        assert f"{rel}/index.html" in hrefs, rel
        assert (site / "print" / f"{rel}/index.html").is_file()
    pdfs = texts(index, "main code")  # the files `gridboard print` writes into print/pdf/
    assert {"board-hengdacheng-a4.pdf", "board-hengdacheng-a3.pdf", "grid-hdc-01.pdf", "services.pdf"} <= set(
        pdfs
    )
    assert len(pdfs) == len(wanted)
    # the community and grid pages link to their posters
    com = soup(site / "communities/hengdacheng/index.html").select_one(".gb-print-link a")["href"]
    assert com == "../../print/board/hengdacheng/a4/"
    grid = soup(site / "grids/hdc-01/index.html").select_one(".gb-print-link a")["href"]
    assert grid == "../../print/grids/hdc-01/"


def test_board_poster_shows_only_what_is_posted_today(minimal_site):
    site, _ = minimal_site
    board = poster(site, "board/lanyuan/a4")
    assert board.select_one("h1").get_text("", strip=True) == "兰苑社区党务居务公开栏"
    titles = texts(board, ".gb-print-posting h3")
    assert titles == ["兰苑社区2026年第四季度居务公开"]
    html = str(board)
    for absent in ("第二季度财务公开", "INTERNALMARK", "FUTUREMARK"):  # expired, internal, not yet posted
        assert absent not in html
    meta = board.select_one(".gb-print-posting .gb-print-meta").get_text(" ", strip=True)
    assert "发布时间：2026-11-15 09:00" in meta and "公示期至：2026-11-30" in meta
    assert "信息来源：兰苑社区居委会" in meta
    assert board.select_one(".gb-print-body strong").get_text() == "42"
    empty = poster(site, "board/songlin/a4")
    assert empty.select(".gb-print-posting") == []
    assert "目前没有公示中的内容" in empty.select_one(".gb-print-empty").get_text()
    assert "gb-paper-a3" in poster(site, "board/lanyuan/a3").html["class"]


def test_board_poster_keeps_repealed_postings_off(tmp_path):
    from conftest import build_site

    board = (ROOT / "tests/sites/minimal/content/board/2026.yml").read_text(encoding="utf-8")
    repealed = (
        "\n- id: p-repealed\n  title: 已撤销REPEALEDMARK\n  category: party\n  scope: lanyuan\n"
        '  posted: "2026-11-16 09:00"\n  until: 2026-11-30\n  source: 兰苑社区居委会\n  status: repealed\n'
    )
    site, _ = build_site(make_site(tmp_path, {"content/board/2026.yml": board + repealed}))
    assert "REPEALEDMARK" not in (site / "print/board/lanyuan/a4/index.html").read_text(encoding="utf-8")
    assert "REPEALEDMARK" in (site / "board/p-repealed/index.html").read_text(encoding="utf-8")


def test_finance_table_has_column_headers_and_totals(example_site):
    site, _ = example_site
    board = poster(site, "board/nanquanfu/a4")
    tables = board.select("table.gb-print-money")
    assert [t.caption.get_text() for t in tables] == ["收入（单位：元）", "支出（单位：元）"]
    for t in tables:
        heads = t.select("thead th")
        assert [th.get_text() for th in heads] == ["项目", "金额", "备注"]
        assert all(th["scope"] == "col" for th in heads)
    assert tables[0].select_one("tfoot").get_text(" ", strip=True).startswith("合计 68,000.00")


def test_grid_poster_applies_the_privacy_rules(minimal_site):
    site, _ = minimal_site
    grid = poster(site, "grids/ly-01")
    assert grid.select_one("h1").get_text("", strip=True) == "兰苑社区第1网格网格党建示意图"
    people = {
        p.select_one(".gb-print-name").get_text(): p.select_one(".gb-print-phone").get_text(strip=True)
        for p in grid.select(".gb-print-person")
    }
    assert people == {"周海燕": "☎ 13800001111", "钱卫东": "☎ 138****2222", "孙明": "☎ 0531-88000002"}
    assert "13800002222" not in str(grid)
    photos = [img["src"] for img in grid.select(".gb-print-photo")]
    assert all(src.endswith("assets/gridboard/person.svg") for src in photos)  # no consent to a photo
    assert "隐藏了中间四位" in grid.select_one(".gb-print-note").get_text()
    assert "0531-88000009" in grid.select_one(".gb-print-supervision").get_text()
    branch = grid.select_one(".gb-print-branch").get_text(" ", strip=True)
    assert "兰苑社区第一网格党支部" in branch and "周海燕" in branch and "9 名" in branch
    assert "兰苑小区1—4号楼" in grid.select_one(".gb-print-facts").get_text()


def test_every_poster_prints_its_date_and_source(example_site, minimal_site):
    site, _ = example_site
    for rel, source, url in [
        ("board/hengdacheng/a4", "恒大城社区（先锋历城）", EXAMPLE_URL + "board/"),
        ("grids/hdc-01", "恒大城社区（先锋历城）", EXAMPLE_URL + "grids/hdc-01/"),
        ("services", "先锋历城", EXAMPLE_URL + "services/"),
    ]:
        page = poster(site, rel)
        foot = page.select_one(".gb-print-foot").get_text(" ", strip=True)
        assert "更新日期：2026-11-20" in foot and f"来源：{source}" in foot and url in foot, foot
        style = page.select_one("head style").get_text()  # the footer of every printed page
        assert "@bottom-left" in style and "2026-11-20" in style and source in style and url in style
    # without site.url: no address, no QR code
    plain = poster(minimal_site[0], "board/lanyuan/a4")
    assert "网址" not in plain.select_one(".gb-print-foot").get_text()
    assert plain.select(".gb-print-qr") == []


def test_services_poster_lists_items_with_contacts(example_site):
    site, _ = example_site
    page = poster(site, "services")
    assert [th.get_text() for th in page.select("table.gb-print-services")[0].select("thead th")] == [
        "事项",
        "办理地点",
        "办理时间",
        "咨询电话",
        "所需材料",
    ]
    rows = page.select("table.gb-print-services tbody tr")
    assert len(rows) > 10
    assert "0531-88001001" in rows[0].get_text()


# ---- in Chromium ----


@pytest.fixture
def print_page(chromium):
    context = chromium.new_context(viewport={"width": A4_CONTENT_PX, "height": 1000}, device_scale_factor=2)
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
    page.emulate_media(media="print")
    yield page
    context.close()
    assert outside == [], f"requests to other hosts: {outside}"


def decode_qr(element) -> str:
    import zxingcpp
    from PIL import Image

    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(element.screenshot())))
    assert len(found) == 1
    return found[0].text


def overflowing(page) -> list[str]:
    """Elements that stick out of the page's width."""
    return page.evaluate(
        """() => {
          const w = document.documentElement.clientWidth;
          return [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > w + 1)
            .map(el => el.tagName + '.' + el.className);
        }"""
    )


@pytest.mark.browser
def test_a4_board_poster_in_print_fits_the_page_and_its_qr_codes_scan(example_site, print_page, artifacts):
    site, _ = example_site
    page = print_page
    page.goto((site / "print/board/hengdacheng/a4/index.html").as_uri())
    assert page.locator(".gb-print-hint").is_hidden()  # the on-screen hint is not printed
    page.screenshot(path=str(artifacts / "print-board-a4.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= A4_CONTENT_PX
    assert overflowing(page) == []
    assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    codes = page.locator(".gb-print-posting .gb-print-qr svg")
    assert codes.count() == 2
    assert decode_qr(codes.nth(0)) == EXAMPLE_URL + "board/p-2026-wsr-pingxing/"
    assert decode_qr(codes.nth(1)) == EXAMPLE_URL + "board/p-2026-hdc-fazhan/"


@pytest.mark.browser
def test_grid_poster_fits_one_a4_page_and_its_qr_opens_the_grid(example_site, print_page, artifacts):
    site, _ = example_site
    page = print_page
    page.goto((site / "print/grids/hdc-01/index.html").as_uri())
    page.screenshot(path=str(artifacts / "print-grid-a4.png"), full_page=True)
    assert overflowing(page) == []
    assert page.evaluate("document.documentElement.scrollHeight") <= 1009  # 297 mm minus margins
    assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    assert decode_qr(page.locator(".gb-print-contact .gb-print-qr svg")) == EXAMPLE_URL + "grids/hdc-01/"


@pytest.mark.browser
def test_screen_view_shows_a_sheet_with_the_print_hint(example_site, chromium):
    site, _ = example_site
    page = chromium.new_page(viewport={"width": 1300, "height": 900})
    page.goto((site / "print/board/nanquanfu/a3/index.html").as_uri())
    assert "Ctrl+P" in page.locator(".gb-print-hint").inner_text()
    width = page.locator(".gb-sheet").bounding_box()["width"]
    assert abs(width - 297 / 25.4 * 96) < 2  # an A3 sheet
    page.close()


# ---- gridboard print ----


def run_print(site, out, **env):
    return subprocess.run(
        [sys.executable, "-m", "builder", "print", "--today", "2026-11-20", "--out", str(out)],
        cwd=site,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )


def pdf_info(path):
    from pypdf import PdfReader

    reader = PdfReader(path)
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    return sizes, "\n".join(p.extract_text() for p in reader.pages)


def same_size(size, paper):
    return abs(size[0] - paper[0]) <= 2 and abs(size[1] - paper[1]) <= 2


@pytest.mark.browser
def test_print_command_writes_a_pdf_of_every_poster(tmp_path, chromium):
    site = make_site(tmp_path)
    out = tmp_path / "out"
    r = run_print(site, out, GRIDBOARD_CHROMIUM=CHROMIUM)
    assert r.returncode == 0, r.stderr
    assert "其中 PDF 9 个" in r.stdout and "including 9 PDFs" in r.stdout
    # the PDFs were in the new site before it replaced the old one: version.json counts them
    stamp = json.loads((out / "version.json").read_text(encoding="utf-8"))
    copy = shutil.copytree(out, tmp_path / "copy", ignore=lambda d, names: {"version.json"} & set(names))
    assert stamp["version"] == content_digest(copy)[:16]
    pdfs = sorted(p.name for p in (out / "print/pdf").iterdir())
    assert pdfs == sorted(
        [f"board-{c}-{paper}.pdf" for c in ("lanyuan", "zhuyuan", "songlin") for paper in ("a3", "a4")]
        + ["grid-ly-01.pdf", "grid-ly-02.pdf", "services.pdf"]
    )
    sizes, text = pdf_info(out / "print/pdf/board-lanyuan-a4.pdf")
    assert all(same_size(s, A4) for s in sizes)
    assert "兰苑社区" in text and "兰苑社区2026年第四季度居务公开" in text
    assert "2026-11-20 更新" in text and "第 1 页 / 共 1 页" in text  # the footer of every page
    sizes, text = pdf_info(out / "print/pdf/board-lanyuan-a3.pdf")
    assert all(same_size(s, A3) for s in sizes) and "兰苑社区" in text
    sizes, text = pdf_info(out / "print/pdf/grid-ly-01.pdf")
    assert len(sizes) == 1 and same_size(sizes[0], A4)
    assert "138****2222" in text and "13800002222" not in text
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out-")]  # no work folder left


def test_print_command_without_chromium_still_builds_the_html_posters(tmp_path):
    site = make_site(tmp_path)
    out = tmp_path / "out"
    r = run_print(site, out, GRIDBOARD_CHROMIUM="/nonexistent/chromium")
    assert r.returncode == 0, r.stderr
    assert "sudo apt-get install chromium fonts-wqy-microhei" in r.stdout
    assert "未找到 Chromium" in r.stdout and "Chromium not found at /nonexistent/chromium" in r.stdout
    assert (out / "print/board/lanyuan/a4/index.html").is_file()
    assert (out / "print/index.html").is_file()
    assert not (out / "print/pdf").exists()


def test_missing_playwright_is_explained(monkeypatch):
    import importlib.util

    from builder.outputs import pdf

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == "playwright" else real(name)
    )
    monkeypatch.setenv("GRIDBOARD_CHROMIUM", sys.executable)  # a file that exists
    assert pdf.missing() == [
        "未安装 Playwright：请运行 pip install 'gridboard[pdf]'\n"
        "Playwright is not installed: run pip install 'gridboard[pdf]'"
    ]
