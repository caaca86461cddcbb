"""Records for the open-affairs board, stories and free pages."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Amount, Date, DateTime, Markdown, MediaPath, Paragraph, Record, Slug, Text


class Money(Record):
    """One line of a finance table."""

    item: Text = Field(min_length=1, description="项目 / item")
    amount: Amount = Field(description="金额（数字，不加单位），正负 1 万亿以内，最多 2 位小数 / amount")
    note: Text = Field("", description="备注 / note")


class FinanceTable(Record):
    """Income and spending of a finance posting."""

    title: Text = Field("收支明细", description="表格标题 / title")
    unit: Text = Field("元", description="金额单位 / unit")
    income: list[Money] = Field(default_factory=list, description="收入 / income")
    spending: list[Money] = Field(default_factory=list, description="支出 / spending")


class Posting(Record):
    """One open-affairs posting 公示."""

    id: Slug
    title: Text = Field(min_length=1, description="标题 / title")
    category: Slug = Field(description="类别编号，见 site_config.yml 的 board.categories / category id")
    scope: Slug = Field(
        description="范围：区、街道、社区或网格的编号 / district, street, community or grid id"
    )
    posted: DateTime = Field(description='发布时间 "YYYY-MM-DD HH:MM" / posted at')
    until: Date = Field(description="公示截止日期 YYYY-MM-DD / end of publicity period")
    source: Text = Field(min_length=1, description="信息来源（发布单位）/ source")
    audience: Literal["public", "internal"] = Field("public", description="public 公开 | internal 内部")
    status: Literal["valid", "revised", "repealed"] = Field(
        "valid", description="valid 有效 | revised 已更正 | repealed 已撤销"
    )
    replaced_by: Slug | None = Field(None, description="更正后的公示编号 / the posting that replaces it")
    objection: Paragraph = Field("", description="异议反映方式 / how to object")
    body: Markdown = Field("", description="正文（Markdown）/ body")
    table: FinanceTable | None = Field(None, description="财务收支表 / finance table")
    attachments: list[MediaPath] = Field(default_factory=list, description="附件 / attachments")


class Story(Record):
    """Front matter of a story under content/stories/."""

    title: Text = Field(min_length=1, description="标题 / title")
    date: Date
    tags: list[Text] = Field(default_factory=list, description="标签 / tags")
    draft: bool = Field(False, description="草稿不发布 / drafts are not published")
    source: Text = Field("", description="信息来源 / source")
    author: Text = Field("", description="作者 / author")
    photographer: Text = Field("", description="摄影 / photographer")
    summary: Paragraph = Field("", description="摘要 / summary")
    cover: MediaPath | None = Field(None, description="题图 / cover image")
    cover_alt: Paragraph = Field(
        "", description="题图说明：图上是什么，读屏软件会念给看不见的人 / what the cover shows (alt text)"
    )
    communities: list[Slug] = Field(default_factory=list, description="相关社区编号 / communities")
    grids: list[Slug] = Field(default_factory=list, description="相关网格编号 / grids")


class FreePage(Record):
    """Front matter of a free page under content/pages/."""

    title: Text = Field(min_length=1, description="页面标题 / title")
    order: int = Field(100, ge=-9999, le=9999, description="在“关于”菜单中的顺序 / order in the menu")
    draft: bool = False
