"""Memo: results of pure steps (parse a file, validate a record) kept between preview rebuilds.

A result is keyed on everything it depends on: the step, the file's path and its full text, so a
changed file can never hit an old entry. The problems a step found are kept with its result and
reported again on every run, as if the step had run. Entries not used in a run are dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from .problems import Problems


class Memo:
    def __init__(self) -> None:
        self._store: dict[Hashable, tuple[Any, Problems]] = {}
        self._used: set[Hashable] = set()

    def get(self, key: Hashable, compute: Callable[[Problems], Any], problems: Problems) -> Any:
        """compute(problems) once per key; replay its problems into `problems` on every call."""
        if key not in self._store:
            found = Problems()
            self._store[key] = (compute(found), found)
        self._used.add(key)
        result, found = self._store[key]
        problems.extend(found)
        return result

    def sweep(self) -> None:
        """Forget entries the last run did not use (files deleted or changed)."""
        self._store = {k: v for k, v in self._store.items() if k in self._used}
        self._used = set()


def run(memo: Memo | None, key: Hashable, compute: Callable[[Problems], Any], problems: Problems) -> Any:
    """compute(problems) through `memo`, or directly when there is none."""
    return compute(problems) if memo is None else memo.get(key, compute, problems)
