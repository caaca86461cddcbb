"""Round-trip YAML: load a content file so that writing it back keeps every comment and hand-added
field, byte for byte where nothing changed (ruamel.yaml, with our files' indentation)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedBase, CommentedMap, CommentedSeq
from ruamel.yaml.tokens import CommentToken

__all__ = ["CommentedMap", "CommentedSeq", "dump", "load", "loads", "wrap"]


def _yaml(offset: int = 2) -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096  # never fold a long line the author wrote on one
    # `team:\n    - role: …` as our files write it (offset 2), or `team:\n  - role: …` (PyYAML's, 0)
    y.indent(mapping=2, sequence=2 + offset, offset=offset)
    return y


def guess_offset(text: str) -> int:
    """How far a file indents a list's `- ` under its key: 2 (ours) or 0 (PyYAML's default)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    for key, item in zip(lines, lines[1:], strict=False):
        if key.rstrip().endswith(":") and item.lstrip().startswith("- "):
            return max(0, (len(item) - len(item.lstrip())) - (len(key) - len(key.lstrip())))
    return 2


def loads(text: str):
    return _yaml().load(text)


def load(path: Path):
    return loads(path.read_text(encoding="utf-8-sig"))


def dump(data, offset: int = 2) -> str:
    """Text of `data`, lists indented by `offset` (see guess_offset). A top-level list is written
    `- id: …` from column 0, as the grid files are: ruamel indents every level alike, so with an
    offset it is dumped indented and shifted back, its end-of-line comments with it."""
    out = io.StringIO()
    shift = offset if isinstance(data, list) else 0
    if shift:
        _shift_comments(data, shift)
    try:
        _yaml(offset).dump(data, out)
    finally:
        if shift:
            _shift_comments(data, -shift)
    text = out.getvalue()
    if shift:
        pad = " " * shift
        text = "\n".join(line[shift:] if line.startswith(pad) else line for line in text.split("\n"))
    return text


def _shift_comments(node, n: int) -> None:
    """Move end-of-line comments n columns (full-line comments start with a newline: left alone)."""
    if not isinstance(node, CommentedBase):
        return
    for entry in node.ca.items.values():
        for token in _tokens(entry):
            if not token.value.startswith("\n"):
                token.column += n
    for child in node.values() if isinstance(node, dict) else node:
        _shift_comments(child, n)


def _tokens(entry):
    for item in entry if isinstance(entry, list) else [entry]:
        if isinstance(item, CommentToken):
            yield item
        elif isinstance(item, list):
            yield from _tokens(item)


def wrap(value):
    """Plain data (from PyYAML) as round-trip nodes, so the same code can change either."""
    if isinstance(value, dict):
        return CommentedMap((k, wrap(v)) for k, v in value.items())
    if isinstance(value, list):
        return CommentedSeq(wrap(v) for v in value)
    return value


_ITEM = re.compile(r"^-(?: |$)")
_ITEM_ID = re.compile(r"^- id:\s*['\"]?([^'\"#\s]+)")


def split_items(text: str) -> tuple[str, list[str], list[str | None]] | None:
    """A top-level list's text cut at its items (`- ` at column 0): (head, item texts, their ids).

    An item's text runs to the next item, comments before that included. Lets a change to one grid
    parse and write only that grid's lines instead of a whole file of hundreds. None when the text
    is not a plain block list of `- id:` items."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if _ITEM.match(line)]
    if not starts:
        return None
    head = "".join(lines[: starts[0]])
    if any(line.strip() and not line.lstrip().startswith("#") for line in lines[: starts[0]]):
        return None  # something other than comments before the list
    chunks = ["".join(lines[a:b]) for a, b in zip(starts, starts[1:] + [len(lines)], strict=True)]
    ids = [m.group(1) if (m := _ITEM_ID.match(c)) else None for c in chunks]
    return head, chunks, ids
