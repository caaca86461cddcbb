"""Demo generator: a complete, realistic site folder of any size, the same for the same seed.

`gridboard demo --grids N --out DIR` writes site_config.yml and content/ in the real content format
(streets → communities → grids with teams, services, postings, stories, events, notices,
reporting units and members, wishes, needs and projects), which `gridboard build`
accepts as it is. Tests and benchmarks use it; stories are N/3 and postings N/6 by default.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

from ..shipped import templates_dir
from .events import write_events
from .news import write_postings, write_stories
from .notices import write_notices
from .org import COMMUNITIES_PER_STREET, DISTRICT, GRIDS_PER_COMMUNITY, make_org
from .reporting import write_reporting
from .services import write_services, write_showcases_and_studios
from .site_files import copy_config, write_pages, write_screens
from .state import Sizes, State
from .wishes import write_wishes_needs_projects
from .yaml_files import dump

__all__ = ["COMMUNITIES_PER_STREET", "DISTRICT", "GRIDS_PER_COMMUNITY", "Sizes", "generate"]


def generate(
    out: Path, grids: int, seed: int = 1, today: dt.date | None = None, sizes: Sizes | None = None
) -> Sizes:
    """Write a demo site folder into `out` (which must be empty or absent); return its sizes."""
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(out)
    sizes = sizes or Sizes.for_grids(grids)
    st = State(random.Random(seed), today or dt.date.today())
    content = out / "content"
    streets, grid_records = make_org(st, sizes.grids)
    communities = [c for s in streets for c in s["communities"]]
    copy_config(out)
    dump(content / "org.yml", "组织架构：街道（镇）及其下辖社区（村）", {"streets": streets})
    for street in streets:
        ids = {c["id"] for c in street["communities"]}
        mine = [g for g in grid_records if g["community"] in ids]
        dump(content / "grids" / f"{street['id']}.yml", f"{street['name']}网格名单", mine)
    write_services(st, content, streets, communities)
    write_showcases_and_studios(st, content, communities)
    write_postings(st, content, streets, communities, grid_records, sizes.postings)
    write_stories(st, content, streets, communities, grid_records, sizes.stories)
    write_events(st, content, streets, communities, grid_records)
    write_notices(st, content, DISTRICT["id"], communities)
    grids_of: dict[str, list[dict]] = {}
    for g in grid_records:
        grids_of.setdefault(g["community"], []).append(g)
    reporters = write_reporting(st, content, streets, grids_of)
    write_wishes_needs_projects(st, content, streets, grids_of, reporters)
    write_pages(content, sizes)
    write_screens(content, communities)
    media = templates_dir() / "assets" / "person.svg"
    (content / "media" / "people").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(media, content / "media" / "people" / "demo.svg")
    return sizes
