"""Photos of people without consent: such a file may be used nowhere but in its own person's record.

privacy.shown_photo decides whose photo may be published; a photo it withholds becomes a neutral
placeholder on the person's card. The same file used anywhere else (a story's cover, an image or
a link in any Markdown text, a showcase photo, an attachment, the logo) would be copied into the
site and shown, so every such use is an error at its own file and line. Uses are found the way
the build finds what to copy (assets.media_names: a `media/…` path anywhere in published text), so
nothing the build would copy is missed; a link to the file, or a copy of it under another name,
is recognised by where it leads and by its bytes.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from pydantic import BaseModel

from .assets import media_names
from .config import SiteConfig
from .load import SourceDoc, Sources, field_path
from .media import normalise
from .model.content import Content
from .model.org import Person
from .privacy import shown_photo
from .problems import Mark, Problems
from .published_values import PublishedFile, published_files, published_strings

_PERSON_PHOTO = re.compile(r"^\s*(?:-\s+)?photo\s*:", re.M)


@dataclass(frozen=True)
class Withheld:
    """A photo the site may not publish, and whose it is."""

    file: str  # as written in the person's photo field
    name: str
    where: str  # file:line of that field
    # why it is withheld, and how to allow it (a person's consent record by default)
    why: tuple[str, str] = ("", "")


def check_photo_uses(
    root: Path, sources: Sources, content: Content, config: SiteConfig, problems: Problems
) -> None:
    """Record an error (a warning in a draft) for every use of a withheld photo outside its record."""
    from .kinds.registry import KINDS  # the kinds import the models, which import load

    files = _Files(root / "content")
    people = [p for k in KINDS if k.people for p in _people(list(k.people(content.of(k.id))))]
    for person in people:
        if person.photo and shown_photo(person, config) is None:
            path, mark, _ = person.at("photo")
            files.withhold(
                person.photo, Withheld(person.photo, person.name, f"{path}:{mark.line if mark else '?'}")
            )
    own = {(p.src_path, p._key + ("photo",)) for p in people}
    for kind in KINDS:  # other photos of people (a wish's, without the consent of those on it)
        for record, key, whose in kind.withheld(content.of(kind.id)) if kind.withheld else ():
            path, mark, _ = record.at(*key)
            where = f"{path}:{mark.line if mark else '?'}"
            file = getattr(record, key[0]) if len(key) == 1 else _value(record, key)
            why = (
                f"照片上的人没有同意公开（{where} 没有写 consent: 日期）",
                f"the people on it have not consented ({where} has no consent: date)",
            )
            files.withhold(file, Withheld(file, whose, where, why))
            own.add((record.src_path, record._key + key))
    if not files.withheld:
        return
    for file in published_files(sources, content, config):
        for mark, fld, target in _uses(file, own):
            photo = files.withheld_at(target)
            if photo is not None:
                _report(problems, file.doc.path, mark, fld, target, photo, file.draft)


def _value(record: BaseModel, key: tuple) -> str:
    """The value at a key path inside a record (('fulfilled', 'photo', 'file'))."""
    value: object = record
    for part in key:
        value = getattr(value, part)
    return str(value)


def _people(value: object) -> Iterator[Person]:
    """Every person in a record, however deep (grid teams, studio secretaries, team leaders …)."""
    if isinstance(value, Person):
        yield value
    elif isinstance(value, BaseModel):
        for field in value.__dict__.values():
            if isinstance(field, (BaseModel, list)):
                yield from _people(field)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, (BaseModel, list)):
                yield from _people(item)


def _uses(file: PublishedFile, own: set[tuple[str, tuple]]):
    """(mark, field, media path) of every `media/…` path in the published values and the body of a
    file: not in comments, nor in people's own photo fields, nor in internal postings."""
    doc = file.doc
    text = doc.text
    # a line holding only a person's own `photo: media/…` is skipped here; `photo: {file: media/…}`
    # (a wish's photo, written in one line) is a use like any other
    if "\\" in text or re.search(r"^(?!\s*(?:-\s+)?photo\s*:\s*[^\s{]).*media/", text, re.M):
        lines = text.split("\n")
        for key, value in published_strings(doc, public=file.public):
            if (doc.path, key) not in own:
                for target in _targets(value):
                    yield _place(doc, lines, key, target), field_path(key), target
    for n, line in enumerate(doc.body.split("\n")) if "media/" in doc.body else ():
        for target in _targets(line):
            yield Mark(doc.body_line + n, line.find(target) + 1 or 1), "正文 body", target


def _targets(text: str) -> list[str]:
    """`media/…` paths as the build finds them to copy, also with entities and %-escapes decoded."""
    found = []
    for variant in {text, html.unescape(text)}:
        found += ["media/" + name for name in media_names(variant)]
    return found


def _place(doc: SourceDoc, lines: list[str], key: tuple, target: str) -> Mark | None:
    """The line of `target` in a YAML value: the first line from the value's start that shows it."""
    mark = doc.mark(*key)
    if mark is None:
        return None
    first = max(0, mark.line - 1 - doc.offset)
    for i in range(first, min(len(lines), first + 500)):
        if target in lines[i]:
            return Mark(i + 1 + doc.offset, lines[i].find(target) + 1)
    return mark  # written with escapes: at the start of the value


class _Files:
    """Withheld photos, known by their path, by the file on disk (a link to it, a hard link) and by
    their bytes (a copy under another name). The disk is asked only about files in use, and a
    photo's bytes are read only when a file in use has the same size."""

    def __init__(self, content_dir: Path):
        self.content_dir = content_dir.resolve()
        self.withheld: dict[str, Withheld] = {}  # by path under content/
        self._on_disk: dict[tuple[int, int], Withheld] | None = None  # by (device, inode)
        self._by_size: dict[int, list[tuple[Path, Withheld]]] = {}
        self._digests: dict[Path, str] = {}
        self._seen: dict[str, Withheld | None] = {}

    def withhold(self, target: str, photo: Withheld) -> None:
        self.withheld.setdefault(_rel(target), photo)

    def withheld_at(self, target: str) -> Withheld | None:
        """The withheld photo a media path shows, if it shows one."""
        if target not in self._seen:
            rel = _rel(target)
            photo = self.withheld.get(rel)
            if photo is None and (found := self._stat(rel)) is not None:
                file, st = found
                photo = self._disk().get((st.st_dev, st.st_ino))
                for other, owner in self._by_size.get(st.st_size, []) if photo is None else ():
                    if self._digest(other) == self._digest(file):
                        photo = owner
                        break
            self._seen[target] = photo
        return self._seen[target]

    def _stat(self, rel: str):
        """(file, stat) of an existing file inside content/, else None."""
        try:
            file = (self.content_dir / rel).resolve()
            if file.is_relative_to(self.content_dir) and file.is_file():
                return file, file.stat()
        except (OSError, ValueError):  # a NUL, a name too long: the media check names it
            pass
        return None

    def _disk(self) -> dict[tuple[int, int], Withheld]:
        if self._on_disk is None:
            self._on_disk = {}
            for rel, photo in self.withheld.items():
                if (found := self._stat(rel)) is not None:
                    file, st = found
                    self._on_disk.setdefault((st.st_dev, st.st_ino), photo)
                    self._by_size.setdefault(st.st_size, []).append((file, photo))
        return self._on_disk

    def _digest(self, file: Path) -> str:
        if file not in self._digests:
            self._digests[file] = hashlib.sha256(file.read_bytes()).hexdigest()
        return self._digests[file]


def _rel(target: str) -> str:
    """A media path as a path under content/: 'media/a%20b.jpg#x' → 'media/a b.jpg'."""
    return normalise(unquote(re.split(r"[#?]", target, maxsplit=1)[0]))


def _report(
    problems: Problems, path: str, mark: Mark | None, fld: str, target: str, photo: Withheld, draft: bool
) -> None:
    plain = normalise(unquote(html.unescape(target)))
    same = "" if plain == normalise(photo.file) else f"（与 {photo.file} 是同一张照片）"
    if photo.why[0]:
        zh = (
            f"“{target}”是{photo.name}的照片{same}，{photo.why[0]}：用在这里会被复制到网站上公开。"
            "请换一张图片，或先取得照片上的人的同意、在那里写上 consent: 日期"
        )
        en = f"'{target}' is {photo.name}'s photo: {photo.why[1]}; use another picture, or record consent there"
    else:
        zh = (
            f"“{target}”是{photo.name}的照片{same}，本人没有同意公开照片（{photo.where} 的 consent 里没有 photo）："
            "用在这里会被复制到网站上公开。请换一张图片，或先登记本人的书面同意"
            "（consent: {scope: [photo], date: 签字日期}）"
        )
        en = (
            f"'{target}' is the photo of {photo.name} ({photo.where}), who has not consented to publishing "
            "it: use another picture, or record their consent (consent.scope: [photo]) first"
        )
    if draft:
        problems.warn(path, mark, fld, "草稿里：" + zh + "；发布前必须处理", en)
    else:
        problems.add(path, mark, fld, zh, en)
