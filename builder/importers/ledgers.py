"""The records ledgers on the command line: `gridboard template|import wishes|members`.

Only names here: the work is in records_import.py, the columns in ledger_wishes.py and
ledger_members.py (imported when a command runs, so that `gridboard --help` stays quick)."""

from __future__ import annotations

from pathlib import Path

LEDGERS = {"wishes": "微心愿", "members": "报到党员"}


def add_import_parsers(kinds, common) -> None:
    """`gridboard import wishes|members FILE [--partial] [--dry-run]`."""
    for kind, label in LEDGERS.items():
        p = kinds.add_parser(kind, help=f"导入{label}台账 .xlsx/.csv / import a {kind} ledger")
        common(p)
        p.add_argument("file", type=Path, help="台账文件 / ledger (.xlsx or .csv)")
        p.add_argument(
            "--partial", action="store_true", help="跳过有错误的行，导入其余的 / import the valid rows only"
        )
        p.add_argument(
            "--dry-run", action="store_true", help="只显示会改什么 / show the changes, write nothing"
        )


def add_template_parsers(kinds, common) -> None:
    """`gridboard template wishes|members [OUT.xlsx] [--filled]`."""
    for kind, label in LEDGERS.items():
        p = kinds.add_parser(kind, help=f"生成{label}台账 Excel 模板 / write a {kind} ledger template")
        common(p, today=False)
        p.add_argument("out", type=Path, nargs="?", help=f"输出文件 / output (default: {label}台账.xlsx)")
        p.add_argument("--out", dest="out_option", type=Path, help="同上 / the same, as an option")
        p.add_argument(
            "--filled",
            action="store_true",
            help=f"填入网站现有的全部{label}，改完再导入 / fill in every current record, to edit and import back",
        )


def spec(kind: str):
    """The ledger of a kind: its columns and how its rows become records."""
    from . import ledger_members, ledger_wishes

    return {"wishes": ledger_wishes.SPEC, "members": ledger_members.SPEC}[kind]


def run_import(args) -> int:
    from . import records_import

    return records_import.run(
        spec(args.kind), args.file, args.config, partial=args.partial, dry_run=args.dry_run, today=args.today
    )


def run_template(args) -> int:
    from . import records_import

    out = args.out or args.out_option or Path(f"{LEDGERS[args.kind]}台账.xlsx")
    return records_import.template(spec(args.kind), args.config, out, filled=args.filled)
