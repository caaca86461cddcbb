"""Report: what was built, how long each stage took, and every problem."""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from dataclasses import dataclass, field

from .problems import KEPT_PER_FILE, Problems

SHOWN_PER_FILE = KEPT_PER_FILE  # problems listed of one file (errors first, each in line order)
SHOWN_IN_ALL = 1_000  # problems listed in all; the rest are counted in one line


@dataclass
class Report:
    """Collected while the pipeline runs; printed by the CLI."""

    timings: dict[str, float] = field(default_factory=dict)
    problems: Problems = field(default_factory=Problems)
    engine_warnings: list[str] = field(default_factory=list)
    pages: int = 0
    search_pages: int = 0
    digest: str = ""
    screens: int = 0  # screen pages (site/screens/<id>/)
    posters: int = 0  # print posters (site/print/…)
    pdfs: int = 0  # PDFs of the print posters (gridboard print)

    @contextlib.contextmanager
    def timed(self, stage: str):
        """Time one stage."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - start

    @property
    def seconds(self) -> float:
        """Total time of all stages."""
        return sum(self.timings.values())

    def problem_lines(self) -> list[str]:
        """The problems, errors first, each sorted by file and line: SHOWN_PER_FILE of a file and
        SHOWN_IN_ALL in all at most, then how many more there are (the first ones are what to fix
        first; a million lines would only bury them)."""
        lines: list[str] = []
        per_file: Counter = Counter()
        shown: Counter = Counter()
        for p in self.problems.errors + self.problems.warnings:
            if len(lines) < SHOWN_IN_ALL and per_file[p.path] < SHOWN_PER_FILE:
                lines.append(p.format())
                per_file[p.path] += 1
                shown[p.severity] += 1
        errors = self.problems.error_count - shown["error"]
        warnings = self.problems.warning_count - shown["warning"]
        if errors or warnings:
            lines.append(
                f"……还有 {errors + warnings} 个问题未列出（错误 {errors} 个，警告 {warnings} 个）："
                f"每个文件最多列出 {SHOWN_PER_FILE} 个，一共最多 {SHOWN_IN_ALL} 个；请先改正上面的，再运行一次\n"
                f"    ({errors + warnings} more not listed: {errors} error(s), {warnings} warning(s); "
                f"at most {SHOWN_PER_FILE} per file and {SHOWN_IN_ALL} in all are listed)"
            )
        return lines

    def summary(self) -> str:
        """One line of what the build did."""
        stages = ", ".join(f"{k} {v:.2f}s" for k, v in self.timings.items())
        extra = ""
        if self.screens or self.posters:
            extra = f", {self.screens} 块大屏 screens, {self.posters} 张海报 posters"
        return f"{self.pages} 个页面 pages{extra}, {self.seconds:.1f} s ({stages})"
