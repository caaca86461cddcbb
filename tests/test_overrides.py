"""A site's templates/ is searched before Gridboard's, file by file: one page template, one partial of
the theme, one screen or one asset changes alone, and everything else stays Gridboard's. An override
whose original changed in an upgrade is named with both paths; a value it uses that the build no
longer passes, or a syntax error in it, is a problem at the override file, not an internal error."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from conftest import TODAY, make_site, soup

from builder import shipped
from builder.cli import main

SCREENS = """\
- id: lobby
  place: 兰苑社区党群服务中心大厅
  orientation: landscape
  scope: lanyuan
  playlist: [board, teams]
"""


def run(site: Path, *args: str) -> int:
    return main([*args, "--config", str(site / "site_config.yml")])


def build(site: Path, out: Path) -> int:
    return run(site, "build", "--today", TODAY.isoformat(), "--out", str(out))


def override(site: Path, name: str, written: str | None = None) -> Path:
    """`gridboard template override NAME`; the copy (at `written`, under templates/, if not NAME)."""
    assert run(site, "template", "override", name) == 0
    return site / "templates" / (written or name)


def edit(path: Path, change) -> None:
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def header_of(path: Path) -> re.Match:
    return re.match(r"\{# gridboard-override-of: (\S+) sha256:([0-9a-f]{64}) -#\}\n", path.read_text("utf-8"))


@pytest.fixture
def site(tmp_path):
    return make_site(tmp_path, {"content/screens.yml": SCREENS})


def _without_marks(page: Path) -> str:
    """A page as text with the marks the overrides add taken out."""
    doc = soup(page)
    for mark in doc.select(".gb-test-footer, .gb-test-screen"):
        mark.decompose()
    for p in doc.find_all("p", string="TEMPLATEMARK-GRID"):
        p.decompose()
    return re.sub(r"\s+", " ", str(doc))  # the lines the marks stood on are left empty


def test_one_page_one_partial_one_screen_change_and_the_rest_stays_ours(site, tmp_path):
    baseline = tmp_path / "baseline"
    assert build(site, baseline) == 0

    grid = override(site, "pages/grid.md.j2")
    header = header_of(grid)
    assert header and header[1] == "pages/grid.md.j2"
    assert (
        header[2] == hashlib.sha256((shipped.templates_dir() / "pages/grid.md.j2").read_bytes()).hexdigest()
    )
    edit(grid, lambda t: t + "\n\nTEMPLATEMARK-GRID\n")
    footer = override(site, "partials/footer.html", "overrides/partials/footer.html")  # the theme's
    edit(footer, lambda t: t + '\n<div class="gb-test-footer">FOOTERMARK</div>\n')
    screen = override(site, "screens/screen.html")
    edit(
        screen,
        lambda t: t.replace(
            '<body class="gb-screen-page">',
            '<body class="gb-screen-page">\n<p class="gb-test-screen">SCREENMARK</p>',
            1,
        ),
    )
    assert sorted(
        p.relative_to(site / "templates").as_posix() for p in (site / "templates").rglob("*") if p.is_file()
    ) == [
        "overrides/partials/footer.html",
        "pages/grid.md.j2",
        "screens/screen.html",
    ]

    out = tmp_path / "out"
    assert build(site, out) == 0
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert pages == sorted(p.relative_to(baseline).as_posix() for p in baseline.rglob("*.html"))
    for rel in pages:
        doc = soup(out / rel)
        is_grid = rel.startswith("grids/") and rel != "grids/index.html"
        is_screen = rel.startswith("screens/lobby/")
        assert bool(doc.find("p", string="TEMPLATEMARK-GRID")) == is_grid, rel
        assert bool(doc.select(".gb-test-screen")) == is_screen, rel
        if not rel.startswith(("screens/", "print/")):
            assert doc.select(".gb-test-footer"), rel  # every page of the theme has the footer
            assert doc.select(".md-header"), rel  # and still Gridboard's header
        if not is_screen:  # everything but the marks is as Gridboard's own templates make it
            assert _without_marks(out / rel) == _without_marks(baseline / rel), rel
    for asset in (baseline / "assets" / "gridboard").iterdir():
        assert (out / "assets" / "gridboard" / asset.name).read_bytes() == asset.read_bytes()


def test_an_asset_override_replaces_that_asset_only(site, tmp_path):
    css = override(site, "assets/gridboard.css")
    first = css.read_text(encoding="utf-8").splitlines()[0]
    assert re.fullmatch(r"/\* gridboard-override-of: assets/gridboard.css sha256:[0-9a-f]{64} \*/", first)
    edit(css, lambda t: t + "\n.gb-site-own { color: #123456; }\n")
    out = tmp_path / "out"
    assert build(site, out) == 0
    built = out / "assets" / "gridboard"
    assert ".gb-site-own" in (built / "gridboard.css").read_text(encoding="utf-8")
    ours = shipped.templates_dir() / "assets"
    assert (built / "screen.css").read_bytes() == (ours / "screen.css").read_bytes()


def test_override_never_overwrites_and_names_close_templates(site, capsys):
    grid = override(site, "pages/grid.md.j2")
    edit(grid, lambda t: t + "mine")
    assert run(site, "template", "override", "pages/grid.md.j2") == 1
    assert "已存在，不会覆盖" in capsys.readouterr().err
    assert grid.read_text(encoding="utf-8").endswith("mine")
    assert run(site, "template", "override", "pages/gird.md.j2") == 1
    err = capsys.readouterr().err
    assert "没有叫 pages/gird.md.j2 的模板" in err and "pages/grid.md.j2" in err
    assert run(site, "template", "override", "../site_config.yml") == 1
    assert sorted(p.name for p in site.rglob("*") if p.is_file() and "templates" in p.parts) == ["grid.md.j2"]


@pytest.fixture
def upgradable(tmp_path, monkeypatch):
    """Gridboard's templates as a copy this test may change, as an upgrade would."""
    ours = tmp_path / "gridboard-templates"
    shutil.copytree(shipped.templates_dir(), ours)
    monkeypatch.setattr(shipped, "templates_dir", lambda: ours)
    return ours


def test_an_override_of_a_changed_original_is_named_with_both_paths(site, upgradable, capsys):
    grid = override(site, "pages/grid.md.j2")
    assert run(site, "check", "--today", TODAY.isoformat()) == 0
    assert "已更新" not in capsys.readouterr().err
    edit(upgradable / "pages" / "grid.md.j2", lambda t: t + "\n{# a new release #}\n")  # the upgrade
    assert run(site, "check", "--today", TODAY.isoformat()) == 0  # a warning: the site still builds
    err = capsys.readouterr().err
    new = hashlib.sha256((upgradable / "pages" / "grid.md.j2").read_bytes()).hexdigest()
    assert (
        "templates/pages/grid.md.j2:1:1: 警告 warning: Gridboard 自带的 pages/grid.md.j2 已更新，"
        f"请对照新版本修改您的覆盖文件：新版本 {upgradable / 'pages' / 'grid.md.j2'}，"
        f"您的覆盖文件 templates/pages/grid.md.j2；改好后把第一行的 sha256 改为 {new}"
    ) in err
    edit(grid, lambda t: re.sub(r"sha256:[0-9a-f]{64}", f"sha256:{new}", t, count=1))  # as it says
    assert run(site, "check", "--today", TODAY.isoformat()) == 0
    assert "已更新" not in capsys.readouterr().err


def test_an_override_of_a_template_gridboard_no_longer_has(site, upgradable, capsys):
    override(site, "pages/tags.md.j2")
    (upgradable / "pages" / "tags.md.j2").unlink()
    run(site, "check", "--today", TODAY.isoformat())
    assert "Gridboard 已不再有 pages/tags.md.j2 这个模板" in capsys.readouterr().err


def test_an_override_copied_to_another_name_is_named(site, capsys):
    grid = override(site, "pages/grid.md.j2")
    shutil.copyfile(grid, site / "templates" / "pages" / "story.md.j2")
    grid.unlink()
    assert run(site, "check", "--today", TODAY.isoformat()) == 0
    assert (
        "第一行说这是 pages/grid.md.j2 的覆盖文件，但它放在 templates/pages/story.md.j2"
        in capsys.readouterr().err
    )


def test_a_value_the_build_does_not_pass_is_a_problem_at_the_override(site, tmp_path, capsys):
    grid = override(site, "pages/grid.md.j2")
    lines = grid.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(2, "{{ g.secretary_phone }}\n")  # line 3: a field renamed in an upgrade
    grid.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    assert build(site, out) == 1
    err = capsys.readouterr().err
    assert (
        "templates/pages/grid.md.j2:3: 错误 error [secretary_phone]: 覆盖模板用到的 secretary_phone "
        "在生成网站时没有传给这个模板"
    ) in err
    assert "内部错误" not in err and "Traceback" not in err
    assert "共 1 处错误，未生成网站" in err
    assert not out.exists()


def test_a_syntax_error_in_a_theme_partial_is_a_problem_at_the_override(site, tmp_path, capsys):
    footer = override(site, "overrides/partials/footer.html")
    n = len(footer.read_text(encoding="utf-8").splitlines())
    edit(footer, lambda t: t + "{% if %}\n")
    out = tmp_path / "out"
    assert build(site, out) == 1
    err = capsys.readouterr().err
    assert f"templates/overrides/partials/footer.html:{n + 1}: 错误 error: 模板写法有误" in err
    assert "内部错误" not in err
    assert not out.exists()
