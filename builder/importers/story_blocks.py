"""Story blocks: an HTML element (a page's article, or Word converted by mammoth) → headings,
paragraphs, lists, tables and pictures, each with its inline Markdown and its plain text.

Text is cleaned and its punctuation normalised node by node (story_text.py), before any Markdown
is written around it; raw HTML never reaches the Markdown.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from bs4 import Comment, NavigableString, Tag

from .story_media import Picture
from .story_meta import Byline
from .story_text import clean, collapse, punctuate

BLOCK_TAGS = {"address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "div", "dl"}
BLOCK_TAGS |= {"dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5"}
BLOCK_TAGS |= {"h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table"}
BLOCK_TAGS |= {"tbody", "thead", "tfoot", "tr", "td", "th", "ul", "summary", "caption", "body", "html"}
_BREAKING = BLOCK_TAGS | {"img", "br"}
_BOLD = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.I)
_ITALIC = re.compile(r"font-style\s*:\s*italic", re.I)
_CENTRED = re.compile(r"text-align\s*:\s*center", re.I)
_LINKABLE = re.compile(r"^(?:https?://|mailto:)\S+$", re.I)


@dataclass
class Block:
    """One block of the story body."""

    kind: str  # "heading" | "para" | "list" | "table" | "image" | "caption"
    md: str = ""  # inline Markdown of a heading, paragraph or caption
    text: str = ""  # the same, as plain text
    level: int = 2  # headings: 1–6 as found, 2–3 once tidied
    items: list[str] = field(default_factory=list)  # list items, inline Markdown
    ordered: bool = False
    rows: list[list[str]] = field(default_factory=list)  # table cells, inline Markdown
    picture: Picture | None = None
    caption: str = ""  # pictures: plain text
    centred: bool = False
    indented: bool = False  # a text file's line starts with spaces: a paragraph's first line
    bold: bool = False  # the whole paragraph is bold
    link_only: bool = False  # the whole paragraph is one link


@dataclass
class Draft:
    """What a reader found in one file, before tidying."""

    kind: str  # "docx" | "html" | "wechat" | "txt"
    blocks: list[Block]
    title: str = ""  # "" when the file does not say
    outside: list[Block] = field(default_factory=list)  # page text around the article: metadata lines
    hints: Byline = field(default_factory=Byline)  # what the page's own fields say (meta tags, WeChat)
    removed: Counter[str] = field(default_factory=Counter)  # what reading left out, by kind
    notes: list[tuple[str, str]] = field(default_factory=list)  # warnings (中文, English)


def escape(text: str) -> str:
    """Plain text made safe as inline Markdown: no emphasis, links, code or HTML by accident."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([*_`\[\]])", r"\\\1", text)
    return text.replace("<", "&lt;")


def text_block(text: str, kind: str = "para", **kw) -> Block:
    """A block of plain text (a line of a .txt file, or a paragraph rewritten)."""
    text = punctuate(collapse(clean(text))).strip()
    return Block(kind, md=escape(text), text=text, **kw)


class Walker:
    """Walks an element and collects its blocks."""

    def __init__(self, find_picture: Callable[[Tag], Picture | None] | None = None):
        self.find_picture = find_picture
        self.blocks: list[Block] = []

    def walk(self, el: Tag, centred: bool = False) -> list[Block]:
        """Every block inside `el`, in order."""
        centred = centred or _is_centred(el)
        run: list = []
        for child in list(el.children):
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                run.append(child)
            elif child.name == "br":
                self._flush(run, centred)
            elif child.name == "img":
                self._flush(run, centred)
                self._image(child, centred)
            elif child.name in BLOCK_TAGS or child.find(_BREAKING):
                self._flush(run, centred)
                self._block(child, centred)
            else:
                run.append(child)
        self._flush(run, centred)
        return self.blocks

    def _block(self, el: Tag, centred: bool) -> None:
        name = el.name
        if name in ("h1", "h2", "h3", "h4", "h5", "h6") and not el.find("img"):
            md, text = inline(el)
            if text.strip():
                self.blocks.append(Block("heading", md=_squeeze(md), text=_squeeze(text), level=int(name[1])))
        elif name in ("ul", "ol"):
            self._list(el)
        elif name == "table":
            self._table(el, centred)
        elif name == "figure":
            self._figure(el, centred)
        elif name == "figcaption":
            md, text = inline(el)
            if text.strip():
                self.blocks.append(Block("caption", md=_squeeze(md), text=_squeeze(text)))
        elif name != "hr":
            self.walk(el, centred)

    def _flush(self, run: list, centred: bool) -> None:
        if not run:
            return
        parts = [inline(node) for node in run]
        run.clear()
        md = re.sub(r"[ \n]+", " ", "".join(p[0] for p in parts).replace("****", "")).strip()
        text = re.sub(r"[ \n]+", " ", "".join(p[1] for p in parts)).strip()
        if not text:
            return
        bold = bool(re.fullmatch(r"(?:\*\*[^*]+\*\*\s*)+", md))
        link_only = bool(re.fullmatch(r"\[[^\]]+\]\([^)]+\)", md))
        self.blocks.append(Block("para", md=md, text=text, centred=centred, bold=bold, link_only=link_only))

    def _image(self, img: Tag, centred: bool) -> None:
        picture = self.find_picture(img) if self.find_picture else None
        if picture is not None:
            self.blocks.append(Block("image", picture=picture, centred=centred))

    def _figure(self, el: Tag, centred: bool) -> None:
        caption = el.find("figcaption")
        caption_text = _squeeze(inline(caption)[1]) if caption else ""
        if caption:
            caption.extract()
        start = len(self.blocks)
        self.walk(el, centred)
        pictures = [b for b in self.blocks[start:] if b.kind == "image"]
        if pictures and caption_text:
            pictures[-1].caption = caption_text
        elif caption_text:
            self.blocks.append(Block("caption", md=caption_text, text=caption_text))

    def _list(self, el: Tag) -> None:
        items = []
        for li in el.find_all("li"):
            if li.find_parent(["ul", "ol"]) is not el:
                continue
            md, text = inline(li)
            if text.strip():
                items.append(_squeeze(md))
        if items:
            self.blocks.append(Block("list", items=items, ordered=el.name == "ol"))

    def _table(self, el: Tag, centred: bool) -> None:
        rows = [tr for tr in el.find_all("tr") if tr.find_parent("table") is el]
        cells = [tr.find_all(["td", "th"], recursive=False) for tr in rows]
        width = max((sum(_span(c) for c in row) for row in cells), default=0)
        layout = (
            width < 2
            or len(rows) < 2
            or any(
                c.find(["table", "img"]) or len(c.get_text(strip=True)) > 150 for row in cells for c in row
            )
        )
        if layout:  # a table used for page layout: its cells hold the text
            for row in cells:
                for c in row:
                    self.walk(c, centred)
            return
        out = []
        for row in cells:
            line = []
            for c in row:
                line += [_squeeze(inline(c)[0]).replace("|", "\\|")] + [""] * (_span(c) - 1)
            if any(line):
                out.append(line + [""] * (width - len(line)))
        if out:
            self.blocks.append(Block("table", rows=out))


def _squeeze(md: str) -> str:
    return re.sub(r"\s+", " ", md.replace("****", "")).strip()


def _span(cell: Tag) -> int:
    try:
        return max(1, min(int(cell.get("colspan", 1)), 20))
    except ValueError:
        return 1


def _is_centred(el: Tag) -> bool:
    return (
        el.name == "center"
        or (el.get("align") or "").lower() == "center"
        or bool(_CENTRED.search(el.get("style") or ""))
    )


def inline(node) -> tuple[str, str]:
    """(inline Markdown, plain text) of a node; block children are separated by spaces."""
    if isinstance(node, Comment):
        return "", ""
    if isinstance(node, NavigableString):
        text = punctuate(collapse(clean(str(node))))
        return escape(text), text
    if node.name in ("br", "img", "hr") or node.name in ("script", "style"):
        return " ", " "
    parts = [inline(c) for c in node.children]
    md, text = "".join(p[0] for p in parts), "".join(p[1] for p in parts)
    style = node.get("style") or ""
    if node.name in BLOCK_TAGS:
        return f" {md} ", f" {text} "
    if node.name in ("strong", "b") or _BOLD.search(style):
        return _wrap(md, "**"), text
    if node.name in ("em", "i") or _ITALIC.search(style):
        return _wrap(md, "*"), text
    if node.name == "a":
        href = (node.get("href") or "").strip()
        if _LINKABLE.match(href) and text.strip():
            target = href.replace("(", "%28").replace(")", "%29")
            return f"[{md.strip()}]({target})", text
    return md, text


def _wrap(md: str, mark: str) -> str:
    m = re.fullmatch(r"(\s*)(.*?)(\s*)", md, re.S)
    inner = m.group(2).replace("**", "") if mark == "**" else m.group(2)
    if not inner or mark == "*" and inner.startswith("*"):
        return md
    return f"{m.group(1)}{mark}{inner}{mark}{m.group(3)}"
