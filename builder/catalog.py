"""Catalog: link the records, check them against each other, decide what is current today.

The kinds (kinds/*.py) link in the registry's order; each checks its references against the
kinds before it and adds its parts to the catalog (catalog.grids, catalog.postings …). The
catalog itself knows only the site, the build date and the scope tree that every kind shares:
district → street → community → grid."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from . import footer
from .config import SiteConfig
from .figures import Figures, grid_figures  # noqa: F401 - grid_figures: used by outputs
from .kinds.linking import Linker
from .kinds.registry import link_order, public_view
from .media import MediaChecker
from .model.content import Content
from .model.org import Grid
from .problems import Problems


class Catalog:
    """Everything the pages need, linked and checked; only published items are in it.

    `public_numbers`: (file, number) pairs content/public_numbers.yml allows to be shown whole
    (found by the personal-number scan). Every other attribute is a part added by a kind."""

    def __init__(self, config: SiteConfig, today: dt.date, public_numbers: frozenset = frozenset()):
        self.config, self.today, self.public_numbers = config, today, public_numbers
        self.figures = Figures()
        self.scope_name: dict[str, str] = {config.district.id: config.district.name}
        self._chains: dict[str, tuple[str, ...]] = {}
        self._views: dict[int, Any] = {}

    def add(self, **parts: Any) -> None:
        """Add a kind's parts; two kinds never add the same name."""
        for name, value in parts.items():
            if name in self.__dict__:
                raise ValueError(f"catalog part '{name}' is added twice")
            setattr(self, name, value)

    def view(self, record: Any) -> Any:
        """The record's public view (kinds/registry.py public_view), made once per build."""
        key = id(record)
        if key not in self._views:
            self._views[key] = (record, public_view(record, self))  # the record keeps its id alive
        return self._views[key][1]

    def scope_chain(self, scope: str) -> tuple[str, ...]:
        """The scope and every scope above it: grid → community → street → district."""
        chain = self._chains.get(scope)
        if chain is None:
            up = [scope]
            if scope in self.grid:
                up.append(scope := self.grid[scope].community)
            if scope in self.street_of:
                up.append(self.street_of[scope].id)
            if scope != self.config.district.id:
                up.append(self.config.district.id)
            chain = self._chains[up[0]] = tuple(up)
        return chain

    def communities_in(self, scope: str) -> list[str]:
        """Ids of the communities a scope covers (a grid's scope covers its community's only for
        community-wide things such as care stations)."""
        if scope == self.config.district.id:
            return list(self.community)
        if scope in self.community:
            return [scope]
        if scope in self.grid:
            return [self.grid[scope].community]
        return [c.id for s in self.streets if s.id == scope for c in s.communities]

    def grids_in(self, scope: str) -> list[Grid]:
        """The grids within a scope, in file order."""
        if scope in self.grid:
            return [self.grid[scope]]
        return [g for c in self.communities_in(scope) for g in self.grids_of.get(c, [])]

    def concerns(self, scope: str, item_scope: str) -> bool:
        """True when something posted for `item_scope` belongs on a screen or board for `scope`:
        it is posted for the scope itself, a scope above it, or a part of it."""
        return item_scope in self.scope_chain(scope) or scope in self.scope_chain(item_scope)


def build_catalog(
    content: Content,
    config: SiteConfig,
    root: Path,
    today: dt.date,
    problems: Problems,
    public_numbers: frozenset = frozenset(),
) -> Catalog:
    """Link and check every record; record all problems; keep only what is published today."""
    catalog = Catalog(config, today, public_numbers)
    media = MediaChecker(root / "content", problems)
    link = Linker(config, root, today, problems, media, content.records, content.incomplete, catalog)
    if config.site.logo:
        media.check(config.site.logo, config, ("site", "logo"))
    footer.check_references(config, link.of("pages"), media, problems)
    for kind in link_order():
        if kind.link is not None:
            kind.link(link)
    return catalog
