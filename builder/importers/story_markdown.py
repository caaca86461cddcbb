"""Story Markdown: the front matter (fields in scaffold.STORY's order) and the body, block by block."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field

from ..sanitize import without_html
from ..scaffold import Hints
from .story_blocks import Block, escape


@dataclass
class FrontMatter:
    """The story's fields as the importer fills them in (a draft, always)."""

    title: str
    date: dt.date
    source: str
    author: str
    photographer: str
    summary: str
    cover: str | None  # media/stories/… of a picture before the first paragraph
    cover_alt: str = ""  # its caption: what it shows
    communities: list[str] = field(default_factory=list)  # ids of communities the text names
    grids: list[str] = field(default_factory=list)  # ids of grids the text names
    date_is_today: bool = False  # no date in the text: today's was used

    def __post_init__(self):
        for name in ("title", "source", "author", "photographer", "summary", "cover_alt"):
            setattr(self, name, _plain(getattr(self, name)))


_TODAY_NOTE = "   # 文中没有找到发布日期，先写了导入这天：请改成实际的发布日期 / no date in the text: today is used, correct it"


def _q(text: str) -> str:
    """Any text as a YAML scalar: JSON's double-quoted strings are valid YAML."""
    return json.dumps(text, ensure_ascii=False)


def _plain(text: str) -> str:
    """A front-matter field as the build treats plain text: no markup, one line (the same policy
    as sanitize.without_html: scripts and the like go with their content, other tags go and
    their text stays, entities decoded once)."""
    return re.sub(r"\s+", " ", without_html(text)).strip()


def _ids(key: str, ids: list[str], hint: str) -> str:
    if not ids:
        return f"{key}: []".ljust(23) + f"# {hint}"
    return (
        f"{key}: [{', '.join(ids)}]   # 按文中提到的名称自动填写，请核对 / found by name in the text: check"
    )


def front_matter(fm: FrontMatter, hints: Hints | None = None) -> str:
    """The block between the two `---` lines; `hints`: the site's names for the comments."""
    hints = hints or Hints()
    lines = [
        "---",
        f"title: {_q(fm.title)}",
        f"date: {fm.date.isoformat()}" + (_TODAY_NOTE if fm.date_is_today else ""),
        "tags: []",
        "draft: true            # 检查无误后改成 false 才会发布 / set to false to publish",
        f"source: {_q(fm.source)}",
        f"author: {_q(fm.author)}",
        f"photographer: {_q(fm.photographer)}",
        f"summary: {_q(fm.summary)}",
    ]
    if fm.cover:
        lines.append(f"cover: {_q(fm.cover)}")
        lines.append(f"cover_alt: {_q(fm.cover_alt)}   # 题图上是什么 / what the picture shows")
    lines += [
        _ids("communities", fm.communities, f"相关社区编号，如 [{hints.community}]"),
        _ids("grids", fm.grids, f"相关网格编号，如 [{hints.grid}]"),
        "---",
    ]
    return "\n".join(lines) + "\n"


def body(blocks: list[Block], paths: dict[int, str], title: str) -> str:
    """The Markdown body; `paths` gives the saved file (media/stories/…) of each picture by block index."""
    out: list[str] = []
    n = 0
    for i, b in enumerate(blocks):
        if b.kind == "heading":
            out.append(f"{'#' * b.level} {b.md}")
        elif b.kind == "para" and b.md:
            out.append(_para(b.md))
        elif b.kind == "caption" and b.text.strip():  # no picture (an empty one: the cover's place)
            out.append(_caption(b.text))
        elif b.kind == "list":
            out.append(
                "\n".join(f"{k + 1}. {item}" if b.ordered else f"- {item}" for k, item in enumerate(b.items))
            )
        elif b.kind == "table":
            out.append(_table(b.rows))
        elif b.kind == "image" and i in paths:
            n += 1
            out.append(figure(paths[i], b.caption, b.caption or f"图片 {n}：{title}"))
        elif b.kind == "image" and b.picture is not None:
            out.append(_not_imported(b.picture.problem, b.picture.url, b.caption))
    return "\n\n".join(out) + "\n"


def figure(src: str, caption: str, alt: str) -> str:
    """A picture with its caption.

    The image is written as <img>, not as Markdown inside `<figure markdown="span">`: the engine
    passes a figure block through as raw HTML (rawhtml.stash), so Markdown inside it stays as text."""
    lines = ["<figure>", f'  <img src="{html.escape(src)}" alt="{html.escape(alt)}">']
    if caption:
        lines.append(f"  <figcaption>{html.escape(caption, quote=False)}</figcaption>")
    return "\n".join(lines + ["</figure>"])


def _not_imported(problem: str, url: str, caption: str) -> str:
    """An HTML comment where the picture was: not published, but there for the author to fill in."""
    url = url.replace("--", "%2D%2D").replace(">", "%3E")
    if caption:
        url += f" 图片说明 caption: {caption.replace('--', '——').replace('>', '＞')}"
    what = {
        "remote": "未导入的图片 / image not imported",
        "missing": "找不到的图片 / image file not found",
        "format": "格式不支持的图片 / image format not supported",
    }.get(problem, "未导入的图片 / image not imported")
    return f"<!-- {what}: {url} -->"


def _para(md: str) -> str:
    # a paragraph must not start like other Markdown: "## ", "> ", "- ", "1. ", "| "
    if re.match(r"^(?:#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|\|)", md):
        return "\\" + md
    return re.sub(r"^(\d+)([.)])(\s|$)", r"\1\\\2\3", md)


def _caption(text: str) -> str:
    """A picture's caption without the picture, in italics as captions read; the text escaped, so
    nothing in it can end the emphasis early or become a link or HTML."""
    return f"*{escape(text.strip())}*"


def _table(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)

    def line(cells: list[str]) -> str:
        cells = [c.strip() or " " for c in cells] + [" "] * (width - len(cells))
        return "| " + " | ".join(cells) + " |"

    return "\n".join([line(rows[0]), "| " + " | ".join(["---"] * width) + " |"] + [line(r) for r in rows[1:]])
