"""The generated mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

from ..config import SiteConfig
from ..markdown_setup import MARKDOWN_EXTENSIONS


def mkdocs_config(
    config: SiteConfig, staging_dir: Path, custom_dir: Path, nav: list[dict], theme_values: dict
) -> dict:
    """The generated mkdocs.yml: Chinese UI, no outside fonts, brand colour, a small navigation.

    Search is Pagefind (outputs/search.py), not Material's lunr plugin: no `search` plugin; the
    header's search box comes from templates/overrides/partials/header.html.
    """
    theme = {
        "name": "material",
        "language": "zh",
        "custom_dir": str(custom_dir),
        "font": False,  # otherwise every page loads Google Fonts
        "palette": {"scheme": "default", "primary": "custom", "accent": "custom"},
        "features": ["navigation.tabs", "navigation.tabs.sticky", "content.code.copy"],
        "icon": {"logo": "material/flag"},
    }
    if config.site.logo:
        theme["logo"] = config.site.logo
        theme["favicon"] = config.site.logo
    return {
        "site_name": config.site.name,
        "site_description": config.site.description or config.site.slogan,
        "site_url": config.site.url or None,
        "copyright": config.site.copyright or None,
        "docs_dir": str(staging_dir / "docs"),
        "site_dir": str(staging_dir / "site"),
        "use_directory_urls": True,
        "theme": theme,
        "plugins": [],
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "extra_css": [
            "assets/gridboard/gridboard.css",
            "assets/gridboard/brand.css",
            "assets/gridboard/pagefind-search.css",
        ],
        "extra_javascript": ["assets/gridboard/pagefind-search.js"],
        "extra": {"generator": False, **theme_values},
        "nav": nav,
        "validation": {
            "nav": {"omitted_files": "ignore", "not_found": "warn", "absolute_links": "ignore"},
            "links": {
                "not_found": "warn",
                "anchors": "warn",
                "absolute_links": "ignore",
                "unrecognized_links": "ignore",
            },
        },
        "strict": False,
    }
