"""Markdown limits: how long and how deeply nested an author's Markdown may be, checked before
Python-Markdown ever reads it.

Python-Markdown handles each nested list, blockquote or indented block by parsing the inner text
again, so memory and time grow with text size × depth: a list nested 1,000 deep takes 1.3 GB and
15 s, 2,000 deep 10 GB. Emphasis markers nested some 1,000 deep (`*a *a … b* b*`, or 2,000 `*`
around a word) exhaust Python's recursion limit. Real content nests lists three or four levels
and emphasis once or twice; the limits below are far above that and far below the harm.
"""

from __future__ import annotations

import re

MAX_CHARS = 1_000_000  # characters in one Markdown text: a story body, a posting body, an intro …
MAX_DEPTH = 20  # lists, blockquotes and indented blocks inside one another
MAX_OPEN_EMPHASIS = 200  # * or _ opened and not yet closed in one paragraph

# one container level at the start of a line: a '>' or a list marker followed by a space
_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))")
_WHITESPACE = re.compile(r"[ \t]*")
_RULE = re.compile(r"[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*")  # - - - or * * *: a rule, not a list
_EMPHASIS_RUN = re.compile(r"[*_]+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# a line nested deeper than MAX_DEPTH starts with more than MAX_DEPTH of these characters
_LONG_PREFIX = re.compile(rf"^[ \t>*+\-0-9.)]{{{MAX_DEPTH + 1},}}", re.M)


def _columns(space: str) -> int:
    """Columns a run of spaces and tabs takes, tabs stopping every 4 (Python-Markdown's tab_length)."""
    col = 0
    for ch in space:
        col = col + 4 - col % 4 if ch == "\t" else col + 1
    return col


def line_depth(line: str) -> int:
    """How many containers a line stands in: each '>' and list marker at its start, and each
    4 columns of indentation (which Python-Markdown reads as one more level)."""
    if not line.strip():
        return 0
    if _RULE.fullmatch(line):
        return _columns(_WHITESPACE.match(line).group(0)) // 4
    depth, pos = 0, 0
    while True:
        space = _WHITESPACE.match(line, pos).group(0)
        depth += _columns(space) // 4
        m = _CONTAINER.match(line, pos)
        if not m:
            return depth
        depth += 1
        pos = m.end()


def _open_emphasis(paragraph: str) -> int:
    """The most * and _ open at once in a paragraph: a run opens when a non-space follows it
    (and a space or the start precedes it, or nothing is open), closes when a space follows it."""
    most = opened = 0
    for m in _EMPHASIS_RUN.finditer(paragraph):
        before = paragraph[m.start() - 1] if m.start() else " "
        after = paragraph[m.end()] if m.end() < len(paragraph) else " "
        n = m.end() - m.start()
        if opened and not before.isspace():
            opened = max(0, opened - n)  # closes what is open
        elif not after.isspace():
            opened += n
            most = max(most, opened)
    return most


def _paragraphs(text: str):
    """(offset, text) of every paragraph: the text between blank lines."""
    start = 0
    for m in _BLANK_LINE.finditer(text):
        yield start, text[start : m.start()]
        start = m.end()
    yield start, text[start:]


def problem(text: str) -> tuple[int, str, str] | None:
    """(0-based line, 中文, English) of the first limit the text passes; None when it keeps them.
    Nesting comes first: a list nested 2,000 deep is also long, and its depth is the cause."""
    return _too_deep(text) or _too_much_emphasis(text) or _too_long(text)


def _too_deep(text: str) -> tuple[int, str, str] | None:
    for m in _LONG_PREFIX.finditer(text):  # only such lines can nest too deep
        end = text.find("\n", m.start())
        depth = line_depth(text[m.start() : end if end != -1 else len(text)])
        if depth > MAX_DEPTH:
            return (
                text.count("\n", 0, m.start()),
                f"列表、引用（>）或缩进套了 {depth} 层，最多 {MAX_DEPTH} 层：请减少嵌套或缩进",
                f"lists, quotes (>) or indentation nested {depth} deep; at most {MAX_DEPTH} levels",
            )
    return None


def _too_much_emphasis(text: str) -> tuple[int, str, str] | None:
    if text.count("*") + text.count("_") <= MAX_OPEN_EMPHASIS:
        return None
    for start, paragraph in _paragraphs(text):
        if paragraph.count("*") + paragraph.count("_") > MAX_OPEN_EMPHASIS:
            found = _open_emphasis(paragraph)
            if found > MAX_OPEN_EMPHASIS:
                return (
                    text.count("\n", 0, start),
                    f"这一段有 {found} 个没有配对的 * 或 _（粗体、斜体符号），最多 {MAX_OPEN_EMPHASIS} 个："
                    "请删掉多余的符号，或写成 \\* 表示星号本身",
                    f"{found} unpaired * or _ (emphasis marks) in one paragraph; at most {MAX_OPEN_EMPHASIS}",
                )
    return None


def _too_long(text: str) -> tuple[int, str, str] | None:
    if len(text) <= MAX_CHARS:
        return None
    return (
        0,
        f"这段文字太长：有 {len(text)} 个字符，最多 {MAX_CHARS} 个；请分成几篇",
        f"this Markdown text has {len(text)} characters; at most {MAX_CHARS} are allowed",
    )
