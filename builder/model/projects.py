"""Records for the needs list (content/needs/*.yml: what residents asked for) and the project
list (content/projects/*.yml: a need matched to a resource, with who, when, status and result):
two of the three lists (三张清单); the third, the resources, is what units and members offer
(model/reporting.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .base import Date, Markdown, Paragraph, Record, Slug, Text
from .wishes import one_of

SOURCES = {
    "visit": "包居联户走访",
    "wish": "微心愿",
    "meeting": "议事协商",
    "hotline": "热线反映",
    "other": "其他渠道",
}
PROJECT_STATUS = {"planned": "计划中", "underway": "进行中", "done": "已完成", "stopped": "已中止"}


class Need(Record):
    """One thing residents asked for."""

    id: Slug
    what: Text = Field(min_length=1, description="需求，如 小区加装路灯 / what residents asked for")
    community: Slug = Field(description="社区编号 / community id")
    grid: Slug | None = Field(None, description="网格编号 / grid id")
    raised: Date = Field(description="提出日期 / date raised")
    source: Annotated[Literal["visit", "wish", "meeting", "hotline", "other"], one_of(SOURCES, "source")] = (
        Field(
            "visit",
            description="来源：visit 包居联户走访 | wish 微心愿 | meeting 议事协商 | hotline 热线 | other / source",
        )
    )
    wish: Slug | None = Field(None, description="来自哪个微心愿（编号）/ the wish it came from")
    detail: Paragraph = Field("", description="说明（公开，不写姓名门牌）/ details (public)")
    reply: Paragraph = Field("", description="答复：没有立项时怎么回应的 / the answer, when no project")
    replied: Date | None = Field(None, description="答复日期 / date answered")
    draft: bool = Field(False, description="草稿不发布 / drafts are not published")

    @property
    def source_zh(self) -> str:
        return SOURCES[self.source]


class Project(Record):
    """A need matched to a resource: who does it, when, and what came of it."""

    id: Slug
    title: Text = Field(min_length=1, description="项目名称 / title")
    need: Slug = Field(description="对应的需求编号 / the need it answers")
    resource: Slug | None = Field(None, description="用到的资源编号 / the resource it uses")
    by: Slug | None = Field(
        None, description="承接的报到单位、报到党员或志愿服务队编号（不写为资源的提供者）/ who took it"
    )
    start: Date = Field(description="开始日期 / start")
    end: Date | None = Field(None, description="完成日期 / end")
    status: Annotated[Literal["planned", "underway", "done", "stopped"], one_of(PROJECT_STATUS, "status")] = (
        Field(
            "underway", description="planned 计划中 | underway 进行中 | done 已完成 | stopped 已中止 / status"
        )
    )
    result: Paragraph = Field("", description="结果：办成了什么，如 安装路灯 12 盏 / the result")
    description: Markdown = Field("", description="过程介绍（Markdown）/ description")
    draft: bool = Field(False, description="草稿不发布 / drafts are not published")

    @property
    def status_zh(self) -> str:
        return PROJECT_STATUS[self.status]
