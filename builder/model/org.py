"""Records for the organisation: streets, communities, grids, showcases, studios, people."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from .base import Date, Markdown, MediaPath, Paragraph, Phone, Record, Slug, Text, Year, digits, fail


class Consent(Record):
    """A person's recorded consent to publish their phone and/or photo."""

    scope: list[Literal["phone", "photo"]] = Field(
        min_length=1, description="同意公开的内容：phone 电话、photo 照片 / what may be published"
    )
    date: Date = Field(description="签署同意书的日期 / date consent was given")
    recorded_by: Text = Field("", description="登记人或单位 / who recorded it")


class Person(Record):
    """A named person shown on the site (team member, secretary, host)."""

    name: Text = Field(min_length=1, description="姓名 / name")
    phone: Phone | None = Field(None, description="电话 / phone")
    photo: MediaPath | None = Field(None, description="照片，content/ 下的路径 / photo under content/")
    consent: Consent | None = Field(None, description="本人同意书记录 / consent record")

    def allows(self, what: str) -> bool:
        """True when the person consented to publishing `what` ('phone' or 'photo')."""
        return self.consent is not None and what in self.consent.scope


class TeamMember(Person):
    """One member of a grid team."""

    role: Slug = Field(description="角色编号，见 site_config.yml 的 roles / role id")
    party_member: bool = Field(False, description="是否党员 / party member")
    duty: Text = Field("", description="分工，如 负责1—3号楼 / duty")


class Community(Record):
    """A community 社区 or village 村."""

    id: Slug
    name: Text = Field(min_length=1, description="社区名称 / name")
    kind: Literal["community", "village"] = Field("community", description="community 社区 | village 村")
    code: digits(12, "社区代码") | None = Field(None, description="12 位代码 / 12-digit code")
    address: Text = Field("", description="社区党群服务中心地址 / address")
    phone: Phone | None = Field(None, description="社区电话 / phone")
    intro: Markdown = Field("", description="简介（Markdown）/ introduction")


class Street(Record):
    """A street 街道 or town 镇 and its communities."""

    id: Slug
    name: Text = Field(min_length=1, description="街道名称 / name")
    code: digits(9, "街道代码") | None = Field(None, description="9 位代码 / 9-digit code")
    intro: Markdown = Field("", description="简介（Markdown）/ introduction")
    communities: list[Community] = Field(min_length=1, description="下辖社区/村 / communities")


class Org(Record):
    """content/org.yml."""

    streets: list[Street] = Field(min_length=1, description="街道（镇）/ streets")


class PartyBranch(Record):
    """The grid's party branch or party group."""

    name: Text = Field(min_length=1, description="支部名称 / name")
    secretary: Text = Field("", description="书记 / secretary")
    members: int = Field(0, ge=0, le=10_000, description="党员人数 / members")


class Grid(Record):
    """A grid 网格."""

    id: Slug
    name: Text = Field(min_length=1, description="网格名称 / name")
    community: Slug = Field(description="所属社区编号 / community id")
    code: digits(15, "网格代码") | None = Field(None, description="15 位网格代码 / 15-digit grid code")
    kind: Literal["basic", "dedicated"] = Field(description="basic 基础网格 | dedicated 专属网格")
    covers: Paragraph = Field("", description="覆盖范围 / what it covers")
    buildings: list[Text] = Field(default_factory=list, description="楼栋 / buildings")
    households: int | None = Field(None, ge=0, le=100_000, description="户数 / households")
    population: int | None = Field(None, ge=0, le=1_000_000, description="人口 / residents")
    party_branch: PartyBranch | None = Field(None, description="网格党支部 / party branch")
    team: list[TeamMember] = Field(default_factory=list, description="网格队伍 / team")
    supervision_phone: Phone | None = Field(None, description="监督电话 / supervision phone")
    services: list[Slug] = Field(default_factory=list, description="代办服务事项编号 / service ids")
    standards: dict[Slug, list[Text]] = Field(
        default_factory=dict, description="已达标的清单条目 / standards met, by checklist id"
    )
    notes: Markdown = Field("", description="说明（Markdown）/ notes")


def _stars(value: int) -> int:
    if not 1 <= value <= 5:
        raise fail("星级应为 1 到 5", "stars must be 1 to 5")
    return value


Stars = Annotated[int, AfterValidator(_stars)]


class Photo(Record):
    """A photo with a description of what it shows (read aloud to people who cannot see it)."""

    file: MediaPath = Field(min_length=1, description="照片，content/ 下的路径 / photo under content/")
    alt: Paragraph = Field("", description="图上是什么，如 居民在议事亭讨论加装电梯 / what it shows")


class Showcase(Record):
    """A demonstration community or estate 示范社区/示范小区."""

    id: Slug
    community: Slug = Field(description="所在社区编号 / community id")
    title: Text = Field(min_length=1, description="名称，如 物业党建示范小区 / title")
    estate: Text = Field("", description="小区名称（示范小区时填写）/ estate name")
    brand: Text = Field("", description="品牌名称 / brand")
    standards: dict[Slug, list[Text]] = Field(default_factory=dict, description="已达标条目 / standards met")
    stars: dict[Year, Stars] = Field(
        default_factory=dict, description="历年星级：年份: 星数(1-5) / stars by year"
    )
    highlights: Markdown = Field("", description="特色亮点（Markdown）/ highlights")
    photos: list[MediaPath | Photo] = Field(
        default_factory=list, description="照片：路径，或 {file: 路径, alt: 图上是什么} / photos"
    )

    def gallery(self) -> list[tuple[str, str]]:
        """(file, description) of each photo; a photo without one is named by the showcase."""
        out = []
        for i, p in enumerate(self.photos, start=1):
            file, alt = (p, "") if isinstance(p, str) else (p.file, p.alt)
            out.append((file, alt or f"{self.title}照片 {i}"))
        return out


class Activity(Record):
    """One activity of a studio."""

    date: Date
    title: Text
    summary: Paragraph = ""


class Secretary(Person):
    """The secretary a studio is named after."""

    title: Text = Field("", description="职务 / position")
    profile: Markdown = Field("", description="简介（Markdown）/ profile")


class Studio(Record):
    """A secretary studio 书记工作室."""

    id: Slug
    name: Text = Field(min_length=1, description="工作室名称 / name")
    community: Slug = Field(description="所在社区编号 / community id")
    secretary: Secretary
    founded: Date | None = Field(None, description="成立日期 / founded")
    focus: list[Text] = Field(default_factory=list, description="工作重点 / focus")
    hosts: list[Text] = Field(default_factory=list, description="轮值主持 / rotating hosts")
    mentees: int = Field(0, ge=0, le=10_000, description="带教人数 / mentees")
    activities: list[Activity] = Field(default_factory=list, description="活动 / activities")
    intro: Markdown = Field("", description="介绍（Markdown）/ introduction")
