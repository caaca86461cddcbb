"""Scaffold: `gridboard new story|posting` writes a new file with its fields, never overwriting."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

STORY = """---
title: {title}
date: {date}
tags: []
draft: true            # 写完后改成 false 才会发布 / set to false to publish
source: ""             # 信息来源，如 {source}
author: ""             # 作者
photographer: ""       # 摄影
summary: ""            # 一句话摘要
communities: []        # 相关社区编号，如 [{community}]
grids: []              # 相关网格编号，如 [{grid}]
---

## 小标题

正文从这里开始。

<!--
插图：把图片放进 content/media/stories/，再把下面这一行复制到注释外面，改成实际的文件名：
![图片说明](media/stories/example.jpg)
-->
"""

POSTING = """# yaml-language-server: $schema=../../schemas/posting.schema.json
- id: {slug}
  title: {title}
  category: residents      # 类别编号，见 site_config.yml 的 board.categories
  scope: {district}        # 范围：区、街道、社区或网格的编号
  posted: "{posted}"       # 发布时间，加引号
  until: {until}           # 公示截止日期
  source: ""               # 信息来源（发布单位）
  audience: public         # public 公开 | internal 内部（不发布）
  status: valid            # valid 有效 | revised 已更正 | repealed 已撤销
  body: |
    正文写在这里，可以用 Markdown。
"""


def _free_slug(folder: Path, day: dt.date) -> str:
    n = 1
    while list(folder.glob(f"{day:%Y%m%d}-{n}.*")):
        n += 1
    return f"{day:%Y%m%d}-{n}"


def new_file(args) -> int:
    """Create the file; exit 1 (and touch nothing) if it exists or the slug is bad."""
    root = args.config.parent
    day = args.date or dt.date.today()
    if args.slug and not _SLUG.match(args.slug):
        print(f"文件名“{args.slug}”只能用小写英文字母、数字和短横线 / slug must be ASCII", file=sys.stderr)
        return 1
    title = json.dumps(args.title, ensure_ascii=False)
    if args.kind == "story":
        folder = root / "content" / "stories" / f"{day.year}"
        slug = args.slug or _free_slug(folder, day)
        target = folder / f"{slug}.md"
        hints = hints_for(root)
        text = STORY.format(
            title=title, date=day.isoformat(), source=hints.source, community=hints.community, grid=hints.grid
        )
    else:
        folder = root / "content" / "board"
        slug = args.slug or _free_slug(folder, day)
        target = folder / f"{slug}.yml"
        district = _district_id(root)
        text = POSTING.format(
            slug=slug,
            title=title,
            district=district,
            posted=f"{day.isoformat()} 09:00",
            until=(day + dt.timedelta(days=9)).isoformat(),
        )
    if target.exists():
        print(f"{target} 已存在，不会覆盖 / already exists, not overwritten", file=sys.stderr)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as fh:  # "x": never overwrite, even in a race
        fh.write(text)
    print(target)
    return 0


def _district_id(root: Path) -> str:
    import yaml

    try:
        data = yaml.safe_load((root / "site_config.yml").read_text(encoding="utf-8-sig"))
        return str(data["district"]["id"])
    except Exception:  # the scaffold still helps when the config is broken
        return "district-id"


@dataclass(frozen=True)
class Hints:
    """Examples for the comments of a new file: the site's own names, never another district's."""

    source: str = "区委组织部"
    community: str = "community-1"
    grid: str = "grid-1"


def hints_for(root: Path) -> Hints:
    """The site's district (as the usual source of a story), first community and first grid."""
    from .importers.site_files import Unreadable, fast_load, grid_paths, grids_of

    found = {}
    try:  # the scaffold still helps when a file is broken: a neutral example then
        district = fast_load(root / "site_config.yml")["district"]["name"]
        if isinstance(district, str) and district.strip():
            found["source"] = f"{district.strip()}委组织部"
    except (*Unreadable, KeyError, TypeError):
        pass
    try:
        street = fast_load(root / "content" / "org.yml")["streets"][0]
        found["community"] = str(street["communities"][0]["id"])
    except (*Unreadable, KeyError, TypeError, IndexError):
        pass
    for path in grid_paths(root):
        try:
            grids = grids_of(fast_load(path))
        except Unreadable:
            continue
        if grids and grids[0].get("id"):
            found["grid"] = str(grids[0]["id"])
            break
    return Hints(**{k: v for k, v in found.items() if _PLAIN.match(v)})


_PLAIN = re.compile(r"^[^\x00-\x1f\[\]#]{1,100}$")  # fits a one-line YAML comment as it is
