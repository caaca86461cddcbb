"""Story metadata lines: 发布日期 / 来源 / 记者 / 摄影 / 编辑 … as news sites and papers write them.

`parse_line` reads a whole paragraph that is nothing but such labels and values ("发布日期：2020-06-30
信息来源：济南日报", "（记者 张三 通讯员 李四）", "张三 摄", "责任编辑：王五"); a paragraph with
anything else in it is not metadata. `split_leading` and `split_trailing` find a by-line at the
start ("本报讯（记者 张三）…") or end ("…的答卷。文/图 记者 于大龙") of a paragraph of text.
Labels are recognised in simplified and traditional characters.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

_TRAD = dict(
    zip(
        "发时间来闻记报讯员约摄图责编辑审对终复监号体浏览数阅读点击访问关闭布",
        "發時間來聞記報訊員約攝圖責編輯審對終複監號體瀏覽數閱讀點擊訪問關閉佈",
        strict=True,
    )
)


@dataclass(frozen=True)
class _Label:
    kind: str  # date | source | both | author | photo | editor | junk
    needs_sep: bool  # a ':', '/' or space must follow ("图为…" is a caption, "图：张三" a by-line)
    anywhere: bool = False  # may follow other text directly ("…新闻记者 于大龙")


def _labels() -> dict[str, _Label]:
    out: dict[str, _Label] = {}
    for words, label in [
        ("发布日期 发布时间 发表日期 发表时间 发稿时间 更新时间 日期 时间", _Label("date", False)),
        ("信息来源 稿件来源 文章来源 新闻来源 来源", _Label("source", True)),
        ("文/图 图/文 文/摄 文、图 文图", _Label("both", False)),
        ("本报记者 特约通讯员 通讯员 记者", _Label("author", False, anywhere=True)),
        ("作者 撰稿 撰文 文字 文", _Label("author", True)),
        ("摄影 摄像 图片 图 摄", _Label("photo", True)),
        (
            "责任编辑 值班编辑 编辑 责编 主编 美编 审核 审校 校对 终审 初审 复审 监制 排版",
            _Label("editor", True),
        ),
        ("字号 字体 浏览次数 阅读次数 点击数 点击量 浏览量 访问量 阅读量", _Label("junk", True)),
        ("打印 关闭", _Label("junk", False)),
    ]:
        for w in words.split():
            out[w] = label
    return out


_LABELS = _labels()


def _pattern(word: str) -> str:
    return "".join(f"[{c}{_TRAD[c]}]" if c in _TRAD else re.escape(c) for c in word)


_LABEL_RX = re.compile(
    "|".join(f"(?P<l{i}>{_pattern(w)})" for i, w in enumerate(sorted(_LABELS, key=len, reverse=True)))
)
_LABEL_OF = {f"l{i}": _LABELS[w] for i, w in enumerate(sorted(_LABELS, key=len, reverse=True))}
_SEP_AFTER = re.compile(r"\s*[:：/]|\s+|$")
_BOUNDARY = set(" \u3000|｜丨,，;；、（(【[/:：")
_DATE = (
    r"(?P<y>\d{4}|\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?:\s*日)?"
    r"(?:\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{2})(?:\s*分)?(?:\s*[:：]\s*\d{2}(?:\s*秒)?)?)?"
    r"(?:\s*(?:星期|周)[一二三四五六日天])?"
)
_DATE_RX = re.compile(_DATE)
_NAME = re.compile(
    r"^(?:[\u3400-\u9fff]{2,4}|[\u3400-\u9fff]{1,6}(?:[·•][\u3400-\u9fff]{1,8})+|[A-Za-z][A-Za-z.'-]{1,30})$"
)
_BY_SUFFIX = re.compile(r"\s*/?\s*(摄影|摄|攝影|攝|供图|供圖|报道|報道|整理|撰稿)$")
_WRAP = {"（": "）", "(": ")", "【": "】", "[": "]"}


@dataclass
class Byline:
    """What metadata lines say."""

    date: dt.date | None = None
    source: str | None = None  # None: not said; "": said, but empty
    authors: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    editor: bool = False  # an editor / reviewer line: dropped, it is not the author

    @property
    def names_people(self) -> bool:
        """True when the line names an author or a photographer."""
        return bool(self.authors or self.photographers)

    def merge(self, other: Byline) -> None:
        """Take what `other` says that this does not say yet (names are added, without repeats)."""
        self.date = self.date or other.date
        self.source = self.source if self.source else other.source or self.source
        self.authors += [n for n in other.authors if n not in self.authors]
        self.photographers += [n for n in other.photographers if n not in self.photographers]


def parse_date(text: str) -> dt.date | None:
    """'2020-06-30', '2020年6月30日 10:00', '2020/6/30', '2020.06.30', '21-06-09 09:53' → a date."""
    m = _DATE_RX.fullmatch(text.strip())
    return _date_of(m) if m else None


def find_date(text: str) -> dt.date | None:
    """The first date anywhere in a text ('2020-06-30T08:00:00+08:00' → 2020-06-30)."""
    for m in re.finditer(r"(?<!\d)\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?!\d)", text):
        if day := parse_date(m.group(0)):
            return day
    return None


def _date_of(m: re.Match) -> dt.date | None:
    year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
    try:
        day = dt.date(year, int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return day if 1990 <= year <= 2100 else None


def parse_line(text: str, *, near_top: bool = False) -> Byline | None:
    """The metadata of a paragraph that holds nothing else; None for ordinary text.

    `near_top`: the paragraph is among the first few, where a bare date ("2020-06-30 10:00
    来源：济南日报") is the publish date."""
    s = re.sub(r"\s*/\s*", "/", text.strip())
    if s[:1] in _WRAP and s.endswith(_WRAP[s[0]]):
        s = s[1:-1].strip()
    if not s or len(s) > 150:
        return None
    found = Byline()
    if near_top and (m := _DATE_RX.match(s)) and s[m.end() :][:1] in ("", " ", "\u3000"):
        found.date = _date_of(m)
        if found.date is None:
            return None
        s = s[m.end() :].strip()
        if not s:
            return found
    if (m := _BY_SUFFIX.search(s)) and not _find_labels(s[: m.start()]):
        people = names(s[: m.start()])
        if not people:
            return None
        photo = m.group(1)[0] in "摄攝供"
        (found.photographers if photo else found.authors).extend(people)
        return found
    return found if _read_labels(s, found) else None


def _find_labels(s: str) -> list[tuple[int, int, _Label]]:
    out, i = [], 0
    while i < len(s):
        m = _LABEL_RX.match(s, i)
        if m:
            label = _LABEL_OF[m.lastgroup]
            at_boundary = i == 0 or s[i - 1] in _BOUNDARY or label.anywhere
            sep_ok = not label.needs_sep or _SEP_AFTER.match(s, m.end()) is not None
            if label.kind == "date" and not re.match(r"\s*[:：]?\s*(\d|$)", s[m.end() :]):
                sep_ok = False
            if at_boundary and sep_ok:
                out.append((i, m.end(), label))
                i = m.end()
                continue
        i += 1
    return out


def _read_labels(s: str, found: Byline) -> bool:
    """Fill `found` from 'label value label value …'; False unless the whole text is read so."""
    labels = _find_labels(s)
    if not labels:
        return False
    prefix = s[: labels[0][0]].strip()
    if prefix and not (labels[0][2].anywhere and _is_org(prefix)):
        return False
    if prefix:  # "济南日报记者 张三": the paper is the source
        found.source = found.source or prefix
    if len(labels) > 1 and labels[-1][2].kind == "photo" and not s[labels[-1][1] :].strip():
        labels = labels[:-1]  # "记者 张三 摄": the last 摄 says the names before it took the photos
    both = False  # "文/图" with no name: the names after it took both the text and the photos
    for k, (_, end, label) in enumerate(labels):
        stop = labels[k + 1][0] if k + 1 < len(labels) else len(s)
        value = s[end:stop]
        glued = k + 1 < len(labels) and labels[k + 1][2].anywhere and value[-1:] not in _BOUNDARY
        value = value.strip(" \u3000:：/|｜丨,，;；、")
        if label.kind == "date":
            if value:
                day = parse_date(value)
                if day is None:
                    return False
                found.date = found.date or day
        elif label.kind == "source":
            if len(value) > 30 or re.search(r"[。！？]", value):
                return False
            found.source = found.source or value.strip("[]【】 ")
        elif label.kind in ("author", "photo", "both"):
            if glued and _is_org(value):  # "山东商报·速豹新闻" before "记者": the source
                found.source = found.source or value
                value = ""
            photo_suffix = bool((m := _BY_SUFFIX.search(value)) and m.group(1)[0] in "摄攝供")
            value = _BY_SUFFIX.sub("", value)
            people = names(value) if value else []
            if people is None:
                return False
            if label.kind == "both" and not people:
                both = True
            if label.kind in ("author", "both"):
                found.authors += [n for n in people if n not in found.authors]
            if label.kind in ("photo", "both") or photo_suffix or (both and label.kind == "author"):
                found.photographers += [n for n in people if n not in found.photographers]
        elif label.kind == "editor":
            if len(value) > 40:
                return False
            found.editor = True
        elif len(value) > 30:  # junk: 字号、浏览次数 …
            return False
    return True


def _is_org(text: str) -> bool:
    return 0 < len(text) <= 20 and not re.search(r"[。！？，,；;：:]", text)


def names(value: str) -> list[str] | None:
    """'张三 李四' / '张三、李四' / '张三,李四' → names; None if it is not a list of names."""
    tokens = [t for t in re.split(r"[\s\u3000、,，;；/]+", value) if t]
    if not tokens or len(tokens) > 8 or not all(_NAME.match(t) for t in tokens):
        return None
    return tokens


def split_leading(text: str) -> tuple[str, Byline] | None:
    """'本报讯（记者 张三 通讯员 李四）6月20日…' → ('6月20日…', the by-line); None if there is none."""
    m = re.match(r"^(?:本[报報网網刊台]讯|本[报報网網刊台]訊)?\s*[（(]([^（）()]{2,60})[）)]\s*", text)
    if not m or not text[m.end() :].strip():
        return None
    found = parse_line(m.group(1))
    return (text[m.end() :], found) if found and found.names_people else None


def split_trailing(text: str) -> tuple[str, Byline] | None:
    """'…交出合格的答卷。文/图 记者 于大龙 通讯员 于飞' → ('…交出合格的答卷。', the by-line)."""
    ends = [m.end() for m in re.finditer(r"[。！？!?][”’」』）)]?", text)]
    if not ends:
        return None
    head, tail = text[: ends[-1]], text[ends[-1] :].strip()
    if not 2 <= len(tail) <= 60:
        return None
    found = parse_line(tail)
    return (head, found) if found and found.names_people and found.date is None else None
