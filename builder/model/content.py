"""Source documents → typed records, every validation error recorded with its place."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TypeVar

from .. import markdown_limits
from ..load import SourceDoc, Sources, gc_paused
from ..memo import Memo, run
from ..problems import Mark, Problems
from .base import Record, validate
from .board import FreePage, Posting, Story
from .org import Grid, Org, Showcase, Studio
from .screens import Screen
from .services import ServiceFile

R = TypeVar("R", bound=Record)


@dataclass
class StoryDoc:
    """A story: front matter record, Markdown body, and where the body starts."""

    meta: Story
    body: str
    body_line: int
    slug: str  # file name without .md; unique across stories


@dataclass
class PageDoc:
    """A free page under content/pages/."""

    meta: FreePage
    body: str
    body_line: int
    slug: str  # path under pages/ without .md, e.g. brand/about


@dataclass
class Content:
    """Every record of the site, as written (not yet linked or checked across files)."""

    org: Org | None = None
    grids: list[Grid] = field(default_factory=list)
    showcases: list[Showcase] = field(default_factory=list)
    studios: list[Studio] = field(default_factory=list)
    services: list[ServiceFile] = field(default_factory=list)
    postings: list[Posting] = field(default_factory=list)
    stories: list[StoryDoc] = field(default_factory=list)
    pages: list[PageDoc] = field(default_factory=list)
    screens: list[Screen] = field(default_factory=list)
    # kinds of which some record could not be read: references to them are not checked,
    # so one mistake is not reported again as "unknown id" everywhere it is used
    incomplete: set[str] = field(default_factory=set)


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
    content = Content(incomplete=set(sources.failed))

    def _list_of(model, doc, problems):  # a file's records, reused while the same file is loaded
        return run(
            memo, ("list", model, id(doc)), lambda found: _list_of_records(model, doc, found), problems
        )

    def _mapping(model, doc, problems):
        return run(memo, ("map", model, id(doc)), lambda found: _mapping_record(model, doc, found), problems)

    if sources.org is not None:
        content.org = _mapping(Org, sources.org, problems)
        if content.org is None:
            content.incomplete.add("org")
    for attr, model in (("grids", Grid), ("showcases", Showcase), ("studios", Studio), ("board", Posting)):
        target = getattr(content, "postings" if attr == "board" else attr)
        for doc in getattr(sources, attr):
            records = _list_of(model, doc, problems)
            if records is None or None in records:
                content.incomplete.add(attr)
            target += [r for r in records or [] if r is not None]
    if sources.screens is not None:
        records = _list_of(Screen, sources.screens, problems)
        content.screens = [r for r in records or [] if r is not None]
    for doc in sources.services:
        record = _mapping(ServiceFile, doc, problems)
        if record is None:
            content.incomplete.add("services")
        else:
            content.services.append(record)
    for doc in sources.stories:
        meta = _mapping(Story, doc, problems)
        _check_body(doc, problems)
        if meta is not None:
            slug = PurePosixPath(doc.path).stem
            content.stories.append(StoryDoc(meta, doc.body, doc.body_line, slug))
    for doc in sources.pages:
        meta = _mapping(FreePage, doc, problems)
        _check_body(doc, problems)
        if meta is not None:
            slug = str(PurePosixPath(doc.path).relative_to("content/pages").with_suffix(""))
            content.pages.append(PageDoc(meta, doc.body, doc.body_line, slug))
        else:
            content.incomplete.add("pages")
    return content
