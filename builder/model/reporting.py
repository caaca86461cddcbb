"""Records for 双报到: units (content/units/*.yml) and in-service party members
(content/members/*.yml) reporting to the community where they are, with what they offer (the
resource list, 资源清单) and what they committed to.

A member is a person: the same consent rules as a grid team's members (a mobile is masked and a
photo withheld unless the member's consent record allows it)."""

from __future__ import annotations

from pydantic import Field

from .base import Date, Markdown, Paragraph, Phone, Record, Slug, Text
from .org import Person


class Resource(Record):
    """One thing a unit or a member offers: an entry of the resource list."""

    id: Slug
    what: Text = Field(min_length=1, description="资源，如 每月一次义诊、会议室 / what is offered")
    detail: Paragraph = Field("", description="说明：时间、数量、条件 / details")


class Unit(Record):
    """A unit (机关、企事业单位的党组织) reporting to a community."""

    id: Slug
    name: Text = Field(min_length=1, description="单位（党组织）名称 / name")
    community: Slug = Field(description="报到的社区编号 / community it reports to")
    reported: Date = Field(description="报到日期 / date reported")
    phone: Phone | None = Field(None, description="联系电话（办公电话）/ an office phone")
    contact: Text = Field("", description="联系人（职务即可，如 办公室主任）/ contact")
    commitment: Paragraph = Field("", description="承诺，如 每季度组织一次义诊 / what it committed to")
    offers: list[Resource] = Field(default_factory=list, description="可提供的资源 / resources offered")
    intro: Markdown = Field("", description="介绍（Markdown）/ introduction")


class Member(Person):
    """A party member reporting to the community where they live (在职党员进社区)."""

    id: Slug
    unit: Slug | None = Field(None, description="所在报到单位的编号 / their reporting unit's id")
    employer: Text = Field("", description="工作单位（不是报到单位时写名称）/ where they work")
    community: Slug = Field(description="报到的社区编号 / community")
    grid: Slug | None = Field(None, description="加入的网格编号 / grid joined")
    reported: Date = Field(description="报到日期 / date reported")
    commitment: Paragraph = Field("", description="承诺，如 每月参加一次网格巡查 / commitment")
    offers: list[Resource] = Field(default_factory=list, description="可提供的资源 / resources offered")
