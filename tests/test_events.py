"""Events: recurring dates in words, what's on, the month calendar, event pages, 近期活动 on scope
pages, and calendar files read back by icalendar and by a second calendar library."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
import recurring_ical_events
from conftest import TODAY, build_site, make_site, soup

from builder.model.recurrence import NotUnderstood, parse

EVENTS = """\
- id: tea
  title: 兰苑睦邻茶话会
  kind: tea
  start: "2026-11-04 15:00"
  end: "16:30"
  place: st-1
  scope: lanyuan
  organiser: 兰苑社区党委
  repeat: 每周三
  except: [2026-11-25, 1月]
- id: fair
  title: 冬季便民服务大集
  kind: fair
  start: 2026-12-12
  place: 东湖街道党群服务中心广场
  scope: donghu
  organiser: 东湖街道党工委
  join: {phone: "0531-88000661", deadline: 2026-12-10, capacity: 50}
- id: week
  title: 党员进网格志愿服务周
  start: 2026-12-21
  end: 2026-12-25
  place: zhuyuan
- id: fire
  title: 消防宣传进楼院
  start: "2026-12-05 14:00"
  end: "16:00"
  place: lanyuan
  scope: lanyuan
  status: cancelled
  reason: 大风降温，改到元旦后
- id: old
  title: 十月党课
  start: "2026-10-10 09:30"
  end: "11:00"
  place: lanyuan
- id: secret
  title: 还没定下来的活动
  start: 2026-12-01
  place: lanyuan
  draft: true
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("events"), {"content/events/2026.yml": EVENTS})
    out, _ = build_site(site)
    return out


def test_recurrence_in_words_gives_the_dates_a_calendar_would():
    start = dt.date(2026, 11, 1)
    dates = parse("每月第一个周六", ["2月"]).dates(start, dt.date(2027, 3, 31), start)
    assert dates == [dt.date(2026, 11, 7), dt.date(2026, 12, 5), dt.date(2027, 1, 2), dt.date(2027, 3, 6)]
    assert parse("每月最后一个周五").dates(start, dt.date(2026, 12, 31), start)[-1] == dt.date(2026, 12, 25)
    assert [d.day for d in parse("每月1日、15日").dates(start, dt.date(2026, 11, 30), start)] == [1, 15]
    with pytest.raises(NotUnderstood) as err:
        parse("每月头一个周六")
    assert "看懂了“每月”" in err.value.zh and "每月第一个周六" in err.value.zh


def test_whats_on_lists_upcoming_dates_by_day_with_the_cancelled_struck_through(built):
    page = soup(built / "events/index.html")
    days = [h.get_text() for h in page.select("h2[id^=d]")]
    assert days[:2] == ["12月2日 星期三", "12月5日 星期六"]  # the 25th of November is an exception
    assert "11月25日 星期三" not in days
    cancelled = page.select_one(".gb-event-off")
    assert cancelled.s.get_text() == "消防宣传进楼院" and "大风降温，改到元旦后" in cancelled.get_text()
    assert "还没定下来的活动" not in (built / "events/index.html").read_text(encoding="utf-8")
    assert not (built / "events/secret").exists()  # a draft reaches no page


def test_the_month_calendar_is_a_table_with_headers_and_works_without_script(built):
    table = soup(built / "events/calendar/2026-12/index.html").select_one("table.gb-calendar")
    assert table.caption and [th["scope"] for th in table.select("thead th")] == ["col"] * 7
    cells = {
        td.select_one(".gb-day").contents[0].strip(): td
        for td in table.select("td")
        if td.select_one(".gb-day")
    }
    assert len(cells) == 31 and not table.find("script")
    assert [a.get_text() for a in cells["23"].select("a")] == [
        "党员进网格志愿服务周",
        "兰苑睦邻茶话会",
    ]  # all-day first
    assert cells["12"].a["href"] == "../../fair/"  # events/calendar/2026-12/ → events/fair/


def test_event_page_has_time_place_sign_up_and_its_calendar_file(built):
    page = soup(built / "events/fair/index.html")
    facts = dict(
        zip([d.get_text() for d in page.select("dt")], [d.get_text() for d in page.select("dd")], strict=True)
    )
    assert facts["时间"] == "12月12日 星期六 全天" and facts["报名"].startswith("需要报名，2026-12-10 截止")
    assert facts["报名电话"] == "0531-88000661" and facts["费用"] == "免费"
    ics = page.select_one(".gb-calendar-links a")
    assert (built / "events/fair" / ics["href"]).resolve() == (built / "calendar/events/fair.ics").resolve()


def test_scope_pages_show_what_concerns_them(built):
    lanyuan = soup(built / "communities/lanyuan/index.html")
    panel = [h for h in lanyuan.find_all("h2") if h.get_text() == "近期活动"][0].find_next("ul")
    titles = [a.get_text() for a in panel.select("a")]
    assert "兰苑睦邻茶话会" in titles and "冬季便民服务大集" in titles  # its own, and its street's
    songlin = soup(built / "communities/songlin/index.html")
    assert "兰苑睦邻茶话会" not in songlin.get_text()  # another street's community
    assert "十月党课" in soup(built / "events/archive/index.html").get_text()  # past events stay


def test_calendar_files_parse_back_with_stable_uids_and_cancellations(built):
    cal = icalendar.Calendar.from_ical((built / "calendar/events.ics").read_bytes())
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    tz = [str(t["tzid"]) for t in cal.walk("VTIMEZONE")]
    assert tz == ["Asia/Shanghai"]
    fire = events["fire-20261205@testqu.gridboard"]
    assert str(fire["status"]) == "CANCELLED" and "大风降温" in str(fire["description"])
    assert fire.decoded("dtstart") == dt.datetime(2026, 12, 5, 14, 0, tzinfo=fire.decoded("dtstart").tzinfo)
    assert str(fire.decoded("dtstart").tzinfo) == "Asia/Shanghai"
    week = events["week-20261221@testqu.gridboard"]
    assert week.decoded("dtstart") == dt.date(2026, 12, 21) and week.decoded("dtend") == dt.date(2026, 12, 26)
    stamps = {e.decoded("dtstamp") for e in events.values()}
    assert stamps == {dt.datetime(2026, 11, 19, 16, 0, tzinfo=dt.UTC)}  # the build date, 00:00 in Shanghai
    assert "secret-20261201@testqu.gridboard" not in events


def test_a_second_calendar_library_reads_the_same_dates(built):
    """recurring-ical-events (which calendar apps' Python servers use) expands the file as we do."""
    cal = icalendar.Calendar.from_ical((built / "calendar/communities/lanyuan.ics").read_bytes())
    found = recurring_ical_events.of(cal).between(dt.date(2026, 11, 20), dt.date(2027, 2, 1))
    teas = sorted(e.decoded("dtstart").date() for e in found if str(e["summary"]) == "兰苑睦邻茶话会")
    assert teas[:3] == [dt.date(2026, 12, 2), dt.date(2026, 12, 9), dt.date(2026, 12, 16)]
    assert all(d.month != 1 for d in teas)  # 1月 is an exception
    assert dt.date(2026, 11, 25) not in teas


def test_calendar_files_are_the_same_for_the_same_content(tmp_path, built):
    site = make_site(tmp_path, {"content/events/2026.yml": EVENTS})
    again, _ = build_site(site, tmp_path / "again", TODAY)
    for name in ("calendar/events.ics", "calendar/communities/lanyuan.ics", "calendar/events/tea.ics"):
        assert (again / name).read_bytes() == (built / name).read_bytes()
