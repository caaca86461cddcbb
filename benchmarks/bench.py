"""Cold-build benchmark: Gridboard vs plain MkDocs + mkdocs-material (and optionally ProperDocs).

For each size N: generate a demo site (`gridboard demo`), build it cold `--runs` times with each engine,
and measure wall time, peak RSS of the whole process tree, pages, output size and search index size.
Prints a Markdown table and writes every raw number to a JSON file. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path

import yaml

from builder.markdown_setup import MARKDOWN_EXTENSIONS

try:
    import psutil
except ImportError:
    sys.exit("bench.py needs psutil to measure memory: pip install psutil (it is not a Gridboard dependency)")

TODAY = "2026-11-20"
PY = sys.executable
QUIET = {"DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}


def run_measured(cmd: list[str], log: Path) -> dict:
    """Run cmd; sample the RSS of it and all its descendants every 0.1 s; return wall and peaks."""
    start = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **QUIET})
        root = psutil.Process(proc.pid)
        tree_peak = single_peak = 0
        while proc.poll() is None:
            rss = []
            with contextlib.suppress(psutil.NoSuchProcess):  # a process may end between list and read
                for p in [root, *root.children(recursive=True)]:
                    with contextlib.suppress(psutil.NoSuchProcess):
                        rss.append(p.memory_info().rss)
            tree_peak, single_peak = max(tree_peak, sum(rss)), max(single_peak, *rss, 0)
            time.sleep(0.1)
        proc.wait()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        tail = log.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}; log {log}:\n{tail}")
    return {"wall_s": wall, "peak_tree_rss_mb": tree_peak / 2**20, "peak_single_rss_mb": single_peak / 2**20}


def folder_bytes(path: Path) -> int:
    """Total bytes of the files under path (0 if it does not exist)."""
    files = [path] if path.is_file() else [f for f in path.rglob("*") if f.is_file()]
    return sum(f.stat().st_size for f in files)


def output_figures(out: Path) -> dict:
    """Pages, output size, and which search index the site has (Pagefind or Material's lunr) and its size."""
    index = "pagefind/" if (out / "pagefind").is_dir() else "search/search_index.json"
    figures = {"pages": sum(1 for _ in out.rglob("*.html")), "output_bytes": folder_bytes(out)}
    return {**figures, "search_index": index, "search_bytes": folder_bytes(out / index)}


def stage_docs(cfg_path: str, stage_dir: str) -> list:
    """Write Gridboard's generated Markdown pages to stage_dir/docs; return the top-level nav.

    Runs in a child process so the catalog's memory is not held by the benchmark itself.
    """
    from builder import assets, engine, pipeline
    from builder.overrides import Templates
    from builder.pages import render_pages
    from builder.report import Report

    cfg, today = Path(cfg_path), dt.date.fromisoformat(TODAY)
    catalog = pipeline.check(cfg, today, Report())
    templates = Templates.for_site(cfg.parent)
    staging = assets.stage(catalog, render_pages(catalog, templates), cfg.parent, templates)
    engine.write_staging(staging, Path(stage_dir))
    return staging.nav


def plain_mkdocs_yml(stage: Path, site_dir: Path, nav: list) -> Path:
    """A plain mkdocs.yml a site without Gridboard would have: Material, Chinese search with jieba."""
    cfg = {
        "site_name": "Gridboard benchmark",
        "docs_dir": str(stage / "docs"),
        "site_dir": str(site_dir),
        "theme": {"name": "material", "language": "zh", "font": False, "features": ["navigation.tabs"]},
        "plugins": [{"search": {"lang": "zh"}}],
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "nav": nav,
    }
    path = stage / f"{site_dir.name}.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def engine_commands(site: Path, out: Path, stage_yml: dict, args) -> dict[str, list[str]]:
    """The cold-build command of each engine."""
    return {
        "gridboard": [PY, "-m", "builder", "build", "--config", str(site / "site_config.yml")]
        + ["--out", str(out / "gridboard"), "--today", TODAY],
        "baseline": [PY, "-m", "mkdocs", "build", "-q", "-f", str(stage_yml.get("baseline"))],
        "properdocs": [str(args.properdocs), "build", "-q", "-f", str(stage_yml.get("properdocs"))],
    }


def bench_size(n: int, args, notes: list[str]) -> list[dict]:
    """Generate (or reuse) the N-grid site, stage its pages once, and build it with every engine."""
    work = args.work / str(n)
    site, stage, out, logs = work / "site", work / "stage", work / "out", work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    if not (site / "site_config.yml").exists():
        shutil.rmtree(site, ignore_errors=True)
        t = time.perf_counter()
        cmd = [PY, "-m", "builder", "demo", "--grids", str(n), "--out", str(site), "--today", TODAY]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        print(f"N={n}: generated {site} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    stage_yml, engines = {}, list(args.engines)
    if {"baseline", "properdocs"} & set(engines):
        shutil.rmtree(stage, ignore_errors=True)
        try:
            with ProcessPoolExecutor(1) as pool:
                nav = pool.submit(stage_docs, str(site / "site_config.yml"), str(stage)).result()
        except Exception as err:  # builder's API may have changed under us: still time gridboard
            notes.append(
                f"N={n} staging pages failed, baseline/properdocs skipped: {type(err).__name__}: {err}"
            )
            print(notes[-1], file=sys.stderr)
            engines = [e for e in engines if e == "gridboard"]
        else:
            stage_yml = {e: plain_mkdocs_yml(stage, out / e, nav) for e in ("baseline", "properdocs")}
    commands = engine_commands(site, out, stage_yml, args)
    rows = []
    for eng in engines:
        runs = []
        for i in range(args.runs):
            shutil.rmtree(out / eng, ignore_errors=True)
            try:
                runs.append(run_measured(commands[eng], logs / f"{eng}-{i}.log"))
            except RuntimeError as err:
                notes.append(f"N={n} {eng} failed: {err}")
                print(notes[-1], file=sys.stderr)
                break
            print(f"N={n} {eng} run {i + 1}: {runs[-1]['wall_s']:.1f} s", file=sys.stderr)
        if runs:
            rows.append({"size": n, "engine": eng, "runs": runs, **output_figures(out / eng)})
    return rows


def med(row: dict, key: str) -> float:
    """Median of one measurement over a row's runs."""
    return statistics.median(r[key] for r in row["runs"])


def table(rows: list[dict]) -> str:
    """The Markdown summary: medians of the runs, wall with min–max, ratio to gridboard's wall."""
    lines = [
        "| size | engine | wall s median (min–max) | peak tree RSS MB | pages | output MB | ms/page "
        "| search index MB | wall ÷ gridboard |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    gb = {r["size"]: med(r, "wall_s") for r in rows if r["engine"] == "gridboard"}
    for r in rows:
        walls = [x["wall_s"] for x in r["runs"]]
        wall = med(r, "wall_s")
        ratio = f"{wall / gb[r['size']]:.2f}" if r["size"] in gb else "–"
        lines.append(
            f"| {r['size']:,} | {r['engine']} | {wall:.1f} ({min(walls):.1f}–{max(walls):.1f}) "
            f"| {med(r, 'peak_tree_rss_mb'):.0f} | {r['pages']:,} | {r['output_bytes'] / 1e6:.1f} "
            f"| {1000 * wall / max(r['pages'], 1):.1f} | {r['search_bytes'] / 1e6:.1f} ({r['search_index']}) "
            f"| {ratio} |"
        )
    return "\n".join(lines)


def machine(args) -> dict:
    """What the numbers depend on: cores, load when we started, memory, Python and engine versions."""
    versions = {}
    for dist in ("gridboard", "mkdocs", "mkdocs-material", "jieba", "psutil"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    if "properdocs" in args.engines:
        versions["properdocs"] = subprocess.run(
            [str(args.properdocs), "--version"], capture_output=True, text=True
        ).stdout.strip()
    return {
        "cpu_count": os.cpu_count(),
        "loadavg_at_start": os.getloadavg(),
        "memory_total_mb": psutil.virtual_memory().total // 2**20,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
        "started": dt.datetime.now().isoformat(timespec="seconds"),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="300,3000,10000", help="grid counts, comma-separated")
    ap.add_argument("--runs", type=int, default=3, help="cold builds per engine and size")
    ap.add_argument("--engines", default="gridboard,baseline,properdocs")
    ap.add_argument("--properdocs", type=Path, default=None, help="path to a properdocs executable")
    ap.add_argument("--work", type=Path, default=Path("/tmp/gridboard-bench"), help="generated sites, builds")
    ap.add_argument("--out", type=Path, default=Path("benchmarks/results.json"))
    args = ap.parse_args()
    args.engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = set(args.engines) - {"gridboard", "baseline", "properdocs"}
    if unknown:
        ap.error(f"unknown engine(s): {', '.join(sorted(unknown))}")
    notes, rows = [], []
    if "properdocs" in args.engines and not (args.properdocs and args.properdocs.exists()):
        notes.append(f"properdocs skipped: no executable at --properdocs ({args.properdocs or 'not given'})")
        args.engines.remove("properdocs")
    info = machine(args)
    for n in [int(s) for s in args.sizes.split(",")]:
        rows += bench_size(n, args, notes)
    print(table(rows))
    for note in dict.fromkeys(notes):
        print(f"\nNote: {note}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    result = {"machine": info, "today": TODAY, "runs": args.runs, "results": rows, "notes": notes}
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nraw numbers: {args.out}", file=sys.stderr)
    return 1 if any("failed" in n for n in notes) else 0


if __name__ == "__main__":
    sys.exit(main())
