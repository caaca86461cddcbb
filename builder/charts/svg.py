"""SVG elements with every attribute and text escaped, and the sizes charts are laid out in."""

from __future__ import annotations

import unicodedata

from markupsafe import Markup

from ..escape import _ENTITIES  # as_text's table: the one rule for author text

FONT = 16  # the charts' text size in user units; an SVG's width and height are given in em
NS = "http://www.w3.org/2000/svg"


def num(value: float) -> str:
    """A coordinate as short text: 12, 12.5 (one decimal is finer than a screen's pixel)."""
    if type(value) is int:
        return str(value)
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text(value: object) -> str:
    """Escaped text: Markup (an element made here) as it is, numbers short, anything else escaped
    by as_text's table (HTML's and Markdown's special characters), without a Markup per value:
    a district's charts make tens of thousands of these."""
    kind = type(value)
    if kind is str:
        return value.translate(_ENTITIES)
    if kind is int or kind is float:
        return num(value)
    if isinstance(value, Markup):
        return value
    return str(value).translate(_ENTITIES)


def el(name: str, attrs: dict[str, object] | None = None, *children: object) -> Markup:
    """An element: attribute values and text children escaped (author text stays text in HTML,
    SVG and Markdown alike); Markup children (elements made here) kept."""
    head = "".join([f' {k}="{_text(v)}"' for k, v in (attrs or {}).items() if v is not None])
    if not children:
        return Markup(f"<{name}{head}/>")  # self-closing: a foreign (SVG) element in HTML
    return Markup(f"<{name}{head}>{''.join([_text(c) for c in children])}</{name}>")


def text_width(text: str, size: float = FONT) -> float:
    """How wide a line of text is, roughly: a Chinese character is one em, others about 0.6."""
    return size * sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6 for ch in text)


def svg(ident: str, width: float, height: float, title: str, desc: str, *children: Markup) -> Markup:
    """The chart's <svg>: sized in em (its text scales with the page's), named by its <title>
    and described by its <desc> for screen readers (role="img": the drawing is read as one image)."""
    return el(
        "svg",
        {
            "xmlns": NS,
            "class": "gb-chart-svg",
            "viewBox": f"0 0 {num(width)} {num(height)}",
            "width": f"{num(width / FONT)}em",
            "height": f"{num(height / FONT)}em",
            "role": "img",
            "aria-labelledby": f"{ident}-title {ident}-desc",
        },
        el("title", {"id": f"{ident}-title"}, title),
        el("desc", {"id": f"{ident}-desc"}, desc),
        # the text size goes on a group, not the <svg>: there it would set the em of its width
        el("g", {"font-size": FONT}, *children),
    )
