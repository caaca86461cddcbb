"""Round-trip YAML: load a content file so that writing it back keeps every comment and hand-added
field, byte for byte where nothing changed (ruamel.yaml, with our files' indentation)."""

from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedBase, CommentedMap, CommentedSeq
from ruamel.yaml.tokens import CommentToken

__all__ = ["CommentedMap", "CommentedSeq", "dump", "load", "loads"]


def _yaml() -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096  # never fold a long line the author wrote on one
    y.indent(mapping=2, sequence=4, offset=2)  # `team:\n    - role: …` as our files write it
    return y


def loads(text: str):
    return _yaml().load(text)


def load(path: Path):
    return loads(path.read_text(encoding="utf-8-sig"))


def dump(data) -> str:
    """Text of `data`. A top-level list is written `- id: …` from column 0, as the grid files are:
    ruamel indents every level alike, so it is dumped indented and shifted back, comments with it."""
    out = io.StringIO()
    top_list = isinstance(data, list)
    if top_list:
        _shift_comments(data, 2)
    try:
        _yaml().dump(data, out)
    finally:
        if top_list:
            _shift_comments(data, -2)
    text = out.getvalue()
    if top_list:
        text = "\n".join(line[2:] if line.startswith("  ") else line for line in text.split("\n"))
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
