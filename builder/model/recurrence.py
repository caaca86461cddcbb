"""Recurrence in a staff member's words: 每周三、每月第一个周六、每月15日 → the dates it falls on.

`parse(words)` reads the rule as a publicity office writes it and returns a `Rule`, or raises
`NotUnderstood` saying what was understood and what would be right; `Rule.dates(first, last)`
expands it with dateutil's rrule (a kept library: RFC 5545's rules, so the same dates an .ics
calendar would compute). Exceptions (`except:`) are months (2月) or days (2026-02-07).

What is understood:
  每天                          every day
  每周三 / 每星期三 / 每周二、周四 / 每周二和周四   weekly on those days
  每两周周六 / 隔周周六          every other week
  每月15日 / 每月1日、15日       monthly on those days of the month (a month without the day is skipped)
  每月第一个周六 / 每月第2个周三 / 每月最后一个周五   monthly on the nth weekday
A time of day (上午, 下午 9:00 …) after the rule is ignored: the time is the event's own `start`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from dateutil import rrule

WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_RR_DAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)
_NUMBERS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
_DAY = r"(?:周|星期|礼拜)([一二三四五六日天])"
_TIME_WORDS = re.compile(
    r"(?:上午|下午|晚上|早上|中午|傍晚|全天)?\s*(?:\d{1,2}[:：]\d{2})?(?:\s*[-—~至到]\s*\d{1,2}[:：]\d{2})?$"
)
EXAMPLES = "每天、每周三、每周二和周四、每两周周六、每月15日、每月第一个周六、每月最后一个周五"
EXAMPLES_EN = "every day, every Wednesday, twice weekly, every other Saturday, the 15th, the first Saturday"


class NotUnderstood(ValueError):
    """A rule not understood: (zh, en), saying what was understood and what would be right."""

    def __init__(self, zh: str, en: str):
        super().__init__(zh)
        self.zh, self.en = zh, en


@dataclass(frozen=True)
class Rule:
    """A recurrence: how often, on which days, with which exceptions."""

    freq: int  # rrule.DAILY, WEEKLY or MONTHLY
    interval: int = 1
    weekdays: tuple = ()  # rrule weekday objects, maybe with an nth (+1 SA, -1 FR)
    monthdays: tuple[int, ...] = ()
    except_months: frozenset[int] = field(default_factory=frozenset)
    except_days: frozenset[dt.date] = field(default_factory=frozenset)

    def dates(self, first: dt.date, last: dt.date, start: dt.date) -> list[dt.date]:
        """The days it falls on from `first` to `last` (both included), counting from `start`
        (the series' first day: every other week counts from there)."""
        if last < first:
            return []
        months = tuple(m for m in range(1, 13) if m not in self.except_months) or None
        rule = rrule.rrule(
            self.freq,
            interval=self.interval,
            dtstart=dt.datetime.combine(start, dt.time()),
            until=dt.datetime.combine(last, dt.time()),
            byweekday=self.weekdays or None,
            bymonthday=self.monthdays or None,
            bymonth=months if self.except_months else None,
        )
        return [d.date() for d in rule if d.date() >= first and d.date() not in self.except_days]


def parse(words: str, exceptions: list[str] | tuple[str, ...] = ()) -> Rule:
    """The rule `words` describe, with `exceptions` (months or days) left out."""
    text = re.sub(r"\s+", "", words.strip())
    months, days = _exceptions(exceptions)
    body = _TIME_WORDS.sub("", text) if text else text
    for reader in (_daily, _weekly, _monthly_nth, _monthly_days):
        rule = reader(body)
        if rule is not None:
            return Rule(**rule, except_months=months, except_days=days)
    raise _not_understood(words, body)


def _daily(text: str) -> dict | None:
    return {"freq": rrule.DAILY} if text in ("每天", "每日", "天天") else None


def _weekly(text: str) -> dict | None:
    if text in ("每周末", "每个周末", "每逢周末"):
        return {"freq": rrule.WEEKLY, "weekdays": (rrule.SA, rrule.SU)}
    m = re.fullmatch(
        r"(每|隔|每两)(?:周|星期|礼拜)?((?:" + _DAY + r"|[、，,和及与]|[一二三四五六日天])+)", text
    )
    if not m or m.group(2)[:1] in "、，,和及与":
        return None
    interval = 2 if m.group(1) in ("隔", "每两") else 1
    names = re.findall(r"[一二三四五六日天]", re.sub(r"(?:周|星期|礼拜)", "", m.group(2)))
    if not names:
        return None
    days = tuple(dict.fromkeys(_RR_DAYS[WEEKDAYS[n]] for n in names))
    return {"freq": rrule.WEEKLY, "interval": interval, "weekdays": days}


def _monthly_nth(text: str) -> dict | None:
    m = re.fullmatch(r"每(?:个)?月(?:的)?(?:第([一二三四五1-5])个|(最后)一个)" + _DAY, text)
    if not m:
        return None
    nth = -1 if m.group(2) else _NUMBERS[m.group(1)]
    return {"freq": rrule.MONTHLY, "weekdays": (_RR_DAYS[WEEKDAYS[m.group(3)]](nth),)}


def _monthly_days(text: str) -> dict | None:
    m = re.fullmatch(r"每(?:个)?月(?:的)?((?:\d{1,2}[日号]?[、，,和及与]?)+)", text)
    if not m:
        return None
    days = tuple(int(d) for d in re.findall(r"\d{1,2}", m.group(1)))
    if not days or any(not 1 <= d <= 31 for d in days):
        return None
    return {"freq": rrule.MONTHLY, "monthdays": tuple(dict.fromkeys(days))}


def _not_understood(words: str, body: str) -> NotUnderstood:
    """What was understood of `words`, and what would be right."""
    if body.startswith(("每月", "每个月")):
        rest = body.removeprefix("每个月").removeprefix("每月")
        got, got_en = "“每月”（每个月一次）", "'every month'"
        want = "是哪一天：写“每月15日”，或第几个星期几：写“每月第一个周六”“每月最后一个周五”"
        if re.search(_DAY, rest) and not re.search(r"第[一二三四五1-5]个|最后一个", rest):
            want = "是第几个星期几：写“每月第一个周六”（第一个到第五个，或“最后一个”）"
    elif body.startswith(("每周", "每星期", "隔周", "每两周", "每礼拜")):
        rest = re.sub(r"^(每两周|每周|每星期|每礼拜|隔周)", "", body)
        got, got_en = "“每周”（每个星期）", "'every week'"
        want = "是星期几：写“每周三”或“每周二和周四”"
        if rest and not re.search(r"[一二三四五六日天]", rest):
            want += f"；“{rest}”不是星期几"
    elif re.match(r"^(每两个月|每隔一个月|每三个月|每季度|每个季度|每半年|每年|每一年)", body):
        return NotUnderstood(
            f"没看懂重复规则“{words}”：每两个月、每季度、每年这样的间隔还不能写：请写成“每月…”"
            "（如“每月第一个周六”），不办的月份写在 except: 里，如 [1月, 3月, 5月]",
            f"recurrence '{words}': intervals of months or years are not supported; write a monthly rule "
            "and list the months without it under except:",
        )
    else:
        got, got_en = "", ""
        want = "多久一次：以“每天”“每周”“每月”开头"
    zh = (
        f"没看懂重复规则“{words}”："
        + (f"看懂了{got}，但没说清{want}。" if got else f"应写明{want}。")
        + f"能看懂的写法有：{EXAMPLES}；例外写在 except: 里，如 [2月, 2026-10-01]"
    )
    en = (
        f"recurrence '{words}' not understood"
        + (f" (understood {got_en}, but not the day)" if got_en else "")
        + f"; write e.g. {EXAMPLES_EN}"
    )
    return NotUnderstood(zh, en)


def _exceptions(items) -> tuple[frozenset[int], frozenset[dt.date]]:
    """`except:` items: months (2月, 二月, 12月) or days (2026-02-07)."""
    months: set[int] = set()
    days: set[dt.date] = set()
    for item in items:
        if isinstance(item, dt.date):
            days.add(item)
            continue
        text = str(item).strip()
        m = re.fullmatch(r"(\d{1,2}|[一二三四五六七八九十]{1,3})月(?:份)?", text)
        if m:
            number = int(m.group(1)) if m.group(1).isdigit() else _chinese_number(m.group(1))
            if 1 <= number <= 12:
                months.add(number)
                continue
        try:
            days.add(dt.date.fromisoformat(text))
            continue
        except ValueError:
            pass
        raise NotUnderstood(
            f"例外“{item}”看不懂：写月份（如 2月）或日期（如 2026-10-01）",
            f"exception '{item}' not understood: a month (2月) or a date (2026-10-01)",
        )
    return frozenset(months), frozenset(days)


def _chinese_number(text: str) -> int:
    digits = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + digits.get(text[1:], 0)
    if text.endswith("十"):
        return digits.get(text[:-1], 0) * 10
    if "十" in text:
        a, b = text.split("十")
        return digits.get(a, 0) * 10 + digits.get(b, 0)
    return digits.get(text, 0)
