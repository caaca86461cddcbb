"""Figures: key numbers computed from the data, never typed in (home page, screens)."""

from __future__ import annotations

from dataclasses import dataclass

from .model.org import Grid


@dataclass
class Figures:
    """Key figures computed from the data for the home page."""

    streets: int = 0
    communities: int = 0
    grids: int = 0
    basic_grids: int = 0
    dedicated_grids: int = 0
    party_branches: int = 0
    workers: int = 0
    party_workers: int = 0
    households: int = 0
    services: int = 0
    stations: int = 0
    teams: int = 0

    @property
    def party_share(self) -> int:
        """Percentage of grid workers who are party members, rounded."""
        return round(100 * self.party_workers / self.workers) if self.workers else 0


def grid_figures(grids: list[Grid], config, figures: Figures | None = None) -> Figures:
    """The figures that come from grids (counts, party branches, workers, households), set on
    `figures` (a new Figures when not given)."""
    roles = set(config.worker_roles)
    workers = [m for g in grids for m in g.team if not roles or m.role in roles]
    figures = figures or Figures()
    for name, value in dict(
        grids=len(grids),
        basic_grids=sum(g.kind == "basic" for g in grids),
        dedicated_grids=sum(g.kind == "dedicated" for g in grids),
        party_branches=sum(g.party_branch is not None for g in grids),
        workers=len(workers),
        party_workers=sum(m.party_member for m in workers),
        households=sum(g.households or 0 for g in grids),
    ).items():
        setattr(figures, name, value)
    return figures
