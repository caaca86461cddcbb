"""What a content kind declares, in one value: its files, its record model, how it is linked to
the other kinds, its address, its pages, its screen slides and its navigation entry.

Every stage loops over the registry (kinds/__init__.py) and asks each kind; a stage never names a
kind. Adding a kind is one module here, its templates and its docs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from ..catalog import Catalog
    from .linking import Linker

# how a kind's files are written
#   records:  a YAML file holding a list of records (content/grids/*.yml)
#   file:     a YAML file that is one record (content/org.yml, content/services/*.yml)
#   markdown: a Markdown file: front matter record and body (content/stories/**/*.md)
Shape = Literal["records", "file", "markdown"]


@dataclass(frozen=True)
class Target:
    """What a reference names (a community, a grid, a free page …): how a message calls it, and
    which kinds hold such ids. When a file of one of those kinds could not be read, an id not
    found may well be in it, so it is not reported again as "找不到…"."""

    zh: str
    en: str
    sources: tuple[str, ...] = ()


@dataclass
class Slide:
    """One slide: its template, how long it stays, the page its QR code opens, when it may show."""

    kind: str
    seconds: int
    url: str  # path of the matching public page, e.g. grids/hdc-01/ ('' for none)
    start: str = ""  # local date-time "YYYY-MM-DDTHH:MM:SS" before which it is not shown
    stop: str = ""  # local date-time from which it is no longer shown
    data: dict[str, Any] = field(default_factory=dict)


def day_start(d: dt.date | None) -> str:
    """A slide's start: the beginning of day `d` ('' for always)."""
    return f"{d.isoformat()}T00:00:00" if d else ""


def after(d: dt.date | None) -> str:
    """The start of the day after `d`: when a slide showing until `d` stops ('' for never)."""
    if d is None or d >= dt.date.max:  # content dates stop at 2100 (model.base); never overflow
        return ""
    return day_start(d + dt.timedelta(days=1))


def nav_entry(title: str, path: str) -> Callable[[Any], dict]:
    """A navigation entry that is always there."""
    return lambda _catalog: {title: path}


@dataclass(frozen=True)
class Show:
    """A playlist entry a kind offers screens (`- show: teams`): what it makes, and how many
    slides it shows when the entry gives no count (None: all). `newest_first`: the kind's slides
    come newest first, so the first `count` are taken and the rest never made."""

    make: Callable[..., Iterable[Slide]]
    count: int | None = None
    newest_first: bool = False
    description: str = ""


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one value per kind
class Kind:
    """One content kind. Only `id`, `files`, `shape` and `model` are required."""

    id: str  # 'grids': also the key of its records in Sources and Content
    name: str  # how messages call it, Chinese first: '网格 grids'
    files: tuple[str, ...]  # globs under the site folder: ('content/grids/*.yml', 'content/grids/*.yaml')
    shape: Shape
    model: type
    missing: tuple[str, str] | None = None  # (zh, en) error when no file is found (content/org.yml)
    after: tuple[str, ...] = ()  # kinds whose link() must run first
    link: Callable[[Linker], None] | None = None  # cross-checks; adds the kind's parts to the catalog
    pages: Callable[[Any, Catalog], None] | None = None  # renders its pages with a PageWriter
    posters: Callable[[Any, Catalog], None] | None = None  # renders its print posters (HtmlWriter)
    panel: Callable[[Catalog, str], Any] | None = None  # what a scope's page shows of it (近期活动)
    outputs: Callable[[Catalog], dict[str, str]] | None = None  # files of its own: site path → text (.ics)
    theme: Callable[[Catalog], dict] | None = None  # values every page's theme reads (extra.gridboard)
    # its section of the 网站地图 page: (title, [(label, path, [(child label, child path)])])
    sitemap: Callable[[Catalog], tuple[str, list]] | None = None
    views: dict[type, Callable[[Any, Catalog], Any]] = field(default_factory=dict)  # public views
    urls: dict[type, Callable[[Any], str]] = field(default_factory=dict)  # record type → its address
    nav: tuple[int, Callable[[Any], dict | None]] | None = None  # (order, entry of the top navigation)
    shows: dict[str, Show] = field(default_factory=dict)
    schema: tuple[str, str] | None = None  # (schema file stem, title)
    document: type | None = None  # markdown: the type holding front matter, body and slug
    slug: Callable[[str], str] | None = None  # markdown: file path → the slug its URL is made of
    public: Callable[[Any], bool] = lambda raw: True  # raw item of a `records` file: is it published?
    # for a kind whose file is one record (`file`, `markdown`): the file is a draft, its numbers
    # are warnings; a `records` file holds published records beside any draft one, so never
    draft: Callable[[Any], bool] = lambda record: False
    office_phones: Callable[[list], Iterator[tuple[Any, str]]] | None = None  # (record, field)
    people: Callable[[list], Iterable[Any]] | None = None  # records that may hold Person values
    # photos its records hold that may not be published: (record, key of the file, whose photo)
    withheld: Callable[[list], Iterable[tuple[Any, tuple, str]]] | None = None
    vocabulary: Callable[[Catalog], Iterable[str]] | None = None  # names search keeps whole
    section: tuple[str, str] | None = None  # (zh, en) section name, warned when nothing is published
    section_items: Callable[[Catalog], list] | None = None
