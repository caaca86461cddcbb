"""YAML written as a person would write it."""

from __future__ import annotations

from pathlib import Path

import yaml


class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Block style, Chinese as is, multi-line text as `|` blocks: how a person would write it."""

    def ignore_aliases(self, data) -> bool:
        """A value used twice (a date) is written twice: content may not use anchors."""
        return True


Dumper.add_representer(
    str,
    lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style="|" if "\n" in s else None),
)


def dump(path: Path, header: str, data) -> None:
    """Write `data` as a YAML file with a comment header saying it is made up."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(f"# {header}\n# 本文件由 gridboard demo 生成，内容为虚构示例。\n{body}", encoding="utf-8")
