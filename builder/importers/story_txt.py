"""Story from a text file: UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030/GBK."""

from __future__ import annotations

import html
import re
from pathlib import Path

from .story_blocks import Draft, text_block
from .story_stops import restore_stops
from .text_bytes import NotText, decode

__all__ = ["NotText", "read_txt"]

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_SENTENCE_END = re.compile(r"[。！？!?”’…：:；;）)]\s*$")


def paragraphs(text: str) -> list[str]:
    """One paragraph per line; or, when lines are wrapped inside paragraphs separated by blank lines
    (text copied from a PDF), one per blank-line-separated group."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    filled = [line for line in text.split("\n") if line.strip()]
    groups = [g for g in re.split(r"\n\s*\n", text) if g.strip()]
    unfinished = sum(1 for line in filled if not _SENTENCE_END.search(line) and len(line.strip()) > 30)
    if len(groups) > 1 and len(groups) < len(filled) and unfinished > len(filled) * 0.3:
        return groups
    return filled


def read_txt(file: Path) -> Draft:
    """The story in a text file; the first line is the title."""
    draft = Draft("txt", [])
    text, notes = restore_stops(decode(file.read_bytes()))  # an article with every stop typed as '.'
    draft.notes += notes
    for para in paragraphs(text):
        if _TAG.search(para):  # text copied from a web page's source: tags out, entities decoded
            stripped = _TAG.sub("", para)
            if stripped.strip() != para.strip():
                draft.removed["网页代码 HTML tags"] += len(_TAG.findall(para))
            para = html.unescape(stripped)
        block = text_block(para, indented=para[:1] in (" ", "\t", "\u3000"))
        if block.text:
            draft.blocks.append(block)
    return draft
