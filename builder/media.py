"""Media paths: every referenced file must exist inside content/ and be local."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from .model.base import Record
from .problems import Mark, Problems

# ![alt](target "title") and <img src="target">
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)


def media_targets(body: str) -> list[tuple[int, str]]:
    """(0-based line, target) of every image in a Markdown body."""
    found = []
    # images inside <!-- comments --> are not published; keep the newlines for line numbers
    body = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), body, flags=re.S)
    for n, line in enumerate(body.split("\n")):
        for rx in (_MD_IMAGE, _HTML_IMAGE):
            found += [(n, m.group(1)) for m in rx.finditer(line)]
    return found


def normalise(target: str) -> str:
    """'/media/a.jpg' and './media/a.jpg' → 'media/a.jpg' (paths are relative to content/)."""
    return target.lstrip("/").removeprefix("./")


class MediaChecker:
    """Checks media references against the files under content/."""

    def __init__(self, content_dir: Path, problems: Problems):
        self.content_dir = content_dir.resolve()
        self.problems = problems
        self._verdicts: dict[str, tuple[str, str] | None] = {}

    def _verdict(self, target: str) -> tuple[str, str] | None:
        """What is wrong with a media path, as (中文, English); None when it is fine. Cached."""
        if target not in self._verdicts:
            self._verdicts[target] = self._judge(target)
        return self._verdicts[target]

    def _judge(self, target: str) -> tuple[str, str] | None:
        if re.match(r"^[a-z]+://", target) or target.startswith("//"):
            return (
                f"“{target}”是外部网址：网站不从其他网站加载图片，请把文件下载到 content/media/ 再引用",
                "external images are not allowed: save the file under content/media/",
            )
        rel = PurePosixPath(normalise(target))
        if ".." in rel.parts or target.startswith("\\") or re.match(r"^[A-Za-z]:", target):
            return (
                f"路径“{target}”跑出了 content/ 文件夹：请写成 media/… 这样的相对路径",
                "the path leaves content/: write it like media/…",
            )
        file = (self.content_dir / rel).resolve()
        if not file.is_relative_to(self.content_dir):
            return (
                f"“{target}”指向 content/ 以外的位置（链接）",
                "the path points outside content/ (a link)",
            )
        if not file.is_file():
            return (
                f"找不到文件“content/{rel}”：请检查文件名和大小写，或先把图片放进 content/{rel.parent}/",
                f"media file content/{rel} does not exist",
            )
        return None

    def check(self, target: str, record: Record, key: tuple) -> bool:
        """Check one media path written in a field of `record`."""
        verdict = self._verdict(target)
        if verdict:
            self.problems.add(*record.at(*key), *verdict)
        return verdict is None

    def check_body(self, body: str, record: Record, body_line: int | None, key: tuple = ()) -> None:
        """Check every image in a Markdown body; lines count from `body_line` (None: the field's own)."""
        for n, target in media_targets(body):
            verdict = self._verdict(target)
            if verdict is None:
                continue
            path, mark, fld = record.at(*key)
            if body_line is not None:
                mark, fld = Mark(body_line + n, 1), "正文 body"
            elif mark is not None:
                mark = Mark(mark.line + 1 + n, 1)
            self.problems.add(path, mark, fld, *verdict)
