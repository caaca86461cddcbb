"""content/public_numbers.yml: numbers that look personal but are published on purpose."""

from __future__ import annotations

from pydantic import Field

from .base import Date, Paragraph, Record, Text


class PublicNumber(Record):
    """One number allowed in one file, with the reason it may be public."""

    file: Text = Field(min_length=1, description="出现在哪个文件，如 content/stories/a.md / file")
    number: Text = Field(min_length=1, description='号码，加引号，如 "13905310000" / the number, quoted')
    reason: Paragraph = Field(min_length=2, description="为什么可以公开 / why it may be published")
    approved_by: Text = Field("", description="谁同意公开 / who approved")
    date: Date | None = Field(None, description="同意日期 / date approved")
