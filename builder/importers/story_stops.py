"""Articles whose every stop was typed as an ASCII dot (some provincial sites publish this way).

In such a text `.` stands for 。, but also for 、 (全国.全区.全市) and ， (同时.全区…); the whole
article is often one line with its section titles run in, and quotes are ASCII. `restore_stops`
finds such a text (almost no 。, many dots after Chinese characters), decides every dot by the
rules below, curls the quotes and splits the paragraphs (story_sections.py), and says what it did
and which dots it could not decide, with the line. Any other text is returned unchanged.

Rules for one dot, in order (the dot's "segment before" runs back to the previous dot or mark):
- a section number (一. 二.) at a sentence start → 、
- the end of a line → 。
- an enumeration: a run of short items (1–6 Chinese characters) between dots, with ≥ 2 items in
  the middle, or 1 that shares its first or last character with its neighbours (全国.全区.全市) → 、
- before a number that repeats the previous count (56个城市社区.23个农村社区) → ，; before any
  other number → 。 (a decimal has digits on both sides and is never a candidate)
- after an opener (同时, 此外, 近年来, 一是 …) → ，; before 说-quotes (他说.'…') → ：
- before a short fragment (≤ 20 characters) opening with 并, 且, 也, 还, 又, 从而 … → ，
  (a longer one → 。, with a warning: Chinese sentences seldom open with these words)
- otherwise → 。; with a warning when what follows opens with a verb (no subject of its own:
  全市共划分网格526个.配备网格员580名 is one sentence), or when the segment between this dot and
  the next is a few characters only (逐级上报.限期办结.) and no list
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from dataclasses import dataclass

from bs4 import Comment, NavigableString, Tag

from .story_sections import curl_quotes, split_sections
from .story_text import HAN, count_han

_URL = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s\u3000-\u303f\uff00-\uffef\u4e00-\u9fff“”‘’'\"]*"
    r"|[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]*[A-Za-z]"
)
# a dot that may be a stop: after a Chinese character, a closing quote or bracket or %, before
# anything but another dot or a Latin letter (numbers after it are allowed: 社区.23个)
_CANDIDATE = re.compile(rf"(?<=[{HAN}'\"”’）)%])\.(?![.A-Za-z])")
_AFTER_LATIN = re.compile(rf"(?<=[A-Za-z0-9])\.(?=[{HAN}'\"])")
_WORD_END = re.compile(rf"[{HAN}A-Za-z]$")
_MARKS = re.compile(r"[，,、；;：:。！？!?\n]")
_SHORT_ITEM = re.compile(rf"[{HAN}]{{1,8}}")
_NUMERAL = re.compile(r"[一二三四五六七八九十]{1,3}")
_COUNT = r"(?:\d+(?:\.\d+)?[万亿]?(?:余|多)?)([个名户家项座条支所人次场件处栋间]|平方米|公里)"
_OPENERS = set(
    """同时 此外 另外 其中 目前 近年来 今年以来 去年以来 为此 据悉 据了解 据介绍 据统计 一方面 另一方面 首先 其次
    最后 然而 因此 所以 总之 近日 日前 截至目前 与此同时 下一步 接下来 如今 对此 随后 当天 当日 期间""".split()
)
_OPENER_RX = re.compile(r"(?:第[一二三四五六七八九十]{1,3}|[一二三四五六七八九十]{1,3}是)")
_CONNECTIVES = ("并且", "而且", "从而", "进而", "以便", "以及", "并", "且", "也", "还", "又")
_SPEECH = re.compile(r"(?:说|表示|介绍|指出|强调|坦言|感慨|告诉记者|提到|笑着说)$")
_SHOWN = 10  # undecided dots named one by one; the rest counted


@dataclass
class Doubt:
    """A dot that could not be decided: where, what it became, what else it may be."""

    line: int
    context: str
    chosen: str
    other: str


def dots(text: str) -> list[int]:
    """Positions of the dots that may be stops, outside web and e-mail addresses: after a Chinese
    character, a closing quote, a bracket or %, or after Latin letters or a number and before a
    Chinese character (APP.群众, 2025.3.1.活动) unless the number opens a list (1.加强…)."""
    spans = [(a, a + len(m.group(0).rstrip("."))) for m in _URL.finditer(text) for a in [m.start()]]
    found = [m.start() for m in _CANDIDATE.finditer(text)]
    for m in _AFTER_LATIN.finditer(text):
        word = re.search(r"[A-Za-z0-9]+$", text[: m.start()]).group(0)
        ahead = text[: m.start() - len(word)]
        if not (
            word.isdigit() and len(word) <= 2 and (not ahead.strip() or ahead[-1] in "。！？；.\n \u3000")
        ):
            found.append(m.start())
    return sorted(p for p in found if not any(a <= p < b for a, b in spans))


def is_dot_typed(text: str) -> bool:
    """Almost no 。 and many dots after Chinese characters: at least 5, and 1 per 200 characters."""
    found = len(dots(text))
    return found >= 5 and found >= count_han(text) / 200 and text.count("。") <= found // 10


def restore_stops(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The text with its stops, quotes and paragraphs restored, and notes (中文, English) for the
    author; a text that is not dot-typed comes back as it is, with no notes."""
    if not is_dot_typed(text):
        return text, []
    lines, made, doubts, splits = [], Counter(), [], 0
    for number, line in enumerate(text.split("\n"), 1):
        line, line_made, line_doubts = decide_line(line, number)
        line, line_splits = split_sections(curl_quotes(line))
        lines.append(line)
        made += line_made
        doubts += line_doubts
        splits += line_splits
    return "\n".join(lines), _notes(made, doubts, splits)


def decide_line(line: str, number: int = 1) -> tuple[str, Counter, list[Doubt]]:
    """One line with each candidate dot replaced; what each became, and the dots in doubt."""
    where = dots(line)
    if not where:
        return line, Counter(), []
    enumeration, enum_doubts = _enumerations(line, where)
    chars, made, doubts = list(line), Counter(), []
    for pos in where:
        mark, other = enumeration.get(pos) or _decide(line, pos)
        other = other or (enum_doubts.get(pos, "") if mark == "。" else "")
        if other:
            doubts.append(Doubt(number, _context(line, pos), mark, other))
        chars[pos] = mark
        made[mark] += 1
    return "".join(chars), made, doubts


def _decide(line: str, pos: int) -> tuple[str, str]:
    """The mark for the dot at `pos`, and what else it may be ("" when sure)."""
    before, after = _segment_before(line, pos), _segment_after(line, pos)
    rest = line[pos + 1 :]
    if _NUMERAL.fullmatch(before) and _at_sentence_start(line, pos - len(before)):
        return "、", ""
    if not rest.strip(" \u3000\r'\""):
        return "。", ""
    if rest[0].isdigit():
        return ("，", "") if _repeats_count(before, after) else ("。", "")
    if before in _OPENERS or _OPENER_RX.fullmatch(before):
        return "，", ""
    if _SPEECH.search(before):  # 他说.'…' → 他说：“…”; 他表示.下一步… → 他表示，下一步…
        return ("：", "") if rest[0] in "'\"" else ("，", "")
    if after.startswith(_CONNECTIVES):
        return ("，", "") if len(after) <= 20 else ("。", "，")
    if re.match(f"[{HAN}]", after) and _words(after)[0][1] == "v":  # no subject: the sentence may go on
        return "。", "，"
    return "。", ""


def _enumerations(line: str, where: list[int]) -> tuple[dict[int, tuple[str, str]], dict[int, str]]:
    """Dots between short items in a row: {position: ("、", "")}; and the dots around a short
    segment that is no list, which may be a clause rather than a sentence: {position: other mark}."""
    found: dict[int, tuple[str, str]] = {}
    doubts: dict[int, str] = {}
    runs: list[list[int]] = []  # item k lies between dots where[k-1] and where[k]
    for k in range(1, len(where)):
        if _is_item(line[where[k - 1] + 1 : where[k]]):
            if runs and runs[-1][-1] == k - 1:
                runs[-1].append(k)
            else:
                runs.append([k])
    for run in runs:
        # the last item may end its sentence (…A.B.C。): then the list is the run without it
        # and when the run is no list as a whole, a part of it may be one (全区 in 全国.全区.全市率先.…)
        marked = _list_dots(line, where, run) or (len(run) > 1 and _list_dots(line, where, run[:-1]))
        marked = marked or [p for k in run if len(run) > 1 for p in _list_dots(line, where, [k])]
        if marked:
            found.update(dict.fromkeys(marked, ("、", "")))
            continue
        for k in run:  # a sentence of a few characters is rare: the dots around it may be ， or 、
            if where[k] not in found:
                item = line[where[k - 1] + 1 : where[k]]
                doubts.setdefault(where[k - 1], "，")
                doubts.setdefault(where[k], "、" if _is_noun_phrase(item) else "，")
    return found, doubts


def _list_dots(line: str, where: list[int], run: list[int]) -> list[int]:
    """The dots of a list whose middle items are `run`: none if they do not look like one."""
    first_dot, last_dot = where[run[0] - 1], where[run[-1]]
    items = [line[where[k - 1] + 1 : where[k]] for k in run]
    before, after = _segment_before(line, first_dot), _segment_after(line, last_dot)
    listed = _ends_list(after)  # …A.B.C等问题
    if any(len(i) > 6 and not _is_noun_phrase(i) for i in items) and not listed:
        return []
    item, n = items[0], len(items[0])
    alike = _alike(before, item, after) or (_parallel(before[-n:], item) and _parallel(item, after[:n]))
    if len(run) == 1 and not (listed or alike or _nominal_list(before, items, after)):
        return [first_dot] if _parallel(before[-n:], item) else []  # 底数清.情况明.今年… → 、 then 。
    nouns = all(_is_noun_phrase(i) for i in items)
    chain = [*items, after[: len(items[-1])]]
    if len(run) >= 2 and not (
        listed or _nominal_list(before, items, after) or all(map(_parallel, chain, chain[1:]))
    ):
        return []
    dots_of_list = [where[k] for k in run]  # after each item: the list goes on into the next segment
    nouns = len(run) == 1 and _nominal_list(before, items, after)
    if listed or alike or nouns or _alike(before, items[0]) or _same_kind(before, items):
        dots_of_list.append(first_dot)  # the word before the first dot is an item too
    return dots_of_list


def _is_item(text: str) -> bool:
    """1–8 Chinese characters that are not an opener, a connective's clause or a speaker."""
    return (
        _SHORT_ITEM.fullmatch(text) is not None
        and text not in _OPENERS
        and not _OPENER_RX.fullmatch(text)
        and not text.startswith(_CONNECTIVES)
        and not _SPEECH.search(text)
    )


def _alike(before: str, item: str, after: str | None = None) -> bool:
    """Whether a short item between two dots and the words just outside them (the end of the
    segment before, and the start of the one after) look like one list: the same length, and the
    same first or last character (全国.全区.全市, 省级.市级.县级)."""
    n = len(item)
    words = [before[-n:], item] + ([after[:n]] if after is not None else [])
    if any(len(w) != n or not _SHORT_ITEM.fullmatch(w) for w in words):
        return False
    return len({w[0] for w in words}) == 1 or len({w[-1] for w in words}) == 1


def _nominal_list(before: str, items: list[str], after: str | None = None) -> bool:
    """Nouns in a row (学校.医院.银行纳入…): every item a noun phrase, the word before the first dot
    a noun, and (unless after is None) the words after the last dot start with a noun phrase."""
    if not items or not all(_is_noun_phrase(i) for i in items):
        return False
    last = _words(before)[-1:] if _WORD_END.search(before) else ()
    if not last or not _nounish(last[0][1]):
        return False
    if after is None:
        return True
    head = _words(after)[:2] if re.match(f"[{HAN}]", after) else ()
    return bool(head) and (
        _nounish(head[0][1]) or head[0][1][0] in "ab" or (len(head) == 2 and _nounish(head[1][1]))
    )


def _is_noun_phrase(text: str) -> bool:
    """A noun with its modifiers (困难家庭, 一支志愿者队伍, 快递小哥, 加装电梯), by jieba's parts of speech."""
    flags = [flag for _, flag in _words(text)]
    verbs = sum(1 for f in flags if f[0] == "v" and f != "vn")
    return bool(flags) and _nounish(flags[-1]) and verbs <= 1 and all(f[0] in "nabfsmqjv" for f in flags)


def _nounish(flag: str) -> bool:
    return flag[0] in "nj" or flag in ("vn", "eng")


def _parallel(a: str, b: str) -> bool:
    """Two phrases of one shape (人往网格走 / 钱往网格投, 底数清 / 情况明): the same length, and two
    characters the same in the same places, or the same parts of speech."""
    if len(a) != len(b) or len(a) < 3 or not (_SHORT_ITEM.fullmatch(a) and _SHORT_ITEM.fullmatch(b)):
        return False
    if sum(x == y for x, y in zip(a, b, strict=True)) >= 2:
        return True
    return _skeleton(a) == _skeleton(b)


def _skeleton(text: str) -> list[str]:
    coarse = {"n": "N", "j": "N", "v": "V", "a": "A", "t": "A", "d": "D", "p": "P", "m": "M", "q": "M"}
    return [("N" if _nounish(f) else coarse.get(f[0], f)) for _, f in _words(text)]


def _ends_list(after: str) -> bool:
    """The segment after the last dot closes a list: 休息等服务, 老旧小区改造等问题."""
    return re.match(f"[{HAN}]{{1,8}}等", after) is not None


def _same_kind(before: str, items: list[str]) -> bool:
    """The word before the first dot is the same part of speech as the items' last words."""
    last = _words(before)[-1:] if _WORD_END.search(before) else ()
    return bool(last) and all(_words(i)[-1][1] == last[0][1] for i in items)


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> tuple[tuple[str, str], ...]:
    """(word, part of speech) by jieba."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)  # jieba sets its logger to DEBUG on import
    return tuple((w.word, w.flag) for w in jieba.posseg.cut(text))


def _repeats_count(before: str, after: str) -> bool:
    """56个城市社区.23个农村社区: the number after the dot counts the same thing as one before it."""
    m = re.match(_COUNT, after)
    return bool(m) and any(unit.group(1) == m.group(1) for unit in re.finditer(_COUNT, before))


def _segment_before(line: str, pos: int) -> str:
    """The words between the dot at `pos` and the mark or candidate dot before it."""
    stops = _line_dots(line)
    start = pos
    while start > 0 and not _MARKS.match(line[start - 1]) and (start - 1) not in stops:
        start -= 1
    return line[start:pos].strip(" \u3000'\"“”‘’")


def _segment_after(line: str, pos: int) -> str:
    """The words between the dot at `pos` and the next mark or candidate dot."""
    stops = _line_dots(line)
    end = pos + 1
    while end < len(line) and not _MARKS.match(line[end]) and end not in stops:
        end += 1
    return line[pos + 1 : end].strip(" \u3000'\"“”‘’")


@functools.lru_cache(maxsize=8)
def _line_dots(line: str) -> frozenset[int]:
    return frozenset(dots(line))


def _at_sentence_start(line: str, start: int) -> bool:
    return start == 0 or line[start - 1] in ".。！？!?；; \u3000'\"”’"


def _context(line: str, pos: int) -> str:
    """About 12 characters around the dot, as the author typed them."""
    a, b = max(0, pos - 6), min(len(line), pos + 7)
    return ("…" if a else "") + line[a:b].strip() + ("…" if b < len(line) else "")


def restore_stops_in(root: Tag, by_paragraph: bool = False) -> list[tuple[str, str]]:
    """The same for a saved web page's article or a Word document, in place: the stops and quotes
    of each text node (its paragraphs stay as the page has them); dots in doubt are named by the
    page's source line, or with by_paragraph (Word) by the paragraph's number."""
    nodes = [n for n in root.find_all(string=True) if _is_text(n)]
    if not is_dot_typed("\n".join(nodes)):
        return []
    paragraphs = root.find_all(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th"])
    made, doubts = Counter(), []
    for node in nodes:
        block = node.find_parent(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th"])
        where = (
            (paragraphs.index(block) + 1 if block in paragraphs else 0)
            if by_paragraph
            else node.parent.sourceline
        )
        fixed, node_made, node_doubts = decide_line(str(node), where or 0)
        fixed = curl_quotes(fixed)
        if fixed != node:
            node.replace_with(NavigableString(fixed))
        made += node_made
        doubts += node_doubts
    return _notes(made, doubts, 0, "段" if by_paragraph else "行")


def _is_text(node: NavigableString) -> bool:
    return (
        not isinstance(node, Comment) and node.parent.name not in ("script", "style") and bool(node.strip())
    )


def _notes(made: Counter, doubts: list[Doubt], splits: int, unit: str = "行") -> list[tuple[str, str]]:
    total = sum(made.values())
    kinds = "、".join(f"“{mark}” {made[mark]} 处" for mark in "。、，：" if made[mark])
    kinds_en = ", ".join(f"{made[mark]} × {mark}" for mark in "。、，：" if made[mark])
    zh = (
        f"这篇文章的句号都打成了英文点“.”：已改为 。、，共 {total} 处（{kinds}）"
        + (f"，并按文中的“一、”“（一）”等标记和小标题分成了段落（新分 {splits} 处）" if splits else "")
        + "；请对照原文核对"
        + ("，尤其是下面列出的几处" if doubts else "")
    )
    en = f"every stop was typed as '.': {total} dots restored ({kinds_en})" + (
        f", {splits} paragraph breaks added at section markers and titles" if splits else ""
    )
    notes = [(zh, en + "; please check against the original")]
    for d in doubts[:_SHOWN]:
        notes.append(
            (
                f"第 {d.line} {unit}“{d.context}”：这个“.”改成了“{d.chosen}”，也可能应是“{d.other}”，请核对",
                f"{'line' if unit == '行' else 'paragraph'} {d.line} “{d.context}”: this '.' became '{d.chosen}'; it may be '{d.other}': please check",
            )
        )
    if len(doubts) > _SHOWN:
        more = len(doubts) - _SHOWN
        notes.append(
            (f"另有 {more} 处“.”同样拿不准，请通读全文核对", f"{more} more dots in doubt: please read it all")
        )
    return notes
