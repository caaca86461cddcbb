"""Grid files: the org.yml and content/grids/*.yml an import reads and writes.

Grid files are first read fast (PyYAML's C loader) to match and compare; the files that change get
only their changed grids' lines read and written again round-trip (ruamel.yaml), so comments and
layout stay. Before anything is written, the site as it would be is checked by the real pipeline in
a hidden hard-linked copy; then every file is written under a temporary name and renamed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from ..problems import ContentError, Problems
from ..report import Report
from . import yaml_roundtrip as rt
from .grid_merge import Draft, apply
from .org_index import OrgIndex, slug
from .site_files import Unreadable, fast_load, grid_paths, grids_of

_NEW_FILE_HEAD = "# yaml-language-server: $schema=../../schemas/grid.schema.json\n"


class GridFiles:
    """The org.yml and grid files of a site, and what the import changes in them.

    Grid files are first read fast (PyYAML's C loader) to match and compare; only the files that
    change are then read round-trip (ruamel.yaml, slow) and the changes applied again there."""

    def __init__(self, root: Path, problems: Problems):
        self.root = root
        self.org_path = root / "content" / "org.yml"
        org_text = self.org_path.read_text(encoding="utf-8-sig") if self.org_path.is_file() else ""
        self.org = rt.loads(org_text) if org_text else rt.CommentedMap()
        self.org_offset = rt.guess_offset(org_text)
        self.index = OrgIndex(self.org)
        self.files: dict[Path, list] = {}
        self.changes: dict[Path, list[tuple[str | None, rt.CommentedMap, Draft, str]]] = {}
        for path in grid_paths(root):
            try:
                data = fast_load(path)
            except Unreadable as exc:  # a file the site itself cannot read: the check will say where
                problems.add(
                    rel(path, root), None, "", f"这个文件不是有效的 YAML，请先修好：{exc}", "invalid YAML"
                )
                continue
            self.files[path] = [rt.wrap(g) for g in grids_of(data)]
        self.grids: list[tuple[Path, rt.CommentedMap]] = []
        self.by_id: dict[str, tuple[Path, rt.CommentedMap]] = {}
        self.by_code: dict[str, tuple[Path, rt.CommentedMap]] = {}
        self.by_name: dict[tuple[str, str], tuple[Path, rt.CommentedMap]] = {}
        for path, grids in self.files.items():
            for g in grids:
                self._index(path, g)

    def _index(self, path: Path, g: rt.CommentedMap) -> None:
        hit = (path, g)
        self.grids.append(hit)
        self.by_id.setdefault(str(g.get("id")), hit)
        if g.get("code"):
            self.by_code.setdefault(str(g.get("code")), hit)
        self.by_name.setdefault((str(g.get("community")), str(g.get("name", "")).strip()), hit)

    def find(
        self, draft: Draft, community: str, community_name: str = ""
    ) -> tuple[Path, rt.CommentedMap] | None:
        """The grid the rows are about: by id, then 15-digit code, then community and name. A name
        written short (“第一网格” in 华山湖社区's rows) is the community's grid whose name ends so."""
        f = draft.fields
        hit = None
        if "id" in f:
            hit = self.by_id.get(f["id"].text.strip())
        if hit is None and "code" in f:
            hit = self.by_code.get(re.sub(r"\s", "", f["code"].text))
        if hit is None and "name" in f:
            name = f["name"].text.strip()
            hit = self.by_name.get((community, name)) or self.by_name.get((community, community_name + name))
            if hit is None and len(name) >= 3:
                ends = [h for (c, n), h in self.by_name.items() if c == community and n.endswith(name)]
                hit = ends[0] if len(ends) == 1 else None
        return hit

    def change(
        self, path: Path, old_id: str | None, grid: rt.CommentedMap, draft: Draft, community: str
    ) -> None:
        """Note a changed (old_id) or new (None) grid of `path`, to be written round-trip."""
        self.changes.setdefault(path, []).append((old_id, grid, draft, community))
        if old_id is None:
            self.files.setdefault(path, []).append(grid)
            self._index(path, grid)

    def home_for(self, community: str, street: rt.CommentedMap) -> Path:
        """The grid file a new grid of `community` goes in: where its neighbours are."""
        by_file = Counter(p for p, g in self.grids if g.get("community") == community)
        if by_file:
            return by_file.most_common(1)[0][0]
        siblings = {str(c.get("id")) for c in street.get("communities") or [] if isinstance(c, dict)}
        by_file = Counter(p for p, g in self.grids if g.get("community") in siblings)
        if by_file:
            return by_file.most_common(1)[0][0]
        return self.root / "content" / "grids" / f"{street.get('id')}.yml"

    def new_id(self, community: rt.CommentedMap) -> str:
        """hdc-13 after hdc-12: the prefix the community's grids use, else its name's initials."""
        taken = {str(g.get("id")) for _, g in self.grids}
        ids = [str(g.get("id")) for _, g in self.grids if g.get("community") == community.get("id")]
        prefixes = Counter(m.group(1) for i in ids if (m := re.match(r"^(.*?)-?(\d+)$", i)))
        prefix = prefixes.most_common(1)[0][0] if prefixes else slug(str(community.get("name")), set(), True)
        n = 1
        while f"{prefix}-{n:02d}" in taken:
            n += 1
        return f"{prefix}-{n:02d}"


def texts(site: GridFiles, org_changed: bool) -> dict[Path, str]:
    """The new text of each file that changes. Only the changed grids' lines are read round-trip
    and written again (comments and layout kept); new grids are appended."""
    out = {}
    for path, changes in site.changes.items():
        old = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
        text = _by_items(old, changes) if old else None
        if text is None:  # not cut into items: the whole file, round-trip
            text = _whole(old, changes)
        out[path] = text if old else _NEW_FILE_HEAD + text
    if org_changed:
        out[site.org_path] = rt.dump(site.org, site.org_offset)
    return out


def _by_items(text: str, changes) -> str | None:
    cut = rt.split_items(text)
    if cut is None:
        return None
    head, chunks, ids = cut
    offset = rt.guess_offset(text)
    for old_id, grid, draft, community in changes:
        if old_id is None:
            chunks[-1] = chunks[-1] if chunks[-1].endswith("\n") else chunks[-1] + "\n"
            chunks.append(rt.dump([grid], offset))
            continue
        if ids.count(old_id) != 1:
            return None
        i = ids.index(old_id)
        item = rt.loads(chunks[i])
        if rt.dump(item, offset) != chunks[i]:
            return None  # this item does not round-trip on its own: do the whole file
        apply(item[0], draft, community, Problems())  # checked already on the fast copy
        chunks[i] = rt.dump(item, offset)
    return head + "".join(chunks)


def _whole(text: str, changes) -> str:
    seq = rt.loads(text) if text else None
    if not isinstance(seq, list):
        seq = rt.CommentedSeq()
    by_id = {str(g.get("id")): g for g in seq if isinstance(g, dict)}
    for old_id, grid, draft, community in changes:
        if old_id is None:
            seq.append(grid)
        else:
            apply(by_id[old_id], draft, community, Problems())
    return rt.dump(seq, rt.guess_offset(text) if text else 2)


def check_site(root: Path, config_file: Path, texts: dict[Path, str], today: dt.date) -> Problems:
    """Run `gridboard check` on the site as it would be: a hidden temporary copy made of hard links
    to the real files (the check refuses symbolic links), with the new texts in place. Only errors in
    the files being written are returned: the site's other problems are not this import's."""
    from .. import pipeline

    with tempfile.TemporaryDirectory(prefix=".gridboard-import-", dir=root) as tmp:
        shadow = Path(tmp)
        shutil.copy2(config_file, shadow / config_file.name)
        _link_tree(root / "content", shadow / "content")
        for path, text in texts.items():
            target = shadow / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)  # a link to the real file: replace it, never write through it
            target.write_text(text, encoding="utf-8")
        try:
            pipeline.check(shadow / config_file.name, today, Report())
            return Problems()
        except ContentError as err:
            mine = {str(p.relative_to(root)) for p in texts}
            found = Problems()
            found.items = [p for p in err.problems.errors if p.path in mine]
            return found


def _link_tree(src: Path, dst: Path) -> None:
    for folder, _dirs, files in os.walk(src):
        here = dst / Path(folder).relative_to(src)
        here.mkdir(parents=True, exist_ok=True)
        for name in files:
            try:
                os.link(Path(folder) / name, here / name)
            except OSError:  # a file system without hard links: copy
                shutil.copy2(Path(folder) / name, here / name)


def write(texts: dict[Path, str]) -> None:
    """Write every file to a temporary name first, then rename them all: no half-written file."""
    staged = []
    for path, text in texts.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        staged.append((tmp, path))
    for tmp, path in staged:
        os.replace(tmp, path)


def write_said(texts: dict[Path, str], root: Path) -> None:
    """Write the files (all or none, as write()), a line for each, then what to do next."""
    write(texts)
    for path in texts:
        print(f"已写入 wrote {rel(path, root)}")
    print("下一步 / next: gridboard check，然后 gridboard build")


def rel(path: Path, root: Path) -> str:
    """`path` as shown to the author: relative to the site folder when inside it."""
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
