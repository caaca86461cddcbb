"""Stories (content/stories/**/*.md): news with front matter; published on their date, newest
first; pages by year, tags, and the story slides of the screens."""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePosixPath

from .. import sharing
from ..model.board import Story
from ..model.content import StoryDoc
from ..views import excerpt, tag_slug
from .grids import GRID
from .kind import Kind, Show, Slide, nav_entry
from .linking import Linker, url_safe
from .org import COMMUNITY


def story_url(s: StoryDoc) -> str:
    return f"stories/{s.meta.date.year}/{s.slug}/"


def tag_url(tag: str) -> str:
    """The page of the stories with a tag."""
    return f"stories/tags/{tag_slug(tag)}/"


def link(link: Linker) -> None:
    stories: list[StoryDoc] = link.of("stories")
    community, grid = link.catalog.community, link.catalog.grid
    seen: dict[str, StoryDoc] = {}
    for s in stories:
        _check_name(link, s, seen)
        for i, c in enumerate(s.meta.communities):
            if c not in community:
                link.unknown(s.meta, ("communities", i), COMMUNITY, c, community)
        for i, g in enumerate(s.meta.grids):
            if g not in grid:
                link.unknown(s.meta, ("grids", i), GRID, g, grid)
        if s.meta.cover:
            link.media.check(s.meta.cover, s.meta, ("cover",))
        link.media.check_body(s.body, s.meta, s.body_line)
    published = [s for s in stories if not s.meta.draft and s.meta.date <= link.today]
    link.catalog.add(stories=sorted(published, key=lambda s: (s.meta.date, s.slug), reverse=True))


def _check_name(link: Linker, s: StoryDoc, seen: dict[str, StoryDoc]) -> None:
    if s.slug in seen:
        link.problems.add(
            s.meta.src_path,
            None,
            "",
            f"文件名“{s.slug}.md”与 {seen[s.slug].meta.src_path} 重复：新闻文件名要唯一，用于网址",
            "story file names must be unique: they make the URL",
        )
    seen[s.slug] = s
    if "/" in s.slug or not url_safe(s.slug):
        link.problems.add(
            s.meta.src_path,
            None,
            "",
            f"文件名“{s.slug}.md”会成为网址：只能用小写英文字母、数字、短横线和下划线，如 2026-dangke.md",
            "the story file name becomes its URL: use lowercase ASCII letters, digits, '-' and '_'",
        )


def tags_of(stories: list[StoryDoc]) -> dict[str, list[StoryDoc]]:
    """Tag → its stories (newest first), tags sorted."""
    tags: dict[str, list] = defaultdict(list)
    for s in stories:
        for t in s.meta.tags:
            tags[t].append(s)
    return dict(sorted(tags.items()))


def pages(w, cat) -> None:
    tags = tags_of(cat.stories)
    w.render("stories.md.j2", "stories/index.md", tags=tags)
    w.render("tags.md.j2", "stories/tags/index.md", tags=tags)
    for t, items in tags.items():
        w.page("tag.md.j2", tag_url(t), tag=t, items=items)
    for s in cat.stories:
        w.page(
            "story.md.j2",
            story_url(s),
            s=s,
            share_image=sharing.image_url(cat.config, s.meta.cover),
            grids=[cat.grid[g] for g in s.meta.grids if g in cat.grid],
            communities=[cat.community[c] for c in s.meta.communities if c in cat.community],
        )


def _stories(cat, screen, item, postings):
    for s in cat.stories:
        places = [*s.meta.communities, *s.meta.grids]
        if not places or any(cat.concerns(screen.scope, p) for p in places):
            yield Slide("story", 0, story_url(s), data={"s": s, "summary": excerpt(s.body, 140)})


KIND = Kind(
    id="stories",
    name="新闻 stories",
    files=("content/stories/**/*.md",),
    shape="markdown",
    model=Story,
    document=StoryDoc,
    slug=lambda path: PurePosixPath(path).stem,
    after=("org", "grids"),
    link=link,
    pages=pages,
    urls={StoryDoc: story_url},
    nav=(70, nav_entry("工作动态", "stories/index.md")),
    shows={"stories": Show(_stories, 5, newest_first=True, description="stories 最新新闻")},
    schema=("story", "content/stories/**/*.md 新闻 front matter"),
    draft=lambda doc: doc.meta.draft,
    section=("工作动态", "stories"),
    section_items=lambda cat: cat.stories,
)
