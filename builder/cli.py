"""CLI: arguments → pipeline → exit code (0 fine, 1 content errors, 2 usage or internal error)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

from . import __version__, pipeline
from .importers import ledgers
from .model.base import FIRST_YEAR, LAST_YEAR
from .outputs.publish import UnsafeOutput
from .overrides import Templates
from .problems import ContentError
from .report import Report
from .signals import Stop, Stopped, stop_on_signals


def _date(text: str) -> dt.date:
    """A date argument (--today, --date): YYYY-MM-DD, in the years content dates may have."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD / date must be YYYY-MM-DD: {text}") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"日期的年份应在 {FIRST_YEAR} 到 {LAST_YEAR} 之间 / the year must be {FIRST_YEAR} to {LAST_YEAR}: {text}"
        )
    return day


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="gridboard",
        description="Gridboard：党建品牌与公开栏静态网站生成器 / static-site publisher for party-building boards",
    )
    p.add_argument("--version", action="version", version=f"gridboard {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sp, today=True):
        sp.add_argument(
            "--config",
            type=Path,
            default=Path("site_config.yml"),
            help="站点配置文件 / site config (default: ./site_config.yml)",
        )
        if today:
            sp.add_argument(
                "--today",
                type=_date,
                default=None,
                help="按哪一天判断公示和新闻是否发布 YYYY-MM-DD / build date (default: today)",
            )

    for name, text in (
        ("build", "生成网站 / build the site"),
        ("print", "生成网站和打印海报的 PDF / build, with PDFs of the print posters"),
    ):
        b = sub.add_parser(name, help=text)
        common(b)
        b.add_argument(
            "--out",
            type=Path,
            default=None,
            help="输出文件夹 / output folder (default: site/ next to the config)",
        )
    c = sub.add_parser("check", help="只检查内容，不生成 / validate only, write nothing")
    common(c)
    s = sub.add_parser("serve", help="本机预览，保存后自动刷新 / live preview on 127.0.0.1")
    common(s)
    s.add_argument("--port", type=int, default=8000)
    n = sub.add_parser("new", help="新建新闻或公示文件 / scaffold a story or posting")
    common(n, today=False)
    n.add_argument("kind", choices=["story", "posting"])
    n.add_argument("title", help="标题 / title")
    n.add_argument("--slug", help="文件名（英文、数字、短横线）/ file name (ASCII slug)")
    n.add_argument("--date", type=_date, default=None, help="日期 / date (default: today)")
    sc = sub.add_parser("schema", help="生成编辑器用的 JSON Schema / write JSON Schema files")
    sc.add_argument(
        "--out", type=Path, default=Path("schemas"), help="输出文件夹 / folder (default: schemas/)"
    )
    d = sub.add_parser("demo", help="生成任意规模的示例站点 / write a generated demo site folder")
    d.add_argument("--grids", type=int, default=300, help="网格数 / number of grids (default: 300)")
    d.add_argument("--stories", type=int, default=None, help="新闻篇数 / stories (default: grids/3)")
    d.add_argument("--postings", type=int, default=None, help="公示条数 / postings (default: grids/6)")
    d.add_argument("--seed", type=int, default=1, help="随机种子，同一种子生成同样内容 / seed")
    d.add_argument("--today", type=_date, default=None, help="日期基准 / anchor date (default: today)")
    d.add_argument("--out", type=Path, required=True, help="输出文件夹（须为空）/ empty output folder")
    _import_parsers(sub, common)
    i = sub.add_parser("init", help="新建一个区的网站文件夹 / start a new site for a district")
    i.add_argument("dir", type=Path, help="新文件夹（须为空或不存在）/ new, empty folder")
    start = i.add_mutually_exclusive_group()
    start.add_argument("--name", help="区县名称，如 某某区（不写时会询问）/ the district's name")
    start.add_argument("--example", action="store_true", help="写入示例区的网站 / write the example district")
    return p


def _import_parsers(sub, common) -> None:
    imp = sub.add_parser("import", help="从 Excel 台账或 Word/网页文章导入 / import a ledger or a story")
    kinds = imp.add_subparsers(dest="kind", required=True, metavar="KIND")
    g = kinds.add_parser("grids", help="导入网格台账 .xlsx/.csv / import a grid ledger")
    common(g)
    g.add_argument("file", type=Path, help="台账文件 / ledger (.xlsx or .csv)")
    g.add_argument("--mapping", type=Path, help="列名对照表 YAML / column mapping file")
    g.add_argument("--sheet", help="只导入这个工作表 / only this sheet")
    g.add_argument(
        "--partial", action="store_true", help="跳过有错误的网格，导入其余的 / import the valid grids only"
    )
    g.add_argument("--dry-run", action="store_true", help="只显示会改什么 / show the changes, write nothing")
    ledgers.add_import_parsers(kinds, common)  # wishes, members
    st = kinds.add_parser("story", help="导入文章 .docx/.html/.txt / import a story")
    common(st)
    st.add_argument("file", type=Path, help="Word、网页或文本文件 / .docx, .html or .txt")
    conv = st.add_mutually_exclusive_group()
    conv.add_argument(
        "--to-simplified",
        dest="to_simplified",
        action="store_const",
        const=True,
        default=None,
        help="繁体转简体 / convert traditional Chinese to simplified",
    )
    conv.add_argument(
        "--keep-traditional",
        dest="to_simplified",
        action="store_const",
        const=False,
        help="保留繁体 / keep traditional Chinese",
    )
    st.add_argument("--slug", help="文件名（英文、数字、短横线）/ file name (ASCII slug)")
    st.add_argument("--date", type=_date, default=None, help="发布日期 / date (default: found in the text)")
    t = sub.add_parser("template", help="生成 Excel 填报模板，或复制一个网页模板来改 / templates")
    tk = t.add_subparsers(dest="kind", required=True, metavar="KIND")
    tg = tk.add_parser("grids", help="生成网格台账 Excel 模板 / write an Excel ledger template")
    common(tg, today=False)
    ledgers.add_template_parsers(tk, common)
    to = tk.add_parser(
        "override",
        help="把 Gridboard 的一个模板复制到网站的 templates/ 来改 / copy one template into the site to change it",
    )
    common(to, today=False)
    to.add_argument(
        "name", help="模板名，如 pages/grid.md.j2、overrides/partials/footer.html / template name"
    )
    tg.add_argument(
        "--filled",
        action="store_true",
        help="填入网站现有的全部网格，改完再导入 / fill in every current grid, to edit and import back",
    )
    tg.add_argument(
        "--out",
        type=Path,
        default=Path("网格台账模板.xlsx"),
        help="输出文件 / output (default: 网格台账模板.xlsx)",
    )


def cmd_import(args) -> int:
    if args.kind == "grids":
        from .importers import grids

        return grids.run(
            args.file,
            args.config,
            mapping=args.mapping,
            sheet=args.sheet,
            partial=args.partial,
            dry_run=args.dry_run,
            today=args.today,
        )
    if args.kind in ledgers.LEDGERS:
        return ledgers.run_import(args)
    from .importers import story

    return story.run(
        args.file,
        args.config.parent,
        to_simplified=args.to_simplified,
        slug=args.slug,
        date=args.date,
        today=args.today,
    )


def cmd_template(args) -> int:
    if args.kind == "override":
        from .overrides import write_override

        return write_override(args.config.parent, args.name)
    if args.kind in ledgers.LEDGERS:
        return ledgers.run_template(args)
    from .importers import template

    return template.run(args.config, args.out, filled=args.filled)


def cmd_init(args) -> int:
    from .new_site import run

    return run(args.dir, args.name, args.example)


def cmd_demo(args) -> int:
    from .demo import Sizes, generate

    if args.grids < 1:
        print("--grids 至少为 1 / --grids must be at least 1", file=sys.stderr)
        return 2
    sizes = Sizes.for_grids(args.grids, args.stories, args.postings)
    try:
        generate(args.out, args.grids, seed=args.seed, today=args.today, sizes=sizes)
    except FileExistsError:
        print(f"{args.out} 不是空文件夹 / is not empty: choose a new --out", file=sys.stderr)
        return 2
    print(
        f"已生成 / wrote {args.out}: {sizes.grids} 个网格 grids, {sizes.stories} 篇新闻 stories, "
        f"{sizes.postings} 条公示 postings\n下一步 / next: gridboard build --config {args.out / 'site_config.yml'}"
    )
    return 0


def _print_problems(report: Report) -> None:
    for line in report.problem_lines():
        print(line, file=sys.stderr)


def _fail(err: ContentError, report: Report) -> int:
    report.problems = err.problems
    _print_problems(report)
    n = err.problems.error_count
    print(
        f"\n共 {n} 处错误，未生成网站（原有网站保持不变）。\n"
        f"{n} error(s); nothing was written (the last good site is untouched).",
        file=sys.stderr,
    )
    return 1


def cmd_build(args, pdfs: bool = False) -> int:
    report = Report()
    today = args.today or dt.date.today()
    out = args.out or args.config.parent / "site"
    try:
        pipeline.build(args.config, out, today, report, pdfs=pdfs)
    except ContentError as err:
        return _fail(err, report)
    except UnsafeOutput as err:
        print(f"{err.zh}\n    ({err.en})", file=sys.stderr)
        return 2
    _print_problems(report)
    for w in report.engine_warnings:
        print(f"engine warning: {w}", file=sys.stderr)
    print(f"已生成 {out}：{report.summary()}")
    if pdfs:
        print(
            f"其中 PDF {report.pdfs} 个：{out / 'print' / 'pdf'}\nincluding {report.pdfs} PDFs in print/pdf/"
        )
    return 0


def cmd_print(args) -> int:
    """Build as `gridboard build` does, with a PDF of every poster in <out>/print/pdf/: written into
    the new site before it replaces the old one, so the PDFs always match the pages."""
    from .outputs import pdf

    lacking = pdf.missing()
    if not lacking:
        return cmd_build(args, pdfs=True)
    code = cmd_build(args)
    if code == 0:
        out = args.out or args.config.parent / "site"
        print("\n".join(lacking))
        print(
            f"网页版海报已生成，可打开 {out / 'print' / 'index.html'} 用浏览器打印；安装以上软件后再运行 "
            f"gridboard print 即可生成 PDF。\n"
            f"The HTML posters are built (open {out / 'print' / 'index.html'} and print from the browser); "
            "install the above and run gridboard print again for PDFs."
        )
    return code


def cmd_check(args) -> int:
    report = Report()
    try:
        pipeline.check(args.config, args.today or dt.date.today(), report)
    except ContentError as err:
        return _fail(err, report)
    _print_problems(report)
    print(f"检查通过 / content is valid ({report.problems.warning_count} 条警告 warnings)")
    return 0


def cmd_serve(args) -> int:
    from . import engine

    with stop_on_signals() as stop:
        work = Path(tempfile.mkdtemp(prefix="gridboard-preview-"))
        preview = None
        try:
            preview = pipeline.Preview(args.config, args.today or dt.date.today(), work)
            _serve(args, preview, engine, stop)
            stop.check()
        except Stopped as stopped:
            return stopped.code
        finally:
            if preview is not None:
                preview.wait_for_search(timeout=10)  # its indexer writes into `work`: let it finish
            shutil.rmtree(work, ignore_errors=True)  # the preview is never kept
    return 0


def _serve(args, preview: pipeline.Preview, engine, stop: Stop) -> None:
    def rebuild() -> None:
        try:
            report = preview.rebuild()
            print(f"已更新预览 / rebuilt: {report.summary()}", flush=True)
        except ContentError as err:
            _fail(err, Report())
        stop.check()  # a signal whose Stopped was dropped during the rebuild (signals.py)

    rebuild()
    root = args.config.parent
    print(f"预览地址 / preview: http://127.0.0.1:{args.port}/  (Ctrl+C 退出)", flush=True)
    watch = [args.config, root / "content", *Templates.for_site(root).search_path()]
    engine.serve(rebuild, watch, preview.site_dir, "127.0.0.1", args.port, stop.requested)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `gridboard` command."""
    args = _parser().parse_args(argv)
    if hasattr(args, "config"):
        args.config = args.config.resolve()
    commands = {
        "build": cmd_build,
        "print": cmd_print,
        "check": cmd_check,
        "serve": cmd_serve,
        "demo": cmd_demo,
        "import": cmd_import,
        "template": cmd_template,
        "init": cmd_init,
    }
    try:
        if args.command == "new":
            from .scaffold import new_file

            return new_file(args)
        if args.command == "schema":
            from .schema import write_schemas

            for path in write_schemas(args.out):
                print(path)
            return 0
        return commands[args.command](args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # an internal bug: say so briefly, never a wall of traceback
        if os.environ.get("GRIDBOARD_DEBUG"):
            raise
        print(
            f"内部错误 internal error: {type(exc).__name__}: {exc}\n"
            "请把这条信息发给技术人员；设置 GRIDBOARD_DEBUG=1 可看到详细信息。",
            file=sys.stderr,
        )
        return 2
