"""Records for content/screens.yml: community screens (大屏) and what they show."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from .base import Date, Record, Slug, Text, fail

_WEEKDAYS = {"周一": 1, "周二": 2, "周三": 3, "周四": 4, "周五": 5, "周六": 6, "周日": 7, "周天": 7}
_WEEKDAYS |= {k.replace("周", "星期"): v for k, v in _WEEKDAYS.items()}


def _day(value: Any) -> Any:
    if isinstance(value, str) and value.strip() in _WEEKDAYS:
        return _WEEKDAYS[value.strip()]
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 7:
        return value
    raise fail(
        f"星期“{value}”不对：写 1 到 7（1 是周一，7 是周日），或写 周一……周日",
        f"bad weekday '{value}': 1 (Monday) to 7 (Sunday), or 周一…周日",
    )


def _clock(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        value = f"{value // 60:02d}:{value % 60:02d}"  # a YAML 1.1 reader's base-60 number
    m = re.fullmatch(r"(\d{1,2})[:：](\d{2})", str(value).strip())
    if not m or int(m[1]) > 24 or int(m[2]) > 59 or (int(m[1]) == 24 and int(m[2])):
        raise fail(
            f'时间“{value}”不对：写成 "HH:MM"（加引号，英文冒号），如 "08:30"',
            f'bad time "{value}": write "HH:MM" in quotes, e.g. "08:30"',
        )
    return f"{int(m[1]):02d}:{m[2]}"


Weekday = Annotated[int, BeforeValidator(_day)]
Clock = Annotated[str, BeforeValidator(_clock)]


def _show(value: Any) -> Any:
    """A playlist entry's `show`: one of the entries the kinds offer (kinds/registry.py)."""
    from ..kinds.registry import shows  # the registry imports this model

    if isinstance(value, str) and value in shows():
        return value
    names = [repr(n) for n in shows()]
    expected = ", ".join(names[:-1]) + " or " + names[-1]
    raise PydanticCustomError("literal_error", "Input should be {expected}", {"expected": expected})


def _show_schema(schema: dict) -> None:
    from ..kinds.registry import shows

    schema["enum"] = list(shows())
    schema["description"] = (
        "显示什么：" + "、".join(s.description for s in shows().values()) + " / what to show"
    )


ShowName = Annotated[str, BeforeValidator(_show), Field(max_length=40)]


class TimeWindow(Record):
    """When the screen shows its playlist; outside every window it shows a quiet brand slide."""

    days: list[Weekday] = Field(
        default_factory=lambda: [1, 2, 3, 4, 5, 6, 7],
        description="星期几：1 到 7（1 是周一），不写为每天 / weekdays, 1 = Monday; all when omitted",
    )
    start: Clock = Field(alias="from", description='开始时间 "HH:MM" / from')
    end: Clock = Field(alias="to", description='结束时间 "HH:MM"（可跨过午夜）/ to (may pass midnight)')


class PlaylistItem(Record):
    """One entry of a screen's playlist; it becomes one or more slides."""

    show: ShowName = Field(description="显示什么 / what to show", json_schema_extra=_show_schema)
    seconds: int | None = Field(
        None, ge=5, le=600, description="每页停留秒数，不写用屏幕的设置 / seconds per slide"
    )
    count: int | None = Field(
        None, ge=1, le=200, description="最多几页（新闻默认 5 条）/ at most this many slides"
    )
    page: Text | None = Field(
        None, description="show: page 时，content/pages/ 下的文件名（不带 .md），如 brand / the free page"
    )
    category: Slug | None = Field(None, description="show: board 时只显示这一类公示 / board category")
    show_from: Date | None = Field(None, description="从这一天起显示 YYYY-MM-DD / first day shown")
    show_until: Date | None = Field(None, description="显示到这一天为止 YYYY-MM-DD / last day shown")


def _item(value: Any) -> Any:
    """`- board` is short for `- {show: board}`."""
    return {"show": value} if isinstance(value, str) else value


class Screen(Record):
    """One screen: where it hangs, what part of the district it serves, and its playlist."""

    id: Slug
    place: Text = Field(min_length=1, description="安放位置，如 社区党群服务中心大厅 / where it hangs")
    orientation: Literal["landscape", "portrait"] = Field(
        "landscape", description="landscape 横屏 | portrait 竖屏 / orientation"
    )
    scope: Slug = Field(
        description="范围：区、街道、社区或网格的编号 / district, street, community or grid id"
    )
    seconds: int = Field(15, ge=5, le=600, description="每页停留秒数 / seconds per slide")
    playlist: list[Annotated[PlaylistItem, BeforeValidator(_item)]] = Field(
        default_factory=list, description="播放内容，按顺序 / what it shows, in order"
    )
    hours: list[TimeWindow] = Field(
        default_factory=list,
        description="播放时段，不写为全天；时段外显示品牌页和时间 / when to play; brand slide outside",
    )
