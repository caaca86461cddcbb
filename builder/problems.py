"""Problems: what the author did wrong, where, and how to put it right."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# Problems kept of each file (errors and warnings apart), first by line: as many as report.py lists.
# The rest are only counted, so a file of a million mistakes costs no more memory than 200.
KEPT_PER_FILE = 200
COMPACT_AT = 100_000  # kept problems that trigger dropping the ones past KEPT_PER_FILE


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one place: file:line:column, field path, message (Chinese, then English)."""

    path: str
    line: int = 0
    column: int = 0
    field: str = ""
    message: str = ""
    english: str = ""
    severity: str = "error"  # "error" stops the build; "warning" is only reported

    def format(self) -> str:
        """Render as `file:line:col field: 中文（English）`, the form editors can jump to."""
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        label = "警告 warning" if self.severity == "warning" else "错误 error"
        head = f"{where}: {label}"
        if self.field:
            head += f" [{self.field}]"
        text = f"{head}: {self.message}"
        if self.english:
            text += f"\n    ({self.english})"
        return text


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in a source file."""

    line: int
    column: int


@dataclass
class Problems:
    """Collects problems from every stage; nothing stops at the first.

    Every problem is counted; of a file with more than KEPT_PER_FILE errors (or warnings), only
    the first KEPT_PER_FILE by line are kept once COMPACT_AT have piled up (`unlisted` counts the
    rest by severity), because no one reads past them and millions would take gigabytes.
    """

    items: list[Problem] = field(default_factory=list)
    unlisted: Counter = field(default_factory=Counter)
    _compact_at: int = field(default_factory=lambda: COMPACT_AT, repr=False)

    def add(
        self,
        path: str | Path,
        mark: Mark | None,
        field_path: str,
        message: str,
        english: str = "",
        severity: str = "error",
    ) -> None:
        """Record one problem at `mark` in `path`."""
        line, column = (mark.line, mark.column) if mark else (0, 0)
        self.items.append(Problem(str(path), line, column, field_path, message, english, severity))
        if len(self.items) > self._compact_at:
            self._compact()

    def _compact(self) -> None:
        """Keep the first KEPT_PER_FILE problems of each file and severity; count the others."""
        seen: Counter = Counter()
        kept = []
        for p in sorted(self.items, key=lambda p: (p.path, p.severity, p.line, p.column)):
            seen[p.path, p.severity] += 1
            if seen[p.path, p.severity] <= KEPT_PER_FILE:
                kept.append(p)
            else:
                self.unlisted[p.severity] += 1
        self.items = kept
        self._compact_at = max(COMPACT_AT, 2 * len(kept))  # many small files: do not sort again soon

    def warn(self, path, mark, field_path, message, english="") -> None:
        """Record a warning: reported, but the build goes on."""
        self.add(path, mark, field_path, message, english, severity="warning")

    def extend(self, other: Problems) -> None:
        """Take over every problem of `other` (and the count of those it did not keep)."""
        self.items.extend(other.items)
        self.unlisted.update(other.unlisted)
        if len(self.items) > self._compact_at:
            self._compact()

    @property
    def errors(self) -> list[Problem]:
        """Problems that stop the build, sorted by file and line."""
        return sorted(p for p in self.items if p.severity == "error")

    @property
    def warnings(self) -> list[Problem]:
        """Problems that do not stop the build, sorted by file and line."""
        return sorted(p for p in self.items if p.severity == "warning")

    @property
    def error_count(self) -> int:
        """Every error found, kept or not."""
        return sum(p.severity == "error" for p in self.items) + self.unlisted["error"]

    @property
    def warning_count(self) -> int:
        """Every warning found, kept or not."""
        return sum(p.severity == "warning" for p in self.items) + self.unlisted["warning"]

    def __bool__(self) -> bool:
        return any(p.severity == "error" for p in self.items)


class ContentError(Exception):
    """Raised once, after a stage, when the content has errors; carries all of them."""

    def __init__(self, problems: Problems):
        super().__init__(f"{problems.error_count} content error(s)")
        self.problems = problems
