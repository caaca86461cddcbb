"""`gridboard template grids`: an Excel ledger that imports cleanly, for staff to fill in.

Two sheets that `gridboard import grids` reads together: 网格 (one row per grid, the grid leader and
worker in columns) and 队伍 (one row per other team member). Drop-down lists come from the site:
grid types, communities and streets of org.yml, roles of site_config.yml; number columns accept only
whole numbers; phone and code columns are text, so Excel keeps leading zeros. The example row is the
site's first grid as it stands, so importing the untouched template changes nothing; --filled writes
every grid of the site, to be edited in Excel and imported back.

Every cell written from content is a text cell, never a formula: openpyxl would store a string that
starts with "=" as a live formula (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0` run when the file is
opened) and "#N/A" as an error; text that starts with =, +, -, @ (what spreadsheets evaluate, the
OWASP CSV-injection rule) is also marked quotePrefix, so Excel keeps it text when the cell is edited.
Only the count columns (户数, 人口, 党员人数) keep whole numbers as numbers. Reading back gives the
text as written, so a template round-trips unchanged (control characters, which no .xlsx can hold,
are left out: importing the file back shows that as an edit).
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from ..config import load_config
from ..problems import ContentError
from .ledger_read import cell_text
from .ledger_values import KIND_LABELS
from .site_files import Unreadable, fast_load, grid_paths, grids_of

# header, width, note (shown when the header cell is pointed at), kind of check
GRID_COLUMNS = [
    ("街道", 12, "所属街道（镇），从下拉列表选", "street"),
    ("社区", 14, "所属社区（村），从下拉列表选；新社区直接写名称，导入时会加进 org.yml", "community"),
    ("网格名称", 22, "如：某某社区第一网格。必填", None),
    ("网格代码", 18, "15 位数字 = 12 位社区代码 + 3 位序号", "text"),
    ("网格类型", 10, "基础网格 或 专属网格，从下拉列表选", "kind"),
    ("覆盖范围", 24, "写到楼栋或场所，如：某某小区 1—5 号楼", None),
    ("楼栋", 24, "多个楼栋用顿号分开，如：1号楼、2号楼", None),
    ("户数", 8, "只写数字", "count"),
    ("人口", 8, "只写数字", "count"),
    ("网格长", 10, "姓名", None),
    ("网格长电话", 14, "手机 11 位；没有本人同意书的手机号，网站上会自动打码", "text"),
    ("专职网格员", 10, "姓名", None),
    ("专职网格员电话", 14, "手机 11 位", "text"),
    ("党支部", 24, "网格党支部或党小组名称", None),
    ("支部书记", 10, "姓名", None),
    ("党员人数", 8, "只写数字", "count"),
    ("监督电话", 14, "办公座机，写成 区号-号码", "text"),
    ("备注", 24, "会显示在网格页上", None),
]
TEAM_COLUMNS = [
    ("社区", 14, "与“网格”表一致", "community"),
    ("网格名称", 22, "与“网格”表一致", None),
    ("姓名", 10, "必填", None),
    ("角色", 12, "从下拉列表选", "role"),
    ("电话", 14, "手机 11 位", "text"),
    ("是否党员", 8, "是 或 否", "yesno"),
    ("分工", 24, "如：负责 1—3 号楼", None),
]
_HEAD_FILL = PatternFill("solid", fgColor="FFD9D9D9")
_EXAMPLE_FONT = Font(color="FF595959", italic=True)
_ROWS = 500  # rows the drop-downs and checks cover
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what Excel and its kin evaluate, or may


def run(config_file: Path, out: Path, filled: bool = False) -> int:
    try:
        config, root = load_config(config_file)
    except ContentError as err:
        for p in err.problems.items:
            print(p.format(), file=sys.stderr)
        return 1
    if out.exists():
        print(f"{out} 已存在，不会覆盖 / already exists, not overwritten", file=sys.stderr)
        return 1
    org = fast_load(root / "content" / "org.yml") if (root / "content" / "org.yml").is_file() else {}
    grids = _grids(root)
    book = write_template(config.roles, org, grids if filled else grids[:1], example=not filled)
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    print(
        f"已生成 {out}：在“网格”表每行填一个网格，“队伍”表填其他队伍成员；填好后运行\n"
        f"  gridboard import grids {out}\n"
        f"wrote {out}: fill in one grid per row, then import it with the command above"
    )
    return 0


def write_template(roles: dict[str, str], org, grids: list[dict], example: bool = True) -> Workbook:
    """The workbook: `grids` filled in (the first grid as a grey example row, or all of them)."""
    book = Workbook()
    grid_sheet = book.active
    grid_sheet.title = "网格"
    team = book.create_sheet("队伍")
    lists = book.create_sheet("选项")
    lists.sheet_state = "hidden"
    streets = [str(s.get("name")) for s in org.get("streets") or []]
    communities = [str(c.get("name")) for s in org.get("streets") or [] for c in s.get("communities") or []]
    sources = {
        "kind": list(KIND_LABELS.values()),
        "role": [label for role, label in roles.items() if role not in ("grid_leader", "grid_worker")]
        or list(roles.values()),
        "street": streets,
        "community": communities,
        "yesno": ["是", "否"],
    }
    ranges = {}
    for j, (name, items) in enumerate(sources.items(), start=1):
        for i, item in enumerate(items, start=1):
            put(lists, i, j, item)
        col = get_column_letter(j)
        ranges[name] = f"{quote_sheetname(lists.title)}!${col}$1:${col}${max(len(items), 1)}"
    names = {
        c.get("id"): (str(s.get("name")), str(c.get("name")))
        for s in org.get("streets") or []
        for c in s.get("communities") or []
    }
    grid_rows = [_grid_row(g, names) for g in grids] or [_PLACEHOLDER]
    team_rows = [row for g in grids for row in _team_rows(g, names, roles)]
    write_sheet(grid_sheet, GRID_COLUMNS, ranges, grid_rows, example)
    write_sheet(team, TEAM_COLUMNS, ranges, team_rows, example)
    notes = book.create_sheet("说明")
    for i, line in enumerate(_NOTES, start=1):
        notes.cell(i, 1, line)
    notes.column_dimensions["A"].width = 100
    return book


def write_sheet(ws, columns, ranges, rows: list[list], example: bool) -> None:
    """Headers with notes, drop-downs and checks for 500 rows, then the rows (grey when an example)."""
    for j, (name, width, note, check) in enumerate(columns, start=1):
        cell = ws.cell(1, j, name)
        cell.font = Font(bold=True)
        cell.fill = _HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.comment = Comment(note, "gridboard")
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = width
        area = f"{letter}2:{letter}{_ROWS}"
        if check in ranges:
            dv = DataValidation(type="list", formula1=f"={ranges[check]}", allow_blank=True)
            if check in ("street", "community"):  # a new street or community may be typed in
                dv.showErrorMessage = False
            else:
                dv.error, dv.errorTitle = f"请从下拉列表里选择{name}", "不在列表中"
                dv.showErrorMessage = True
            dv.add(area)
            ws.add_data_validation(dv)
        elif check == "count":
            dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
            dv.error, dv.errorTitle, dv.showErrorMessage = "只能填写整数", "不是数字", True
            dv.add(area)
            ws.add_data_validation(dv)
        if check == "text":
            for r in range(2, _ROWS + 1):
                ws.cell(r, j).number_format = "@"
    for i, row in enumerate(rows, start=2):
        for j, value in enumerate(row, start=1):
            cell = put(ws, i, j, value, number=columns[j - 1][3] == "count")
            if example:
                cell.font = _EXAMPLE_FONT
            if columns[j - 1][3] == "text":
                cell.number_format = "@"
    ws.freeze_panes = "A2"


def put(ws, row: int, column: int, value: object, number: bool = False):
    """Write a value from content into a cell as text, never a formula; numbers stay numbers only
    where `number` (the count columns). The text is what import reads back from the cell."""
    cell = ws.cell(row, column)
    if number and isinstance(value, int) and not isinstance(value, bool):
        cell.value = value
        return cell
    text = ILLEGAL_CHARACTERS_RE.sub("", cell_text(value))  # control characters no .xlsx can hold
    if text:
        cell.value = text
        cell.data_type = "s"  # after the value: openpyxl makes "=…" a formula, "#N/A" an error
        cell.quotePrefix = text.startswith(_FORMULA_START)
    return cell


def _grids(root: Path) -> list[dict]:
    """Every grid of the site, file by file (a file that does not parse is left out)."""
    out = []
    for path in grid_paths(root):
        try:
            out += [g for g in grids_of(fast_load(path)) if g.get("name")]
        except Unreadable:
            continue
    return out


def _person(grid: dict, role: str) -> dict:
    return next((m for m in grid.get("team") or [] if isinstance(m, dict) and m.get("role") == role), {})


_PLACEHOLDER = ["某某街道", "某某社区", "某某社区第一网格", "", "基础网格", "", "1号楼、2号楼", 300, 900]


def _grid_row(grid: dict, names: dict) -> list:
    street, community = names.get(grid.get("community"), ("", ""))
    leader, worker = _person(grid, "grid_leader"), _person(grid, "grid_worker")
    branch = grid.get("party_branch") or {}
    return [
        street,
        community,
        grid.get("name"),
        str(grid.get("code") or ""),
        KIND_LABELS.get(str(grid.get("kind")), ""),
        grid.get("covers"),
        "、".join(map(str, grid.get("buildings") or [])),
        grid.get("households"),
        grid.get("population"),
        leader.get("name"),
        str(leader.get("phone") or ""),
        worker.get("name"),
        str(worker.get("phone") or ""),
        branch.get("name"),
        branch.get("secretary"),
        branch.get("members"),
        str(grid.get("supervision_phone") or ""),
        grid.get("notes"),
    ]


def _team_rows(grid: dict, names: dict, roles: dict[str, str]) -> list[list]:
    """The rest of a grid's team: all of it, so importing the template back changes nothing."""
    _, community = names.get(grid.get("community"), ("", ""))
    rows = []
    for m in grid.get("team") or []:
        if not isinstance(m, dict) or m.get("role") in ("grid_leader", "grid_worker"):
            continue
        party = m.get("party_member")
        rows.append(
            [
                community,
                grid.get("name"),
                m.get("name"),
                roles.get(str(m.get("role")), ""),
                str(m.get("phone") or ""),
                "是" if party else "否" if party is not None else "",
                m.get("duty"),
            ]
        )
    return rows


_NOTES = [
    "网格台账填写说明",
    "",
    "1. “网格”表：每行一个网格。网格长和专职网格员直接写在这一行；其他人员（党建指导员、楼长、单元长、志愿者等）写在“队伍”表，每人一行。",
    "2. 灰色斜体的行是示例，取自网站上现有的第一个网格（原样导入不会改动任何内容）；可以改成实际内容，也可以整行删除。",
    "3. 社区、网格类型、角色请从下拉列表选。新社区可以直接写名称，同时填写街道，导入时会一起加到 org.yml。",
    "4. 户数、人口、党员人数只写数字；电话写 11 位手机号或 区号-座机号。",
    "5. 不要填写身份证号、家庭住址等个人信息：这些列不会导入。",
    "6. 没有本人书面同意的手机号，网站上会自动打码（如 138****1234）；同意书在网格文件里登记。",
    "7. 填好后运行：gridboard import grids 本文件.xlsx ；有错误会指出是哪个格子（如 网格!K5），全部改正后才会写入。",
    "8. 同一张表可以反复导入：没改的网格不会变，网格文件里手写的注释、照片、同意书、服务事项都会保留。",
]
