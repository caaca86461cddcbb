"""Markdown setup: the Python-Markdown extensions every page is converted with.

The engine hands them to MkDocs; standalone pages (screens, posters), the tests and the benchmark
baseline convert with `new_markdown()`, so that all of them read authors' Markdown the same way.
"""

from __future__ import annotations

import markdown

MARKDOWN_EXTENSIONS = [
    "attr_list",
    "md_in_html",
    "tables",
    "admonition",
    "def_list",
    {"toc": {"permalink": False}},
]


def new_markdown() -> markdown.Markdown:
    """A converter with the site's extensions and their settings."""
    names = [e if isinstance(e, str) else next(iter(e)) for e in MARKDOWN_EXTENSIONS]
    configs = {k: v for e in MARKDOWN_EXTENSIONS if isinstance(e, dict) for k, v in e.items()}
    return markdown.Markdown(extensions=names, extension_configs=configs)
