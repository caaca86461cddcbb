"""Hidden text: what a pasted web page or Word file hid from its readers, found so it stays hidden.

Pages copied from the web carry text their readers never saw: ads, "转载请注明" lines, tracking
words, anti-scraping noise, kept out of sight by a style. Our sanitizer removes styles, which
would show that text on our site; so an element that is clearly hidden goes, with its content.

Clearly hidden (the browser shows nothing of it, whatever is around it):
`display:none`, `visibility:hidden|collapse`, `opacity:0`, `font-size:0`, and the `hidden`
attribute. Not counted: `height:0` (hides only with `overflow:hidden`), off-screen positions
(`left:-9999px` needs `position:absolute`), colours the same as the page: what they do depends
on other styles, so they are only warned about (sanitize.py) and their text is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bs4 import Tag

_END = r"\s*(?:!\s*important\s*)?(?:;|$)"
_ZERO = r"(?:0+(?:\.0*)?|\.0+)"
_HIDES = re.compile(
    r"(?<![\w-])(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)"
    rf"|opacity\s*:\s*{_ZERO}%?|font-size\s*:\s*{_ZERO}(?:px|pt|em|rem|%)?){_END}",
    re.I,
)
# a cheap first look (plain substring tests, 10× faster than a case-blind regex on long Chinese
# text): most texts have none of these words, and are left as they are
_WORDS = ("display", "visibility", "opacity", "font-size", "hidden")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def hiding(attrs: Iterable[tuple[str, str | None]]) -> str:
    """What hides an element with these attributes ('display:none', 'hidden' …), or ''."""
    for name, value in attrs:
        name = name.lower()
        if name == "hidden":
            return "hidden"
        if name == "style" and value and (m := _HIDES.search(value)):
            return re.sub(r"\s+", "", m.group(0).rstrip(";")).lower().replace("!important", "")
    return ""


def drop_hidden(fragment: str) -> str:
    """The HTML without its clearly hidden elements (and all that is inside them)."""
    lower = fragment.lower()
    if not any(word in lower for word in _WORDS):
        return fragment
    from bs4 import BeautifulSoup  # only for the few texts that may hide something: not at start-up

    soup = BeautifulSoup(fragment, "html.parser")
    found = [el for el in soup.find_all(True) if hides(el)]
    if not found:
        return fragment
    for el in found:
        if not el.decomposed:
            el.decompose()
    return str(soup)


def hides(el: Tag) -> str:
    """What hides a parsed element (`hiding` of its attributes), or ''."""
    return hiding((k, " ".join(v) if isinstance(v, list) else v) for k, v in el.attrs.items())


def quote(text: str, most: int = 20) -> str:
    """A short quote of dropped text, for a message: its first `most` characters."""
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= most else text[:most] + "…"
