"""Story text: invisible characters, ASCII punctuation among Chinese, and the page junk people paste.

Everything here works on plain text (one paragraph or one text node), never on Markdown, so the
Markdown the importer writes afterwards is never touched by these rules.
"""

from __future__ import annotations

import re

HAN = r"\u3400-\u9fff\uf900-\ufaff"
# Chinese punctuation that counts as "Chinese context" for the punctuation rules
_CN_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’—…·"
_CN = f"[{HAN}{_CN_PUNCT}]"
_HAN_CHAR = re.compile(f"[{HAN}]")

_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u034f\u180e]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# web addresses and e-mail addresses keep their ASCII punctuation
_URL_CHAR = r"[^\s\u3000-\u303f\uff00-\uffef\u4e00-\u9fff“”‘’]"
_PROTECTED = re.compile(
    rf"(?:https?://|ftp://|www\.){_URL_CHAR}*(?<![.,;:!?)])|[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]*[A-Za-z]"
)
_SIMPLE = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_SIMPLE_RX = {a: re.compile(rf"(?<={_CN})\{a}|\{a}(?={_CN})") for a in _SIMPLE}
_FULL_STOP = re.compile(rf"(?<=[{HAN}”’）」』])\.(?![.A-Za-z0-9])")
_PARENS = re.compile(r"\(([^()\n]{0,80})\)")
_QUOTES = re.compile(r'"([^"\n]{1,80})"')


def count_han(text: str) -> int:
    """How many Chinese characters the text has."""
    return len(_HAN_CHAR.findall(text))


def clean(text: str) -> str:
    """Zero-width and control characters removed; non-breaking and odd spaces made plain spaces."""
    text = _INVISIBLE.sub("", text)
    text = text.replace("\xa0", " ").replace("\u2028", " ").replace("\u2029", " ").replace("\t", " ")
    return _CONTROL.sub("", text)


def collapse(text: str) -> str:
    """HTML-style whitespace: a line break between two Chinese characters disappears, any other run
    of spaces becomes one space; full-width spaces are kept except at the ends (paragraph indents)."""
    text = re.sub(rf"(?<={_CN})[ \r\n]*\n[ \r\n]*(?={_CN})", "", text)
    text = re.sub(r"[ \r\n]+", " ", text)
    return text


def punctuate(text: str) -> str:
    """ASCII , ; : ? ! ( ) . and "" among Chinese made full-width; numbers, addresses, English stay."""
    if not _HAN_CHAR.search(text) or not re.search(r"[,;:?!().\"]", text):
        return text
    out, last = [], 0
    for m in _PROTECTED.finditer(text):
        out += [_punctuate_part(text[last : m.start()]), m.group(0)]
        last = m.end()
    out.append(_punctuate_part(text[last:]))
    return "".join(out)


def _punctuate_part(text: str) -> str:
    text = _PARENS.sub(lambda m: _paren(m, text), text)
    text = _QUOTES.sub(lambda m: f"“{m.group(1)}”" if _HAN_CHAR.search(m.group(1)) else m.group(0), text)
    for ascii_mark, wide in _SIMPLE.items():
        text = _SIMPLE_RX[ascii_mark].sub(wide, text)
    return _FULL_STOP.sub("。", text)


def _paren(m: re.Match, text: str) -> str:
    before = text[m.start() - 1] if m.start() else ""
    after = text[m.end()] if m.end() < len(text) else ""
    near = re.match(_CN, before) or re.match(_CN, after)
    if _HAN_CHAR.search(m.group(1)) or near:
        return f"（{m.group(1)}）"
    return m.group(0)


# ---- page junk, judged on the plain text of one paragraph ----------------------------------

# words of share bars, print/close links, font-size pickers, WeChat chrome and counters
_JUNK_WORDS = sorted(
    """分享到 分享至 扫一扫在手机打开当前页 扫一扫在手机上查看当前页面 扫一扫 打印本页 打印此页 打印文章 打印
    关闭窗口 关闭本页 关闭 返回顶部 回到顶部 返回首页 返回列表 返回 相关阅读 推荐阅读 加入收藏 收藏本页 设为首页
    我要纠错 字体 字号 默认 放大 缩小 大 中 小 阅读原文 轻触阅读原文 预览时标签不可点 微信扫一扫关注该公众号
    微信扫一扫可打开此内容，使用完整服务 微信扫一扫 关注该公众号 继续滑动看下一个 向上滑动看下一个 知道了 取消 允许
    轻点两下取消赞 轻点两下取消在看 在看 点赞 赞 分享 收藏 听过 写留言 留言 喜欢此内容的人还喜欢 视频 小程序
    阅读 浏览次数 阅读次数 点击数 点击量 浏览量 访问量 阅读量 次 人 微信 微博 QQ空间 QQ 朋友圈 更多""".split(),
    key=len,
    reverse=True,
)
_JUNK_RX = re.compile("|".join(map(re.escape, _JUNK_WORDS)))
_JUNK_FILLER = re.compile(r"[\s\d.万wW+【】\[\]（）()|｜:：·•/、,，>»›<«‹-]+")
_JUNK_START = re.compile(
    r"^(?:上一篇|下一篇|上一条|下一条|上篇|下篇|您当前的位置|您现在的位置|您的位置|当前位置|所在位置|"
    r"分享到|扫一扫在手机|【打印】|【关闭】)"
)
_WECHAT_LINES = re.compile(
    r"^(?:点击(?:上方)?蓝字关注我们?|长按(?:识别)?二维码关注.*|-*\s*END\s*-*|微信号\s*[:：].*|功能介绍\s*[:：].*)$",
    re.I,
)
_PAGE_DATE = re.compile(
    r"^(?:今天是)?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周|礼拜)[一二三四五六日天]"
    r"(?:\s*农历.*)?$"
)
_BULLETS = re.compile(r"^[\s•·●◆◇■□▪▫○◎★☆►▶※\-_=*~]*$")
_SECTION_ENDS = {
    "相关阅读",
    "相关新闻",
    "相关链接",
    "相关文章",
    "推荐阅读",
    "延伸阅读",
    "往期回顾",
    "往期推荐",
    "热门推荐",
}


def junk_kind(plain: str) -> str | None:
    """Why a paragraph is page junk ('share', 'page date', 'bullets', 'wechat'), or None if it is text."""
    text = plain.strip()
    if not text or _BULLETS.match(text) or not re.search(rf"[{HAN}A-Za-z0-9]", text):
        return "bullets"
    if _PAGE_DATE.match(text):
        return "page date"
    if len(text) < 120 and _JUNK_START.match(text):
        return "share"
    if len(text) < 80 and _WECHAT_LINES.match(text):
        return "wechat"
    if len(text) < 80 and _JUNK_RX.search(text) and not _JUNK_FILLER.sub("", _JUNK_RX.sub("", text)):
        return "share"
    return None


def ends_article(plain: str) -> bool:
    """'相关阅读' and the like: what follows is a list of other articles."""
    return plain.strip(" \u3000:：【】[]") in _SECTION_ENDS


def first_sentence(text: str, limit: int = 80) -> str:
    """The text up to its first 。！？ (with a closing quote), at most `limit` characters."""
    m = re.search(r"[。！？!?][”’」』]?", text)
    sentence = text[: m.end()] if m else text
    sentence = sentence.strip()
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rstrip("，、；：,;: ") + "…"
    return sentence
