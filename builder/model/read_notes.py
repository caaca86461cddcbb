"""Read notes: what a field type accepted but read its own way, told to the author as a warning.

A validator (model/base.py) knows the value it read but not where it stands in the file; the
validation of one record (model/validate.py) knows the file. So a validator calls `notice` with
the value as written, and `validate` collects them while the record is read and warns at each
place that value is written in the record: once per place, however often the value is read.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

_COLLECTED: ContextVar[list[tuple[Any, str, str]] | None] = ContextVar("gb_read_notes", default=None)


def notice(written: Any, zh: str, en: str) -> None:
    """Tell the author how `written` was read (kept only while a record is being validated)."""
    collected = _COLLECTED.get()
    if collected is not None:
        collected.append((written, zh, en))


@contextlib.contextmanager
def collecting() -> Iterator[list[tuple[Any, str, str]]]:
    """The notices given inside the block: (value as written, 中文, English)."""
    found: list[tuple[Any, str, str]] = []
    token = _COLLECTED.set(found)
    try:
        yield found
    finally:
        _COLLECTED.reset(token)


def places(data: Any, written: Any, key: tuple = ()) -> Iterator[tuple]:
    """Every key path in `data` (nested dicts and lists) whose value is exactly `written`."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield from places(v, written, key + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from places(v, written, key + (i,))
    elif type(data) is type(written) and data == written:
        yield key
