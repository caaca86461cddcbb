"""Escape: the one rule for author text that reaches a page as plain text.

Page templates (templates/pages/) write Markdown with HTML blocks in it, so a plain value such as a
title lands either in HTML (a tag's text or attribute) or in Markdown (a heading line), and the
template cannot tell which. `as_text` writes the value so that it is text in both: HTML's special
characters become entities, and so do the characters Markdown reads as syntax (links, emphasis,
code, heading marks, tables, attribute lists). Entities are decoded to the same characters by
the browser in either place, and Python-Markdown passes them through untouched, so
`[点此](javascript:alert(1))` in a title shows as written and never becomes a link.

The page environment applies it to every `{{ … }}` through Jinja's `finalize` (pages.make_env);
only values that are already `Markup` pass unchanged: cleaned Markdown (`md`), JSON (`tojson`)
and links we made (`u`). The theme's environment escapes HTML (engine/theme.py turns autoescape on for
Material's templates), and the standalone screens and posters are pure HTML with autoescape.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

# HTML's five, plus what Python-Markdown reads as syntax inside a line (and newlines, which
# would let a value start a block of its own: a heading, a list, a table row)
_ENTITIES = {ord(c): f"&#{ord(c)};" for c in "\\`*_[]()#{}|\"'\n"}
_ENTITIES |= {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord("\r"): ""}


def as_text(value: Any) -> Markup:
    """A value written into a page source as inert text (HTML- and Markdown-escaped)."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return Markup(str(value).translate(_ENTITIES))


_MASKED = re.compile(r"(?<=\d)\*{3,}(?=\d)")


def keep_masks(markdown_text: str) -> str:
    """An author's Markdown with masked numbers kept as written: the stars of 138****1234 or
    370102********1234 would otherwise be read as emphasis marks and vanish."""
    if "**" not in markdown_text:
        return markdown_text
    return _MASKED.sub(lambda m: "\\*" * len(m.group(0)), markdown_text)
