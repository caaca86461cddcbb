"""The demo's wishes, reporting units and members, needs and projects (issue 18): at scale, in
every status, linked, and what is private or a draft left out."""

from __future__ import annotations

from collections import Counter

import yaml
from conftest import TODAY

from builder import pipeline
from builder.demo import generate
from builder.report import Report


def _records(root, kind):
    return [
        r
        for f in sorted((root / "content" / kind).glob("*.yml"))
        for r in yaml.safe_load(f.read_text("utf-8"))
    ]


def test_demo_writes_the_new_kinds_linked_and_in_every_status(tmp_path):
    root = tmp_path / "demo"
    generate(root, 240, seed=5, today=TODAY)
    cat = pipeline.check(root / "site_config.yml", TODAY, Report())
    communities = list(cat.community)
    # a wish in every grid (and a draft in every tenth community), every status, all published but drafts
    wishes = _records(root, "wishes")
    drafts = [w["id"] for w in wishes if w.get("draft")]
    assert len(wishes) - len(drafts) == len(cat.grids) == len(cat.wishes)
    assert drafts and not set(drafts) & set(cat.wish)
    assert set(Counter(w.status for w in cat.wishes)) == {"open", "claimed", "done", "closed"}
    teams = {t.id for t in cat.teams}
    claimers = {w.claimed.by for w in cat.wishes if w.claimed}
    assert claimers & set(cat.member) and claimers & set(cat.unit) and claimers & teams
    assert (
        len({w.fulfilled.date.month for w in cat.wishes if w.fulfilled}) >= 10
    )  # the monthly chart has data
    assert all(cat.units_of.get(c) for c in communities)
    assert 4 * len(communities) <= len(cat.members) <= 8 * len(communities)
    consent = Counter(bool(m.consent) for m in cat.members)
    assert consent[False] > consent[True] > 0
    assert any(m.unit for m in cat.members) and any(m.employer for m in cat.members)
    # needs answered by a project, by a reply, or still waiting; projects in every status, drafts hidden
    answered = {p.need for p in cat.projects}
    kinds = Counter("project" if n.id in answered else "reply" if n.reply else "waiting" for n in cat.needs)
    assert set(kinds) == {"project", "reply", "waiting"}
    assert {n.source for n in cat.needs} >= {"visit", "wish", "meeting", "hotline"}
    assert {p.status for p in cat.projects} == {"planned", "underway", "done", "stopped"}
    assert all(p.result for p in cat.projects if p.status == "done")
    assert any(p.resource for p in cat.projects) and any(p.by for p in cat.projects)
    draft_projects = [p["id"] for p in _records(root, "projects") if p.get("draft")]
    assert draft_projects and not set(draft_projects) & set(cat.project)


def test_demo_is_valid_whatever_the_seed(tmp_path):
    """Dates drawn near the build date stay in order (a reply on the day a need was raised, a
    project starting before its need) for any seed."""
    for seed in range(12):
        root = tmp_path / str(seed)
        generate(root, 60, seed=seed, today=TODAY)
        report = Report()
        pipeline.check(root / "site_config.yml", TODAY, report)
