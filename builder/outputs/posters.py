"""Posters: print-ready pages for the physical boards (filled in below)."""

from __future__ import annotations

from pathlib import Path

from ..catalog import Catalog


def render_posters(catalog: Catalog, templates_dir: Path) -> dict[str, str]:
    return {}
