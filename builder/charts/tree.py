"""A tree diagram, drawn as an indented outline with connecting lines: each level one step to the
right, so the names read top to bottom at any width (a district of 300 communities stays legible
on a phone, which a tree spread sideways would not)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from .figure import figure, table
from .svg import FONT, el, svg, text_width

ROW = 2 * FONT
STEP = 1.6 * FONT  # indent of a level
MARK = 0.6 * FONT  # the square before a name
PAD = 0.5 * FONT


@dataclass(frozen=True)
class Node:
    """One organisation: its name, a note (3 个社区, 党员 12 名), the ones under it, and a longer
    note for the table."""

    label: str
    note: str = ""
    children: tuple[Node, ...] = ()
    detail: str = ""  # the table's note, when it says more than the drawing has room for


def _walk(node: Node, depth: int = 0, parent: Node | None = None) -> Iterator[tuple[Node, int, Node | None]]:
    yield node, depth, parent
    for child in node.children:
        yield from _walk(child, depth + 1, node)


def describe(root: Node) -> str:
    """The tree in words: each organisation and the ones under it."""
    parts = [
        f"{n.label}下设 {len(n.children)} 个：" + "、".join(c.label for c in n.children)
        for n, _, _ in _walk(root)
        if n.children
    ]
    return "；".join(parts) or root.label


def tree_chart(ident: str, title: str, root: Node, head: Sequence[str] = ("组织", "上级", "说明")) -> Markup:
    """The tree as a figure: the SVG (its text alternative names every organisation under its
    parent) and a table with one row per organisation: its name, its parent, its note."""
    rows = list(_walk(root))
    place = {id(n): i for i, (n, _, _) in enumerate(rows)}
    shapes: list[Markup] = []
    width = 0.0
    for i, (node, depth, _) in enumerate(rows):
        x, middle = PAD + depth * STEP, PAD + i * ROW + ROW / 2
        if node.children:  # a line down from this one, and a stub to each one under it
            stem = x + MARK / 2
            last = PAD + place[id(node.children[-1])] * ROW + ROW / 2
            shapes.append(
                el(
                    "line",
                    {"class": "gb-chart-link", "x1": stem, "y1": middle + MARK / 2, "x2": stem, "y2": last},
                )
            )
            for child in node.children:
                y = PAD + place[id(child)] * ROW + ROW / 2
                shapes.append(
                    el("line", {"class": "gb-chart-link", "x1": stem, "y1": y, "x2": stem + STEP, "y2": y})
                )
        shapes.append(
            el(
                "rect",
                {
                    "class": "gb-chart-node",
                    "x": x,
                    "y": middle - MARK / 2,
                    "width": MARK,
                    "height": MARK,
                    "data-depth": depth,
                },
            )
        )
        label_x = x + MARK + PAD
        shapes.append(
            el("text", {"class": "gb-chart-label", "x": label_x, "y": middle, "dy": "0.35em"}, node.label)
        )
        end = label_x + text_width(node.label)
        if node.note:
            shapes.append(
                el("text", {"class": "gb-chart-note", "x": end + PAD, "y": middle, "dy": "0.35em"}, node.note)
            )
            end += PAD + text_width(node.note)
        width = max(width, end + PAD)
    chart = svg(f"{ident}-svg", width, len(rows) * ROW + PAD * 2, title, describe(root), *shapes)
    data = [(n.label, p.label if p else "—", n.detail or n.note) for n, _, p in rows]
    return figure(ident, title, chart, table(head, data, caption=title), stacked=True)
