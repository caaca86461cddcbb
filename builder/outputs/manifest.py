"""The build's file list: written into every published site, and what proves an output folder is one.

`gridboard build` replaces its output folder whole, so it may replace only a folder it made. Every
build writes MANIFEST at its root: Gridboard's name, every file it wrote (path, size, sha256) and a
signature over that list. A folder is a previous build when its MANIFEST reads, names Gridboard,
matches its signature, and the folder holds no file the list does not name. What the rule decides:

- a file the list does not name (src/main.c), a link, a device: not ours, so refuse;
- a listed file changed or deleted by hand: still our build (a hand edit of a built page is undone
  by the next build, as building means), so it may be replaced;
- files the operating system makes when a folder is opened (OS_FILES) are not anyone's work;
- a build made before MANIFEST existed has only version.json: it is ours if the hash version.json
  holds is still the hash of every file beside it (nothing added, nothing changed since).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".gridboard-build.json"
VERSION = "version.json"  # the stamp builds before MANIFEST had (publish.write_version)
OS_FILES = frozenset({".DS_Store", "Thumbs.db", "ehthumbs.db", "desktop.ini"})
_MAX_MANIFEST = 256 * 1024 * 1024  # a larger file cannot be ours (1,000 grids: about 1 MB)
_SIGNED = b"gridboard-build-v1\n"
# Every file Pagefind writes (outputs/search.py), for builds before MANIFEST: they left it unhashed
_PAGEFIND_FILE = re.compile(
    r"pagefind/(?:pagefind(?:\.js|-worker\.js|-entry\.json|\.[\w-]+_[0-9a-f]+\.pf_meta)"
    r"|wasm\.[\w-]+\.pagefind|(?:filter|fragment|index)/[\w-]+_[0-9a-f]+\.pf_(?:filter|fragment|index))"
)


@dataclass
class Contents:
    """What an output folder holds, as paths relative to it."""

    files: list[str] = field(default_factory=list)  # regular files
    others: list[str] = field(default_factory=list)  # links, devices, unreadable folders


@dataclass
class Finding:
    """What examine() found: `kind` is "empty", "ours", "legacy", "not-ours", "added",
    "bad-manifest" or "legacy-changed"; `unexpected` the files not made by a build."""

    kind: str
    unexpected: list[str] = field(default_factory=list)

    @property
    def replaceable(self) -> bool:
        return self.kind in ("empty", "ours", "legacy")


def contents(folder: Path) -> Contents:
    """Every entry under `folder`, never following a link."""
    found = Contents()
    stack = [folder]
    while stack:
        here = stack.pop()
        try:
            with os.scandir(here) as entries:
                for e in entries:
                    rel = Path(e.path).relative_to(folder).as_posix()
                    if e.is_symlink():
                        found.others.append(rel)
                    elif e.is_dir(follow_symlinks=False):
                        stack.append(Path(e.path))
                    elif e.is_file(follow_symlinks=False):
                        found.files.append(rel)
                    else:
                        found.others.append(rel)
        except OSError:
            found.others.append(here.relative_to(folder).as_posix())
    found.files.sort()
    found.others.sort()
    return found


def file_list(site_dir: Path) -> list[list]:
    """[path, size, sha256] of every file of a built site, sorted by path (MANIFEST aside)."""
    out = []
    for rel in contents(site_dir).files:
        if rel != MANIFEST:
            data = (site_dir / rel).read_bytes()
            out.append([rel, len(data), hashlib.sha256(data).hexdigest()])
    return out


def signature(files: list) -> str:
    """The hash that ties a file list to MANIFEST's format (a damaged list does not match it)."""
    text = json.dumps(files, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(_SIGNED + text.encode()).hexdigest()


def write_manifest(site_dir: Path, generator: str) -> int:
    """Write MANIFEST into a built site, last of all its files; return how many files it lists."""
    files = file_list(site_dir)
    head = {
        "generator": generator,
        "about": "Gridboard 生成的网站的文件清单：gridboard build 只会替换与这份清单相符的文件夹 / "
        "the file list of a Gridboard build: gridboard build replaces only a folder that matches it",
        "signature": signature(files),
    }
    lines = ",\n".join(json.dumps(f, ensure_ascii=False) for f in files)  # one file a line
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2] + f',\n "files": [\n{lines}\n ]\n}}\n'
    (site_dir / MANIFEST).write_text(text, encoding="utf-8")
    return len(files)


def examine(folder: Path, legacy_digest) -> Finding:
    """Whether `folder` (an existing folder, links resolved) may be replaced by a build.

    `legacy_digest(folder)` is publish.content_digest, for builds made before MANIFEST."""
    found = contents(folder)
    files = [f for f in found.files if Path(f).name not in OS_FILES]
    if not files and not found.others:
        return Finding("empty")
    if MANIFEST in files:
        listed = _read_manifest(folder / MANIFEST)
        if listed is None:
            return Finding("bad-manifest")
        added = [f for f in files if f != MANIFEST and f not in listed]
        unexpected = sorted(found.others + added)
        return Finding("added", unexpected) if unexpected else Finding("ours")
    if found.others or VERSION not in files:
        return Finding("not-ours", sorted(found.others + files))
    return _examine_legacy(folder, files, legacy_digest)


def _read_manifest(path: Path) -> set[str] | None:
    """The paths MANIFEST lists, or None when it is not a whole, signed Gridboard file list."""
    try:
        if path.stat().st_size > _MAX_MANIFEST:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
        ok = (
            str(data["generator"]).startswith("gridboard ")
            and isinstance(files, list)
            and all(
                isinstance(f, list)
                and len(f) == 3
                and isinstance(f[0], str)
                and isinstance(f[1], int)
                and isinstance(f[2], str)
                for f in files
            )
            and data["signature"] == signature(files)
        )
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return {f[0] for f in files} if ok else None


def _examine_legacy(folder: Path, files: list[str], legacy_digest) -> Finding:
    """A build from before MANIFEST: ours only if version.json's hash still covers every file."""
    strays = [f for f in files if f.startswith("pagefind/") and not _PAGEFIND_FILE.fullmatch(f)]
    if strays:
        return Finding("legacy-changed", strays)
    try:
        stamp = json.loads((folder / VERSION).read_text(encoding="utf-8"))
        ok = str(stamp["generator"]).startswith("gridboard ") and isinstance(stamp["version"], str)
    except (OSError, ValueError, TypeError, KeyError):
        ok = False
    if not ok:
        return Finding("not-ours", files)
    if legacy_digest(folder)[:16] != stamp["version"]:
        return Finding("legacy-changed")
    return Finding("legacy")
