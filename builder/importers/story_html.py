"""Story from a web page: a page saved with "网页，全部", a WeChat article, a government news page.

The page is decoded, the article is found (WeChat's #js_content, the usual CMS containers, or the
element with the most Chinese text in paragraphs), what is around it is kept only to look for
metadata lines, and scripts, forms, share bars and hidden anti-scraping text are left out.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from ..hidden_text import hides, quote
from .story_blocks import Draft, Walker
from .story_media import PictureFinder
from .story_meta import Byline, find_date, names
from .story_stops import restore_stops_in
from .story_text import clean, collapse, count_han, punctuate

_SPECIFIC = ["#js_content", ".rich_media_content", ".TRS_Editor", "#zoom", ".zoom", ".article-content"]
_SPECIFIC += [".article_content", "#article-content", "#articleContent", ".news-content", ".news_content"]
_GENERIC = [".article", "article", ".content", "#content", ".main-content", "#main-content", "main"]
# never text: dropped everywhere, with what is inside
_INVISIBLE = ["script", "style", "noscript", "template", "head", "link", "meta", "object", "embed", "svg"]
_INVISIBLE += ["canvas", "map", "audio"]
# dropped inside the article: frames, form controls and the anti-scraping <menu>/<input> tags
_CHROME = ["iframe", "frame", "frameset", "input", "button", "select", "textarea", "menu", "nav", "footer"]
_CHROME += ["video", "mpvoice", "mpvideo", "qqmusic", "mp-miniprogram"]
# kept for their text: many government sites wrap the whole page in one ASP.NET <form>
_UNWRAP = ["form", "fieldset"]
_JUNK_CLASS = re.compile(
    r"(?:^|[-_])(?:share|print|toolbar|qrcode|qr|bdshare|jiathis|breadcrumbs?|crumbs?|pagination|pager"
    r"|related|comments?|advert|ads?|navbar|nav|menu|sidebar|tools?|reward|prev|next)(?:$|[-_])",
    re.I,
)
_VIDEO_TAGS = ["iframe", "video", "mpvideo", "embed"]


def decode(raw: bytes) -> tuple[str, bool]:
    """The page's text, and whether characters had to be replaced (the charset was wrong)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), False
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), False
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", raw[:8192], re.I)
    candidates = ["utf-8", "gb18030"]
    if m:
        declared = m.group(1).decode("ascii").lower()
        declared = "gb18030" if declared in ("gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936") else declared
        try:
            candidates.insert(0, codecs.lookup(declared).name)
        except LookupError:
            pass
    for encoding in candidates:
        try:
            return raw.decode(encoding), False
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace"), True


def read_html(file: Path) -> Draft:
    """The story in a saved web page."""
    text, replaced = decode(file.read_bytes())
    soup = BeautifulSoup(text, "html.parser")
    wechat = soup.select_one("#js_content") is not None
    hints = _hints(soup, wechat)
    title = _title(soup, wechat)
    for el in soup.find_all(_INVISIBLE):
        el.decompose()
    body = _article(soup)
    draft = Draft("wechat" if wechat else "html", [], title=title, hints=hints)
    if replaced:
        draft.notes.append(
            (
                "网页的文字编码认不出来，个别字可能显示成 �：请对照原网页检查",
                "the page's character encoding was not recognised; some characters may show as �",
            )
        )
    _clean_article(body, draft)
    draft.notes += restore_stops_in(body)  # an article with every stop typed as '.'
    rest = soup.body or soup
    if body is not rest:
        body.extract()
        _drop_hidden(rest, Draft("html", []))  # hidden text is no byline either
        draft.outside = Walker().walk(rest)
    draft.blocks = Walker(PictureFinder(file.parent).find).walk(body)
    return draft


def _text(el: Tag | None) -> str:
    return punctuate(collapse(clean(el.get_text(" ")))).strip() if el is not None else ""


def _meta(soup: BeautifulSoup, *keys: str) -> str:
    for name in keys:
        el = soup.find("meta", attrs={"name": re.compile(f"^{name}$", re.I)}) or soup.find(
            "meta", attrs={"property": re.compile(f"^{name}$", re.I)}
        )
        if el is not None and (el.get("content") or "").strip():
            return clean(el["content"]).strip()
    return ""


def _hints(soup: BeautifulSoup, wechat: bool) -> Byline:
    """What the page's own fields say: CMS meta tags, WeChat's account, author and time."""
    found = Byline()
    found.date = find_date(_meta(soup, "PubDate", "publishdate", "pubdate", "article:published_time"))
    source = _meta(soup, "ContentSource", "source")
    author = _meta(soup, "author")
    if wechat:
        source = source or _text(soup.select_one("#js_name")) or _text(soup.select_one(".profile_nickname"))
        author = _text(soup.select_one("#js_author_name")) or author
        found.date = found.date or find_date(_text(soup.select_one("#publish_time"))) or _script_date(soup)
    if source and len(source) <= 30:
        found.source = source
    found.authors = (names(author) or []) if author else []
    return found


def _script_date(soup: BeautifulSoup) -> dt.date | None:
    """WeChat's `var createTime = '2020-06-30 10:00'` or `var ct = "1593482400"` (China time)."""
    for script in soup.find_all("script"):
        code = script.string or ""
        if m := re.search(r"createTime\s*=\s*['\"]([^'\"]+)['\"]", code):
            if day := find_date(m.group(1)):
                return day
        if m := re.search(r"\bct\s*=\s*['\"](\d{10})['\"]", code):
            stamp = dt.datetime.fromtimestamp(int(m.group(1)), dt.timezone(dt.timedelta(hours=8)))
            return stamp.date()
    return None


def _title(soup: BeautifulSoup, wechat: bool) -> str:
    """The article's title: WeChat's, a heading the page title starts with, og:title, or <title>."""
    if wechat:
        for sel in ("#activity-name", ".rich_media_title"):
            if found := _text(soup.select_one(sel)):
                return found
    page = _text(soup.title)
    og = punctuate(collapse(_meta(soup, "og:title", "ArticleTitle"))).strip()
    for el in soup.find_all(["h1", "h2", "h3", "div", "p", "td", "span"]):
        if el.name not in ("h1", "h2", "h3") and "title" not in " ".join(el.get("class") or []).lower():
            continue
        text = _text(el)
        if len(text) >= 4 and any(c.startswith(text) for c in (page, og)):
            return text
    if og:
        return og
    stripped = re.split(r"\s+[-|–—｜]\s+|_|\s*[|｜]\s*|\s+-+\s*", page)[0].strip() if page else ""
    if len(stripped) >= 4:
        return stripped
    h1 = soup.find("h1")
    return _text(h1) if h1 else ""


def _article(soup: BeautifulSoup) -> Tag:
    """The element that holds the article."""
    for sel in _SPECIFIC:
        for el in soup.select(sel):
            if count_han(el.get_text()) >= 10:
                return el
    best, score = None, 0
    for el in soup.find_all(True):
        n = sum(count_han(p.get_text()) for p in el.find_all("p", recursive=False))
        n += sum(count_han(s) for s in el.find_all(string=True, recursive=False))  # text in <div>s with <br>s
        if n > score:
            best, score = el, n
    generic = [el for sel in _GENERIC for el in soup.select(sel)]
    holding = [el for el in generic if best is not None and any(el is a for a in (best, *best.parents))]
    if holding:
        return min(holding, key=lambda el: len(el.get_text()))
    return best if best is not None else (soup.body or soup)


def _clean_article(body: Tag, draft: Draft) -> None:
    """Leave out frames, forms, share bars and hidden text inside the article (counted in `draft`)."""
    videos = len(body.find_all(_VIDEO_TAGS))
    if videos:
        draft.notes.append(
            (
                f"原文里有 {videos} 个视频或嵌入的网页，没有导入：需要的话请另行处理",
                f"{videos} video(s) or embedded page(s) were not imported",
            )
        )
    for el in body.find_all(_CHROME):
        if not el.decomposed:
            el.decompose()
            draft.removed["网页元素 page elements"] += 1
    for el in body.find_all(_UNWRAP):
        el.unwrap()
    _drop_hidden(body, draft)
    for el in body.find_all(True):
        if el.decomposed:
            continue
        tokens = (el.get("class") or []) + [el.get("id") or ""]
        if any(t and _JUNK_CLASS.search(t) for t in tokens):
            el.decompose()
            draft.removed["分享栏等 share bars and the like"] += 1


def _drop_hidden(root: Tag, draft: Draft) -> None:
    """Leave out what the page hid from its readers (hidden_text.py), and say what it was."""
    dropped: list[tuple[int, str]] = []
    for el in root.find_all(True):
        if el.decomposed or not hides(el):
            continue
        dropped.append((el.sourceline or 0, el.get_text(" ")))
        el.decompose()
    if not dropped:
        return
    draft.removed["隐藏文字 hidden text"] += len(dropped)
    chars = sum(len(re.sub(r"\s+", "", text)) for _, text in dropped)
    line, text = next(((n, t) for n, t in dropped if t.strip()), dropped[0])
    example = f"，如第 {line} 行“{quote(text)}”" if text.strip() else ""
    example_en = f", e.g. line {line}: '{quote(text)}'" if text.strip() else ""
    draft.notes.append(
        (
            f"原网页里有 {len(dropped)} 处隐藏的文字（共 {chars} 个字{example}），读者在原网页上看不见，没有导入",
            f"{len(dropped)} hidden element(s) of the page ({chars} characters{example_en}) were not imported",
        )
    )
