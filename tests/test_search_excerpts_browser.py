"""Search results read as the page does (issue 19): in Chromium on the example district, every
title and excerpt shown for a dozen queries is found in its page's own visible text."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

# query, a page that must be among the results
QUERIES = [
    ("刘秀英", "grids/yh-01/"),  # a person's name
    ("网格长", "grids/"),  # a field label meeting its value, on every grid page
    ("基础网格", "grids/"),  # <dt>类型</dt><dd>基础网格</dd>
    ("2025-12-30", "stories/2025/pingxing-2025/"),  # a date
    ("2026年", "board/"),  # a year run into a Chinese word
    ("798", "grids/yh-01/"),  # a number: 人口 798 人
    ("88001239", "grids/yh-01/"),  # the tail of a phone number
    ("09:00", "board/"),  # a time
    ("一张表", "stories/2026/daiban-shaopaotui/"),  # a title with " and &
    ("子女", "stories/2026/daiban-shaopaotui/"),
    ("新闻标签", "stories/tags/"),  # the tag pages: 三张清单 1 篇
    ("三张清单", "lists/"),
    ("南全福社区第七网格", "grids/nqf-07/"),  # a grid name
]

RESULTS = """() => [...document.querySelectorAll('[data-pf-list] > li')].flatMap((li) =>
  [...li.querySelectorAll(':scope > a')].map((a) => ({
    href: a.href,
    title: a.querySelector('h1, h2')?.textContent ?? '',
    excerpt: a.querySelector('p:not(.gb-pf-where)')?.textContent ?? '',
    // author text is only ever text: the one kind of element in an excerpt is an empty-of-tags <mark>
    markup: [...a.querySelectorAll('p:not(.gb-pf-where) *')].filter((e) => e.tagName !== 'MARK' || e.children.length)
      .map((e) => e.outerHTML),
    marks: [...a.querySelectorAll('p:not(.gb-pf-where) mark')].length,
  })))"""
CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’—·"
BETWEEN = re.compile(rf"(?<=[{CJK}0-9])\s+(?=[{CJK}0-9])")
# the separators our search box writes where blocks and field labels meet
SEPARATORS = re.compile(r" · |：")


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def reads(text: str) -> str:
    """Text the way it reads: whitespace collapsed and none between Chinese characters and digits."""
    return BETWEEN.sub("", collapse(text))


# Each page's visible text, read in one go: its HTML fetched and laid out, with the site's CSS,
# off-screen in a page of the site (innerText needs layout); quicker than opening 70 pages.
PAGE_TEXTS = """async (urls) => {
  const out = {};
  await Promise.all(urls.map(async (url) => {
    const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
    const body = doc.querySelector('[data-pagefind-body]');
    const box = document.createElement('div');
    box.style.cssText = 'position:absolute;left:-20000px;top:0;width:1000px';
    box.className = 'md-typeset';
    box.append(document.adoptNode(body));
    document.body.append(box);
    out[url] = box.innerText;
    box.remove();
  }));
  return out;
}"""


def run_query(page, query: str) -> list[dict]:
    page.locator("input[data-pf-query]").fill(query)
    page.wait_for_function(
        "(q) => window.__gbSearchTimings.some((t) => t.query === q)", arg=query, timeout=15000
    )
    return page.evaluate(RESULTS)


def test_every_excerpt_reads_as_its_page(example_site, serve_dir, chromium):
    site, _ = example_site
    base = serve_dir(site)
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base)
    page.keyboard.press("/")
    shown: list[tuple[str, dict]] = []
    for query, expected in QUERIES:
        results = run_query(page, query)
        assert any(expected in r["href"] for r in results), (query, [r["href"] for r in results])
        shown += [(query, r) for r in results]
    page.goto(base)
    urls = sorted({r["href"].split("#")[0] for _, r in shown})
    texts = {url: (collapse(t), reads(t)) for url, t in page.evaluate(PAGE_TEXTS, urls).items()}
    context.close()
    wrong, count, marks = [], 0, 0
    for query, r in shown:
        strict, readable = texts[r["href"].split("#")[0]]
        assert r["markup"] == [], (query, r["markup"])
        marks += r["marks"]
        for kind, text in (("title", r["title"]), ("excerpt", r["excerpt"])):
            text = text.strip().strip("…").strip()
            if not text:
                continue
            count += 1
            if re.search(r"&amp;|&#|\d - \d|\d\s+[-:./]\s*\d|[\u3400-\u9fff]\. ", text):
                wrong.append((query, kind, r["href"], text, "segmentation or Pagefind's '. '"))
                continue
            for piece in SEPARATORS.split(text):
                piece = piece.strip()
                # spaced as the page spaces it, or at least as it reads
                if piece and piece not in strict and reads(piece) not in readable:
                    wrong.append((query, kind, r["href"], text, piece))
                    break
    assert count >= 100 and marks >= 100, (count, marks)
    assert wrong == [], "\n".join(map(str, wrong))
