"""Text as its reader sees it: what the personal-number scan must read besides the text as written.

A digit can be written so that no search of the file finds the number, while a browser shows it
and the search index holds it in full: as an HTML entity (`&#49;`, `&#x31;`, `&sup1;`), in full
width or another compatibility form (`１`, `¹`, `⑩`), %-escaped in an address (`tel:139%31…`),
split by invisible characters (zero-width space, soft hyphen, word joiner), by inline tags
(`<span>1</span>`, a comment), by Markdown emphasis (`139**1**2340012`) or link syntax, or over
two lines of one paragraph. `views()` gives the text decoded two ways, each remembering where
every character came from, so that a number found is reported at the author's own line and column.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
import unicodedata
from dataclasses import dataclass

# elements whose text runs on with the text around them; any other tag separates (a new line)
_INLINE = {"a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font"}
_INLINE |= {"i", "ins", "kbd", "label", "mark", "nobr", "q", "s", "samp", "small", "span", "strike"}
_INLINE |= {"strong", "sub", "sup", "time", "tt", "u", "var", "wbr"}

_TAG = r"<!--.*?(?:-->|\Z)|<(/?)([A-Za-z][A-Za-z0-9:-]*)(?:[\s/][^<>]*)?>|<[!?][^<>]*>"
_PERCENT = r"%3[0-9]"  # a digit %-escaped in an address: tel:139%31…
_ENTITY = r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});?"
_MARKDOWN = r"(?<=\d)[*_~`]+(?=\d)|!?\[|\]\([^()\n]*\)"  # emphasis between digits; [text](url)
_BREAKS = (
    r"[ \t]*\n(?:[ \t]*\n)+[ \t]*|[ \t]*\n[ \t]*"  # a blank line ends a paragraph; one newline is a space
)


@dataclass(frozen=True)
class View:
    """One reading of a text, and the offset in the text of each of its characters."""

    text: str
    _starts: tuple[int, ...]  # where each piece begins in `text`
    _sources: tuple[int, ...]  # where it came from in the original
    _verbatim: tuple[bool, ...]  # copied as written (else decoded from one token)

    def source(self, i: int) -> int:
        """The offset in the original text of character `i` of this view."""
        k = bisect.bisect_right(self._starts, i) - 1
        if k < 0:
            return 0
        return self._sources[k] + (i - self._starts[k] if self._verbatim[k] else 0)


_MARKED = [chr(c) for c in (*range(0x300, 0x370), *range(0x20D0, 0x2100), *range(0xFE00, 0xFE10))]
_MARKS = r"(?<=\d)[\u0300-\u036f\u20d0-\u20ff\ufe00-\ufe0f]+"  # drawn over a digit (keycaps …)
# what reads otherwise than it is written, and is not one character: emphasis or a line break
# between digits, link syntax
_SPREAD = re.compile(r"[*_~`](?<=\d[*_~`])(?=[*_~`]*\d)|\n(?<=\d\n)[ \t]*\d|\]\(|%3\d")


@dataclass(frozen=True)
class _Chars:
    """Characters that read otherwise than they are written, found once per process."""

    same_length: dict[int, str]  # compatibility forms of a digit, X, space or hyphen: '１' → '1'
    invisible: str  # regex class: characters that draw nothing (zero-width space, soft hyphen …)
    several: str  # regex class: one character that reads as several digits: '⑩' → '10'
    digit_like: str  # regex class: non-ASCII characters that read as digits
    triggers: frozenset[str]  # all of these, with '&' (entities) and '<' (tags)


@functools.cache
def _chars() -> _Chars:
    same_length, several, invisible = {}, [], []
    for cp in [*range(0x80, 0x20000), *range(0xE0000, 0xE1000)]:
        c = chr(cp)
        if unicodedata.category(c) == "Cf":
            invisible.append(c)
            continue
        n = unicodedata.normalize("NFKC", c)
        if n != c and n and all(ch in "0123456789Xx -" for ch in n):
            if len(n) == 1:
                same_length[cp] = n
            elif n.isdigit():
                several.append(c)
    # fillers and selectors that draw nothing, though not of the format category
    invisible += ["\u034f", "\u115f", "\u1160", "\u17b4", "\u17b5", "\u3164", "\uffa0"]
    invisible += [chr(c) for c in range(0x180B, 0x1810)] + [chr(c) for c in range(0xFE00, 0xFE10)]
    digits = [chr(c) for c, n in same_length.items() if n.isdigit()] + several
    triggers = frozenset([*invisible, *several, *map(chr, same_length), *_MARKED, "&", "<"])
    return _Chars(same_length, _class(invisible), _class(several), _class(digits), triggers)


def _class(chars: list[str]) -> str:
    """A regex class of the characters, as ranges (a class of many single characters is slow)."""
    cps, out = sorted(set(map(ord, chars))), []
    for i, cp in enumerate(cps):
        if i and cp == cps[i - 1] + 1 and out and out[-1][1] == cps[i - 1]:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return "[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in out) + "]"


@functools.cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(tokens of the reader's view, tokens of the decoded view with tags kept, hiding places)."""
    chars = _chars()
    hidden = rf"{_MARKS}|{chars.invisible}+|{chars.several}"
    read = re.compile(
        rf"(?P<tag>{_TAG})|(?P<ent>{_ENTITY})|(?P<pct>{_PERCENT})|(?P<hid>{hidden})|{_MARKDOWN}|(?P<nl>{_BREAKS})",
        re.S,
    )
    kept = re.compile(rf"(?P<ent>{_ENTITY})|(?P<pct>{_PERCENT})|(?P<hid>{hidden})", re.S)
    places = re.compile(rf"{_class(list(chars.triggers))}|{_SPREAD.pattern}")
    return read, kept, places


def may_hide(text: str) -> bool:
    """Whether the text could read as a number it does not show as written: it has something
    that reads otherwise than written, and eleven characters that stand for digits (an entity
    holds at least one digit for the one it writes). C-speed passes only."""
    chars = _chars()
    if chars.triggers.isdisjoint(text) and _SPREAD.search(text) is None:
        return False
    digits = sum(text.count(d) for d in "0123456789")
    return digits >= 11 or digits + len(re.findall(chars.digit_like, text)) >= 11


def hiding_places(text: str) -> list[int]:
    """Offsets of everything in the text that reads otherwise than it is written."""
    return [m.start() for m in _patterns()[2].finditer(text)]


def views(text: str) -> list[View]:
    """The text with entities decoded and tags kept (what attributes such as href say), and as a
    reader sees it (tags, invisible characters and Markdown marks gone); both in NFKC digits."""
    read, kept, _ = _patterns()
    return [_view(text, kept), _view(text, read)]


def _view(text: str, tokens: re.Pattern) -> View:
    same_length = _chars().same_length
    out: list[str] = []
    starts: list[int] = []
    sources: list[int] = []
    verbatim: list[bool] = []
    length = done = 0

    def piece(s: str, source: int, as_written: bool) -> None:
        nonlocal length
        if s:
            out.append(s)
            starts.append(length)
            sources.append(source)
            verbatim.append(as_written)
            length += len(s)

    for m in tokens.finditer(text):
        piece(text[done : m.start()], done, True)
        done = m.end()
        kind = m.lastgroup
        if kind == "tag":
            name = (m.group(3) or "").lower()
            piece("" if not name or name in _INLINE else "\n", m.start(), False)
        elif kind == "ent":
            piece(_decoded(m.group(0)), m.start(), False)
        elif kind == "hid":
            piece(
                unicodedata.normalize("NFKC", m.group(0)) if m.group(0)[0].isnumeric() else "",
                m.start(),
                False,
            )
        elif kind == "pct":
            piece(chr(int(m.group(0)[1:], 16)), m.start(), False)
        elif kind == "nl":
            piece("\n" if m.group(0).count("\n") > 1 else " ", m.start(), False)
        # Markdown marks: dropped
    piece(text[done:], done, True)
    decoded = "".join(out).translate(same_length)
    return View(decoded, tuple(starts), tuple(sources), tuple(verbatim))


def _decoded(entity: str) -> str:
    """An entity as the browser reads it, without characters that draw nothing."""
    text = unicodedata.normalize("NFKC", html.unescape(entity))
    return "".join(c for c in text if unicodedata.category(c) != "Cf")
