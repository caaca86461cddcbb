"""Unit tests for catalog.py: references to ids that do not exist, and follow-on errors."""

from __future__ import annotations

from conftest import ROOT, TODAY

from builder import pipeline
from builder.kinds.linking import Linker
from builder.kinds.org import COMMUNITY
from builder.problems import Problems
from builder.report import Report


def _grid():
    return pipeline.check(ROOT / "site_config.yml", TODAY, Report()).grids[0]


def _refs(problems, incomplete):
    """A linker that only reports (no config, media or catalog needed for unknown ids)."""
    return Linker(None, None, TODAY, problems, None, {}, incomplete, None)


def test_an_unknown_id_is_named_with_a_guess_and_the_ids_there_are():
    problems = Problems()
    _refs(problems, set()).unknown(
        _grid(), ("community",), COMMUNITY, "hengdachen", {"hengdacheng", "huaxin"}
    )
    (p,) = problems.items
    assert p.field == "[0].community" and p.path.startswith("content/grids/") and p.line > 0
    assert "找不到社区“hengdachen”，是不是“hengdacheng”？可用的编号有：hengdacheng、huaxin" in p.message
    assert "did you mean 'hengdacheng'" in p.english


def test_an_unknown_id_is_not_reported_while_its_source_could_not_be_read():
    problems = Problems()
    _refs(problems, {"org"}).unknown(_grid(), ("community",), COMMUNITY, "hengdachen", {"huaxin"})
    _refs(problems, {"pages"}).unknown(_grid(), ("community",), COMMUNITY, "hengdachen", {"huaxin"})
    assert [p.message[:9] for p in problems.items] == ["找不到社区“hen"]  # only when org.yml was read


def test_a_personal_number_typed_as_an_id_is_masked_in_the_message():
    problems = Problems()
    _refs(problems, set()).unknown(_grid(), ("community",), COMMUNITY, "13912345678", {"huaxin"})
    (p,) = problems.items
    assert "139****5678" in p.message and "13912345678" not in p.message + p.english
