"""Schema: JSON Schema files for every content kind (kinds/registry.py), so editors autocomplete
and check them."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import TypeAdapter

from .config import SiteConfig
from .kinds import registry
from .model.allowlist import PublicNumber


def _list_of(model: type) -> type:
    return list[model]


def schema_kinds() -> dict[str, tuple[type, str]]:
    """File stem → (type, title): the site config, every content kind's (kinds/registry.py, as
    registered when called), and the allow-list. A `records` kind's files hold a list of records."""
    return {
        "site_config": (SiteConfig, "site_config.yml 站点配置"),
        **{
            k.schema[0]: (_list_of(k.model) if k.shape == "records" else k.model, k.schema[1])
            for k in registry.KINDS
            if k.schema
        },
        "public_numbers": (list[PublicNumber], "content/public_numbers.yml 允许公开的号码"),
    }


def schema_for(kind: str) -> dict:
    """The JSON Schema of one content kind."""
    model, title = schema_kinds()[kind]
    schema = TypeAdapter(model).json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}


def write_schemas(out_dir: Path) -> list[Path]:
    """Write <kind>.schema.json for every kind into out_dir; return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in schema_kinds():
        path = out_dir / f"{kind}.schema.json"
        path.write_text(json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
