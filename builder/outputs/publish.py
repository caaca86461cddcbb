"""Publish: stamp the built site and swap it into place; a failed build leaves the old site."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path


def content_digest(site_dir: Path) -> str:
    """A hash over every file of the built site (names and bytes), in a stable order.

    pagefind/ is left out: its file names vary between identical builds, and it changes only
    when the pages it indexes change."""
    h = hashlib.sha256()
    for f in sorted(
        p for p in site_dir.rglob("*") if p.is_file() and p.parts[len(site_dir.parts)] != "pagefind"
    ):
        h.update(f.relative_to(site_dir).as_posix().encode())
        h.update(b"\0")
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


def write_version(site_dir: Path, today: str, generator: str) -> str:
    """Write version.json (what screens poll for a newer build); return the digest."""
    digest = content_digest(site_dir)
    stamp = {"version": digest[:16], "built_for": today, "generator": generator}
    (site_dir / "version.json").write_text(json.dumps(stamp, ensure_ascii=False) + "\n", encoding="utf-8")
    return digest


def make_staging_dir(out_dir: Path) -> Path:
    """A fresh work folder next to the output (same file system, so the swap is a rename)."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-build-", dir=out_dir.parent))


def swap_into_place(built: Path, out_dir: Path) -> None:
    """Replace out_dir with built by renames; the old site is removed only after the new is in place."""
    old = None
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}-old-{built.parent.name[-8:]}")
        out_dir.rename(old)
    try:
        built.rename(out_dir)
    except OSError:
        if old is not None:
            old.rename(out_dir)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
