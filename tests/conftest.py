"""Shared fixtures: fixture sites, one-off broken sites, built outputs, and a real Chromium."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import shutil
import socketserver
import threading
from pathlib import Path

import build_caches
import pytest
from bs4 import BeautifulSoup

from builder import pipeline
from builder.report import Report

build_caches.install()  # Jieba's dictionary and Jinja's compiled templates, once per process

ROOT = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"
ARTIFACTS = ROOT / "test-artifacts"
TODAY = dt.date(2026, 11, 20)
CHROMIUM = os.environ.get("GRIDBOARD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def make_site(tmp_path: Path, files: dict[str, str | None] | None = None, base: str = "minimal") -> Path:
    """Copy a fixture site into tmp_path, then write (or delete, with None) the given files."""
    site = tmp_path / base
    shutil.copytree(SITES / base, site)
    for rel, text in (files or {}).items():
        target = site / rel
        if text is None:
            target.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return site


def build_site(site: Path, out: Path | None = None, today: dt.date = TODAY) -> tuple[Path, Report]:
    """Build a site folder with the real pipeline."""
    out = out or site / "site"
    report = Report()
    pipeline.build(site / "site_config.yml", out, today, report)
    return out, report


def search_records(site: Path) -> list[dict]:
    """Every page record of the built Pagefind index (fragments are gzipped JSON)."""
    import gzip
    import json

    out = []
    for frag in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(frag.read_bytes()).decode("utf-8")
        out.append(json.loads(raw[raw.index("{") :]))
    return out


def soup(path: Path) -> BeautifulSoup:
    """Parse one built HTML page."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory) -> tuple[Path, Report]:
    """The minimal fixture site, built once as of TODAY."""
    tmp = tmp_path_factory.mktemp("minimal")
    site = make_site(tmp)
    return build_site(site)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> tuple[Path, Report]:
    """The bundled example district (the repository's own content/), built once as of TODAY."""
    out = tmp_path_factory.mktemp("example") / "site"
    report = Report()
    pipeline.build(ROOT / "site_config.yml", out, TODAY, report)
    return out, report


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def serve_dir():
    """Serve folders over http on 127.0.0.1 (Material's search worker needs http, not file://)."""
    servers = []

    def start(directory: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(directory))
        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for s in servers:
        s.shutdown()
        s.server_close()


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright; skipped on a laptop without it, a failure in CI."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}: CI must install it (apt-get install chromium)")
        pytest.skip(f"Chromium not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def artifacts() -> Path:
    """Folder for screenshots kept by CI."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# The slowest files (minutes each in a full run), sent first: with `pytest -n 2 --dist loadfile`
# (scripts/test.sh) a slow file collected last keeps one process busy while the other sits idle.
SLOW_FILES = ["test_a11y.py", "test_attacks_escaping.py", "test_scale.py", "test_install.py",
              "test_security_browser.py", "test_lighthouse.py", "test_elder.py"]  # fmt: skip


def pytest_collection_modifyitems(config, items):
    def rank(item) -> int:
        name = item.path.name
        return SLOW_FILES.index(name) if name in SLOW_FILES else len(SLOW_FILES)

    items.sort(key=rank)  # stable: the order inside each file and among the others is kept
