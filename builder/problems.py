"""Problems: what the author did wrong, where, and how to put it right."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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
    """Collects problems from every stage; nothing stops at the first."""

    items: list[Problem] = field(default_factory=list)

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

    def warn(self, path, mark, field_path, message, english="") -> None:
        """Record a warning: reported, but the build goes on."""
        self.add(path, mark, field_path, message, english, severity="warning")

    def extend(self, other: Problems) -> None:
        """Take over every problem of `other`."""
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        """Problems that stop the build, sorted by file and line."""
        return sorted(p for p in self.items if p.severity == "error")

    @property
    def warnings(self) -> list[Problem]:
        """Problems that do not stop the build, sorted by file and line."""
        return sorted(p for p in self.items if p.severity == "warning")

    def __bool__(self) -> bool:
        return bool(self.errors)


class ContentError(Exception):
    """Raised once, after a stage, when the content has errors; carries all of them."""

    def __init__(self, problems: Problems):
        super().__init__(f"{len(problems.errors)} content error(s)")
        self.problems = problems
