"""Config: site_config.yml → a typed SiteConfig (same schema mechanism as the content)."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from .footer import RASTER, Footer
from .load import load_yaml_file
from .model.base import Date, MediaPath, Paragraph, Record, Slug, Text, digits, fail
from .model.validate import validate
from .problems import ContentError, Problems


def _color(value: str) -> str:
    if not re.match(r"^#[0-9a-fA-F]{6}$", value):
        raise fail(f'颜色“{value}”应写成 #RRGGBB，如 "#c8161d"（加引号）', "colour must be #RRGGBB, quoted")
    return value.lower()


Color = Annotated[str, AfterValidator(_color)]


def _site_url(value: str) -> str:
    """The public address: an absolute http(s) URL, written into <link rel=canonical> and QR codes."""
    if not value:
        return value
    parts = urllib.parse.urlsplit(value)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or re.search(r"[\s\"'<>\\`{}|^]", value)
        or parts.query
        or parts.fragment
    ):
        raise fail(
            f"网址“{value}”不对：应以 https:// 或 http:// 开头，只写网站地址，不含空格、引号、尖括号和 ? #，"
            "如 https://dangjian.example.gov.cn/",
            "site.url must be an absolute http(s) address without spaces, quotes, <, >, ? or #",
        )
    return value


SiteUrl = Annotated[Text, AfterValidator(_site_url)]


def _share_image(value: str) -> str:
    if value and not value.lower().endswith(RASTER):
        raise fail(
            f"分享图“{value}”请用 JPG 或 PNG 图片：微信等转发链接时不显示 SVG、GIF 之类的图片",
            "the share image must be a JPG or PNG: WeChat and other link previews do not show SVG",
        )
    return value


ShareImage = Annotated[MediaPath, AfterValidator(_share_image)]


class SiteInfo(Record):
    """The site's identity."""

    name: Text = Field(min_length=1, description="网站名称 / site name")
    slogan: Text = Field("", description="口号 / slogan")
    description: Paragraph = Field("", description="一句话介绍，用于搜索引擎 / description")
    url: SiteUrl = Field("", description="正式网址，如 https://dangjian.example.gov.cn/ / public URL")
    language: Literal["zh"] = Field("zh", description="界面语言（目前只支持 zh）/ UI language")
    logo: MediaPath = Field("", description="标志图片，content/ 下的路径，如 media/logo.svg / logo path")
    copyright: Paragraph = Field("", description="页脚版权与主办单位 / footer text")
    share_image: ShareImage = Field(
        "",
        description="分享图：链接转发到微信等处时的缩略图，content/ 下的 JPG 或 PNG，如 media/share.jpg / share image",
    )
    launched: Date | None = Field(
        None,
        description="网站上线日期，如 2026-12-01：“公开栏半年没有新公示”从这天算起 / launch date: "
        "boards are counted stale from this day",
    )


class District(Record):
    """The district the site covers."""

    id: Slug
    name: Text = Field(min_length=1, description="区县名称 / district name")
    code: digits(6, "区划代码") | None = Field(None, description="6 位行政区划代码 / 6-digit code")


class Brand(Record):
    """The brand's look."""

    color: Color = Field("#b71c1c", description="品牌主色 #RRGGBB / brand colour")


class Standard(Record):
    """A named checklist (e.g. 十个一, 六有, 八有)."""

    label: Text = Field(min_length=1, description="清单名称 / checklist name")
    items: list[Text] = Field(min_length=1, description="清单条目 / items")


class Privacy(Record):
    """Rules for personal information."""

    mask_phones: bool = Field(True, description="未经同意的手机号打码 / mask mobiles without consent")
    require_consent: bool = Field(True, description="照片需本人同意 / photos need consent")


class Board(Record):
    """The open-affairs board."""

    min_days: int = Field(5, ge=1, le=365, description="最短公示天数 / minimum publicity period, days")
    categories: dict[Slug, Text] = Field(
        default_factory=lambda: {"party": "党务公开", "residents": "居务公开", "finance": "财务公开"},
        description="公开类别：编号 → 名称 / categories: id → label",
    )


class Events(Record):
    """Events (content/events/): their kinds, and how far recurring ones are listed."""

    kinds: dict[Slug, Text] = Field(
        default_factory=lambda: {
            "fair": "服务大集",
            "party-day": "主题党日",
            "meeting": "网格议事会",
            "tea": "睦邻茶话会",
            "clinic": "义诊",
            "volunteer": "志愿服务",
            "lecture": "党课讲座",
            "culture": "文体活动",
        },
        description="活动类型：编号 → 名称 / event kinds: id → label",
    )
    window_days: int = Field(
        92,
        ge=7,
        le=400,
        description="重复的活动从构建日期前后多少天内列出（默认 92 天，约三个月）/ days listed around the build date",
    )


class Home(Record):
    """What the home page shows."""

    stories: int = Field(6, ge=0, le=50, description="首页显示的最新新闻条数 / latest stories on home")
    postings: int = Field(6, ge=0, le=50, description="首页显示的公示条数 / current postings on home")


class SiteConfig(Record):
    """site_config.yml: identity, brand, vocabulary, privacy, board rules."""

    site: SiteInfo
    district: District
    brand: Brand = Field(default_factory=Brand)
    roles: dict[Slug, Text] = Field(
        min_length=1, description="网格队伍角色：编号 → 显示名称，按显示顺序 / team roles in display order"
    )
    worker_roles: list[Slug] = Field(
        default_factory=list, description="计入“网格员”人数的角色 / roles counted as grid workers"
    )
    standards: dict[Slug, Standard] = Field(default_factory=dict, description="标准清单 / checklists")
    station_facilities: Slug | None = Field(
        None, description="驿站设施所用的清单编号，如 eight_haves / checklist for station facilities"
    )
    privacy: Privacy = Field(default_factory=Privacy)
    board: Board = Field(default_factory=Board)
    home: Home = Field(default_factory=Home)
    events: Events = Field(default_factory=Events)
    footer: Footer = Field(
        default_factory=Footer, description="页脚：主办单位、备案号、标识、联系我们 / footer lines"
    )


def load_config(config_file: Path) -> tuple[SiteConfig, Path]:
    """Read and validate site_config.yml; raise ContentError with every problem found."""
    problems = Problems()
    root = config_file.parent
    rel = config_file.name
    if not config_file.is_file():
        problems.add(rel, None, "", f"找不到站点配置文件 {config_file}", f"no site config at {config_file}")
        raise ContentError(problems)
    doc = load_yaml_file(config_file, rel, problems)
    config = validate(SiteConfig, doc.data, doc, (), problems) if doc else None
    if config:
        for i, role in enumerate(config.worker_roles):
            if role not in config.roles:
                problems.add(
                    *config.at("worker_roles", i),
                    f"角色“{role}”不在 roles 里",
                    f"role '{role}' is not listed under roles",
                )
        if config.station_facilities and config.station_facilities not in config.standards:
            problems.add(
                *config.at("station_facilities"),
                "这个清单编号不在 standards 里",
                "this checklist id is not under standards",
            )
        code = config.footer.site_code
        if code and config.district.code and code[:2].isdigit() and code[:2] != config.district.code[:2]:
            problems.add(
                *config.at("footer", "site_code"),
                f"网站标识码“{code}”的前两位 {code[:2]} 与本区的行政区划代码 {config.district.code} 不在同一个省："
                "请核对标识码",
                f"the site id code starts with {code[:2]}, another province than the district's code "
                f"{config.district.code}",
            )
    if problems or config is None:
        raise ContentError(problems)
    return config, root
