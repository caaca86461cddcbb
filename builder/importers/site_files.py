"""Site files as plain data, read fast (PyYAML's C loader), for what the importers look up: the
grids to compare or export, the names a story mentions. Not the build's loader (`load.py`), which
keeps line numbers and rejects what authors must fix; a file that does not parse raises here."""

from __future__ import annotations

from pathlib import Path

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Unreadable = (OSError, yaml.YAMLError)


def fast_load(path: Path):
    """The plain data of one YAML file (a BOM is fine)."""
    return yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_Loader)


def grid_paths(root: Path) -> list[Path]:
    """content/grids/*.yml in name order."""
    return sorted((root / "content" / "grids").glob("*.yml"))


def grids_of(data) -> list[dict]:
    """The grid records of a grid file's data (anything else in it is left to `gridboard check`)."""
    return [g for g in data if isinstance(g, dict)] if isinstance(data, list) else []
