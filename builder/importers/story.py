"""Import a story: `gridboard import story FILE`.

Word (.docx), a saved web page or WeChat article (.html/.htm) or a text file (.txt) becomes a draft
in content/stories/<year>/<slug>.md, its pictures files in content/media/stories/<year>/. The stages:
read the file into blocks (story_docx/story_html/story_txt), tidy them (story_tidy: junk, captions,
metadata, title, headings), settle traditional characters, date and file name, then write the
Markdown (story_markdown) — pictures first, the story last, never over an existing file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Mark, Problem, Problems
from ..scaffold import hints_for
from . import story_markdown
from .story_blocks import Block, Draft
from .story_names import free_slug, mentioned, same_title, slug_of
from .story_pictures import lead_picture, picture_paths, warn_pictures
from .story_text import first_sentence
from .story_tidy import Article, tidy
from .story_traditional import TRADITIONAL_SHARE, all_text, is_traditional, simplify

__all__ = [
    "TRADITIONAL_SHARE",
    "ImportFailure",
    "Plan",
    "is_traditional",
    "prepare",
    "read",
    "run",
    "summary",
    "write",
]

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
NEXT_STEP = (
    "请打开检查，确认无误后把 draft: true 改成 false 再发布 (review it, then set draft: false to publish)"
)
TRADITIONAL_OFFER = (
    "这篇文章是繁体字。加 --to-simplified 转成简体后导入，或加 --keep-traditional 按原文导入。",
    "The text is in traditional Chinese: add --to-simplified to convert it, or --keep-traditional to import as is.",
)


class ImportFailure(Exception):
    """Nothing was imported; the message says why, in Chinese and English."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


@dataclass
class Plan:
    """Everything to write, settled before anything is written."""

    article: Article
    fields: story_markdown.FrontMatter
    slug: str
    target: Path  # content/stories/<year>/<slug>.md
    text: str  # the whole Markdown file
    pictures: list[tuple[Path, bytes]] = field(default_factory=list)
    warnings: Problems = field(default_factory=Problems)


def run(
    file: Path,
    root: Path,
    *,
    to_simplified: bool | None = None,
    slug: str | None = None,
    date: dt.date | None = None,
    today: dt.date | None = None,
) -> int:
    """Import one story; print what was written (stdout) or the problems (stderr); return exit code 0/1."""
    try:
        plan = prepare(file, root, to_simplified=to_simplified, slug=slug, date=date, today=today)
        write(plan)
    except ImportFailure as err:
        print(Problem(str(file), message=err.zh, english=err.en).format(), file=sys.stderr)
        return 1
    except Exception as err:  # a mistake of ours: said plainly, with what to send, and nothing written
        if os.environ.get("GRIDBOARD_DEBUG"):
            raise
        zh = f"导入时程序出错，没有导入（{type(err).__name__}: {err}）：请把这个文件发给技术人员"
        print(
            Problem(str(file), message=zh, english="the importer failed; nothing was written").format(),
            file=sys.stderr,
        )
        return 1
    for line in plan.warnings.items:
        print(line.format(), file=sys.stderr)
    print(summary(plan, root))
    return 0


def prepare(
    file: Path,
    root: Path,
    *,
    to_simplified: bool | None = None,
    slug: str | None = None,
    date: dt.date | None = None,
    today: dt.date | None = None,
) -> Plan:
    """Read and tidy the file and settle every name and field; nothing is written."""
    today = today or dt.date.today()
    _check_request(root, slug)
    draft = read(file)
    article = _article(draft, file, to_simplified)
    warnings = Problems()
    if article.title_from_file_name:
        warnings.warn(
            str(file),
            None,
            "title",
            f"文章里没有找到标题，先用文件名“{article.title}”作标题：请改成实际的标题",
            "no title found: the file name is used; correct it",
        )
    day = _publish_day(article, date, today, file, warnings)
    stories = root / "content" / "stories"
    free = _file_name(root, article, slug, day, file, warnings)
    target = stories / f"{day.year}" / f"{free}.md"
    rel = target.relative_to(root).as_posix()
    paths, pictures = picture_paths(article.blocks, root, day.year, free)
    _warn_draft(draft, article, stories, rel, warnings)
    cover, cover_alt = lead_picture(article.blocks, paths)
    fields = _front_matter(article, day, root, cover, cover_alt)
    fields.date_is_today = date is None and article.found.date is None
    text = (
        story_markdown.front_matter(fields, hints_for(root))
        + "\n"
        + story_markdown.body(article.blocks, paths, article.title)
    )
    _warn_located(article, text, rel, warnings)
    return Plan(article, fields, free, target, text, pictures, warnings)


def _check_request(root: Path, slug: str | None) -> None:
    """ImportFailure for a file name that cannot be one, or a folder that is not a site."""
    if slug is not None and not _SLUG.match(slug):
        raise ImportFailure(
            f"文件名“{slug}”只能用小写英文字母、数字、短横线和下划线",
            "the slug must be lowercase ASCII, digits, '-', '_'",
        )
    if not (root / "content").is_dir():
        raise ImportFailure(
            f"在 {root} 里找不到 content/ 文件夹：请在网站文件夹里运行，或用 --config 指明 site_config.yml",
            "no content/ folder: run this in the site folder, or give --config",
        )


def _article(draft: Draft, file: Path, to_simplified: bool | None) -> Article:
    """The tidied article, in simplified characters if asked; ImportFailure when it has no text, or
    is traditional and the author has not said what to do."""
    article = tidy(draft, fallback_title=file.stem.strip())
    if not any(b.kind in ("para", "list", "table") for b in article.blocks):
        raise ImportFailure(
            "在文件里没有找到正文：请确认文件里有文章内容（网页请用“网页，全部”保存）",
            "no article text found in the file",
        )
    if to_simplified:
        simplify(article)
    elif to_simplified is None and is_traditional(all_text(article)):
        raise ImportFailure(*TRADITIONAL_OFFER)
    return article


def _publish_day(
    article: Article, date: dt.date | None, today: dt.date, file: Path, warnings: Problems
) -> dt.date:
    """The date given, else the one found in the article, else today (with a warning)."""
    day = date or article.found.date
    if day is None:
        day = today
        warnings.warn(
            str(file),
            None,
            "date",
            f"文章里没有找到发布日期，先写成今天 {day.isoformat()}：请改成实际的发布日期，或导入时加 --date",
            "no publish date found: today's date is used; correct it, or import with --date",
        )
    return day


def _file_name(
    root: Path, article: Article, slug: str | None, day: dt.date, file: Path, warnings: Problems
) -> str:
    """A free file name: the one given, else the title's pinyin, else the date; a warning when the
    given one is taken."""
    base = slug or slug_of(article.title) or f"{day:%Y%m%d}"
    free = free_slug(root, day.year, base)
    if slug and free != slug:
        warnings.warn(
            str(file), None, "slug", f"“{slug}”已被占用，改用“{free}”", f"'{slug}' is taken; '{free}' is used"
        )
    return free


def _warn_draft(draft: Draft, article: Article, stories: Path, rel: str, warnings: Problems) -> None:
    """Warnings about the draft: a story with the same title, pictures not imported, the readers' notes."""
    for other in same_title(stories, article.title):
        warnings.warn(
            rel,
            None,
            "title",
            f"{other} 的标题和这篇一样：可能重复导入了，请检查，不需要的话删掉一篇",
            f"{other} has the same title: this may be a duplicate",
        )
    warn_pictures(article.blocks, warnings, rel)
    for zh, en in draft.notes:
        warnings.warn(rel, None, "", zh, en)


def _front_matter(
    article: Article, day: dt.date, root: Path, cover: str | None, cover_alt: str
) -> story_markdown.FrontMatter:
    """The story's front matter fields, with the streets, communities and grids its text mentions."""
    found = article.found
    return story_markdown.FrontMatter(
        title=article.title,
        date=day,
        source=found.source or "",
        author="、".join(found.authors),
        photographer="、".join(found.photographers),
        summary=_summary(article.blocks),
        cover=cover,
        cover_alt=cover_alt,
        **mentioned(root, article.title + "\n" + all_text(article)),
    )


def _warn_located(article: Article, text: str, rel: str, warnings: Problems) -> None:
    """The tidying's warnings about a place in the story, at its line of the Markdown written."""
    lines = [line.replace("\\", "") for line in text.split("\n")]
    start = next(i for i, line in enumerate(lines) if i and line == "---") + 1  # after the front matter
    for needle, zh, en in article.located:
        at = next((i for i in range(start, len(lines)) if needle in lines[i]), None)
        warnings.warn(rel, None if at is None else Mark(at + 1, 1), "", zh, en)


def read(file: Path) -> Draft:
    """The file's blocks, by its kind; ImportFailure for what cannot be read."""
    from .story_docx import read_docx
    from .story_html import read_html
    from .story_txt import NotText, read_txt

    suffix = file.suffix.lower()
    readers = {".docx": read_docx, ".html": read_html, ".htm": read_html, ".txt": read_txt}
    if suffix not in readers:
        raise ImportFailure(*_unsupported(suffix))
    if not file.is_file():
        raise ImportFailure(f"找不到文件 {file}", "the file does not exist")
    if file.stat().st_size == 0:
        raise ImportFailure("文件是空的，没有可导入的内容", "the file is empty")
    try:
        return readers[suffix](file)
    except (zipfile.BadZipFile, KeyError) as err:
        if suffix != ".docx":
            raise
        raise ImportFailure(
            "读不了这个 Word 文件：它可能已损坏，或不是 .docx（如旧版 .doc 或 WPS 文件改了扩展名）。"
            "请在 Word 或 WPS 里打开，另存为“Word 文档（*.docx）”后再导入",
            f"cannot read this Word file ({type(err).__name__}): save it again as .docx",
        ) from err
    except NotText as err:
        raise ImportFailure(
            "这不是文本文件（可能是 Word 文档或图片改了扩展名）：请用记事本打开确认，或直接导入原来的文件",
            "this is not a text file (a renamed document or picture?)",
        ) from err
    except OSError as err:
        raise ImportFailure(f"读不了这个文件：{err.strerror or err}", f"cannot read the file: {err}") from err
    except Exception as err:  # a reader library's own error: reported, never a traceback
        raise ImportFailure(
            f"导入失败，文件可能已损坏：{type(err).__name__}: {err}",
            f"import failed; the file may be damaged: {type(err).__name__}",
        ) from err


def _unsupported(suffix: str) -> tuple[str, str]:
    what = suffix or "（没有扩展名）"
    hints = {
        ".doc": "旧版 Word 文件请在 Word 或 WPS 里另存为 .docx",
        ".wps": "WPS 文件请另存为 .docx",
        ".pdf": "PDF 请复制全文粘贴到记事本，保存为 .txt",
        ".mht": "请在浏览器里用“网页，全部（*.htm;*.html）”重新保存",
        ".mhtml": "请在浏览器里用“网页，全部（*.htm;*.html）”重新保存",
    }
    zh = f"不能导入 {what} 文件：请用 Word（.docx）、保存的网页（.html）或文本（.txt）文件。{hints.get(suffix, '')}"
    return zh.rstrip("。") + "。", f"{what} files cannot be imported: use .docx, .html/.htm or .txt"


def _summary(blocks: list[Block]) -> str:
    for b in blocks:
        if b.kind == "para" and len(b.text) >= 10:
            return first_sentence(b.text)
    return ""


# ---- writing and reporting ----------------------------------------------------------------


def write(plan: Plan) -> None:
    """Pictures, then the story; each opened with "x" so nothing is ever overwritten. On a failure
    the files written so far are removed again."""
    created: list[Path] = []
    try:
        plan.target.parent.mkdir(parents=True, exist_ok=True)
        for path, data in plan.pictures:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "xb") as fh:
                created.append(path)
                fh.write(data)
        with open(plan.target, "x", encoding="utf-8", newline="\n") as fh:
            created.append(plan.target)
            fh.write(plan.text)
    except OSError as err:
        for path in created:
            path.unlink(missing_ok=True)
        raise ImportFailure(
            f"写入失败，没有导入：{err.strerror or err}（{err.filename or ''}）",
            f"could not write the files, nothing was imported: {err}",
        ) from err


def summary(plan: Plan, root: Path) -> str:
    """What was written, found and removed, and what to do next."""
    fm = plan.fields

    def rel(p: Path) -> str:
        return p.relative_to(root).as_posix() if p.is_relative_to(root) else str(p)

    lines = [f"已导入 imported: {rel(plan.target)}"]
    for path, _ in plan.pictures:
        lines.append(f"  图片 picture: {rel(path)}")
    lines += [
        f"  标题 title: {fm.title}",
        f"  日期 date: {fm.date.isoformat()}",
        f"  来源 source: {fm.source or '（未找到 not found）'}",
        f"  作者 author: {fm.author or '（未找到 not found）'}",
    ]
    if fm.photographer:
        lines.append(f"  摄影 photographer: {fm.photographer}")
    if fm.cover:
        lines.append(f"  题图 cover: {fm.cover}（正文前的图片 the picture above the text）")
    removed = plan.article.removed
    if removed:
        lines.append("  已删除 removed: " + "；".join(f"{k} {v}" for k, v in removed.items()))
    lines.append(f"下一步 next: {NEXT_STEP}")
    return "\n".join(lines)
