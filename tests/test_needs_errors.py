"""Every mistake in the kinds of issue 18 (units, members, wishes, needs, projects) is reported at
its file:line and field, in Chinese with English, saying what would be right, with a guess for an
id that is nearly right, and all of them in one run. `gridboard check` prints them and exits 1,
never with a traceback.

The minimal fixture has communities lanyuan (grids ly-01, ly-02), zhuyuan and songlin, and a
volunteer team t-med. Only the problems in the files written here are compared, so content
another test adds to the fixture does not change them.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT, TODAY, make_site
from hypothesis import HealthCheck, given, settings
from test_fuzz import _check, _mutated, _reshaped

from builder import pipeline
from builder.problems import ContentError
from builder.report import Report

UNITS, MEMBERS = "content/units/zz-errors.yml", "content/members/zz-errors.yml"
WISHES, NEEDS, PROJECTS = (
    "content/wishes/zz-errors.yml",
    "content/needs/zz-errors.yml",
    "content/projects/zz-errors.yml",
)

FILES = {
    UNITS: """\
- id: u-re
  name: 热电公司第三分公司党支部
  community: lanyuan
  reported: 2026-03-01
  offers:
    - {id: r-room, what: 职工活动室借用}
- id: u-bad
  name: 区人民医院第二党支部
  community: lanyun
  reported: 2026-03-01
- id: t-med
  name: 东湖小学党支部
  community: zhuyuan
  reported: 2026-03-02
""",
    MEMBERS: """\
- id: m-zhao
  name: 赵磊
  unit: u-re
  community: lanyuan
  grid: ly-01
  reported: 2026-03-10
  offers:
    - {id: r-repair, what: 水电小修}
- id: m-qian
  name: 钱进
  unit: u-ree
  community: lanyuan
  grid: ly-02x
  reported: 2026-03-10
  offers:
    - {id: r-room, what: 自家的会议室}
- id: m-sun
  name: 孙燕
  community: zhuyuan
  grid: ly-01
  reported: 2026-03-11
- id: u-re
  name: 李强
  community: zhuyaun
  reported: 2026-03-12
""",
    WISHES: """\
- id: w-ok
  wish: 一台助行器
  for: 王奶奶
  community: lanyuan
  grid: ly-01
  posted: 2026-09-03
  status: done
  claimed: {by: m-zhao, date: 2026-09-05}
  fulfilled: {date: 2026-09-12, thanks: 谢谢你们}
- id: w-draft
  wish: 冬天的棉被
  for: 李大爷
  community: lanyuan
  posted: 2026-09-04
  draft: true
- id: w-zhuyuan
  wish: 一副老花镜
  for: 独居老人
  community: zhuyuan
  posted: 2026-09-04
- id: w-comm
  wish: 教我用手机挂号
  for: 独居老人
  community: lanyun
  posted: 2026-09-05
- id: w-grid
  wish: 一个暖水袋
  for: 张爷爷
  community: zhuyuan
  grid: ly-01
  posted: 2026-09-05
- id: w-gridx
  wish: 一把轮椅
  for: 刘奶奶
  community: lanyuan
  grid: ly-02x
  posted: 2026-09-05
- id: w-no-claim
  wish: 读报纸
  for: 孤寡老人
  community: lanyuan
  posted: 2026-09-06
  status: claimed
- id: w-no-done
  wish: 换灯泡
  for: 陈大爷
  community: lanyuan
  posted: 2026-09-06
  status: done
  claimed: {by: u-re, date: 2026-09-07}
- id: w-no-close
  wish: 修水管
  for: 周阿姨
  community: lanyuan
  posted: 2026-09-06
  status: closed
- id: w-open-done
  wish: 一台收音机
  for: 马爷爷
  community: lanyuan
  posted: 2026-09-06
  status: open
  fulfilled: {date: 2026-09-20}
- id: w-dates
  wish: 一件棉袄
  for: 杨奶奶
  community: lanyuan
  posted: 2026-09-10
  status: done
  claimed: {by: t-med, date: 2026-09-02}
  fulfilled: {date: 2026-09-01}
- id: w-claimer
  wish: 陪我去医院
  for: 郑大爷
  community: lanyuan
  posted: 2026-09-10
  status: claimed
  claimed: {by: m-zha, date: 2026-09-11}
""",
    NEEDS: """\
- id: n-ok
  what: 独居老人想学用手机挂号
  community: lanyuan
  raised: 2026-09-06
  source: wish
  wish: w-ok
- id: n-draft
  what: 楼道加装扶手
  community: lanyuan
  raised: 2026-09-06
  draft: true
- id: n-comm
  what: 小区加装路灯
  community: zhuyaun
  raised: 2026-09-06
- id: n-grid
  what: 电动车充电桩不够用
  community: zhuyuan
  grid: ly-01
  raised: 2026-09-06
- id: n-wish
  what: 想要一副老花镜
  community: lanyuan
  raised: 2026-09-06
  source: wish
  wish: w-okk
- id: n-no-wish
  what: 想要一台收音机
  community: lanyuan
  raised: 2026-09-06
  source: wish
- id: n-wish-draft
  what: 冬天的棉被
  community: lanyuan
  raised: 2026-09-06
  source: wish
  wish: w-draft
- id: n-wish-elsewhere
  what: 老花镜
  community: lanyuan
  raised: 2026-09-06
  source: wish
  wish: w-zhuyuan
- id: n-replied
  what: 垃圾分类亭太远
  community: lanyuan
  raised: 2026-09-06
  reply: 已报街道，明年春天增设
  replied: 2026-08-30
""",
    PROJECTS: """\
- id: p-ok
  title: 老人手机课堂
  need: n-ok
  resource: r-repair
  start: 2026-10-01
- id: p-need
  title: 装路灯
  need: n-okk
  by: m-zhao
  start: 2026-10-01
- id: p-resource
  title: 借活动室
  need: n-ok
  resource: r-rooom
  start: 2026-10-01
- id: p-by
  title: 充电桩
  need: n-ok
  by: m-zha
  start: 2026-10-01
- id: p-nobody
  title: 无人承接
  need: n-ok
  start: 2026-10-01
- id: p-on-draft
  title: 装扶手
  need: n-draft
  by: u-re
  start: 2026-10-01
- id: p-draft-on-draft
  title: 装扶手（草稿）
  need: n-draft
  by: u-re
  start: 2026-10-01
  draft: true
- id: p-dates
  title: 义诊
  need: n-ok
  by: t-med
  start: 2026-10-10
  end: 2026-10-01
  status: stopped
- id: p-done
  title: 修路灯
  need: n-ok
  by: u-re
  start: 2026-10-01
  end: 2026-10-20
  status: done
- id: p-word
  title: 义诊进社区
  need: n-ok
  by: t-med
  start: 2026-10-01
  status: 已完成
  result: 义诊 3 次
""",
}

GUESS = "可用的编号有："  # unknown-id messages end with a list that depends on the fixture

# (file, text on the line the problem points at (nth occurrence), field, message). A message
# ending in GUESS is compared up to there.
EXPECTED = [
    (UNITS, ("community: lanyun", 1), "[1].community", f"找不到社区“lanyun”，是不是“lanyuan”？{GUESS}"),
    (
        UNITS,
        ("- id: t-med", 1),
        "[2].id",
        "编号“t-med”已被志愿服务队用过（content/services/list.yml:{team_line}）：微心愿的 claimed.by "
        "和项目的 by 只写编号，同一个编号分不清是谁，请换一个",
    ),
    (MEMBERS, ("unit: u-ree", 1), "[1].unit", f"找不到报到单位“u-ree”，是不是“u-re”？{GUESS}"),
    (MEMBERS, ("grid: ly-02x", 1), "[1].grid", f"找不到网格“ly-02x”，是不是“ly-02”？{GUESS}"),
    (
        MEMBERS,
        ("{id: r-room", 1),
        "[1].offers[0].id",
        f"资源编号“r-room”重复：{UNITS}:6 已经用过，请换一个",
    ),
    (
        MEMBERS,
        ("grid: ly-01", 2),
        "[2].grid",
        "网格“ly-01”属于社区“lanyuan”，不在报到的社区“zhuyuan”：请检查 grid 或 community",
    ),
    (
        MEMBERS,
        ("- id: u-re", 1),
        "[3].id",
        f"编号“u-re”已被报到单位用过（{UNITS}:1）：微心愿的 claimed.by 和项目的 by 只写编号，"
        "同一个编号分不清是谁，请换一个",
    ),
    (MEMBERS, ("community: zhuyaun", 1), "[3].community", f"找不到社区“zhuyaun”，是不是“zhuyuan”？{GUESS}"),
    (WISHES, ("community: lanyun", 1), "[3].community", f"找不到社区“lanyun”，是不是“lanyuan”？{GUESS}"),
    (
        WISHES,
        ("grid: ly-01", 2),
        "[4].grid",
        "网格“ly-01”属于社区“lanyuan”，不在社区“zhuyuan”：请检查 grid 或 community",
    ),
    (WISHES, ("grid: ly-02x", 1), "[5].grid", f"找不到网格“ly-02x”，是不是“ly-02”？{GUESS}"),
    (
        WISHES,
        ("status: claimed", 1),
        "[6].status",
        "状态是“已认领”，要写认领（claimed:），如 claimed: {by: 认领人编号, date: 2026-11-02}",
    ),
    (
        WISHES,
        ("status: done", 2),
        "[7].status",
        "状态是“已实现”，要写实现（fulfilled:），如 fulfilled: {date: 2026-11-20, thanks: 一句感谢}",
    ),
    (
        WISHES,
        ("status: closed", 1),
        "[8].status",
        "状态是“已关闭”，要写关闭原因（closed:），如 closed: {reason: 已由民政部门解决}",
    ),
    (
        WISHES,
        ("fulfilled: {date: 2026-09-20}", 1),
        "[9].fulfilled",
        "状态是“待认领”，却写了实现（fulfilled:）：请把 status 改对，或删去 fulfilled:",
    ),
    (
        WISHES,
        ("claimed: {by: t-med", 1),
        "[10].claimed.date",
        "认领日期 claimed.date（2026-09-02）早于发布日期 posted（2026-09-10）：请检查日期",
    ),
    (
        WISHES,
        ("fulfilled: {date: 2026-09-01}", 1),
        "[10].fulfilled.date",
        "实现日期 fulfilled.date（2026-09-01）早于认领日期 claimed.date（2026-09-02）：请检查日期",
    ),
    (
        WISHES,
        ("claimed: {by: m-zha,", 1),
        "[11].claimed.by",
        f"找不到认领人（报到党员、报到单位或志愿服务队的编号）“m-zha”，是不是“m-zhao”？{GUESS}",
    ),
    (NEEDS, ("community: zhuyaun", 1), "[2].community", f"找不到社区“zhuyaun”，是不是“zhuyuan”？{GUESS}"),
    (
        NEEDS,
        ("grid: ly-01", 1),
        "[3].grid",
        "网格“ly-01”属于社区“lanyuan”，不在社区“zhuyuan”：请检查 grid 或 community",
    ),
    (NEEDS, ("wish: w-okk", 1), "[4].wish", f"找不到微心愿“w-okk”，是不是“w-ok”？{GUESS}"),
    (NEEDS, ("source: wish", 3), "[5].source", "来源是微心愿（wish），请写 wish: 微心愿编号"),
    (
        NEEDS,
        ("wish: w-draft", 1),
        "[6].wish",
        "微心愿“w-draft”是草稿，不会发布；需求发布前请先发布这个微心愿（删去它的 draft: true），或删去 wish:",
    ),
    (
        NEEDS,
        ("wish: w-zhuyuan", 1),
        "[7].wish",
        "微心愿“w-zhuyuan”在社区“zhuyuan”，这条需求在社区“lanyuan”：请检查 wish 或 community",
    ),
    (
        NEEDS,
        ("replied: 2026-08-30", 1),
        "[8].replied",
        "答复日期（2026-08-30）早于提出日期（2026-09-06）：请检查日期",
    ),
    (PROJECTS, ("need: n-okk", 1), "[1].need", f"找不到需求“n-okk”，是不是“n-ok”？{GUESS}"),
    (PROJECTS, ("resource: r-rooom", 1), "[2].resource", f"找不到资源“r-rooom”，是不是“r-room”？{GUESS}"),
    (
        PROJECTS,
        ("by: m-zha", 2),
        "[3].by",
        f"找不到认领人（报到党员、报到单位或志愿服务队的编号）“m-zha”，是不是“m-zhao”？{GUESS}",
    ),
    (
        PROJECTS,
        ("need: n-ok", 5),
        "[4].need",
        "项目要写明谁承接：写 resource: 资源编号（由资源的提供者承接），或 by: 单位、党员或志愿服务队编号",
    ),
    (
        PROJECTS,
        ("need: n-draft", 1),
        "[5].need",
        "需求“n-draft”是草稿，不会发布；项目发布前请先发布这条需求（删去它的 draft: true）",
    ),
    (
        PROJECTS,
        ("end: 2026-10-01", 1),
        "[7].end",
        "完成日期（2026-10-01）早于开始日期（2026-10-10）：请检查日期",
    ),
    (
        PROJECTS,
        ("status: done", 1),
        "[8].status",
        "已完成的项目要写 result:（办成了什么，如 安装路灯 12 盏），居民看的就是这一句",
    ),
    (  # a mistake the model finds, reported in the same run as those the links find
        PROJECTS,
        ("status: 已完成", 1),
        "[9].status",
        "status: “已完成”请写成 done。可填：planned（计划中）、underway（进行中）、done（已完成）、stopped（已中止）",
    ),
]


def _line(text: str, needle: str, nth: int) -> int:
    """The 1-based line holding the nth occurrence of `needle`."""
    lines = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return lines[nth - 1]


def _errors(site, paths) -> list:
    with pytest.raises(ContentError) as info:
        pipeline.check(site / "site_config.yml", TODAY, Report())
    return [e for e in info.value.problems.errors if e.path in paths]


def _team_line(site) -> int:
    text = (site / "content/services/list.yml").read_text(encoding="utf-8")
    return _line(text, "- id: t-med", 1)


def test_every_mistake_of_the_new_kinds_is_reported_at_its_place_all_at_once(tmp_path):
    site = make_site(tmp_path, FILES)
    errors = _errors(site, set(FILES))
    got = {(e.path, e.line, e.field): e.message for e in errors}
    missing, wrong = [], []
    for path, (needle, nth), field, message in EXPECTED:
        key = (path, _line(FILES[path], needle, nth), field)
        message = message.replace("{team_line}", str(_team_line(site)))
        if key not in got:
            missing.append(f"{key}: {message}")
        elif not (got[key].startswith(message) if message.endswith(GUESS) else got[key] == message):
            wrong.append(f"{key}:\n  got  {got[key]}\n  want {message}")
    extra = sorted(set(got) - {(p, _line(FILES[p], n, i), f) for p, (n, i), f, _m in EXPECTED})
    assert (missing, wrong) == ([], []), "\n".join(missing + wrong)
    assert extra == [], [(k, got[k]) for k in extra]
    # every message has its English, and names no personal data
    assert all(e.english and e.column > 0 for e in errors)


ALIASES = [  # (what was written in for:, why it is refused, and the guess)
    ("王秀兰", "for: “王秀兰”像是全名，或不是社区起的称呼。是不是“王奶奶”或“王大爷”？"),
    ("张建国大爷", "for: “张建国大爷”像是全名，或不是社区起的称呼。是不是“张大爷”？"),
    ("3号楼王奶奶", "for: “3号楼王奶奶”里有数字（门牌号、楼号、电话都不能写）。是不是“王奶奶”？"),
    ("三号楼王奶奶", "for: “三号楼王奶奶”像是地址（不写楼号、单元、门牌、小区）。是不是“王奶奶”？"),
    ("二单元独居老人", "for: “二单元独居老人”像是地址（不写楼号、单元、门牌、小区）。"),
    ("王奶奶2", "for: “王奶奶2”里有数字（门牌号、楼号、电话都不能写）。是不是“王奶奶”？"),
    ("李奶奶（电话138）", "for: “李奶奶（电话138）”里有数字（门牌号、楼号、电话都不能写）。"),
    ("幸福里社区最困难的孩子", "for: “幸福里社区最困难的孩子”太长（不超过 8 个字）。"),
]
RULE = (
    "只写社区起的称呼，如 王奶奶、李大爷、独居老人、困难家庭的孩子（不超过 8 个字，不写全名、门牌号或电话）"
)


def _wishes_for(aliases) -> str:
    return "".join(
        f"- id: w-{i}\n  wish: 一台助行器\n  for: {a}\n  community: lanyuan\n  posted: 2026-09-03\n"
        for i, a in enumerate(aliases)
    )


def test_an_alias_that_is_a_name_an_address_or_has_digits_is_refused_saying_why(tmp_path):
    site = make_site(tmp_path, {WISHES: _wishes_for(a for a, _m in ALIASES)})
    errors = _errors(site, {WISHES})
    got = {(e.line, e.column, e.field): (e.message, e.english) for e in errors}
    assert set(got) == {(3 + 5 * i, 8, f"[{i}].for") for i in range(len(ALIASES))}
    for i, (alias, message) in enumerate(ALIASES):
        zh, en = got[(3 + 5 * i, 8, f"[{i}].for")]
        assert zh == message + RULE
        assert en.startswith(f"for: '{alias}' ") and "never a full name, address or phone" in en


def test_the_aliases_a_community_uses_pass(tmp_path):
    aliases = ["王奶奶", "李大爷", "独居老人", "困难家庭的孩子", "三楼的老两口", "老党员", "困难家庭"]
    pipeline.check(make_site(tmp_path, {WISHES: _wishes_for(aliases)}) / "site_config.yml", TODAY, Report())


def test_a_status_or_source_written_in_chinese_or_mistyped_is_told_the_word(tmp_path):
    files = {
        WISHES: "- id: w-1\n  wish: 轮椅\n  for: 王奶奶\n  community: lanyuan\n  posted: 2026-09-03\n"
        "  status: 待认领\n",
        NEEDS: "- id: n-1\n  what: 路灯\n  community: lanyuan\n  raised: 2026-09-01\n  source: 走访\n"
        "- id: n-2\n  what: 路灯\n  community: lanyuan\n  raised: 2026-09-01\n  source: meting\n",
        PROJECTS: "- id: p-1\n  title: 路灯\n  need: n-1\n  by: t-med\n  start: 2026-10-01\n"
        "  status: 已完成\n  result: 装了 3 盏\n",
    }
    site = make_site(tmp_path, files)
    got = {(e.path, e.line, e.field): e.message for e in _errors(site, set(files))}
    sources = "可填：visit（包居联户走访）、wish（微心愿）、meeting（议事协商）、hotline（热线反映）、other（其他渠道）"
    assert got == {
        (WISHES, 6, "[0].status"): "status: “待认领”请写成 open。"
        "可填：open（待认领）、claimed（已认领）、done（已实现）、closed（已关闭）",
        (NEEDS, 5, "[0].source"): f"source: 没有“走访”。{sources}",
        (NEEDS, 10, "[1].source"): f"source: 没有“meting”，是不是 meeting？{sources}",
        (PROJECTS, 6, "[0].status"): "status: “已完成”请写成 done。"
        "可填：planned（计划中）、underway（进行中）、done（已完成）、stopped（已中止）",
    }


def test_the_same_files_written_right_pass(tmp_path):
    """Each mistake corrected as its message says: nothing left to report in these files."""
    files = {
        UNITS: FILES[UNITS].replace("lanyun\n", "lanyuan\n").replace("id: t-med", "id: u-school"),
        MEMBERS: FILES[MEMBERS]
        .replace("u-ree", "u-re")
        .replace("ly-02x", "ly-02")
        .replace("{id: r-room, what: 自家", "{id: r-qian-room, what: 自家")
        .replace("community: zhuyuan\n  grid: ly-01", "community: lanyuan\n  grid: ly-01")
        .replace("- id: u-re\n", "- id: m-li\n")
        .replace("zhuyaun", "zhuyuan"),
    }
    site = make_site(tmp_path, files)
    pipeline.check(site / "site_config.yml", TODAY, Report())


def test_gridboard_check_prints_them_and_exits_1_without_a_traceback(tmp_path):
    site = make_site(tmp_path, FILES)
    run = subprocess.run(
        [sys.executable, "-m", "builder", "check", "--config", str(site / "site_config.yml")]
        + ["--today", TODAY.isoformat()],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    printed = run.stdout + run.stderr
    assert run.returncode == 1, printed[-2000:]
    assert "Traceback" not in printed and "内部错误" not in printed
    line = _line(FILES[PROJECTS], "resource: r-rooom", 1)
    assert (
        f"{PROJECTS}:{line}:13: 错误 error [[2].resource]: 找不到资源“r-rooom”，是不是“r-room”？" in printed
    )
    assert "(unknown resource 'r-rooom' (did you mean 'r-room'?)" in printed
    assert printed.count("错误 error") >= len(EXPECTED)


def test_a_number_written_in_for_or_status_is_masked_in_every_message(tmp_path):
    """Messages go to consoles and CI logs: a mobile or ID number an author typed in for: or
    status: is quoted masked, as the personal-number scan quotes it."""
    wishes = (
        "- id: w-1\n  wish: 轮椅\n  for: 李奶奶13912345678\n  community: lanyuan\n  posted: 2026-09-03\n"
        "- id: w-2\n  wish: 轮椅\n  for: 王奶奶\n  community: lanyuan\n  posted: 2026-09-03\n"
        "  status: '110105194912310021'\n"
    )
    site = make_site(tmp_path, {WISHES: wishes})
    with pytest.raises(ContentError) as info:
        pipeline.check(site / "site_config.yml", TODAY, Report())
    said = [(p.field, p.message + p.english) for p in info.value.problems.items if p.path == WISHES]
    assert {f for f, _ in said} >= {"[0].for", "[1].status"}
    assert not [s for _f, s in said if "13912345678" in s or "110105194912310021" in s], said
    (alias,) = [s for f, s in said if f == "[0].for" and s.startswith("for:")]
    assert alias.startswith(
        "for: “李奶奶139****5678”里有数字（门牌号、楼号、电话都不能写）。是不是“李奶奶”？"
    )


# ---- any edit of a correct file gives problems or passes, never an exception (hypothesis) -------

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>x</title></svg>'
CORRECT = {  # every field and block of the five kinds, written right
    "content/media/stories/w.svg": SVG,
    "content/units/f.yml": '- id: u-a\n  name: 甲单位党支部\n  community: lanyuan\n  reported: 2026-03-01\n  phone: "0531-88000011"\n  contact: 办公室主任\n  commitment: 每月义诊\n  offers:\n    - {id: r-a, what: 会议室, detail: 周末可借}\n  intro: 介绍 **粗体**\n',
    "content/members/f.yml": '- id: m-a\n  name: 张三\n  unit: u-a\n  community: lanyuan\n  grid: ly-01\n  reported: 2026-03-01\n  phone: "13800009999"\n  consent: {scope: [phone], date: 2026-03-01}\n  commitment: 巡查\n  offers:\n    - {id: r-b, what: 修水电}\n',
    "content/wishes/f.yml": "- id: w-a\n  wish: 轮椅\n  for: 王奶奶\n  community: lanyuan\n  grid: ly-01\n  posted: 2026-09-01\n  story: 腿脚不便\n  status: done\n  claimed: {by: m-a, date: 2026-09-02}\n  fulfilled:\n    date: 2026-09-03\n    thanks: 谢谢\n    photo: {file: media/stories/w.svg, alt: 送轮椅, consent: 2026-09-03}\n  note: 内部\n- id: w-b\n  wish: 棉被\n  for: 独居老人\n  community: lanyuan\n  posted: 2026-09-01\n  status: closed\n  closed: {date: 2026-09-05, reason: 已解决}\n",
    "content/needs/f.yml": "- id: n-a\n  what: 路灯\n  community: lanyuan\n  grid: ly-01\n  raised: 2026-09-01\n  source: wish\n  wish: w-a\n  detail: 说明\n  reply: 已答复\n  replied: 2026-09-02\n",
    "content/projects/f.yml": "- id: p-a\n  title: 路灯\n  need: n-a\n  resource: r-a\n  start: 2026-10-01\n  end: 2026-10-02\n  status: done\n  result: 装好了\n  description: 过程\n- id: p-b\n  title: 巡查\n  need: n-a\n  by: m-a\n  start: 2026-10-01\n",
}


@pytest.fixture(scope="module")
def correct_site(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("needs-fuzz"), CORRECT)
    pipeline.check(site / "site_config.yml", TODAY, Report())  # the files as written pass
    return site


@pytest.mark.parametrize("rel", [r for r in CORRECT if r.endswith(".yml")])
def test_any_edit_of_their_files_gives_problems_never_an_exception(correct_site, rel):
    target = correct_site / rel
    original = target.read_bytes()

    @settings(deadline=None, max_examples=12, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(data=_mutated(original) | _reshaped(original))
    def run(data):
        target.write_bytes(data)
        _check(correct_site)  # ContentError is an answer; anything else fails the test

    try:
        run()
    finally:
        target.write_bytes(original)
