"""Plain-text articles as news sites print them, copied line by line into a .txt: the title among
the first lines (after a photo caption, before the paper's name and the 记者 lines), the paper's
name alone on a line, lines a paged web article broke mid-sentence, and captions left in the text
where a picture was.

Every rule here is judged on plain text and is conservative: when in doubt a line stays as it was.
"""

from __future__ import annotations

import datetime as dt
import re

from .story_blocks import Block, text_block
from .story_meta import Byline, parse_date, parse_line, split_trailing
from .story_text import HAN, junk_kind

# a sentence, a clause or a quotation is complete at these (a closing quote or bracket may follow)
_CLOSED = re.compile(r"[。！？!?…；;：:][”’」』）)】]*$")
_STOPS = re.compile(r"[。！？!?]")
# what cannot start a sentence: the rest of one broken before its punctuation
_NO_START = re.compile(r"^[，,、。；;：:！？!?）)」』”’》…—]")
# what a heading or a title never ends with: a sentence broken after a function word ("工作的不断")
_OPEN_END = re.compile(
    r"(?:[的地得和与及或并在对把被将从向让使为因而但以于也都还就又再更最很所之其]|不断|进一步|持续)$"
)
_OUTLET_PART = re.compile(
    rf"^[{HAN}A-Za-z0-9]{{2,14}}(?:日报|晚报|早报|晨报|商报|时报|都市报|报|新闻网|网|客户端|融媒体中心|"
    r"新闻中心|电视台|广播电视台|广播电台|新闻|APP|App|杂志|周刊)$"
)
_OUTLET_SPLIT = re.compile(r"\s*[·•・|｜丨/]\s*|[\s\u3000]+")
_DAY = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2})?"
_CAPTION_START = re.compile(r"^(?:图为|图[:：]|[（(]图|▲|△|上图|下图|左图|右图|图\s*\d)")


def outlet(text: str) -> str | None:
    """The paper or outlet a line names and nothing else ('北方晚报·北方壹点', '东湖日报',
    '某某新闻网', '某某区融媒体中心'); None for any other line."""
    line = text.strip().strip("【】[]（）()")
    if not 2 <= len(line) <= 30:
        return None
    parts = [p for p in _OUTLET_SPLIT.split(line) if p]
    if not 1 <= len(parts) <= 3 or not any(_OUTLET_PART.match(p) for p in parts):
        return None
    if any(not re.fullmatch(rf"[{HAN}A-Za-z0-9]{{2,14}}", p) or re.match(r"\d{4}", p) for p in parts):
        return None
    if re.search(
        r"(?:通报|汇报|简报|举报|预报|海报|喜报|回报|上报|申报|电报|画报)$", line
    ):  # words, not papers
        return None
    return line


def outlet_dated(text: str) -> tuple[str, dt.date] | None:
    """A paper's name and a date on one line ('东湖日报 2026年7月18日', '2026-07-18 东湖日报')."""
    line = text.strip()
    for name, day in (_split_date(line, first=False), _split_date(line, first=True)):
        if name and (paper := outlet(name)) and (date := parse_date(day)):
            return paper, date
    return None


def _split_date(line: str, first: bool) -> tuple[str, str]:
    rx = rf"^({_DAY})[\s\u3000]+(.+)$" if first else rf"^(.+?)[\s\u3000]+({_DAY})$"
    m = re.match(rx, line)
    if not m:
        return "", ""
    return (m.group(2), m.group(1)) if first else (m.group(1), m.group(2))


def is_byline(b: Block) -> bool:
    """A metadata line (记者/通讯员/来源/a date) or a paper's name alone."""
    if b.kind not in ("para", "heading"):
        return False
    return (
        parse_line(b.text, near_top=True) is not None
        or outlet(b.text) is not None
        or bool(outlet_dated(b.text))
    )


def _title_like(text: str) -> bool:
    return (
        6 <= len(text) <= 48
        and not re.search(r"[。；;]", text)
        and not re.search(r"[，,、：:]$", text)
        and not _OPEN_END.search(text)
        and junk_kind(text) is None
        and outlet(text) is None
        and parse_line(text, near_top=True) is None
    )


def caption_like(text: str) -> bool:
    """One short sentence that says what a picture shows: 'XX社区广场上的晚会节目丰富多彩。'."""
    body = text.rstrip("。")
    return (
        text.endswith("。")
        and 6 <= len(text) <= 50
        and not _STOPS.search(body)
        and not re.search(r"[“”\"：:]", text)
    )


def title_at(blocks: list[Block]) -> int | None:
    """Where the title of a text file is: the first line, or the line after a photo caption, when
    it is short, ends no sentence and is followed by the by-lines or the text."""
    for i, b in enumerate(blocks[:3]):
        if b.kind != "para":
            return None
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if _title_like(b.text) and nxt is not None and nxt.kind == "para":
            if is_byline(nxt) or (i == 0 and _STOPS.search(nxt.text) and len(nxt.text) > len(b.text)):
                if i == 0 or not _STOPS.search(b.text):
                    return i
        if not caption_like(credited(b)[0].text):
            return None
    return None


def join_broken(blocks: list[Block]) -> tuple[list[Block], list[tuple[str, str]]]:
    """Lines broken mid-sentence joined again; with the two parts of each join."""
    out: list[Block] = []
    joins: list[tuple[str, str]] = []
    paras = [b for b in blocks if b.kind == "para"]
    indents = sum(b.indented for b in paras) > len(paras) / 2  # the text indents its paragraphs
    for b in blocks:
        prev = out[-1] if out else None
        if prev is not None and _broken(prev, b, indents):
            glue = " " if re.search(r"[A-Za-z0-9]$", prev.text) and re.match(r"[A-Za-z0-9]", b.text) else ""
            joins.append((prev.text, b.text))
            out[-1] = text_block(prev.text + glue + b.text, indented=prev.indented)
            continue
        out.append(b)
    return out, joins


def _broken(a: Block, b: Block, indents: bool) -> bool:
    """`a` stops mid-sentence and `b` goes on with it. `indents`: the text indents its paragraphs,
    so an indented `b` starts one and an unindented `b` after an indented `a` goes on with it."""
    if a.kind != "para" or b.kind != "para" or a.bold or b.bold or _CLOSED.search(a.text):
        return False
    if is_byline(a) or is_byline(b) or junk_kind(b.text) or _CAPTION_START.match(b.text):
        return False
    if split_trailing(a.text) is not None:  # "…。（林小雨 摄）": it ends with its by-line
        return False
    if _NO_START.match(b.text):  # "…的不断" / "，资源共享…"
        return True
    if not _STOPS.search(b.text) or (indents and b.indented):  # the rest of a sentence ends one
        return False
    if indents and a.indented or re.match(r"^[^，,。！？；]，", b.text):  # "…工作的不断深" / "入，…"
        return True
    # prose, not a heading: a whole sentence before the break, a long line of clauses, or a line
    # ending on a word no heading ends with
    inner = _STOPS.search(a.text) is not None
    return inner or (len(a.text) > 50 and "，" in a.text) or bool(_OPEN_END.search(a.text))


def text_captions(blocks: list[Block]) -> tuple[list[Block], list[str], Byline]:
    """Short one-sentence lines between paragraphs that say what a picture shows ('图为…', '▲…',
    or a sentence of a scene with no comma) marked as captions; their texts; the photographers
    credited at their ends."""
    out: list[Block] = []
    marked: list[str] = []
    credits = Byline()
    for i, b in enumerate(blocks):
        prev = blocks[i - 1] if i else None
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        c, credit = credited(b)
        if b.kind == "para" and prev is not None and nxt is not None and _alone(c, prev, nxt):
            b = Block("caption", md=c.md.lstrip("▲△ ").strip(), text=c.text.lstrip("▲△ ").strip())
            marked.append(b.text)
            credits.merge(credit)
        out.append(b)
    return out, marked, credits


def credited(b: Block) -> tuple[Block, Byline]:
    """A line without the photographer's credit at its end ('…义诊。（林小雨 摄）'), and the credit."""
    split = split_trailing(b.text) if b.kind == "para" else None
    if split and split[1].names_people:  # after a caption, whoever it names took the picture
        return text_block(split[0]), Byline(photographers=split[1].photographers or split[1].authors)
    return b, Byline()


def _alone(b: Block, prev: Block, nxt: Block) -> bool:
    def prose(x: Block) -> bool:
        return x.kind == "para" and len(x.text) > 40 and _STOPS.search(x.text) is not None

    if not caption_like(b.text) and not (_CAPTION_START.match(b.text) and len(b.text) <= 60):
        return False
    if _CAPTION_START.match(b.text):
        return prev.kind != "image"  # after a picture it is the picture's own caption
    # a scene: one short sentence without a comma or a speaker, between two paragraphs of text
    return prose(prev) and prose(nxt) and len(b.text) <= 30 and not re.search(r"[，,我您]", b.text)
