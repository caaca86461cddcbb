"""Unit tests for outputs/slides.py: what a screen's playlist makes, and when each slide stops."""

from __future__ import annotations

import datetime as dt
import functools

from conftest import ROOT, TODAY

from builder import pipeline
from builder.kinds.kind import after as _after
from builder.outputs.slides import build_slides, current_postings
from builder.report import Report


@functools.cache
def example():
    return pipeline.check(ROOT / "site_config.yml", TODAY, Report())


def test_a_slide_showing_until_a_day_stops_at_the_next_midnight():
    assert _after(dt.date(2026, 11, 30)) == "2026-12-01T00:00:00"
    assert _after(None) == "" and _after(dt.date.max) == ""  # never: no overflow


KIND_OF_SHOW = {"teams": "team", "stories": "story", "events": "event"}  # others: slides of their own name


def test_every_screen_plays_its_playlist_in_order_with_its_seconds():
    catalog = example()
    postings = current_postings(catalog)
    for screen in catalog.screens:
        slides = build_slides(catalog, screen, [], postings)
        runs = [k for i, k in enumerate(s.kind for s in slides) if i == 0 or slides[i - 1].kind != k]
        wanted = [KIND_OF_SHOW.get(item.show, item.show) for item in screen.playlist]
        assert runs == [k for k in wanted if k in runs], screen.id  # in playlist order, none extra
        assert set(runs) <= set(wanted)
        assert all(s.seconds == (item.seconds or screen.seconds) for s, item in _with_items(slides, screen))


def _with_items(slides, screen):
    """Each slide with the playlist item it came from (by kind, in order)."""
    items = iter(screen.playlist)
    item = next(items)
    for s in slides:
        while KIND_OF_SHOW.get(item.show, item.show) != s.kind:
            item = next(items)
        yield s, item


def test_a_posting_slide_stops_when_its_publicity_period_ends():
    catalog = example()
    postings = current_postings(catalog)
    for screen in catalog.screens:
        for s in build_slides(catalog, screen, [], postings):
            if s.kind == "board" and s.stop:
                assert s.stop > TODAY.isoformat()
                assert s.start <= s.stop
