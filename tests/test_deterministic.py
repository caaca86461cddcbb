"""Two builds of the same content with the same --today are the same bytes, search index included.

Pagefind 1.5 writes its filter indexes in a different order every run; outputs/search_stable.py
puts them in order. The builds here differ in everything that should not matter (output folder,
working folder, time zone, Python's hash seed), and are compared file by file. The canonical index
must still search as Pagefind's own files do: the same filtered searches are run in Chromium on a
build with Pagefind's files as written (search_stable.ENABLED off) and on a canonical one.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT, TODAY
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from builder import pipeline
from builder.outputs import search_stable
from builder.report import Report

PAGEFIND_GZIP = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # the header of every file Pagefind gzips


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every path under `folder` (relative, /-separated): a file's bytes, None for a folder."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


def differences(one: Path, other: Path) -> list[str]:
    """What differs between two folders: names in one only, and files whose bytes differ."""
    a, b = tree(one), tree(other)
    found = [f"only in the first build: {n}" for n in sorted(a.keys() - b.keys())]
    found += [f"only in the second build: {n}" for n in sorted(b.keys() - a.keys())]
    found += [f"other bytes: {n}" for n in sorted(a.keys() & b.keys()) if a[n] != b[n]]
    return found


def cli_build(out: Path, cwd: Path, env: dict[str, str]) -> None:
    """`gridboard build` of the example district as of 2026-12-01, in a process of its own."""
    run = subprocess.run(
        [sys.executable, "-m", "builder", "build", "--config", str(ROOT / "site_config.yml")]
        + ["--today", "2026-12-01", "--out", str(out)],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_two_builds_are_byte_identical(tmp_path):
    """Same content and --today, another output folder, working folder, time zone and hash seed."""
    (tmp_path / "w1").mkdir()
    (tmp_path / "somewhere else").mkdir()
    one, other = tmp_path / "w1" / "site", tmp_path / "somewhere else" / "出版"
    cli_build(one, tmp_path / "w1", {"TZ": "UTC", "PYTHONHASHSEED": "1"})
    cli_build(other, tmp_path / "somewhere else", {"TZ": "Asia/Shanghai", "PYTHONHASHSEED": "2"})
    filters = sorted((one / "pagefind" / "filter").glob("*.pf_filter"))
    assert filters, "no filter index in the build: the comparison would prove nothing about them"
    assert len(list(one.rglob("*.html"))) > 150
    assert differences(one, other) == []


def shuffle_like_pagefind(pagefind: Path) -> None:
    """Rewrite a canonical index the way another Pagefind run could have written it: each
    filter's values and the meta's filters in reverse order, gzipped by Python, renamed."""
    entry_path = pagefind / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, info in entry["languages"].items():
        meta_path = pagefind / f"pagefind.{info['hash']}.pf_meta"
        meta = search_stable.read(meta_path)
        filters = []
        for name, old in reversed(meta[3]):
            path = pagefind / "filter" / f"{old}.pf_filter"
            value = search_stable.read(path)
            value[1].reverse()
            data = search_stable.cbor2.dumps(value)
            new = f"{lang}_{hashlib.sha1(data).hexdigest()[:7]}"
            path.unlink()
            (pagefind / "filter" / f"{new}.pf_filter").write_bytes(
                gzip.compress(search_stable.SIGNATURE + data)
            )
            filters.append([name, new])
        meta[3] = filters
        data = search_stable.cbor2.dumps(meta)
        info["hash"] = f"{lang}_{hashlib.sha1(data).hexdigest()[:10]}"
        meta_path.unlink()
        (pagefind / f"pagefind.{info['hash']}.pf_meta").write_bytes(
            gzip.compress(search_stable.SIGNATURE + data)
        )
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, indent=1), encoding="utf-8")


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    """The example district built twice as of TODAY: with Pagefind's filter files as Pagefind
    wrote them ("pagefind") and with them made canonical ("canonical")."""
    out = {}
    for name, enabled in (("pagefind", False), ("canonical", True)):
        site = tmp_path_factory.mktemp(name) / "site"
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(search_stable, "ENABLED", enabled)
            pipeline.build(ROOT / "site_config.yml", site, TODAY, Report())
        out[name] = site
    return out


def test_canonical_index_is_the_same_whatever_order_pagefind_chose(builds, tmp_path):
    """Values, filters, gzip header and names in another order or form come back the same."""
    built = builds["canonical"] / "pagefind"
    shuffled = tmp_path / "pagefind"
    shutil.copytree(built, shuffled)
    shuffle_like_pagefind(shuffled)
    assert differences(built, shuffled) != []  # the shuffle did change names and bytes
    search_stable.canonicalise(shuffled)
    assert differences(built, shuffled) == []
    # the files rewritten carry Pagefind's own gzip header, as its fragments do
    fragment = next((built / "fragment").glob("*.pf_fragment"))
    assert fragment.read_bytes()[:10] == PAGEFIND_GZIP
    rewritten = [*built.glob("*.pf_meta"), *(built / "filter").glob("*.pf_filter")]
    assert {p.read_bytes()[:10] for p in rewritten} == {PAGEFIND_GZIP}
    # Pagefind's naming shape: filter/en_<7 hex>.pf_filter, pagefind.en_<10 hex>.pf_meta
    assert all(
        re.fullmatch(r"en_[0-9a-f]{7}\.pf_filter", p.name) for p in rewritten if p.parent.name == "filter"
    )
    assert re.fullmatch(r"pagefind\.en_[0-9a-f]{10}\.pf_meta", next(built.glob("*.pf_meta")).name)


def test_a_filter_index_in_another_layout_is_named(builds, tmp_path):
    """A Pagefind other than 1.5 writing another layout stops with the file named, not a traceback."""
    copy = tmp_path / "pagefind"
    shutil.copytree(builds["canonical"] / "pagefind", copy)
    target = sorted((copy / "filter").glob("*.pf_filter"))[0]
    target.write_bytes(gzip.compress(search_stable.SIGNATURE + search_stable.cbor2.dumps({"street": []})))
    with pytest.raises(search_stable.UnknownLayout, match=re.escape(f"filter/{target.name}: not [name")):
        search_stable.canonicalise(copy)


def test_only_the_filter_files_were_rewritten(builds):
    """Canonicalising changes the filter files, the meta and the entry; nothing else of the build."""
    raw, canonical = builds["pagefind"], builds["canonical"]
    changed = {re.sub(r"_[0-9a-f]+\.", "_*.", d.split(": ", 1)[1]) for d in differences(raw, canonical)}
    assert changed <= {
        "pagefind/filter/en_*.pf_filter",
        "pagefind/pagefind.en_*.pf_meta",
        "pagefind/pagefind-entry.json",
        ".gridboard-build.json",  # lists every file with its digest
    }, changed
    assert "pagefind/filter/en_*.pf_filter" in changed  # Pagefind's names are not the canonical ones


# --- in Chromium --------------------------------------------------------------------------------

# (query, street, community): searches a resident makes with the filters
SEARCHES = [
    ("", "全福街道", ""),
    ("网格员", "王舍人街道", ""),
    ("", "", "南全福社区"),
    ("党员", "全福街道", "南全福社区"),
    ("服务", "华山街道", ""),
]

FILTER_STATE = """() => ({
  status: document.querySelector("[data-pf-status]").textContent.trim(),
  links: [...document.querySelectorAll("[data-pf-list] > li > a.md-search-result__link")]
    .map((a) => new URL(a.href).pathname),
  street: [...document.querySelectorAll('[data-pf-filter="street"] option')].slice(1).map((o) => o.textContent),
  community: [...document.querySelectorAll('[data-pf-filter="community"] option')].slice(1).map((o) => o.textContent),
})"""
# Until both lists show the options expected (the community list is refilled when a street is chosen)
OPTIONS_SHOWN = """(want) => ["street", "community"].every((key) => JSON.stringify(
  [...document.querySelectorAll(`[data-pf-filter="${key}"] option`)].slice(1).map((o) => o.textContent).sort()
) === JSON.stringify(want[key]))"""


def indexed_filters(site: Path) -> list[dict[str, set[str]]]:
    """The filters of every page Pagefind indexes, read from the built HTML: {key: {values}}."""
    pages = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "<div data-pagefind-body" in text:
            found: dict[str, set[str]] = {}
            for key, value in re.findall(r'data-pagefind-filter="(\w+):([^"]+)"', text):
                found.setdefault(key, set()).add(value)
            pages.append(found)
    return pages


def expected_options(pages: list[dict[str, set[str]]], street: str) -> dict[str, list[str]]:
    """The filter options a reader should see, 名称（页数）: every street; the communities of the
    chosen street (of every street when none is chosen)."""
    streets = Counter(v for p in pages for v in p.get("street", ()))
    communities = Counter(
        v for p in pages if not street or street in p.get("street", ()) for v in p.get("community", ())
    )
    return {
        key: sorted(f"{value}（{n}）" for value, n in counts.items())
        for key, counts in (("street", streets), ("community", communities))
    }


def filtered_search(browser, base: str, query: str, street: str, community: str, options: dict) -> dict:
    """Open the search box, choose the filters and type the query as a person does; what it shows
    once the search has answered and the filter lists show `options` (or 15 s have passed)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base)
    page.keyboard.press("/")
    page.locator("[data-pf-filters]").wait_for(state="visible", timeout=15000)
    chosen = {}
    if street:
        page.select_option('[data-pf-filter="street"]', street)
        chosen["street"] = street
    if community:
        page.locator(f'[data-pf-filter="community"] option[value="{community}"]').wait_for(state="attached")
        page.select_option('[data-pf-filter="community"]', community)
        chosen["community"] = community
    if query:
        page.locator("input[data-pf-query]").fill(query)
    page.wait_for_function(
        "([q, f]) => window.__gbSearchTimings.some((t) => t.query === q && JSON.stringify(t.filters) === f)",
        arg=[query, json.dumps(chosen, ensure_ascii=False, separators=(",", ":"))],
        timeout=15000,
    )
    with contextlib.suppress(PlaywrightTimeout):  # the assertion below shows what is there instead
        page.wait_for_function(OPTIONS_SHOWN, arg=options, timeout=15000)
    state = page.evaluate(FILTER_STATE)
    context.close()
    assert errors == [], errors
    return state


@pytest.mark.browser
def test_filtered_search_finds_the_same_on_canonical_and_pagefinds_files(builds, serve_dir, chromium):
    """Street and community filters work on the canonical index, with the counts the pages carry,
    and every filtered search shows what it shows on Pagefind's own files."""
    raw = serve_dir(builds["pagefind"])
    canonical = serve_dir(builds["canonical"])
    pages = indexed_filters(builds["canonical"])
    entry = json.loads((builds["canonical"] / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert len(pages) == entry["languages"]["en"]["page_count"]  # the HTML read as Pagefind read it
    for query, street, community in SEARCHES:
        options = expected_options(pages, street)
        seen = filtered_search(chromium, canonical, query, street, community, options)
        case = (query, street, community)
        assert re.fullmatch(r"找到 \d+ 个页面", seen["status"]), (case, seen["status"])
        assert seen["links"], case
        assert {"street": sorted(seen["street"]), "community": sorted(seen["community"])} == options, case
        assert filtered_search(chromium, raw, query, street, community, options) == seen, case
