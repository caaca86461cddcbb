"""Free pages (content/pages/**/*.md): pages the district writes itself, under 关于 in the menu,
and the page slides of the screens."""

from __future__ import annotations

from pathlib import PurePosixPath

from ..model.board import FreePage
from ..model.content import PageDoc
from .kind import Kind, Show, Slide, Target
from .linking import Linker, url_safe

PAGE = Target("页面", "free page", ("pages",))


def page_url(p: PageDoc) -> str:
    return f"about/{p.slug}/"


def link(link: Linker) -> None:
    docs: list[PageDoc] = link.of("pages")
    for p in docs:
        link.media.check_body(p.body, p.meta, p.body_line)
        if not url_safe(p.slug):
            link.problems.add(
                p.meta.src_path,
                None,
                "",
                f"文件名“{p.slug}.md”会成为网址：文件夹和文件名只能用小写英文字母、数字、短横线和下划线，"
                "不能以点开头，如 brand.md",
                "the page's file name becomes its URL: use lowercase ASCII letters, digits, '-' and '_'",
            )
    pages = sorted((p for p in docs if not p.meta.draft), key=lambda p: (p.meta.order, p.slug))
    link.catalog.add(pages=pages)


def pages(w, cat) -> None:
    for p in cat.pages:
        w.page("free.md.j2", page_url(p), p=p)


def _nav(cat) -> dict | None:
    if not cat.pages:
        return None
    return {"关于": [{p.meta.title: f"about/{p.slug}.md"} for p in cat.pages]}


def _page(cat, screen, item, postings) -> list[Slide]:
    return [Slide("page", 0, page_url(p), data={"p": p}) for p in cat.pages if p.slug == item.page]


KIND = Kind(
    id="pages",
    name="页面 free pages",
    files=("content/pages/**/*.md",),
    shape="markdown",
    model=FreePage,
    document=PageDoc,
    slug=lambda path: str(PurePosixPath(path).relative_to("content/pages").with_suffix("")),
    link=link,
    pages=pages,
    urls={PageDoc: page_url},
    nav=(80, _nav),
    shows={"page": Show(_page, description="page 页面")},
    schema=("page", "content/pages/**/*.md 页面 front matter"),
    draft=lambda doc: doc.meta.draft,
)
