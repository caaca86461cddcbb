"""Linking: what every kind's cross-checks share. A Linker carries the problems, the media
checker and the catalog being built; kinds link in the registry's order, each adding its parts."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..config import SiteConfig
from ..media import MediaChecker
from ..model.base import Record
from ..problems import Problems
from .kind import Target

# references to what site_config.yml defines (it is read whole, or the build stops before linking)
ROLE = Target("角色", "role")
CHECKLIST = Target("标准清单", "checklist")
BOARD_CATEGORY = Target("公开类别", "board category")


def checklist_items(label: str) -> Target:
    """The items of one checklist of site_config.yml's standards."""
    return Target(f"“{label}”条目", "checklist item")


@dataclass
class Linker:
    """What a kind's link() reads and writes."""

    config: SiteConfig
    root: Path
    today: dt.date
    problems: Problems
    media: MediaChecker
    records: dict[str, list]  # kind id → its records as read (model.content.Content.records)
    incomplete: set[str]  # kinds with a file or record that could not be read
    catalog: object  # the Catalog being built: earlier kinds' parts are there

    def of(self, kind: str) -> list:
        return self.records.get(kind, [])

    def unknown(self, record: Record, key: tuple, target: Target, value: str, choices: Iterable) -> None:
        """Report a reference to an id that does not exist, with the closest one, unless the file
        that might hold it could not be read (that problem is reported already)."""
        if set(target.sources) & self.incomplete:
            return
        unknown(self.problems, record, key, target, value, choices, self.today)

    def ids(self, kind_zh: str, records: Iterable[Record], key: str = "id") -> dict:
        """The records by id; a repeated id is an error naming both places."""
        ids = Ids(kind_zh, self.problems)
        for r in records:
            ids.add(r, key)
        return ids.seen


def unknown(
    problems: Problems, record: Record, key: tuple, target: Target, value: str, choices, today: dt.date
) -> None:
    """Report an id not found, naming the closest one and some that exist. A personal number
    typed where an id belongs is shown masked: messages go to consoles and CI logs."""
    value = _masked(str(value), today)
    choices = list(choices)
    sample = "、".join(sorted(choices)[:8]) + ("……" if len(choices) > 8 else "")
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.75)
    guess, guess_en = (f"，是不是“{close[0]}”？", f" (did you mean '{close[0]}'?)") if close else ("。", "")
    problems.add(
        *record.at(*key),
        f"找不到{target.zh}“{value}”{guess}可用的编号有：{sample or '（无）'}",
        f"unknown {target.en} '{value}'{guess_en}; it must be one of the ids listed",
    )


def _masked(value: str, today: dt.date) -> str:
    from ..personal_numbers import find_numbers  # the scan's own rules (it imports the models)

    for found in reversed(find_numbers(value, today)):
        end = value.find(found.number[-4:], found.start) + 4
        value = value[: found.start] + found.masked + value[end:]
    return value


class Ids:
    """Collects ids of one kind and reports duplicates with both places."""

    def __init__(self, kind_zh: str, problems: Problems):
        self.kind_zh, self.problems, self.seen = kind_zh, problems, {}

    def add(self, record: Record, key: str = "id") -> None:
        value = getattr(record, key)
        if value in self.seen:
            first = self.seen[value]
            path, mark, fld = first.at(key)
            self.problems.add(
                *record.at(key),
                f"{self.kind_zh}编号“{value}”重复：{path}:{mark.line if mark else '?'} 已经用过，请换一个",
                f"duplicate id '{value}', already used at {path}:{mark.line if mark else '?'}",
            )
        else:
            self.seen[value] = record


def check_code(problems: Problems, record, parent_code: str | None, parent_zh: str) -> None:
    """A code (区划代码) starts with its parent's code."""
    code = getattr(record, "code", None)
    if code and parent_code and not code.startswith(parent_code):
        problems.add(
            *record.at("code"),
            f"代码“{code}”应以上级{parent_zh}“{parent_code}”开头（区6位+街道3位+社区3位+网格3位）",
            f"code '{code}' must start with its parent's code '{parent_code}'",
        )


def check_standards(link: Linker, record, met: dict[str, list[str]]) -> None:
    """Checklist items a record says it meets exist in site_config.yml's standards."""
    for key, items in met.items():
        std = link.config.standards.get(key)
        if std is None:
            link.unknown(record, ("standards", key), CHECKLIST, key, link.config.standards)
            continue
        for i, item in enumerate(items):
            if item not in std.items:
                link.unknown(record, ("standards", key, i), checklist_items(std.label), item, std.items)


_URL_PART = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def url_safe(slug: str) -> bool:
    """A file name that becomes a URL: lowercase ASCII letters, digits, '-' and '_' in every part."""
    return all(_URL_PART.match(part) for part in slug.split("/"))
