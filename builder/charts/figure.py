"""A chart beside a table of the same numbers: one <figure> written as a single HTML block (no
blank line inside, so Markdown passes it through untouched, builder/rawhtml.py)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from .svg import el


def table(head: Sequence[str], rows: Sequence[Sequence[object]], caption: str = "") -> Markup:
    """A data table: column headers, then one row per item with its first cell as the row's header."""
    # the figure's caption shows the title: the table's own is for screen readers
    cap = [el("caption", {"class": "gb-visually-hidden"}, caption)] if caption else []
    thead = el("thead", {}, el("tr", {}, *(el("th", {"scope": "col"}, h) for h in head)))
    body = [
        el("tr", {}, el("th", {"scope": "row"}, row[0]), *(el("td", {}, c) for c in row[1:])) for row in rows
    ]
    tbody = el("tbody", {}, Markup("\n").join(["", *body, ""]))
    return el("table", {"class": "gb-chart-table"}, *cap, thead, tbody)


def figure(
    ident: str, title: str, chart: Markup, data: Markup, summary: str = "查看数据表", stacked: bool = False
) -> Markup:
    """The chart with its title, and its numbers as a table in a <details> beside it (collapsed on
    phones; assets/charts.js opens it on wide screens and in elder mode). `stacked`: the table goes
    under the chart on every screen (a tree's table of long names is unreadable in a side column)."""
    css = "gb-chart gb-chart-stacked" if stacked else "gb-chart"
    return Markup("\n").join(
        [
            Markup(f'<figure class="{css}" id="{ident}">'),
            el("figcaption", {"class": "gb-chart-title"}, title),
            Markup('<div class="gb-chart-body">'),
            chart,
            Markup('<details class="gb-chart-data">'),
            el("summary", {}, summary),
            data,
            Markup("</details>"),
            Markup("</div>"),
            Markup("</figure>"),
        ]
    )
