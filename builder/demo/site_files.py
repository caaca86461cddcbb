"""The demo's site_config.yml, free pages and lobby screens."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from .state import Sizes
from .yaml_files import dump


def copy_config(out: Path) -> None:
    """The demo district's site_config.yml."""
    example = Path(__file__).resolve().parent / "site_config.yml"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(example, out / "site_config.yml")


def write_screens(content: Path, communities: list[dict]) -> None:
    """A lobby screen in every community and one for the district's hall."""
    district = yaml.safe_load((Path(__file__).resolve().parent / "site_config.yml").read_text("utf-8"))
    screens = [
        {
            "id": "district-hall",
            "place": "区党群服务中心大厅",
            "scope": district["district"]["id"],
            "playlist": [
                "figures",
                {"show": "board", "count": 20},
                {"show": "events", "count": 10},
                "wishes",
                "stories",
                "showcase",
            ],
        }
    ]
    for i, com in enumerate(communities):
        screens.append(
            {
                "id": f"{com['id']}-lobby",
                "place": f"{com['name']}党群服务中心大厅",
                "orientation": "portrait" if i % 4 == 3 else "landscape",
                "scope": com["id"],
                "hours": [{"days": [1, 2, 3, 4, 5, 6], "from": "08:30", "to": "18:00"}],
                "playlist": [
                    "board",
                    {"show": "events", "count": 6},
                    "teams",
                    "wishes",
                    "figures",
                    "services",
                    "stations",
                    {"show": "stories", "count": 3},
                ],
            }
        )
    dump(content / "screens.yml", "社区大屏", screens)


def write_pages(content: Path, sizes: Sizes) -> None:
    """The about page, saying what the demo holds."""
    (content / "pages").mkdir(parents=True, exist_ok=True)
    (content / "pages" / "about.md").write_text(
        "---\ntitle: 关于本站\norder: 1\n---\n\n"
        f"这是由 `gridboard demo` 生成的示例站点：{sizes.grids} 个网格、{sizes.stories} 篇新闻、"
        f"{sizes.postings} 条公示，每个网格一条微心愿，每个社区有报到单位、报到党员和三张清单。"
        "人名、电话、地址均为虚构。\n",
        encoding="utf-8",
    )
