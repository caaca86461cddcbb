"""Quotes and paragraphs of a dot-typed article (story_stops.py), once its stops are restored.

- ASCII quotes '…' and "…" around Chinese become “…”, and ‘…’ inside those; apostrophes between
  Latin letters (don't) and unpaired quotes stay as typed.
- One long line is split where the text itself marks a section: 一、 （一） 01 第一， 一是 at the
  start of a sentence, when the article has at least the first two of that kind; or, without such
  markers, before short title-like sentences (4–20 characters, nothing but Chinese) that either
  hold a space (强化组织引领 筑牢战斗堡垒) or come in a set of the same length. A section title becomes
  a paragraph of its own without its closing 。, so the sub-heading rule can make it a heading.
"""

from __future__ import annotations

import re

from .story_text import HAN

_LATIN = re.compile(r"[A-Za-z]")
_NUMBERS = "一二三四五六七八九十"
_START = r"(?:^|(?<=[。！？；!?;])|(?<=[。！？]”))[ \u3000]*"
_MARKERS = {  # kind: (pattern with the number as group 1, can head a title)
    "dun": (rf"{_START}([{_NUMBERS}]{{1,3}})、", True),
    "paren": (rf"{_START}[（(]([{_NUMBERS}]{{1,3}})[）)]", True),
    "zero": (rf"{_START}0([1-9])(?=[ \u3000]*[{HAN}])", True),
    "di": (rf"{_START}第([{_NUMBERS}]{{1,3}})[，、：,:]", False),
    "shi": (rf"{_START}([{_NUMBERS}]{{1,3}})是", False),
}
_STOP = re.compile(r"[。！？!?]")
_TITLE_BODY = re.compile(rf"[{HAN}“”·]+(?:[ \u3000]+[{HAN}“”·]+)*")
_SENTENCE = re.compile(r"[^。！？]*[。！？]+[”’]?|[^。！？]+$")


def curl_quotes(line: str) -> str:
    """'…' and "…" around Chinese made “…”, nested ones ‘…’."""
    chars, stack = list(line), []
    for pos, ch in enumerate(line):
        if ch not in "'\"":
            continue
        if (
            ch == "'"
            and 0 < pos < len(line) - 1
            and _LATIN.match(line[pos - 1])
            and _LATIN.match(line[pos + 1])
        ):
            continue  # an apostrophe
        if stack and line[stack[-1]] == ch:
            start = stack.pop()
            if re.search(f"[{HAN}]", line[start:pos]):
                chars[start], chars[pos] = ("“", "”") if not stack else ("‘", "’")
        else:
            stack.append(pos)
    return "".join(chars)


def split_sections(line: str) -> tuple[str, int]:
    """The line with paragraph breaks ("\\n\\n") where the text marks a section, and how many."""
    starts: dict[int, bool] = {}  # where a paragraph starts: may it begin with a title?
    for pattern, titled in _MARKERS.values():
        found = list(re.finditer(pattern, line))
        numbers = [m.group(1) for m in found]
        if {"一", "二"} <= set(numbers) or {"1", "2"} <= set(numbers):
            for m in found:
                starts[m.start() + len(m.group(0)) - len(m.group(0).lstrip(" \u3000"))] = titled
    if not any(starts.values()):
        starts.update(dict.fromkeys(_title_sentences(line), True))
    if not starts:
        return line, 0
    cuts = sorted(p for p in starts if p > 0)
    pieces = [line[a:b] for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)]
    paragraphs: list[str] = []
    for start, piece in zip([0, *cuts], pieces, strict=True):
        piece = piece.strip(" \u3000")
        if starts.get(start):
            paragraphs += _title_and_text(piece)
        elif piece:
            paragraphs.append(piece)
    return "\n\n".join(paragraphs), len(paragraphs) - 1


def _title_and_text(piece: str) -> list[str]:
    """一、强化组织引领。全区… → ["一、强化组织引领", "全区…"] when the first sentence is a title."""
    m = _STOP.search(piece)
    if not m or m.start() > 30 or re.search(r"[，,；;：:]", piece[: m.start()]) or piece[m.start()] != "。":
        return [piece]
    rest = piece[m.end() :].strip(" \u3000")
    return [piece[: m.start()], rest] if rest else [piece[: m.start()]]


def _title_sentences(line: str) -> list[int]:
    """Where short title-like sentences start: with a space inside, or a set of the same length."""
    found: list[tuple[int, str]] = []
    pos = 0
    sentences = [m.group(0) for m in _SENTENCE.finditer(line)]
    for i, sentence in enumerate(sentences):
        body = sentence.rstrip("。").strip(" \u3000")
        following = "".join(sentences[i + 1 : i + 4])
        if 0 < i and 4 <= len(body) <= 20 and _TITLE_BODY.fullmatch(body) and len(following) >= 60:
            found.append((pos + len(sentence) - len(sentence.lstrip(" \u3000")), body))
        pos += len(sentence)
    spaced = [p for p, body in found if re.search(r"[ \u3000]", body)]
    lengths = [len(body) for _, body in found if len(body) >= 6]
    paired = [p for p, body in found if len(body) >= 6 and lengths.count(len(body)) >= 2]
    return sorted(set(spaced) | set(paired))
