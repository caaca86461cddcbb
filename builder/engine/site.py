"""One MkDocs site held in memory: the whole build, then the live preview's page-by-page updates."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import io
import logging
from collections.abc import Callable
from pathlib import Path

import yaml

from ..config import SiteConfig
from .mkdocs_log import quiet_mkdocs
from .mkdocs_yml import mkdocs_config
from .page_html import populate_page
from .staging import Staging, write_staging
from .theme import theme_env
from .workers import render_forked, workers_for

OnPage = Callable[[str, str], None]  # (path in the site, e.g. grids/x/index.html; the page's HTML)


class Site:
    """One MkDocs site held in memory: a full build (pages rendered in parallel processes), then
    page-by-page updates for the live preview. Every output stays whole: the sitemap and 404 page
    are written again on each update, and pages no longer in the docs are deleted."""

    def __init__(self, staging: Staging, config: SiteConfig, theme_dirs: list[Path], staging_dir: Path):
        """`theme_dirs`: the folders of theme overrides, searched in order (a site's, then ours)."""
        self.staging_dir = staging_dir
        self.nav = staging.nav
        self.theme_dirs = [d.resolve() for d in theme_dirs]
        write_staging(staging, staging_dir)
        self.known = staging.docs_paths()
        cfg_dict = mkdocs_config(config, staging_dir, self.theme_dirs[-1], staging.nav, staging.theme_values)
        self.cfg_file = staging_dir / "mkdocs.yml"
        self.cfg_file.write_text(
            yaml.safe_dump(cfg_dict, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        self.site_dir = staging_dir / "site"

    def _load(self):
        """MkDocs' configuration, file list, theme environment and navigation, read afresh."""
        from mkdocs.commands.build import get_navigation
        from mkdocs.config import load_config
        from mkdocs.structure.files import get_files, set_exclusions
        from mkdocs.structure.pages import Page

        cfg = load_config(config_file=str(self.cfg_file))
        cfg = cfg.plugins.on_config(cfg)
        # custom_dir takes one folder: a site's overrides go before ours, file by file
        cfg.theme.dirs[0:0] = [str(d) for d in self.theme_dirs[:-1]]
        files = get_files(cfg)
        env = theme_env(cfg, self.theme_dirs)
        files.add_files_from_theme(env, cfg)
        set_exclusions(files, cfg)
        nav = get_navigation(files, cfg)
        for file in files.documentation_pages():
            if file.page is None:
                Page(None, file, cfg)
        self.cfg, self.files, self.env, self.nav_obj = cfg, files, env, nav

    def html_pages(self) -> int:
        """How many HTML pages a build writes: every docs page and the theme's own (404.html)."""
        static = sum(t.endswith(".html") for t in self.cfg.theme.static_templates)
        return len(self.files.documentation_pages()) + static

    def build(self, today: dt.date, on_page: OnPage | None = None) -> list[str]:
        """Render every page; return MkDocs' warnings."""
        from mkdocs import utils
        from mkdocs.commands.build import _build_theme_template

        with quiet_mkdocs(today) as collected, contextlib.redirect_stdout(io.StringIO()):
            self._load()
            utils.clean_directory(self.cfg.site_dir)
            self.files.copy_static_files()
            for template in self.cfg.theme.static_templates:
                _build_theme_template(template, self.env, self.files, self.cfg, self.nav_obj)
            docs = list(self.files.documentation_pages())
            n = workers_for(len(docs))
            gc.collect()
            gc.freeze()  # what exists now lives to the end: the collector never rescans it
            results = render_forked(self, docs, n, on_page) if n > 1 else [self.render(docs, on_page)]
            self._anchors, self._links = {}, {}
            for anchors, links, warnings in results:
                self._anchors |= anchors
                self._links |= links
                collected.messages += warnings
            collected.messages += self._check_anchors()
        return collected.messages

    def update(self, today: dt.date, staging: Staging, changed: set[str], on_page: OnPage | None = None):
        """Re-render only the docs paths in `changed` (new or edited); drop pages no longer staged.

        Returns (warnings, removed site paths)."""
        from mkdocs.commands.build import _build_theme_template

        docs_dir = self.staging_dir / "docs"
        wanted = staging.docs_paths()
        removed_site = []
        old_pages = {f.src_uri: f.dest_uri for f in self.files.documentation_pages()}
        for rel in sorted(self.known - wanted):
            (docs_dir / rel).unlink(missing_ok=True)
            dest = old_pages.get(rel) or rel
            (self.site_dir / dest).unlink(missing_ok=True)
            removed_site.append(dest)
        same_files = wanted == self.known
        self.known = wanted
        write_staging(staging, self.staging_dir, only=changed)
        with quiet_mkdocs(today) as collected, contextlib.redirect_stdout(io.StringIO()):
            if not same_files:  # pages came or went: new file list, navigation and sitemap
                self._load()
                for template in self.cfg.theme.static_templates:
                    _build_theme_template(template, self.env, self.files, self.cfg, self.nav_obj)
            for rel in sorted(changed):
                if rel in staging.files or rel in staging.texts:
                    file = self.files.get_file_from_path(rel)
                    if file is not None:
                        file.copy_file()
            docs = [f for f in self.files.documentation_pages() if f.src_uri in changed]
            anchors, links, warnings = self.render(docs, on_page)
            for uri in removed_site:
                self._anchors.pop(uri, None)
                self._links.pop(uri, None)
            self._anchors |= anchors
            self._links |= links
            collected.messages += warnings + self._check_anchors()
        return collected.messages, removed_site

    def render(self, docs, on_page: OnPage | None):
        """Populate and write `docs` in this process; free each page's HTML once written."""
        from mkdocs.commands.build import _build_page

        handler = logging.getLogger("mkdocs").handlers[0]
        start = len(handler.messages)
        all_docs = self.files.documentation_pages()
        anchors: dict[str, set[str]] = {}
        links: dict[str, dict[str, dict[str, str]]] = {}
        for file in docs:
            page = file.page
            populate_page(page, self.cfg, self.files)
            _build_page(page, self.cfg, all_docs, self.nav_obj, self.env)
            anchors[file.src_uri] = set(page.present_anchor_ids or ())
            links[file.src_uri] = {to.src_uri: dict(a) for to, a in (page.links_to_anchors or {}).items()}
            if on_page is not None:
                on_page(file.dest_uri, Path(file.abs_dest_path).read_text(encoding="utf-8"))
            page.content = page.markdown = None  # keep memory flat on large sites
        return anchors, links, handler.messages[start:]

    def _check_anchors(self) -> list[str]:
        """MkDocs' cross-page anchor check, over pages rendered in any process."""
        out = []
        for src, targets in sorted(self._links.items()):
            for to, anchors in sorted(targets.items()):
                present = self._anchors.get(to)
                for anchor, link in anchors.items():
                    if present is not None and anchor not in present:
                        problem = (
                            "there is no such anchor on this page"
                            if to == src
                            else f"the doc '{to}' does not contain an anchor '#{anchor}'"
                        )
                        out.append(f"Doc file '{src}' contains a link '{link}', but {problem}.")
        return out
