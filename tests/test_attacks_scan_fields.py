"""A mobile number planted into every published text field of every kind is reported at its place.

The fields come from walking the models (tests/hostile.py: every `Text`, `Paragraph` and `Markdown`
field of site_config.yml, org.yml, grids, showcases, studios, services, board postings,
screens.yml, and story and page front matter), not from a list kept by hand: a field added to a
model is planted, and must be scanned, from the day it is added. (Issue 16's done-when: the
`screens.yml` gap, a mobile in a screen's `place`, was one such field.)
"""

from __future__ import annotations

import re
import shutil

from conftest import ROOT, TODAY
from hostile import plant_unchecked

from builder import pipeline
from builder.problems import ContentError
from builder.report import Report

MOBILE = "13912345678"


def test_a_mobile_in_every_published_text_field_is_reported_at_its_place(tmp_path):
    site = tmp_path / "example"
    shutil.copytree(ROOT / "content", site / "content")
    shutil.copy(ROOT / "site_config.yml", site / "site_config.yml")
    planted = plant_unchecked(site, lambda n: f"联系{MOBILE}")
    # site.url is an address, checked as one (C21); with a number in it nothing else is read
    config = site / "site_config.yml"
    config.write_text(
        re.sub(r"(?m)^(  url: ).*$", r"\1''", config.read_text(encoding="utf-8")), encoding="utf-8"
    )
    planted.where = {
        n: w for n, w in planted.where.items() if (w[0], w[1]) != ("site_config.yml", "site.url")
    }
    try:
        pipeline.check(site / "site_config.yml", TODAY, Report())
        problems = []
    except ContentError as e:
        problems = e.problems.items
    found = {
        (p.path, p.field, p.line)
        for p in problems
        if "手机号 139****5678" in p.message  # errors, or warnings in a draft
    }
    reported_at = {(path, field) for path, field, _line in found}
    missed = []
    for rel, path, _value, markdown in planted.where.values():
        field = "正文 body" if markdown and rel.endswith(".md") and path == "body" else path
        if (rel, field) not in reported_at and not any(
            r == rel and f.startswith(path) for r, f in reported_at
        ):
            missed.append(f"{rel} {path}")
    kinds = {rel.split("/")[1] if "/" in rel else rel for rel, *_ in planted.where.values()}
    assert kinds >= {"site_config.yml", "org.yml", "grids", "showcase", "studios", "services", "board"}
    assert kinds >= {"screens.yml", "stories", "pages"}
    assert kinds >= {"wishes", "units", "members", "needs", "projects"}
    assert len(planted.where) > 300
    assert missed == [], f"{len(missed)} planted fields not reported, e.g.:\n" + "\n".join(missed[:20])
    # a PRIVATE field (a wish's note) is never published, so a number in it is not reported
    private = {(rel, path) for rel, path, _value in planted.private.values()}
    assert private, "no PRIVATE field was planted"
    assert [(p.path, p.field) for p in problems if (p.path, p.field) in private] == []
    assert all(line > 0 for _p, _f, line in found if not re.match(r"site_config", _p))
