"""Hidden pasted text (issue 19): what a web page hid from its readers stays hidden on our site.

The sanitizer removes styles; an element hidden by one would show its text. Clearly hidden
elements go with their content, and the warning says how many, how much and what."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from conftest import TODAY, make_site

from builder import sanitize
from builder.hidden_text import drop_hidden, hiding
from builder.importers import story
from builder.problems import Mark, Problems


@pytest.mark.parametrize(
    "attrs, why",
    [
        ([("style", "display:none")], "display:none"),
        ([("style", "color:red; DISPLAY : none !important;")], "display:none"),
        ([("style", "visibility: hidden")], "visibility:hidden"),
        ([("style", "visibility:collapse")], "visibility:collapse"),
        ([("style", "font-size:0px;color:#fff")], "font-size:0px"),
        ([("style", "font-size: 0")], "font-size:0"),
        ([("style", "opacity:0")], "opacity:0"),
        ([("style", "opacity: .0")], "opacity:.0"),
        ([("hidden", None)], "hidden"),
        ([("hidden", "until-found")], "hidden"),
        # not clearly hidden: these show text, or hide it only with other styles
        ([("style", "display:block")], ""),
        ([("style", "font-size:0.8em")], ""),
        ([("style", "font-size:0.5px")], ""),
        ([("style", "opacity:0.5")], ""),
        ([("style", "height:0;overflow:hidden")], ""),
        ([("style", "position:absolute;left:-9999px")], ""),
        ([("style", "mso-display:none")], ""),
        ([("aria-hidden", "true")], ""),
        ([("class", "hidden")], ""),
    ],
)
def test_what_counts_as_hidden(attrs, why):
    assert hiding(attrs) == why


def test_hidden_elements_go_with_their_content_and_the_rest_stays():
    src = (
        '<p>前文<span style="display:none">广告甲</span>后文</p>'
        '<div hidden><p>转载请注明<b>乙</b></p></div><p style="font-size:0">丙</p>'
        '<p style="opacity:0.5">半透明的字</p><img src="a.png" style="visibility:hidden">'
    )
    out = sanitize.clean(src)
    assert BeautifulSoup(out, "html.parser").get_text() == "前文后文半透明的字"
    assert "<img" not in out
    assert drop_hidden("没有隐藏的文字 <b>粗</b> &amp; <i>x</i>") == "没有隐藏的文字 <b>粗</b> &amp; <i>x</i>"
    # search excerpts and review read the text without HTML: the hidden text is not in it either
    assert sanitize.without_html("甲<span hidden>藏</span>乙") == "甲乙"


def test_the_warning_counts_and_quotes_what_was_dropped():
    body = (
        "第一段。\n"
        "\n"
        '一段<span style="display: none !important">本文来源于某某网，转载请注明出处，谢谢合作支持</span>文字'
        '<i style="font-size:0">ab</i>\n'
        '<div style="visibility:hidden">\n<p>跨行的<span>隐藏</span>文字</p>\n</div>\n'
        "后文 <span style='opacity:0.5'>半透明</span>\n"
    )
    found = sanitize.find_unsafe(body)
    assert sorted(found) == [2, 3]  # 0-based lines where the hidden elements start
    problems = Problems()
    sanitize.report_unsafe(problems, "content/stories/2026/a.md", Mark(5, 1), "正文 body", found)
    by_line = {w.line: w for w in problems.warnings}
    assert sorted(by_line) == [7, 8]
    first = by_line[7]
    assert first.path == "content/stories/2026/a.md" and first.field == "正文 body"
    assert '<span style="display:none">、<i style="font-size:0">' in first.message
    assert "2 处，共 25 个字" in first.message  # 23 + 2 characters
    assert "“本文来源于某某网，转载请注明出处，谢谢合…”" in first.message  # 20 characters and …
    assert "2 element(s), 25 characters" in first.english
    second = by_line[8]
    assert "1 处，共 7 个字：“跨行的隐藏文字”" in second.message  # line breaks are not counted


def test_the_second_hidden_element_with_the_same_text_is_counted_too():
    found = sanitize.find_unsafe("<span hidden>甲</span><span hidden>甲</span>\n")
    assert [len(items) for items in found.values()] == [2]


def test_a_saved_web_page_imports_without_its_hidden_text(tmp_path, capsys):
    site = make_site(tmp_path)
    page = tmp_path / "page.html"
    page.write_text(
        """<html><head><meta charset="utf-8"><title>社区开展义诊活动_某某网</title></head><body>
<div class="article"><h1>社区开展义诊活动</h1>
<div class="TRS_Editor">
<p>10月8日上午，社区党支部在广场开展义诊活动，为居民测量血压、讲解健康知识。</p>
<p>活动吸引了一百多名居民参加，<span style="display:none">某某网版权所有未经授权禁止转载</span>大家排队问诊。</p>
<p style="font-size:0">ZZQQXX</p>
<p>下一步，社区将每月开展一次义诊。</p>
</div></div></body></html>""",
        encoding="utf-8",
    )
    assert story.run(page, site, today=TODAY) == 0
    out = capsys.readouterr()
    target = site / re.search(r"已导入 imported: (\S+)", out.out).group(1)
    text = target.read_text(encoding="utf-8")
    assert "版权所有" not in text and "ZZQQXX" not in text
    assert "活动吸引了一百多名居民参加，大家排队问诊。" in text
    assert "原网页里有 2 处隐藏的文字（共 21 个字，如第 5 行“某某网版权所有未经授权禁止转载”）" in out.err
    assert "隐藏文字 hidden text 2" in out.out


def test_a_word_file_imports_without_its_hidden_text(tmp_path):
    """Word's 字体 → 隐藏 (w:vanish): mammoth would show it; it is left out, and said."""
    import docx

    from builder.importers.story_docx import read_docx

    d = docx.Document()
    p = d.add_paragraph("社区开展义诊活动，")
    p.add_run("内部备注：此段不对外").font.hidden = True
    p.add_run("居民排队问诊。")
    d.add_paragraph("第二段").add_run("照常显示").font.hidden = False  # w:vanish w:val="0": shown
    file = tmp_path / "a.docx"
    d.save(file)
    draft = read_docx(file)
    assert [b.text for b in draft.blocks] == ["社区开展义诊活动，居民排队问诊。", "第二段照常显示"]
    assert draft.removed["隐藏文字 hidden text"] == 1
    [(zh, en)] = draft.notes
    assert zh.startswith("Word 文件里有 1 段设成“隐藏”的文字（共 10 个字，如“内部备注：此段不对外”）")


def test_an_inline_hidden_element_left_open_ends_with_its_paragraph():
    """Markdown closes the <p> at the blank line, and the span with it: only 广告 is dropped."""
    body = '一段<span style="display:none">广告\n\n下一段的文字照常发布\n'
    [[hidden]] = sanitize.find_unsafe(body).values()
    assert hidden.text == "广告"
    from builder.markdown_setup import new_markdown

    page = sanitize.clean(new_markdown().convert(body))
    assert BeautifulSoup(page, "html.parser").get_text("|", strip=True) == "一段|下一段的文字照常发布"
