"""Grid ledger import benchmark: a generated district exported to Excel and imported back.

    python3 benchmarks/import_grids.py [--grids 3000] [--runs 3] [--edits 30] [--work /tmp/gridboard-import]

1. `gridboard demo --grids N` writes a district; `gridboard template grids --filled` writes all its
   grids to one .xlsx (timed once: `template`).
2. `import unchanged`: the untouched workbook imported back; must report no change and leave every
   file byte for byte (checked with hashes).
3. `import edited`: --edits grids (spread over all grid files) get a new 户数 in the workbook; the
   import must change exactly those lines. The site is restored between runs.

Each import is a separate `python -m builder import grids` process: wall seconds (median and min–max
of --runs) and the process's peak RSS (ru_maxrss of the child). Prints a Markdown table and writes
the raw numbers to --out (default benchmarks/import-results.json).
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import openpyxl


def gridboard(*args: str, cwd: Path) -> tuple[float, int, str]:
    """Run one gridboard command: (wall seconds, the process's peak RSS in MB, stdout)."""
    start = time.perf_counter()
    with (
        open(os.devnull, "wb") as null,
        subprocess.Popen(
            [sys.executable, "-m", "builder", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=null
        ) as proc,
    ):
        out = proc.stdout.read().decode("utf-8")
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"gridboard {' '.join(args)} failed with exit code {proc.returncode}")
    return wall, usage.ru_maxrss // 1024, out


def digest(root: Path) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((root / "content").rglob("*.yml"))
    }


def _changed_lines(old: Path, new: Path) -> int:
    a, b = old.read_text(encoding="utf-8").splitlines(), new.read_text(encoding="utf-8").splitlines()
    return sum(
        1
        for line in difflib.unified_diff(a, b, n=0, lineterm="")
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    )


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} ({min(values):.1f}–{max(values):.1f})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--grids", type=int, default=3000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--edits", type=int, default=30)
    ap.add_argument("--work", type=Path, default=Path("/tmp/gridboard-import"))
    ap.add_argument("--out", type=Path, default=Path(__file__).with_name("import-results.json"))
    args = ap.parse_args()
    repo = Path(__file__).resolve().parent.parent
    env_root = args.work / str(args.grids)
    shutil.rmtree(env_root, ignore_errors=True)
    args.work.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "builder",
            "demo",
            "--grids",
            str(args.grids),
            "--today",
            "2026-11-20",
            "--out",
            str(env_root),
        ],
        cwd=repo,
        check=True,
        capture_output=True,
    )
    pristine = env_root.with_name(f"{args.grids}-pristine")
    shutil.rmtree(pristine, ignore_errors=True)
    shutil.copytree(env_root / "content", pristine)
    book = args.work / f"{args.grids}.xlsx"
    book.unlink(missing_ok=True)
    wall, rss, _ = gridboard("template", "grids", "--filled", "--out", str(book), cwd=env_root)
    results = {"template": [{"wall": wall, "rss_mb": rss}], "unchanged": [], "edited": []}
    hashes = digest(env_root)

    for _ in range(args.runs):
        wall, rss, out = gridboard("import", "grids", str(book), "--today", "2026-11-20", cwd=env_root)
        assert "没有变化" in out and digest(env_root) == hashes, "an unchanged import changed files"
        results["unchanged"].append({"wall": wall, "rss_mb": rss})

    edited = args.work / f"{args.grids}-edited.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb["网格"]
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 3).value]
    step = max(1, len(rows) // args.edits)
    for r in rows[::step][: args.edits]:
        ws.cell(r, 8).value = (ws.cell(r, 8).value or 0) + 1
    wb.save(edited)
    for _ in range(args.runs):
        wall, rss, out = gridboard("import", "grids", str(edited), "--today", "2026-11-20", cwd=env_root)
        changed = out.count("更新网格 updated")
        written = [Path(k) for k, v in digest(env_root).items() if hashes.get(k) != v]
        lines = sum(_changed_lines(pristine / p.relative_to(env_root / "content"), p) for p in written)
        results["edited"].append(
            {
                "wall": wall,
                "rss_mb": rss,
                "grids_changed": changed,
                "files_written": len(written),
                "lines_changed": lines,
            }
        )
        shutil.rmtree(env_root / "content")
        shutil.copytree(pristine, env_root / "content")

    results["machine"] = {
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
        "grids": args.grids,
        "rows": len(rows),
        "edits": args.edits,
    }
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"| {args.grids} grids ({len(rows)} rows) | wall s, median (min–max) | peak RSS MB |")
    print("|---|---|---|")
    for name in ("template", "unchanged", "edited"):
        runs = results[name]
        label = {
            "template": "template --filled",
            "unchanged": "import, unchanged",
            "edited": f"import, {args.edits} edits",
        }[name]
        print(f"| {label} | {summary([r['wall'] for r in runs])} | {max(r['rss_mb'] for r in runs)} |")
    e = results["edited"][0]
    print(
        f"\nedited import: {e['grids_changed']} grids changed in {e['files_written']} files, "
        f"{e['lines_changed']} lines (old and new) differ"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
