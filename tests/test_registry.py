"""The kinds registry (builder/kinds/): every stage loops over it, so a kind is one module.

The proof is a kind this test makes up — urgent notices, with a title, a Markdown body and a
community — registered for one test: with no other change to Gridboard, `check` validates its
files, scans its text for personal numbers, checks its references; `build` gives it pages at the
address its url() decides, a navigation entry and a screen slide; `schema` writes its schema.
"""

from __future__ import annotations

import dataclasses
import json
from types import SimpleNamespace

import pytest
from conftest import ROOT, TODAY, build_site, make_site, soup
from pydantic import Field

from builder import pipeline
from builder.cli import main
from builder.kinds import registry
from builder.kinds.kind import Kind, Show, Slide, nav_entry
from builder.kinds.linking import Linker
from builder.kinds.org import COMMUNITY
from builder.model.base import Markdown, Record, Slug, Text
from builder.model.fields import string_fields, typed_keys
from builder.problems import ContentError
from builder.report import Report


class Notice(Record):
    """A made-up kind: an urgent notice for one community."""

    id: Slug
    title: Text = Field(min_length=1)
    community: Slug
    body: Markdown = ""


def notice_url(n: Notice) -> str:
    return f"notices/{n.id}/"


def _link(link: Linker) -> None:
    notices = link.of("notices")
    link.ids("通知", notices)
    for n in notices:
        if n.community not in link.catalog.community:
            link.unknown(n, ("community",), COMMUNITY, n.community, link.catalog.community)
    link.catalog.add(notices=notices)


def _pages(w, cat) -> None:
    for n in cat.notices:
        w.page("notice.md.j2", notice_url(n), n=n)


def _slides(cat, screen, item, postings):
    """Shown with the free-page slide's template (templates/screens/_slides.html `page`)."""
    return [
        Slide("page", 0, notice_url(n), data={"p": SimpleNamespace(meta=n, body=n.body)}) for n in cat.notices
    ]


NOTICES = Kind(
    id="notices",
    name="通知 notices",
    files=("content/notices/*.yml",),
    shape="records",
    model=Notice,
    after=("org",),
    link=_link,
    pages=_pages,
    urls={Notice: notice_url},
    nav=(42, nav_entry("通知", "notices/n1.md")),
    shows={"notices": Show(_slides, 3, description="notices 通知")},
    schema=("made-up-notice", "content/notices/*.yml 通知"),
)

TEMPLATE = """---
title: {{ n.title|tojson }}
---

# {{ n.title }}

{{ md(n.body) }}
"""


@pytest.fixture
def with_notices(monkeypatch):
    monkeypatch.setattr(registry, "KINDS", (*registry.KINDS, NOTICES))


def _site(tmp_path, notices: str):
    return make_site(
        tmp_path,
        {"content/notices/water.yml": notices, "templates/pages/notice.md.j2": TEMPLATE},
    )


def test_a_new_kind_is_validated_scanned_and_linked_with_no_other_change(tmp_path, with_notices):
    site = _site(
        tmp_path,
        "- id: n1\n  title: 停水通知\n  community: lanyuan\n"
        "- id: n2\n  title: 联系 13912345678\n  community: lanyuan\n"
        "- id: n3\n  title: 通知\n  community: lanyuann\n"
        "- id: n4\n  titel: 拼错的字段\n  community: lanyuan\n",
    )
    with pytest.raises(ContentError) as err:
        pipeline.check(site / "site_config.yml", TODAY, Report())
    found = {(p.path, p.line, p.field): p.message for p in err.value.problems.errors}
    where = "content/notices/water.yml"
    assert "手机号" in found[(where, 5, "[1].title")]  # the scan covers the new kind's text
    assert "找不到社区“lanyuann”，是不是“lanyuan”？" in found[(where, 9, "[2].community")]
    assert "titel" in found[(where, 11, "[3].titel")]  # the model refuses a misspelt field


def test_a_new_kind_gets_its_pages_navigation_and_screen_slides(tmp_path, with_notices):
    site = _site(
        tmp_path, "- id: n1\n  title: 停水通知\n  community: lanyuan\n  body: 明天 **8:00** 停水。\n"
    )
    (site / "content/screens.yml").write_text(
        "- {id: lobby, place: 大厅, scope: lanyuan, playlist: [notices]}\n", encoding="utf-8"
    )
    out, _report = build_site(site)
    page = soup(out / "notices/n1/index.html")
    assert page.h1.get_text(strip=True) == "停水通知" and page.find("strong").get_text() == "8:00"
    tabs = [a.get_text(strip=True) for a in soup(out / "index.html").select(".md-tabs__link")]
    assert tabs.index("通知") == tabs.index("公开栏") + 1  # its place in the navigation order
    slides = soup(out / "screens/lobby/index.html").select(".gb-slide-page")
    assert [s.h2.get_text(strip=True) for s in slides] == ["停水通知"]


def test_a_new_kind_has_its_schema(tmp_path, with_notices):
    assert main(["schema", "--out", str(tmp_path)]) == 0
    written = json.loads((tmp_path / "made-up-notice.schema.json").read_text(encoding="utf-8"))
    assert written["title"] == "content/notices/*.yml 通知" and written["type"] == "array"
    assert written["items"] == {"$ref": "#/$defs/Notice"}
    assert set(written["$defs"]["Notice"]["properties"]) == {"id", "title", "community", "body"}


def test_every_kind_links_after_the_kinds_it_names_and_every_show_is_offered_once():
    order = [k.id for k in registry.link_order()]
    for kind in registry.KINDS:
        assert all(order.index(a) < order.index(kind.id) for a in kind.after), kind.id
    with pytest.raises(ValueError, match="unknown kinds"):
        registry._link_order((dataclasses.replace(NOTICES, after=("nothing",)),))
    twice = dataclasses.replace(NOTICES, shows={"teams": NOTICES.shows["notices"]})
    with pytest.raises(ValueError, match="two kinds offer"):
        registry._shows((*registry.KINDS, twice))


def test_published_fields_come_from_the_models():
    grid = dict(string_fields(registry.BY_ID["grids"].model))
    assert grid[("notes",)] == "markdown" and grid[("covers",)] == "text"
    assert grid[("team", "*", "photo")] == "media" and grid[("team", "*", "phone")] == "typed"
    assert typed_keys(registry.BY_ID["services"].model) == {"phone", "contact"}
    for kind in registry.KINDS:  # every kind publishes some text, and says how
        assert any(form in ("text", "markdown") for _, form in string_fields(kind.model)), kind.id


def test_every_record_of_the_example_has_its_page_at_its_url(example_site):
    out, _ = example_site
    catalog = pipeline.check(ROOT / "site_config.yml", TODAY, Report())
    records = [*catalog.streets, *catalog.community.values(), *catalog.grids, *catalog.showcases]
    records += [*catalog.studios, *catalog.services.values(), *catalog.stations, *catalog.teams]
    records += [*(s.posting for s in catalog.postings), *catalog.stories, *catalog.pages, *catalog.screens]
    assert len(records) > 100
    missing = [registry.url(r) for r in records if not (out / registry.url(r) / "index.html").is_file()]
    assert missing == []
