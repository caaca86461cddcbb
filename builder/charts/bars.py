"""A bar chart: one bar per row (a month, a year), its length proportional to its number, the
number written at its end. Rows run down the page, so twelve months fit a phone's width."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from .figure import figure, table
from .svg import FONT, el, svg, text_width

ROW = 2.1 * FONT  # height of a row
BAR = 1.3 * FONT  # thickness of a bar
AREA = 7.5 * FONT  # length of the longest bar: twelve months fit a phone at elder mode's 24 px
PAD = 0.5 * FONT


@dataclass(frozen=True)
class Bar:
    """One bar: its label (1月, 2024年), its number, how the number is written (3 件, 4 星), and
    further cells for its row of the table."""

    label: str
    value: int
    shown: str = ""
    extra: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self.shown or str(self.value)


def bar_chart(
    ident: str,
    title: str,
    bars: Sequence[Bar],
    head: Sequence[str],
    desc: str = "",
    maximum: int | None = None,
) -> Markup:
    """The bars as a figure: the SVG (text alternative: `desc`, or every label with its number)
    and a table of the same numbers (`head`: the table's column headers)."""
    top = max([maximum or 0, *(b.value for b in bars)]) or 1
    label_w = max((text_width(b.label) for b in bars), default=0) + PAD * 2
    value_w = max((text_width(b.text) for b in bars), default=0) + PAD * 2
    width, height = label_w + AREA + value_w, len(bars) * ROW + PAD * 2
    shapes = [
        el("line", {"class": "gb-chart-axis", "x1": label_w, "y1": PAD, "x2": label_w, "y2": height - PAD})
    ]
    for i, b in enumerate(bars):
        middle = PAD + i * ROW + ROW / 2
        length = AREA * b.value / top
        shapes += [
            el(
                "text",
                {
                    "class": "gb-chart-label",
                    "x": label_w - PAD,
                    "y": middle,
                    "dy": "0.35em",
                    "text-anchor": "end",
                },
                b.label,
            ),
            el(
                "rect",
                {
                    "class": "gb-chart-bar",
                    "x": label_w,
                    "y": middle - BAR / 2,
                    "width": length,
                    "height": BAR,
                    "data-value": b.value,
                },
            ),
            el(
                "text",
                {"class": "gb-chart-value", "x": label_w + length + PAD, "y": middle, "dy": "0.35em"},
                b.text,
            ),
        ]
    desc = desc or "，".join(f"{b.label} {b.text}" for b in bars)
    chart = svg(f"{ident}-svg", width, height, title, desc, *shapes)
    rows = [(b.label, b.text, *b.extra) for b in bars]
    return figure(ident, title, chart, table(head, rows, caption=title))
