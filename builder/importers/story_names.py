"""Story names: the file name (slug) from the title's pinyin, a free one, and stories with the same title."""

from __future__ import annotations

import re
from pathlib import Path

from .story_text import HAN


def slug_of(title: str, max_words: int = 6, max_chars: int = 40) -> str:
    """'网格员冬季走访独居老人' → 'wanggeyuan-dongji-zoufang-duju-laoren': the pinyin of each word (jieba's
    words; a word of one character joins its neighbour), lowercase ASCII, joined by '-'."""
    import logging

    import jieba
    from pypinyin import lazy_pinyin

    jieba.setLogLevel(logging.WARNING)  # jieba sets its logger to DEBUG on import
    words: list[str] = []
    glue = False  # the last word is a single character: the next word joins it
    for token in jieba.lcut(title):
        is_han = bool(re.fullmatch(f"[{HAN}]+", token))
        word = re.sub(r"[^a-z0-9]", "", ("".join(lazy_pinyin(token)) if is_han else token).lower())
        if is_han and words and (glue or len(token) == 1):
            words[-1] += word
            glue = False
        elif word:
            words.append(word)
            glue = is_han and len(token) == 1
        else:
            glue = False  # punctuation and spaces part words
    out: list[str] = []
    for word in words:
        if len(out) >= max_words or len("-".join([*out, word])) > max_chars:
            break
        out.append(word)
    return "-".join(out)


def free_slug(root: Path, year: int, base: str) -> str:
    """`base`, or `base`-2, -3 …: the first name no story (in any year) and no picture file uses."""
    taken = {p.stem for p in (root / "content" / "stories").rglob("*.md")}
    media = root / "content" / "media" / "stories" / f"{year}"
    n, slug = 1, base
    while slug in taken or (media.is_dir() and any(media.glob(f"{slug}-*"))):
        n += 1
        slug = f"{base}-{n}"
    return slug


def same_title(stories: Path, title: str) -> list[str]:
    """Stories (content/… paths) whose front matter has this title."""
    import yaml

    out = []
    for file in sorted(stories.rglob("*.md")):
        try:
            text = file.read_text(encoding="utf-8-sig")
            m = re.match(r"---\s*\n(.*?)\n---", text, re.S)
            data = yaml.safe_load(m.group(1)) if m else None
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue  # a broken story is `gridboard check`'s business
        if isinstance(data, dict) and str(data.get("title", "")).strip() == title.strip():
            out.append(file.relative_to(stories.parent.parent).as_posix())
    return out


def mentioned(root: Path, text: str) -> dict[str, list[str]]:
    """The communities and grids a story names in full (“华山湖社区”, “华山湖社区第一网格”), as ids,
    in the order of the site's files: suggestions for the draft's `communities` and `grids`."""
    from .site_files import Unreadable, fast_load, grid_paths, grids_of

    found: dict[str, list[str]] = {"communities": [], "grids": []}
    try:
        org = fast_load(root / "content" / "org.yml")
        for street in org.get("streets") or []:
            for c in street.get("communities") or []:
                if len(str(c.get("name", ""))) >= 3 and str(c["name"]) in text:
                    found["communities"].append(str(c["id"]))
        for path in grid_paths(root):
            for g in grids_of(fast_load(path)):
                if len(str(g.get("name", ""))) >= 4 and str(g["name"]) in text:
                    found["grids"].append(str(g["id"]))
    except (*Unreadable, AttributeError, KeyError, TypeError):
        pass  # a site whose files do not read: no suggestions, `gridboard check` will say why
    return found
