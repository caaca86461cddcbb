"""Ledger values: a cell's text → the value a grid file holds, or a message saying what is wrong.

Each parser returns the value or raises Bad(zh, en); the caller reports it at the cell.
"""

from __future__ import annotations

import re

from pydantic import TypeAdapter, ValidationError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..model.base import Phone, is_mobile
from .yaml_roundtrip import CommentedSeq


class Bad(Exception):
    """A cell whose text cannot be the field's value: (zh, en)."""

    def __init__(self, zh: str, en: str):
        super().__init__(zh)
        self.zh, self.en = zh, en


KINDS = {
    "basic": ("基础网格", "基础", "一般网格", "综合网格", "居民网格", "basic"),
    "dedicated": ("专属网格", "专属", "专业网格", "专项网格", "单位网格", "dedicated"),
}
KIND_LABELS = {"basic": "基础网格", "dedicated": "专属网格"}
_YES = {"是", "党员", "中共党员", "中共预备党员", "预备党员", "√", "✓", "y", "yes", "true", "1", "有"}
_NO = {
    "否",
    "不是",
    "群众",
    "非党员",
    "共青团员",
    "团员",
    "民主党派",
    "×",
    "x",
    "n",
    "no",
    "false",
    "0",
    "无",
    "-",
}
_LIST_SPLIT = re.compile(r"[、,，;；\n]+")
_PHONE = TypeAdapter(Phone)  # the grid files' own rule
_LANDLINE = re.compile(r"^(0\d{2,3})[- ]?(\d{7,8})(?:[-转]\s*(\d{1,5}))?$")


def quoted(text: str) -> DoubleQuotedScalarString:
    """A string written in double quotes, as our files write codes and phones."""
    return DoubleQuotedScalarString(text)


def kind(text: str) -> str:
    norm = text.strip().lower()
    for key, words in KINDS.items():
        if norm in words:
            return key
    raise Bad(
        f"网格类型“{text}”不对，应为“基础网格”或“专属网格”",
        "grid type must be 基础网格 (basic) or 专属网格 (dedicated)",
    )


def count(text: str, what: str) -> int:
    """“488”, “488户”, “1,430 人” → the whole number; anything else is wrong."""
    compact = re.sub(r"[\s,，]", "", text)
    compact = re.sub(r"(户|人|名|个|位)$", "", compact)
    if not compact.isdigit():
        raise Bad(f"{what}应为整数，如 488，不能写“{text}”", f"{what}: a whole number is needed")
    return int(compact)


def code(text: str) -> str:
    compact = re.sub(r"[\s'’]", "", text)
    if not (compact.isdigit() and len(compact) == 15):
        raise Bad(
            f"网格代码应为 15 位数字（12 位社区代码 + 3 位序号），这里是“{text}”",
            "grid code: 15 digits (12-digit community code + 3-digit number)",
        )
    return compact


def phone(text: str) -> str:
    """Mobiles without spaces or hyphens; landlines as 0531-88001201."""
    compact = re.sub(r"[\s\u00a0]", "", text).replace("—", "-").replace("－", "-")
    if is_mobile(compact.replace("-", "")):
        return compact.replace("-", "")
    m = _LANDLINE.match(text.strip()) or _LANDLINE.match(compact)
    if m:
        return f"{m.group(1)}-{m.group(2)}" + (f"-{m.group(3)}" if m.group(3) else "")
    try:  # anything else the content files accept: 12345, 400-123-4567, 88001201 …
        return _PHONE.validate_python(compact)
    except ValidationError:
        pass
    raise Bad(
        f"电话“{text}”格式不对：手机 11 位，如 13800000000；座机写区号-号码，如 010-12345678",
        "not a phone number: an 11-digit mobile or area code-number",
    )


def party(text: str) -> bool:
    norm = text.strip().lower()
    if norm in _YES:
        return True
    if norm in _NO:
        return False
    raise Bad(f"是否党员应填“是”或“否”，不能写“{text}”", "party member: write 是 (yes) or 否 (no)")


def names(text: str) -> CommentedSeq:
    """“1号楼、2号楼” → [1号楼, 2号楼], written on one line as the grid files write buildings."""
    seq = CommentedSeq(p.strip() for p in _LIST_SPLIT.split(text) if p.strip())
    seq.fa.set_flow_style()
    return seq


def person_name(text: str) -> str:
    name = text.strip()
    if not name or len(name) > 20 or re.search(r"\d", name):
        raise Bad(f"姓名“{text}”不像一个人名", "this does not look like a person's name")
    return name
