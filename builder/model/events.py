"""Records for content/events/*.yml: events (活动) — one day, several days, or recurring."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator

from .base import (
    TEXT_MAX,
    TYPED,
    Markdown,
    Paragraph,
    Phone,
    Record,
    Slug,
    Text,
    _date,
    _datetime,
    _text,
    fail,
    read_day,
)
from .org import Photo
from .recurrence import NotUnderstood, parse


def _moment(value: Any) -> Any:
    """A day (all day) or a day and a time: 2026-12-12, "2026-12-12 09:00"; None when neither."""
    if isinstance(value, dt.datetime):
        return _datetime(value)
    if isinstance(value, dt.date):
        return _date(value)
    if isinstance(value, str) and re.search(r"(?:\d\s*[ T]|日\s*)\d{1,2}[:：]\d{2}", value.strip()):
        try:
            return _datetime(value.replace("：", ":"))
        except Exception:
            pass
    elif isinstance(value, str):
        try:
            return _date(value)
        except Exception:
            pass
    return None


def _when(value: Any) -> Any:
    """A start: a day (all day) or a day and a time."""
    found = _moment(value)
    if found is None:
        raise fail(
            f'开始时间“{value}”不对：全天的活动写日期，如 2026-12-12；有钟点的写 "2026-12-12 09:00"（加引号）',
            f"bad start '{value}': a day (2026-12-12) or a day and a time (\"2026-12-12 09:00\", quoted)",
        )
    return found


def _end(value: Any) -> Any:
    """As _when, or a time of day alone ("11:30": the same day as the start)."""
    if isinstance(value, str) and re.fullmatch(r"\d{1,2}[:：]\d{2}", value.strip()):
        hours, minutes = (int(x) for x in re.split(r"[:：]", value.strip()))
        if hours < 24 and minutes < 60:
            return dt.time(hours, minutes)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return dt.time(value // 60, value % 60)  # YAML 1.1 reads 11:30 as the number 690
    found = _moment(value)
    if found is None:
        raise fail(
            f'结束时间“{value}”不对：当天结束的只写钟点，如 "11:30"；也可以写日期 2026-12-12，'
            '或 "2026-12-12 11:30"（加引号）',
            f'bad end \'{value}\': a time ("11:30"), a day (2026-12-12) or both ("2026-12-12 11:30", quoted)',
        )
    return found


When = Annotated[dt.date | dt.datetime, BeforeValidator(_when)]


def _exception(value: Any) -> str:
    """An exception as text: a month (2月) or a day (2026-10-01, also when YAML read it as a date);
    what it may be is checked with the rule (recurrence._exceptions)."""
    if isinstance(value, dt.date):
        return _date(value).isoformat()
    if isinstance(value, str) and read_day(value)[0] is not None:
        return _date(value).isoformat()  # 2026.10.1, 2026年10月1日: read (and noted) as dates are
    return str(value).strip() if isinstance(value, int) and not isinstance(value, bool) else _text(value)


ExceptionWords = Annotated[str, BeforeValidator(_exception), Field(max_length=20), TYPED]
# a rule in words: only what model/recurrence.py reads passes, so it is checked by its type (TYPED),
# not free text (no hostile text or personal number can be one)
RepeatWords = Annotated[str, BeforeValidator(_text), Field(max_length=TEXT_MAX), TYPED]
End = Annotated[dt.date | dt.datetime | dt.time, BeforeValidator(_end)]


class Join(Record):
    """How to take part."""

    signup: bool | None = Field(
        None, description="是否需要报名；不写时，填了电话或截止日期即为需要 / sign-up needed"
    )
    phone: Phone | None = Field(None, description="报名电话（办公电话），加引号 / phone, quoted")
    deadline: Annotated[dt.date, BeforeValidator(_date)] | None = Field(
        None, description="报名截止日期 YYYY-MM-DD / sign-up deadline"
    )
    capacity: int | None = Field(None, ge=1, le=100_000, description="名额 / places")
    note: Paragraph = Field("", description="其他说明，如 请携带身份证 / note")

    @property
    def needed(self) -> bool:
        return self.signup if self.signup is not None else bool(self.phone or self.deadline)


class Event(Record):
    """One event, or a series of events when `repeat` is written."""

    id: Slug
    title: Text = Field(min_length=1, description="活动名称 / title")
    kind: Slug | None = Field(None, description="活动类型编号，见 site_config.yml 的 events.kinds / kind")
    start: When = Field(description='开始：日期，或 "日期 时间"（加引号）/ start')
    end: End | None = Field(
        None, description='结束：日期、"日期 时间"，或只写时间 "11:30"（当天）；不写为当天结束 / end'
    )
    place: Text = Field(
        min_length=1, description="地点：驿站或社区的编号，或写地址，如 某某街道党群服务中心 / place"
    )
    scope: Slug | None = Field(
        None, description="面向：区、街道、社区或网格的编号，不写为全区 / district, street, community or grid"
    )
    organiser: Text = Field("", description="主办单位 / organiser")
    join: Join = Field(default_factory=Join, description="报名方式 / how to join")
    cost: Text = Field("免费", description="费用，不写为免费 / cost")
    description: Markdown = Field("", description="活动介绍（Markdown）/ description")
    photos: list[Photo] = Field(
        default_factory=list, description="照片：{file: 路径, alt: 图上是什么} / photos"
    )
    status: Literal["scheduled", "cancelled", "postponed"] = Field(
        "scheduled", description="scheduled 照常 | cancelled 取消 | postponed 延期 / status"
    )
    reason: Paragraph = Field("", description="取消或延期的原因（取消、延期时必填）/ reason")
    repeat: RepeatWords | None = Field(
        None, description="重复：如 每周三、每月第一个周六、每月15日 / recurrence in words"
    )
    except_: list[ExceptionWords] = Field(
        default_factory=list,
        alias="except",
        description="不举办的月份或日期，如 [2月, 2026-10-01] / exceptions",
    )
    until: Annotated[dt.date, BeforeValidator(_date)] | None = Field(
        None, description="重复到哪一天为止 YYYY-MM-DD / last day of the series"
    )
    draft: bool = Field(False, description="草稿不发布 / drafts are not published")

    @field_validator("repeat")
    @classmethod
    def _words(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                parse(value)
            except NotUnderstood as err:
                raise fail(err.zh, err.en) from None
        return value

    @field_validator("except_")
    @classmethod
    def _exceptions(cls, value: list) -> list:
        try:
            parse("每天", value)
        except NotUnderstood as err:
            raise fail(err.zh, err.en) from None
        return value

    @property
    def rule(self):
        """The recurrence (model/recurrence.Rule), or None for a one-off event."""
        return parse(self.repeat, self.except_) if self.repeat else None

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)
