"""SVG elements with every attribute and text escaped, and the sizes charts are laid out in."""

from __future__ import annotations

import unicodedata

from markupsafe import Markup

from ..escape import as_text

FONT = 16  # the charts' text size in user units; an SVG's width and height are given in em
NS = "http://www.w3.org/2000/svg"


def num(value: float) -> str:
    """A coordinate as short text: 12, 12.5 (one decimal is finer than a screen's pixel)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _value(value: object) -> Markup:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return as_text(value)
    return Markup(num(value))


def el(name: str, attrs: dict[str, object] | None = None, *children: object) -> Markup:
    """An element: attribute values and text children escaped (author text stays text in HTML,
    SVG and Markdown alike); Markup children (elements made here) kept."""
    head = "".join(f' {k}="{_value(v)}"' for k, v in (attrs or {}).items() if v is not None)
    if not children:
        return Markup(f"<{name}{head}/>")  # self-closing: a foreign (SVG) element in HTML
    body = "".join(c if isinstance(c, Markup) else as_text(c) for c in children)
    return Markup(f"<{name}{head}>{body}</{name}>")


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
            "font-size": FONT,
            "role": "img",
            "aria-labelledby": f"{ident}-title {ident}-desc",
        },
        el("title", {"id": f"{ident}-title"}, title),
        el("desc", {"id": f"{ident}-desc"}, desc),
        *children,
    )
