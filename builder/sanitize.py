"""Sanitize: HTML that authors paste into Markdown (from web pages, WeChat articles) made safe.

Every Markdown text an author wrote reaches a page through one template function (`md`), which
fences it between two markers. After Markdown has made HTML of the page, the engine hands each
fenced region to nh3 (the Ammonia sanitizer) with the policy below; our own template HTML,
outside the fences, is left alone. The markers carry a random token drawn once per process, so
no text can forge one: an author who writes a closing marker only writes a comment, which is
cleaned away with the rest. A region whose closing marker went missing (Markdown swallowed or
escaped it) is cleaned to the end of the page: the fail-safe direction. Before that, `find_unsafe` reads the author's text with the
same policy and names, by file and line, what will be removed: scripts, frames, forms, event
handlers, javascript: links, styles that hide text, and the stray tags pasted pages are full of.
"""

from __future__ import annotations

import html
import html.parser
import re
import secrets
from dataclasses import dataclass

import nh3

from .hidden_text import VOID, drop_hidden, hiding, quote
from .problems import Mark, Problems

_TOKEN = secrets.token_hex(16)
START, END = f"<!--gb-user-{_TOKEN}-->", f"<!--/gb-user-{_TOKEN}-->"
_REGION = re.compile(re.escape(START) + r"(.*?)(?:" + re.escape(END) + r"|\Z)", re.S)

# ---- the policy: one place, used to clean and to warn -----------------------------------

TAGS = {"a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd"}
TAGS |= {"del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3"}
TAGS |= {"h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s"}
TAGS |= {"section", "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody"}
TAGS |= {"td", "tfoot", "th", "thead", "time", "tr", "u", "ul"}
# removed with everything inside them (the rest keep their text when the tag goes)
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template", "textarea"}
DROP_WITH_CONTENT |= {"select", "frame", "frameset", "applet", "svg", "math", "title", "head", "button"}
ATTRIBUTES = {
    "*": {"title", "lang", "dir", "style"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "time": {"datetime"},
    **{f"h{i}": {"id"} for i in range(1, 7)},  # heading anchors made by the toc extension
}
# classes Markdown itself writes (admonitions, [TOC]); pasted classes mean nothing on our site
CLASSES = {
    "div": {"admonition", "note", "tip", "info", "warning", "danger", "success", "question"} | {"toc"},
    "p": {"admonition-title"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# inline styles keep only what colours and emphasises text; anything that can hide, move or
# shrink text (display, visibility, opacity, position, font-size, height, overflow …) is dropped
STYLE_PROPERTIES = {"color", "background-color", "font-weight", "font-style", "text-align"}
STYLE_PROPERTIES |= {"text-decoration", "text-indent"}

_CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags=DROP_WITH_CONTENT,
    attributes=ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    allowed_classes=CLASSES,
    filter_style_properties=STYLE_PROPERTIES,
    strip_comments=True,
    link_rel="noopener noreferrer",
)


def fence(markdown_text: str) -> str:
    """An author's Markdown, marked out for cleaning after conversion."""
    if not markdown_text.strip():
        return markdown_text
    return f"\n\n{START}\n\n{markdown_text}\n\n{END}\n\n"


def clean_regions(page_html: str) -> str:
    """The page's HTML with every fenced region sanitized (and the fences removed)."""
    if START not in page_html:
        return page_html
    return _REGION.sub(lambda m: _CLEANER.clean(drop_hidden(m.group(1))), page_html)


def clean(fragment: str) -> str:
    """An HTML fragment made from an author's Markdown, sanitized (pages outside the theme)."""
    return _CLEANER.clean(drop_hidden(fragment))


_TEXT_ONLY = nh3.Cleaner(tags=set(), clean_content_tags=DROP_WITH_CONTENT, attributes={}, strip_comments=True)


def without_html(markdown_text: str) -> str:
    """The Markdown with every HTML tag removed (scripts, frames … with what is inside them)."""
    if "<" not in markdown_text:
        return markdown_text
    return html.unescape(_TEXT_ONLY.clean(drop_hidden(markdown_text)))


# ---- warnings, by file and line ----------------------------------------------------------

_HIDING = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0*)?\s*(?:;|$)|font-size\s*:\s*0"
    r"|(?:height|width|max-height)\s*:\s*0(?:px)?\s*(?:;|$)|position\s*:\s*(?:absolute|fixed)"
    r"|(?:left|top|text-indent)\s*:\s*-\d{3,}",
    re.I,
)
_MD_LINK = re.compile(r"\]\(\s*<?\s*([a-z][a-z0-9+.-]*):", re.I)
_ANGLE_TARGET = re.compile(r"\]\(\s*<[^<>\n]*>")
_CODE = re.compile(r"^(```|~~~).*?^\1[^\n]*$|`[^`\n]+`", re.S | re.M)


class _Finder(html.parser.HTMLParser):
    """Walks the raw HTML in Markdown text and notes, per line, what the policy will remove."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: dict[int, list[str | Hidden]] = {}
        self.unclosed: dict[str, int] = {}  # raw-text tag → line where it was opened, not closed
        self.hidden: Hidden | None = None  # the hidden element being read (its text is counted)
        self.depth = 0  # elements of the hidden one's name open inside it

    def _note(self, what: str) -> None:
        items = self.found.setdefault(self.getpos()[0], [])
        if what not in items:
            items.append(what)

    def handle_starttag(self, tag, attrs):
        if self.hidden is not None:  # inside hidden text: all of it goes, nothing more to name
            self.depth += tag == self.hidden.tag and tag not in VOID
            return
        if why := hiding(attrs):
            hidden = Hidden(tag, why)
            self._note(hidden)
            if tag not in VOID and self.get_starttag_text().rstrip()[-2:] != "/>":
                self.hidden, self.depth = hidden, 1
            return
        if tag in _RAW_TEXT:  # <iframe/> opens one too: HTML has no self-closing iframe
            self.unclosed.setdefault(tag, self.getpos()[0])
        if tag in DROP_WITH_CONTENT:
            self._note(f"<{tag}>")
        elif tag not in TAGS:
            self._note(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self._note(f"{name}=…")
            elif name in ("href", "src") and _bad_scheme(value):
                self._note(f'{name}="{value.split(":")[0].strip()}:…"')
            elif name == "style" and (m := _HIDING.search(value)):
                self._note(f'style="{m.group(0)}"')

    def handle_startendtag(self, tag, attrs):
        if self.hidden is None:
            self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self.hidden is not None:
            if self.hidden.tag not in _BLOCKS and (m := re.search(r"\n[ \t]*\n", data)):
                # an inline element left open ends with its paragraph, as Markdown closes the <p>
                self.hidden.text += data[: m.start()]
                self.hidden = None
                return
            self.hidden.text += data

    def handle_endtag(self, tag):
        if self.hidden is not None and tag == self.hidden.tag:
            self.depth -= 1
            if self.depth == 0:
                self.hidden = None
        self.unclosed.pop(tag, None)


# elements that may hold paragraphs: a hidden one left open goes on past a blank line
_BLOCKS = {"div", "section", "article", "aside", "blockquote", "table", "ul", "ol", "dl", "details"}
_BLOCKS |= {"figure", "header", "footer", "main", "nav", "center", "form", "fieldset", "p"}


@dataclass(eq=False)
class Hidden:
    """A clearly hidden element (hidden_text.py), removed with its text: what hid it, what it held."""

    tag: str
    why: str
    text: str = ""

    def __str__(self) -> str:
        what = self.why if self.why == "hidden" else f'style="{self.why}"'
        return f"<{self.tag} {what}>"


# elements removed with their content: one left open holds everything after it (a raw-text one
# such as <iframe> reads it as its text, <svg> as its children), which the cleaner then drops
_SWALLOWS = " 没有结束标签：它后面的全部文字"
_RAW_TEXT = (DROP_WITH_CONTENT | {"xmp", "noembed", "noframes"}) - {"frame"}


def _bad_scheme(url: str) -> bool:
    m = re.match(r"^\s*([a-z][a-z0-9+.-]*):", url, re.I)
    return bool(m) and m.group(1).lower() not in URL_SCHEMES


def find_unsafe(markdown_text: str) -> dict[int, list[str | Hidden]]:
    """0-based line → what will be removed there ('<script>', 'onclick=…', 'style="display:none"')."""
    if "<" not in markdown_text and "](" not in markdown_text:
        return {}
    # code is shown as written, never run: blank it out (keeping the lines)
    text = _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), markdown_text)
    # a link target in angle brackets, ](<media/a b.pdf>), is Markdown, not a tag
    text = _ANGLE_TARGET.sub(lambda m: "](" + " " * (len(m.group(0)) - 2), text)
    finder = _Finder()
    try:
        finder.feed(text)
        finder.close()
    except Exception:  # HTMLParser is lenient; whatever it cannot read, nh3 still cleans
        pass
    for tag, line in finder.unclosed.items():
        finder.found.setdefault(line, []).append(f"<{tag}>{_SWALLOWS}")
    found = {line - 1: items for line, items in finder.found.items()}
    for n, line in enumerate(text.split("\n")):
        for m in _MD_LINK.finditer(line):
            if m.group(1).lower() not in URL_SCHEMES:
                found.setdefault(n, []).append(f"({m.group(1)}:…)")
    return found


def report_unsafe(
    problems: Problems, path: str, first: Mark | None, field: str, found: dict[int, list[str | Hidden]]
) -> None:
    """Warn, line by line, about what cleaning will remove from one Markdown text (`find_unsafe`).

    `first` is the mark of the text's first line (a body's first line, or the field's value)."""
    for n, items in sorted(found.items()):
        mark = Mark(first.line + n, 1) if first else None
        if hidden := [i for i in items if isinstance(i, Hidden)]:
            _report_hidden(problems, path, mark, field, hidden)
        items = [i for i in items if isinstance(i, str)]
        for item in [i for i in items if i.endswith(_SWALLOWS)]:  # text would be lost: an error
            tag = item.removesuffix(_SWALLOWS)
            problems.add(
                path,
                mark,
                field,
                f"{tag} 没有结束标签：浏览器会把它后面的全部文字当成它的内容，发布时会和它一起删掉。"
                f"请删掉这段网页代码，或补上 </{tag[1:]}",
                f"{tag} is never closed: everything after it would be removed with it; "
                f"delete the code or close it with </{tag[1:]}",
            )
        swallowed = {i.removesuffix(_SWALLOWS) for i in items if i.endswith(_SWALLOWS)}
        items = [i for i in items if not i.endswith(_SWALLOWS) and i not in swallowed]
        if not items:
            continue
        listed = "、".join(items)
        problems.warn(
            path,
            mark,
            field,
            f"粘贴来的网页代码里有不安全或多余的内容，发布时已删除：{listed}。文字会保留；"
            "如排版不对，请删掉这些代码，改用 Markdown 写法",
            f"unsafe or stray HTML is removed on publishing: {listed}; the text stays",
        )


def _report_hidden(
    problems: Problems, path: str, mark: Mark | None, field: str, hidden: list[Hidden]
) -> None:
    """One warning for the hidden elements that start on one line: how many, how much text, what."""
    chars = sum(len(re.sub(r"\s+", "", h.text)) for h in hidden)
    kinds = list(dict.fromkeys(str(h) for h in hidden))
    how, how_en = "、".join(kinds), ", ".join(kinds)
    quotes = [quote(h.text) for h in hidden if h.text.strip()][:3]
    said = ("：" + "、".join(f"“{q}”" for q in quotes)) if quotes else ""
    said_en = (": " + ", ".join(f"'{q}'" for q in quotes)) if quotes else ""
    problems.warn(
        path,
        mark,
        field,
        f"粘贴来的网页代码里有隐藏的文字（{how}），原网页上看不见，发布时连同文字一起删除："
        f"{len(hidden)} 处，共 {chars} 个字{said}。如果这段文字应当显示，请删掉它外面的网页代码",
        f"hidden pasted text ({how_en}) is removed on publishing with its content: "
        f"{len(hidden)} element(s), {chars} characters{said_en}; "
        "if it should be shown, delete the HTML around it",
    )
