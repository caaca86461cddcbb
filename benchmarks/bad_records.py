"""Many-mistakes benchmark: `gridboard check` on a site with one huge YAML file of bad records.

    python3 benchmarks/bad_records.py [--mb 50] [--work /tmp/gridboard-bad-records]

Copies tests/sites/minimal to --work and adds content/grids/bad.yml: --mb megabytes of grid records
with four mistakes each (an id with capitals, an unknown kind, households as text, a phone written
as a number). Runs `python -m builder check` once as its own process and reports wall seconds, the
process's peak RSS (ru_maxrss), the exit code, how many lines it wrote to stderr and its count line.

Figures (2026-12-07, 2 shared cores, 50 MB, 316,000 records, 1,264,000 errors): before the cap,
86.8 s, 4.05 GB peak and 2,528,033 lines of output; with it, 74.9 s, 3.96 GB and 439 lines ending
in "……还有 1263800 个问题未列出". The peak is the YAML itself (3.2 GB of PyYAML nodes while loading,
the same again composed for line numbers), not the problems.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = """- id: Bad_{i}
  name: 兰苑社区第{i}网格
  community: nowhere
  kind: odd
  households: lots
  team:
    - {{role: grid_leader, name: 某某, phone: 12345}}
"""


def write_site(work: Path, megabytes: float) -> int:
    """The minimal fixture site with content/grids/bad.yml of `megabytes`; returns the records written."""
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(ROOT / "tests" / "sites" / "minimal", work)
    target, size, i = int(megabytes * 1024 * 1024), 0, 0
    with open(work / "content" / "grids" / "bad.yml", "w", encoding="utf-8") as f:
        while size < target:
            chunk = "".join(RECORD.format(i=j) for j in range(i, i + 1000))
            f.write(chunk)
            size += len(chunk.encode())
            i += 1000
    return i


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--work", type=Path, default=Path("/tmp/gridboard-bad-records"))
    args = parser.parse_args()
    records = write_site(args.work, args.mb)
    command = [sys.executable, "-m", "builder", "check", "--config", str(args.work / "site_config.yml")]
    start = time.perf_counter()
    with subprocess.Popen([*command, "--today", "2026-11-20"], cwd=ROOT, stderr=subprocess.PIPE) as proc:
        lines, last = 0, ""
        for line in proc.stderr:
            lines += 1
            if "还有" in (text := line.decode("utf-8")) or "处错误" in text:
                last += text
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    print("| MB | records | wall s | peak RSS MB | exit | stderr lines |\n|---|---|---|---|---|---|")
    print(
        f"| {args.mb:g} | {records} | {wall:.1f} | {usage.ru_maxrss // 1024} | {proc.returncode} | {lines} |"
    )
    print(re.sub(r"\n+", "\n", last).strip())


if __name__ == "__main__":
    main()
