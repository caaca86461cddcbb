"""QR codes (segno) that point from a screen or a printed poster back to a page of the site.

Templates write a placeholder for each code (`placeholder`); `draw_all` then makes every distinct
code once, on all cores (segno is pure Python: about 7 ms a code, most of it choosing the mask
as the QR standard asks), and puts them in. A district of 10,000 grids needs about as many codes,
so codes are also kept between builds in the user's cache folder (one file; the addresses of a
site hardly change from one day's build to the next)."""

from __future__ import annotations

import html
import json
import multiprocessing
import os
import re
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import segno
from markupsafe import Markup

_PLACEHOLDER = re.compile(r"<!--gb-qr:([^<>]*?)-->")
_DRAWN: dict[str, str] = {}  # url → svg, kept for the live preview's next build
PARALLEL_FROM = 200  # codes; fewer are drawn in this process


def absolute_url(site_url: str, path: str) -> str:
    """The public address of a site path ('grids/hdc-01/'), or '' when site.url is not set."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def placeholder(url: str) -> Markup:
    """Where the QR code for `url` goes (filled in by draw_all)."""
    return Markup(f"<!--gb-qr:{html.escape(url, quote=True)}-->")


def qr_svg(url: str) -> str:
    """An inline SVG QR code for `url` (scalable: sized by CSS), with the address as its label.

    Error correction M (15 %) survives a smudged or sun-faded print; the 4-module quiet zone
    is part of the image, so a dark background around it does not break scanning."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(
        scale=1, border=4, omitsize=True, dark="#000", light="#fff", svgclass="gb-qr-code", lineclass=None
    )
    label = html.escape(f"二维码：{url}", quote=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" shape-rendering="crispEdges" ', 1)


def cache_file() -> Path:
    """Where drawn codes are kept between builds ($GRIDBOARD_CACHE, else the XDG cache folder)."""
    base = os.environ.get("GRIDBOARD_CACHE") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "gridboard" / f"qr-segno-{segno.__version__}.json"


def _load_cache() -> None:
    try:
        _DRAWN.update(json.loads(cache_file().read_text(encoding="utf-8")))
    except (OSError, ValueError):
        pass  # no cache yet, or unreadable: draw again


def _save_cache(wanted: list[str]) -> None:
    """Keep this build's codes (only these: the file does not grow with every site ever built)."""
    path = cache_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8") as f:
            json.dump({u: _DRAWN[u] for u in wanted}, f, ensure_ascii=False)
        os.replace(f.name, path)
    except OSError:
        pass  # a read-only home: codes are drawn again next time


def draw_all(files: dict[str, str]) -> dict[str, str]:
    """The files with every QR placeholder replaced by its code."""
    wanted = sorted({html.unescape(m) for text in files.values() for m in _PLACEHOLDER.findall(text)})
    if wanted and not _DRAWN:
        _load_cache()
    missing = [u for u in wanted if u not in _DRAWN]
    workers = min(os.cpu_count() or 1, 8) if hasattr(os, "fork") else 1
    if len(missing) >= PARALLEL_FROM and workers > 1:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            _DRAWN.update(zip(missing, pool.map(qr_svg, missing, chunksize=64), strict=True))
    else:
        _DRAWN.update((u, qr_svg(u)) for u in missing)
    if missing:
        _save_cache(wanted)

    def fill(m: re.Match) -> str:
        return _DRAWN[html.unescape(m.group(1))]

    return {
        path: _PLACEHOLDER.sub(fill, text) if "<!--gb-qr:" in text else text for path, text in files.items()
    }
