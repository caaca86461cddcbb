"""What the engine builds from, and the docs folder MkDocs reads it from."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Staging:
    """What the engine builds from: generated pages, static files, search vocabulary."""

    pages: dict[str, str]  # docs path → Markdown
    files: dict[str, Path]  # docs path → file to copy (media, theme assets)
    texts: dict[str, str]  # docs path → generated text file (brand.css …)
    vocabulary: list[str]  # words search must keep whole: names of people, places, grids
    nav: list[dict]  # top-level navigation: [{label: docs path}]
    theme_values: dict = field(default_factory=dict)  # what every page's theme reads (`extra`)

    def docs_paths(self) -> set[str]:
        """Every docs path staged: pages, generated texts and copied files."""
        return set(self.pages) | set(self.texts) | set(self.files)


def write_staging(staging: Staging, staging_dir: Path, only: set[str] | None = None) -> None:
    """Write the docs folder (or just the `only` docs paths of it)."""
    docs = staging_dir / "docs"
    for rel, text in {**staging.pages, **staging.texts}.items():
        if only is None or rel in only:
            target = docs / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    for rel, src in staging.files.items():
        if only is None or rel in only:
            target = docs / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
