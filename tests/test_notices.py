"""Urgent notices (content/notices.yml, builder/kinds/notices.py): errors at file:line, which
notices reach output (not drafts, not expired, not starting after the build day), the banner on
the pages of its scope and not elsewhere, the home page's list, the screens' takeover and band,
and author text that stays text."""

from __future__ import annotations

import pytest
from conftest import TODAY, build_site, make_site, soup

from builder import pipeline
from builder.kinds import notices
from builder.problems import ContentError
from builder.report import Report

WHERE = "content/notices.yml"


def notice(id_: str, scope: str | None = "lanyuan", level: str = "warning", **more) -> str:
    """One notice as an author writes it (current on TODAY, 2026-11-20, unless told)."""
    fields = {
        "id": id_,
        "title": f"停水通知 {id_}",
        "text": f"正文 {id_}",
        "scope": scope,
        "from": '"2026-11-19 08:00"',
        "until": '"2026-11-25 18:00"',
        "level": level,
        "issuer": "兰苑社区居委会",
        **more,
    }
    lines = [f"  {k}: {v}" for k, v in fields.items() if v is not None]
    return "- " + "\n".join(lines)[2:] + "\n"


def site_with(tmp_path, *items: str, screens: str | None = None):
    files = {WHERE: "".join(items)}
    if screens:
        files["content/screens.yml"] = screens
    return make_site(tmp_path, files)


def errors(site) -> dict:
    with pytest.raises(ContentError) as err:
        pipeline.check(site / "site_config.yml", TODAY, Report())
    return {(p.path, p.line, p.field): p.message for p in err.value.problems.errors}


def test_errors_at_file_and_line_all_at_once(tmp_path):
    site = site_with(
        tmp_path,
        notice("a", **{"from": '"2026-11-31 08:00"'}),  # no such day
        notice("b", until='"2026-11-18 08:00"'),  # before from
        notice("c", scope="lanyuang"),
        notice("d", page="abut"),
        notice("e", posting="p-curent"),
        notice("f", level="severe"),
    )
    found = errors(site)
    assert found[(WHERE, 5, "[0].from")].startswith(
        '时间“2026-11-31 08:00”不对：请写成 "YYYY-MM-DD HH:MM"，如 "2026-12-01 08:00"（加英文引号），并确认这一天存在'
    )
    assert found[(WHERE, 14, "[1].until")] == (
        "结束时间（2026-11-18 08:00）不晚于开始时间（2026-11-19 08:00）：请检查 from 和 until"
    )
    assert found[(WHERE, 20, "[2].scope")].startswith(
        "找不到范围（区/街道/社区/网格）“lanyuang”，是不是“lanyuan”？可用的编号有：donghu、lanyuan"
    )
    assert found[(WHERE, 33, "[3].page")] == "找不到页面“abut”，是不是“about”？可用的编号有：about"
    assert (
        found[(WHERE, 42, "[4].posting")]
        == "找不到公示“p-curent”，是不是“p-current”？可用的编号有：p-current、p-old"
    )
    assert found[(WHERE, 49, "[5].level")] == "只能填以下之一：'info', 'warning' or 'urgent'"
    assert len(found) == 6


def test_the_rule_of_what_is_published():
    import datetime as dt

    from builder.model.notices import Notice

    def n(start: str, stop: str, draft=False) -> Notice:
        return Notice.model_validate(
            {
                "id": "x",
                "title": "t",
                "text": "t",
                "from": start,
                "until": stop,
                "issuer": "i",
                "draft": draft,
            }
        )

    day = dt.date(2026, 11, 20)
    assert notices.is_published(n("2026-11-01 08:00", "2026-11-20 00:01"), day)  # ends during the day
    assert not notices.is_published(n("2026-11-01 08:00", "2026-11-20 00:00"), day)  # ended at its start
    assert notices.is_published(n("2026-11-20 23:59", "2026-11-22 08:00"), day)  # starts late in the day
    assert not notices.is_published(n("2026-11-21 00:00", "2026-11-22 08:00"), day)  # starts tomorrow
    assert not notices.is_published(n("2026-11-19 08:00", "2026-11-22 08:00", draft=True), day)


def test_drafts_expired_and_future_notices_reach_no_output(tmp_path):
    site = site_with(
        tmp_path,
        notice("now", text="正文 MARK-NOW", scope=None),
        notice("draft", text="正文 MARK-DRAFT", scope=None, draft="true"),
        notice(
            "old",
            text="正文 MARK-OLD",
            scope=None,
            **{"from": '"2026-11-01 08:00"'},
            until='"2026-11-19 20:00"',
        ),
        notice("later", text="正文 MARK-LATER", scope=None, **{"from": '"2026-11-21 08:00"'}),
        notice(
            "urgent-old", text="MARK-URGENT-OLD", scope="lanyuan", level="urgent", until='"2026-11-20 00:00"'
        ),
        screens="- {id: lobby, place: 大厅, scope: lanyuan, playlist: [board]}\n",
    )
    out, _report = build_site(site)
    found: dict[str, list[str]] = {}
    for f in out.rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            if f.suffix in (".gz", ".pf_fragment", ".pf_meta", ".pf_index"):
                import gzip

                try:
                    data = gzip.decompress(data)
                except OSError:
                    pass
            for mark in ("MARK-NOW", "MARK-DRAFT", "MARK-OLD", "MARK-LATER", "MARK-URGENT-OLD"):
                if mark.encode() in data:
                    found.setdefault(mark, []).append(str(f.relative_to(out)))
    assert set(found) == {"MARK-NOW"}
    assert "index.html" in found["MARK-NOW"]


def test_banner_on_the_pages_of_its_scope_and_below_only(tmp_path):
    site = site_with(
        tmp_path,
        notice("district", scope=None, level="info"),
        notice("street", scope="donghu"),
        notice("com", scope="lanyuan", level="urgent", page="about"),
        notice("grid", scope="ly-02"),
        notice("other", scope="xishan"),
    )
    out, _report = build_site(site)

    def banners(path: str) -> list[str]:
        return sorted(b["data-notice"] for b in soup(out / path).select(".md-banner [data-notice]"))

    assert banners("index.html") == ["district"]
    assert banners("board/index.html") == ["district"]
    assert banners("streets/donghu/index.html") == ["district", "street"]
    assert banners("communities/lanyuan/index.html") == ["com", "district", "street"]
    assert banners("communities/zhuyuan/index.html") == ["district", "street"]
    assert banners("grids/ly-01/index.html") == ["com", "district", "street"]
    assert banners("grids/ly-02/index.html") == ["com", "district", "grid", "street"]
    assert banners("streets/xishan/index.html") == ["district", "other"]
    page = soup(out / "communities/lanyuan/index.html")
    shown = [b["data-notice"] for b in page.select(".md-banner [data-notice]")]
    assert shown == ["com", "street", "district"]  # urgent first, then warning, then info
    com = page.select_one('[data-notice="com"]')
    assert com["role"] == "status" and com["aria-live"] == "polite"
    assert (com["data-from"], com["data-until"]) == ("2026-11-19T08:00:00", "2026-11-25T18:00:00")
    assert com.select_one(".gb-notice-level").get_text() == "紧急"
    assert com.select_one(".gb-notice-meta a")["href"] == "../../about/about/"
    assert com.select_one("[data-notice-close]").has_attr("hidden")  # shown by the script only
    assert page.find("script", src="../../assets/gridboard/notices.js") is not None
    assert not page.find_all("script", src=False, string=lambda s: s and "notice" in s)  # nothing inline
    home = soup(out / "index.html")
    listed = [li.select_one(".gb-notice-title").get_text() for li in home.select(".gb-notice-list li")]
    assert len(listed) == 5  # the home page lists every current notice
    # a page with no notice in scope carries no banner strip at all
    quiet = site_with(tmp_path / "q", notice("s", scope="xishan"))
    out2, _ = build_site(quiet)
    assert soup(out2 / "communities/lanyuan/index.html").select(".md-banner") == []


def test_screens_get_the_takeover_and_the_band_of_their_scope(tmp_path):
    site = site_with(
        tmp_path,
        notice("urg", scope="lanyuan", level="urgent"),
        notice("warn", scope="donghu", level="warning"),
        notice("info", scope=None, level="info"),
        notice("far", scope="xishan", level="urgent"),
        screens=(
            "- {id: lobby, place: 大厅, scope: lanyuan, playlist: [board]}\n"
            "- {id: hall, place: 街道大厅, scope: donghu, playlist: [board]}\n"
        ),
    )
    out, _report = build_site(site)
    lobby = soup(out / "screens/lobby/index.html")
    assert [t["data-takeover"] for t in lobby.select("[data-takeover]")] == ["urg"]
    assert [b["data-band"] for b in lobby.select("[data-band]")] == ["warn"]
    takeover = lobby.select_one("[data-takeover]")
    assert takeover.select_one(".gb-takeover-title").get_text() == "停水通知 urg"
    assert takeover.select_one(".gb-takeover-meta").get_text(" ", strip=True) == (
        "兰苑社区居委会 2026年11月19日 08:00 发布 · 有效至 11月25日 18:00"
    )
    hall = soup(out / "screens/hall/index.html")  # the street's screen: not the community's notice
    assert hall.select("[data-takeover]") == [] and [b["data-band"] for b in hall.select("[data-band]")] == [
        "warn"
    ]


def test_hostile_text_stays_text(tmp_path):
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>{{ 7*7 }}"
    site = site_with(
        tmp_path,
        notice(
            "x", scope=None, level="urgent", title=f"'{hostile}'", text=f"'{hostile}'", issuer=f"'{hostile}'"
        ),
        screens="- {id: lobby, place: 大厅, scope: lanyuan, playlist: [board]}\n",
    )
    out, _report = build_site(site)
    for path, sel in (
        ("grids/ly-01/index.html", ".md-banner [data-notice]"),
        ("index.html", ".gb-notice-list li"),
        ("screens/lobby/index.html", "[data-takeover]"),
    ):
        page = soup(out / path)
        box = page.select_one(sel)
        assert hostile in box.get_text(), path
        assert box.find("img") is None and box.find("script") is None, path
        assert "alert(2)" not in str(page.find_all("img", onerror=True)), path
