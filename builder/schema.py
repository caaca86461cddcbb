"""Schema: JSON Schema files for every content kind, so editors autocomplete and check them."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import TypeAdapter

from .config import SiteConfig
from .model.allowlist import PublicNumber
from .model.board import FreePage, Posting, Story
from .model.org import Grid, Org, Showcase, Studio
from .model.screens import Screen
from .model.services import ServiceFile

# file stem → (type, title). List kinds are files holding a list of records.
KINDS = {
    "site_config": (SiteConfig, "site_config.yml 站点配置"),
    "org": (Org, "content/org.yml 街道与社区"),
    "grid": (list[Grid], "content/grids/*.yml 网格"),
    "showcase": (list[Showcase], "content/showcase/*.yml 示范社区"),
    "studio": (list[Studio], "content/studios/*.yml 书记工作室"),
    "services": (ServiceFile, "content/services/*.yml 服务清单"),
    "posting": (list[Posting], "content/board/*.yml 公开栏公示"),
    "story": (Story, "content/stories/**/*.md 新闻 front matter"),
    "page": (FreePage, "content/pages/**/*.md 页面 front matter"),
    "screens": (list[Screen], "content/screens.yml 社区大屏"),
    "public_numbers": (list[PublicNumber], "content/public_numbers.yml 允许公开的号码"),
}


def schema_for(kind: str) -> dict:
    """The JSON Schema of one content kind."""
    model, title = KINDS[kind]
    schema = TypeAdapter(model).json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}


def write_schemas(out_dir: Path) -> list[Path]:
    """Write <kind>.schema.json for every kind into out_dir; return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = out_dir / f"{kind}.schema.json"
        path.write_text(json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
