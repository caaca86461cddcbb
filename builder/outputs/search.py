"""Search index: Pagefind (extended build) over copies of the pages that jieba has segmented.

Why not Pagefind's own Chinese segmentation: it splits the page text with its dictionary at index
time, but the browser splits the query with Intl.Segmenter, and every query word must match, so
names (刘秀英) and grid names found nothing in our trials. So the pages are segmented here, with
the site's own vocabulary (people, places, grids) kept whole: each page is indexed from a copy
with U+200A (a Unicode space Pagefind splits on) between words, under INDEX_LANG, a language
neither Pagefind nor the browser segments. search_text.py writes that copy: numbers, dates and
other ASCII runs stay whole, entities are decoded exactly once, and the page's own spaces, block
ends and field labels are marked so that pagefind-search.js shows titles and excerpts as the page
reads (no word breaks, " · " where blocks meet instead of Pagefind's ". ").
Published pages are not changed. Relies on Pagefind 1.5 behaviour: pinned in pyproject.toml.
Pagefind writes its filter indexes in a different order every run: search_stable.py puts them in
order, so that two builds of the same pages give the same bytes.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import shutil
import threading
import time
from pathlib import Path

from . import search_stable, search_text

INDEX_LANG = "en"  # not zh/ja/th: neither the indexer nor the browser re-segments
SEP = search_text.SEP  # HAIR SPACE: a word break for Pagefind, stripped again in excerpts
# Inside data-pagefind-body but not worth indexing: breadcrumbs repeat the street and community
# names on every page below them; heading permalinks; on grid pages, the list of services (each
# service has its own page), the checklist (the same ten items on every grid) and masked phones.
# Thousands of grid pages repeating them made every service search list every grid, and they
# were about 40 % of the words Pagefind held in memory.
EXCLUDE_SELECTORS = [".gb-crumbs", ".headerlink", ".gb-services", ".gb-checklist", ".gb-phone"]
# Files Pagefind writes for its ready-made UIs; our search box uses only pagefind.js.
_UNUSED = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js"]  # fmt: skip

_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
_DOMAIN_WORDS = ["网格员", "网格长", "党建指导员", "志愿者", "党员", "公示", "书记工作室", "爱心驿站"]


class SearchIndexError(RuntimeError):
    """Pagefind failed or indexed nothing."""


class SearchIndex:
    """Collects segmented copies of pages (from any process) and runs Pagefind over them."""

    def __init__(self, mirror_dir: Path, vocabulary: list[str]):
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self.mirror = mirror_dir
        self._memo: dict[str, str] = {}
        self._words: set[str] = set()
        self._tok = jieba.Tokenizer()
        self._tok.initialize()  # before any fork: workers share the loaded dictionary
        self.add_words([*vocabulary, *_DOMAIN_WORDS])

    def add_words(self, words: list[str]) -> None:
        """Words to keep whole (names of people, places, grids)."""
        new = {w for w in words if w and not any(c.isspace() for c in w)} - self._words
        for word in sorted(new):
            self._tok.add_word(word, freq=50, tag="n")
        if new:
            self._words |= new
            self._memo.clear()

    def _cut(self, piece: str) -> str:
        """One space-free piece of page text as escaped words joined by SEP (search_text.py)."""
        found = self._memo.get(piece)
        if found is None:
            words = self._tok.lcut(piece, HMM=False) if _NOT_ASCII.search(piece) else [piece]
            found = search_text.escape_words(words)
            if len(piece) < 40:  # labels, names, places: they repeat on thousands of pages
                self._memo[piece] = found
        return found

    def segment(self, html: str) -> str | None:
        """The page with its indexed region segmented; None for a page that is not indexed."""
        start = html.find("<div data-pagefind-body")
        if start < 0:
            return None
        end = html.find('<footer class="md-footer"', start)
        end = len(html) if end < 0 else end
        # only what Pagefind reads: the indexed region (its h1 is the result's title)
        return '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>' + search_text.write(
            html[start:end], self._cut
        )

    def add(self, rel: str, html: str) -> None:
        """Keep a segmented copy of one built page (rel: its path in the site, e.g. a/index.html)."""
        copy = self.segment(html)
        target = self.mirror / rel
        if copy is None:
            target.unlink(missing_ok=True)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(copy, encoding="utf-8")

    def drop_segmenter(self) -> None:
        """Free jieba's dictionary (~100 MB) once no more pages will come (a one-off build)."""
        self._tok, self._memo = None, {}

    def remove(self, rel: str) -> None:
        (self.mirror / rel).unlink(missing_ok=True)

    def write(self, site_dir: Path) -> int:
        """Index every copy into site_dir/pagefind/ (replacing it); return the pages indexed."""
        out = site_dir / "pagefind"
        tmp = site_dir / ".pagefind-new"
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            _run_in_thread(_index(self.mirror, tmp))
        except Exception as exc:  # the service reports its errors as plain Exception
            shutil.rmtree(tmp, ignore_errors=True)
            raise SearchIndexError(f"Pagefind indexing failed: {exc}") from exc
        for name in _UNUSED:
            (tmp / name).unlink(missing_ok=True)
        entry = _read_entry(tmp / "pagefind-entry.json")
        count = sum(lang["page_count"] for lang in entry["languages"].values())
        if count == 0:
            shutil.rmtree(tmp, ignore_errors=True)
            raise SearchIndexError("Pagefind indexed no page: is data-pagefind-body missing?")
        if search_stable.ENABLED:
            try:
                search_stable.canonicalise(tmp)
            except (OSError, ValueError) as exc:  # UnknownLayout: a Pagefind other than 1.5
                shutil.rmtree(tmp, ignore_errors=True)
                raise SearchIndexError(f"Pagefind's filter indexes could not be put in order: {exc}") from exc
        old = site_dir / ".pagefind-old"
        shutil.rmtree(old, ignore_errors=True)
        if out.exists():
            out.rename(old)
        tmp.rename(out)
        shutil.rmtree(old, ignore_errors=True)
        return count


def _read_entry(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SearchIndexError(f"Pagefind wrote no readable {path.name}: {exc}") from exc


async def _until_written(out: Path, wait: float = 120.0) -> None:
    """Wait until Pagefind's files are all on disk: its service answers `write_files` while files
    are still being written, and closing the service then cuts them off (an empty
    pagefind-entry.json, seen at 1,000 grids). Done when the entry file reads and no file has
    changed for a moment."""
    deadline = time.monotonic() + wait
    last = None
    while time.monotonic() < deadline:
        files = sorted(out.rglob("*")) if out.is_dir() else []
        now = [(p, p.stat().st_size) for p in files if p.is_file()]
        if now == last:
            try:
                json.loads((out / "pagefind-entry.json").read_text(encoding="utf-8"))
                return
            except (OSError, ValueError):
                pass
        last = now
        await asyncio.sleep(0.25)
    raise SearchIndexError(f"Pagefind did not finish writing {out} within {wait:.0f} s")


def _run_in_thread(coro) -> None:
    """asyncio.run in a thread of its own: the caller may already run an event loop."""
    errors: list[BaseException] = []

    def target():
        try:
            asyncio.run(coro)
        except BaseException as exc:
            errors.append(exc)

    worker = threading.Thread(target=target, name="pagefind")
    worker.start()
    worker.join()
    if errors:
        raise errors[0]


async def _index(src: Path, out: Path) -> None:
    from pagefind.index import IndexConfig
    from pagefind.service import PagefindService

    config = IndexConfig(exclude_selectors=EXCLUDE_SELECTORS, force_language=INDEX_LANG, output_path=str(out))
    async with PagefindService() as service:  # leaving the block stops the service's process
        index = await service.create_index(config)
        await index.add_directory(str(src))
        await index.write_files()
        await _until_written(out)
