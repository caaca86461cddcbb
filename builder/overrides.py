"""Overrides: a site's templates/ folder searched before Gridboard's own, file by file.

A site changes one page template, one partial of the theme, one screen or one asset by putting a
file of the same name under its templates/ (as mkdocs-material's `custom_dir` does for the theme);
every other file stays Gridboard's, so later fixes still reach the site. `gridboard template
override NAME` copies the original with a first line naming it and its sha256
(`{# gridboard-override-of: pages/grid.md.j2 sha256:… #}`): when an upgrade changes the original,
the build warns with both paths. An error raised while rendering a site's file (a value the build
no longer passes, a syntax error) is a problem at that file, not an internal error.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import shipped
from .problems import ContentError, Mark, Problems

FAMILIES = ("pages", "overrides", "screens", "print", "assets")
HEADER = re.compile(r"gridboard-override-of:\s*(?P<name>\S+)\s+sha256:(?P<digest>[0-9a-f]{64})")
_HEADER_BYTES = 1024  # the header is on the first line (after an XML declaration at most)


@dataclass(frozen=True)
class Templates:
    """Gridboard's templates, with the site's templates/ folder (if any) searched first."""

    ours: Path
    site: Path | None = None

    @classmethod
    def for_site(cls, root: Path) -> Templates:
        """The templates a site folder builds with."""
        ours, own = shipped.templates_dir(), (root / "templates").resolve()
        return cls(ours, own if own.is_dir() and own != ours else None)  # in a clone, ours are the site's

    def search_path(self, family: str = "") -> list[Path]:
        """Folders to look in, the site's first (for Jinja's loader and the theme's folders)."""
        site = [self.site / family] if self.site and (self.site / family).is_dir() else []
        return [*site, self.ours / family]

    def find(self, rel: str) -> Path:
        """The file used for `rel` (a path under templates/): the site's if it has one."""
        for folder in self.search_path():
            if (folder / rel).is_file():
                return folder / rel
        raise FileNotFoundError(self.ours / rel)

    def files(self, family: str) -> dict[str, Path]:
        """Every file of a family by its path inside it: ours, then the site's over them."""
        found: dict[str, Path] = {}
        for folder in reversed(self.search_path(family)):
            for f in sorted(folder.rglob("*")):
                if f.is_file():
                    found[f.relative_to(folder).as_posix()] = f
        return dict(sorted(found.items()))

    def site_files(self) -> list[tuple[str, Path]]:
        """The site's own files under templates/, by their path there."""
        if self.site is None:
            return []
        return [(f.relative_to(self.site).as_posix(), f) for f in sorted(self.site.rglob("*")) if f.is_file()]

    def every_file(self) -> list[Path]:
        """Every file that can shape the output (what the preview's fingerprint covers)."""
        return sorted(f for f in self.ours.rglob("*") if f.is_file()) + [f for _, f in self.site_files()]


def digest(path: Path) -> str:
    """The version stamp of a template: the sha256 of its bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def original(templates: Templates, name: str) -> Path | None:
    """Gridboard's file `name` (a path under templates/); for the theme, mkdocs-material's own
    when Gridboard does not change that template."""
    ours = templates.ours / name
    if ours.is_file():
        return ours
    if name.startswith("overrides/"):
        from .engine import theme_template

        return theme_template(name.removeprefix("overrides/"))
    return None


def check_overrides(templates: Templates, root: Path, problems: Problems) -> None:
    """Warn about every override written for an original that has changed since, or is gone."""
    root = root.resolve()
    for rel, path in templates.site_files():
        with open(path, "rb") as fh:
            m = HEADER.search(fh.read(_HEADER_BYTES).decode("utf-8", "replace"))
        if m is None:
            continue
        name, where = m["name"], path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        source = original(templates, name)
        if name != rel:
            problems.warn(
                where,
                Mark(1, 1),
                "",
                f"第一行说这是 {name} 的覆盖文件，但它放在 templates/{rel}：生成网站时用的是放的位置；"
                f"请核对第一行或文件位置",
                f"the first line says this overrides {name}, but it is templates/{rel}: its place decides",
            )
        elif source is None:
            problems.warn(
                where,
                Mark(1, 1),
                "",
                f"Gridboard 已不再有 {name} 这个模板，这个覆盖文件不会再被用到：请对照新版本的模板改写或删除它",
                f"Gridboard no longer has {name}: this override is not used; rewrite or delete it",
            )
        elif digest(source) != m["digest"]:
            problems.warn(
                where,
                Mark(1, 1),
                "",
                f"Gridboard 自带的 {name} 已更新，请对照新版本修改您的覆盖文件：新版本 {source}，"
                f"您的覆盖文件 {where}；改好后把第一行的 sha256 改为 {digest(source)}",
                f"Gridboard's {name} has changed since this override was copied: compare with {source}, "
                f"then set the sha256 on the first line to {digest(source)}",
            )


def header(name: str, stamp: str) -> str:
    """The first line of an override of `name`, as a comment the file's kind allows."""
    text = f"gridboard-override-of: {name} sha256:{stamp}"
    if name.endswith((".css", ".js")):
        return f"/* {text} */\n"
    if name.endswith(".svg"):
        return f"<!-- {text} -->\n"
    return "{# " + text + " -#}\n"  # a Jinja comment; `-` keeps the line out of the output


def write_override(root: Path, name: str) -> int:
    """`gridboard template override NAME`: copy the original into the site's templates/ with a
    header naming it and its sha256; never over an existing file. Returns the exit code."""
    templates = Templates.for_site(root)
    name = name.replace("\\", "/").removeprefix("./").removeprefix("templates/")
    source = original(templates, name)
    if source is None and original(templates, f"overrides/{name}") is not None:
        name = f"overrides/{name}"  # partials/footer.html: the theme's
        source = original(templates, name)
    if source is None or not name.startswith(FAMILIES) or ".." in name.split("/"):
        known = [rel for family in FAMILIES for rel in _names(templates, family)]
        close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
        hint = (
            f"：是不是 {'、'.join(close)}？"
            if close
            else "：模板名如 pages/grid.md.j2、overrides/partials/footer.html"
        )
        print(f"没有叫 {name} 的模板{hint} / no template named {name}", file=sys.stderr)
        return 1
    target = root / "templates" / name
    if target.exists():
        print(f"{target} 已存在，不会覆盖 / already exists, not overwritten", file=sys.stderr)
        return 1
    data = source.read_bytes()
    with contextlib.suppress(UnicodeDecodeError):  # an image is copied as it is: no room for a header
        text = data.decode("utf-8")
        cut = (
            (text.find("\n") + 1 or len(text)) if text.startswith("<?xml") else 0
        )  # the declaration must lead
        # Material's own files say "do not edit" (they are generated upstream): not true of a copy
        text = text.replace(
            "This file was automatically generated - do not edit", "您的副本，可以修改 / your copy: edit it"
        )
        data = (text[:cut] + header(name, digest(source)) + text[cut:]).encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "xb") as fh:  # "x": never overwrite, even in a race
        fh.write(data)
    print(
        f"{target}\n已复制 Gridboard 的 {name}：改这个文件，网站就用您的版本；其余模板仍用 Gridboard 的。\n"
        f"copied Gridboard's {name}: edit this copy; every other template stays Gridboard's."
    )
    return 0


def _names(templates: Templates, family: str) -> list[str]:
    return [f"{family}/{rel}" for rel in templates.files(family)]


@contextlib.contextmanager
def reported(templates: Templates, root: Path, problems: Problems) -> Iterator[None]:
    """Turn an error raised in one of the site's templates into a problem at that file, added to
    `problems` (raised as ContentError with them)."""
    try:
        yield
    except (jinja2.UndefinedError, jinja2.TemplateSyntaxError) as exc:
        root = root.resolve()
        place = _site_place(exc, templates)
        if place is None:
            raise  # in Gridboard's own templates: a bug of ours, not the author's
        path, line = place
        where = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        detail = exc.message or str(exc)
        if isinstance(exc, jinja2.TemplateSyntaxError):
            problems.add(
                where,
                Mark(line, 0),
                "",
                f"模板写法有误：请检查这一行的 {{% %}}、{{{{ }}}} 是否成对、写全（Jinja 的说明：{detail}）",
                f"template syntax error: {detail}",
            )
        else:
            missing = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", detail)
            name = next((g for g in missing.groups() if g), "") if missing else ""
            problems.add(
                where,
                Mark(line, 0),
                name,
                f"覆盖模板用到的 {name or detail} 在生成网站时没有传给这个模板（Gridboard 升级后可能改了名或去掉了）："
                f"请对照 Gridboard 自带的同名模板修改，或删除这个覆盖文件",
                f"the override uses a value the build does not pass ({detail}); compare with "
                "Gridboard's template of the same name, or delete the override",
            )
        raise ContentError(problems) from None


def _site_place(exc: jinja2.TemplateError, templates: Templates) -> tuple[Path, int] | None:
    """The site's template file and line an error was raised at (the innermost one), or None."""
    if templates.site is None:
        return None
    site = templates.site

    def in_site(filename: str | None) -> Path | None:
        if not filename:
            return None
        path = Path(filename).resolve()
        return path if path.is_relative_to(site) else None

    if isinstance(exc, jinja2.TemplateSyntaxError):
        path = in_site(exc.filename)
        return (path, exc.lineno) if path else None
    place = None
    tb = exc.__traceback__
    while tb is not None:  # Jinja rewrites the traceback: template frames carry file and line
        path = in_site(tb.tb_frame.f_code.co_filename)
        if path is not None:
            place = (path, tb.tb_lineno)
        tb = tb.tb_next
    return place
