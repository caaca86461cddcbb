"""Report: what was built, how long each stage took, and every problem."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field

from .problems import Problems


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
        """Every problem, errors first, each sorted by file and line."""
        return [p.format() for p in self.problems.errors + self.problems.warnings]

    def summary(self) -> str:
        """One line of what the build did."""
        stages = ", ".join(f"{k} {v:.2f}s" for k, v in self.timings.items())
        extra = ""
        if self.screens or self.posters:
            extra = f", {self.screens} 块大屏 screens, {self.posters} 张海报 posters"
        return f"{self.pages} 个页面 pages{extra}, {self.seconds:.1f} s ({stages})"
