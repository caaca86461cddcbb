"""The search index's copy of a page (builder/outputs/search_text.py): words split where they
help the search, and what an excerpt needs to read as the page does written in."""

from __future__ import annotations

import re

import pytest
from conftest import search_records

from builder.outputs.search import SearchIndex
from builder.outputs.search_text import BLOCK, LABEL, SEP, SPACE


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return SearchIndex(tmp_path_factory.mktemp("mirror"), ["刘秀英", "裕华社区第一网格"])


def copy(index, body: str) -> str:
    return index.segment(f"<div data-pagefind-body>{body}</div>").split("<div data-pagefind-body>", 1)[1]


def words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s<>]+", re.sub(r"<[^>]+>", " ", text)) if w]


def test_dates_times_and_phone_numbers_stay_whole(index):
    text = copy(index, "<p>公示期2026-11-19 09:00至2026-11-26，电话0531-88001239</p>")
    assert {"2026-11-19", "09:00", "2026-11-26", "0531-88001239", "公示", "电话"} <= set(words(text))
    assert "2026" + SEP not in text


def test_names_and_grids_are_words_and_the_page_spaces_are_kept(index):
    text = copy(index, "<p>裕华社区第一网格专职网格员刘秀英 <span>党员</span></p>")
    assert {"裕华社区第一网格", "刘秀英", "党员"} <= set(words(text))
    plain = re.sub(r"<[^>]+>", "", text)
    assert re.search(f"刘秀英{SEP}+{SPACE}{SEP}+党员", plain), plain  # the space the page shows


def test_blocks_and_labels_are_marked_where_they_end_without_punctuation(index):
    text = copy(index, "<dl><dt>类型</dt><dd>基础网格</dd></dl><p>网格长</p><p>上门代办。</p><h2>动态</h2>")
    assert re.search(f"类型{SEP}+{LABEL}", text) and re.search(f"网格{SEP}+{BLOCK}", text), text
    assert re.search(f"网格长{SEP}+{BLOCK}", text) and re.search(f"动态{SEP}+{BLOCK}", text), text
    assert f"。{SEP}{BLOCK}" not in text  # its own stop separates it


def test_entities_are_decoded_once_and_author_markup_stays_text(index):
    text = copy(index, "<h1>代办&#34;一张表&#34; &amp; 放心 &lt;img src=x onerror=alert(1)&gt;</h1>")
    assert '"' in text and "&amp;" in text and "#34" not in text and "&amp;amp;" not in text
    assert "<img" not in text and "&lt;img" in text


def test_the_index_holds_no_segmented_numbers_or_added_stops(minimal_site):
    site, _ = minimal_site
    for record in search_records(site):
        for field in (record["content"], record["meta"].get("title", "")):
            bad = re.search(r".{0,12}(\d - \d|[\u3400-\u9fff]\. |&#|&amp;).{0,12}", field)
            assert bad is None, (record["url"], bad.group())
