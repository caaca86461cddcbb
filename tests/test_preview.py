"""The live preview's cache is never stale: after each kind of change its output equals a cold build."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, TODAY, build_site, make_site, search_records

from builder import pipeline
from builder.outputs.manifest import MANIFEST
from builder.problems import ContentError

STORY = "content/stories/2026/lanyuan-tea.md"


def _pages(site):
    """Every built file the preview and a cold build must agree on (search index, version and the
    published build's file list aside)."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and "pagefind" not in p.parts and p.name not in ("version.json", MANIFEST)
    }


def _assert_same_as_cold_build(preview, site, tmp_path):
    cold, _ = build_site(site, tmp_path / "cold")
    want, got = _pages(cold), _pages(preview.site_dir)
    assert sorted(got) == sorted(want)
    stale = [rel for rel in want if want[rel] != got[rel]]
    assert not stale, f"preview differs from a cold build in {stale[:5]}"
    shutil.rmtree(cold)


@pytest.fixture
def preview(tmp_path):
    site = make_site(tmp_path)
    p = pipeline.Preview(site / "site_config.yml", TODAY, tmp_path / "work")
    p.rebuild()
    return p, site


def test_content_change_renders_only_what_it_touches(preview, tmp_path):
    p, site = preview
    story = site / STORY
    story.write_text(story.read_text(encoding="utf-8").replace("社区茶亭", "社区书屋"), encoding="utf-8")
    report = p.rebuild()
    # the story page, the lists that show its title (home, stories, tags, its grid), not the rest
    assert 1 <= report.pages < 15
    assert "社区书屋" in (p.site_dir / "stories/2026/lanyuan-tea/index.html").read_text(encoding="utf-8")
    _assert_same_as_cold_build(p, site, tmp_path)
    assert p.wait_for_search()
    records = {r["url"]: r for r in search_records(p.site_dir)}
    assert "书屋" in records["/stories/2026/lanyuan-tea/"]["content"]


def test_new_and_deleted_pages(preview, tmp_path):
    p, site = preview
    story = site / STORY
    story.rename(site / "content/stories/2026/renamed-tea.md")
    p.rebuild()
    assert not (p.site_dir / "stories/2026/lanyuan-tea/index.html").exists()
    assert (p.site_dir / "stories/2026/renamed-tea/index.html").is_file()
    _assert_same_as_cold_build(p, site, tmp_path)
    assert p.wait_for_search()
    urls = {r["url"] for r in search_records(p.site_dir)}
    assert "/stories/2026/renamed-tea/" in urls and "/stories/2026/lanyuan-tea/" not in urls


def test_template_change_rebuilds_every_page_it_shapes(preview, tmp_path):
    p, site = preview
    shutil.copytree(ROOT / "templates", site / "templates")
    grid = site / "templates/pages/grid.md.j2"
    grid.write_text(grid.read_text(encoding="utf-8") + "\nTEMPLATEMARK\n", encoding="utf-8")
    p.rebuild()
    assert "TEMPLATEMARK" in (p.site_dir / "grids/ly-01/index.html").read_text(encoding="utf-8")
    _assert_same_as_cold_build(p, site, tmp_path)
    css = site / "templates/assets/gridboard.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.cssmark{}\n", encoding="utf-8")
    p.rebuild()
    assert ".cssmark" in (p.site_dir / "assets/gridboard/gridboard.css").read_text(encoding="utf-8")


def test_config_change_reaches_every_page(preview, tmp_path):
    p, site = preview
    cfg = site / "site_config.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("测试街区", "改名街区"), encoding="utf-8")
    p.rebuild()
    for page in ("index.html", "grids/ly-01/index.html", "stories/2026/lanyuan-tea/index.html"):
        assert "改名街区" in (p.site_dir / page).read_text(encoding="utf-8"), page
    _assert_same_as_cold_build(p, site, tmp_path)


def test_media_replaced_under_the_same_name(preview, tmp_path):
    p, site = preview
    photo = site / "content/media/stories/tea.svg"
    photo.write_text(
        photo.read_text(encoding="utf-8").replace("</svg>", "<!--new--></svg>"), encoding="utf-8"
    )
    p.rebuild()
    assert "<!--new-->" in (p.site_dir / "media/stories/tea.svg").read_text(encoding="utf-8")


def test_content_error_keeps_the_last_good_preview(preview):
    p, site = preview
    before = (p.site_dir / "grids/ly-01/index.html").read_bytes()
    grids = next((site / "content/grids").glob("*.yml"))
    grids.write_text(
        grids.read_text(encoding="utf-8").replace("kind: basic", "kind: nonsense", 1), encoding="utf-8"
    )
    with pytest.raises(ContentError):
        p.rebuild()
    assert (p.site_dir / "grids/ly-01/index.html").read_bytes() == before
    # the same error is reported again on the next save (cached results replay their problems)
    with pytest.raises(ContentError) as again:
        p.rebuild()
    assert any("kind" in e.field for e in again.value.problems.errors)


def test_data_change_reaches_pages_reused_from_the_memo(preview, tmp_path):
    p, site = preview
    grids = next((site / "content/grids").glob("*.yml"))
    grids.write_text(grids.read_text(encoding="utf-8").replace("周海燕", "周海鹰"), encoding="utf-8")
    report = p.rebuild()
    assert report.pages < 10  # the grid page and the pages that list its people
    assert "周海鹰" in (p.site_dir / "grids/ly-01/index.html").read_text(encoding="utf-8")
    _assert_same_as_cold_build(p, site, tmp_path)


def test_personal_numbers_and_the_allow_list_follow_each_save(preview, tmp_path):
    p, site = preview
    story = site / STORY
    story.write_text(story.read_text(encoding="utf-8") + "\n值班手机 13912345678\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        p.rebuild()
    assert [e.field for e in err.value.problems.errors] == ["正文 body"]
    # only the allow-list changes: the story's scan comes from the memo, the verdict does not
    allow = f'- file: {STORY}\n  number: "13912345678"\n  reason: 社区值班手机，居委会同意公开\n'
    (site / "content/public_numbers.yml").write_text(allow, encoding="utf-8")
    p.rebuild()
    assert "13912345678" in (p.site_dir / "stories/2026/lanyuan-tea/index.html").read_text(encoding="utf-8")
    (site / "content/public_numbers.yml").unlink()
    with pytest.raises(ContentError):
        p.rebuild()
