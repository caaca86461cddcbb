"""Shipped: where Gridboard's own files are, installed from a wheel or run from a clone.

The repository keeps its product layout (templates/, and the example site: site_config.yml and
content/ at the top); pyproject.toml maps them into the wheel as builder/_templates/ and
builder/_example/. An editable install (`pip install -e .`) or `python -m builder` in a clone
finds them where they are in the repository.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _shipped(in_wheel: str, in_clone: str, marker: str) -> Path:
    """builder/<in_wheel> when installed from a wheel, else <repository>/<in_clone> (the folder
    holding `marker`)."""
    package = files("builder")
    if not isinstance(package, Path):  # a zip import: Jinja and MkDocs need real folders
        raise RuntimeError(f"Gridboard must be installed as files, not run from a zip archive: {package}")
    for folder in (package / in_wheel, package.parent / in_clone):
        if (folder / marker).exists():
            return folder.resolve()
    raise RuntimeError(
        f"Gridboard 安装不完整：找不到 {package / in_wheel}，请重新安装 / "
        f"incomplete installation, reinstall Gridboard: {package / in_wheel} is missing"
    )


def templates_dir() -> Path:
    """Gridboard's own templates: pages/, overrides/, screens/, print/, assets/."""
    return _shipped("_templates", "templates", "pages")


def example_site() -> Path:
    """The example district's site folder (site_config.yml and content/)."""
    return _shipped("_example", ".", "content/org.yml")
