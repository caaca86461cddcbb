"""mkdocs-material's templates, and the Jinja environment the theme renders with."""

from __future__ import annotations

from pathlib import Path


def theme_template(name: str) -> Path | None:
    """mkdocs-material's own template `name` (as partials/footer.html), if it has one."""
    from mkdocs.utils import get_theme_dir

    path = Path(get_theme_dir("material")) / name
    return path if path.is_file() else None


def theme_env(cfg, theme_dirs: list[Path]):
    """The theme's Jinja environment, with autoescape on and a site's overrides compiled.

    Material's templates write page.meta, titles and config values as they are: with autoescape
    every one of them is HTML-escaped where it is written; only the page's body (made by
    Markdown, authors' parts cleaned) and the table of contents are marked as HTML.
    A site's template that does not parse is said here (compiled once), not in a render worker.
    """
    env = cfg.theme.get_env()
    env.autoescape = True
    for folder in theme_dirs[:-1]:
        for f in sorted(folder.rglob("*.html")):
            env.get_template(f.relative_to(folder).as_posix())
    return env
