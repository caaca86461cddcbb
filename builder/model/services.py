"""Records for posted service lists: categories, items, volunteer teams, care stations."""

from __future__ import annotations

from pydantic import Field

from .base import Paragraph, Phone, Record, Slug, Text
from .org import Person


class SubCategory(Record):
    """Second-level service category."""

    id: Slug
    name: Text = Field(min_length=1, description="名称 / name")


class Category(Record):
    """First-level service category with its sub-categories."""

    id: Slug
    name: Text = Field(min_length=1, description="名称 / name")
    children: list[SubCategory] = Field(default_factory=list, description="小类 / sub-categories")


class Service(Record):
    """A service item 服务事项 (e.g. done on residents' behalf 代办)."""

    id: Slug
    name: Text = Field(min_length=1, description="事项名称 / name")
    category: Slug = Field(description="所属小类（或大类）编号 / category id")
    summary: Paragraph = Field("", description="一句话说明 / summary")
    where: Text = Field("", description="办理地点 / where")
    hours: Text = Field("", description="办理时间 / hours")
    contact: Phone | None = Field(None, description="咨询电话 / phone")
    who: Paragraph = Field("", description="谁可以办 / who is eligible")
    steps: list[Paragraph] = Field(default_factory=list, description="办理步骤 / steps")
    documents: list[Text] = Field(default_factory=list, description="所需材料 / documents")
    on_behalf: bool = Field(False, description="网格员可代办 / grid workers can do it for you")


class VolunteerTeam(Record):
    """A volunteer service team 志愿服务队."""

    id: Slug
    name: Text = Field(min_length=1, description="名称 / name")
    sector: Text = Field("", description="领域，如 医疗、法律 / sector")
    leader: Person | None = None
    members: int = Field(0, ge=0, le=100_000, description="队员人数 / members")
    communities: list[Slug] = Field(default_factory=list, description="服务的社区 / communities")
    offers: list[Text] = Field(default_factory=list, description="可接单的服务 / what it offers")


class Station(Record):
    """A party-member care station 党员爱心驿站."""

    id: Slug
    name: Text = Field(min_length=1, description="名称 / name")
    host: Text = Field("", description="依托店铺或单位 / host shop")
    community: Slug = Field(description="所在社区编号 / community id")
    address: Text = Field("", description="地址 / address")
    hours: Text = Field("", description="开放时间 / hours")
    contact: Phone | None = None
    facilities: list[Text] = Field(default_factory=list, description="设施 / facilities")


class ServiceFile(Record):
    """One file under content/services/: any of the four lists."""

    categories: list[Category] = Field(default_factory=list)
    items: list[Service] = Field(default_factory=list)
    teams: list[VolunteerTeam] = Field(default_factory=list)
    stations: list[Station] = Field(default_factory=list)
