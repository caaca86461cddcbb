"""Records for content/notices.yml: urgent notices (紧急通知) — a water cut, a road closed, a
vaccination day — shown as a banner on the pages in their scope and on the screens."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from .base import Paragraph, Record, Slug, Text, _datetime, fail


def _moment(value: Any) -> Any:
    """A date and time, as DateTime reads it; the message names a notice's time, not a posting's."""
    try:
        return _datetime(value.replace("：", ":") if isinstance(value, str) else value)
    except PydanticCustomError as e:
        if "超出范围" in str(e):
            raise
        raise fail(
            f'时间“{value}”不对：请写成 "YYYY-MM-DD HH:MM"，如 "2026-12-01 08:00"（加英文引号），'
            "并确认这一天存在",
            f'bad time \'{value}\': write "YYYY-MM-DD HH:MM", e.g. "2026-12-01 08:00", quoted',
        ) from None


Moment = Annotated[dt.datetime, BeforeValidator(_moment)]

LEVELS = {"info": "提示", "warning": "注意", "urgent": "紧急"}


class Notice(Record):
    """One urgent notice: what it says, where and when it applies, who issued it."""

    id: Slug
    title: Text = Field(min_length=1, description="标题（简短），如 停水通知 / short title")
    text: Paragraph = Field(min_length=1, description="通知内容 / the notice itself")
    scope: Slug | None = Field(
        None, description="范围：区、街道、社区或网格的编号，不写为全区 / district, street, community or grid"
    )
    from_: Moment = Field(
        alias="from", description='开始时间 "YYYY-MM-DD HH:MM"（加引号）/ from (date and time)'
    )
    until: Moment = Field(description='结束时间 "YYYY-MM-DD HH:MM"（加引号）/ until (date and time)')
    level: Literal["info", "warning", "urgent"] = Field(
        "info", description="info 提示 | warning 注意 | urgent 紧急（大屏整屏显示）/ level"
    )
    issuer: Text = Field(min_length=1, description="发布单位，如 某某社区居委会 / who issued it")
    page: Text | None = Field(
        None, description="相关页面：content/pages/ 下的文件名，不带 .md，如 brand / a free page"
    )
    posting: Slug | None = Field(None, description="相关公示的编号 / a posting of the board")
    draft: bool = Field(False, description="草稿不发布 / drafts are not published")

    @property
    def level_zh(self) -> str:
        return LEVELS[self.level]
