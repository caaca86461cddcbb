"""Ledger rows: the cells of each sheet → one GridRow per data row (grid fields, team members).

A sheet may hold one row per grid (people in role columns: 网格长 | 电话 | 专职网格员 …) or one row
per team member (姓名 | 角色 | 电话 under the grid's name), or both kinds of column. Street and
community carry down to the rows below them when left blank, as ledgers with merged cells read; in
a sheet of team members, so does the grid's name.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..problems import Problems
from .ledger_columns import Column, Columns, assign_phones
from .ledger_read import Sheet

_HEADER_SEARCH = 15  # rows a title block above the header may take
_SPLIT = re.compile(r"[、,，;；/／\n]+")
_PHONE_IN = re.compile(r"(?<!\d)(1[3-9]\d(?:[ -]?\d{4}){2}|0\d{2,3}-?\d{7,8}|\d{7,8})(?!\d)")
_NOTE = re.compile(r"[（(]([^）)]*)[）)]")
_TOTAL = {"合计", "总计", "小计", "合 计", "总 计", "小 计"}
_NOTE_ROW = re.compile(r"^(注|备注|说明|填表说明|填表人|制表|审核|联系人)[:：\s]")
_CARRY = ("street", "community")
_CARRY_MEMBER_SHEET = ("id", "name", "code")


@dataclass(frozen=True)
class Cell:
    """A cell's text and where it is (`FILE.xlsx:Sheet!C14`)."""

    text: str
    where: str


@dataclass
class MemberRow:
    """One person of a grid's team, as the ledger gives them."""

    role: str
    name: Cell
    phone: Cell | None = None
    party: Cell | None = None
    duty: Cell | None = None
    note: str = ""  # “（社区书记）” after the name: the duty of a new person, never over a written one


@dataclass
class GridRow:
    """One data row: the grid's own fields and the people it names."""

    where: str  # the row, for messages about the whole row
    fields: dict[str, Cell] = field(default_factory=dict)
    members: list[MemberRow] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)  # roles this row speaks for (its team columns)


def read_rows(
    sheets: list[Sheet], vocab: Columns, problems: Problems, only: str | None = None
) -> list[GridRow]:
    """Every data row of every sheet that has a grid ledger header (or only the sheet named)."""
    rows: list[GridRow] = []
    used = 0
    for sheet in sheets:
        if only and sheet.name != only:
            continue
        found = _header(sheet, vocab)
        if found is None:
            if only or len(sheets) == 1:
                problems.add(
                    sheet.where(1),
                    None,
                    "表头",
                    "找不到表头：前 15 行里没有一行同时有“网格名称”和“社区”或“姓名”等列名",
                    "no header row found: a row naming columns such as 网格名称 and 社区 is needed",
                )
            continue
        used += 1
        at, header, columns = found
        _report_columns(sheet, at, header, columns, vocab, problems)
        rows.extend(_data_rows(sheet, at, columns, vocab, problems))
    if only and not any(s.name == only for s in sheets):
        names = "、".join(s.name for s in sheets)
        problems.add(
            sheets[0].file, None, "--sheet", f"没有名为“{only}”的工作表；表中有：{names}", "no such sheet"
        )
    elif not used and len(sheets) > 1:
        problems.add(
            sheets[0].file,
            None,
            "表头",
            "所有工作表都找不到表头（需要“网格名称”等列名）",
            "no sheet has a ledger header (a 网格名称 column is needed)",
        )
    return rows


def _header(sheet: Sheet, vocab: Columns) -> tuple[int, list[str], list[Column]] | None:
    """(index of the header's last row, header texts, their meanings): the row among the first 15
    that reads best as a ledger header. A header may take two rows, a merged “网格长” over “姓名”
    and “电话”: each column is then named by both (网格长姓名, 网格长电话)."""
    best = None
    rows = sheet.rows[:_HEADER_SEARCH]
    for i, cells in enumerate(rows):
        candidates = [(i, list(cells))]
        if i + 1 < len(sheet.rows):
            below = sheet.rows[i + 1]
            width = max(len(cells), len(below))
            top = list(cells) + [""] * (width - len(cells))
            sub = list(below) + [""] * (width - len(below))
            # under a merged cell the top text repeats; a column merged down both rows repeats too
            candidates.append((i + 1, [t + b if b and b != t else t for t, b in zip(top, sub, strict=True)]))
        for last, header in candidates:
            columns = assign_phones([vocab.match(c) for c in header])
            # distinct meanings: a merged 网格长 read twice counts once
            score = len({c for c in columns if c.key not in ("unknown", "ignore", "private")})
            if "name" not in {c.key for c in columns} or score < 2:
                continue
            if best is None or score > best[0]:
                best = (score, last, header, columns)
    return best[1:] if best else None


def _report_columns(
    sheet: Sheet, at: int, header: list[str], columns: list[Column], vocab: Columns, problems: Problems
) -> None:
    seen: dict[tuple[str, str], int] = {}
    for j, col in enumerate(columns):
        where = sheet.where(at + 1, j + 1)
        text = header[j]
        if col.key == "unknown":
            close = difflib.get_close_matches(text, vocab.known_names(), n=1, cutoff=0.5)
            hint = f"是不是“{close[0]}”？" if close else ""
            problems.warn(
                where,
                None,
                text,
                f"不认识的列名“{text}”，这一列不导入。{hint}可在对照表（--mapping）里写明它对应哪一项",
                "unknown column, not imported: name it in a --mapping file",
            )
        elif col.key == "private":
            problems.warn(
                where,
                None,
                text,
                f"“{text}”是个人信息，不会导入，也不会发布到网站上",
                "personal data column: never imported or published",
            )
        elif col.key not in ("ignore",):
            key = (col.key, col.role)
            if key in seen:
                same_column(problems, where, text, sheet.where(at + 1, seen[key] + 1))
            seen[key] = j


def same_column(problems: Problems, where: str, text: str, first: str) -> None:
    """A second column of the header that means the same field as the one at `first`."""
    problems.add(
        where,
        None,
        text,
        f"“{text}”与 {first} 是同一项，请删去一列",
        "two columns mean the same field: keep one",
    )


def _data_rows(
    sheet: Sheet, at: int, columns: list[Column], vocab: Columns, problems: Problems
) -> list[GridRow]:
    member_sheet = any(c.key == "member_name" for c in columns)
    carry = _CARRY + (_CARRY_MEMBER_SHEET if member_sheet else ())
    above: dict[str, Cell] = {}
    out = []
    for i in range(at + 1, len(sheet.rows)):
        cells = sheet.rows[i]
        filled = [c for c in cells if c]
        if not filled or (len(filled) == 1 and _NOTE_ROW.match(filled[0])) or _TOTAL & set(filled):
            continue  # blank, a note under the table, or a 合计 row
        row = GridRow(sheet.where(i + 1))
        people: dict[str, list[Cell]] = {}
        phones: dict[str, Cell] = {}
        member: dict[str, Cell] = {}
        for j, col in enumerate(columns):
            text = cells[j] if j < len(cells) else ""
            cell = Cell(text, sheet.where(i + 1, j + 1))
            if col.key == "role":
                row.roles.add(col.role)
                if text:
                    people.setdefault(col.role, []).append(cell)
            elif col.key == "role_phone":
                row.roles.add(col.role)
                if text:
                    phones[col.role] = cell
            elif col.key.startswith("member_"):
                if text:
                    member[col.key] = cell
            elif col.key in ("unknown", "ignore", "private"):
                continue
            elif text:
                row.fields[col.key] = cell
        for key in carry:
            if key in row.fields:
                above[key] = row.fields[key]
            elif key in above:
                row.fields[key] = above[key]
        for role, cells_of_role in people.items():
            row.members.extend(_people(role, cells_of_role, phones.get(role), problems))
        for role, phone in phones.items():
            if role not in people:
                problems.add(
                    phone.where, None, vocab.roles[role], "只填了电话，没有填姓名", "a phone without a name"
                )
        if member:
            _member(row, member, vocab, problems)
        out.append(row)
    if member_sheet:  # a roster speaks for the roles it lists, in every grid it names
        covered = set().union(*(r.roles for r in out)) if out else set()
        for r in out:
            r.roles = set(covered)
    return out


def _people(role: str, cells: list[Cell], phone: Cell | None, problems: Problems) -> list[MemberRow]:
    """“张三 13800001234、李四” → two people; a separate phone cell pairs with them in order."""
    found: list[MemberRow] = []
    for cell in cells:
        for part in _SPLIT.split(cell.text):
            part = part.strip()
            if not part:
                continue
            own = _PHONE_IN.search(part)
            rest = _PHONE_IN.sub("", part)
            notes = [n.strip() for n in _NOTE.findall(rest) if n.strip()]  # “武新华（社区书记）”
            name = re.sub(r"\s+", "", _NOTE.sub("", rest)).strip(":：")
            member = MemberRow(role, Cell(name, cell.where))
            if own:
                member.phone = Cell(own.group(1), cell.where)
            if notes:
                member.note = "；".join(notes)
            found.append(member)
    if phone:
        numbers = [p.strip() for p in _SPLIT.split(phone.text) if p.strip()]
        if len(numbers) != len(found):
            problems.add(
                phone.where,
                None,
                "电话",
                f"有 {len(found)} 个姓名却有 {len(numbers)} 个电话，对不上；多人时用顿号分开，顺序与姓名一致",
                "the number of phones does not match the number of names",
            )
        else:
            for m, number in zip(found, numbers, strict=True):
                m.phone = Cell(number, phone.where)
    return found


def _member(row: GridRow, cells: dict[str, Cell], vocab: Columns, problems: Problems) -> None:
    name = cells.get("member_name")
    role_cell = cells.get("member_role")
    if not name:
        where = next(iter(cells.values())).where
        problems.add(where, None, "姓名", "这一行有人员信息但没有姓名", "member details without a name")
        return
    if not role_cell:
        problems.add(
            name.where, None, "角色", "没有填角色（如 网格长、专职网格员）", "the member's role is missing"
        )
        return
    col = vocab.match(role_cell.text)
    if col.key != "role":
        choices = "、".join(vocab.roles.values())
        problems.add(
            role_cell.where,
            None,
            "角色",
            f"不认识的角色“{role_cell.text}”，应为：{choices}",
            "unknown role: use one of the roles in site_config.yml",
        )
        return
    row.roles.add(col.role)
    row.members.append(
        MemberRow(
            col.role, name, cells.get("member_phone"), cells.get("member_party"), cells.get("member_duty")
        )
    )
