"""Load: files under content/ → parsed source documents, kind by kind (kinds/registry.py)."""

from __future__ import annotations

import contextlib
import gc
from dataclasses import dataclass, field
from pathlib import Path

from .memo import Memo, run
from .parse import (  # noqa: F401 - the parsing API, read from here by other modules
    Key,
    SourceDoc,
    field_path,
    load_markdown_file,
    load_yaml_file,
    parse_yaml,
)
from .problems import Problems


@dataclass
class Sources:
    """Every content file, parsed, by kind id (kinds/registry.py) in file order."""

    docs: dict[str, list[SourceDoc]] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)  # kinds with a file that could not be read

    def of(self, kind: str) -> list[SourceDoc]:
        return self.docs.get(kind, [])

    def every(self) -> list[SourceDoc]:
        """Every parsed file, kind by kind."""
        return [doc for docs in self.docs.values() for doc in docs]


def _cached(memo: Memo | None, load, file: Path, rel: str, problems: Problems) -> SourceDoc | None:
    """load(file, rel, problems), reused while the file's bytes are unchanged (live preview)."""
    key = (load.__name__, rel, file.read_bytes()) if memo is not None else None
    return run(memo, key, lambda found: load(file, rel, found), problems)


def _files(root: Path, pattern: str) -> list[Path]:
    """The files a kind's pattern finds under the site folder, sorted ('content/org.yml', or a
    glob such as 'content/stories/**/*.md'); a README.md is a note for authors (`gridboard init`
    writes one into every folder), never content."""
    parts = pattern.split("/")
    fixed = next((i for i, p in enumerate(parts) if "*" in p), len(parts))
    base = root.joinpath(*parts[:fixed])
    if fixed == len(parts):
        return [base] if base.is_file() else []
    if not base.is_dir():
        return []
    found = base.glob("/".join(parts[fixed:]))
    return sorted(p for p in found if p.is_file() and p.name.lower() != "readme.md")


@contextlib.contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while a stage makes many objects that form no cycles.

    Parsing and validating make hundreds of thousands of small dicts, lists and nodes; the
    collector would rescan all that survive again and again (about 40 % of loading). Reference
    counting still frees everything; the collector runs again afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@gc_paused()
def load_content(root: Path, problems: Problems, memo: Memo | None = None) -> Sources:
    """Find and parse every file under root/content (sorted, so output order is stable)."""
    from .kinds.registry import KINDS  # the kinds import their models, which import this module

    content = root / "content"
    sources = Sources()
    if not content.is_dir():
        problems.add(
            "content", None, "", "找不到 content/ 文件夹", "no content/ folder next to site_config.yml"
        )
        return sources
    inside = content.resolve()

    def read(load, file: Path) -> SourceDoc | None:
        rel = file.relative_to(root).as_posix()
        if not file.resolve().is_relative_to(inside):  # a link (shortcut) to a file elsewhere
            problems.add(
                rel,
                None,
                "",
                "这个文件是指向 content/ 以外的快捷方式（链接），不会读取：请把真正的文件复制进来",
                "the file is a link to a place outside content/ and is not read; copy the real file in",
            )
            return None
        return _cached(memo, load, file, rel, problems)

    for kind in KINDS:
        files = [f for pattern in kind.files for f in _files(root, pattern)]
        if not files and kind.missing:
            problems.add(kind.files[0], None, "", *kind.missing)
        load = load_markdown_file if kind.shape == "markdown" else load_yaml_file
        docs = sources.docs.setdefault(kind.id, [])
        for file in files:
            doc = read(load, file)
            if doc is None:
                sources.failed.add(kind.id)
            else:
                docs.append(doc)
    return sources
