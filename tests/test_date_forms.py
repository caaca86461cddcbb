"""Dates as staff type them (issue 19): 2020.6.30, 2020/6/30, 2020年6月30日 are read as the day
they name, and a note at file:line says how it was read and how to write it (once per value)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import TODAY, make_site
from pydantic_core import PydanticCustomError

from builder import pipeline
from builder.importers.ledger_rows import Cell
from builder.importers.records_ledger import date as ledger_date
from builder.model import base
from builder.model.read_notes import collecting
from builder.problems import ContentError, Problems
from builder.report import Report


@pytest.mark.parametrize(
    "written, noted",
    [
        ("2020-06-30", False),
        ("2020-6-30", False),  # the guide: month and day may go without their 0
        ("2020.6.30", True),
        ("2020/6/30", True),
        ("2020/06/30", True),
        ("2020年6月30日", True),
        ("2020 年 6 月 30 日", True),
    ],
)
def test_each_form_is_read_and_the_other_forms_noted(written, noted):
    with collecting() as notes:
        assert base._date(written) == dt.date(2020, 6, 30)
    if not noted:
        assert notes == []
        return
    [(value, zh, en)] = notes
    assert value == written
    assert zh.startswith(
        f"日期“{written}”读作 2020-06-30（2020 年 6 月 30 日）。请按 YYYY-MM-DD 写成 2020-06-30"
    )
    assert en == f"the date '{written}' is read as 2020-06-30; write it as 2020-06-30 (YYYY-MM-DD)"


@pytest.mark.parametrize("written", ["2020.2.30", "2020年13月1日", "30.6.2020", "2020.6", "1900.1.1"])
def test_a_day_that_is_not_one_is_still_refused(written):
    with collecting() as notes, pytest.raises(PydanticCustomError):
        base._date(written)
    assert notes == []


def test_date_and_time_take_the_same_forms():
    with collecting() as notes:
        assert base._datetime("2026.11.15 09:00") == dt.datetime(2026, 11, 15, 9, 0)
        assert base._datetime("2026年11月15日 9:05") == dt.datetime(2026, 11, 15, 9, 5)
        assert base._datetime("2026-11-15 09:00") == dt.datetime(2026, 11, 15, 9, 0)
    assert [n[0] for n in notes] == ["2026.11.15 09:00", "2026年11月15日 9:05"]
    assert "读作 2026-11-15 09:05" in notes[1][1]
    with pytest.raises(PydanticCustomError):
        base._datetime("2026.11.15 24:00")


def test_the_ledger_reads_the_same_forms_and_says_so_at_the_cell():
    problems = Problems()
    assert ledger_date(Cell("2026.9.3", "心愿.xlsx:心愿!F4"), "登记日期", problems) == dt.date(2026, 9, 3)
    assert ledger_date(Cell("2026-09-03", "心愿.xlsx:心愿!F5"), "登记日期", problems) == dt.date(2026, 9, 3)
    [note] = problems.warnings
    assert not problems.errors
    assert (note.path, note.field) == ("心愿.xlsx:心愿!F4", "登记日期")
    assert note.message.startswith("日期“2026.9.3”读作 2026-09-03")


def test_a_site_checks_with_one_note_per_value_at_its_line(tmp_path):
    site = make_site(tmp_path)
    board = site / "content/board/2026.yml"
    text = board.read_text(encoding="utf-8")
    text = text.replace('posted: "2026-11-15 09:00"', 'posted: "2026年11月15日 09:00"', 1)
    board.write_text(text.replace("until: 2026-11-30", "until: 2026.11.30", 1), encoding="utf-8")
    story = site / "content/stories/2026/lanyuan-tea.md"
    story.write_text(
        story.read_text(encoding="utf-8").replace("date: 2026-10-08", "date: 2026/10/8"), "utf-8"
    )
    report = Report()
    try:
        pipeline.check(site / "site_config.yml", TODAY, report)
    except ContentError:
        pass
    assert report.problems.errors == []
    notes = [w for w in report.problems.warnings if "读作" in w.message]
    where = sorted((w.path, w.line, w.field) for w in notes)
    assert where == [
        ("content/board/2026.yml", 5, "[0].posted"),
        ("content/board/2026.yml", 6, "[0].until"),
        ("content/stories/2026/lanyuan-tea.md", 3, "date"),
    ]
    assert any("日期“2026/10/8”读作 2026-10-08" in w.message for w in notes)


def test_an_events_except_day_takes_the_same_forms():
    from builder.model.events import _exception

    with collecting() as notes:
        assert _exception("2026.10.1") == "2026-10-01"
        assert _exception("2月") == "2月"
    assert [n[0] for n in notes] == ["2026.10.1"]
