"""`gridboard import grids FILE.xlsx|.csv`: a grid ledger → content/grids/*.yml and content/org.yml.

All or nothing: every problem of the whole sheet is reported at its cell and nothing is written,
unless --partial, which writes the grids whose rows are all valid and lists the rest. Before a file
is replaced, the site with the new files is checked by the same pipeline as `gridboard check`, so an
import can never leave a site that does not build. Grids are matched by id, then 15-digit code, then
community + name: re-importing a sheet changes nothing, an edited sheet changes only what it edits.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..config import load_config
from ..model.org import Grid
from ..problems import ContentError, Problems
from . import yaml_roundtrip as rt
from .grid_files import GridFiles, check_site, rel, texts, write_said
from .grid_merge import Draft, apply, plain_data
from .ledger_columns import Columns
from .ledger_read import LedgerUnreadable, read_ledger
from .ledger_rows import GridRow, read_rows
from .org_index import bare

_ROW = re.compile(r"[!:][A-Z]*(\d+)行?$")
_FIELD_ZH = {
    "kind": "网格类型（基础网格/专属网格）",
    "name": "网格名称",
    "community": "社区",
    "code": "网格代码",
    "households": "户数",
    "population": "人口",
    "supervision_phone": "监督电话",
    "team": "网格队伍",
    "party_branch": "党支部",
}


@dataclass
class _Outcome:
    """What applying every grid of the sheet did."""

    changes: list[str]  # one line per grid added or updated
    skipped: list[str]  # grids with errors, left as they were
    fatal: list  # problems of the headers or the whole file, not of one grid's rows


def run(
    file: Path,
    config_file: Path,
    *,
    mapping: Path | None = None,
    sheet: str | None = None,
    partial: bool = False,
    dry_run: bool = False,
    today: dt.date | None = None,
) -> int:
    """Import one ledger; print the changes (stdout) or every problem (stderr). Exit 0 or 1."""
    problems = Problems()
    opened = _open_ledger(file, config_file, mapping, sheet, problems)
    if opened is None:
        return 1
    root, site, drafts = opened
    outcome = _import_all(drafts, site, problems, today or dt.date.today())
    if outcome.fatal or (problems.errors and not partial):
        _print(problems)
        n = problems.error_count
        print(
            f"\n共 {n} 处错误，没有写入任何文件。改正后重新导入即可（或加 --partial 只导入没有错误的网格）。\n"
            f"{n} error(s): nothing was written. Fix them and import again (or use --partial).",
            file=sys.stderr,
        )
        return 1
    used = {community for changes in site.changes.values() for _, _, _, community in changes}
    added = site.index.keep_only(used)
    written = texts(site, bool(added))
    if written and not _still_checks(root, config_file, written, today or dt.date.today()):
        return 1
    _print_outcome(problems, outcome, added, partial, len(drafts))
    if not written:
        print(
            f"没有变化：{len(drafts)} 个网格都与表格一致 / nothing changed ({len(drafts)} grids already match)"
        )
        return 0
    if dry_run:
        print("（--dry-run：只显示，没有写入 / nothing written)")
        return 0
    write_said(written, root)
    return 0


def _open_ledger(
    file: Path, config_file: Path, mapping: Path | None, sheet: str | None, problems: Problems
) -> tuple[Path, GridFiles, list[Draft]] | None:
    """The site folder, its grid files and the sheet's grids; None (said on stderr) when the
    configuration or the file cannot be read."""
    try:
        config, root = load_config(config_file)
    except ContentError as err:
        _print(err.problems)
        return None
    settings = _mapping(mapping, problems)
    if not file.is_file():
        print(f"找不到文件 {file} (no such file)", file=sys.stderr)
        return None
    try:
        sheets = read_ledger(file, file.name)
    except LedgerUnreadable as err:
        print(f"{err.zh}\n    ({err.en})", file=sys.stderr)
        return None
    if not sheets:
        print(f"{file.name} 里没有可见的工作表 (no visible sheet)", file=sys.stderr)
        return None
    vocab = Columns(config.roles, settings.get("columns"))
    rows = read_rows(sheets, vocab, problems, only=sheet or settings.get("sheet"))
    site = GridFiles(root, problems)
    drafts = _group(rows, problems)
    if not drafts and not problems.errors:
        problems.add(file.name, None, "", "表中没有任何网格数据行", "the sheet has no grid rows")
    return root, site, drafts


def _import_all(drafts: list[Draft], site: GridFiles, problems: Problems, today: dt.date) -> _Outcome:
    """Apply every grid whose rows the sheet reading found right; the others are skipped."""
    data_rows = {_row(r.where) for d in drafts for r in d.rows}
    fatal = [p for p in problems.errors if _row(p.path) not in data_rows]  # headers, whole file
    bad_rows = {_row(p.path) for p in problems.errors}  # rows the sheet reading found wrong
    changes: list[str] = []
    skipped: list[str] = []
    for draft in drafts:
        own = Problems()
        row_errors = any(_row(r.where) in bad_rows for r in draft.rows)
        result = _import_one(draft, site, own, today)
        problems.extend(own)
        if own.errors or row_errors:
            skipped.append(f"{draft.where} {_name(draft)}")
            continue
        if result:
            changes.append(result)
    return _Outcome(changes, skipped, fatal)


def _still_checks(root: Path, config_file: Path, written: dict[Path, str], today: dt.date) -> bool:
    """True when the site with the new files passes `gridboard check`; else every problem is said."""
    check = check_site(root, config_file, written, today)
    if check.errors:
        _print(check)
        print(
            "\n导入后的网格文件没有通过检查，没有写入任何文件 / the imported files would not pass "
            "`gridboard check`: nothing was written",
            file=sys.stderr,
        )
        return False
    return True


def _print_outcome(
    problems: Problems, outcome: _Outcome, added: list[str], partial: bool, grids: int
) -> None:
    """The warnings, the grids skipped, and a line for every change, then the counts."""
    changes, skipped = outcome.changes, outcome.skipped
    _print(problems, warnings_only=True)
    if partial and skipped:
        print(
            "以下网格有错误，已跳过 / skipped because of errors:\n  " + "\n  ".join(skipped), file=sys.stderr
        )
    for line in added:
        print(f"新增 added {line} → content/org.yml")
    for line in changes:
        print(line)
    new = sum(line.startswith("新增网格") for line in changes)
    same = grids - len(changes) - len(skipped)
    print(
        f"表中 {grids} 个网格：新增 {new}，更新 {len(changes) - new}，不变 {same}"
        + (f"，跳过 {len(skipped)}" if skipped else "")
        + f" / {grids} grids: {new} new, {len(changes) - new} updated, {same} unchanged"
        + (f", {len(skipped)} skipped" if skipped else "")
    )


def _import_one(draft: Draft, site: GridFiles, problems: Problems, today: dt.date) -> str | None:
    """Apply one grid's rows to the site's files; a line describing the change, None if none."""
    found = _community(draft, site, problems)
    if found is None:
        return None
    street, community = found
    community_id = str(community.get("id"))
    hit = site.find(draft, community_id, str(community.get("name", "")))
    if hit:
        path, original = hit
        grid = copy.deepcopy(original)
        short, full = (
            draft.fields["name"].text.strip() if "name" in draft.fields else "",
            str(original.get("name")),
        )
        if short and short != full and full.endswith(short):
            del draft.fields["name"]  # “第一网格” for 华山湖社区第一网格: the full name stays
    else:
        if "name" not in draft.fields:
            problems.add(draft.where, None, "网格名称", "新网格必须填写网格名称", "a new grid needs a name")
            return None
        path, original = site.home_for(community_id, street), None
        grid = rt.CommentedMap()
        grid["id"] = draft.fields["id"].text.strip() if "id" in draft.fields else site.new_id(community)
    apply(grid, draft, community_id, problems)
    if problems.errors:
        return None
    plain = plain_data(grid)
    try:
        Grid.model_validate(plain)
    except ValidationError as err:
        for e in err.errors():
            top = str(e["loc"][0]) if e["loc"] else ""
            cell = _cell_for(draft, top)
            what = _FIELD_ZH.get(top, ".".join(map(str, e["loc"])))
            zh = f"缺少{what}" if e["type"] == "missing" else f"{what}：{e['msg']}"
            problems.add(cell, None, what, zh, f"{'.'.join(map(str, e['loc']))}: {e['msg']}")
        return None
    if original is None:
        site.change(path, None, grid, draft, community_id)
        return f"新增网格 new grid {grid['id']} {grid.get('name')} → {rel(path, site.root)}"
    before = plain_data(original)
    if before == plain:
        return None
    site.change(path, str(original.get("id")), grid, draft, community_id)
    return f"更新网格 updated {grid['id']} {grid.get('name')}：{_describe(before, plain)}"


def _community(draft: Draft, site: GridFiles, problems: Problems):
    """(street, community) maps for the draft, adding them to org.yml when the sheet names new ones."""
    f = draft.fields
    street_cell, community_cell = f.get("street"), f.get("community")
    street = site.index.street(street_cell.text) if street_cell else None
    if community_cell is None:
        hit = site.find(draft, "")
        if hit:
            return site.index.community(str(hit[1].get("community")))
        problems.add(draft.where, None, "社区", "没有填写所属社区", "the grid's community is missing")
        return None
    found = site.index.community(community_cell.text, street)
    if found:
        if street_cell and street is not None and found[0] is not street:
            problems.add(
                street_cell.where,
                None,
                "街道",
                f"{community_cell.text}在 org.yml 里属于{found[0].get('name')}，不属于{street_cell.text}",
                "the community belongs to another street in org.yml",
            )
            return None
        return found
    if street_cell is None:
        problems.add(
            community_cell.where,
            None,
            "社区",
            f"社区“{community_cell.text}”不在 content/org.yml 里；填写“街道”列，导入时会一并新建这个社区",
            "unknown community: give its street (街道 column) and it is added to org.yml",
        )
        return None
    if street is None:
        street = site.index.add_street(street_cell.text)
    code = re.sub(r"\s", "", f["code"].text)[:12] if "code" in f else None
    community = site.index.add_community(
        street, community_cell.text, code if code and code.isdigit() else None
    )
    return street, community


def _group(rows: list[GridRow], problems: Problems) -> list[Draft]:
    drafts: dict[tuple, Draft] = {}
    for row in rows:
        f = row.fields
        if "name" in f:
            key = ("name", bare(f["community"].text) if "community" in f else "", f["name"].text.strip())
        elif "id" in f or "code" in f:
            key = ("id", (f.get("id") or f["code"]).text.strip())
        else:
            problems.add(row.where, None, "网格名称", "这一行没有网格名称", "the row has no grid name")
            continue
        drafts.setdefault(key, Draft()).add(row, problems)
    return list(drafts.values())


def _mapping(path: Path | None, problems: Problems) -> dict:
    """The optional mapping file: {sheet: 名称, columns: {表头: 对应的列名或字段}}."""
    if path is None:
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except (OSError, yaml.YAMLError) as exc:
        problems.add(str(path), None, "", f"对照表读不出来：{exc}", "cannot read the mapping file")
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("columns", {}), dict):
        problems.add(
            str(path),
            None,
            "columns",
            "对照表应写成 columns: 下面每行“表头: 对应项”，如 “负责人: 网格长”",
            "the mapping file needs `columns:` with `header: field` lines",
        )
        return {}
    data["columns"] = {str(k): str(v) for k, v in (data.get("columns") or {}).items()}
    return data


def _describe(before: dict, after: dict) -> str:
    parts = []
    for key in after:
        if key == "team" or before.get(key) == after.get(key):
            continue
        parts.append(f"{_FIELD_ZH.get(key, key)} {_short(before.get(key))} → {_short(after.get(key))}")
    old = {(m.get("role"), m.get("name")): m for m in before.get("team") or [] if isinstance(m, dict)}
    new = {(m.get("role"), m.get("name")): m for m in after.get("team") or [] if isinstance(m, dict)}
    parts += [f"+{k[1]}（{k[0]}）" for k in new if k not in old]
    parts += [f"−{k[1]}（{k[0]}）" for k in old if k not in new]
    parts += [f"{k[1]} 信息更新" for k in new if k in old and new[k] != old[k]]
    return "；".join(parts)


def _short(value) -> str:
    if value is None:
        return "（空）"
    text = "、".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= 30 else text[:29] + "…"


def _cell_for(draft: Draft, top: str) -> str:
    keys = {"party_branch": "branch_name"}.get(top, top)
    cell = draft.fields.get(keys)
    if cell:
        return cell.where
    if top == "team" and draft.members:
        return draft.members[0].name.where
    return draft.where


def _name(draft: Draft) -> str:
    cell = draft.fields.get("name") or draft.fields.get("id") or draft.fields.get("code")
    return cell.text if cell else ""


def _row(path: str) -> tuple[str, int] | None:
    m = _ROW.search(path)
    return (path[: m.start()], int(m.group(1))) if m else None


def _print(problems: Problems, warnings_only: bool = False) -> None:
    for p in problems.items:  # in the order found: row by row, as the sheet reads
        if warnings_only and p.severity != "warning":
            continue
        print(p.format(), file=sys.stderr)
