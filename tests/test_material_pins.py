"""The templates in templates/overrides/ that copy, edit or replace one of mkdocs-material's are
pinned to the original they were made from: a Material release that changes one fails here, named,
with what to carry over (pyproject.toml allows only the releases proven here).

Every file under templates/overrides/ is listed, as a copy (COPIES) or as Gridboard's own (OWN),
and a file that takes the place of a Material template must be a copy: a new override cannot
escape the pin. The originals are compared by sha256, with the version in the generator <meta>
left out (it changes with every release and is not a change to review).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import material
from conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "templates" / "overrides"
VERSION = metadata.version("mkdocs-material")


@dataclass(frozen=True)
class Copy:
    """An override made from Material's template `original` (as its sha256 was), and what to
    carry over when that original changes."""

    original: str
    sha256: str
    todo: str


_AGAIN = "copy Material's file again into templates/overrides/{name} and carry over the change its opening comment describes"
COPIES = {
    "base.html": Copy(
        "base.html",
        "a96efe9eb5213f22f2f868e6664566d99340e59df8ec4d17d67a06068417b0fd",
        _AGAIN
        + " (toggles take autocomplete from an empty form); the copy brings the new hashed CSS/JS names",
    ),
    "main.html": Copy(
        "main.html",
        "9948b55a7bc979c35825df99baba9e6971fca4eb298dea3cdde61e990a2de5e0",
        "Material's main.html only extends base.html; ours adds blocks (Pagefind body, CSP, elder mode): "
        "add to templates/overrides/main.html whatever Material's now does",
    ),
    "partials/footer.html": Copy(
        "partials/footer.html",
        "50c2a75f013b7b03fb97f381860c77df8fd5d13d68f90d3281754b68f69ec894",
        _AGAIN + " (Gridboard's footer lines, the div.gb-footer block, above the copyright)",
    ),
    "partials/header.html": Copy(
        "partials/header.html",
        "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
        _AGAIN + " (the elder-mode button, the search block replaced by partials/pagefind-search.html)",
    ),
    "partials/languages/zh.html": Copy(
        "partials/languages/zh.html",
        "7114aa64aa8e4899b0be58a5803dc5c0e58965e7c37225e04afb043fb1637335",
        _AGAIN + ' ("language": "zh-CN")',
    ),
    "partials/logo.html": Copy(
        "partials/logo.html",
        "e0925ef6c190174a5162ed1ecc55295016dd8a7beec3018db3e04aac283a2dd9",
        _AGAIN + " (the alt text names whose logo it is)",
    ),
    "partials/nav-item.html": Copy(
        "partials/nav-item.html",
        "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7",
        _AGAIN + " (no empty tabindex)",
    ),
    "partials/toc.html": Copy(
        "partials/toc.html",
        "fde48f583563364b0e0e6865a5ab1e7060ec1826161f69f5cbee653e621b0f84",
        _AGAIN + " (the title names #__toc only on pages that have it)",
    ),
    "partials/javascripts/base.html": Copy(
        "partials/javascripts/base.html",
        "d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6",
        "its inline script lives in templates/assets/md-scope.js: carry the change over there "
        "(tests/test_security_browser.py compares the two in Chromium)",
    ),
    "partials/javascripts/content.html": Copy(
        "partials/javascripts/content.html",
        "3722e156f0f6339de39fbbfc178b6e401d1a4fb890f189ac5b80c2504bda7dcf",
        "its inline scripts live in templates/assets/md-content.js: carry the change over there "
        "(tests/test_security_browser.py compares the two in Chromium)",
    ),
    "partials/pagefind-search.html": Copy(
        "partials/search.html",
        "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
        "it keeps Material's search box markup and classes (Material's CSS styles it) with data-pf-* "
        "hooks: carry over changed markup",
    ),
}
# Gridboard's own templates: no Material original
OWN = {"partials/csp.html"}


def original_digest(path: Path) -> str:
    """sha256 of a Material template, the release number in its generator <meta> left out."""
    text = re.sub(rb"mkdocs-material-\d+\.\d+\.\d+", b"mkdocs-material-VERSION", path.read_bytes())
    return hashlib.sha256(text).hexdigest()


def overrides() -> list[str]:
    """Every file under templates/overrides/, relative to it."""
    return sorted(p.relative_to(OVERRIDES).as_posix() for p in OVERRIDES.rglob("*") if p.is_file())


def test_every_override_is_pinned_or_gridboards_own():
    """A new file in templates/overrides/ must say what it is; one that takes the place of a
    Material template must be pinned to it."""
    wrong = []
    for name in overrides():
        shadows = (MATERIAL / name).is_file()
        if name in COPIES:
            continue
        if shadows:
            wrong.append(
                f"templates/overrides/{name} takes the place of Material's {name}: add it to COPIES in "
                f'tests/test_material_pins.py as Copy("{name}", "{original_digest(MATERIAL / name)}", '
                "what to carry over when Material changes it)"
            )
        elif name not in OWN:
            wrong.append(
                f"templates/overrides/{name} is not listed in tests/test_material_pins.py: add it to OWN, "
                "or to COPIES if it is made from one of Material's templates"
            )
    for name in sorted(set(COPIES) | OWN):
        if not (OVERRIDES / name).is_file():
            wrong.append(f"tests/test_material_pins.py lists templates/overrides/{name}, which is gone")
    assert not wrong, "\n".join(wrong)


def test_material_originals_are_the_ones_copied():
    """A Material release that changes a template copied into templates/overrides/ fails here."""
    changed = []
    for name, copy in COPIES.items():
        source = MATERIAL / copy.original
        if not source.is_file():
            changed.append(
                f"mkdocs-material {VERSION} has no {copy.original} any more, the original of "
                f"templates/overrides/{name}: find what replaced it before taking this release"
            )
            continue
        digest = original_digest(source)
        if digest != copy.sha256:
            changed.append(
                f"mkdocs-material {VERSION}'s {copy.original} is not the one templates/overrides/{name} "
                f"was made from: compare {source} with the copy; "
                + copy.todo.format(name=name)
                + f'; then set its sha256 in tests/test_material_pins.py COPIES to "{digest}"'
            )
    assert not changed, "\n".join(changed)


def test_hashed_assets_base_html_names_are_installed():
    """The copied base.html names Material's CSS and JS by hashed file names: each must be in the
    installed Material (a release with other names would build pages without styles or scripts)."""
    text = (OVERRIDES / "base.html").read_text(encoding="utf-8")
    named = re.findall(r"assets/(?:stylesheets|javascripts)/[\w./-]+\.[0-9a-f]{8}\.min\.(?:css|js)", text)
    assert len(named) >= 3, named  # main.css, palette.css, bundle.js at least
    missing = [n for n in named if not (MATERIAL / n).is_file()]
    assert not missing, (
        f"templates/overrides/base.html names {missing}, which mkdocs-material {VERSION} does not ship: "
        "copy Material's base.html again (see test_material_originals_are_the_ones_copied)"
    )
