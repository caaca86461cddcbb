"""Content checks for authors (warnings): image descriptions, story headings, empty and stale sections."""

import datetime as dt

from conftest import TODAY, make_site

from builder import pipeline
from builder.report import Report

LONG = "社区网格员每天走访，记录居民的急难愁盼，能办的当场办，不能办的报社区协调。" * 20


def warnings_of(site, today=TODAY):
    report = Report()
    pipeline.check(site / "site_config.yml", today, report)
    return report.problems.warnings


def story(body: str) -> str:
    return f"---\ntitle: 测试新闻\ndate: 2026-11-19\n---\n{body}"


def test_images_without_a_description_are_named_by_line(tmp_path):
    body = '第一段。\n\n![](media/stories/tea.svg)\n\n![钱卫东入户走访](media/stories/tea.svg)\n\n<img src="media/stories/tea.svg">\n'
    site = make_site(tmp_path, {"content/stories/2026/pics.md": story(body)})
    found = [w for w in warnings_of(site) if "图片没有文字说明" in w.message]
    assert [(w.path, w.line) for w in found] == [
        ("content/stories/2026/pics.md", 7),
        ("content/stories/2026/pics.md", 11),
    ]
    assert all(w.english for w in found)


def test_story_headings(tmp_path):
    site = make_site(
        tmp_path,
        {
            "content/stories/2026/long.md": story(LONG + "\n"),
            "content/stories/2026/jumps.md": story(
                "# 重复的标题\n\n正文。\n\n## 一、做法\n\n#### 细节\n\n正文。\n"
            ),
            "content/stories/2026/fine.md": story("## 一、做法\n\n" + LONG + "\n\n### 细节\n\n正文。\n"),
        },
    )
    found = {(w.path.rsplit("/", 1)[-1], w.line): w.message for w in warnings_of(site)}
    assert "没有小标题" in found[("long.md", 5)]
    assert "一级标题" in found[("jumps.md", 5)]
    assert "标题跳级" in found[("jumps.md", 11)] and "请用 ###" in found[("jumps.md", 11)]
    assert not [k for k in found if k[0] == "fine.md"]


def test_empty_sections_and_stale_home_and_boards(tmp_path):
    site = make_site(tmp_path)
    messages = [w.message for w in warnings_of(site)]
    assert any("栏目“示范社区”没有已发布的内容" in m for m in messages)
    assert any("栏目“书记工作室”没有已发布的内容" in m for m in messages)
    assert not any("首页已经" in m for m in messages)  # a posting of 2026-11-15, five days before
    boards = [m for m in messages if "公开栏超过半年" in m]
    assert boards == [boards[0]] and "竹园社区（从未发布）" in boards[0] and "兰苑社区" not in boards[0]
    later = [w.message for w in warnings_of(site, today=dt.date(2027, 2, 1))]
    assert any("首页已经 31 天没有新内容（最新一条是 2027-01-01）" in m for m in later)
    half_year = [m for m in warnings_of(site, today=dt.date(2027, 6, 1)) if "公开栏超过半年" in m.message]
    assert "兰苑社区（2026-11-15）" in half_year[0].message


def test_the_example_district_passes_its_own_review():
    from conftest import ROOT

    report = Report()
    pipeline.check(ROOT / "site_config.yml", TODAY, report)
    assert report.problems.warnings == [], [w.format() for w in report.problems.warnings]
