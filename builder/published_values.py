"""Published values: the strings of a YAML file that reach the public, with their key paths.

Internal postings (`audience: internal` in content/board/) never reach the public, so their values
are not walked. Used by the personal-number scan and the photo-consent check, so both look at
exactly the same values.
"""

from __future__ import annotations

from collections.abc import Iterator

from .load import SourceDoc


def is_internal(posting: object) -> bool:
    """True for a board posting shown only to party members (never published)."""
    return isinstance(posting, dict) and posting.get("audience") == "internal"


def published_strings(doc: SourceDoc, skip_keys: frozenset[str] = frozenset()) -> Iterator[tuple[tuple, str]]:
    """(key path, value) of every string in the file's data, minus internal postings and the
    strings under `skip_keys`."""
    stack: list[tuple[tuple, object]] = [((), doc.data)]
    if doc.path.startswith("content/board/") and isinstance(doc.data, list):
        stack = [((i,), p) for i, p in enumerate(doc.data) if not is_internal(p)]
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
