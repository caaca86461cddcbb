"""Shared by the browser benchmarks: build the example district and serve a folder over http."""

from __future__ import annotations

import functools
import http.server
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-20"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that does not log every request."""

    def log_message(self, *args):
        pass


def serve(directory: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler) -> str:
    """Serve a folder on 127.0.0.1 in a background thread; return its base URL."""
    server = socketserver.ThreadingTCPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def build_example(work: Path) -> Path:
    """Build the repository's example district into work/site."""
    out = work / "site"
    work.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "builder", "build", "--today", TODAY, "--out", str(out)]
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return out
