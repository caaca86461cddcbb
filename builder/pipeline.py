"""Pipeline: the ordered stages of a build, and nothing else."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from . import __version__, assets, engine
from .catalog import Catalog, build_catalog
from .config import load_config
from .kinds import registry
from .load import load_content
from .memo import Memo
from .model.content import read_content
from .outputs.feeds import render_feeds
from .outputs.manifest import write_manifest
from .outputs.pdf import write_pdfs
from .outputs.posters import INDEX as POSTER_INDEX
from .outputs.posters import render_posters
from .outputs.publish import (
    check_out_dir,
    make_staging_dir,
    swap_into_place,
    write_preview_version,
    write_version,
)
from .outputs.qr import draw_all
from .outputs.screens import render_screens
from .outputs.search import SearchIndex
from .overrides import Templates, check_overrides, reported
from .pages import render_pages
from .personal_numbers import scan_personal_numbers
from .photo_consent import check_photo_uses
from .problems import ContentError, Problems
from .report import Report
from .review import review


def check(config_file: Path, today: dt.date, report: Report, memo: Memo | None = None) -> Catalog:
    """Read, validate, scan and link everything; raise ContentError with all problems."""
    problems = Problems()
    with report.timed("config"):
        config, root = load_config(config_file)
    with report.timed("load"):
        sources = load_content(root, problems, memo)
    with report.timed("model"):
        content = read_content(sources, problems, memo)
    with report.timed("scan"):
        public_numbers = scan_personal_numbers(root, sources, content, config, today, problems, memo)
        check_photo_uses(root, sources, content, config, problems)
    with report.timed("catalog"):
        catalog = build_catalog(content, config, root, today, problems, public_numbers)
    with report.timed("review"):
        review(catalog, problems)
        check_overrides(Templates.for_site(root), root, problems)
    report.problems = problems
    if problems:
        raise ContentError(problems)
    return catalog


@dataclass
class Rendered:
    """What the stages after the check made, for the engine: the staged site, each screen's
    build key, and how many screens and posters there are (their indexes not counted)."""

    staging: engine.Staging
    screen_keys: dict[str, str]
    screens: int
    posters: int


def render(catalog: Catalog, root: Path, report: Report, page_memo: Memo | None = None) -> Rendered:
    """The stages between the check and the engine, the same for build and preview: pages,
    screens, posters, QR codes, feeds, then everything staged for the engine."""
    templates = Templates.for_site(root)
    with reported(templates, root, report.problems), report.timed("pages"):
        pages = render_pages(catalog, templates, page_memo)
    with reported(templates, root, report.problems), report.timed("screens"):
        screens = render_screens(catalog, templates, report.problems)
        posters = render_posters(catalog, templates)
    with report.timed("qr"):
        extra = draw_all(screens.files | posters)
    with report.timed("feeds"):
        extra |= render_feeds(catalog)
    with report.timed("files"):  # files a kind makes of its own (events: the calendar files)
        for kind in registry.KINDS:
            if kind.outputs is not None:
                extra |= kind.outputs(catalog)
    staging = assets.stage(catalog, pages, root, templates, extra)
    poster_pages = sum(p.endswith(".html") for p in posters) - (POSTER_INDEX in posters)
    return Rendered(staging, screens.keys, len(screens.keys), poster_pages)


def build(config_file: Path, out_dir: Path, today: dt.date, report: Report, pdfs: bool = False) -> Path:
    """All stages: check, render pages, run the engine, add outputs, swap into out_dir.
    `pdfs`: also print every poster to PDF (needs Chromium and Playwright: outputs/pdf.py)."""
    out_dir = check_out_dir(out_dir, config_file.parent)  # a link's target: the link stays
    work = None
    try:
        work, built, search, rendered = _engine(config_file, out_dir, today, report)
        search.drop_segmenter()
        gc.unfreeze()
        gc.collect()  # the catalog and MkDocs' pages are gone: give their memory to Pagefind
        with report.timed("search"):
            report.search_pages = search.write(built)
        if pdfs:
            with report.timed("pdf"):
                report.pdfs = write_pdfs(built, built / "print" / "pdf").count
        with report.timed("outputs"):
            generator = f"gridboard {__version__}"
            report.digest = write_version(built, today.isoformat(), generator, rendered.screen_keys)
            write_manifest(built, generator)  # last: it lists every other file
        check_out_dir(out_dir, config_file.parent)  # again: files may have come while building
        swap_into_place(built, out_dir)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    return out_dir


def _count(rendered: Rendered, site: engine.Site, report: Report) -> None:
    """The report's counts, from what the stages made: every HTML page the engine wrote (404.html
    too) is a page; screens and posters without their index pages."""
    report.pages = site.html_pages()
    report.screens, report.posters = rendered.screens, rendered.posters


def _engine(config_file: Path, out_dir: Path, today: dt.date, report: Report):
    """Check, render and run the engine; return (work folder, built site, search index, rendered)."""
    catalog = check(config_file, today, report)
    root = config_file.parent
    rendered = render(catalog, root, report)
    templates = Templates.for_site(root)
    work = make_staging_dir(out_dir)
    try:
        with reported(templates, root, report.problems), report.timed("engine"):
            staging = rendered.staging
            search = SearchIndex(work / "search", staging.vocabulary)
            site = engine.Site(staging, catalog.config, templates.search_path("overrides"), work / "mkdocs")
            report.engine_warnings = site.build(today, on_page=search.add)
            _count(rendered, site, report)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return work, site.site_dir, search, rendered


class Preview:
    """The live preview (`gridboard serve`). The first build is whole; after a save only the pages
    whose Markdown changed are rendered again, every other output is kept whole (sitemap, deleted
    pages removed), and the search index is rebuilt in the background and swapped in when done.

    What may be reused is decided by keys, never by guessing: parsed files and validated records
    by file path and text (memo.py); rendered pages by their full Markdown, compared with the last
    run's; and everything at once by a fingerprint of site_config.yml, the templates in use and
    Gridboard's version — when that changes, the next build is whole again.
    """

    def __init__(self, config_file: Path, today: dt.date, work: Path):
        self.config_file, self.today, self.work = config_file, today, work
        self.root = config_file.parent
        self.memo = Memo()
        self.page_memo = Memo()
        self.site: engine.Site | None = None
        self.staging: engine.Staging | None = None
        self.stamps: dict[str, tuple] = {}
        self.key = ""
        self.site_dir = work / "mkdocs" / "site"
        self.site_dir.mkdir(parents=True, exist_ok=True)
        self._indexer = _BackgroundIndex()

    def fingerprint(self) -> str:
        h = hashlib.sha256(__version__.encode())
        h.update(self.config_file.read_bytes())
        for f in Templates.for_site(self.root).every_file():
            h.update(f.as_posix().encode() + b"\0" + f.read_bytes())
        return h.hexdigest()

    def rebuild(self) -> Report:
        """Build again after a change; raise ContentError (keeping the last good preview) on errors."""
        report = Report()
        catalog = check(self.config_file, self.today, report, memo=self.memo)
        self.memo.sweep()
        templates = Templates.for_site(self.root)
        key = self.fingerprint()
        if key != self.key:
            self.page_memo = Memo()
        rendered = render(catalog, self.root, report, self.page_memo)
        self.page_memo.sweep()
        staging = rendered.staging
        stamps = {rel: _stamp(src) for rel, src in staging.files.items()}
        with reported(templates, self.root, report.problems), report.timed("engine"):
            if self.site is None or key != self.key or staging.nav != self.staging.nav:
                shutil.rmtree(self.work / "mkdocs" / "docs", ignore_errors=True)
                shutil.rmtree(self.work / "search", ignore_errors=True)
                self.search = SearchIndex(self.work / "search", staging.vocabulary)
                self.site = engine.Site(
                    staging, catalog.config, templates.search_path("overrides"), self.work / "mkdocs"
                )
                report.engine_warnings = self.site.build(self.today, on_page=self.search.add)
                _count(rendered, self.site, report)  # as build counts: 404.html is a page too
            else:
                old = self.staging
                changed = {r for r, t in staging.pages.items() if old.pages.get(r) != t}
                changed |= {r for r, t in staging.texts.items() if old.texts.get(r) != t}
                changed |= {r for r, s in stamps.items() if self.stamps.get(r) != s}
                self.search.add_words(staging.vocabulary)
                report.engine_warnings, removed = self.site.update(
                    self.today, staging, changed, on_page=self.search.add
                )
                for rel in removed:
                    self.search.remove(rel)
                report.pages = len([r for r in changed if r in staging.pages])
        self.staging, self.key, self.stamps = staging, key, stamps
        # what screens opened in the preview poll (a whole build writes it in outputs/publish.py)
        generator = f"gridboard {__version__} preview"
        write_preview_version(self.site_dir, self.today.isoformat(), generator, rendered.screen_keys)
        self._indexer.request(self.search, self.site_dir)
        return report

    def wait_for_search(self, timeout: float = 120) -> bool:
        """Block until the search index reflects the last rebuild (for tests)."""
        return self._indexer.idle.wait(timeout)


def _stamp(path: Path) -> tuple:
    st = path.stat()
    return (str(path), st.st_size, st.st_mtime_ns)


class _BackgroundIndex:
    """Runs SearchIndex.write in one background thread; a request during a run queues one more."""

    def __init__(self) -> None:
        self.idle = threading.Event()
        self.idle.set()
        self._wanted = threading.Event()
        self._lock = threading.Lock()
        self._job: tuple | None = None
        threading.Thread(target=self._loop, daemon=True, name="gridboard-search").start()

    def request(self, search: SearchIndex, site_dir: Path) -> None:
        with self._lock:
            self._job = (search, site_dir)
            self.idle.clear()
            self._wanted.set()

    def _loop(self) -> None:
        while True:
            self._wanted.wait()
            with self._lock:
                self._wanted.clear()
                search, site_dir = self._job
            try:
                search.write(site_dir)
            except Exception as exc:  # the preview goes on; say why search is stale
                print(f"搜索索引未更新 / search index not rebuilt: {exc}", flush=True)
            with self._lock:
                if not self._wanted.is_set():
                    self.idle.set()
