"""Attacks on links and file names that passed `check` and published dead links (issue 14, item 9)."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from conftest import build_site, make_site, soup

from builder.problems import ContentError

PAGE = "---\ntitle: 关于本站\norder: 1\n---\n\n{body}\n"


def _problems(site) -> list:
    with pytest.raises(ContentError) as e:
        build_site(site)
    return [p for p in e.value.problems.items if p.severity == "error"]


@pytest.mark.parametrize(
    ("link", "says"),
    [
        ("[配置](media/../../site_config.yml)", "跑出了 content/"),
        ("[材料](<media/people/没有 这个.pdf>)", "找不到文件“content/media/people/没有 这个.pdf”"),
        ("[材料](media/people/none.pdf#page=2)", "找不到文件“content/media/people/none.pdf”"),
        ('<a href="media/none.pdf">材料</a>', "找不到文件“content/media/none.pdf”"),
    ],
)
def test_a_link_to_a_file_of_ours_must_find_it(tmp_path, link, says):
    site = make_site(tmp_path, {"content/pages/about.md": PAGE.format(body=f"见{link}。")})
    (problem,) = _problems(site)
    assert problem.path == "content/pages/about.md" and problem.line == 6
    assert says in problem.message


def test_links_to_files_that_exist_still_work(tmp_path):
    body = "见[细则](media/files/rules.pdf#page=2)和[细则](<media/files/rules 2026.pdf>)。"
    files = {"content/pages/about.md": PAGE.format(body=body), "content/media/files/rules.pdf": "%PDF-1.4"}
    out, report = build_site(make_site(tmp_path, {**files, "content/media/files/rules 2026.pdf": "%PDF-1.4"}))
    assert [p for p in report.problems.items if p.path == "content/pages/about.md"] == []
    hrefs = [a["href"] for a in soup(out / "about/about/index.html").select("article a[href*='rules']")]
    assert len(hrefs) == 2 and all(
        (out / "about/about" / unquote(h.split("#")[0])).resolve().is_file() for h in hrefs
    )


def test_an_image_with_a_script_address_is_a_warning_not_a_missing_file(tmp_path):
    site = make_site(tmp_path, {"content/pages/about.md": PAGE.format(body="![图](javascript:alert(1))")})
    out, report = build_site(site)
    warned = [p for p in report.problems.items if p.path == "content/pages/about.md"]
    assert [p.severity for p in warned] == ["warning"] and "javascript:" in warned[0].message
    assert soup(out / "about/about/index.html").select("article img[src^=javascript]") == []


@pytest.mark.parametrize("name", ["..brand", ".hidden", "Brand", "关于"])
def test_a_page_file_name_that_cannot_be_an_address_is_refused(tmp_path, name):
    site = make_site(tmp_path, {f"content/pages/{name}.md": PAGE.format(body="正文。")})
    (problem,) = _problems(site)
    assert problem.path == f"content/pages/{name}.md"
    assert "会成为网址" in problem.message


EVIL_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="9" height="9"/></svg>'
)


@pytest.mark.parametrize(
    ("file", "data", "says"),
    [
        ("media/x.js", "alert(1)", "不能发布"),
        ("media/page.html", "<script>alert(1)</script>", "不能发布"),
        ("media/evil.svg", EVIL_SVG, "有脚本"),
        ("media/onload.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "有脚本"),
    ],
)
def test_files_that_would_run_under_the_sites_address_are_refused(tmp_path, file, data, says):
    body = f"见[附件]({file})。\n\n![图]({file})"
    site = make_site(tmp_path, {"content/pages/about.md": PAGE.format(body=body), f"content/{file}": data})
    problems = _problems(site)
    assert sorted(p.line for p in problems) == [6, 8] and all(says in p.message for p in problems)


def test_a_script_named_only_in_text_is_not_copied(tmp_path):
    body = "脚本在 media/x.js ，图在 media/evil.svg ，图标在 media/ok.svg 。"
    files = {"content/pages/about.md": PAGE.format(body=body), "content/media/x.js": "alert(1)"}
    files["content/media/evil.svg"] = EVIL_SVG
    files["content/media/ok.svg"] = (
        '<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>'
    )
    out, _ = build_site(make_site(tmp_path, files))
    assert (out / "media/ok.svg").is_file()
    assert not (out / "media/x.js").exists() and not (out / "media/evil.svg").exists()


def test_a_link_written_with_percent_escapes_finds_its_file(tmp_path):
    body = "见[细则](media/files/rules%202026.pdf)。"
    files = {
        "content/pages/about.md": PAGE.format(body=body),
        "content/media/files/rules 2026.pdf": "%PDF-1.4",
    }
    out, report = build_site(make_site(tmp_path, files))
    assert [p.format() for p in report.problems.items if p.path == "content/pages/about.md"] == []
    assert (out / "media/files/rules 2026.pdf").is_file()


def test_masked_numbers_in_a_body_keep_their_stars(tmp_path):
    body = "有事请拨 138****1234（尾号 1234），**重要**：身份证 370102********1234 已打码。"
    out, _ = build_site(make_site(tmp_path, {"content/pages/about.md": PAGE.format(body=body)}))
    article = soup(out / "about/about/index.html").select_one("article")
    assert "138****1234" in article.get_text() and "370102********1234" in article.get_text()
    assert [s.get_text() for s in article.find_all("strong")] == ["重要"]


@pytest.mark.parametrize("tag", ["iframe", "script", "style", "textarea", "title", "noscript"])
def test_an_unclosed_raw_text_tag_that_would_swallow_the_rest_is_an_error(tmp_path, tag):
    body = f"第一段。\n\n<{tag} src=x>\n\n第二段很重要，不能丢。"
    (problem,) = _problems(make_site(tmp_path, {"content/pages/about.md": PAGE.format(body=body)}))
    assert (problem.path, problem.line) == ("content/pages/about.md", 8)
    assert f"<{tag}> 没有结束标签" in problem.message and f"</{tag}>" in problem.message


def test_what_the_warning_names_is_what_the_cleaner_removes():
    """Nothing named is kept; and where no element is dropped with its content (whose insides go
    with it, named once), every element the cleaner drops is named."""
    import random
    from collections import Counter
    from html.parser import HTMLParser

    from builder import sanitize

    class Count(HTMLParser):
        def __init__(self, text):
            super().__init__()
            self.tags = Counter()
            self.feed(text)

        def handle_starttag(self, tag, attrs):
            self.tags[tag] += 1

    tags = ["p", "b", "script", "iframe", "meta", "span", "div", "img", "a", "style", "u", "font", "form"]
    tags += ["center", "input", "svg", "video", "details", "summary", "textarea", "o:p"]
    attrs = ['onclick="x()"', 'href="javascript:alert(1)"', 'src="x.png"', 'style="display:none"', 'id="y"']
    rng = random.Random(7)
    for _ in range(1500):
        parts = []
        for _ in range(rng.randint(1, 4)):
            tag, attr = rng.choice(tags), " ".join(rng.sample(attrs, rng.randint(0, 2)))
            parts.append(f"<{tag} {attr}>文字</{tag}>" if rng.random() < 0.8 else f"<{tag} {attr}>")
        src = "".join(parts)
        found = [x for items in sanitize.find_unsafe(src).values() for x in items]
        hidden = [x for x in found if isinstance(x, sanitize.Hidden)]  # dropped with what is inside
        named = {x.split(" ")[0] for x in found if not isinstance(x, sanitize.Hidden)}
        named = {x for x in named if x.startswith("<")}
        cleaned = sanitize.clean(src)
        before, after = Count(src).tags, Count(cleaned).tags
        # hidden text is gone (a stray </p> left behind may make an empty <p>, so count text)
        assert cleaned.count("文字") <= src.count("文字") - sum(x.text.count("文字") for x in hidden), src
        removed = {f"<{t}>" for t in before if after[t] < before[t]}
        assert named <= removed | {"<o:p>"}, src  # nothing named that is kept
        if not set(before) & sanitize.DROP_WITH_CONTENT and not hidden:
            assert removed <= named, src
