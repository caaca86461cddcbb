"""Every mistake in an events file (content/events/*.yml) is reported at its file:line:column and
field, in the words docs/errors.md shows, and all of them in one run."""

from __future__ import annotations

import pytest
from conftest import TODAY, make_site

from builder import pipeline
from builder.problems import ContentError
from builder.report import Report

EVENTS = "content/events/x.yml"
RULES = (
    "能看懂的写法有：每天、每周三、每周二和周四、每两周周六、每月15日、每月第一个周六、每月最后一个周五；"
    "例外写在 except: 里，如 [2月, 2026-10-01]"
)
BAD_TIME = '不对：全天的活动写日期，如 2026-12-12；有钟点的写 "2026-12-12 09:00"（加引号）'

# (the event's lines after its id, the line the problem points at, field, message). The minimal
# site has communities lanyuan, zhuyuan, songlin, a station st-1 and the street donghu.
MISTAKES = [
    (
        ["start: 2026-12-32", "place: lanyuan"],
        "start: 2026-12-32",
        "start",
        f"开始时间“2026-12-32”{BAD_TIME}",
    ),
    (
        ['start: "2026-12-05 09:00"', "end: 下午", "place: lanyuan"],
        "end: 下午",
        "end",
        '结束时间“下午”不对：当天结束的只写钟点，如 "11:30"；也可以写日期 2026-12-12，或 "2026-12-12 11:30"（加引号）',
    ),
    (
        ['start: "2026-12-05 14:00"', 'end: "11:30"', "place: lanyuan"],
        'end: "11:30"',
        "end",
        "结束（2026-12-05 11:30）早于开始（2026-12-05 14:00）：请检查 start 和 end",
    ),
    (
        ["start: 2026-12-06", "place: lanyaun"],
        "place: lanyaun",
        "place",
        "找不到地点（驿站或社区编号）“lanyaun”，是不是“lanyuan”？可用的编号有：lanyuan、songlin、st-1、zhuyuan",
    ),
    (
        ["start: 2026-12-06", "place: lanyuan", "scope: donghuu"],
        "scope: donghuu",
        "scope",
        "找不到范围（区/街道/社区/网格）“donghuu”，是不是“donghu”？"
        "可用的编号有：donghu、lanyuan、ly-01、ly-02、songlin、testqu、xishan、zhuyuan",
    ),
    (
        ["kind: party", "start: 2026-12-06", "place: lanyuan"],
        "kind: party",
        "kind",
        "找不到活动类型“party”。可用的编号有：clinic、culture、fair、lecture、meeting、party-day、tea、volunteer",
    ),
    (
        ["start: 2026-12-05", "place: lanyuan", "repeat: 每月周六"],
        "repeat: 每月周六",
        "repeat",
        "没看懂重复规则“每月周六”：看懂了“每月”（每个月一次），但没说清是第几个星期几："
        f"写“每月第一个周六”（第一个到第五个，或“最后一个”）。{RULES}",
    ),
    (
        ["start: 2026-12-05", "place: lanyuan", "repeat: 每周上午"],
        "repeat: 每周上午",
        "repeat",
        f"没看懂重复规则“每周上午”：看懂了“每周”（每个星期），但没说清是星期几：写“每周三”或“每周二和周四”。{RULES}",
    ),
    (
        ["start: 2026-12-05", "place: lanyuan", "repeat: 第一个周六"],
        "repeat: 第一个周六",
        "repeat",
        f"没看懂重复规则“第一个周六”：应写明多久一次：以“每天”“每周”“每月”开头。{RULES}",
    ),
    (
        ["start: 2026-12-05", "place: lanyuan", "repeat: 每月"],
        "repeat: 每月",
        "repeat",
        "没看懂重复规则“每月”：看懂了“每月”（每个月一次），但没说清是哪一天：写“每月15日”，"
        f"或第几个星期几：写“每月第一个周六”“每月最后一个周五”。{RULES}",
    ),
    (
        ["start: 2026-12-05", "place: lanyuan", "repeat: 每周六", "except: [春节]"],
        "except: [春节]",
        "except",
        "例外“春节”看不懂：写月份（如 2月）或日期（如 2026-10-01）",
    ),
    (
        ["start: 2026-12-05", "place: lanyuan", "except: [2月]"],
        "except: [2月]",
        "except",
        "except: 只用于重复的活动：请写 repeat:（如 每周三），或删去 except:",
    ),
    (
        ["start: 2026-12-05", "place: lanyuan", "until: 2027-06-30"],
        "until: 2027-06-30",
        "until",
        "until: 只用于重复的活动：请写 repeat:（如 每周三），或删去 until:",
    ),
    (
        ["start: 2026-12-05", "place: lanyuan", "repeat: 每周六", "until: 2026-11-30"],
        "until: 2026-11-30",
        "until",
        "重复到 2026-11-30 为止，早于第一次活动（2026-12-05）：请检查 until",
    ),
    (
        ["start: 2026-12-05", "place: lanyuan", "join:", "  deadline: 2026-12-08"],
        "  deadline: 2026-12-08",
        "join.deadline",
        "报名截止（2026-12-08）晚于活动开始（2026-12-05）：请检查日期",
    ),
    (
        ["start: 2026-12-05", "place: lanyuan", "status: cancelled"],
        "status: cancelled",
        "status",
        "已取消的活动要写明原因：请加 reason:，如 reason: 因天气原因取消（居民会看到这句话）",
    ),
    (
        ["start: 2026-12-05", "place: lanyuan", "status: postponed"],
        "status: postponed",
        "status",
        "已延期的活动要写明原因：请加 reason:，如 reason: 因天气原因延期（居民会看到这句话）",
    ),
]


def _events_file() -> tuple[str, list[tuple[int, int, str, str]]]:
    """One file with every mistake, each its own event; and where each problem must point."""
    lines, expected = [], []
    for i, (body, at, field, message) in enumerate(MISTAKES):
        lines += [f"- id: e{i}", "  title: 活动"]
        for text in body:
            if text == at:
                line, column = len(lines) + 1, 2 + text.index(": ") + 3
                expected.append((line, column, f"[{i}].{field}", message))
            lines.append("  " + text)
    assert len(expected) == len(MISTAKES)
    return "\n".join(lines) + "\n", expected


def test_every_event_mistake_is_reported_at_its_place_all_at_once(tmp_path):
    text, expected = _events_file()
    site = make_site(tmp_path, {EVENTS: text})
    with pytest.raises(ContentError) as info:
        pipeline.check(site / "site_config.yml", TODAY, Report())
    errors = info.value.problems.errors
    assert {e.path for e in errors} == {EVENTS}, [e.format() for e in errors]
    got = sorted((e.line, e.column, e.field, e.message) for e in errors)
    assert got == sorted(expected)
    assert all(e.english for e in errors)


def test_english_says_what_was_understood(tmp_path):
    text = "- id: e0\n  title: 活动\n  start: 2026-12-05\n  place: lanyuan\n  repeat: 每月周六\n"
    site = make_site(tmp_path, {EVENTS: text})
    with pytest.raises(ContentError) as info:
        pipeline.check(site / "site_config.yml", TODAY, Report())
    (e,) = info.value.problems.errors
    assert e.english.startswith(
        "recurrence '每月周六' not understood (understood 'every month', but not the day)"
    )


def test_the_same_events_written_right_pass(tmp_path):
    """Each mistake corrected as its message says: no problem left in the events file."""
    text = (
        '- id: ok\n  title: 网格议事会\n  kind: meeting\n  start: "2026-12-05 09:00"\n  end: "11:30"\n'
        "  place: st-1\n  scope: donghu\n  repeat: 每月第一个周六\n  except: [2月, 2027-03-06]\n"
        "  until: 2027-06-30\n  join:\n    deadline: 2026-12-01\n"
        "- id: quxiao\n  title: 茶话会\n  start: 2026-12-09\n  place: lanyuan\n  status: cancelled\n"
        "  reason: 当天停电检修\n"
    )
    site = make_site(tmp_path, {EVENTS: text})
    pipeline.check(site / "site_config.yml", TODAY, Report())  # raises ContentError on any error


def test_an_interval_of_months_says_how_to_write_it_instead():
    from builder.model.recurrence import NotUnderstood, parse

    for words in ("每两个月", "每季度", "每年"):
        try:
            parse(words)
        except NotUnderstood as err:
            assert "间隔还不能写" in err.zh and "except:" in err.zh, words
        else:
            raise AssertionError(words)
