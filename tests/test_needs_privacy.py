"""What the kinds of issue 18 must never publish, searched for in every output file.

A closed (or any) wish's `note:` (the office's own), a draft wish, a draft need, a draft project
(and one on a draft need), a member's full mobile and photo without their consent, a wish's photo
without the consent of the people on it, and a unit's mobile phone: each carries a canary planted
into a copy of the example district, and the built site is searched whole (pages, the gzipped
search index under pagefind/, feeds, sitemap, screens, posters, .ics, media, and file names).
Controls planted the same way in what is published prove that the search can find them.
"""

from __future__ import annotations

import shutil

import pytest
import yaml
from conftest import ROOT, TODAY, build_site, make_site, soup
from test_attacks_privacy import output_holds

from builder import pipeline
from builder.problems import ContentError
from builder.report import Report

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>{}</title></svg>'

# must appear nowhere in the output
SECRETS = {
    "gbleak-note-closed": "a closed wish's note",
    "gbleak-note-done": "a fulfilled wish's note",
    "gbleak-note-draft": "a draft wish's note",
    "gbleak-note-open": "an open wish's note (on the slide and the poster too)",
    "13905317777": "a mobile in a wish's note",
    "gbleak-wish-draft": "a draft wish, claimed by a member (its id)",
    "gbleakdraftwishtext": "a draft wish's wish",
    "gbleakdraftstory": "a draft wish's story",
    "gbleak-need-draft": "a draft need (its id)",
    "gbleakdraftneedtext": "a draft need's what",
    "gbleakdraftneeddetail": "a draft need's detail",
    "gbleak-need-draft-2": "a draft need from a published wish (its id)",
    "gbleakdraftneedonwish": "a draft need from a published wish",
    "gbleak-proj-draft": "a draft project (its id)",
    "gbleakdraftprojecttitle": "a draft project's title",
    "gbleakdraftprojectresult": "a draft project's result",
    "gbleakdraftprojectbody": "a draft project's description",
    "gbleak-proj-on-draft-need": "a draft project on a draft need (its id)",
    "13905319876": "the full mobile of a member without consent",
    "GBLEAKMEMBERPHOTO": "the photo of a member without consent (its bytes)",
    "gbleak-member-photo": "the photo of a member without consent (its name)",
    "GBLEAKPHONEONLYPHOTO": "the photo of a member who consented to their phone only",
    "GBLEAKWISHPHOTO": "a wish's photo without consent (its bytes)",
    "gbleak-wish-photo": "a wish's photo without consent (its name)",
    "13905318888": "a unit's mobile phone, not listed as public",
}
# published the same way: the search must find each (else the secrets' absence proves nothing)
CONTROLS = {
    "gbshownwishtext": "a published wish",
    "gbshownneeddetail": "a published need's detail",
    "gbshownprojectresult": "a published project's result",
    "gbshown-proj": "a published project's page",
    "gbshownmemberproject": "a project taken by the member without consent",
    "13905319875": "the mobile of a member who consented to it",
    "GBSHOWNMEMBERPHOTO": "the photo of a member who consented to it",
    "甄无同": "the member without consent (their name is public)",
}


def _place() -> tuple[str, str]:
    """A community of the example and one of its grids (read from the example, not assumed)."""
    for grid_file in sorted((ROOT / "content/grids").glob("*.yml")):
        for g in yaml.safe_load(grid_file.read_text(encoding="utf-8")) or []:
            if g.get("community"):
                return g["community"], g["id"]
    raise AssertionError("the example has no grid")


def _canaries(community: str, grid: str) -> dict[str, str]:
    c, g = community, grid
    return {
        "content/media/zz-canary/gbleak-member-photo.svg": SVG.format("GBLEAKMEMBERPHOTO"),
        "content/media/zz-canary/phone-only.svg": SVG.format("GBLEAKPHONEONLYPHOTO"),
        "content/media/zz-canary/shown.svg": SVG.format("GBSHOWNMEMBERPHOTO"),
        "content/media/zz-canary/gbleak-wish-photo.svg": SVG.format("GBLEAKWISHPHOTO"),
        "content/units/zz-canary.yml": f"""\
- id: zz-unit
  name: 金丝雀测试单位党支部
  community: {c}
  reported: 2026-03-01
  phone: "13905318888"
  offers:
    - {{id: zz-res, what: 测试用会议室}}
""",
        "content/members/zz-canary.yml": f"""\
- id: zz-nocons
  name: 甄无同
  community: {c}
  grid: {g}
  reported: 2026-03-02
  phone: "13905319876"
  photo: media/zz-canary/gbleak-member-photo.svg
  commitment: 每月参加一次网格巡查
- id: zz-phone-only
  name: 甄半同
  community: {c}
  reported: 2026-03-02
  phone: "13905319875"
  photo: media/zz-canary/phone-only.svg
  consent: {{scope: [phone], date: 2026-03-02, recorded_by: 社区党委}}
- id: zz-all
  name: 甄全同
  community: {c}
  reported: 2026-03-02
  photo: media/zz-canary/shown.svg
  consent: {{scope: [phone, photo], date: 2026-03-02, recorded_by: 社区党委}}
""",
        "content/wishes/zz-canary.yml": f"""\
- id: zz-closed
  wish: 旧轮椅换新 gbshownwishtext
  for: 赵奶奶
  community: {c}
  posted: 2026-09-01
  status: closed
  closed: {{date: 2026-09-20, reason: 已由民政部门解决}}
  note: gbleak-note-closed 家属电话 13905317777
- id: zz-done
  wish: 一台电暖器
  for: 钱爷爷
  community: {c}
  grid: {g}
  posted: 2026-09-01
  status: done
  claimed: {{by: zz-nocons, date: 2026-09-02}}
  fulfilled:
    date: 2026-09-10
    thanks: 暖和多了
    photo: {{file: media/zz-canary/gbleak-wish-photo.svg, alt: 志愿者送来电暖器}}
  note: gbleak-note-done
- id: zz-open
  wish: 一台收音机 gbshownopenwish
  for: 周爷爷
  community: {c}
  posted: 2026-11-19
  note: gbleak-note-open
- id: gbleak-wish-draft
  wish: gbleakdraftwishtext
  for: 孙奶奶
  community: {c}
  posted: 2026-09-01
  story: gbleakdraftstory
  status: claimed
  claimed: {{by: zz-nocons, date: 2026-09-02}}
  note: gbleak-note-draft
  draft: true
""",
        "content/needs/zz-canary.yml": f"""\
- id: zz-need
  what: 楼道灯坏了
  community: {c}
  raised: 2026-09-01
  detail: gbshownneeddetail
- id: gbleak-need-draft
  what: gbleakdraftneedtext
  community: {c}
  raised: 2026-09-01
  detail: gbleakdraftneeddetail
  source: wish
  wish: gbleak-wish-draft
  draft: true
- id: gbleak-need-draft-2
  what: gbleakdraftneedonwish
  community: {c}
  raised: 2026-09-21
  source: wish
  wish: zz-done
  draft: true
""",
        "content/projects/zz-canary.yml": """\
- id: gbshown-proj
  title: 楼道灯维修
  need: zz-need
  resource: zz-res
  start: 2026-09-05
  end: 2026-09-06
  status: done
  result: gbshownprojectresult
- id: gbshown-proj-member
  title: 楼道灯巡查
  need: zz-need
  by: zz-nocons
  start: 2026-09-07
  result: gbshownmemberproject
- id: gbleak-proj-draft
  title: gbleakdraftprojecttitle
  need: zz-need
  by: zz-nocons
  start: 2026-09-05
  status: done
  result: gbleakdraftprojectresult
  description: gbleakdraftprojectbody
  draft: true
- id: gbleak-proj-on-draft-need
  title: 草稿需求上的项目
  need: gbleak-need-draft
  by: zz-unit
  start: 2026-09-05
  draft: true
""",
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A copy of the example district with the canaries, built once."""
    tmp = tmp_path_factory.mktemp("needs-privacy")
    site = tmp / "example"
    shutil.copytree(ROOT / "content", site / "content")
    shutil.copy(ROOT / "site_config.yml", site / "site_config.yml")
    for rel, text in _canaries(*_place()).items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    community, _grid = _place()
    screens = site / "content/screens.yml"  # a screen playing the community's open wishes
    screens.write_text(
        screens.read_text(encoding="utf-8")
        + f"\n- id: zz-canary\n  place: 测试大厅\n  scope: {community}\n  playlist: [wishes]\n",
        encoding="utf-8",
    )
    out, report = build_site(site, tmp / "out", TODAY)
    return out, report


def test_the_controls_are_found_so_the_search_can_find(built):
    out, _ = built
    missing = [f"{needle} ({what})" for needle, what in CONTROLS.items() if not output_holds(out, needle)]
    assert missing == []
    assert any(p.startswith("pagefind/") for p in output_holds(out, "gbshownwishtext"))
    # an open wish is on the community's screen slide and its poster: so would a leaked draft be
    shown = output_holds(out, "gbshownopenwish")
    assert any(p.startswith("screens/zz-canary/") for p in shown), shown
    assert any(p.startswith("print/") for p in shown), shown
    # the member without consent is shown, with the mobile masked (its asterisks are entities)
    pages = [soup(out / rel).get_text() for rel in output_holds(out, "甄无同") if rel.endswith(".html")]
    assert any("甄无同" in text and "139****9876" in text for text in pages)


@pytest.mark.parametrize("needle", SECRETS)
def test_nothing_private_or_draft_reaches_any_output(built, needle):
    out, _ = built
    assert output_holds(out, needle) == [], SECRETS[needle]


def test_the_withheld_photos_and_drafts_are_told_to_the_author(built):
    """The build says why the wish photo is missing; drafts are not errors."""
    _out, report = built
    warned = [(w.path, w.field) for w in report.problems.warnings]
    assert ("content/wishes/zz-canary.yml", "[1].fulfilled.photo") in warned
    assert not [e for e in report.problems.errors]


# ---- the personal-number scan reads their free text (a wish's note is never published) ----------

MOBILE, ID_CARD = "13912340031", "11010519491231002X"
SAID = {MOBILE: "发现手机号 139****0031：", ID_CARD: "发现身份证号 110105********002X："}


def _scanned_files(number: str) -> dict[str, str]:
    n = number
    return {
        "content/units/zz-scan.yml": f"- id: u-a\n  name: 甲单位党支部\n  community: lanyuan\n"
        f"  reported: 2026-03-01\n  commitment: 有事找书记 {n}\n"
        f"  offers:\n    - {{id: r-a, what: 会议室, detail: 联系 {n}}}\n",
        "content/members/zz-scan.yml": f"- id: m-a\n  name: 张三\n  community: lanyuan\n"
        f"  reported: 2026-03-01\n  commitment: 有事请找 {n}\n",
        "content/wishes/zz-scan.yml": f"- id: w-1\n  wish: 轮椅\n  for: 王奶奶\n  community: lanyuan\n"
        f"  posted: 2026-09-01\n  story: 女儿说 {n}\n  note: 女儿电话 {MOBILE}，身份证 {ID_CARD}\n",
        "content/needs/zz-scan.yml": f"- id: n-1\n  what: 路灯\n  community: lanyuan\n"
        f"  raised: 2026-09-01\n  detail: 反映人 {n}\n",
        "content/projects/zz-scan.yml": f"- id: p-1\n  title: 路灯\n  need: n-1\n  by: u-a\n"
        f"  start: 2026-10-01\n  status: done\n  result: 已修好，回访 {n}\n",
    }


@pytest.mark.parametrize("number", [MOBILE, ID_CARD])
def test_a_personal_number_in_their_published_text_is_an_error_at_its_place(tmp_path, number):
    files = _scanned_files(number)
    site = make_site(tmp_path, files)
    with pytest.raises(ContentError) as info:
        pipeline.check(site / "site_config.yml", TODAY, Report())
    got = sorted(
        (e.path, e.line, e.column, e.field)
        for e in info.value.problems.errors
        if e.path in files and e.message.startswith(SAID[number])
    )

    def at(rel: str, key: str, field: str) -> tuple[str, int, int, str]:
        """Where the number is: its line, and its column (the first digit)."""
        lines = files[rel].splitlines()
        i = next(i for i, line in enumerate(lines) if key in line and number in line)
        return rel, i + 1, lines[i].index(number) + 1, field

    expected = [
        at("content/members/zz-scan.yml", "commitment:", "[0].commitment"),
        at("content/needs/zz-scan.yml", "detail:", "[0].detail"),
        at("content/projects/zz-scan.yml", "result:", "[0].result"),
        at("content/units/zz-scan.yml", "commitment:", "[0].commitment"),
        at("content/units/zz-scan.yml", "detail:", "[0].offers[0].detail"),
        at("content/wishes/zz-scan.yml", "story:", "[0].story"),
    ]
    assert got == expected
    # the note holds both numbers and is never published: not scanned, nothing reported on it
    assert not [e for e in info.value.problems.items if e.field.endswith("note")]


def test_a_member_photo_without_consent_is_an_error_wherever_the_new_kinds_use_it(tmp_path):
    """A member's own photo is withheld without their consent; a wish's photo (its consent is for
    the wish, not the member's), a unit's intro or a project's description must not publish it."""
    files = {
        "content/media/people/zz-m.svg": SVG.format("member"),
        "content/members/zz-photo.yml": "- id: m-a\n  name: 张三\n  community: lanyuan\n"
        "  reported: 2026-03-01\n  photo: media/people/zz-m.svg\n",
        # one file each: a file whose only media path is on a photo: line was once skipped whole
        **{
            f"content/wishes/zz-photo-{i}.yml": f"- id: w-{i}\n  wish: 轮椅\n  for: 王奶奶\n  community: lanyuan\n"
            f"  posted: 2026-09-01\n  status: done\n  claimed: {{by: m-a, date: 2026-09-02}}\n  fulfilled:\n"
            f"    date: 2026-09-03\n{photo}"
            for i, photo in enumerate(
                [
                    "    photo: {file: media/people/zz-m.svg, alt: 张三送来轮椅, consent: 2026-09-03}\n",
                    "    photo:\n      file: media/people/zz-m.svg\n      alt: 张三送来轮椅\n"
                    "      consent: 2026-09-03\n",
                ]
            )
        },
        "content/units/zz-photo.yml": "- id: u-a\n  name: 甲单位\n  community: lanyuan\n"
        "  reported: 2026-03-01\n  intro: '![张三](media/people/zz-m.svg)'\n",
        "content/needs/zz-photo.yml": "- id: n-1\n  what: 路灯\n  community: lanyuan\n  raised: 2026-09-01\n",
        "content/projects/zz-photo.yml": "- id: p-1\n  title: 路灯\n  need: n-1\n  by: u-a\n"
        "  start: 2026-10-01\n  description: '![张三](media/people/zz-m.svg)'\n",
    }
    site = make_site(tmp_path, files)
    with pytest.raises(ContentError) as info:
        pipeline.check(site / "site_config.yml", TODAY, Report())
    got = sorted(
        (e.path, e.line, e.field)
        for e in info.value.problems.errors
        if e.message.startswith("“media/people/zz-m.svg”是张三的照片，本人没有同意公开照片")
    )
    assert got == [
        ("content/projects/zz-photo.yml", 6, "[0].description"),
        ("content/units/zz-photo.yml", 5, "[0].intro"),
        ("content/wishes/zz-photo-0.yml", 10, "[0].fulfilled.photo.file"),
        ("content/wishes/zz-photo-1.yml", 11, "[0].fulfilled.photo.file"),
    ]


def test_a_number_in_an_id_is_reported_since_ids_become_addresses(tmp_path):
    """A project's id is its page's address, a member's or wish's the anchor of its card."""
    files = {
        "content/units/zz-ids.yml": "- id: u-13912340041\n  name: 甲单位\n  community: lanyuan\n"
        "  reported: 2026-03-01\n  offers:\n    - {id: r-13912340042, what: 会议室}\n",
        "content/members/zz-ids.yml": "- id: m-13912340043\n  name: 张三\n  community: lanyuan\n"
        "  reported: 2026-03-01\n",
        "content/wishes/zz-ids.yml": "- id: w-13912340044\n  wish: 轮椅\n  for: 王奶奶\n"
        "  community: lanyuan\n  posted: 2026-09-01\n",
        "content/needs/zz-ids.yml": "- id: n-13912340046\n  what: 路灯\n  community: lanyuan\n"
        "  raised: 2026-09-01\n",
        "content/projects/zz-ids.yml": "- id: p-13912340045\n  title: 路灯\n  need: n-13912340046\n"
        "  by: m-13912340043\n  start: 2026-10-01\n",
    }
    site = make_site(tmp_path, files)
    with pytest.raises(ContentError) as info:
        pipeline.check(site / "site_config.yml", TODAY, Report())
    got = {(e.path, e.line, e.field) for e in info.value.problems.errors if "发现手机号" in e.message}
    assert {(path, 1, "[0].id") for path in files} <= got
    assert ("content/units/zz-ids.yml", 6, "[0].offers[0].id") in got


def test_a_wish_photo_without_consent_is_withheld_everywhere(tmp_path):
    """A wish's photo without the consent of the people on it is withheld on the wish, and the
    same file (or a copy) used anywhere else is an error there, as for a person's own photo."""
    wish = (
        "- id: w-1\n  wish: 图书角\n  for: 困难家庭的孩子\n  community: lanyuan\n  posted: 2026-09-01\n"
        "  status: done\n  claimed: {by: t-med, date: 2026-09-02}\n  fulfilled:\n    date: 2026-09-03\n"
        "    photo: {file: media/stories/tea.svg, alt: 孩子们在看书}\n"
    )
    site = make_site(tmp_path, {"content/wishes/zz-photo.yml": wish})
    with pytest.raises(ContentError) as info:  # the story shows the same picture in its body
        pipeline.check(site / "site_config.yml", TODAY, Report())
    errors = [e for e in info.value.problems.errors if "media/stories/tea.svg" in e.message]
    assert [(e.path, e.line, e.field) for e in errors] == [
        ("content/stories/2026/lanyuan-tea.md", 13, "正文 body"),
        ("content/stories/2026/lanyuan-tea.md", 15, "正文 body"),
    ]
    assert errors[0].message == (
        "“media/stories/tea.svg”是微心愿“w-1”的照片，照片上的人没有同意公开（content/wishes/zz-photo.yml:10 "
        "没有写 consent: 日期）：用在这里会被复制到网站上公开。请换一张图片，或先取得照片上的人的同意、在那里写上 consent: 日期"
    )
    # with their consent, the story may use it
    (site / "content/wishes/zz-photo.yml").write_text(
        wish.replace("alt: 孩子们在看书}", "alt: 孩子们在看书, consent: 2026-09-03}"), encoding="utf-8"
    )
    pipeline.check(site / "site_config.yml", TODAY, Report())
