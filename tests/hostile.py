"""Hostile text planted into every string field of every kind, found by walking the models.

`plant(site, payload_for)` rewrites a copy of a site: every text field (the models' `Text`) of
site_config.yml, the YAML files and the Markdown front matter gets a value made by
`payload_for(n)`, wrapped in markers ⟦n⟧ … ⟦/n⟧ so that each can be found again in the outputs.
Fields whose value other data must match (checklist items named in site_config.yml, a screen's
page) are put back after a check reports them: such a value is a reference, not text the public
reads. `published_texts(out)` returns, per marker, every complete occurrence in the built HTML, as
text (tag text and attribute values, after parsing).

Fields marked PRIVATE (model/base.py: a wish's `note:`, the office's own) get a canary instead,
`gbprivate<n>x` followed by the payload, kept apart in `Planted.private`: they are never
published, so `private_leaks(out)` must find none of them in any output file.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from pydantic import BaseModel

from builder import pipeline
from builder.config import SiteConfig
from builder.kinds.registry import KINDS
from builder.model.base import Published
from builder.problems import ContentError
from builder.report import Report

# where each kind's files live, and the model of one file (a list: one record per item): from
# the registry, so a new kind is planted into as soon as it is registered
FILES: list[tuple[str, type[BaseModel], bool]] = [
    (pattern, k.model, k.shape == "records") for k in KINDS if k.shape != "markdown" for pattern in k.files
]
FRONT_MATTER = [(pattern, k.model) for k in KINDS if k.shape == "markdown" for pattern in k.files]
MARKER = re.compile(r"⟦(\d+)⟧(.*?)⟦/\1⟧", re.S)


@dataclass
class Planted:
    """Where each marker was planted: n → (file, field path, value, is_markdown)."""

    where: dict[int, tuple[str, str, str, bool]] = field(default_factory=dict)
    reverted: list[tuple[str, str]] = field(default_factory=list)
    private: dict[int, tuple[str, str, str]] = field(default_factory=dict)  # n → (file, path, value)


TEXT = object()  # free text the public reads (the types marked TEXT or MARKDOWN), as opposed to
# ids, phones, media paths, dates …
PRIVATE = object()  # text the office keeps and never publishes (the types marked PRIVATE)
PRIVATE_CANARY = re.compile(rb"gbprivate\d+x")


def _form(annotation, metadata=()) -> str | None:
    """How the public meets a field, from the Published marker its type carries (model/base.py)."""
    for m in metadata:
        if isinstance(m, Published):
            return m.form
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *meta = typing.get_args(annotation)
        return _form(inner, meta)
    if origin in (typing.Union, __import__("types").UnionType):
        return next((f for a in typing.get_args(annotation) if (f := _form(a))), None)
    return None


def _is_text(metadata) -> bool:
    return _form(str, metadata) in ("text", "markdown")


def _unwrap(annotation, metadata=()):
    """Text / Annotated[…] / X | None → TEXT, a model, list[…] or dict[…]."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *meta = typing.get_args(annotation)
        return _unwrap(inner, (*metadata, *meta))
    if annotation is str:
        if _form(str, metadata) == "private":
            return PRIVATE
        return TEXT if _is_text(metadata) else str
    if origin in (typing.Union, __import__("types").UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0], metadata) if len(args) == 1 else annotation
    return annotation


def _max_length(annotation, metadata=()) -> int | None:
    """The longest text the field takes (model.base: TEXT_MAX, PARAGRAPH_MAX …), None if unbounded."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation, *meta = typing.get_args(annotation)
        metadata = (*metadata, *meta)
    for m in metadata:
        found = getattr(m, "max_length", None) or _max_length(str, getattr(m, "metadata", ()))
        if found:
            return found
    return None


def _opened(html: str) -> list[str]:
    """Elements removed with their content that `html` opens and never closes (innermost last)."""
    from builder.sanitize import _RAW_TEXT

    open_tags = []
    for closing, tag in re.findall(r"<(/?)([a-z]+)\b", html):
        if tag in _RAW_TEXT:
            if closing and tag in open_tags:
                open_tags.remove(tag)
            elif not closing:
                open_tags.append(tag)
    return open_tags[::-1]


def _is_markdown(info) -> bool:
    return _form(info.annotation, info.metadata) == "markdown"


def _is_path(info) -> bool:
    return _form(info.annotation, info.metadata) == "media"


class _Planter:
    def __init__(self, payload_for, planted: Planted):
        self.payload_for, self.planted, self.n = payload_for, planted, 0
        self.originals: dict[tuple[str, str], object] = {}

    def text(self, rel: str, path: str, old, markdown: bool, limit: int | None = None):
        if not isinstance(old, str) or not old.strip():
            return old
        self.n += 1
        payload = self.payload_for(self.n)
        room = (limit or len(payload) + 99) - len(f"⟦{self.n}⟧⟦/{self.n}⟧")
        if len(payload) > room:  # a bounded field: a window of the payload that fits, moved along
            start = (self.n * room) % len(payload)  # with n, so every part is planted somewhere whole
            payload = (payload + payload)[start : start + room].strip()
        value = f"⟦{self.n}⟧{payload}⟦/{self.n}⟧"
        if markdown:  # a Markdown text must close what it opens, or the rest of it is lost (H4a)
            value += "".join(f"</{t}>" for t in _opened(payload))
        self.planted.where[self.n] = (rel, path, value, markdown)
        self.originals[(rel, path)] = old
        return value

    def private(self, rel: str, path: str, old, limit: int | None = None):
        """A canary (and the payload, as room allows) in a field that is never published."""
        if not isinstance(old, str) or not old.strip():
            return old
        n = len(self.planted.private) + 1
        canary = f"gbprivate{n}x"
        value = f"{canary} {self.payload_for(n)}"[: limit or None].strip()
        self.planted.private[n] = (rel, path, value)
        return value

    def walk(self, rel: str, path: str, data, annotation, markdown=False, metadata=()):
        """`data` with every text value (per `annotation`) replaced."""
        limit = _max_length(annotation, metadata)
        annotation = _unwrap(annotation, metadata)
        origin = typing.get_origin(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(data, dict):
            out = dict(data)
            fields = {info.alias or name: info for name, info in annotation.model_fields.items()}
            for key, value in data.items():
                info = fields.get(key)  # by the name written in the file (`for`, not `for_`)
                if info is None or _is_path(info):
                    continue
                sub = f"{path}.{key}" if path else key
                out[key] = self.walk(rel, sub, value, info.annotation, _is_markdown(info), info.metadata)
            return out
        if origin is list and isinstance(data, list):
            (inner,) = typing.get_args(annotation)
            return [self.walk(rel, f"{path}[{i}]", v, inner, markdown) for i, v in enumerate(data)]
        if origin is dict and isinstance(data, dict):
            _, inner = typing.get_args(annotation)
            return {k: self.walk(rel, f"{path}.{k}", v, inner, markdown) for k, v in data.items()}
        if annotation is TEXT:
            return self.text(rel, path, data, markdown, limit)
        if annotation is PRIVATE:
            return self.private(rel, path, data, limit)
        return data


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def _files(site: Path, pattern: str) -> list[Path]:
    return sorted(site.glob(pattern))


def plant(site: Path, payload_for, today: dt.date, skip: set[tuple[str, str]] = frozenset()) -> Planted:
    """Plant a payload into every text field of the site (see the module's docstring)."""
    originals = {p: p.read_text(encoding="utf-8") for p in _all_files(site)}
    for _attempt in range(4):
        planted = Planted()
        planter = _Planter(payload_for, planted)
        for file, text in originals.items():
            file.write_text(text, encoding="utf-8")
        _plant_files(site, planter, skip)
        problems = _check(site, today)
        bad = {(p.path, p.field) for p in problems if p.severity == "error"}
        if not bad:
            planted.reverted = sorted(skip)
            return planted
        new = {
            (rel, path)
            for (rel, path, _v, _m) in planted.where.values()
            for (ppath, pfield) in bad
            if ppath == rel
            and (pfield == path or pfield.startswith(path + ".") or pfield.startswith(path + "["))
        }
        # a value that others must match (a checklist's items): its markers show in the message
        named = {int(n) for p in problems for n in re.findall(r"⟦(\d+)⟧", p.message)}
        new |= {planted.where[n][:2] for n in named if n in planted.where}
        if not new - set(skip):
            raise AssertionError(
                "planted text broke the site:\n" + "\n".join(p.format()[:300] for p in problems[:10])
            )
        skip = set(skip) | new
    raise AssertionError("could not plant")


def plant_unchecked(site: Path, payload_for) -> Planted:
    """Plant a payload into every text field, without checking or putting anything back (for
    payloads that must be reported, such as a personal number)."""
    planted = Planted()
    _plant_files(site, _Planter(payload_for, planted), set())
    return planted


def _all_files(site: Path) -> list[Path]:
    found = [site / "site_config.yml"]
    for pattern, _m, _l in FILES:
        found += _files(site, pattern)
    for pattern, _m in FRONT_MATTER:
        found += _files(site, pattern)
    return found


def _plant_files(site: Path, planter: _Planter, skip) -> None:
    def walk(rel, data, model, many):
        if many:
            return [planter.walk(rel, f"[{i}]", item, model) for i, item in enumerate(data or [])]
        return planter.walk(rel, "", data, model)

    def keep_skipped(rel, old, new):
        for (srel, spath), value in list(planter.originals.items()):
            if srel == rel and (srel, spath) in skip:
                _set(new, spath, value)
                planter.planted.where = {
                    n: w for n, w in planter.planted.where.items() if (w[0], w[1]) != (srel, spath)
                }
        return new

    config = site / "site_config.yml"
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    config.write_text(
        _dump(keep_skipped("site_config.yml", data, walk("site_config.yml", data, SiteConfig, False))),
        encoding="utf-8",
    )
    for pattern, model, many in FILES:
        for file in _files(site, pattern):
            rel = file.relative_to(site).as_posix()
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
            file.write_text(_dump(keep_skipped(rel, data, walk(rel, data, model, many))), encoding="utf-8")
    for pattern, model in FRONT_MATTER:
        for file in _files(site, pattern):
            rel = file.relative_to(site).as_posix()
            _, head, body = file.read_text(encoding="utf-8").split("---\n", 2)
            data = yaml.safe_load(head)
            new = keep_skipped(rel, data, walk(rel, data, model, False))
            file.write_text(f"---\n{_dump(new)}---\n{body}", encoding="utf-8")


def _set(data, path: str, value) -> None:
    """Set `data` at a field path such as `[0].team[1].name` or `site.name`."""
    keys = re.findall(r"\[(\d+)\]|\.?([^.\[]+)", path)
    target = data
    for i, (index, key) in enumerate(keys):
        k = int(index) if index else key
        if i == len(keys) - 1:
            target[k] = value
        else:
            target = target[k]


def _check(site: Path, today: dt.date):
    try:
        pipeline.check(site / "site_config.yml", today, Report())
    except ContentError as e:
        return list(e.problems.items)
    return []


def html_pages(out: Path):
    """(path relative to out, parsed page) for every built HTML page, one at a time (a planted
    site's pages parse slowly: a test that checks several things parses each page once)."""
    for file in sorted(out.rglob("*.html")):
        yield file.relative_to(out).as_posix(), BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def texts_of(doc: BeautifulSoup, found: dict[int, list[str]]) -> dict[int, list[str]]:
    """Add to `found` (marker → occurrences) every complete occurrence in one parsed page."""
    texts = [doc.get_text()]
    for tag in doc.find_all(True):
        texts += [v for v in tag.attrs.values() if isinstance(v, str)]
        texts += [" ".join(v) for v in tag.attrs.values() if isinstance(v, list)]
    for text in texts:
        for m in MARKER.finditer(text):
            found.setdefault(int(m.group(1)), []).append(m.group(0))
    return found


def published_texts(out: Path) -> dict[int, list[str]]:
    """Marker → every complete occurrence in the built HTML, as parsed text."""
    found: dict[int, list[str]] = {}
    for _rel, doc in html_pages(out):
        texts_of(doc, found)
    return found


def private_leaks(out: Path) -> list[str]:
    """Every output file (gzipped ones unpacked, such as Pagefind's index) whose name or bytes
    hold a canary planted into a PRIVATE field, with the canary."""
    import gzip

    found = []
    for file in sorted(out.rglob("*")):
        rel = file.relative_to(out).as_posix()
        data = rel.encode()
        if file.is_file():
            data += b"\n" + file.read_bytes()
            if file.read_bytes()[:2] == b"\x1f\x8b":
                data += b"\n" + gzip.decompress(file.read_bytes())
        found += [f"{rel}: {m.decode()}" for m in sorted(set(PRIVATE_CANARY.findall(data)))]
    return found
