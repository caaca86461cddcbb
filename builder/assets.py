"""Assets: what the pages need besides Markdown: media, theme files, brand colours, navigation."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from . import footer, sharing
from .engine import Staging
from .kinds import registry
from .kinds.registry import navigation
from .media import is_publishable
from .outputs.feeds import district_feeds
from .outputs.search import INDEX_LANG
from .overrides import Templates

if TYPE_CHECKING:
    from .catalog import Catalog


def brand_css(color: str) -> str:
    """CSS variables for mkdocs-material's custom palette, from the brand colour."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    dark = "#{:02x}{:02x}{:02x}".format(*(int(c * 0.75) for c in (r, g, b)))
    return (
        ":root {\n"
        f"  --md-primary-fg-color: {color};\n"
        f"  --md-primary-fg-color--light: {color};\n"
        f"  --md-primary-fg-color--dark: {dark};\n"
        "  --md-primary-bg-color: #ffffff;\n"
        f"  --md-accent-fg-color: {dark};\n"
        f"  --gb-brand: {color};\n"
        f"  --gb-brand-dark: {dark};\n"
        "}\n"
    )


def vocabulary(catalog: Catalog) -> list[str]:
    """Names search must keep whole (people, communities, grids, estates, buildings): each
    kind's `vocabulary`."""
    words = [catalog.config.district.name]
    for kind in registry.KINDS:
        if kind.vocabulary is not None:
            words += kind.vocabulary(catalog)
    return [w for w in words if w]


_MEDIA_REF = re.compile(r"""(?<![\w-])media/([^\s"'()<>\]\\#?]+)""")
_MEDIA_REF_ANGLED = re.compile(
    r"""\]\(\s*<(?:\.?/)?[^<>\n]*?(?<![\w-])media/([^<>\n#?]+)"""
)  # ](<media/a b.pdf>)


def media_names(text: str) -> list[str]:
    """Every path under media/ named in a page's text (as 'people/a.jpg'): the files to copy."""
    return [m.group(1) for rx in (_MEDIA_REF, _MEDIA_REF_ANGLED) for m in rx.finditer(text)]


def published_media(pages: dict[str, str], config) -> set[str]:
    """Paths under content/media/ that published pages refer to.

    Only these are copied into the site: a photo without consent, an image of a draft or of a
    story still under embargo, an attachment of an internal posting stays out of the output,
    however it is named."""
    found = {name for text in pages.values() for name in media_names(text)}
    named = [config.site.logo, config.site.share_image, *(p for p, _ in footer.media_paths(config.footer))]
    found |= {p.lstrip("/").removeprefix("./").removeprefix("media/") for p in named if p}
    return {unquote(f) for f in found} | found


def stage(
    catalog: Catalog,
    pages: dict[str, str],
    root: Path,
    templates: Templates,
    extra: dict[str, str] | None = None,
) -> Staging:
    """Everything the engine needs, in one value. `extra`: finished files outside the theme
    (screens, print posters), by their path in the site."""
    extra = extra or {}
    media_dir = (root / "content" / "media").resolve()
    files = {}
    for rel in sorted(published_media({**pages, **extra}, catalog.config)):
        f = (media_dir / rel).resolve()
        # a name written only as text is not checked by media.py: what is copied is checked here
        if f.is_relative_to(media_dir) and f.is_file() and is_publishable(f):
            files["media/" + rel] = f
    for rel, f in templates.files("assets").items():  # ours, and the site's over them
        files["assets/gridboard/" + rel] = f
    texts = {"assets/gridboard/brand.css": brand_css(catalog.config.brand.color), **extra}
    return Staging(
        pages=pages,
        files=files,
        texts=texts,
        vocabulary=vocabulary(catalog),
        nav=navigation(catalog),  # each kind's entry (kinds/registry.py)
        theme_values=theme_values(catalog),
    )


def theme_values(catalog: Catalog) -> dict:
    """What every page's theme shows besides the page (mkdocs.yml's `extra`, read by
    templates/overrides/main.html and partials/footer.html): the search index's language, the
    footer lines, the default share picture, the district's feeds, and what each kind gives every
    page (its `theme`: the urgent notices' banners, which main.html shows on the pages of their scope)."""
    config = catalog.config
    kinds = {}
    for kind in registry.KINDS:
        if kind.theme is not None:
            kinds |= kind.theme(catalog)
    return {
        "pagefind": {"lang": INDEX_LANG},
        "gridboard": {
            "footer": footer.theme_values(config.footer),
            "share_image": sharing.default_image(config),
            "feeds": [{"title": f.title, "path": f.path} for f in district_feeds(config)],
            "district": config.district.id,
            **kinds,
        },
    }
