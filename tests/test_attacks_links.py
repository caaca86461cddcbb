"""Attacks on links and file names that passed `check` and published dead links (issue 14, item 9)."""

from __future__ import annotations

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
    body = "见[照片](media/people/a.svg#x)和[照片](<media/people/a.svg>)。"
    site = make_site(tmp_path, {"content/pages/about.md": PAGE.format(body=body)})
    out, _ = build_site(site)
    hrefs = [a["href"] for a in soup(out / "about/about/index.html").select("article a[href*='a.svg']")]
    assert len(hrefs) == 2 and all((out / "about/about" / h.split("#")[0]).resolve().is_file() for h in hrefs)


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
