"""Media paths and links: every referenced file must exist inside content/ and be local."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from .model.base import Record
from .problems import Mark, Problems
from .sanitize import find_unsafe, report_unsafe

# ![alt](target "title") and <img src="target">
# a Markdown target: <anything but a newline> in angle brackets, or up to the first space or ')'
_TARGET = r"\(\s*(?:<([^>\n]*)>|([^)\s]+))(?:\s+\"[^\"]*\")?\s*\)"
_MD_IMAGE = re.compile(r"!\[[^\]]*\]" + _TARGET)
_HTML_IMAGE = re.compile(r"<img\b[^>]*\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
# [text](target) that is not an image, and <a href="target">
_MD_LINK = re.compile(r"(?<!!)\[[^\]]*\]" + _TARGET)
_HTML_LINK = re.compile(r"<a\b[^>]*\bhref\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)

# what a published file may be: pictures, documents, sound and video. A web page, script or style
# sheet under media/ would run with the site's own address (a link opens it as a page), so it is
# refused whatever its name says; an SVG picture is a document too, and is checked for script.
PUBLISHABLE = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".avif", ".svg", ".ico"}
PUBLISHABLE |= {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".wps", ".et", ".dps", ".ofd"}
PUBLISHABLE |= {".txt", ".csv", ".zip", ".rar", ".7z", ".mp3", ".m4a", ".wav", ".ogg", ".mp4", ".webm"}
_SVG_ACTIVE = re.compile(
    rb"<\s*(?:script|foreignObject|iframe|embed|object|handler)\b|\son[a-z]+\s*=|javascript:|<!ENTITY",
    re.I,
)

LARGE_BYTES = 5 * 1024 * 1024  # larger images are slow on phones: a warning


def media_targets(body: str, patterns=(_MD_IMAGE, _HTML_IMAGE)) -> list[tuple[int, str]]:
    """(0-based line, target) of every image in a Markdown body."""
    found = []
    # images inside <!-- comments --> are not published; keep the newlines for line numbers
    body = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), body, flags=re.S)
    for n, line in enumerate(body.split("\n")):
        for rx in patterns:
            found += [(n, m[m.lastindex]) for m in rx.finditer(line)]
    return found


def link_targets(body: str) -> list[tuple[int, str]]:
    """(0-based line, target) of every link (not image) in a Markdown body."""
    return media_targets(body, (_MD_LINK, _HTML_LINK))


def leaves_content(target: str, base: PurePosixPath) -> bool:
    """True for a link that is a file path outside content/: '../../x', '/etc/x', 'C:\\x', file://.

    `base` is the linking file's folder inside content/ ('stories' for content/stories/a.md).
    Site links and web addresses are fine: only paths that climb out are refused."""
    if re.match(r"^file:", target, re.I) or target.startswith("\\") or re.match(r"^[A-Za-z]:[\\/]", target):
        return True
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith(("#", "//", "/")):
        return False
    depth = len(base.parts)
    for part in target.split("#")[0].split("?")[0].split("/"):
        if part == "..":
            depth -= 1
            if depth < 0:
                return True
        elif part not in ("", "."):
            depth += 1
    return False


def is_publishable(file: Path) -> bool:
    """True for a file the site may carry (a kind in PUBLISHABLE; an SVG without script)."""
    suffix = file.suffix.lower()
    return suffix in PUBLISHABLE and not (suffix == ".svg" and _SVG_ACTIVE.search(file.read_bytes()))


def media_path(target: str) -> str | None:
    """The file a link names when it is written as a path into content/media/ ('media/a.pdf#p2'
    → 'media/a.pdf'); None for pages, anchors and web addresses."""
    path = unquote(re.split(r"[#?]", target, maxsplit=1)[0])  # %20 is a space in a link
    return path if normalise(path).startswith("media/") else None


def normalise(target: str) -> str:
    """'/media/a.jpg' and './media/a.jpg' → 'media/a.jpg' (paths are relative to content/)."""
    return target.lstrip("/").removeprefix("./")


class MediaChecker:
    """Checks media references against the files under content/."""

    def __init__(self, content_dir: Path, problems: Problems):
        self.content_dir = content_dir.resolve()
        self.problems = problems
        self._verdicts: dict[str, tuple[str, str, str] | None] = {}

    def _verdict(self, target: str) -> tuple[str, str, str] | None:
        """What is wrong with a media path, as (中文, English, severity); None when fine. Cached."""
        if target not in self._verdicts:
            found = self._judge(target)
            self._verdicts[target] = found if found is None or len(found) == 3 else (*found, "error")
        return self._verdicts[target]

    def _judge(self, target: str) -> tuple[str, ...] | None:
        if re.match(r"^(?!https?:|file:)[a-z][a-z0-9+.-]+:", target, re.I):  # not C:
            return None  # javascript:, data: …: not a file; the cleaner drops it (find_unsafe warns)
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
        try:
            file = (self.content_dir / rel).resolve()
            exists = file.is_file()
        except (OSError, ValueError):  # a NUL, or a name longer than the file system allows
            return (
                f"路径“{target[:60]}”不是有效的文件名（太长，或含有不可见的特殊字符）：请改成简短的英文文件名",
                "not a valid file name (too long, or with an invisible control character); use a short name",
            )
        if not file.is_relative_to(self.content_dir):
            return (
                f"“{target}”指向 content/ 以外的位置（链接）",
                "the path points outside content/ (a link)",
            )
        if not exists:
            return (
                f"找不到文件“content/{rel}”：请检查文件名和大小写，或先把图片放进 content/{rel.parent}/",
                f"media file content/{rel} does not exist",
            )
        if rel.suffix.lower() not in PUBLISHABLE:
            return (
                f"content/{rel} 不能发布：网站只发布图片、文档、音视频（如 .jpg .png .pdf .docx .xlsx .mp4），"
                "网页、脚本一类的文件（.html .js .css …）会在本站地址下运行，请删去这个引用",
                f"content/{rel} cannot be published: only pictures, documents, sound and video "
                "(web pages and scripts would run under the site's address)",
            )
        if rel.suffix.lower() == ".svg" and _SVG_ACTIVE.search(file.read_bytes()):
            return (
                f"SVG 图片 content/{rel} 里有脚本或事件代码（script、onload= 之类）：请换成不含脚本的图片，"
                "或另存为 PNG",
                f"the SVG picture content/{rel} holds script or event handlers: use a plain picture or a PNG",
            )
        size = file.stat().st_size
        if size > LARGE_BYTES and rel.suffix.lower() in {".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp"}:
            return (
                f"图片 content/{rel} 有 {size / 1048576:.1f} MB，手机上打开很慢：请压缩到 1 MB 以内"
                "（如用微信发给自己再保存，或用画图工具另存为较小尺寸）",
                f"image content/{rel} is {size / 1048576:.1f} MB, slow on phones; shrink it below 1 MB",
                "warning",
            )
        return None

    def check(self, target: str, record: Record, key: tuple) -> bool:
        """Check one media path written in a field of `record`."""
        verdict = self._verdict(target)
        if verdict:
            zh, en, severity = verdict
            self.problems.add(*record.at(*key), zh, en, severity=severity)
        return verdict is None or verdict[2] != "error"

    def check_body(self, body: str, record: Record, body_line: int | None, key: tuple = ()) -> None:
        """Check every image and link in a Markdown text, and warn about HTML cleaning will remove;
        lines count from `body_line` (None: the text is the value of field `key`). The field's
        place in its file is looked up only when there is something to report."""
        if not body or ("<" not in body and "](" not in body):  # no image, link or HTML: most texts
            return
        path = record.src_path
        base = PurePosixPath(path).parent.relative_to("content") if path.startswith("content/") else None
        base = base if body_line is not None and base else PurePosixPath()
        images = [(n, v) for n, t in media_targets(body) if (v := self._verdict(t)) is not None]
        targets = link_targets(body)
        links = [(n, t) for n, t in targets if leaves_content(t, base)]
        # a link to a file of ours (media/…) must find it, as an image must
        files = [(n, v) for n, t in targets if (f := media_path(t)) and (v := self._verdict(f)) is not None]
        unsafe = find_unsafe(body)
        if not (images or links or files or unsafe):
            return
        path, mark, fld = record.at(*key)
        if body_line is not None:
            first, fld = Mark(body_line, 1), "正文 body"
        else:
            first = Mark(mark.line + 1, 1) if mark is not None else None

        def where(n: int) -> Mark | None:
            return Mark(first.line + n, 1) if first is not None else None

        for n, (zh, en, severity) in images + files:
            self.problems.add(path, where(n), fld, zh, en, severity=severity)
        for n, target in links:
            self.problems.add(
                path,
                where(n),
                fld,
                f"链接“{target}”指向 content/ 以外的文件：网站只能链接网页、网址或 content/media/ 里的文件",
                "the link points at a file outside content/; link to pages, web addresses or content/media/",
            )
        report_unsafe(self.problems, path, first, fld, unsafe)
