"""Published values: the strings of a YAML file that reach the public, with their key paths.

What a kind does not publish (an internal posting: its kind's `public` says so) is not walked.
Used by the personal-number scan and the photo-consent check, so both look at exactly the same
values, in the same files: every file of every kind (kinds/registry.py) and site_config.yml.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .load import SourceDoc, Sources
from .model.content import Content
from .model.fields import typed_keys


@dataclass(frozen=True)
class PublishedFile:
    """A file whose values may be published: its typed keys (phones, codes: checked by their own
    type), which of its records the public sees, whether it is a draft (problems are warnings)."""

    doc: SourceDoc
    typed: frozenset[str]
    public: Callable[[object], bool]
    draft: bool


def published_files(sources: Sources, content: Content, config) -> list[PublishedFile]:
    """Every file of every kind, and site_config.yml (`config`: its record)."""
    from .kinds.registry import KINDS  # the kinds import the models, which import load

    drafts = draft_files(content)
    out = []
    if config.source_doc is not None:
        out.append(PublishedFile(config.source_doc, typed_keys(type(config)), lambda _: True, False))
    for kind in KINDS:
        typed = typed_keys(kind.model)
        out += [PublishedFile(d, typed, kind.public, d.path in drafts) for d in sources.of(kind.id)]
    return out


def draft_files(content: Content) -> set[str]:
    """Paths of the files that are drafts (their problems are warnings: not yet published)."""
    from .kinds.registry import KINDS

    return {
        getattr(r, "meta", r).src_path
        for kind in KINDS
        if kind.shape != "records"  # a list file holds published records beside any draft one
        for r in content.of(kind.id)
        if kind.draft(r)
    }


def published_strings(
    doc: SourceDoc, skip_keys: frozenset[str] = frozenset(), public: Callable[[object], bool] | None = None
) -> Iterator[tuple[tuple, str]]:
    """(key path, value) of every string in the file's data, minus the items of a list file that
    `public` refuses and the strings under `skip_keys`."""
    stack: list[tuple[tuple, object]] = [((), doc.data)]
    if public is not None and isinstance(doc.data, list):
        stack = [((i,), p) for i, p in enumerate(doc.data) if public(p)]
    while stack:
        key, value = stack.pop()
        if isinstance(value, dict):
            # a skipped key names a typed scalar (a phone, an id); a mapping under it is walked
            stack += [
                (key + (k,), v) for k, v in value.items() if k not in skip_keys or not isinstance(v, str)
            ]
        elif isinstance(value, list):
            stack += [(key + (i,), v) for i, v in enumerate(value)]
        elif isinstance(value, str):
            yield key, value
