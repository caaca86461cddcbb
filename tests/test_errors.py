"""Every kind of author mistake: reported with file:line:column, field, Chinese + English; all at once."""

import subprocess
import sys

import pytest
from conftest import TODAY, build_site, make_site

from builder import pipeline
from builder.outputs.manifest import write_manifest
from builder.problems import ContentError
from builder.report import Report

GRIDS = "content/grids/donghu.yml"
BOARD = "content/board/2026.yml"


def problems_of(site):
    with pytest.raises(ContentError) as info:
        pipeline.check(site / "site_config.yml", TODAY, Report())
    return info.value.problems.errors


def edited(tmp_path, rel, old, new, base_files=None):
    """The minimal site with one replacement made in one file."""
    site = make_site(tmp_path, base_files)
    path = site / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return site


def only(errors):
    assert len(errors) == 1, [e.format() for e in errors]
    return errors[0]


def test_yaml_syntax_error(tmp_path):
    site = edited(tmp_path, GRIDS, "  covers: 兰苑小区1—4号楼", "  covers: [兰苑小区1—4号楼")
    e = only(problems_of(site))
    assert e.path == GRIDS and e.line == 7
    assert "方括号" in e.message and e.english


def test_wrong_type(tmp_path):
    site = edited(tmp_path, GRIDS, "households: 380", "households: 三百八十")
    e = only(problems_of(site))
    assert (e.path, e.line, e.column, e.field) == (GRIDS, 8, 15, "[0].households")
    assert "整数" in e.message and e.english == "expected a whole number"


def test_missing_required_field(tmp_path):
    site = edited(tmp_path, GRIDS, "  kind: dedicated\n", "")
    e = only(problems_of(site))
    assert e.field == "[1].kind" and e.line == 27
    assert e.message == "缺少必填字段“kind”"


def test_unknown_field_is_not_silently_ignored(tmp_path):
    site = edited(tmp_path, GRIDS, "households: 380", "househlds: 380")
    e = only(problems_of(site))
    assert e.field == "[0].househlds" and "不认识的字段" in e.message


def test_unknown_reference(tmp_path):
    site = edited(tmp_path, GRIDS, "community: lanyuan\n  code", "community: lanyuann\n  code")
    e = only(problems_of(site))
    assert (e.line, e.field) == (3, "[0].community")
    assert "找不到社区“lanyuann”" in e.message and "lanyuan" in e.message
    assert "unknown community 'lanyuann'" in e.english


def test_duplicate_id(tmp_path):
    site = edited(tmp_path, GRIDS, "- id: ly-02", "- id: ly-01")
    e = only(problems_of(site))
    assert (e.line, e.field) == (27, "[1].id")
    assert "重复" in e.message and f"{GRIDS}:1" in e.message


def test_bad_date(tmp_path):
    site = edited(tmp_path, BOARD, "until: 2026-07-10", "until: 2026-07-32")
    e = only(problems_of(site))
    assert (e.path, e.line, e.field) == (BOARD, 15, "[1].until")
    assert "YYYY-MM-DD" in e.message


def test_bad_posting_time(tmp_path):
    site = edited(tmp_path, BOARD, 'posted: "2026-07-01 10:30"', "posted: 2026年7月1日")
    e = only(problems_of(site))
    assert e.field == "[1].posted" and "HH:MM" in e.message


def test_unknown_role(tmp_path):
    site = edited(tmp_path, GRIDS, "role: party_instructor", "role: instructor")
    e = only(problems_of(site))
    assert (e.line, e.field) == (21, "[0].team[2].role")
    assert "找不到角色“instructor”" in e.message and "party_instructor" in e.message


def test_phone_written_as_number(tmp_path):
    """Unquoted, 0531.88002222 is the decimal 531.88002222: the 0 is gone, and the message says so."""
    site = edited(tmp_path, GRIDS, 'phone: "13800002222"', "phone: 0531.88002222")
    e = only(problems_of(site))
    assert (e.line, e.column, e.field) == (18, 14, "[0].team[1].phone")
    assert e.message == (
        "电话号码没加引号，YAML 把它读成了小数 531.88002222：区号开头的 0 已经丢了（末尾的 0 也会丢）。"
        '请加英文引号，区号和号码之间用短横线，如 "0531-88002222"，并核对号码'
    )


def test_until_before_posted(tmp_path):
    site = edited(tmp_path, BOARD, "until: 2026-11-30\n  source: 兰苑", "until: 2026-11-10\n  source: 兰苑")
    e = only(problems_of(site))
    assert (e.line, e.field) == (6, "[0].until")
    assert "早于发布日期" in e.message


def test_publicity_period_too_short(tmp_path):
    site = edited(tmp_path, BOARD, "until: 2026-07-10", "until: 2026-07-03")
    e = only(problems_of(site))
    assert "公示期只有 3 天，少于规定的 5 天" in e.message


def test_missing_media_file(tmp_path):
    site = edited(tmp_path, GRIDS, "photo: media/people/a.svg", "photo: media/people/wang.jpg")
    e = only(problems_of(site))
    assert (e.line, e.field) == (20, "[0].team[1].photo")
    assert "找不到文件“content/media/people/wang.jpg”" in e.message


def test_missing_image_in_story_body_names_the_body_line(tmp_path):
    story = "content/stories/2026/lanyuan-tea.md"
    site = edited(tmp_path, story, "每周三晚上", "![茶亭](media/stories/none.jpg)\n每周三晚上")
    e = only(problems_of(site))
    assert (e.path, e.line) == (story, 17)


def test_media_path_may_not_leave_content(tmp_path):
    site = edited(tmp_path, GRIDS, "photo: media/people/a.svg", "photo: ../site_config.yml")
    assert "跑出了 content/" in only(problems_of(site)).message


def test_grid_code_must_match_its_community(tmp_path):
    site = edited(tmp_path, GRIDS, '"370199001001001"', '"370199001002001"')
    assert "应以上级社区代码“370199001001”开头" in only(problems_of(site)).message


def test_yes_no_words_and_numbers_where_text_is_meant(tmp_path):
    site = edited(tmp_path, GRIDS, "covers: 兰苑小区1—4号楼", "covers: no")
    assert "是/否" in only(problems_of(site)).message


def test_all_errors_at_once_sorted_by_file_and_line(tmp_path):
    site = make_site(tmp_path)
    grids = (site / GRIDS).read_text(encoding="utf-8")
    grids = grids.replace('phone: "13800002222"', "phone: 0531.88002222").replace(
        "role: party_instructor", "role: x"
    )
    (site / GRIDS).write_text(grids, encoding="utf-8")
    board = (site / BOARD).read_text(encoding="utf-8").replace("until: 2026-07-10", "until: 2026-07-32")
    (site / BOARD).write_text(board, encoding="utf-8")
    errors = problems_of(site)
    assert [(e.path, e.line) for e in errors] == [(BOARD, 15), (GRIDS, 18), (GRIDS, 21)]


def test_cli_prints_every_error_exits_1_without_traceback(tmp_path):
    site = edited(tmp_path, GRIDS, 'phone: "13800002222"', "phone: 0531.88002222")
    out = site / "site"
    out.mkdir()
    (out / "index.html").write_text("last good site", encoding="utf-8")
    (out / "version.json").write_text("{}", encoding="utf-8")
    write_manifest(out, "gridboard test")  # what proves a previous build
    run = subprocess.run(
        [sys.executable, "-m", "builder", "build", "--today", "2026-11-20"],
        cwd=site,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr + run.stdout
    assert f"{GRIDS}:18:14" in run.stderr and "(YAML read the unquoted phone number" in run.stderr
    assert "1 error(s)" in run.stderr
    # nothing was written: the last good site is untouched, no stray work folders
    assert (out / "index.html").read_text(encoding="utf-8") == "last good site"
    assert sorted(p.name for p in site.iterdir()) == ["content", "site", "site_config.yml"]


def test_broken_site_config_is_reported_too(tmp_path):
    site = edited(tmp_path, "site_config.yml", "  grid_leader: 网格长", "  Grid Leader: 网格长")
    errors = problems_of(site)
    assert errors[0].path == "site_config.yml" and "Grid Leader" in errors[0].message


SCREEN_NAMING_ABOUT = """\
- id: hall
  place: 兰苑社区党群服务中心
  orientation: landscape
  scope: lanyuan
  playlist:
    - {show: page, page: about}
"""


@pytest.mark.parametrize(
    "broken",
    ["---\ntitle: [关于本站\n---\n正文。\n", "---\ntitle: 关于本站\norder: 第一\n---\n正文。\n"],
    ids=["page that cannot be read", "page whose front matter is wrong"],
)
def test_a_page_that_could_not_be_read_is_not_also_missing_for_the_screen_naming_it(tmp_path, broken):
    site = make_site(tmp_path, {"content/screens.yml": SCREEN_NAMING_ABOUT, "content/pages/about.md": broken})
    with pytest.raises(ContentError) as e:
        build_site(site)
    errors = [p for p in e.value.problems.items if p.severity == "error"]
    assert [p.path for p in errors] == ["content/pages/about.md"]
    assert not any("找不到页面" in p.message for p in e.value.problems.items)


def test_a_screen_naming_a_page_that_does_not_exist_is_still_told(tmp_path):
    site = make_site(
        tmp_path, {"content/screens.yml": SCREEN_NAMING_ABOUT.replace("page: about", "page: abuot")}
    )
    with pytest.raises(ContentError) as e:
        build_site(site)
    (problem,) = [p for p in e.value.problems.items if p.severity == "error"]
    assert problem.path == "content/screens.yml" and "找不到页面“abuot”，是不是“about”？" in problem.message
