"""Attacks on sizes and ranges: dates, numbers, lengths and Markdown nesting past every sane bound.

Each planted value once passed `gridboard check` and crashed or exhausted `build` (`until:
9999-12-31` → OverflowError in outputs/slides.py; `amount: 1e999999999` → a billion-digit string;
a list nested 2,000 deep → 10 GB; 2,500 `*` around a word → RecursionError). Now every one is a
Problem at its file:line, reported by check before any stage uses the value, and a file with
thousands of mistakes prints a capped list and an exact count.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from decimal import Decimal
from types import UnionType
from typing import Annotated, Literal, Union, get_args, get_origin

import annotated_types
import pytest
from conftest import ROOT, TODAY, make_site
from pydantic import AfterValidator, BaseModel, BeforeValidator
from pydantic.fields import FieldInfo

from builder import markdown_limits, pipeline, problems
from builder.cli import main
from builder.kinds.kind import after
from builder.markdown_setup import new_markdown
from builder.problems import ContentError
from builder.report import SHOWN_IN_ALL, SHOWN_PER_FILE, Report
from builder.schema import schema_kinds

HUGE = 10**30
STARS = "\n".join(f"    {year}: 3" for year in range(1026, 2026))  # a 1000-year star history
DEEP_LIST = "\n".join("    " * i + "- 层" for i in range(25))

PLANTED = {
    "content/board/bounds.yml": """- id: p-forever
  title: 永久公示
  category: residents
  scope: lanyuan
  posted: "2026-11-15 09:00"
  until: 9999-12-31
  source: 兰苑社区居委会
- id: p-ancient
  title: 远古公示
  category: residents
  scope: lanyuan
  posted: "0001-01-01 09:00"
  until: 0001-01-10
  source: 兰苑社区居委会
- id: p-money
  title: 财务公开
  category: finance
  scope: lanyuan
  posted: "2026-11-15 09:00"
  until: 2026-11-30
  source: 兰苑社区居委会
  table:
    income: [{item: 拨款, amount: 1e999999999}, {item: 零头, amount: 0.001}]
""",
    "content/grids/huge.yml": f"""- id: ly-99
  name: 巨大网格
  community: lanyuan
  kind: basic
  households: {HUGE}
  population: -1
  party_branch: {{name: 支部, members: 99999999}}
  team:
    - role: grid_leader
      name: 某某
      consent: {{scope: [phone], date: 0001-01-01}}
""",
    "content/showcase/a.yml": f"""- id: sc-1
  community: lanyuan
  title: 示范小区
  stars:
{STARS}
""",
    "content/studios/a.yml": """- id: st-old
  name: 工作室
  community: lanyuan
  secretary: {name: 张书记}
  founded: 1900-01-01
  mentees: 100000000
  activities:
    - {date: 2101-01-01, title: 活动}
""",
    "content/screens.yml": f"""- id: hall
  place: 大厅
  scope: lanyuan
  seconds: {HUGE}
  playlist:
    - {{show: board, seconds: 99999999999, count: 99999999999, show_until: 9999-12-31}}
""",
    "content/stories/2026/deep.md": f"---\ntitle: {'长' * 201}\ndate: 2026-10-01\n---\n\n{DEEP_LIST}\n",
    "content/pages/about.md": f"---\ntitle: 关于本站\norder: {HUGE}\n---\n\n本站为测试站点。\n",
}


def _problem(where: str, field: str, zh: str, en: str) -> str:
    return f"{where}: 错误 error [{field}]: {zh}\n    ({en})"


def _year(where, field, written):
    return _problem(
        where,
        field,
        f"日期“{written}”超出范围：年份应在 1949 到 2100 之间，请核对年份",
        f"'{written}' is out of range: the year must be 1949 to 2100",
    )


def _too_large(where, field, shown_zh, shown_en, limit):
    return _problem(
        where,
        field,
        f"数值{shown_zh}太大：应 ≤ {limit}",
        f"the number {shown_en} is too large: it must be ≤ {limit}",
    )


HUGE_ZH, HUGE_EN = "（一个 31 位的数）", "(31 digits)"
EXPECTED = [
    _year("content/board/bounds.yml:6:10", "[0].until", "9999-12-31"),
    _problem(
        "content/board/bounds.yml:12:11",
        "[1].posted",
        "发布时间“0001-01-01 09:00”超出范围：年份应在 1949 到 2100 之间，请核对年份",
        "'0001-01-01 09:00' is out of range: the year must be 1949 to 2100",
    ),
    _year("content/board/bounds.yml:13:10", "[1].until", "0001-01-10"),
    _problem(
        "content/board/bounds.yml:23:33",
        "[2].table.income[0].amount",
        "金额“1E+999999999”不对：应在正负 1 万亿（1,000,000,000,000）以内，最多 2 位小数",
        "the amount '1E+999999999' must be within ±1,000,000,000,000, with at most 2 decimal places",
    ),
    _problem(
        "content/board/bounds.yml:23:66",
        "[2].table.income[1].amount",
        "金额“0.001”不对：应在正负 1 万亿（1,000,000,000,000）以内，最多 2 位小数",
        "the amount '0.001' must be within ±1,000,000,000,000, with at most 2 decimal places",
    ),
    _too_large("content/grids/huge.yml:5:15", "[0].households", HUGE_ZH, HUGE_EN, 100000),
    _problem(
        "content/grids/huge.yml:6:15",
        "[0].population",
        "数值“-1”太小：应 ≥ 0",
        "the number '-1' is too small: it must be ≥ 0",
    ),
    _too_large("content/grids/huge.yml:7:37", "[0].party_branch.members", "“99999999”", "'99999999'", 10000),
    _year("content/grids/huge.yml:11:39", "[0].team[0].consent.date", "0001-01-01"),
    _year("content/studios/a.yml:5:12", "[0].founded", "1900-01-01"),
    _too_large("content/studios/a.yml:6:12", "[0].mentees", "“100000000”", "'100000000'", 10000),
    _year("content/studios/a.yml:8:14", "[0].activities[0].date", "2101-01-01"),
    _too_large("content/screens.yml:4:12", "[0].seconds", HUGE_ZH, HUGE_EN, 600),
    _too_large("content/screens.yml:6:30", "[0].playlist[0].seconds", "“99999999999”", "'99999999999'", 600),
    _too_large("content/screens.yml:6:50", "[0].playlist[0].count", "“99999999999”", "'99999999999'", 200),
    _year("content/screens.yml:6:75", "[0].playlist[0].show_until", "9999-12-31"),
    _problem(
        "content/stories/2026/deep.md:2:8",
        "title",
        "文字太长：有 201 个字，这里最多 200 个字",
        "the text has 201 characters; at most 200 are allowed here",
    ),
    _problem(
        "content/stories/2026/deep.md:26:1",
        "正文 body",
        "列表、引用（>）或缩进套了 21 层，最多 20 层：请减少嵌套或缩进",
        "lists, quotes (>) or indentation nested 21 deep; at most 20 levels",
    ),
    _too_large("content/pages/about.md:3:8", "order", HUGE_ZH, HUGE_EN, 9999),
    _problem(
        "content/showcase/a.yml:5:11",
        "[0].stars[1026]",
        "年份“1026”超出范围：应在 1949 到 2100 之间",
        "the year '1026' is out of range: 1949 to 2100",
    ),
]
STAR_ERRORS = 1949 - 1026 + 2000 - 1949  # below 1949: the model; 1949–1999: catalog (not before 2000)


def _run(capsys, *argv: str) -> tuple[int, str]:
    code = main([*argv, "--today", TODAY.isoformat()])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_out_of_range_values_are_problems_at_their_lines(tmp_path, capsys):
    site = make_site(tmp_path, PLANTED)
    code, out = _run(capsys, "check", "--config", str(site / "site_config.yml"))
    assert code == 1
    assert "内部错误" not in out and "Traceback" not in out
    for expected in EXPECTED:
        assert expected in out
    total = len(EXPECTED) - 1 + STAR_ERRORS
    assert f"共 {total} 处错误，未生成网站" in out
    # the showcase's 974 star-year errors are listed up to the cap, the rest counted
    assert len(re.findall(r"^content/showcase/a\.yml:", out, re.M)) == SHOWN_PER_FILE
    assert re.search(
        rf"……还有 {STAR_ERRORS - SHOWN_PER_FILE} 个问题未列出（错误 {STAR_ERRORS - SHOWN_PER_FILE} 个", out
    )


def test_build_refuses_them_without_an_internal_error(tmp_path):
    """The real command in its own process: exit 1, the problems, no traceback."""
    site = make_site(tmp_path, PLANTED)
    run = subprocess.run(
        [sys.executable, "-m", "builder", "build", "--config", str(site / "site_config.yml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert run.returncode == 1, run.stderr[-2000:]
    assert "内部错误" not in run.stderr and "Traceback" not in run.stderr
    assert EXPECTED[0] in run.stderr  # until: 9999-12-31, the value that crashed the build
    assert not (site / "site").exists()


def test_config_bounds(tmp_path, capsys):
    config = (make_site(tmp_path) / "site_config.yml").read_text(encoding="utf-8")
    site = make_site(
        tmp_path / "b", {"site_config.yml": config.replace("{min_days: 5}", f"{{min_days: {HUGE}}}")}
    )
    code, out = _run(capsys, "check", "--config", str(site / "site_config.yml"))
    assert code == 1
    assert _too_large("site_config.yml:15:19", "board.min_days", HUGE_ZH, HUGE_EN, 365) in out


@pytest.mark.parametrize("today", ["9999-12-31", "0001-01-01", "1948-12-31", "2101-01-01"])
def test_today_out_of_range_is_a_usage_error(tmp_path, capsys, today):
    site = make_site(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--config", str(site / "site_config.yml"), "--today", today])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"日期的年份应在 1949 到 2100 之间 / the year must be 1949 to 2100: {today}" in err
    assert not (site / "site").exists()


def test_edges_of_the_range_build(tmp_path):
    """1949-01-01 and 2100-12-31 are inside: a posting open until the last day builds, and its
    screen slide stops at the start of 2101-01-01."""
    site = make_site(
        tmp_path,
        {
            "content/board/edge.yml": """- id: p-edge
  title: 长期公示
  category: residents
  scope: lanyuan
  posted: "1949-10-01 10:00"
  until: 2100-12-31
  source: 兰苑社区居委会
""",
            "content/screens.yml": "- id: hall\n  place: 大厅\n  scope: lanyuan\n  playlist: [board]\n",
        },
    )
    assert main(["build", "--config", str(site / "site_config.yml"), "--today", "2100-12-31"]) == 0
    page = (site / "site" / "screens" / "hall" / "index.html").read_text(encoding="utf-8")
    assert 'data-stop="2101-01-01T00:00:00"' in page


def test_a_day_after_the_last_date_never_overflows():
    assert after(dt.date.max) == ""
    assert after(dt.date(2100, 12, 31)) == "2101-01-01T00:00:00"


# ---- every field of every kind has a bound, by its type ------------------------------------

# validators that bound what they accept (a date's years, a phone's digits, a clock's hours …)
BOUNDING = {"_date", "_datetime", "_year", "_stars", "_money", "_phone", "_day", "_clock", "check", "_color"}
BOUNDING |= {"_when", "_end", "_moment"}  # events' and notices' times: a day or a moment, 1949–2100


def _bounds(meta) -> set[str]:
    found: set[str] = set()
    for m in meta:
        if isinstance(m, FieldInfo):
            found |= _bounds(m.metadata)
        elif isinstance(m, annotated_types.MaxLen):
            found.add("length")
        elif isinstance(m, annotated_types.Le | annotated_types.Lt):
            found.add("high")
        elif isinstance(m, annotated_types.Ge | annotated_types.Gt):
            found.add("low")
        elif isinstance(m, AfterValidator | BeforeValidator) and m.func.__name__ in BOUNDING:
            found.add("checked")
    return found


def _unbounded(annotation, meta: list, where: str, seen: set) -> list[str]:
    """Fields below `annotation` whose values have no upper bound."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _unbounded(args[0], [*meta, *args[1:]], where, seen)
    if annotation in (bool, type(None)) or origin is Literal:
        return []
    if origin in (Union, UnionType):  # a field's own constraints apply to each choice
        return [u for a in args for u in _unbounded(a, meta, where, seen)]
    if origin in (list, dict):  # the list's constraints are its own, not its items'
        return [u for a in args for u in _unbounded(a, [], f"{where}[]", seen)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return []
        seen.add(annotation)
        return [
            u
            for name, f in annotation.model_fields.items()
            for u in _unbounded(f.annotation, f.metadata, f"{annotation.__name__}.{name}", seen)
        ]
    bounds = _bounds(meta)
    ok = {
        str: "length" in bounds or "checked" in bounds,
        int: {"high", "low"} <= bounds or "checked" in bounds,
        Decimal: "checked" in bounds,
        dt.date: "checked" in bounds,
        dt.datetime: "checked" in bounds,
        dt.time: "checked" in bounds,  # an event's end as a time of day
    }.get(annotation, False)
    return [] if ok else [f"{where}: {annotation}"]


def test_every_field_of_every_kind_is_bounded_by_its_type():
    seen: set = set()
    unbounded = [u for model, _ in schema_kinds().values() for u in _unbounded(model, [], "", seen)]
    assert unbounded == []
    assert len(seen) > 30  # the walk reached the nested records too


# ---- Markdown nesting and size ---------------------------------------------------------

ATTACKS = {  # shape → text nested n deep
    "indented list": lambda n: "\n".join("    " * i + "- x" for i in range(n)),
    "list on one line": lambda n: "- " * n + "x",
    "numbered list": lambda n: "1. " * n + "x",
    "quotes on one line": lambda n: "> " * n + "x",
    "quote per line": lambda n: "\n".join(">" * i + " x" for i in range(1, n + 1)),
    "quote and list": lambda n: "> - " * (n // 2) + "x",
    "indented admonition": lambda n: (
        "\n".join("    " * i + "!!! note" for i in range(n)) + "\n" + "    " * n + "x"
    ),
    "tabs": lambda n: "\n".join("\t" * i + "- x" for i in range(n)),
}
EMPHASIS = {
    "star run": lambda n: "*" * n + "x" + "*" * n,
    "underscore run": lambda n: "_" * n + "x" + "_" * n,
    "nested em": lambda n: "*a " * n + "x" + " b*" * n,
    "nested strong": lambda n: "**a " * (n // 2) + "x" + " b**" * (n // 2),
    "em-strong": lambda n: "***a " * (n // 3) + "x" + " b***" * (n // 3),
}


def _convert(text: str) -> str:
    return new_markdown().convert(text)


@pytest.mark.parametrize("shape", ATTACKS)
def test_nesting_past_the_limit_is_found_and_within_it_is_safe(shape):
    over = ATTACKS[shape](markdown_limits.MAX_DEPTH + 5)
    found = markdown_limits.problem(over)
    assert found is not None and "最多 20 层" in found[1]
    assert markdown_limits.problem(ATTACKS[shape](markdown_limits.MAX_DEPTH - 1)) is None
    _convert(ATTACKS[shape](markdown_limits.MAX_DEPTH - 1))  # what passes, Markdown handles


@pytest.mark.parametrize("shape", EMPHASIS)
def test_emphasis_that_would_exhaust_recursion_is_found(shape):
    with pytest.raises(RecursionError):  # the harm is real: this is what the build hit
        _convert(EMPHASIS[shape](3000))
    assert markdown_limits.problem(EMPHASIS[shape](3000)) is not None
    within = EMPHASIS[shape](60)
    assert markdown_limits.problem(within) is None
    _convert(within)


def test_ordinary_text_is_not_refused():
    text = (ROOT / "docs" / "content-guide.md").read_text(encoding="utf-8")
    assert markdown_limits.problem(text) is None
    form = (
        "姓名：________ 电话：__________ 住址：____________。\n" * 300
        + "- - - - - - - - - - - - - - - - - - - - - - - -\n"
    )
    assert markdown_limits.problem(form) is None


@pytest.mark.parametrize(
    ("body", "line", "zh"),
    [
        (
            "前言\n\n" + ATTACKS["quote per line"](30),
            27,
            "列表、引用（>）或缩进套了 21 层，最多 20 层：请减少嵌套或缩进",
        ),
        (
            "前言\n\n" + EMPHASIS["star run"](2500),
            7,
            "这一段有 2500 个没有配对的 * 或 _（粗体、斜体符号），最多 200 个",
        ),
        (  # the list: 2,000 deep, two spaces a level (1.5 GB and 15 s to build before)
            "\n".join("  " * i + "- x" for i in range(2000)),
            45,
            "列表、引用（>）或缩进套了 21 层，最多 20 层：请减少嵌套或缩进",
        ),
        (
            "x" * markdown_limits.MAX_CHARS,  # and the file's last newline
            5,
            f"这段文字太长：有 {markdown_limits.MAX_CHARS + 1} 个字符，最多 {markdown_limits.MAX_CHARS} 个；请分成几篇",
        ),
    ],
    ids=["quotes", "emphasis", "2000 deep", "size"],
)
def test_a_story_body_past_a_limit_is_refused_at_its_line(tmp_path, capsys, body, line, zh):
    site = make_site(
        tmp_path, {"content/stories/2026/deep.md": f"---\ntitle: 深\ndate: 2026-10-01\n---\n{body}\n"}
    )
    code, out = _run(capsys, "build", "--config", str(site / "site_config.yml"))
    assert code == 1
    assert f"content/stories/2026/deep.md:{line}:1: 错误 error [正文 body]: {zh}" in out
    assert "内部错误" not in out
    assert not (site / "site").exists()


def test_a_markdown_field_in_yaml_is_checked_too(tmp_path, capsys):
    notes = "\n".join("    " + line for line in ("说明", "", *ATTACKS["list on one line"](40).split("\n")))
    grids = (make_site(tmp_path) / "content/grids/donghu.yml").read_text(encoding="utf-8")
    site = make_site(tmp_path / "b", {"content/grids/donghu.yml": grids + f"  notes: |\n{notes}\n"})
    code, out = _run(capsys, "check", "--config", str(site / "site_config.yml"))
    assert code == 1
    assert (
        "content/grids/donghu.yml:34:10: 错误 error [[1].notes]: 这段文字的第 3 行："
        "列表、引用（>）或缩进套了 40 层，最多 20 层：请减少嵌套或缩进"
    ) in out


# ---- thousands of problems: a capped list and an exact count ----------------------------

BAD_GRID = "- id: g-{k}-{i}\n  name: 网格{i}\n  community: lanyuan\n  kind: odd\n"
FILES, RECORDS = 6, 250  # 1,500 errors in six files of 250


def _many_bad_grids(tmp_path):
    files = {
        f"content/grids/bad{k}.yml": "".join(BAD_GRID.format(k=k, i=i) for i in range(RECORDS))
        for k in range(FILES)
    }
    return make_site(tmp_path, files)


def _kind_error(k: int, i: int) -> str:
    return _problem(
        f"content/grids/bad{k}.yml:{4 * i + 4}:9",
        f"[{i}].kind",
        "只能填以下之一：'basic' or 'dedicated'",
        "must be one of 'basic' or 'dedicated'",
    )


def _warnings(tmp_path, capsys) -> int:
    code, out = _run(capsys, "check", "--config", str(make_site(tmp_path / "clean") / "site_config.yml"))
    assert code == 0
    return int(re.search(r"\((\d+) 条警告 warnings\)", out)[1])


def test_printed_problems_are_capped_and_the_rest_counted(tmp_path, capsys):
    warnings = _warnings(tmp_path, capsys)
    site = _many_bad_grids(tmp_path)
    code, out = _run(capsys, "check", "--config", str(site / "site_config.yml"))
    assert code == 1
    listed = re.findall(r"^(content/grids/bad\d)\.yml:", out, re.M)
    assert len(listed) == SHOWN_IN_ALL == 5 * SHOWN_PER_FILE  # errors first: five files fill it
    assert {f: listed.count(f) for f in set(listed)} == {
        f"content/grids/bad{k}": SHOWN_PER_FILE for k in range(5)
    }
    for k in range(5):  # each file's first problems, by line
        assert _kind_error(k, 0) in out and _kind_error(k, SHOWN_PER_FILE - 1) in out
        assert _kind_error(k, SHOWN_PER_FILE) not in out
    errors = FILES * RECORDS
    rest = errors - SHOWN_IN_ALL
    assert out.count("还有") == 1
    assert (
        f"……还有 {rest + warnings} 个问题未列出（错误 {rest} 个，警告 {warnings} 个）："
        f"每个文件最多列出 200 个，一共最多 1000 个；请先改正上面的，再运行一次\n"
        f"    ({rest + warnings} more not listed: {rest} error(s), {warnings} warning(s); "
        "at most 200 per file and 1000 in all are listed)\n\n"
        f"共 {errors} 处错误，未生成网站（原有网站保持不变）。\n{errors} error(s);"
    ) in out


def test_problems_past_the_cap_are_counted_not_kept(tmp_path, capsys, monkeypatch):
    """With the compaction threshold lowered, memory holds at most the listed problems per file,
    yet the output is the same, line for line, as when everything is kept."""
    site = _many_bad_grids(tmp_path)
    _, kept_all = _run(capsys, "check", "--config", str(site / "site_config.yml"))
    monkeypatch.setattr(problems, "COMPACT_AT", 300)
    _, compacted = _run(capsys, "check", "--config", str(site / "site_config.yml"))
    assert compacted == kept_all
    with pytest.raises(ContentError) as err:
        pipeline.check(site / "site_config.yml", TODAY, Report())
    found = err.value.problems
    assert found.error_count == FILES * RECORDS
    assert len(found.items) < 2 * 300 + FILES * SHOWN_PER_FILE
    assert found.unlisted["error"] == FILES * RECORDS - sum(p.severity == "error" for p in found.items)
