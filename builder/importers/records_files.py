"""Record files: the content/<kind>/*.yml files a records ledger imports into, the records they hold
by id, and their new texts with the sheet's values merged in.

Only the records that change are read round-trip (ruamel.yaml) and written again, item by item
(yaml_roundtrip.split_items), so every comment and every field the sheet has no column for (a
photo, a consent's recorded_by, a member's offers) stays as it was; new records go at the end of
content/<kind>/<community id>.yml. A file that does not cut into items is written whole, round-trip.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problems
from . import yaml_roundtrip as rt
from .grid_merge import plain_data, set_ordered
from .records_ledger import Row, Spec, record_paths
from .site_files import Unreadable, fast_load


@dataclass
class Change:
    """One record the sheet adds (old_id None) or changes, and the row it comes from."""

    path: Path
    old_id: str | None
    updates: dict  # dotted field → value (None: removed)
    record: rt.CommentedMap  # the record as it will be (the fast copy, for new records the one written)
    row: Row
    before: rt.CommentedMap | None = None  # the record as the file has it (None: a new record)


class RecordFiles:
    """The files of one kind, read fast (PyYAML's C loader) to match and compare."""

    def __init__(self, root: Path, spec: Spec, problems: Problems):
        self.root, self.spec = root, spec
        self.by_id: dict[str, tuple[Path, rt.CommentedMap]] = {}
        self.by_natural: dict[tuple, str] = {}
        for path in record_paths(root, spec.kind):
            try:
                data = fast_load(path)
            except Unreadable as exc:  # the check will say where; the import cannot know its ids
                problems.add(
                    str(path.relative_to(root)),
                    None,
                    "",
                    f"这个文件不是有效的 YAML，请先修好：{exc}",
                    "invalid YAML: fix it first",
                )
                continue
            for record in data if isinstance(data, list) else []:
                if isinstance(record, dict) and record.get("id") is not None:
                    self.by_id.setdefault(str(record["id"]), (path, rt.wrap(record)))
                    self.by_natural.setdefault(spec.natural(record), str(record["id"]))

    def home(self, community: str) -> Path:
        """Where a new record of `community` goes: content/<kind>/<community id>.yml."""
        folder = self.root / "content" / self.spec.kind
        existing = folder / f"{community}.yaml"
        return existing if existing.is_file() else folder / f"{community}.yml"


def merge(record: rt.CommentedMap, updates: dict, spec: Spec) -> None:
    """Write dotted updates into a record in place: a value only where it differs (an unchanged
    sheet leaves a file byte for byte), a new key where spec.order puts it, None removes the key
    (and a block left empty). Keys of a block the sheet has no column for stay."""
    for key, value in updates.items():
        top, _, sub = key.partition(".")
        if not sub:
            _put(record, top, value, spec.order[""])
            continue
        block = record.get(top)
        if value is None:
            if isinstance(block, dict):
                _put(block, sub, None, ())
                if not block:
                    del record[top]
            continue
        if not isinstance(block, dict):
            block = rt.CommentedMap()
            if top in spec.flow:
                block.fa.set_flow_style()
            _put(record, top, block, spec.order[""])
        _put(block, sub, value, spec.order.get(top, ()))


def _put(target: rt.CommentedMap, key: str, value, order: tuple[str, ...]) -> None:
    if value is not None:
        set_ordered(target, key, value, order)
    elif key in target:
        del target[key]


def texts(root: Path, spec: Spec, changes: Iterable[Change]) -> dict[Path, str]:
    """The new text of each file the changes touch."""
    by_path: dict[Path, list[Change]] = {}
    for change in changes:
        by_path.setdefault(change.path, []).append(change)
    out = {}
    for path, mine in by_path.items():
        old = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
        text = _by_items(old, mine, spec) if old else None
        if text is None:
            text = _whole(old, mine, spec) if old else _new_file(spec, mine)
        out[path] = text
    return out


def _new_file(spec: Spec, changes: list[Change]) -> str:
    head = (
        f"# yaml-language-server: $schema=../../schemas/{spec.schema}.schema.json\n"
        f"# {spec.label}：每一项以“- id:”开头。由 gridboard import {spec.kind} 从台账导入，也可以直接修改。\n\n"
    )
    return head + "\n".join(rt.dump([c.record], 2) for c in changes)


def _by_items(text: str, changes: list[Change], spec: Spec) -> str | None:
    cut = rt.split_items(text)
    if cut is None:
        return None
    head, chunks, ids = cut
    offset = rt.guess_offset(text)
    for change in changes:
        if change.old_id is None:
            chunks[-1] += "" if chunks[-1].endswith("\n") else "\n"
            chunks[-1] += "" if chunks[-1].endswith("\n\n") else "\n"
            chunks.append(rt.dump([change.record], offset))
            continue
        if ids.count(change.old_id) != 1:
            return None
        i = ids.index(change.old_id)
        body = _body(chunks[i])
        item = rt.loads(body)
        if rt.dump(item, offset) != body:
            return None  # this item does not round-trip on its own: do the whole file
        merge(item[0], change.updates, spec)
        chunks[i] = rt.dump(item, offset) + chunks[i][len(body) :]
    return head + "".join(chunks)


def _body(chunk: str) -> str:
    """A record's own lines: without the blank and comment lines after it, which stay after it
    rather than after a key added at its end."""
    lines = chunk.splitlines(keepends=True)
    while len(lines) > 1 and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    return "".join(lines)


def _whole(text: str, changes: list[Change], spec: Spec) -> str:
    seq = rt.loads(text)
    if not isinstance(seq, list):
        seq = rt.CommentedSeq()
    by_id = {str(r.get("id")): r for r in seq if isinstance(r, dict)}
    for change in changes:
        if change.old_id is None or change.old_id not in by_id:
            seq.append(change.record)
        else:
            merge(by_id[change.old_id], change.updates, spec)
    return rt.dump(seq, rt.guess_offset(text))


def record_lines(text: str) -> list[tuple[int, int, str | None]]:
    """(first line, last line, id) of each record of a file's text, lines 1-based."""
    cut = rt.split_items(text)
    if cut is None:
        return []
    head, chunks, ids = cut
    out, line = [], head.count("\n") + 1
    for chunk, rid in zip(chunks, ids, strict=True):
        n = chunk.count("\n")
        out.append((line, line + max(n - 1, 0), rid))
        line += n
    return out


def changed(record: rt.CommentedMap, updates: dict, spec: Spec) -> tuple[rt.CommentedMap, bool]:
    """A copy of the record with the updates, and whether anything differs."""
    new = copy.deepcopy(record)
    merge(new, updates, spec)
    return new, plain_data(new) != plain_data(record)
