"""Story tidying: from the blocks a reader found to the article — junk out, captions to their
pictures, metadata lines read and removed, the title found, subheadings made headings."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .story_blocks import Block, Draft, escape, text_block
from .story_lines import credited, is_byline, join_broken, outlet, outlet_dated, text_captions, title_at
from .story_meta import Byline, parse_line, split_leading, split_trailing
from .story_text import ends_article, junk_kind

_CAPTION_START = re.compile(r"^(?:图为|图[:：]|[（(]图|▲|△|上图|下图|左图|右图|图\s*\d)")
_TOP = 6  # blocks from the top where a bare date or a 本报讯（记者…） by-line is expected
_JUNK_NAMES = {
    "bullets": "空行和项目符号 empty lines, bullets",
    "page date": "页眉日期 page-header date",
    "share": "分享栏等网页杂项 share bars, page chrome",
    "wechat": "微信页面元素 WeChat chrome",
    "related": "相关阅读 related links",
}


@dataclass
class Article:
    """A story as it will be written: title, metadata found, body blocks, and what was removed."""

    title: str
    blocks: list[Block]
    found: Byline
    removed: Counter[str]
    title_from_file_name: bool = False  # no title in the file: its name was used
    # warnings about a place in the story: (text found on that line of the Markdown, 中文, English)
    located: list[tuple[str, str, str]] = field(default_factory=list)


def tidy(draft: Draft, fallback_title: str) -> Article:
    """Junk, captions, metadata, title, headings — in that order."""
    removed = Counter(draft.removed)
    blocks = _without_column_name(draft.blocks, removed)
    blocks = _without_junk(blocks, removed)
    title, located, credits = draft.title, [], Byline()
    if draft.kind == "txt":
        title, blocks, located = _plain_text(blocks, credits)
    blocks = _with_captions(blocks)
    found, blocks = _metadata(_without_junk(draft.outside, Counter()), blocks, removed)
    found.merge(draft.hints)
    found.merge(credits)
    title = title or _title_of(blocks)
    blocks = _without_title(blocks, title) if title else blocks
    blocks = _headings(blocks, plain_text=draft.kind == "txt")
    return Article(title or fallback_title, blocks, found, removed, not title, located)


def _plain_text(blocks: list[Block], credits: Byline) -> tuple[str, list[Block], list[tuple[str, str, str]]]:
    """A text file's lines broken mid-sentence joined, its title taken out (with a photo caption
    above it marked so), and the captions left in its text marked; a warning at each. The
    photographers credited after captions are added to `credits`."""
    blocks, joins = join_broken(blocks)
    located = [
        (
            f"{a[-8:]}{b[:8]}",
            f"这里有一句话被断成了两行，已接上（第 {k} 处，共 {len(joins)} 处：“…{a[-8:]}｜{b[:8]}…”）：请核对",
            f"a sentence broken over two lines was joined here ({k} of {len(joins)}): check it",
        )
        for k, (a, b) in enumerate(joins, 1)
    ]
    title = ""
    at = title_at(blocks)
    if at is not None:
        title = blocks[at].text
        above = [credited(b) for b in blocks[:at]]
        for _, credit in above:
            credits.merge(credit)
        blocks = [Block("caption", md=b.md, text=b.text) for b, _ in above] + blocks[at + 1 :]
    blocks, captions, credit = text_captions(blocks)
    credits.merge(credit)
    located += [
        (
            text[:16],
            "这一句单独成段，当作图片说明写成了斜体：有图片的话插在这里；不是图片说明的话去掉两边的 *",
            "a short sentence alone was taken as a photo caption (in italics): put the picture here, "
            "or remove the * around it",
        )
        for text in captions + [b.text for b in blocks[: at or 0]]
    ]
    return title, blocks, located


def _without_junk(blocks: list[Block], removed: Counter[str]) -> list[Block]:
    out: list[Block] = []
    related = False
    for b in blocks:
        if related and (b.kind == "list" or b.link_only):
            removed[_JUNK_NAMES["related"]] += 1
            continue
        related = False
        if b.kind in ("para", "heading", "caption"):
            if ends_article(b.text):
                related = True
                removed[_JUNK_NAMES["related"]] += 1
                continue
            if kind := junk_kind(b.text):
                removed[_JUNK_NAMES[kind]] += 1
                continue
        if b.kind == "list":
            b.items = [i for i in b.items if not junk_kind(re.sub(r"[*\\\[\]]|\(http[^)]*\)", "", i))]
            if not b.items:
                continue
        out.append(b)
    return out


def _without_column_name(blocks: list[Block], removed: Counter[str]) -> list[Block]:
    """Pages copied whole start with the column's name and a breadcrumb ending in it
    ("基层党建" … "您当前的位置：首页 > 本地动态 > 基层党建"): the name is no title."""
    for i, crumb in enumerate(blocks[:4]):
        if crumb.kind == "para" and junk_kind(crumb.text) == "share" and re.search(r"[>›»]", crumb.text):
            last = re.split(r"\s*[>›»]\s*", crumb.text)[-1].strip()
            for k in range(i):
                if last and blocks[k].text.strip() == last:
                    removed["栏目名称 column name"] += 1
                    return blocks[:k] + blocks[k + 1 :]
    return blocks


def _with_captions(blocks: list[Block]) -> list[Block]:
    """A picture takes the next paragraph as its caption when it is a Word caption, or short and
    centred, or starts like a caption (图为…, ▲…)."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "image" and not prev.caption and _is_caption(b):
            prev.caption = b.text.lstrip("▲△ ").strip()
            continue
        out.append(b)
    return [b for b in out if b.kind != "caption" or b.text]


def _is_caption(b: Block) -> bool:
    if b.kind == "caption":
        return True
    if b.kind != "para" or len(b.text) >= 60:
        return False
    byline = parse_line(b.text)
    if byline is not None and byline.names_people:  # "图：张三" credits the photographer
        return False
    return b.centred or bool(_CAPTION_START.match(b.text))


def _metadata(outside: list[Block], blocks: list[Block], removed: Counter[str]) -> tuple[Byline, list[Block]]:
    """Metadata from the lines around the article and in it; the lines in it are removed."""
    found = Byline()
    for b in outside:
        if b.kind not in ("para", "heading"):
            continue
        line = parse_line(b.text)
        if line is None and (line := parse_line(b.text, near_top=True)) is not None:
            # a date with no label is the publish date only beside a source or an author: around
            # the article, bare dates belong to lists of other articles
            line = line if line.source is not None or line.names_people else None
        if line is not None:
            found.merge(line)
    kept: list[Block] = []
    for i, b in enumerate(blocks):
        if b.kind == "para" and i < _TOP and (line := _outlet_line(blocks, i)):
            found.merge(line)
            removed["日期、来源、作者行 metadata lines"] += 1
            continue
        if b.kind in ("para", "heading", "caption"):
            line = parse_line(b.text, near_top=i < _TOP)
            if line is not None:
                found.merge(line)
                key = "编辑、审核署名 editor lines" if line.editor else "日期、来源、作者行 metadata lines"
                removed[key] += 1
                continue
        near_edge = i < _TOP or i >= len(blocks) - 4
        if b.kind == "para" and near_edge:
            split = (split_leading(b.text) if i < _TOP else None) or split_trailing(b.text)
            if split is not None:
                rest, line = split
                found.merge(line)
                removed["正文里的署名 by-lines in the text"] += 1
                b = text_block(rest, centred=b.centred)
        kept.append(b)
    return found, kept


def _outlet_line(blocks: list[Block], i: int) -> Byline | None:
    """A paper's name alone on a line next to a by-line ('东湖日报' above '记者 陈晓'), or with the
    date ('东湖日报 2026年7月18日'): the source."""
    if dated := outlet_dated(blocks[i].text):
        return Byline(date=dated[1], source=dated[0])
    name = outlet(blocks[i].text)
    near = blocks[max(0, i - 2) : i] + blocks[i + 1 : i + 3]
    return Byline(source=name) if name and any(is_byline(b) for b in near) else None


def _title_of(blocks: list[Block]) -> str:
    """The first heading, or a short first line, among the first blocks."""
    for b in blocks[:3]:
        if b.kind == "heading" or (
            b.kind == "para" and len(b.text) <= 40 and not re.search("[。！？]", b.text)
        ):
            return b.text
        if b.kind != "image":
            break
    headings = [b.text for b in blocks if b.kind == "heading" and b.level == 1]
    return headings[0] if headings else ""


def _without_title(blocks: list[Block], title: str) -> list[Block]:
    """The article without its title repeated at the top."""
    squeeze = re.sub(r"\s+", "", title)
    for i, b in enumerate(blocks[:5]):
        if b.kind in ("para", "heading") and re.sub(r"\s+", "", b.text) == squeeze:
            return blocks[:i] + blocks[i + 1 :]
    return blocks


def _headings(blocks: list[Block], plain_text: bool) -> list[Block]:
    """Headings at levels 2–3 (the title is the page's only h1); short wholly bold or 【】 paragraphs,
    and in text files short lines without punctuation followed by a longer one, become ## headings."""
    out: list[Block] = []
    made: set[int] = set()  # ids of headings made here from paragraphs
    for i, b in enumerate(blocks):
        if b.kind == "heading":
            if len(b.text) > 60:
                b = text_block(b.text)
            else:
                b.level = 2 if b.level <= 2 else 3
        elif b.kind == "para" and len(b.text) <= 35:
            if b.bold and len(b.text) <= 30:
                b = Block("heading", md=b.md.replace("**", "").strip(), text=b.text, level=2)
            elif re.fullmatch(r"【[^【】]+】", b.text) and len(b.text) <= 30:
                b = Block("heading", md=escape(b.text[1:-1].strip()), text=b.text[1:-1].strip(), level=2)
            elif plain_text and out and _looks_like_subheading(blocks[i:], out[-1]):
                # two phrases apart by spaces ("织密组织网络　让服务…"): one space between them
                text = re.sub(r"[\s\u3000]+", " ", b.text)
                b = Block("heading", md=escape(text), text=text, level=2)
        if b.kind == "heading" and blocks[i].kind != "heading":
            made.add(id(b))
        if id(b) in made and out and id(out[-1]) in made:
            # a two-line subheading (“抓基础 强队伍” / “推动基层党建工作提质增效”): one heading
            prev = out.pop()
            b = Block("heading", md=f"{prev.md}：{b.md}", text=f"{prev.text}：{b.text}", level=2)
            made.add(id(b))
        out.append(b)
    return out


def _looks_like_subheading(blocks: list[Block], before: Block) -> bool:
    """A line of a text file that is short and ends no sentence, followed by a paragraph of text
    (or by one more such line and then the paragraph: news sites write two-line subheadings).
    Up to 24 characters anywhere; up to 35 when it is two phrases apart by a space, or stands
    between two paragraphs of text."""

    def short(b: Block) -> bool:
        if (
            b.kind != "para"
            or not 2 <= len(b.text) <= 35
            or re.search(r"[。！？!?；;：:，,、]$|[。！？!?]", b.text)
        ):
            return False
        return len(b.text) <= 24 or bool(re.search(r"\S[\s\u3000]+\S", b.text)) or long(before)

    def long(b: Block) -> bool:
        return b.kind == "para" and len(b.text) > 24 and bool(re.search(r"[。！？!?]", b.text))

    if not short(blocks[0]) or len(blocks) < 2:
        return False
    return long(blocks[1]) or (short(blocks[1]) and len(blocks) > 2 and long(blocks[2]))
