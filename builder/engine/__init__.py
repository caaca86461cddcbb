"""Engine: MkDocs + mkdocs-material configuration and build. The only package that imports mkdocs.

staging.py    what the engine builds from (Staging) and the docs folder it writes
mkdocs_yml.py the generated mkdocs.yml
theme.py      mkdocs-material's templates and the theme's Jinja environment
site.py       the site held in memory: the whole build, then the preview's page-by-page updates
page_html.py  one page's Markdown → sanitized HTML (MkDocs' _populate_page, our way)
workers.py    rendering in forked processes
mkdocs_log.py MkDocs' log quietened and collected, the build date pinned
serve.py      the live preview's server
"""

from __future__ import annotations

from .mkdocs_yml import mkdocs_config
from .serve import serve
from .site import OnPage, Site
from .staging import Staging, write_staging
from .theme import theme_template
from .workers import workers_for

__all__ = [
    "OnPage",
    "Site",
    "Staging",
    "mkdocs_config",
    "serve",
    "theme_template",
    "workers_for",
    "write_staging",
]
