"""`gridboard import wishes|members FILE.xlsx|.csv` and `gridboard template wishes|members OUT.xlsx`.

As for grids: every problem of the whole sheet is reported at its cell and nothing is written,
unless --partial, which writes the rows that are right and lists the rest. Before a file is
replaced, the site with the new files is checked by the same pipeline as `gridboard check`; what
that check finds in a record is reported at the record's row and column, so an import never leaves
a site that does not build. Records are matched by id (a row without one: by its community and
what it names), so re-importing a sheet changes nothing and an edited sheet changes what it edits.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..config import load_config
from ..model.validate import _describe as describe
from ..problems import ContentError, Problem, Problems
from . import records_files as rf
from . import yaml_roundtrip as rt
from .grid_files import check_site, rel, write_said
from .grid_merge import plain_data
from .ledger_read import LedgerUnreadable, read_ledger
from .records_ledger import EXAMPLE_ID, Names, Row, Spec, read_rows, records, updates, workbook

_INDEX = re.compile(r"^\[\d+\]\.?")


def template(spec: Spec, config_file: Path, out: Path, filled: bool = False) -> int:
    """Write the ledger workbook: a grey example row, or (filled) every record of the site."""
    try:
        _config, root = load_config(config_file)
    except ContentError as err:
        _print(err.problems)
        return 1
    if out.exists():
        print(f"{out} 已存在，不会覆盖 / already exists, not overwritten", file=sys.stderr)
        return 1
    names = Names(root)
    found = records(root, spec.kind)
    rows = found if filled else found[:1] or [spec.placeholder(names)]
    out.parent.mkdir(parents=True, exist_ok=True)
    workbook(spec, names, rows, example=not filled, known=found).save(out)
    print(
        f"已生成 {out}：每行一条{spec.label}；填好后运行\n  gridboard import {spec.kind} {out}\n"
        f"wrote {out}: one record a row; import it with the command above"
    )
    return 0


@dataclass
class _Plan:
    """What the sheet does: the changes of the rows that are right, and each row's problems."""

    changes: list[rf.Change]
    same: int  # rows that change nothing
    bad: dict[str, Problems]  # row → its problems (cell errors, and the check's at its record)


def run(
    spec: Spec,
    file: Path,
    config_file: Path,
    *,
    partial: bool = False,
    dry_run: bool = False,
    today: dt.date | None = None,
) -> int:
    """Import one ledger; print the changes (stdout) or every problem (stderr). Exit 0 or 1."""
    today = today or dt.date.today()
    problems = Problems()
    try:
        _config, root = load_config(config_file)
        sheets = read_ledger(file, file.name) if file.is_file() else None
    except ContentError as err:
        _print(err.problems)
        return 1
    except LedgerUnreadable as err:
        print(f"{err.zh}\n    ({err.en})", file=sys.stderr)
        return 1
    if not sheets:
        print(f"找不到文件或没有可见的工作表：{file} (no such file, or no visible sheet)", file=sys.stderr)
        return 1
    rows = [r for r in read_rows(spec, sheets, problems) if not _example(r)]
    files = rf.RecordFiles(root, spec, problems)
    if not rows and not problems.errors:
        problems.add(file.name, None, "", f"表中没有任何{spec.label}数据行", "the sheet has no data rows")
    plan = _plan(spec, rows, Names(root), files, problems)
    fatal = bool(problems.errors)  # of the file or its header, not of one row: --partial cannot help
    written, unplaced = (
        _checked(spec, root, config_file, plan, today, partial) if not fatal else ({}, Problems())
    )
    plan.bad = {row.where: plan.bad[row.where] for row in rows if row.where in plan.bad}  # in sheet order
    for row_problems in plan.bad.values():
        problems.extend(row_problems)
    problems.extend(unplaced)
    if fatal or unplaced.errors or (problems.errors and not partial):
        _print(problems)
        n = problems.error_count
        print(
            f"\n共 {n} 处错误，没有写入任何文件。改正后重新导入即可（或加 --partial 只导入没有错误的行）。\n"
            f"{n} error(s): nothing was written. Fix them and import again (or use --partial).",
            file=sys.stderr,
        )
        return 1
    _print(problems, warnings_only=True)
    _report(spec, root, plan, len(rows))
    if not written or dry_run:
        print("（--dry-run：只显示，没有写入 / nothing written)" if written else "没有变化 / nothing changed")
        return 0
    write_said(written, root)
    return 0


def _example(row: Row) -> bool:
    """The blank template's made-up example row (its id cell says so): skipped."""
    cell = row.cells.get("id")
    return cell is not None and cell.text.strip() == EXAMPLE_ID


def _plan(spec: Spec, rows: list[Row], names: Names, files: rf.RecordFiles, problems: Problems) -> _Plan:
    """Each row → a change of its record (or none); a row with a bad cell is set aside."""
    plan = _Plan([], 0, {})
    taken = {rid: str(r.get("community", "")) for rid, (_, r) in files.by_id.items()}  # id → community
    seen: dict[str, str] = {}
    for row in rows:
        own = Problems()
        new = updates(spec, row, names, own)
        cell = row.cells.get("id")
        rid = cell.text.strip() if cell else ""
        if not rid:
            candidate = rt.CommentedMap()
            rf.merge(candidate, {k: v for k, v in new.items() if "." not in k}, spec)
            rid = files.by_natural.get(spec.natural(plain_data(candidate)), "")
            rid = rid or spec.new_id(plain_data(candidate), taken, names)
        if rid in seen:
            own.add(
                cell.where if cell else row.where,
                None,
                "编号",
                f"与 {seen[rid]} 是同一条记录（编号 {rid}）：一条记录只写一行",
                "the same record as an earlier row: one row a record",
            )
        seen.setdefault(rid, row.where)
        taken[rid] = str(new.get("community") or "")
        before = files.by_id.get(rid)
        if before:
            after, differs = rf.changed(before[1], new, spec)
        else:
            after, differs = rt.CommentedMap({"id": rid}), True
            rf.merge(after, new, spec)
        _validate(spec, row, after, own)
        if own.errors:
            plan.bad[row.where] = own
            continue
        problems.extend(own)  # warnings
        if not differs:
            plan.same += 1
            continue
        path = before[0] if before else files.home(str(new.get("community")))
        plan.changes.append(rf.Change(path, rid if before else None, new, after, row, before and before[1]))
    return plan


def _validate(spec: Spec, row: Row, record: rt.CommentedMap, problems: Problems) -> None:
    """The record the row makes, checked by its model; each error at its cell, unless that cell was
    found wrong already (a bad date is not also a missing one)."""
    try:
        spec.model.model_validate(plain_data(record))
    except ValidationError as exc:
        said = {p.path for p in problems.errors}
        for err in exc.errors():
            field = ".".join(str(k) for k in err["loc"] if not str(k).startswith("function-"))
            where, label = _cell(spec, row, field)
            if where in said or (where == row.where and said):
                continue
            if err["type"] == "missing":
                zh, en = f"没有填写{label}", f"{field} is missing"
            else:  # in the words `gridboard check` uses for the same mistake in a file
                zh, en = describe(err, spec.model)
            problems.add(where, None, label, zh, en)


def _checked(
    spec: Spec,
    root: Path,
    config_file: Path,
    plan: _Plan,
    today: dt.date,
    partial: bool,
) -> tuple[dict[Path, str], Problems]:
    """The texts to write, checked by `gridboard check`: what it finds in a record goes to the
    record's row (that row is then left out under --partial, and the rest checked again)."""
    unplaced = Problems()
    while plan.changes:
        written = rf.texts(root, spec, plan.changes)
        check = check_site(root, config_file, written, today)
        if not check.errors:
            return written, unplaced
        by_id = {c.record.get("id"): c for c in plan.changes}
        for p in check.errors:
            change = _change_at(p, root, written, by_id)
            if change is None:
                unplaced.items.append(p)
                continue
            cell, label = _cell(spec, change.row, p.field)
            plan.bad.setdefault(change.row.where, Problems()).add(cell, None, label, p.message, p.english)
        if unplaced.errors or not partial:
            return {}, unplaced
        plan.changes = [c for c in plan.changes if c.row.where not in plan.bad]
    return {}, unplaced


def _change_at(p: Problem, root: Path, written: dict[Path, str], by_id: dict) -> rf.Change | None:
    """The change whose record holds the problem's line."""
    for path, text in written.items():
        if rel(path, root) != p.path:
            continue
        for first, last, rid in rf.record_lines(text):
            if first <= p.line <= last and rid in by_id:
                return by_id[rid]
    return None


def _cell(spec: Spec, row: Row, field: str) -> tuple[str, str]:
    """Where a field of the record is in the sheet, and the column's header: its column's cell
    (of a block, the block's first column the sheet has), or the whole row."""
    field = _INDEX.sub("", field)
    top = field.split(".")[0]
    keys = [c.key for c in spec.columns if c.key in row.places]
    key = next((k for k in keys if k == field), None) or next(
        (k for k in keys if k.split(".")[0] == top), None
    )
    label = _label(spec, key or field)
    return (row.places[key], label) if key else (row.where, label)


def _report(spec: Spec, root: Path, plan: _Plan, total: int) -> None:
    """A line for every record added or updated, then the counts."""
    new = 0
    for c in plan.changes:
        what = c.record.get("wish") or c.record.get("name") or ""
        if c.old_id is None:
            new += 1
            print(f"新增 new {c.record['id']} {what} → {rel(c.path, root)}")
        else:
            before, after = _flat(plain_data(c.before)), _flat(plain_data(c.record))
            keys = [k for k in after if before.get(k) != after.get(k)] + [k for k in before if k not in after]
            fields = "、".join(dict.fromkeys(_label(spec, k) for k in keys))
            print(f"更新 updated {c.record['id']} {what}：{fields}")
    skipped = len(plan.bad)
    if skipped:
        print(
            "以下行有错误，已跳过 / skipped because of errors:\n  " + "\n  ".join(plan.bad), file=sys.stderr
        )
    updated = len(plan.changes) - new
    print(
        f"表中 {total} 条{spec.label}：新增 {new}，更新 {updated}，不变 {plan.same}"
        + (f"，跳过 {skipped}" if skipped else "")
        + f" / {total} rows: {new} new, {updated} updated, {plan.same} unchanged"
        + (f", {skipped} skipped" if skipped else "")
    )


def _flat(record: dict) -> dict:
    """{claimed: {by: …}} → {claimed.by: …}: a block's fields one by one, as the columns have them."""
    out = {}
    for key, value in record.items():
        for sub, v in value.items() if isinstance(value, dict) else [("", value)]:
            out[f"{key}.{sub}" if sub else key] = v
    return out


def _label(spec: Spec, key: str) -> str:
    col = spec.column(key) or next((c for c in spec.columns if c.key.split(".")[0] == key), None)
    return col.header.split("（")[0] if col else key


def _print(problems: Problems, warnings_only: bool = False) -> None:
    for p in problems.items:
        if warnings_only and p.severity != "warning":
            continue
        print(p.format(), file=sys.stderr)
