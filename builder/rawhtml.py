"""Raw HTML blocks kept out of Python-Markdown's way.

Our page templates write most of a page as HTML blocks (team cards, fact lists, tables of
services). Python-Markdown passes such blocks through untouched, but first runs its HTML parser
over them, which was half of the per-page cost at district scale. `stash` swaps each top-level
HTML block for a one-line comment that Markdown passes through cheaply; `unstash` puts the blocks
back into the converted HTML. A block is stashed only where Markdown would leave it untouched
anyway: it starts a paragraph with a block-level tag, ends on a line that closes it, and is
followed by a blank line; anything else is left for Markdown. tests/test_rawhtml.py converts
every example page both ways and compares.
"""

from __future__ import annotations

import re

import markdown

_BLOCK_TAGS = set(markdown.Markdown().block_level_elements) - {"script", "style", "pre", "textarea", "math"}
_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>/]")
_TOKEN = "gb-raw-html"
_PLACEHOLDER = re.compile(rf"<!--{_TOKEN}:(\d+)-->")
_IDS = re.compile(r"""\sid=["']([^"']+)["']""")


def _depth_change(line: str, tag: str) -> int:
    opens = len(re.findall(rf"<{tag}[\s>]", line, flags=re.I))
    closes = len(re.findall(rf"</{tag}\s*>", line, flags=re.I))
    return opens - closes


def stash(text: str) -> tuple[str, list[str]]:
    """Markdown with top-level HTML blocks replaced by placeholders, and the blocks."""
    lines = text.split("\n")
    out: list[str] = []
    blocks: list[str] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        m = _START.match(line)
        if m and m.group(1).lower() in _BLOCK_TAGS and (i == 0 or not lines[i - 1].strip()):
            tag = m.group(1).lower()
            depth, j = 0, i
            while j < n:
                depth += _depth_change(lines[j], tag)
                if depth <= 0:
                    break
                j += 1
            closes_cleanly = depth == 0 and j < n and lines[j].rstrip().endswith(">")
            if closes_cleanly and (j + 1 == n or not lines[j + 1].strip()):
                out.append(f"<!--{_TOKEN}:{len(blocks)}-->")
                blocks.append("\n".join(lines[i : j + 1]))
                i = j + 1
                continue
        out.append(line)
        i += 1
    return "\n".join(out), blocks


def unstash(html: str, blocks: list[str]) -> str:
    """Put the stashed blocks back into converted HTML."""
    if not blocks:
        return html
    return _PLACEHOLDER.sub(lambda m: blocks[int(m.group(1))], html)


def anchor_ids(blocks: list[str]) -> set[str]:
    """Element ids inside the stashed blocks (links to them are checked like any other anchor)."""
    return {m.group(1) for block in blocks for m in _IDS.finditer(block)}
