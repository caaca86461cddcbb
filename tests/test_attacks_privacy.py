"""Attacks on privacy: personal data that got past the scan (issue 14, item 8).

A mobile number in a file name reached the URL, the sitemap, the home page, the screens and the
search index; a number spelt with entities, full-width digits, invisible characters or tags
between its digits was rendered and indexed in full; a team member's photo without consent used
as a story's cover or an inline image was published; `replaced_by` naming an internal posting
published its id as a dead link. Each is planted in a fixture site and `gridboard check` must
refuse it at the author's file and line; where it reached outputs, a variant that is allowed is
built and every output file (pages, sitemap, the gzipped search index, screens, posters) is
searched for what must not be there.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
from pathlib import Path

from conftest import TODAY, build_site, make_site, search_records, soup
from hypothesis import given, settings
from hypothesis import strategies as st

from builder import cli, pipeline
from builder.personal_numbers import numbers_as_read
from builder.problems import ContentError
from builder.report import Report

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>{}</title></svg>'
SCREEN = "- id: all\n  place: 大厅\n  scope: testqu\n  playlist: [board, teams, stories, figures]\n"


def gridboard_check(site: Path, capsys, today: str = "2026-11-20") -> tuple[int, str]:
    """Run `gridboard check` as an author would; (exit code, what it printed)."""
    code = cli.main(["check", "--config", str(site / "site_config.yml"), "--today", today])
    out = capsys.readouterr()
    return code, out.out + out.err


def problems_of(site: Path, today: dt.date = TODAY):
    report = Report()
    try:
        pipeline.check(site / "site_config.yml", today, report)
    except ContentError as err:
        return err.problems
    return report.problems


def output_holds(out: Path, needle: str) -> list[str]:
    """Every output file whose path or bytes hold `needle` (gzipped files, such as Pagefind's
    index, unpacked): pages, sitemap.xml, search index, screens, print posters, media."""
    hits, raw = [], needle.encode()
    for f in sorted(out.rglob("*")):
        rel = f.relative_to(out).as_posix()
        if needle in rel:
            hits.append(rel)
        elif f.is_file():
            data = f.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            if raw in data:
                hits.append(rel)
    return hits


def line_of(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """(1-based line, column) of `needle` in `text` (the place an author's editor jumps to)."""
    before = text[: text.index(needle)]
    return before.count("\n") + 1 + offset, len(before) - before.rfind("\n")


# ---- (a) a number in a file or folder name --------------------------------------------------

STORY = "---\ntitle: 张大爷的一天\ndate: 2026-10-06\n---\n张大爷今年八十岁。\n"
NAMED = {
    "content/stories/2026/zhang-13912340008.md": STORY,
    "content/media/13912340009/tea.svg": SVG.format("in a folder"),
    "content/media/wang-13912340010.svg": SVG.format("a media file"),
    "content/pages/13912340011.md": "---\ntitle: 联系我们\n---\n请到社区办理。\n",
    "content/board/13912340012.yml": "[]\n",
    "content/media/id-11010519491231002X.svg": SVG.format("an ID number"),
}


def test_a_number_in_a_file_or_folder_name_is_an_error_at_the_file(tmp_path, capsys):
    site = make_site(tmp_path, NAMED)
    code, printed = gridboard_check(site, capsys)
    assert code == 1
    assert (
        "content/stories/2026/zhang-13912340008.md: 错误 error [文件名 file name]: 文件名里有手机号 "
        "139****0008：文件名和文件夹名会成为网址，出现在站点地图、首页、大屏和搜索里。请给这个文件改名，去掉号码\n"
        "    (a mobile number (139****0008) in the file name: names become web addresses; rename it)"
    ) in printed
    assert (
        "content/media/13912340009: 错误 error [文件夹名 folder name]: 文件夹名里有手机号 139****0009："
    ) in printed
    errors = [(p.path, p.line, p.field) for p in problems_of(site).errors]
    assert errors == [
        ("content/board/13912340012.yml", 0, "文件名 file name"),
        ("content/media/13912340009", 0, "文件夹名 folder name"),
        ("content/media/id-11010519491231002X.svg", 0, "文件名 file name"),
        ("content/media/wang-13912340010.svg", 0, "文件名 file name"),
        ("content/pages/13912340011.md", 0, "文件名 file name"),
        ("content/stories/2026/zhang-13912340008.md", 0, "文件名 file name"),
    ]
    said = " ".join(p.message + p.english for p in problems_of(site).errors)
    for number in ("13912340008", "13912340009", "11010519491231002X"):
        assert number not in said  # the message names the file, it does not repeat the number


def test_dates_and_codes_in_file_names_are_not_numbers(tmp_path):
    files = {
        "content/stories/2026/2026-10-08-dangke.md": STORY,
        "content/media/IMG_20261008_143012.svg": SVG.format("camera"),
        "content/media/mmexport1696745412345.svg": SVG.format("wechat"),
        "content/media/Screenshot_2026-10-08-14-30-12.svg": SVG.format("screenshot"),
        "content/media/370199001001001/plan.svg": SVG.format("grid code"),
    }
    assert problems_of(make_site(tmp_path, files)).errors == []


def test_a_file_name_reaches_every_output_so_only_a_listed_or_draft_one_passes(tmp_path):
    """Listed as public, the name is everywhere (the search below can find it); a draft of the
    same name is a warning and nowhere in the output."""
    site = make_site(
        tmp_path, {"content/stories/2026/zhang-13912340008.md": STORY, "content/screens.yml": SCREEN}
    )
    config = site / "site_config.yml"  # with an address, the sitemap lists every page
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("site:\n", "site:\n  url: https://test.example.gov.cn/\n", 1), "utf-8")
    allow = "- file: content/stories/2026/zhang-13912340008.md\n  number: '13912340008'\n  reason: 测试\n"
    (site / "content/public_numbers.yml").write_text(allow, encoding="utf-8")
    out, _ = build_site(site, tmp_path / "listed")
    found = output_holds(out, "13912340008")
    assert "sitemap.xml" in found and "index.html" in found and "stories/index.html" in found
    assert "screens/all/index.html" in found
    assert any(f.startswith("pagefind/") for f in found)
    assert any("zhang-13912340008" in r["url"] for r in search_records(out))

    (site / "content/public_numbers.yml").unlink()
    draft = STORY.replace("date: 2026-10-06\n", "date: 2026-10-06\ndraft: true\n")
    (site / "content/stories/2026/zhang-13912340008.md").write_text(draft, encoding="utf-8")
    out, report = build_site(site, tmp_path / "draft")
    [warning] = [w for w in report.problems.warnings if w.field == "文件名 file name"]
    assert warning.path == "content/stories/2026/zhang-13912340008.md" and "发布前必须处理" in warning.message
    assert output_holds(out, "13912340008") == []
    assert output_holds(out, "张大爷") == []


# ---- (b) a number spelt so that the text as written does not show it ------------------------

HIDDEN = [  # (label, the number as written): each on its own line of a story
    ("十进制实体", "139&#49;2340001"),
    ("十六进制实体", "139&#x31;2340002"),
    ("补零实体", "139&#0049;2340003"),
    ("命名实体", "&sup1;3912340004"),
    ("全角", "１３９１２３４０００５"),
    ("零宽空格", "139\u200b1234\u200b0006"),
    ("软连字符", "139\u00ad1234\u00ad0007"),
    ("连接符", "139\u20601234\ufeff0008"),
    ("标签", '139<span style="color:#333;font-family:Microsoft YaHei">1</span>2340009'),
    ("注释", "139<!-- x -->12340010"),
    ("强调", "139**1**2340011"),
    ("代码", "139`1`2340012"),
    ("链接", "139[1](#a)2340013"),
    ("电话链接", '<a href="tel:139&#x31;2340014">拨打</a>'),
    ("圈码", "139⑫340015"),  # ⑫ reads 12
    ("键帽", "1\ufe0f\u20e33912340016"),
    ("百分号", "[拨打](tel:139%312340017)"),
    ("身份证", "110105&#49;9491231002X"),
    ("银行卡", "6222&nbsp;0212&nbsp;3456&nbsp;7890&nbsp;128"),
]
HIDDEN_STORY = (
    '---\ntitle: 走访 139&#49;2340020\ndate: 2026-10-02\nsummary: "139\\u00312340021"\n---\n'
    + "".join(f"{label} {spelt} 。\n" for label, spelt in HIDDEN)
    + "跨行的 1391234\n0022 号码\n"
)


def test_numbers_spelt_to_hide_are_errors_at_their_line_and_column(tmp_path, capsys):
    grids = (make_site(tmp_path / "src") / "content/grids/donghu.yml").read_text(encoding="utf-8")
    site = make_site(
        tmp_path,
        {
            "content/stories/2026/hidden.md": HIDDEN_STORY,
            "content/grids/donghu.yml": grids.replace(
                "covers: 兰苑小区1—4号楼", "covers: 楼长 139&#x31;2340023"
            ),
            "content/screens.yml": "- id: lobby\n  place: 大厅（管理员 １３９&#49;2340024）\n  scope: testqu\n",
        },
    )
    code, printed = gridboard_check(site, capsys)
    assert code == 1
    assert (
        "content/stories/2026/hidden.md:6:7: 错误 error [正文 body]: 发现手机号 139****0001：个人手机号不能直接公开，"
        "请删去、改成打码写法或改用办公电话（如 139****0001）。确需公开的，请登记到 content/public_numbers.yml"
        "（写明文件、号码和理由）"
    ) in printed
    found = {(p.path, p.line, p.column, p.field): p.message for p in problems_of(site).errors}
    expected = {
        ("content/stories/2026/hidden.md", 2, 11, "title"),
        ("content/stories/2026/hidden.md", 4, 10, "summary"),
    }
    for i, (label, spelt) in enumerate(HIDDEN):
        column = len(label) + 2 + (spelt.index("139") if spelt.startswith(("<a", "[")) else 0)
        expected.add(("content/stories/2026/hidden.md", 6 + i, column, "正文 body"))
    body_end = 6 + len(HIDDEN)
    expected.add(("content/stories/2026/hidden.md", body_end, 5, "正文 body"))
    expected.add(("content/grids/donghu.yml", 6, 14, "[0].covers"))
    expected.add(("content/screens.yml", 2, 17, "[0].place"))
    assert set(found) == expected, sorted(set(found) ^ expected)
    assert "身份证号 110105********002X" in printed and "银行卡号 6222 **** 0128" in printed
    assert "13912340001" not in printed and "11010519491231002X" not in printed


PRECISE = """---
title: 2026&nbsp;年第&#49;季度居务公开
date: 2026-10-02
summary: 共办理 1,234 件，金额 ￥3,200.50 元
---
2026&nbsp;年 10&nbsp;月 8&nbsp;日 09:00，共 1,234,567 元，编号 DJ-2026-001。

<table><tr><td>139</td><td>12340012</td></tr><tr><td>2026</td><td>1008</td><td>1391</td></tr></table>

网格代码 <span>370199</span><span>001001001</span>，座机 0531-88000009，热线 12345。

已打码 139****0012、139\\*\\*\\*\\*0012、110105\\*\\*\\*\\*\\*\\*\\*\\*002X，卡号 6222 **** **** 0128。

第 １ 网格 ① 号楼 ② 单元 13 层，**2026** 年 **10** 月，`2026-10-08`，面积 1200m² 。

1. 第一项 2026 年
2. 第二项 1391 户

| 序号 | 户数 |
|:--|--:|
| 1 | 139 |
| 2 | 12340012 |
"""


def test_dates_codes_money_and_masked_numbers_read_as_they_are(tmp_path):
    """The reader's view must not make numbers of what a reader does not see as one."""
    site = make_site(tmp_path, {"content/stories/2026/precise.md": PRECISE})
    problems = problems_of(site)
    assert problems.errors == []
    assert [w for w in problems.warnings if "号" in w.message and "precise" in w.path] == []


HIDDEN_SMALL = "---\ntitle: 走访\ndate: 2026-10-02\n---\n联系 139&#49;2340003 或 139<b>1</b>2340004。\n"


def test_a_hidden_number_is_rendered_and_indexed_in_full_so_it_must_not_pass(tmp_path):
    """Listed as public, the entity-spelt number is on the page and in the search index in full:
    that is what the scan prevents. Masked, or in a draft, it is nowhere."""
    site = make_site(
        tmp_path, {"content/stories/2026/hidden.md": HIDDEN_SMALL, "content/screens.yml": SCREEN}
    )
    allow = "".join(
        f"- file: content/stories/2026/hidden.md\n  number: '{n}'\n  reason: 测试\n"
        for n in ("13912340003", "13912340004")
    )
    (site / "content/public_numbers.yml").write_text(allow, encoding="utf-8")
    out, _ = build_site(site, tmp_path / "listed")
    page = soup(out / "stories/2026/hidden/index.html").select_one("article").get_text()
    assert "13912340003" in page and "13912340004" in page
    [record] = [r for r in search_records(out) if "hidden" in r["url"]]
    assert "13912340003" in record["content"] and "13912340004" in record["content"]

    stars = "\\*" * 4  # escaped: Markdown would read **** as emphasis and drop it
    masked = HIDDEN_SMALL.replace("139&#49;2340003", f"139{stars}0003")
    masked = masked.replace("139<b>1</b>2340004", f"139{stars}0004")
    (site / "content/public_numbers.yml").unlink()
    (site / "content/stories/2026/hidden.md").write_text(masked, encoding="utf-8")
    out, _ = build_site(site, tmp_path / "masked")
    assert "139****0003" in soup(out / "stories/2026/hidden/index.html").get_text()
    draft = HIDDEN_SMALL.replace("---\n联系", "draft: true\n---\n联系")
    (site / "content/stories/2026/hidden-draft.md").write_text(draft, encoding="utf-8")
    out, report = build_site(site, tmp_path / "draft")
    assert [w.line for w in report.problems.warnings if w.path.endswith("hidden-draft.md")] == [6, 6]
    for number in ("13912340003", "13912340004"):
        assert output_holds(out, number) == []


DIGIT_SPELLINGS = {
    "1": ["1", "&#49;", "&#x31;", "&#0049;", "１", "<span>1</span>", "&sup1;"],
    "3": ["3", "&#51;", "３", "<b>3</b>"],
    "9": ["9", "&#57;", "９", "<i>9</i>"],
}
GAPS = ["", "\u200b", "\u00ad", "\u2060", "<span></span>", "<!---->"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(GAPS), min_size=10, max_size=10),
    st.lists(st.integers(0, 6), min_size=11, max_size=11),
    st.text(alphabet="社区网格。，（）ab 　", max_size=8),
)
def test_any_spelling_of_a_mobile_is_found_at_its_first_digit(gaps, picks, before):
    """Each digit spelt any way, any invisible gap between digits: the number is found, at the
    offset of its first digit in the text as written."""
    digits = "13912340001"
    spelt = [
        DIGIT_SPELLINGS.get(d, [d])[k % len(DIGIT_SPELLINGS.get(d, [d]))]
        for d, k in zip(digits, picks, strict=True)
    ]
    text = before + spelt[0] + "".join(g + s for g, s in zip(gaps, spelt[1:], strict=True)) + "。"
    found = numbers_as_read(text, TODAY)
    assert [(f.kind, f.number) for f in found] == [("mobile", digits)], text
    assert found[0].start == len(before) + (spelt[0].index("1") if spelt[0].startswith("<") else 0)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789１３&#x;<>/span!-*_`[]()\n \u200b\u00ad⑫X年")), max_size=60
    )
)
def test_the_reader_view_never_fails(text):
    for f in numbers_as_read(text, TODAY):
        assert 0 <= f.start < len(text)


# ---- (c) a photo without consent used anywhere --------------------------------------------

PEOPLE = {
    "content/media/people/a.svg": SVG.format("QIANPHOTOBYTES"),  # 钱卫东's, no consent
    "content/media/people/sec.svg": SVG.format("SECPHOTOBYTES"),
    "content/media/people/leader.svg": SVG.format("LEADERPHOTOBYTES"),
    "content/media/copies/qian.svg": SVG.format("QIANPHOTOBYTES"),  # the same picture renamed
    "content/studios/studios.yml": """- id: s-lan
  name: 兰苑书记工作室
  community: lanyuan
  secretary:
    name: 赵秀兰
    title: 兰苑社区党委书记
    photo: media/people/sec.svg
""",
    "content/showcase/showcases.yml": """- id: sc-lan
  community: lanyuan
  title: 兰苑示范小区
  photos:
    - media/people/a.svg
    - {file: media/people/sec.svg, alt: 工作室}
""",
    "content/stories/2026/cover.md": """---
title: 入户走访
date: 2026-10-05
cover: media/people/a.svg
cover_alt: 网格员入户
---
![队长](media/people/leader.svg)

<p>书记<img src="./media/people/sec.svg" alt="书记"></p>

[看照片](media/people/a.svg) 和 [另一张](media/people/%61.svg)
""",
    "content/pages/photos.md": "---\ntitle: 风采\n---\n![](media/copies/qian.svg)\n",
    "content/stories/2026/later.md": "---\ntitle: 草稿\ndate: 2026-10-06\ndraft: true\n---\n![](media/people/a.svg)\n",
}
PUBLIC_USE = """- id: p-photo
  title: 网格员风采公示
  category: residents
  scope: lanyuan
  posted: "2026-11-15 09:00"
  until: 2026-11-30
  source: 兰苑社区居委会
  attachments: [media/links/qian.svg]
"""
INTERNAL_USE = """- id: p-internal-photo
  title: 内部
  category: party
  scope: testqu
  audience: internal
  posted: "2026-11-10 09:00"
  until: 2026-11-30
  source: 测试区委
  attachments: [media/people/a.svg]
"""


def _people_site(tmp_path: Path) -> Path:
    site = make_site(tmp_path, PEOPLE)
    services = site / "content/services/list.yml"
    services.write_text(
        services.read_text(encoding="utf-8").replace(
            "    members: 12\n",
            "    leader: {name: 鲁卫平, photo: media/people/leader.svg}\n    members: 12\n",
        ),
        encoding="utf-8",
    )
    grids = site / "content/grids/donghu.yml"
    grids.write_text(
        grids.read_text(encoding="utf-8").replace(
            "  services: [yanglao]\n",
            "  services: [yanglao]\n  notes: |\n    网格员合影：\n\n    ![合影](media/people/sec.svg)\n",
            1,
        ),
        encoding="utf-8",
    )
    (site / "content/media/links").mkdir()
    (site / "content/media/links/qian.svg").symlink_to(site / "content/media/people/a.svg")
    board = site / "content/board/2026.yml"
    board.write_text(board.read_text(encoding="utf-8") + PUBLIC_USE + INTERNAL_USE, encoding="utf-8")
    return site


def test_a_photo_without_consent_is_an_error_wherever_it_is_used(tmp_path, capsys):
    site = _people_site(tmp_path)
    code, printed = gridboard_check(site, capsys)
    assert code == 1
    assert (
        "content/stories/2026/cover.md:4:8: 错误 error [cover]: “media/people/a.svg”是钱卫东的照片，本人没有同意公开照片"
        "（content/grids/donghu.yml:20 的 consent 里没有 photo）：用在这里会被复制到网站上公开。请换一张图片，"
        "或先登记本人的书面同意（consent: {scope: [photo], date: 签字日期}）\n"
        "    ('media/people/a.svg' is the photo of 钱卫东 (content/grids/donghu.yml:20), who has not consented to "
        "publishing it: use another picture, or record their consent (consent.scope: [photo]) first)"
    ) in printed
    uses = [
        (p.path, p.line, p.column, p.field, re.match(r"“[^”]+”是(\w+)的照片", p.message)[1])
        for p in problems_of(site).errors
        if "的照片" in p.message
    ]
    assert uses == [
        ("content/board/2026.yml", 42, 17, "[4].attachments[0]", "钱卫东"),  # a link to the file
        ("content/grids/donghu.yml", 29, 11, "[0].notes", "赵秀兰"),
        ("content/pages/photos.md", 4, 5, "正文 body", "钱卫东"),  # a copy under another name
        ("content/showcase/showcases.yml", 5, 7, "[0].photos[0]", "钱卫东"),
        ("content/showcase/showcases.yml", 6, 14, "[0].photos[1].file", "赵秀兰"),
        ("content/stories/2026/cover.md", 4, 8, "cover", "钱卫东"),
        ("content/stories/2026/cover.md", 7, 7, "正文 body", "鲁卫平"),
        ("content/stories/2026/cover.md", 9, 18, "正文 body", "赵秀兰"),
        ("content/stories/2026/cover.md", 11, 7, "正文 body", "钱卫东"),
        ("content/stories/2026/cover.md", 11, 35, "正文 body", "钱卫东"),  # %-escaped
    ], [p.format() for p in problems_of(site).errors]
    [draft] = [w for w in problems_of(site).warnings if w.path.endswith("later.md") and "的照片" in w.message]
    assert draft.line == 6 and "发布前必须处理" in draft.message


def test_with_consent_the_photo_is_published_and_without_it_nowhere(tmp_path):
    """The same uses pass once each person has consented, and the build publishes the photos (so
    the search below finds them); used only in a draft and an internal posting, they are nowhere."""
    site = _people_site(tmp_path)
    consent = "consent: {scope: [photo], date: 2026-01-05}"
    for rel, old, new in [
        (
            "content/grids/donghu.yml",
            "photo: media/people/a.svg\n",
            f"photo: media/people/a.svg\n      {consent}\n",
        ),
        (
            "content/studios/studios.yml",
            "photo: media/people/sec.svg\n",
            f"photo: media/people/sec.svg\n    {consent}\n",
        ),
        (
            "content/services/list.yml",
            "photo: media/people/leader.svg}",
            f"photo: media/people/leader.svg, {consent}}}",
        ),
    ]:
        f = site / rel
        f.write_text(f.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    cover = site / "content/stories/2026/cover.md"  # the media check reads %61 as a missing file
    cover.write_text(
        cover.read_text(encoding="utf-8").replace(" 和 [另一张](media/people/%61.svg)", ""), "utf-8"
    )
    out, _ = build_site(site, tmp_path / "consented")
    for marker in ("QIANPHOTOBYTES", "SECPHOTOBYTES", "LEADERPHOTOBYTES"):
        assert output_holds(out, marker), marker

    site = make_site(tmp_path / "draft", {k: v for k, v in PEOPLE.items() if k.startswith("content/media/")})
    later = PEOPLE["content/stories/2026/later.md"]
    (site / "content/stories/2026/later.md").write_text(later, encoding="utf-8")
    board = site / "content/board/2026.yml"
    board.write_text(board.read_text(encoding="utf-8") + INTERNAL_USE, encoding="utf-8")
    out, report = build_site(site, tmp_path / "unpublished")
    assert [w.path for w in report.problems.warnings if "的照片" in w.message] == [
        "content/stories/2026/later.md"
    ]
    assert output_holds(out, "QIANPHOTOBYTES") == [] and output_holds(out, "people/a.svg") == []


# ---- (d) replaced_by naming a posting the public cannot open --------------------------------


def _board_with(tmp_path: Path, target: str) -> Path:
    site = make_site(tmp_path)
    board = site / "content/board/2026.yml"
    text = board.read_text(encoding="utf-8").replace(
        "  source: 兰苑社区居委会\n",
        f"  source: 兰苑社区居委会\n  status: revised\n  replaced_by: {target}\n",
        1,
    )
    board.write_text(text, encoding="utf-8")
    return site


def test_replaced_by_an_internal_posting_is_an_error(tmp_path, capsys):
    """A public posting is corrected in public: a correction only staff can open is a mistake
    (and its id on the public page names an internal document)."""
    site = _board_with(tmp_path, "p-internal")
    code, printed = gridboard_check(site, capsys)
    assert code == 1
    assert (
        "content/board/2026.yml:9:16: 错误 error [[0].replaced_by]: 更正后的公示“p-internal”是内部公示（audience: internal），"
        "公众打不开：公开的公示要公开更正。请把更正的那一条改为公开（删去 audience: internal），或删去 replaced_by\n"
        "    (replaced_by names the internal posting 'p-internal', which the public cannot open: a public posting is "
        "corrected in public; make the correction public or drop replaced_by)"
    ) in printed
    assert len(problems_of(site).errors) == 1


def test_replaced_by_a_posting_not_yet_posted_is_linked_once_it_is(tmp_path):
    """A correction scheduled for later is legitimate: until it is posted the original says it is
    revised but links nowhere, and nothing of the correction is published."""
    site = _board_with(tmp_path, "p-future")
    assert problems_of(site).errors == []
    out, _ = build_site(site, tmp_path / "before")
    page = soup(out / "board/p-current/index.html")
    assert "已更正" in page.get_text()
    assert page.find("dt", string="更正后的公示") is None
    assert output_holds(out, "p-future") == [] and output_holds(out, "FUTUREMARK") == []

    out, _ = build_site(site, tmp_path / "after", today=dt.date(2026, 12, 11))
    link = soup(out / "board/p-current/index.html").find("dt", string="更正后的公示").find_next("a")
    assert (out / "board/p-current" / link["href"] / "index.html").resolve().is_file()
    assert "FUTUREMARK" in soup(out / "board/p-future/index.html").get_text()
