"""Records for content/wishes/*.yml: small wishes (微心愿) collected from residents and claimed by
a party member, a reporting unit or a volunteer team.

A wish names the person it is for only by the alias the community chose (王奶奶, 独居老人): never
a full name, an address or a phone. `note:` is the office's own and is never published."""

from __future__ import annotations

import difflib
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from .base import Date, MediaPath, Paragraph, Private, Record, Slug, Text, fail

STATUS = {"open": "待认领", "claimed": "已认领", "done": "已实现", "closed": "已关闭"}


def _quoted(value: str) -> str:
    """A value as a message quotes it, a long run of digits (a mobile, an ID number) masked as
    the scan masks it (139****5678): messages go to consoles and CI logs."""
    return re.sub(
        r"[0-9０-９]{7,}[0-9０-９Xx]*", lambda m: m[0][:3] + "*" * (len(m[0]) - 7) + m[0][-4:], value
    )


def one_of(words: dict[str, str], key: str) -> BeforeValidator:
    """A field written as one of `words`' keys (status: claimed): the Chinese label (已认领) or a
    near miss is told which key to write, with every choice and its label."""

    def check(value: Any) -> Any:
        text = str(value).strip()
        if isinstance(value, str) and text in words:
            return text
        text = _quoted(text)
        listed = "、".join(f"{en}（{zh}）" for en, zh in words.items())
        meant = {zh: en for en, zh in words.items()}.get(text)
        if meant:
            zh, en = f"“{text}”请写成 {meant}。", f" (write {meant})"
        else:
            close = difflib.get_close_matches(text, list(words), n=1, cutoff=0.6)
            zh, en = (
                (f"没有“{text}”，是不是 {close[0]}？", f" (did you mean {close[0]}?)")
                if close
                else (
                    f"没有“{text}”。",
                    "",
                )
            )
        raise fail(f"{key}: {zh}可填：{listed}", f"{key}: '{text}' is not one of {', '.join(words)}{en}")

    return BeforeValidator(check)


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


_PLACE = re.compile(r"[号栋幢室路街巷弄]|单元|门牌|小区")


def _alias_guess(v: str) -> str:
    """是不是“王奶奶”？: the form of address an author meant, kept with the surname before it."""
    plain = re.sub(r"[0-9０-９]", "", v)
    kin = re.search(rf"(?:{_ADDRESS})$", plain)
    if kin and plain.endswith(_GROUP_WORDS):
        return ""  # 二单元独居老人: which words make the group is the author's call
    if kin and (_PLACE.search(plain) or plain != v):  # 3号楼王奶奶: the surname is just before
        before = plain[kin.start() - 1 : kin.start()]
        meant = before + kin.group() if re.fullmatch(r"[\u4e00-\u9fff]", before) else ""
        return f"是不是“{meant}”？" if meant and not _PLACE.search(meant) and _KIN.match(meant) else ""
    if kin and kin.start() > 0:  # 张建国大爷: the surname is the first character
        return f"是不是“{plain[0]}{kin.group()}”？"
    if re.fullmatch(r"[\u4e00-\u9fff]{2,3}", v):  # 王秀兰: a full name
        return f"是不是“{v[0]}奶奶”或“{v[0]}大爷”？"
    return ""


def _alias(value: str) -> str:
    """The person a wish is for, as the public may see them: an alias, never a name or address."""
    v = value.strip()
    group = _ALIAS.match(v) and any(v.endswith(w) for w in _GROUP_WORDS)
    if len(v) <= 8 and not _PLACE.search(v) and not re.search(r"[0-9０-９]", v) and (_KIN.match(v) or group):
        return v
    if re.search(r"[0-9０-９]", v):
        why, why_en = (
            "里有数字（门牌号、楼号、电话都不能写）",
            "has digits (no door, building or phone numbers)",
        )
    elif _PLACE.search(v):
        why, why_en = "像是地址（不写楼号、单元、门牌、小区）", "looks like an address"
    elif len(v) > 8:
        why, why_en = "太长（不超过 8 个字）", "is longer than 8 characters"
    else:
        why, why_en = "像是全名，或不是社区起的称呼", "looks like a full name, not an alias"
    hint, value = _alias_guess(v), _quoted(value)
    raise fail(
        f"for: “{value}”{why}。{hint}只写社区起的称呼，如 王奶奶、李大爷、独居老人、困难家庭的孩子"
        "（不超过 8 个字，不写全名、门牌号或电话）",
        f"for: '{value}' {why_en}; write how the community calls them (王奶奶, 独居老人), "
        "at most 8 characters, never a full name, address or phone",
    )


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
    status: Annotated[Literal["open", "claimed", "done", "closed"], one_of(STATUS, "status")] = Field(
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
