"""Engine: MkDocs + mkdocs-material configuration and build. The only module that imports mkdocs."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from .config import SiteConfig


@dataclass
class Staging:
    """What the engine builds from: generated pages, static files, search vocabulary."""

    pages: dict[str, str]  # docs path → Markdown
    files: dict[str, Path]  # docs path → file to copy (media, theme assets)
    texts: dict[str, str]  # docs path → generated text file (brand.css …)
    vocabulary: list[str]  # words search must keep whole: names of people, places, grids
    nav: list[dict]  # top-level navigation: [{label: docs path}]


def mkdocs_config(
    config: SiteConfig, staging_dir: Path, templates_dir: Path, nav: list[dict], user_dict: Path | None
) -> dict:
    """The generated mkdocs.yml: Chinese UI, no outside fonts, brand colour, a small navigation."""
    search = {"lang": "zh"}  # Material's Chinese separator splits on jieba's zero-width spaces
    if user_dict is not None:
        search["jieba_dict_user"] = str(user_dict)
    theme = {
        "name": "material",
        "language": "zh",
        "custom_dir": str(templates_dir / "overrides"),
        "font": False,  # otherwise every page loads Google Fonts
        "palette": {"scheme": "default", "primary": "custom", "accent": "custom"},
        "features": ["navigation.tabs", "navigation.tabs.sticky", "search.highlight", "content.code.copy"],
        "icon": {"logo": "material/flag"},
    }
    if config.site.logo:
        theme["logo"] = config.site.logo
        theme["favicon"] = config.site.logo
    return {
        "site_name": config.site.name,
        "site_description": config.site.description or config.site.slogan,
        "site_url": config.site.url or None,
        "copyright": config.site.copyright or None,
        "docs_dir": str(staging_dir / "docs"),
        "site_dir": str(staging_dir / "site"),
        "use_directory_urls": True,
        "theme": theme,
        "plugins": [{"search": search}],
        "markdown_extensions": [
            "attr_list",
            "md_in_html",
            "tables",
            "admonition",
            "def_list",
            {"toc": {"permalink": False}},
        ],
        "extra_css": ["assets/gridboard/gridboard.css", "assets/gridboard/brand.css"],
        "extra": {"generator": False},
        "nav": nav,
        "validation": {
            "nav": {"omitted_files": "ignore", "not_found": "warn", "absolute_links": "ignore"},
            "links": {
                "not_found": "warn",
                "anchors": "warn",
                "absolute_links": "ignore",
                "unrecognized_links": "ignore",
            },
        },
        "strict": False,
    }


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings so the report can show them (they mean a bug in our pages)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _quiet_mkdocs(today: dt.date) -> Iterator[_Collect]:
    """Silence MkDocs' INFO chatter, collect warnings, and pin the build date (sitemap, gzip)."""
    log = logging.getLogger("mkdocs")
    handler = _Collect()
    old_level, old_handlers, old_prop = log.level, log.handlers[:], log.propagate
    old_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    log.handlers, log.propagate = [handler], False
    log.setLevel(logging.WARNING)
    with contextlib.suppress(ImportError):  # jieba resets its logger to DEBUG on import
        import jieba

        jieba.setLogLevel(logging.WARNING)
    epoch = dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC).timestamp()
    os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch))
    try:
        yield handler
    finally:
        log.handlers, log.propagate = old_handlers, old_prop
        log.setLevel(old_level)
        if old_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old_epoch


def write_staging(staging: Staging, staging_dir: Path) -> Path | None:
    """Write the docs folder; return the path of the search user dictionary, if any."""
    docs = staging_dir / "docs"
    for rel, text in {**staging.pages, **staging.texts}.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for rel, src in staging.files.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
    if not staging.vocabulary:
        return None
    user_dict = staging_dir / "search_words.txt"
    words = sorted({w for w in staging.vocabulary if w and " " not in w})
    user_dict.write_text("".join(f"{w} 50 n\n" for w in words), encoding="utf-8")
    return user_dict


def build(
    staging: Staging, config: SiteConfig, templates_dir: Path, staging_dir: Path, today: dt.date
) -> tuple[Path, list[str]]:
    """Run MkDocs over the staged pages; return the built folder and MkDocs' warnings."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    user_dict = write_staging(staging, staging_dir)
    cfg_dict = mkdocs_config(config, staging_dir, templates_dir.resolve(), staging.nav, user_dict)
    cfg_file = staging_dir / "mkdocs.yml"
    cfg_file.write_text(yaml.safe_dump(cfg_dict, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with _quiet_mkdocs(today) as collected, contextlib.redirect_stdout(io.StringIO()):
        cfg = load_config(config_file=str(cfg_file))
        mkdocs_build(cfg)
    return staging_dir / "site", collected.messages


def serve(rebuild, watch: list[Path], site_dir: Path, host: str, port: int) -> None:
    """Live preview: serve `site_dir`, call `rebuild()` when anything in `watch` changes, reload."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site_dir))
    for path in watch:
        if path.exists():
            server.watch(str(path))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
