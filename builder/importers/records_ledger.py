"""Records ledgers: one Excel row per record of a list kind (微心愿, 报到党员), declared per kind as
a Spec of columns, and the parts every such ledger shares: the site's names a sheet may use, the
header and data rows of a sheet, and the template workbook.

A column's key is the record field it fills, dotted for a field of a block (`claimed.by`). The
grid ledger's guarantees hold here too: cells written from content are text, never formulas
(template.put), headers are matched after normalisation (ledger_columns.normalise), columns of
personal data are left out with a warning, and every cell knows where it is (`FILE.xlsx:微心愿!B7`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter, quote_sheetname

from ..model.base import read_as_note, read_day
from ..problems import Problems
from . import ledger_values as values
from .ledger_columns import PRIVATE, normalise
from .ledger_read import Sheet
from .ledger_rows import Cell, same_column
from .org_index import bare
from .site_files import Unreadable, fast_load, grid_paths, grids_of
from .template import put, write_sheet

_HEADER_SEARCH = 15  # rows a title block above the header may take
_NOTE_ROW = re.compile(r"^(注|备注|说明|填表说明|填表人|制表|审核)[:：\s]")
_DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
YES_NO = ["是", "否"]


@dataclass(frozen=True)
class Column:
    """One column of a ledger: the field it fills, its header and how the template shows it."""

    key: str  # record field, dotted inside a block (claimed.by); see Spec.read for pseudo keys
    header: str  # what the template writes (and import reads)
    width: int
    note: str  # shown when the header cell is pointed at
    check: str | None = None  # a drop-down list's name (Names.lists), or "text" for a text column
    also: tuple[str, ...] = ()  # other headers offices write for it
    value: str = "text"  # how a cell is read: text, date, community, grid, yes, phone, or own (Spec.read)


# the id of a blank template's example row on a site with no such records yet: a made-up record
# (一台助行器 for 王奶奶) that the import skips, so it is never published by mistake
EXAMPLE_ID = "示例（导入时跳过）"


@dataclass
class Row:
    """One data row of a ledger: its cells by column key (only the filled ones) and its place."""

    where: str  # the whole row, `FILE.xlsx:微心愿!7行`
    cells: dict[str, Cell] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)  # every column the sheet has → this row's cell

    @property
    def keys(self) -> set[str]:
        """The fields the row speaks for: the sheet's columns, filled or not."""
        return self.places.keys()


@dataclass(frozen=True)
class Spec:
    """What one kind's ledger holds and how its rows become records (ledger_wishes, ledger_members)."""

    kind: str  # the kind id and content/<kind>/ folder: wishes, members
    label: str  # 微心愿
    sheet: str  # the template's sheet title
    schema: str  # schemas/<schema>.schema.json, named at the head of a new file
    model: type  # the record's model (Wish, Member): each row's record is validated by it
    columns: tuple[Column, ...]
    anchor: str  # a column every header of this ledger has (wish, name)
    order: dict[str, tuple[str, ...]]  # key order of the record ("") and of each block
    flow: frozenset[str]  # blocks written on one line, {by: …, date: …}, as the example files do
    to_row: Callable[[dict, Names], list]  # a record → the cells of its row, in column order
    read: Callable[[Row, Names, Problems, dict], None]  # the `own` columns of a row into the updates
    natural: Callable[[dict], tuple]  # what identifies a record when a row has no id
    new_id: Callable[[dict, dict[str, str], Names], str]  # a free id, given the ids taken (→ community)
    placeholder: Callable[[Names], dict]  # the example record of a blank template on an empty site
    notes: tuple[str, ...]  # the 说明 sheet

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


class Names:
    """The site's communities, grids, units and members, by id and by the names a sheet writes."""

    def __init__(self, root: Path):
        org = _load(root / "content" / "org.yml") or {}
        self.communities: dict[str, str] = {}
        for s in org.get("streets") or [] if isinstance(org, dict) else []:
            for c in s.get("communities") or [] if isinstance(s, dict) else []:
                if isinstance(c, dict) and c.get("id"):
                    self.communities[str(c["id"])] = str(c.get("name", c["id"]))
        self.grids: dict[str, tuple[str, str]] = {}  # id → (community, name)
        for path in grid_paths(root):
            for g in grids_of(_load(path)):
                self.grids[str(g.get("id"))] = (str(g.get("community")), str(g.get("name", "")))
        self.units = {str(u.get("id")): str(u.get("name", "")) for u in records(root, "units")}
        self.members = {str(m.get("id")): str(m.get("name", "")) for m in records(root, "members")}

    def lists(self) -> dict[str, list[str]]:
        """The drop-down lists of the templates, by name."""
        return {
            "communities": list(self.communities.values()),
            "status": ["待认领", "已认领", "已实现", "已关闭"],
            "yesno": YES_NO,
            "units": sorted(set(self.units.values())),
        }

    def community(self, cell: Cell, problems: Problems) -> str | None:
        """The community id a cell names (恒大城社区, 恒大城 or hengdacheng); else said at the cell."""
        text = cell.text.strip()
        for cid, name in self.communities.items():
            if text in (cid, name) or bare(text) == bare(name):
                return cid
        close = difflib.get_close_matches(text, list(self.communities.values()), n=1, cutoff=0.4)
        hint = f"是不是“{close[0]}”？" if close else "请从下拉列表选择"
        problems.add(
            cell.where,
            None,
            "社区",
            f"社区“{text}”不在 content/org.yml 里：{hint}（新社区要先加进 org.yml）",
            "unknown community: choose one of org.yml (add a new one there first)",
        )
        return None

    def grid(self, cell: Cell, community: str | None, problems: Problems) -> str | None:
        """The grid id a cell names: an id, or a grid name (in full, or its end: 第一网格) of the community."""
        text = cell.text.strip()
        if text in self.grids:
            return text
        mine = {gid: name for gid, (c, name) in self.grids.items() if c == community}
        hits = [gid for gid, name in mine.items() if name == text] or [
            gid for gid, name in mine.items() if len(text) >= 3 and name.endswith(text)
        ]
        if len(hits) == 1:
            return hits[0]
        where = f"社区“{self.communities.get(community or '', community)}”里" if community else ""
        close = difflib.get_close_matches(text, list(mine.values()), n=1, cutoff=0.4)
        problems.add(
            cell.where,
            None,
            "网格",
            f"{where}没有网格“{text}”" + (f"：是不是“{close[0]}”？" if close else "：写网格名称或编号"),
            "unknown grid: write the name or id of a grid of the community",
        )
        return None

    def grid_name(self, gid: str | None) -> str:
        return self.grids.get(gid, ("", gid or ""))[1] if gid else ""


def records(root: Path, kind: str) -> list[dict]:
    """The records of content/<kind>/*.yml as plain data (a file that does not parse is left out)."""
    out = []
    for path in record_paths(root, kind):
        data = _load(path)
        out += [r for r in data if isinstance(r, dict)] if isinstance(data, list) else []
    return out


def record_paths(root: Path, kind: str) -> list[Path]:
    folder = root / "content" / kind
    return sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])


def _load(path: Path):
    try:
        return fast_load(path) if path.is_file() else None
    except Unreadable:
        return None


# ---- reading a sheet ------------------------------------------------------------------------------


def read_rows(spec: Spec, sheets: list[Sheet], problems: Problems) -> list[Row]:
    """The data rows of every visible sheet with this ledger's header; the header's problems said."""
    words = {normalise(w): c.key for c in spec.columns for w in (c.header, *c.also)}
    rows: list[Row] = []
    for sheet in sheets:
        found = _header(sheet, words, spec.anchor)
        if found is None:
            continue
        at, keys = found
        _report_columns(spec, sheet, at, keys, problems)
        present = frozenset(k for k in keys if k and k not in ("?", "private"))
        for i in range(at + 1, len(sheet.rows)):
            texts = sheet.rows[i]
            filled = [t for t in texts if t]
            if not filled or (len(filled) == 1 and _NOTE_ROW.match(filled[0])):
                continue  # blank, or a note under the table
            row = Row(sheet.where(i + 1))
            for j, key in enumerate(keys):
                if key in present:
                    row.places[key] = sheet.where(i + 1, j + 1)
                    if j < len(texts) and texts[j]:
                        row.cells[key] = Cell(texts[j], row.places[key])
            rows.append(row)
    if not any(_header(s, words, spec.anchor) for s in sheets):
        anchor = spec.column(spec.anchor)
        problems.add(
            sheets[0].file,
            None,
            "表头",
            f"找不到{spec.label}台账的表头：前 {_HEADER_SEARCH} 行里要有一行写着“{anchor.header}”“社区”等列名"
            f"（可用 gridboard template {spec.kind} 生成模板）",
            f"no {spec.kind} ledger header found: use `gridboard template {spec.kind}`",
        )
    return rows


def _header(sheet: Sheet, words: dict[str, str], anchor: str) -> tuple[int, list[str]] | None:
    """(index of the header row, each column's key): the best-matching row of the first 15."""
    best = None
    for i, cells in enumerate(sheet.rows[:_HEADER_SEARCH]):
        keys = [_key(text, words) for text in cells]
        score = len({k for k in keys if k not in ("", "?", "private")})
        if anchor in keys and score >= 2 and (best is None or score > best[0]):
            best = (score, i, keys)
    return best[1:] if best else None


def _key(text: str, words: dict[str, str]) -> str:
    norm = normalise(text)
    if not norm:
        return ""
    for form in (norm, re.sub(r"\([^)]*\)$", "", norm)):
        if form in words:
            return words[form]
    return "private" if norm in {normalise(w) for w in PRIVATE} else "?"


def _report_columns(spec: Spec, sheet: Sheet, at: int, keys: list[str], problems: Problems) -> None:
    seen: dict[str, int] = {}
    texts = sheet.rows[at]
    for j, key in enumerate(keys):
        where, text = sheet.where(at + 1, j + 1), texts[j]
        if key == "?":
            close = difflib.get_close_matches(text, [c.header for c in spec.columns], n=1, cutoff=0.5)
            hint = f"是不是“{close[0]}”？" if close else ""
            problems.warn(where, None, text, f"不认识的列名“{text}”，这一列不导入。{hint}", "unknown column")
        elif key == "private":
            problems.warn(
                where, None, text, f"“{text}”是个人信息，不会导入，也不会发布", "personal data: not imported"
            )
        elif key in seen:
            same_column(problems, where, text, sheet.where(at + 1, seen[key] + 1))
        elif key:
            seen[key] = j


# ---- cell values ----------------------------------------------------------------------------------


def updates(spec: Spec, row: Row, names: Names, problems: Problems) -> dict:
    """A row as {dotted field: value}, for every column the sheet has (None: the cell is empty, the
    field is removed); bad cells said where they are. The id column is the caller's."""
    out: dict = {}
    community = row.cells.get("community")
    cid = names.community(community, problems) if community else None
    if community is None:
        problems.add(row.where, None, "社区", "没有填写社区", "the community is missing")
    for col in spec.columns:
        cell = row.cells.get(col.key)
        if col.key not in row.keys or col.key == "id" or col.value == "own":
            continue
        if cell is None:
            out[col.key] = None
        elif col.value == "community":
            out[col.key] = cid
        elif col.value == "grid":
            out[col.key] = names.grid(cell, cid, problems)
        elif col.value == "date":
            out[col.key] = date(cell, col.header, problems)
        elif col.value == "yes":
            out[col.key] = yes(cell, col.header, problems) or None
        elif col.value == "phone":
            out[col.key] = phone(cell, problems)
        else:
            out[col.key] = cell.text.strip() or None
    spec.read(row, names, problems, out)
    return out


def date(cell: Cell, what: str, problems: Problems) -> dt.date | None:
    """2026-09-03, 2026/9/3, 2026.9.3 or 2026年9月3日 → the date; anything else said at the cell."""
    m = _DATE.match(cell.text.strip())
    if m:
        day, other_form = read_day(re.sub(r"\s+\d{1,2}:\d{2}(?::\d{2})?$", "", m.group(0)))
        if day is not None:
            if other_form:  # as the site's own files say it (model/base.py), once per cell
                problems.warn(cell.where, None, what, *read_as_note(cell.text.strip(), day, day.isoformat()))
            return day
    problems.add(
        cell.where,
        None,
        what,
        f"{what}“{cell.text}”不是日期：写成 2026-09-03 这样的年-月-日",
        f"{what}: not a date; write it as YYYY-MM-DD",
    )
    return None


def yes(cell: Cell | None, what: str, problems: Problems) -> bool | None:
    """是/否 (and the other ways of saying so the grid ledger takes); None for an empty cell."""
    if cell is None:
        return None
    try:
        return values.party(cell.text)
    except values.Bad:
        problems.add(
            cell.where,
            None,
            what,
            f"{what}应填“是”或“否”，不能写“{cell.text}”",
            f"{what}: 是 (yes) or 否 (no)",
        )
        return None


def phone(cell: Cell, problems: Problems):
    try:
        return values.quoted(values.phone(cell.text))
    except values.Bad as bad:
        problems.add(cell.where, None, "电话", bad.zh, bad.en)
        return None


# ---- the template ---------------------------------------------------------------------------------


def workbook(
    spec: Spec, names: Names, rows: list[dict], example: bool, known: list[dict] | None = None
) -> Workbook:
    """The ledger workbook: `rows` filled in (one grey example, or all the site's records); its notes
    name the id the import would give a new record next, after the `known` records' ids."""
    book = Workbook()
    ws = book.active
    ws.title = spec.sheet
    lists = book.create_sheet("选项")
    lists.sheet_state = "hidden"
    ranges = {}
    for j, (name, items) in enumerate(names.lists().items(), start=1):
        for i, item in enumerate(items, start=1):
            put(lists, i, j, item)
        col = get_column_letter(j)
        ranges[name] = f"{quote_sheetname(lists.title)}!${col}$1:${col}${max(len(items), 1)}"
    known = rows if known is None else known
    taken = {str(r["id"]): str(r.get("community")) for r in known if r.get("id") not in (None, EXAMPLE_ID)}
    new_id = spec.new_id(spec.placeholder(names), taken, names)  # the id the site would give next
    columns = [(c.header, c.width, c.note.replace("{new_id}", new_id), c.check) for c in spec.columns]
    write_sheet(ws, columns, ranges, [spec.to_row(r, names) for r in rows], example)
    notes = book.create_sheet("说明")
    for i, line in enumerate(spec.notes, start=1):
        notes.cell(i, 1, line.replace("{new_id}", new_id))
    notes.column_dimensions["A"].width = 100
    return book
