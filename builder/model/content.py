"""Source documents → typed records, every validation error recorded with its place."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from .. import markdown_limits
from ..load import SourceDoc, Sources, gc_paused
from ..memo import Memo, run
from ..problems import Mark, Problems
from .base import Record, validate

R = TypeVar("R", bound=Record)


@dataclass
class MarkdownDoc:
    """A Markdown file of a kind: front matter record, Markdown body, where the body starts."""

    meta: Any
    body: str
    body_line: int
    slug: str  # what its URL is made of: a story's file name, a free page's path under pages/


@dataclass
class StoryDoc(MarkdownDoc):
    """A story; its slug (file name without .md) is unique across stories."""


@dataclass
class PageDoc(MarkdownDoc):
    """A free page under content/pages/; its slug is its path there without .md, e.g. brand/about."""


@dataclass
class Content:
    """Every record of the site, as written (not yet linked or checked across files), by kind id:
    a `records` kind's records, a `file` kind's one record per file, a `markdown` kind's
    MarkdownDoc per file."""

    records: dict[str, list] = field(default_factory=dict)
    # kinds of which some record could not be read: references to them are not checked,
    # so one mistake is not reported again as "unknown id" everywhere it is used
    incomplete: set[str] = field(default_factory=set)

    def of(self, kind: str) -> list:
        return self.records.get(kind, [])


def _list_of_records(model: type[R], doc: SourceDoc, problems: Problems) -> list[R | None] | None:
    """The file's records (None for one that could not be read); None if the file is no list."""
    data = doc.data
    if data is None:
        return []
    if not isinstance(data, list):
        problems.add(
            doc.path,
            doc.mark(),
            "",
            "这个文件应是一个列表：每一项以“- ”开头",
            "this file must be a list: each entry starts with '- '",
        )
        return None
    return [validate(model, item, doc, (i,), problems) for i, item in enumerate(data)]


def _check_body(doc: SourceDoc, problems: Problems) -> None:
    """A story's or page's Markdown body within markdown_limits, before Markdown ever reads it."""
    found = markdown_limits.problem(doc.body)
    if found:
        line, zh, en = found
        problems.add(doc.path, Mark(doc.body_line + line, 1), "正文 body", zh, en)


def _mapping_record(model: type[R], doc: SourceDoc, problems: Problems) -> R | None:
    if not isinstance(doc.data, dict):
        problems.add(doc.path, doc.mark(), "", "这个文件应是一组“字段: 值”", "this file must be a mapping")
        return None
    return validate(model, doc.data, doc, (), problems)


@gc_paused()
def read_content(sources: Sources, problems: Problems, memo: Memo | None = None) -> Content:
    """Validate every source document as its kind's record type."""
    from ..kinds.registry import KINDS

    content = Content(incomplete=set(sources.failed))

    def _list_of(model, doc, problems):  # a file's records, reused while the same file is loaded
        return run(
            memo, ("list", model, id(doc)), lambda found: _list_of_records(model, doc, found), problems
        )

    def _mapping(model, doc, problems):
        return run(memo, ("map", model, id(doc)), lambda found: _mapping_record(model, doc, found), problems)

    for kind in KINDS:
        out = content.records.setdefault(kind.id, [])
        for doc in sources.of(kind.id):
            if kind.shape == "records":
                records = _list_of(kind.model, doc, problems)
                found = [r for r in records or [] if r is not None]
                ok = records is not None and len(found) == len(records)
            else:
                meta = _mapping(kind.model, doc, problems)
                if kind.shape == "markdown":
                    _check_body(doc, problems)
                found = [meta] if meta is not None else []
                if meta is not None and kind.shape == "markdown":
                    found = [kind.document(meta, doc.body, doc.body_line, kind.slug(doc.path))]
                ok = meta is not None
            out += found
            if not ok:
                content.incomplete.add(kind.id)
    return content
