"""Personal numbers in free text: mainland ID cards, mobiles and bank cards are errors.

Every Markdown body and every free-text field of every content file (and site_config.yml) is
scanned, as written and as its reader sees it (reader_view.py: entities decoded, tags and
invisible characters gone), and so is the name of every file and folder under content/ (names
become web addresses). A number that must be public anyway is listed, per file and with a reason, in
content/public_numbers.yml. Not flagged: dates, grid and area codes (no valid birth date or a
known street code), landlines, and numbers already masked (138****1234).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .config import SiteConfig
from .load import Sources, field_path, load_yaml_file
from .memo import Memo, run
from .model.allowlist import PublicNumber
from .model.base import is_mobile, validate
from .model.content import Content
from .problems import Mark, Problems
from .published_values import PublishedFile, draft_files, published_files, published_strings
from .reader_view import hiding_places, may_hide, views

ALLOW_FILE = "content/public_numbers.yml"

_MOBILE = re.compile(r"(?<![\d*])(?:\+?86[ -]?)?(1[3-9]\d[ -]?\d{4}[ -]?\d{4})(?![\d*])")
_ID18 = re.compile(r"(?<![\dA-Za-z*])(\d{6}[ -]?\d{8}[ -]?\d{3}[\dXx])(?![\dA-Za-z*])")  # 6-8-4 may be spaced
_ID15 = re.compile(r"(?<![\d*])(\d{15})(?![\d*])")
_CARD = re.compile(r"(?<![\d*])(\d{4}(?:[ -]?\d{4}){2}[ -]?\d{4}(?:[ -]?\d{1,3})?)(?![\d*])")
_RUN = re.compile(r"\d{4}")
_CANDIDATE = re.compile(
    r"\d(?:[ -]?\d){10}"
)  # 11 digits, maybe grouped: the shortest number found  # strings without four digits in a row hold none of these: skip fast

# first two digits of a mainland ID: the province-level division
_PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
_PROVINCES |= {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91}
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CARD_PREFIX = re.compile(r"^(62|4|5[1-5]|2[2-7]|35|60|65|9)")

KIND_ZH = {"id": "身份证号", "mobile": "手机号", "card": "银行卡号"}
KIND_EN = {"id": "an ID-card number", "mobile": "a mobile number", "card": "a bank-card number"}


@dataclass(frozen=True)
class Found:
    """One personal number in one piece of text."""

    kind: str  # "id" | "mobile" | "card"
    number: str  # digits only (an ID may end in X)
    start: int  # offset in the text

    @property
    def masked(self) -> str:
        n = self.number
        if self.kind == "mobile":
            return n[:3] + "****" + n[-4:]
        if self.kind == "id":
            return n[:6] + "*" * (len(n) - 10) + n[-4:]
        return n[:4] + " **** " + n[-4:]


def digits_of(text: str) -> str:
    """'+86 138-0000-1111' → '13800001111'; an ID's X is kept (upper case)."""
    out = re.sub(r"[^\dXx]", "", text).upper()
    return out[2:] if len(out) == 13 and out.startswith("86") else out


def _valid_birth(text: str, today: dt.date) -> bool:
    try:
        born = dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= today


def is_id18(n: str, today: dt.date) -> bool:
    """An 18-character mainland ID: province, a real birth date, and the right check digit."""
    if int(n[:2]) not in _PROVINCES or not _valid_birth(n[6:14], today):
        return False
    total = sum(int(d) * w for d, w in zip(n[:17], _WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == n[17]


def is_id15(n: str, today: dt.date, street_codes: frozenset[str]) -> bool:
    """An old 15-digit ID (area + YYMMDD + sequence), born 1910–1999; not a grid code.

    Grid codes are 15 digits too (area 6 + street 3 + community 3 + grid 3): one that starts
    with a street code of this site is a code; a born-1900s reading is too unlikely to count."""
    if n[:9] in street_codes or int(n[:2]) not in _PROVINCES or int(n[6:8]) < 10:
        return False
    return _valid_birth("19" + n[6:12], today)


def is_luhn(n: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(n)):
        k = int(d) * (2 if i % 2 else 1)
        total += k - 9 if k > 9 else k
    return total % 10 == 0


# full-width digits and X (typed with a Chinese input method) read as ASCII; one character each,
# so offsets do not move
_HALF_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ－", "0123456789Xx-")
_FULL_WIDTH = re.compile("[０-９Ｘｘ－]")


def _half_width(text: str) -> str:
    """Full-width digits as ASCII (translate is slow: only when there is one)."""
    return text.translate(_HALF_WIDTH) if _FULL_WIDTH.search(text) else text


def find_numbers(text: str, today: dt.date, street_codes: frozenset[str] = frozenset()) -> list[Found]:
    """Every ID, mobile and bank-card number in `text` (full-width digits included)."""
    text = _half_width(text)
    if not _RUN.search(text):
        return []
    found: list[Found] = []
    taken: list[range] = []

    def add(kind: str, m: re.Match) -> None:
        span = range(m.start(1), m.end(1))
        if not any(span.start < t.stop and t.start < span.stop for t in taken):
            taken.append(span)
            found.append(Found(kind, digits_of(m.group(1)), m.start(1)))

    for m in _ID18.finditer(text):
        if is_id18(digits_of(m.group(1)), today):
            add("id", m)
    for m in _ID15.finditer(text):
        if is_id15(m.group(1), today, street_codes):
            add("id", m)
    for m in _CARD.finditer(text):
        n = digits_of(m.group(1))
        if 16 <= len(n) <= 19 and _CARD_PREFIX.match(n) and is_luhn(n):
            add("card", m)
    for m in _MOBILE.finditer(text):
        add("mobile", m)
    return sorted(found, key=lambda f: f.start)


def numbers_as_read(text: str, today: dt.date, street_codes: frozenset[str] = frozenset()) -> list[Found]:
    """find_numbers over the text as written and as its reader sees it (a number spelt with
    entities, tags or invisible characters between its digits); starts are offsets in `text`."""
    found = {(f.number, f.start): f for f in find_numbers(text, today, street_codes)}
    if may_hide(text):
        for view in views(text):
            for f in find_numbers(view.text, today, street_codes):
                start = view.source(f.start)
                found.setdefault((f.number, start), Found(f.kind, f.number, start))
    return sorted(found.values(), key=lambda f: f.start)


@dataclass(frozen=True)
class Hit:
    """A number found in a file: where, and in which field."""

    found: Found
    line: int
    column: int
    field: str
    draft: bool  # in a draft: a warning (it must go before publishing), not an error


@functools.cache
def _typed_line(keys: frozenset[str]):
    """A line that starts a typed field (a phone, a code): its number is checked by its type."""
    if not keys:
        return re.compile(r"(?!)")
    return re.compile(rf"^\s*(?:-\s+)?(?:{'|'.join(sorted(keys))})\s*:")


# what only the parsed values show: YAML escapes ("\u0031") and a number folded over two lines
_VALUES_ONLY = re.compile(r"\\|\n(?<=\d\n)[ \t]*\d")


def _doc_hits(file: PublishedFile, today: dt.date, codes: frozenset[str]) -> list[Hit]:
    """Hits in the YAML values (not in comments, nor in typed ids, codes and phones) and the body.

    The YAML text is read line by line, for the line and column; each number found is confirmed
    against the values, which give its field (a flow-style line may hold a phone field too). The
    values are walked only for a file with a hit, or with text that only they show in full."""
    doc, draft, typed_line = file.doc, file.draft, _typed_line(file.typed)
    hits: list[Hit] = []
    located: dict[str, list[tuple[int, Found]]] = {}
    lines = doc.text.split("\n") if doc.text else []
    for n in _lines_to_read(doc.text):
        if not typed_line.match(lines[n]):
            for f in numbers_as_read(_uncommented(lines[n]), today, codes):
                located.setdefault(f.number, []).append((n, f))
    if located or _VALUES_ONLY.search(doc.text):
        for number, entries in _numbers_in_values(file, today, codes).items():
            if number in located:  # each line's hit named by the value that holds that line
                starts = sorted(
                    (((m.line if (m := doc.mark(*key)) else 0), key) for key, _ in entries),
                    key=lambda s: s[0],
                )
                for n, f in located[number]:
                    key = _key_at(starts, n + 1 + doc.offset)
                    hits.append(Hit(f, n + 1 + doc.offset, f.start + 1, field_path(key), draft))
            else:  # written so that no line shows it whole: at the start of the value
                key, found = entries[0]
                mark = doc.mark(*key)
                hits.append(Hit(found, mark.line, mark.column, field_path(key), draft))
    body = doc.body
    in_body = []
    if body and (_CANDIDATE.search(_half_width(body)) or may_hide(body)):
        in_body = numbers_as_read(body, today, codes)
    if in_body:
        breaks = [m.start() for m in re.finditer("\n", body)]
        for f in in_body:
            n = bisect.bisect_left(breaks, f.start)
            column = f.start - (breaks[n - 1] + 1 if n else 0) + 1
            hits.append(Hit(f, doc.body_line + n, column, "正文 body", draft))
    return hits


def _lines_to_read(text: str) -> list[int]:
    """0-based numbers of the lines that may hold a number: eleven digits in a row (maybe
    grouped), or digits written some other way (C-speed passes; a clean line costs nothing)."""
    if not text:
        return []
    starts = [m.start() for m in _CANDIDATE.finditer(_half_width(text))]
    if may_hide(text):
        starts += hiding_places(text)
    lines, line, last = set(), 0, 0
    for pos in sorted(starts):
        line += text.count("\n", last, pos)
        lines.add(line)
        last = pos
    return sorted(lines)


def _uncommented(line: str) -> str:
    """The line without a trailing YAML comment (a '#' after a space, with no quote before it)."""
    m = re.search(r"(^|\s)#", line)
    if m and not re.search(r"[\"']", line[: m.start()]):
        return line[: m.start()]
    return line


def _numbers_in_values(file: PublishedFile, today: dt.date, codes: frozenset[str]) -> dict[str, list[tuple]]:
    """Number → every (key, Found) of it over the values that are published as text: not codes
    and phones (typed and checked elsewhere), nor anything the public does not see."""
    out: dict[str, list[tuple]] = {}
    for key, value in published_strings(file.doc, file.typed, file.public):
        if len(value) >= 6:
            for f in numbers_as_read(value, today, codes):
                out.setdefault(f.number, []).append((key, f))
    return out


def _key_at(starts: list[tuple[int, tuple]], line: int) -> tuple:
    """The key of the value that holds `line`: the last value starting on it or before it
    (`starts`: (first line, key), sorted by line)."""
    i = bisect.bisect_right([start for start, _ in starts], line) - 1
    return starts[max(i, 0)][1]


def load_allowed(root: Path, problems: Problems) -> list[PublicNumber]:
    """The entries of content/public_numbers.yml (none when the file does not exist)."""
    file = root / ALLOW_FILE
    if not file.is_file():
        return []
    doc = load_yaml_file(file, ALLOW_FILE, problems)
    if doc is None or doc.data is None:
        return []
    if not isinstance(doc.data, list):
        problems.add(
            ALLOW_FILE, doc.mark(), "", "这个文件应是一个列表：每一项以“- ”开头", "this file must be a list"
        )
        return []
    records = [validate(PublicNumber, item, doc, (i,), problems) for i, item in enumerate(doc.data)]
    return [r for r in records if r is not None]


def scan_personal_numbers(
    root: Path,
    sources: Sources,
    content: Content,
    config: SiteConfig,
    today: dt.date,
    problems: Problems,
    memo: Memo | None = None,
) -> frozenset[tuple[str, str]]:
    """Record every personal number not allowed; return the allowed (file, number) pairs, which
    pages may show whole (privacy.shown_office_phone)."""
    allowed = load_allowed(root, problems)
    allow = {(a.file.strip().lstrip("./"), digits_of(a.number)): a for a in allowed}
    used: set[tuple[str, str]] = set()
    codes = frozenset(s.code for org in content.of("org") for s in org.streets if s.code)
    drafts = draft_files(content)
    for file in published_files(sources, content, config):
        doc = file.doc
        hits = run(
            memo,
            ("numbers", doc.path, doc.text, doc.body, today, codes, file.typed, file.draft),
            lambda _found, file=file: _doc_hits(file, today, codes),
            problems,
        )
        for hit in hits:
            key = (doc.path, hit.found.number)
            if key in allow:
                used.add(key)
                continue
            _report(problems, doc.path, hit)
    for path, found, folder in _name_hits(root, today, codes):
        if (path, found.number) in allow:
            used.add((path, found.number))
        else:
            _report_name(problems, path, found, folder, path in drafts)
    _office_phones(content, allow, used, problems)
    for (file, number), entry in allow.items():
        if (file, number) not in used:
            problems.warn(
                *entry.at("number"),
                f"{file} 里没有号码“{number}”：这一条用不上了，可以删掉（或检查文件名和号码）",
                f"{file} does not contain {number}: the entry is unused",
            )
    return frozenset(allow)


def _report(problems: Problems, path: str, hit: Hit) -> None:
    f = hit.found
    zh_kind, en_kind = KIND_ZH[f.kind], KIND_EN[f.kind]
    how = {
        "id": "公开网站不能出现身份证号，请删去，或只写打码后的样子",
        "mobile": "个人手机号不能直接公开，请删去、改成打码写法或改用办公电话",
        "card": "公开网站不能出现银行卡号，请删去，或只写打码后的样子",
    }[f.kind]
    zh = (
        f"发现{zh_kind} {f.masked}：{how}（如 {f.masked}）。确需公开的，"
        f"请登记到 {ALLOW_FILE}（写明文件、号码和理由）"
    )
    en = f"{en_kind} ({f.masked}) in public text: remove or mask it, or list it in {ALLOW_FILE} with a reason"
    if hit.draft:
        problems.warn(path, Mark(hit.line, hit.column), hit.field, "草稿里" + zh + "；发布前必须处理", en)
    else:
        problems.add(path, Mark(hit.line, hit.column), hit.field, zh, en)


def _name_hits(root: Path, today: dt.date, codes: frozenset[str]):
    """(path, number, is a folder) for every file and folder under content/ whose name holds a
    personal number: names become web addresses, sitemap entries, home-page and search links."""
    content = root / "content"
    for folder, dirs, files in os.walk(content):  # links to folders are named, not followed
        dirs.sort()
        for name in (*dirs, *sorted(files)):
            for f in numbers_as_read(name, today, codes):
                path = (Path(folder) / name).relative_to(root).as_posix()
                yield path, f, name in dirs


def _report_name(problems: Problems, path: str, f: Found, folder: bool, draft: bool) -> None:
    what, what_en = ("文件夹名", "folder name") if folder else ("文件名", "file name")
    zh = (
        f"{what}里有{KIND_ZH[f.kind]} {f.masked}：文件名和文件夹名会成为网址，出现在站点地图、首页、"
        f"大屏和搜索里。请给这个{what[:-1]}改名，去掉号码"
    )
    en = f"{KIND_EN[f.kind]} ({f.masked}) in the {what_en}: names become web addresses; rename it"
    if draft:
        problems.warn(path, None, what + " " + what_en, "草稿的" + zh + "；发布前必须处理", en)
    else:
        problems.add(path, None, what + " " + what_en, zh, en)


def _office_phones(content: Content, allow, used: set, problems: Problems) -> None:
    """A mobile in an office's phone field is shown masked unless listed; say so once each."""
    for record, name in office_phone_fields(content):
        phone = getattr(record, name)
        if phone and is_mobile(phone):
            key = (record.src_path, phone)
            if key in allow:
                used.add(key)
                continue
            problems.warn(
                *record.at(name),
                f"手机号 {phone[:3]}****{phone[-4:]} 填在单位电话里，网站上会打码显示。"
                f"如确为公开的工作手机，请登记到 {ALLOW_FILE}（写明理由），或改填办公座机",
                f"a mobile in an office phone field is published masked; list it in {ALLOW_FILE} to show it",
            )


def office_phone_fields(content: Content):
    """(record, field name) of every phone that belongs to an office, not a person (each kind's
    `office_phones`)."""
    from .kinds.registry import KINDS  # the kinds import the models, which import load

    for kind in KINDS:
        if kind.office_phones is not None:
            yield from kind.office_phones(content.of(kind.id))
