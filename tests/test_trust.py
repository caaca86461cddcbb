"""Trust: nothing unpublished or personal leaks, pasted HTML is cleaned, output is never half-made."""

from __future__ import annotations

import gzip
import hashlib
import html
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import TODAY, build_site, make_site, soup

from builder import cli, pipeline
from builder.problems import ContentError
from builder.report import Report

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>{}</title></svg>'


def output_holds(site: Path, needle: str) -> list[str]:
    """Every place in the built site where `needle` appears: file names, file bytes, the bytes
    of gzipped files (Pagefind's index) unpacked, and text files with HTML entities decoded (a page
    may write 138&#42;&#42;&#42;&#42;2222 for 138****2222)."""
    hits, raw = [], needle.encode()
    for f in site.rglob("*"):
        rel = f.relative_to(site).as_posix()
        if needle.lower() in rel.lower():
            hits.append(rel)
        if not f.is_file():
            continue
        data = f.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        if raw in data or (b"&" in data and raw in html.unescape(data.decode("utf-8", "replace")).encode()):
            hits.append(rel)
    return hits


# ---- 3. nothing unpublished, anywhere --------------------------------------------------------

UNPUBLISHED = {
    # a draft story: its title, body, image (file name and bytes) and URL slug
    "content/stories/2026/draftslugmark.md": "---\ntitle: 草稿标题DRAFTTITLE\ndate: 2026-10-01\ndraft: true\n"
    "---\n草稿正文DRAFTBODY\n\n![图](media/draft-img-mark.svg)\n",
    "content/media/draft-img-mark.svg": SVG.format("DRAFTIMGBYTES"),
    # a story under embargo (dated after --today)
    "content/stories/2026/embargoslugmark.md": "---\ntitle: 未来EMBARGOTITLE\ndate: 2026-12-01\n"
    "cover: media/embargo-cover.svg\n---\n正文EMBARGOBODY\n",
    "content/media/embargo-cover.svg": SVG.format("EMBARGOIMGBYTES"),
    # a draft free page
    "content/pages/draftpagemark.md": "---\ntitle: 草稿页DRAFTPAGETITLE\ndraft: true\n---\nDRAFTPAGEBODY\n",
    # a photo without consent: the person is shown with a placeholder, the file is not published
    "content/media/people/noconsent.svg": SVG.format("NOCONSENTPHOTOBYTES"),
    # a district screen that plays every kind of slide (screens and posters are outputs too)
    "content/screens.yml": "- id: all\n  place: 大厅\n  scope: testqu\n  playlist: [board, teams, stories,"
    " figures, services, stations, showcase, {show: page, page: about}]\n",
}
INTERNAL_AND_FUTURE = """
- id: internalslugmark
  title: 内部INTERNALTITLE
  category: party
  scope: testqu
  audience: internal
  posted: "2026-11-10 09:00"
  until: 2026-11-30
  source: 测试区委
  body: 内部正文INTERNALBODY
  attachments: [media/internal-att.svg]
- id: futureslugmark
  title: 尚未发布FUTURETITLE
  category: party
  scope: testqu
  posted: "2026-12-10 09:00"
  until: 2026-12-30
  source: 测试区委
  body: 未来正文FUTUREBODY
"""
MARKERS = [
    "draftslugmark",
    "DRAFTTITLE",
    "DRAFTBODY",
    "draft-img-mark",
    "DRAFTIMGBYTES",
    "embargoslugmark",
    "EMBARGOTITLE",
    "EMBARGOBODY",
    "embargo-cover",
    "EMBARGOIMGBYTES",
    "draftpagemark",
    "DRAFTPAGETITLE",
    "DRAFTPAGEBODY",
    "noconsent",
    "NOCONSENTPHOTOBYTES",
    "internalslugmark",
    "INTERNALTITLE",
    "INTERNALBODY",
    "internal-att",
    "INTERNALATTBYTES",
    "futureslugmark",
    "FUTURETITLE",
    "FUTUREBODY",
    "13800002222",  # a team member's mobile without consent (shown masked)
]


@pytest.fixture(scope="module")
def leaky_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("leaky")
    site = make_site(tmp, UNPUBLISHED)
    (site / "content/media/internal-att.svg").write_text(SVG.format("INTERNALATTBYTES"), encoding="utf-8")
    board = site / "content/board/2026.yml"
    board.write_text(board.read_text(encoding="utf-8") + INTERNAL_AND_FUTURE, encoding="utf-8")
    grids = site / "content/grids/donghu.yml"
    text = grids.read_text(encoding="utf-8")
    grids.write_text(text.replace("photo: media/people/a.svg", "photo: media/people/noconsent.svg"), "utf-8")
    out, report = build_site(site)
    return site, out, report


@pytest.mark.parametrize("marker", MARKERS)
def test_nothing_unpublished_appears_anywhere_in_the_output(leaky_site, marker):
    _, out, _ = leaky_site
    assert output_holds(out, marker) == []


def test_the_leak_check_can_fail(leaky_site):
    """The same search finds what is published: the check above is not vacuous."""
    _, out, _ = leaky_site
    assert "stories/2026/lanyuan-tea/index.html" in output_holds(out, "社区茶亭")  # page bytes
    assert "media/stories/tea.svg" in output_holds(out, "stories/tea.svg")  # a published file's name
    assert any(h.startswith("pagefind/") for h in output_holds(out, "钱卫东"))  # the gzipped index
    assert "grids/ly-01/index.html" in output_holds(out, "138****2222")  # the masked form
    assert "screens/all/index.html" in output_holds(out, "138****2222")  # screens are searched too
    assert "screens/all/index.html" in output_holds(out, "第四季度居务公开")
    assert "feeds/stories.xml" in output_holds(out, "社区茶亭")  # the feeds are searched too
    assert "feeds/board.xml" in output_holds(out, "第四季度居务公开")


def test_published_again_once_the_embargo_passes(tmp_path):
    site = make_site(tmp_path, UNPUBLISHED)
    out, _ = build_site(site, today=TODAY.replace(month=12, day=2))
    assert output_holds(out, "EMBARGOTITLE") and output_holds(out, "EMBARGOIMGBYTES")
    assert output_holds(out, "DRAFTTITLE") == []


# ---- 2. personal numbers in free text ---------------------------------------------------------

STORY_WITH_NUMBERS = """---
title: 走访记录
date: 2026-10-02
---
居民王某身份证 11010519491231002X 已登记。

联系手机 13912345678，或拨打 0531-88000009。
银行卡 6222 0212 3456 7890 128 用于发放补贴。
已打码的 139****5678 和日期 2026-03-01、网格代码 370199001001001 都不是问题。
用中文输入法打的 １３６１２３４５６７８，和分段写的 110105 19491231 002X 也能认出来。
"""


def check_problems(site: Path):
    report = Report()
    try:
        pipeline.check(site / "site_config.yml", TODAY, report)
    except ContentError as err:
        return err.problems
    return report.problems


def test_id_mobile_and_card_numbers_are_errors_with_line_and_masked_value(tmp_path):
    grids_text = (SITE_MIN / "content/grids/donghu.yml").read_text(encoding="utf-8")
    site = make_site(
        tmp_path,
        {
            "content/stories/2026/visit.md": STORY_WITH_NUMBERS,
            # in a YAML free-text field; the flow-style phone on the same kind of line is fine
            "content/grids/donghu.yml": grids_text.replace(
                "covers: 兰苑小区1—4号楼", "covers: 兰苑小区1—4号楼，楼长电话 13712345678"
            ),
        },
    )
    problems = check_problems(site)
    found = [(p.path, p.line, p.field) for p in problems.errors]
    assert found == [
        ("content/grids/donghu.yml", 6, "[0].covers"),
        ("content/stories/2026/visit.md", 5, "正文 body"),
        ("content/stories/2026/visit.md", 7, "正文 body"),
        ("content/stories/2026/visit.md", 8, "正文 body"),
        ("content/stories/2026/visit.md", 10, "正文 body"),
        ("content/stories/2026/visit.md", 10, "正文 body"),
    ], [p.format() for p in problems.errors]
    assert "136****5678" in problems.errors[-2].message + problems.errors[-1].message
    text = "\n".join(p.format() for p in problems.errors)
    assert "身份证号 110105********002X" in text and "手机号 139****5678" in text
    assert "银行卡号 6222 **** 0128" in text and "137****5678" in text
    for full in ("11010519491231002X", "13912345678", "6222021234567890128", "13712345678"):
        assert full not in text  # the message never repeats the number it warns about


def test_allow_list_accepts_a_listed_number_with_a_reason(tmp_path):
    allow = """
- file: content/stories/2026/visit.md
  number: "13912345678"
  reason: 社区值班手机，居委会同意公开
  approved_by: 兰苑社区居委会
- file: content/stories/2026/visit.md
  number: "11010519491231002X"
  reason: 样例号码（国家标准中的示例）
- file: content/stories/2026/visit.md
  number: "6222021234567890128"
  reason: 测试卡号
- file: content/stories/2026/visit.md
  number: "136 1234 5678"
  reason: 居委会值班手机
- file: content/stories/2026/other.md
  number: "13700000000"
  reason: 已经删掉的旧号码
- file: content/stories/2026/visit.md
  number: "13600000000"
  reason: ""
"""
    site = make_site(
        tmp_path, {"content/stories/2026/visit.md": STORY_WITH_NUMBERS, "content/public_numbers.yml": allow}
    )
    problems = check_problems(site)
    assert [(p.path, p.line, p.field) for p in problems.errors] == [
        ("content/public_numbers.yml", 20, "[5].reason")
    ]
    [unused] = [w for w in problems.warnings if "用不上" in w.message]
    assert unused.path == "content/public_numbers.yml" and unused.line == 16


def test_mobile_in_an_office_phone_is_published_masked_unless_listed(tmp_path):
    grids = (SITE_MIN / "content/grids/donghu.yml").read_text(encoding="utf-8")
    grids = grids.replace('supervision_phone: "0531-88000009"', 'supervision_phone: "13655556666"')
    site = make_site(tmp_path, {"content/grids/donghu.yml": grids})
    out, report = build_site(site)
    [warning] = [w for w in report.problems.warnings if "单位电话" in w.message]
    assert (warning.path, warning.line) == ("content/grids/donghu.yml", 24)
    facts = soup(out / "grids/ly-01/index.html").select_one("dl.gb-facts").get_text()
    assert "136****6666" in facts and output_holds(out, "13655556666") == []
    allow = '- file: content/grids/donghu.yml\n  number: "13655556666"\n  reason: 网格监督专线手机\n'
    (site / "content/public_numbers.yml").write_text(allow, encoding="utf-8")
    out, report = build_site(site)
    page = soup(out / "grids/ly-01/index.html")
    assert page.select_one('a[href="tel:13655556666"]') is not None
    assert not [w for w in report.problems.warnings if "单位电话" in w.message]


# ---- 6. pasted HTML ---------------------------------------------------------------------------

PASTED = """---
title: 粘贴的文章
date: 2026-10-03
---
<strike id="ymyim"></strike><fieldset id="ymyim"><input id="ymyim"></input></fieldset>

<section style="font-size: 15px; color: rgb(62, 62, 62);"><p>行稳方能致远，<strong>根深</strong>才能叶茂。</p></section>

<p onclick="alert(1)" style="display:none">藏起来的文字HIDDENTEXT</p>

<script>document.title = "PWNED"</script>
<iframe src="https://evil.example/x"></iframe>

[点这里](javascript:alert(2)) 和 <a href="javascript:alert(3)">这里</a>，以及 <a href="https://www.gov.cn/">中国政府网</a>

| 项目 | 金额 |
|:--|--:|
| 物资 | 100 |

> 引用的一段话

```html
<script>这是代码示例，照原样显示</script>
```
"""


def test_pasted_html_is_cleaned_and_named_by_line(tmp_path):
    site = make_site(tmp_path, {"content/stories/2026/pasted.md": PASTED})
    out, report = build_site(site)
    warned = {w.line: w.message for w in report.problems.warnings if w.path.endswith("pasted.md")}
    assert sorted(warned) == [5, 9, 11, 12, 14]
    assert "<fieldset>" in warned[5] and "<input>" in warned[5]
    # hidden pasted text stays hidden: dropped with its content, and the warning says what went
    assert "隐藏的文字" in warned[9] and 'style="display:none"' in warned[9]
    assert "1 处，共 16 个字" in warned[9] and "“藏起来的文字HIDDENTEXT”" in warned[9]
    assert "<script>" in warned[11] and "<iframe>" in warned[12]
    assert "(javascript:…)" in warned[14] and 'href="javascript:…"' in warned[14]
    assert 7 not in warned and 22 not in warned  # ordinary styles, and code, are not warned about

    page = soup(out / "stories/2026/pasted/index.html")
    body = page.select_one("article")
    assert body.find_all("script") == [] and "PWNED" not in str(page)
    assert not body.select("iframe, fieldset, input")
    assert not [a for a in body.find_all(True) if any(k.startswith("on") for k in a.attrs)]
    assert not [a for a in body.select("a[href]") if a["href"].lower().startswith("javascript")]
    assert "evil.example" not in str(page)
    assert "HIDDENTEXT" not in page.get_text() and "藏起来" not in str(page)
    assert output_holds(out, "HIDDENTEXT") == []  # nor in feeds, search index, summaries
    # ordinary formatting survives
    assert body.select_one("strong").get_text() == "根深"
    assert body.select_one('a[href="https://www.gov.cn/"]').get_text() == "中国政府网"
    assert [td.get_text() for td in body.select("table td")] == ["物资", "100"]
    assert body.select_one("blockquote").get_text(strip=True) == "引用的一段话"
    assert "这是代码示例" in body.select_one("pre code").get_text()
    assert (
        "color" in body.select_one("section")["style"]
        and "font-size" not in body.select_one("section")["style"]
    )


def test_cleaning_leaves_ordinary_markdown_as_markdown_made_it():
    """Every author-written part of the example site comes out of the sanitizer unchanged."""
    from builder import sanitize
    from builder.markdown_setup import new_markdown

    root = Path(__file__).resolve().parent.parent / "content"
    checked = 0
    for f in sorted(root.rglob("*.md")):
        body = f.read_text(encoding="utf-8").split("---", 2)[2]
        html = new_markdown().convert(body)
        cleaned = sanitize.clean_regions(sanitize.START + html + sanitize.END)
        assert soup_text(cleaned) == soup_text(html), f
        assert sanitize.find_unsafe(body) == {}, f
        checked += 1
    assert checked >= 10


def soup_text(html: str) -> str:
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser").decode(formatter="html5")


# ---- 7. media and links ------------------------------------------------------------------------

SITE_MIN = Path(__file__).resolve().parent / "sites" / "minimal"


def test_links_and_media_that_leave_content_are_refused(tmp_path):
    outside = tmp_path / "secret.svg"
    outside.write_text(SVG.format("SECRET"), encoding="utf-8")
    story = (
        "---\ntitle: 链接\ndate: 2026-10-04\n---\n"
        "[账本](../../../secret.xlsx)\n\n"
        "![外部](media/escape.svg)\n\n"
        "[本地文件](file:///C:/Users/a.docx)\n\n"
        "![绝对](C:\\Users\\a.jpg)\n\n"
        "[公示](../board/p-current/) 和 [网站](https://www.gov.cn/)\n"
    )
    site = make_site(tmp_path, {"content/stories/2026/links.md": story})
    (site / "content/media/escape.svg").symlink_to(outside)
    problems = check_problems(site)
    errs = [(p.line, p.message[:12]) for p in problems.errors if p.path.endswith("links.md")]
    assert [line for line, _ in errs] == [5, 7, 9, 11], [p.format() for p in problems.errors]
    assert "content/" in problems.errors[0].message


def test_content_files_that_are_links_to_elsewhere_are_not_read(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: 外面的文件SECRETMARK\ndate: 2026-10-01\n---\n机密\n", encoding="utf-8")
    site = make_site(tmp_path)
    (site / "content/stories/2026/linked.md").symlink_to(secret)
    problems = check_problems(site)
    [err] = problems.errors
    assert (err.path, err.line) == ("content/stories/2026/linked.md", 0) and "快捷方式" in err.message


def test_oversized_image_is_a_warning(tmp_path):
    site = make_site(tmp_path)
    big = site / "content/media/people/big.jpg"
    with big.open("wb") as f:
        f.truncate(6 * 1024 * 1024)
    grids = site / "content/grids/donghu.yml"
    grids.write_text(
        grids.read_text(encoding="utf-8").replace("photo: media/people/a.svg", "photo: media/people/big.jpg"),
        encoding="utf-8",
    )
    problems = check_problems(site)
    assert not problems.errors
    [w] = [w for w in problems.warnings if "MB" in w.message]
    assert (w.path, w.line, w.field) == ("content/grids/donghu.yml", 20, "[0].team[1].photo")
    assert "6.0 MB" in w.message


# ---- 9. safe output ----------------------------------------------------------------------------


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(
    "out", ["content", ".", "..", "content/media/site", "templates", "foreign"], ids=lambda s: s or "root"
)
def test_output_folders_that_would_lose_files_are_refused(tmp_path, capsys, out):
    site = make_site(tmp_path)
    (site / "templates").mkdir()
    (site / "foreign").mkdir()
    (site / "foreign/notes.docx").write_bytes(b"not ours")
    before = tree_digest(tmp_path)
    code = cli.main(["build", "--config", str(site / "site_config.yml"), "--out", str(site / out)])
    assert code == 2
    err = capsys.readouterr().err
    assert "输出文件夹" in err and "Traceback" not in err
    assert tree_digest(tmp_path) == before


def test_commands_never_change_content(tmp_path, capsys):
    site = make_site(tmp_path)
    before = tree_digest(site / "content")
    config = str(site / "site_config.yml")
    assert cli.main(["build", "--config", config, "--today", "2026-11-20"]) == 0
    assert cli.main(["check", "--config", config, "--today", "2026-11-20"]) == 0
    args = ["new", "story", "茶亭", "--slug", "lanyuan-tea", "--date", "2026-10-08", "--config", config]
    existing = site / "content/stories/2026/lanyuan-tea.md"
    assert existing.is_file() and cli.main(args) != 0  # refuses to overwrite
    assert tree_digest(site / "content") == before


def test_killed_build_leaves_the_previous_site_whole(tmp_path):
    """SIGKILL a build at three moments: checking done, pages written, search index under way."""
    site = make_site(tmp_path)
    out = site / "site"
    build_site(site)
    before = tree_digest(out)
    story = site / "content/stories/2026/new.md"
    story.write_text("---\ntitle: 新的一篇\ndate: 2026-10-09\n---\n正文。\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "builder", "build", "--config", str(site / "site_config.yml")]
    moments = {
        "checked": lambda: any(site.glob(".site-build-*")),
        "pages written": lambda: any(site.glob(".site-build-*/mkdocs/site/index.html")),
        "search index": lambda: any(site.glob(".site-build-*/search*/*")),
    }
    for moment, reached in moments.items():
        proc = subprocess.Popen(
            [*cmd, "--today", "2026-11-20"], start_new_session=True, stdout=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        while not reached() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert proc.poll() is None, f"the build ended before it could be killed ({moment})"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert tree_digest(out) == before, moment  # the old site, every file, as it was
    assert any(site.glob(".site-build-*"))  # the killed builds' work folders are left …
    build_site(site)  # … and the next build removes them, and publishes the new story
    assert (out / "stories/2026/new/index.html").is_file()
    assert [p.name for p in site.iterdir() if p.name.startswith(".site")] == []
