"""Traditional characters in an imported story: told apart from simplified ones, and converted (OpenCC)."""

from __future__ import annotations

import re

from .story_text import HAN
from .story_tidy import Article

TRADITIONAL_SHARE = 0.02  # more of the Chinese characters than this change under t2s: traditional text


def all_text(article: Article) -> str:
    """The title and every text of the article's blocks, in one string."""
    parts = [article.title]
    for b in article.blocks:
        parts += [b.text, b.caption, *b.items, *(c for row in b.rows for c in row)]
    return "".join(parts)


def _converter():
    import opencc

    # tw2s is t2s plus the variant characters of Taiwan's standard (著 → 着 in 发挥著), which
    # traditional-character news pages use too; it changes no vocabulary
    return opencc.OpenCC("tw2s")


def is_traditional(text: str) -> bool:
    """True when converting to simplified changes more than TRADITIONAL_SHARE of the Chinese characters."""
    han = "".join(re.findall(f"[{HAN}]", text))
    if len(han) < 10:
        return False
    simplified = _converter().convert(han)
    if len(simplified) == len(han):
        changed = sum(a != b for a, b in zip(han, simplified, strict=True))
    else:
        cc = _converter()
        changed = sum(cc.convert(c) != c for c in han)
    return changed >= 2 and changed / len(han) > TRADITIONAL_SHARE


def simplify(article: Article) -> None:
    """Title, body and metadata in simplified characters (OpenCC tw2s)."""
    cc = _converter()
    article.title = cc.convert(article.title)
    for b in article.blocks:
        b.md, b.text, b.caption = cc.convert(b.md), cc.convert(b.text), cc.convert(b.caption)
        b.items = [cc.convert(i) for i in b.items]
        b.rows = [[cc.convert(c) for c in row] for row in b.rows]
    found = article.found
    found.source = cc.convert(found.source) if found.source else found.source
    found.authors = [cc.convert(n) for n in found.authors]
    found.photographers = [cc.convert(n) for n in found.photographers]
