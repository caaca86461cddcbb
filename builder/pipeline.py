"""Pipeline: the ordered stages of a build, and nothing else."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from . import __version__, assets, engine
from .catalog import Catalog, build_catalog
from .config import load_config
from .load import load_content
from .model.content import read_content
from .outputs.publish import make_staging_dir, swap_into_place, write_version
from .pages import render_pages
from .problems import ContentError, Problems
from .report import Report


def templates_dir_for(root: Path) -> Path:
    """The site's own templates/ if it has one, else the templates shipped with Gridboard."""
    own = root / "templates"
    return own if (own / "pages").is_dir() else Path(__file__).resolve().parent.parent / "templates"


def check(config_file: Path, today: dt.date, report: Report) -> Catalog:
    """Stages 1–4: read, validate and link everything; raise ContentError with all problems."""
    problems = Problems()
    with report.timed("config"):
        config, root = load_config(config_file)
    with report.timed("load"):
        sources = load_content(root, problems)
    with report.timed("model"):
        content = read_content(sources, problems)
    with report.timed("catalog"):
        catalog = build_catalog(content, config, root, today, problems)
    report.problems = problems
    if problems:
        raise ContentError(problems)
    return catalog


def build(config_file: Path, out_dir: Path, today: dt.date, report: Report) -> Path:
    """All stages: check, render pages, run the engine, add outputs, swap into out_dir."""
    catalog = check(config_file, today, report)
    root = config_file.parent
    templates = templates_dir_for(root)
    with report.timed("pages"):
        pages = render_pages(catalog, templates)
        staging = assets.stage(catalog, pages, root, templates)
    work = make_staging_dir(out_dir)
    try:
        with report.timed("engine"):
            built, warnings = engine.build(staging, catalog.config, templates, work, today)
        report.engine_warnings = warnings
        with report.timed("outputs"):
            report.digest = write_version(built, today.isoformat(), f"gridboard {__version__}")
        report.pages = sum(1 for _ in built.rglob("*.html"))
        swap_into_place(built, out_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out_dir
