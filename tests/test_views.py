"""Unit tests for views.py: the privacy rules applied once, posting labels, tag URLs, excerpts."""

from __future__ import annotations

import functools

from conftest import ROOT, TODAY

from builder import pipeline
from builder.report import Report
from builder.views import excerpt, person_card, posting_views, tag_slug, team_cards


@functools.cache
def example():
    return pipeline.check(ROOT / "site_config.yml", TODAY, Report())


def test_a_team_is_listed_in_the_configured_role_order_with_labels():
    catalog = example()
    grid = catalog.grids[0]
    cards = team_cards(grid, catalog)
    order = list(catalog.config.roles)
    labels = list(catalog.config.roles.values())
    assert len(cards) == len(grid.team)
    assert [labels.index(c.role) for c in cards] == sorted(labels.index(c.role) for c in cards)
    assert {m.role for m in grid.team} <= set(order)


def test_a_phone_without_consent_is_masked_and_a_photo_withheld():
    catalog = example()
    people = [m for g in catalog.grids for m in g.team]
    without = next(m for m in people if m.phone and not (m.consent and "phone" in m.consent.scope))
    card = person_card(without, catalog.config)
    assert card.phone_masked and "****" in card.phone and card.phone[-4:] == without.phone[-4:]
    with_photo = next((m for m in people if m.photo and not (m.consent and "photo" in m.consent.scope)), None)
    if with_photo is not None:
        assert person_card(with_photo, catalog.config).photo is None


def test_posting_views_resolve_labels_and_badges():
    catalog = example()
    views = posting_views(catalog)
    assert views and all(v.category in catalog.config.board.categories.values() for v in views)
    assert {v.badge for v in views} <= {"公示中", "已期满", "已撤销"}
    assert all((v.badge == "公示中") == (v.state.current and v.p.status != "repealed") for v in views)
    assert all(v.month == v.p.posted.strftime("%Y-%m") for v in views)


def test_tag_slugs_keep_words_and_never_collide():
    assert tag_slug("网格党建") == "网格党建"
    odd = ["a/b", "a b", "a?b", "<script>", "x" * 80, "x" * 80 + "y"]
    slugs = [tag_slug(t) for t in odd]
    assert len(set(slugs)) == len(odd)
    assert all(len(s.encode()) < 120 and "/" not in s and "<" not in s for s in slugs)


def test_an_excerpt_is_the_plain_text_of_the_first_words():
    body = (
        "# 标题\n\n**兰苑社区**开设[社区茶亭](media/x.pdf)，<b>居民</b>可以歇脚。\n\n| a | b |\n|---|---|\n"
    )
    assert excerpt(body, 14) == "兰苑社区开设社区茶亭，居民可…"
    assert excerpt("短。") == "短。"
