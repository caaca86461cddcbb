"""Engine: MkDocs + mkdocs-material configuration and build. The only module that imports mkdocs."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import gc
import hashlib
import html
import io
import logging
import os
import pickle
import re
import shutil
import signal
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markupsafe import Markup, escape

from . import preview_guard, rawhtml, sanitize
from .config import SiteConfig
from .markdown_setup import MARKDOWN_EXTENSIONS


@dataclass
class Staging:
    """What the engine builds from: generated pages, static files, search vocabulary."""

    pages: dict[str, str]  # docs path → Markdown
    files: dict[str, Path]  # docs path → file to copy (media, theme assets)
    texts: dict[str, str]  # docs path → generated text file (brand.css …)
    vocabulary: list[str]  # words search must keep whole: names of people, places, grids
    nav: list[dict]  # top-level navigation: [{label: docs path}]
    theme_values: dict = field(default_factory=dict)  # what every page's theme reads (`extra`)


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


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings so the report can show them (they mean a bug in our pages)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _quiet_mkdocs(today: dt.date) -> Iterator[_Collect]:
    """Silence MkDocs' INFO chatter, collect warnings, and pin the build date (sitemap, gzip)."""
    log = logging.getLogger("mkdocs")
    handler = _Collect()
    old_level, old_handlers, old_prop = log.level, log.handlers[:], log.propagate
    old_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    log.handlers, log.propagate = [handler], False
    log.setLevel(logging.WARNING)
    with contextlib.suppress(ImportError):  # jieba resets its logger to DEBUG on import
        import jieba

        jieba.setLogLevel(logging.WARNING)
    epoch = dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC).timestamp()
    os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch))
    try:
        yield handler
    finally:
        log.handlers, log.propagate = old_handlers, old_prop
        log.setLevel(old_level)
        if old_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old_epoch


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


def workers_for(pages: int) -> int:
    """Processes to render with: one per core, one for small sites; GRIDBOARD_WORKERS overrides."""
    if os.environ.get("GRIDBOARD_WORKERS"):
        return max(1, int(os.environ["GRIDBOARD_WORKERS"]))
    if not hasattr(os, "fork") or pages < 400:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


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
        self.known = set(staging.pages) | set(staging.texts) | set(staging.files)
        cfg_dict = mkdocs_config(config, staging_dir, self.theme_dirs[-1], staging.nav, staging.theme_values)
        self.cfg_file = staging_dir / "mkdocs.yml"
        self.cfg_file.write_text(
            yaml.safe_dump(cfg_dict, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        self.site_dir = staging_dir / "site"

    def _load(self):
        from mkdocs.commands.build import get_navigation
        from mkdocs.config import load_config
        from mkdocs.structure.files import get_files, set_exclusions
        from mkdocs.structure.pages import Page

        cfg = load_config(config_file=str(self.cfg_file))
        cfg = cfg.plugins.on_config(cfg)
        # custom_dir takes one folder: a site's overrides go before ours, file by file
        cfg.theme.dirs[0:0] = [str(d) for d in self.theme_dirs[:-1]]
        files = get_files(cfg)
        env = cfg.theme.get_env()
        # Material's templates write page.meta, titles and config values as they are: with
        # autoescape every one of them is HTML-escaped where it is written; only the page's body
        # (made by Markdown, authors' parts cleaned) and the table of contents are marked as HTML.
        env.autoescape = True
        for folder in self.theme_dirs[:-1]:  # a site's template that does not parse: said here
            for f in sorted(folder.rglob("*.html")):  # (compiled once), not in a render worker
                env.get_template(f.relative_to(folder).as_posix())
        files.add_files_from_theme(env, cfg)
        set_exclusions(files, cfg)
        nav = get_navigation(files, cfg)
        for file in files.documentation_pages():
            if file.page is None:
                Page(None, file, cfg)
        self.cfg, self.files, self.env, self.nav_obj = cfg, files, env, nav

    def build(self, today: dt.date, on_page: OnPage | None = None) -> list[str]:
        """Render every page; return MkDocs' warnings."""
        from mkdocs import utils
        from mkdocs.commands.build import _build_theme_template

        with _quiet_mkdocs(today) as collected, contextlib.redirect_stdout(io.StringIO()):
            self._load()
            utils.clean_directory(self.cfg.site_dir)
            self.files.copy_static_files()
            for template in self.cfg.theme.static_templates:
                _build_theme_template(template, self.env, self.files, self.cfg, self.nav_obj)
            docs = list(self.files.documentation_pages())
            n = workers_for(len(docs))
            gc.collect()
            gc.freeze()  # what exists now lives to the end: the collector never rescans it
            results = _render_forked(self, docs, n, on_page) if n > 1 else [self._render(docs, on_page)]
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
        wanted = set(staging.pages) | set(staging.texts) | set(staging.files)
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
        with _quiet_mkdocs(today) as collected, contextlib.redirect_stdout(io.StringIO()):
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
            anchors, links, warnings = self._render(docs, on_page)
            for uri in removed_site:
                self._anchors.pop(uri, None)
                self._links.pop(uri, None)
            self._anchors |= anchors
            self._links |= links
            collected.messages += warnings + self._check_anchors()
        return collected.messages, removed_site

    def _render(self, docs, on_page: OnPage | None):
        """Populate and write `docs` in this process; free each page's HTML once written."""
        from mkdocs.commands.build import _build_page

        handler = logging.getLogger("mkdocs").handlers[0]
        start = len(handler.messages)
        all_docs = self.files.documentation_pages()
        anchors: dict[str, set[str]] = {}
        links: dict[str, dict[str, dict[str, str]]] = {}
        for file in docs:
            page = file.page
            _populate(page, self.cfg, self.files)
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


def _populate(page, cfg, files) -> None:
    """MkDocs' _populate_page (we run no plugins), with our HTML blocks kept out of Markdown and
    the authors' parts of the page sanitized (sanitize.py)."""
    cfg._current_page = page
    try:
        page.read_source(cfg)
        page.markdown, blocks = rawhtml.stash(page.markdown)
        page.render(cfg, files)
        page.content = Markup(sanitize.clean_regions(rawhtml.unstash(page.content, blocks)))
        _plain_toc(page.toc)
        page.present_anchor_ids = (page.present_anchor_ids or set()) | rawhtml.anchor_ids(blocks)
    finally:
        cfg._current_page = None


def _plain_toc(items) -> None:
    """Table-of-contents titles as HTML that holds only text: Markdown gives the heading's text
    with tags stripped but entities kept; decoded and escaped again, no tag can survive, and
    Material's `striptags` (aria-label) gives back exactly the heading's text."""
    for item in items:
        item.title = escape(html.unescape(item.title))
        _plain_toc(item.children)


_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM} | ({signal.SIGHUP} if hasattr(signal, "SIGHUP") else set())


def _fork(children: set[int]) -> int:
    """os.fork(), the child's pid added to `children` before Ctrl+C or a stop signal can act: they
    are held until then (an exception their handlers raised inside fork's own hooks would be
    dropped by Python, signals.py; one raised before the pid is kept would leave a worker unknown)."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        pid = os.fork()
        if pid:
            children.add(pid)
        return pid
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _render_forked(site: Site, docs: list, n: int, on_page: OnPage | None) -> list:
    """Render docs[i::n] in n forked processes (the build state is shared copy-on-write).

    Their results go to a folder inside the site's own work folder, never the system's temporary
    folder: a build killed here (SIGKILL cannot be caught) leaves it where the next build, or the
    preview's exit, removes the work folder whole."""
    results_dir = Path(tempfile.mkdtemp(prefix="render-", dir=site.staging_dir))
    pids: list[int] = []
    waiting: set[int] = set()
    try:
        for i in range(n):
            pid = _fork(waiting)
            if pid == 0:  # child: render a share, write the result, leave without cleanup
                code = 0
                try:
                    result = site._render(docs[i::n], on_page)
                except BaseException:
                    result, code = traceback.format_exc(), 1
                try:
                    (results_dir / f"{i}.pickle").write_bytes(pickle.dumps(result))
                finally:
                    os._exit(code)
            pids.append(pid)
        failed = []
        for pid in pids:
            if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0:
                failed.append(pid)
            waiting.discard(pid)
        results = []
        for i in range(n):
            file = results_dir / f"{i}.pickle"
            result = pickle.loads(file.read_bytes()) if file.exists() else "worker died without a result"
            if isinstance(result, str):
                raise RuntimeError(f"page rendering failed in a worker:\n{result}")
            results.append(result)
        if failed:
            raise RuntimeError(f"page rendering failed in {len(failed)} worker(s)")
        return results
    finally:
        for pid in waiting:  # stopped (a signal, an error): no worker may write on after us
            with contextlib.suppress(ChildProcessError):  # already reaped: its pid is not ours
                if os.waitpid(pid, os.WNOHANG) == (0, 0):
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
        shutil.rmtree(results_dir, ignore_errors=True)


def theme_template(name: str) -> Path | None:
    """mkdocs-material's own template `name` (as partials/footer.html), if it has one."""
    from mkdocs.utils import get_theme_dir

    path = Path(get_theme_dir("material")) / name
    return path if path.is_file() else None


def serve(rebuild, watch: list[Path], site_dir: Path, host: str, port: int, stopped=lambda: False) -> None:
    """Live preview: serve `site_dir`, call `rebuild()` when anything in `watch` changes, reload;
    end when `stopped()` (checked every quarter second)."""
    from mkdocs.livereload import LiveReloadServer

    class CspLiveReloadServer(LiveReloadServer):
        """MkDocs' server, with its injected inline reload script allowed by hash in the page's
        Content-Security-Policy (templates/overrides/main.html forbids inline scripts)."""

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            html = super()._inject_js_into_html(content, epoch)
            script = html[html.rindex(b"<script>") + 8 : html.rindex(b"</script>")]
            digest = base64.b64encode(hashlib.sha256(script).digest())
            return re.sub(
                rb'(http-equiv="Content-Security-Policy" content="[^"]*?script-src)',
                rb"\1 'sha256-" + digest + b"'",
                html,
                count=1,
            )

        def serve_request(self, environ, start_response):
            """Answer only this machine's requests with a clean path (preview_guard.py)."""
            refused = preview_guard.refusal(environ, self.server_address[1])
            if refused is None:
                return super().serve_request(environ, start_response)
            status, text = refused
            start_response(status, [("Content-Type", "text/plain; charset=utf-8")])
            return [text.encode()]

        def handle_error(self, request, client_address) -> None:
            preview_guard.report_error(client_address)

        # MkDocs' wait for changes wakes every shutdown_delay to look at _shutdown: end there too
        # when a stop signal has come (signals.py)
        @property
        def _shutdown(self) -> bool:
            return self._closing or stopped()

        @_shutdown.setter
        def _shutdown(self, value: bool) -> None:
            self._closing = value

    server = CspLiveReloadServer(builder=rebuild, host=host, port=port, root=str(site_dir))
    for path in watch:
        if path.exists():
            server.watch(str(path))
    log = logging.getLogger("mkdocs.livereload")
    old_handlers, old_prop = log.handlers[:], log.propagate
    log.handlers, log.propagate = [preview_guard.OneLine(logging.WARNING)], False
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        log.handlers, log.propagate = old_handlers, old_prop
