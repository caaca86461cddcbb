"""HTML blocks kept out of Python-Markdown give exactly the HTML Markdown would give."""

import pytest
from conftest import ROOT, SITES, TODAY

from builder import pipeline
from builder.markdown_setup import new_markdown
from builder.overrides import Templates
from builder.pages import render_pages
from builder.rawhtml import anchor_ids, stash, unstash
from builder.report import Report


@pytest.mark.parametrize("config", [ROOT / "site_config.yml", SITES / "minimal/site_config.yml"])
def test_every_page_converts_the_same_with_and_without_the_stash(config):
    catalog = pipeline.check(config, TODAY, Report())
    pages = render_pages(catalog, Templates.for_site(config.parent))
    md = new_markdown()  # the extensions MkDocs is given, with their settings
    stashed_any = False
    for path, text in pages.items():
        body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
        plain = md.reset().convert(body)
        short, blocks = stash(body)
        stashed_any |= bool(blocks)
        assert unstash(md.reset().convert(short), blocks) == plain, path
    assert stashed_any


def test_only_blocks_markdown_leaves_alone_are_stashed():
    text = '<div class="a">\n<div>x</div>\n</div>\n\nText <b>bold</b>\n\n<p id="here">p</p>\ntail\n'
    short, blocks = stash(text)
    assert blocks == ['<div class="a">\n<div>x</div>\n</div>']  # the <p> runs into "tail": left
    assert "Text <b>bold</b>" in short and '<p id="here">p</p>' in short
    assert anchor_ids(['<h2 id="x">', "<a id='y'>"]) == {"x", "y"}
