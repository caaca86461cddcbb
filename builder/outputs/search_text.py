"""The text of a page as the search index's copy holds it (search.py): split into words, read back.

Pagefind keeps only words and the single spaces between them, so everything an excerpt needs to
read as the page does is written into the copy as words of its own, which Pagefind keeps in the
excerpt but never indexes (they hold no letter or digit), and pagefind-search.js reads them back:
- SEP (U+200A HAIR SPACE) between the words jieba finds: dropped again in excerpts;
- SPACE where the page itself shows a space (between two inline elements, "王舍人街道 裕华社区");
- BLOCK where a block (paragraph, cell, list item, heading) ends without its own punctuation:
  without it Pagefind adds ". " (网格长. 范德清党员.); shown as " · ";
- LABEL after a field label (<dt>): shown as "：" (类型：基础网格).
Runs of printable ASCII stay whole (2026-12-30, 09:00, 0531-88001239, e-mail): jieba cuts them at
every "-" and ":", which showed as "2026 - 12 - 30". Entities are decoded before cutting and
escaped again after, so Pagefind decodes them exactly once (jieba cut "&#34;" into "& # 34 ;").
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

SEP = "\u200a"
SPACE = "\u2064"  # INVISIBLE PLUS
BLOCK = "\u2060"  # WORD JOINER
LABEL = "\u2063"  # INVISIBLE SEPARATOR
MARKS = SPACE + BLOCK + LABEL

_TAGS = re.compile(r"(<script\b.*?</script>|<style\b.*?</style>|<!--.*?-->|<[^>]+>)", re.S | re.I)
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
_SPACES = re.compile(r"(\s+)")
_ASCII = re.compile(r"[!-~]+")
# Elements the page shows as blocks of their own; Pagefind puts spaces (and maybe ". ") around
# some of them, and runs the others' text together (<dt>类型</dt><dd>基础网格</dd>: 类型基础网格).
_BLOCKS = {"address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl",
           "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
           "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul"}  # fmt: skip
# After these the next block reads on without a separator.
_ENDS = set("。！？；：，、…!?;:,.")


def join_ascii(tokens: list[str]) -> list[str]:
    """Join neighbouring tokens that are both printable ASCII (jieba's cuts inside 2026-12-30)."""
    out: list[str] = []
    for tok in tokens:
        if out and _ASCII.fullmatch(tok) and _ASCII.fullmatch(out[-1]):
            out[-1] += tok
        else:
            out.append(tok)
    return out


class _Writer:
    """Walks one page's text and tags in order; holds what has been written since a block began."""

    def __init__(self, cut: Callable[[str], str]):
        self.cut = cut
        self.out: list[str] = []
        self.words = False  # words written since the last block boundary
        self.space = False  # the page has a space here (shown only between two words of a block)
        self.last = ""  # the last character written

    def tag(self, tag: str) -> None:
        m = _TAG_NAME.match(tag)
        name = m.group(2).lower() if m else ""
        if name in _BLOCKS:
            if self.words and self.last not in _ENDS:
                mark = LABEL if (m.group(1) and name == "dt") else BLOCK
                self.out.append(SEP + mark + SEP)
            self.words = self.space = False
        self.out.append(tag)

    def text(self, raw: str) -> None:
        for piece in _SPACES.split(html.unescape(raw)):
            if not piece:
                continue
            if piece.isspace():
                self.space = self.words
                continue
            if self.space:
                self.out.append(SEP + SPACE + SEP)
            # no break where the page has none: 139<b>1</b>2340004 is one number
            self.out.append(self.cut(piece))
            self.words, self.space, self.last = True, False, piece[-1]


def write(region: str, cut: Callable[[str], str]) -> str:
    """The indexed region of a page with its words split (cut: one space-free piece of text,
    already decoded, to its words joined by SEP and escaped) and the marks above written in."""
    writer = _Writer(cut)
    for i, part in enumerate(_TAGS.split(region)):
        if i % 2:
            writer.tag(part)
        elif part:
            writer.text(part)
    return "".join(writer.out)


def escape_words(words: list[str]) -> str:
    """Words joined by SEP, with &, < and > escaped for Pagefind to decode once."""
    return SEP.join(html.escape(w, quote=False) for w in join_ascii(words))
