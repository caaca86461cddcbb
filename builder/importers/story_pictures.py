"""An imported story's pictures: their files under media/, the cover, what could not be imported."""

from __future__ import annotations

from pathlib import Path

from ..problems import Problems
from .story_blocks import Block


def picture_paths(
    blocks: list[Block], root: Path, year: int, slug: str
) -> tuple[dict[int, str], list[tuple[Path, bytes]]]:
    """media/stories/<year>/<slug>-<n>.<ext> of each picture that was read, by block index; and
    the files to write."""
    paths: dict[int, str] = {}
    files: list[tuple[Path, bytes]] = []
    for i, b in enumerate(blocks):
        if b.kind == "image" and b.picture is not None and b.picture.data is not None:
            src = f"media/stories/{year}/{slug}-{len(paths) + 1}.{b.picture.ext}"
            paths[i] = src
            files.append((root / "content" / src, b.picture.data))
    return paths, files


def lead_picture(blocks: list[Block], paths: dict[int, str]) -> tuple[str | None, str]:
    """A picture before the first paragraph is the story's cover (shown at the top of the page and
    on lists and screens), with its caption as the description: it leaves the body, or it would be
    shown twice. Pictures further down stay where they are."""
    for i, b in enumerate(blocks):
        if b.kind in ("para", "list", "table"):
            return None, ""
        if b.kind == "image" and i in paths:
            cover = paths.pop(i)
            blocks[i] = Block("caption", md="", text="")  # an empty block: written as nothing
            return cover, b.caption
    return None, ""


def warn_pictures(blocks: list[Block], warnings: Problems, rel: str) -> None:
    """A warning for every picture not imported: on another website, missing, or in a format
    browsers cannot show."""
    pictures = [b.picture for b in blocks if b.kind == "image" and b.picture is not None]
    remote = [p.url for p in pictures if p.problem == "remote"]
    if remote:
        listed = "\n      ".join(remote)
        warnings.warn(
            rel,
            None,
            "图片 images",
            f"{len(remote)} 张图片在其他网站上，没有下载（网站不从其他网站加载图片）。请在浏览器里打开下面的地址，"
            "把图片另存到 content/media/stories/，再插入文章中注释“未导入的图片”的位置：\n      " + listed,
            f"{len(remote)} picture(s) on other websites were not downloaded: save each by hand into "
            "content/media/stories/ and insert it where the comment 'image not imported' is",
        )
    for p in pictures:
        if p.problem == "missing":
            warnings.warn(
                rel,
                None,
                "图片 images",
                f"找不到图片文件“{p.url}”（只读取网页所在文件夹里的图片，如网页旁边的 _files 文件夹）："
                "请找到图片，放进 content/media/stories/ 再插入",
                f"picture file '{p.url}' not found in the saved page's folder",
            )
        elif p.problem == "format":
            warnings.warn(
                rel,
                None,
                "图片 images",
                f"有一张图片{f'“{p.url}”' if p.url else ''}的格式网页不能显示（如 Word 里的 WMF/EMF 图形）："
                "请另存为 JPG 或 PNG，放进 content/media/stories/ 再插入",
                "a picture is in a format browsers cannot show (e.g. WMF/EMF): save it as JPG or PNG",
            )
