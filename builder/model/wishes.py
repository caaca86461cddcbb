"""Records for content/wishes/*.yml: small wishes (微心愿) collected from residents and claimed by
a party member, a reporting unit or a volunteer team.

A wish names the person it is for only by the alias the community chose (王奶奶, 独居老人): never
a full name, an address or a phone. `note:` is the office's own and is never published."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field

from .base import Date, MediaPath, Paragraph, Private, Record, Slug, Text, fail

STATUS = {"open": "待认领", "claimed": "已认领", "done": "已实现", "closed": "已关闭"}

# how a community may call the person a wish is for: a form of address after at most a surname
# (王奶奶, 李大爷), or a group (独居老人, 困难家庭的孩子)
_ADDRESS = (
    "奶奶|爷爷|姥姥|姥爷|外婆|外公|大爷|大娘|大妈|大婶|大伯|大叔|大哥|大姐|阿姨|叔叔|伯伯|婶婶|婆婆|"
    "老伯|老人|老师|师傅|先生|女士|同学|小朋友|宝宝|妈妈|爸爸|一家|家庭|夫妇|老两口|居民|住户|老党员|"
    "老兵|老人家|孩子|儿童|学生|青年|职工"
)
_ALIAS = re.compile(rf"^(?:[\u4e00-\u9fff]{{0,2}}(?:{_ADDRESS})|[\u4e00-\u9fff]{{1,6}}(?:{_ADDRESS}))$")
_KIN = re.compile(rf"^[\u4e00-\u9fff]{{0,2}}(?:{_ADDRESS})$")
_GROUP_WORDS = (
    "老人",
    "家庭",
    "孩子",
    "儿童",
    "学生",
    "居民",
    "住户",
    "老党员",
    "老兵",
    "职工",
    "青年",
    "夫妇",
    "老两口",
)


def _alias(value: str) -> str:
    """The person a wish is for, as the public may see them: an alias, never a name or address."""
    v = value.strip()
    group = _ALIAS.match(v) and any(v.endswith(w) for w in _GROUP_WORDS)
    if len(v) > 8 or re.search(r"[0-9０-９]", v) or not (_KIN.match(v) or group):
        raise fail(
            f"“{value}”不像社区起的称呼：for: 只写称呼，如 王奶奶、李大爷、独居老人、困难家庭的孩子"
            "（不超过 8 个字，不写全名、门牌号或电话）",
            f"'{value}' is not an alias: write how the community calls them (王奶奶, 独居老人), "
            "at most 8 characters, never a full name, address or phone",
        )
    return v


Alias = Annotated[Text, AfterValidator(_alias)]


class Claim(Record):
    """Who took the wish on, and when."""

    by: Text = Field(
        min_length=1,
        description="认领人：报到党员或报到单位的编号，或志愿服务队的编号 / member, unit or team id",
    )
    date: Date = Field(description="认领日期 / date claimed")


class WishPhoto(Record):
    """A photo of the wish fulfilled: published only with the consent of the people on it."""

    file: MediaPath = Field(min_length=1, description="照片，content/ 下的路径 / photo under content/")
    alt: Paragraph = Field(min_length=1, description="图上是什么，如 志愿者为王奶奶送来轮椅 / what it shows")
    consent: Date | None = Field(
        None, description="照片上的人同意公开的日期；不写则照片不发布 / date the people shown consented"
    )


class Fulfilled(Record):
    """The wish came true."""

    date: Date = Field(description="实现日期 / date fulfilled")
    thanks: Text = Field("", description="一句感谢的话，如 谢谢你们，轮椅很合适 / a one-line thank-you")
    photo: WishPhoto | None = Field(None, description="照片（须有同意）/ photo (with consent)")


class Closed(Record):
    """The wish was closed without being fulfilled."""

    date: Date | None = Field(None, description="关闭日期 / date closed")
    reason: Text = Field(min_length=1, description="原因，居民会看到，如 已由民政部门解决 / reason (public)")


class Wish(Record):
    """One small wish."""

    id: Slug
    wish: Text = Field(min_length=1, description="心愿，如 一台助行器 / what is wished")
    for_: Alias = Field(alias="for", description="为谁（称呼），如 王奶奶、独居老人 / for whom (an alias)")
    community: Slug = Field(description="所属社区编号 / community id")
    grid: Slug | None = Field(None, description="所属网格编号 / grid id")
    posted: Date = Field(description="发布日期 / date posted")
    story: Paragraph = Field("", description="心愿背后的情况（公开，不写姓名门牌）/ why (public)")
    status: Literal["open", "claimed", "done", "closed"] = Field(
        "open", description="open 待认领 | claimed 已认领 | done 已实现 | closed 已关闭 / status"
    )
    claimed: Claim | None = Field(None, description="认领：by 认领人编号，date 日期 / who claimed it")
    fulfilled: Fulfilled | None = Field(None, description="实现：date、thanks、photo / fulfilled")
    closed: Closed | None = Field(None, description="关闭：reason 原因 / closed, with a reason")
    note: Private = Field("", description="内部备注，不发布 / the office's own note, never published")
    draft: bool = Field(False, description="草稿不发布 / drafts are not published")

    @property
    def status_zh(self) -> str:
        return STATUS[self.status]


def status_of(value: Any) -> str:
    """A status as written in a ledger: the English word or its Chinese (待认领)."""
    words = {zh: en for en, zh in STATUS.items()}
    return words.get(str(value).strip(), str(value).strip())
