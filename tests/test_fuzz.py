"""Any input gives a result or Problems, never an exception, a crash or a hang (hypothesis).

Each example must finish within DEADLINE; the whole file runs in well under a minute on 2 cores.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import SITES, TODAY
from hypothesis import given, settings
from hypothesis import strategies as st

from builder import pipeline
from builder.encoding import read_text
from builder.load import gc_paused, load_markdown_file, load_yaml_file, parse_yaml
from builder.problems import ContentError, Problems
from builder.report import Report

DEADLINE = 2000  # ms per example

# Pieces of YAML, and of the mistakes authors make, for hypothesis to put together.
WORDS = ["id", "name", "名称", "team", "a", "b", "yes", "~", "null"]
WORDS += ["0531", "9:00", "2026-02-30", "2026-10-08"]
NUMBERS = ["1e400", "0x1F", ".inf", "1" * 5000, "0b" + "1" * 5000, "0x" + "f" * 4000]
SYNTAX = [":", ": ", "- ", "-", "? ", ",", "#", "'", '"', "''", "\\", "|\n", ">-\n", "|2\n"]
SPACE = ["\n", "  ", "    ", "\t", "\r\n", "\r", "\x85", "\u2028"]
FULL_WIDTH = ["：", ":\u3000", "\u3000", "\u3000\u3000", "ｈｄｃ－０１"]
ODD_CHARACTERS = ["\ufeff", "\x00", "\x01", "\x7f", "\ufffe", "🙂"]
ALIASES = ["&a ", "*a", "&b ", "*b", "<<: ", "<<: *a"]
TAGS = ["!!python/object:os.system ", "!!python/name:os.system", "!!str ", "!!int ", "!!set ", "!!binary "]
TAGS += ["!!timestamp ", "!!float ", "!!map ", "!!seq ", "!foo ", "!<tag:x> "]
NESTING = ["[", "]", "{", "}", "[[[[[[[[", "]]]]]]]]", "{{{{{{{{", "[" * 60, "{a: " * 60]
DOCUMENTS = ["%YAML 1.1\n", "%YAML 2.0\n", "%TAG ! tag:x,2000:\n", "---\n", "--- ", "...\n"]
FRAGMENTS = (
    WORDS + NUMBERS + SYNTAX + SPACE + FULL_WIDTH + ODD_CHARACTERS + ALIASES + TAGS + NESTING + DOCUMENTS
)

yaml_like = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=40).map("".join)
any_text = st.text() | yaml_like
any_bytes = (
    st.binary()
    | yaml_like.map(lambda s: s.encode("utf-8", "surrogatepass"))
    | st.builds(lambda bom, s: bom + s.encode("utf-16-le", "surrogatepass"), st.just(b"\xff\xfe"), any_text)
    | yaml_like.map(lambda s: s.encode("gb18030", "replace"))
)

fuzz = settings(deadline=DEADLINE, max_examples=1000)


@fuzz
@given(any_text)
def test_parse_yaml_never_raises(text):
    p = Problems()
    doc = parse_yaml(text, "x.yml", p)
    assert doc is not None or p.errors
    if doc is not None:
        doc.mark("a", 0, "b")  # marks are found lazily: that must not raise either


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@fuzz
@given(data=any_bytes)
def test_read_and_load_files_never_raise(scratch, data):
    for name, load in (("a.yml", load_yaml_file), ("a.md", load_markdown_file), ("b.md", load_markdown_file)):
        f = scratch / name
        f.write_bytes(b"---\n" + data + b"\n---\nbody\n" if name == "b.md" else data)
        p = Problems()
        text = read_text(f, name, p)
        assert text is not None or p.errors
        doc = load(f, name, p)
        assert doc is not None or p.errors


# ---- the whole check, with one content file of a copied minimal site rewritten per example ----

TARGETS = [
    "content/grids/donghu.yml",
    "content/stories/2026/lanyuan-tea.md",
    "content/org.yml",
    "content/board/2026.yml",
    "content/services/list.yml",
    "site_config.yml",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The minimal site, copied once for every example of every target."""
    site = tmp_path_factory.mktemp("fuzz-site") / "minimal"
    shutil.copytree(SITES / "minimal", site)
    _check(site)  # first use builds schemas and caches: not part of any example's time
    return site


def _check(site: Path) -> None:
    try:
        pipeline.check(site / "site_config.yml", TODAY, Report())
    except ContentError:
        pass


def _mutated(original: bytes) -> st.SearchStrategy[bytes]:
    """The real file with a few fragments spliced in: gets past the YAML parser to validation."""
    text = original.decode("utf-8")
    edit = st.tuples(
        st.integers(0, len(text)), st.integers(0, 8), st.sampled_from(FRAGMENTS) | st.text(max_size=6)
    )

    def apply(edits):
        out = text
        for at, cut, new in edits:
            at = min(at, len(out))
            out = out[:at] + new + out[at + cut :]
        return out.encode("utf-8", "surrogatepass")

    return st.lists(edit, min_size=1, max_size=4).map(apply)


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8) | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6) | st.integers(), inner, max_size=3)
    ),
    max_leaves=6,
)


def _reshaped(original: bytes) -> st.SearchStrategy[bytes]:
    """The real file's data with one value (or key) replaced by any other: reaches every validator."""
    text = original.decode("utf-8")
    head, sep, body = text[4:].partition("\n---\n") if text.startswith("---\n") else (text, "", "")
    data = yaml.safe_load(head)
    spots = list(_spots(data, ()))

    def apply(spot_value):
        (path, is_key), value = spot_value
        new = yaml.safe_dump(_replaced(data, path, is_key, value), allow_unicode=True, sort_keys=False)
        return (f"---\n{new}---\n{body}" if sep else new).encode("utf-8", "surrogatepass")

    return st.tuples(st.sampled_from(spots), values).map(apply)


def _spots(data, path):
    yield path, False
    if isinstance(data, dict):
        for k, v in data.items():
            yield path + (k,), True
            yield from _spots(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _spots(v, path + (i,))


def _replaced(data, path, is_key, value):
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        if is_key and not rest:
            return {
                (value if k == head and not isinstance(value, (dict, list)) else k): v
                for k, v in data.items()
            }
        return {k: (_replaced(v, rest, is_key, value) if k == head else v) for k, v in data.items()}
    return [(_replaced(v, rest, is_key, value) if i == head else v) for i, v in enumerate(data)]


@pytest.mark.parametrize("rel", TARGETS)
def test_check_returns_or_raises_content_error(site, rel):
    target = site / rel
    original = target.read_bytes()

    @settings(deadline=DEADLINE, max_examples=60)
    @given(data=any_bytes | _mutated(original) | _reshaped(original))
    def run(data):
        target.write_bytes(data)
        _check(site)

    try:
        run()
    finally:
        target.write_bytes(original)


@pytest.mark.parametrize(
    "photo", ["media/" + "很" * 90 + ".jpg", '"media/a\\0.jpg"'], ids=["long-name", "nul"]
)
def test_media_path_the_os_refuses_is_a_problem(site, photo):
    """Found by hypothesis: media.py asked the OS about such a path and got OSError / ValueError."""
    grids = site / "content/grids/donghu.yml"
    original = grids.read_bytes()
    grids.write_text(
        original.decode().replace("photo: media/people/a.svg", f"photo: {photo}"), encoding="utf-8"
    )
    try:
        with pytest.raises(ContentError) as info:
            pipeline.check(site / "site_config.yml", TODAY, Report())
    finally:
        grids.write_bytes(original)
    assert any(e.field == "[0].team[1].photo" for e in info.value.problems.errors)


# ---- regressions: traps found or feared, each bounded in time ----
# The bounds catch a blow-up (billion laughs, a parser recursing per bracket: minutes or a crash),
# not speed: they are ten times what a loaded 2-core CI machine takes, so load does not flake them.
QUICK = 10  # seconds


def _one_error(text: str, path: str = "x.yml"):
    p = Problems()
    start = time.perf_counter()
    doc = parse_yaml(text, path, p)
    took = time.perf_counter() - start
    assert doc is None, "expected a problem"
    assert len(p.errors) == 1, [e.format() for e in p.errors]
    return p.errors[0], took


def test_billion_laughs_is_refused_quickly():
    names = "abcdefghi"
    text = f"{names[0]}: &{names[0]} [{', '.join(['lol'] * 9)}]\n" + "".join(
        f"{n}: &{n} [{', '.join([f'*{prev}'] * 9)}]\n" for prev, n in zip(names, names[1:], strict=False)
    )
    err, took = _one_error(text)
    assert took < QUICK
    assert (err.line, err.column) == (2, 8)
    assert err.message == "不支持锚点/别名（& 和 *），请把内容直接写出来"


TOO_DEEP = (
    "嵌套太深：列表和层级套了 50 层以上。多半是方括号 [ 或花括号 { 没有闭合，或缩进一行比一行多；请检查这一行"
)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("covers: " + "[" * 20_000, 1),  # never closed
        ("a: " + "{a: " * 20_000, 1),
        ("".join("  " * i + "a:\n" for i in range(5_000)), 51),  # a: / a: / a: …, each indented more
        ("".join(" " * i + "- a:\n" for i in range(0, 2_000, 2)), 26),  # - a: / - a: …
        ("- " * 60 + "x\n", 1),  # - - - - … on one line
    ],
    ids=["unclosed-[", "unclosed-{", "mappings", "list-items", "compact-list"],
)
def test_nesting_too_deep_is_a_problem_not_a_crash(text, line):
    err, took = _one_error(text)
    assert took < QUICK
    assert (err.line, err.message) == (line, TOO_DEEP)
    assert err.english.startswith("nested more than 50 levels deep")


def test_nesting_that_crashed_libyaml_is_a_problem():
    """Closed brackets some 30,000 deep overflowed the C stack: the interpreter died (SIGSEGV).

    In a child process, so that a regression fails this test instead of killing the test run.
    """
    script = """if True:
        from builder.load import parse_yaml
        from builder.problems import Problems
        for text in (
            "a: 1\\nb: " + "[" * 40_000 + "]" * 40_000,
            "[']', " * 40_000 + "]" * 40_000,  # brackets in quotes: the quick count is fooled
        ):
            p = Problems()
            assert parse_yaml(text, "x.yml", p) is None
            print([(e.line, e.message[:4]) for e in p.errors])
    """
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split("\n")[:2] == ["[(2, '嵌套太深')]", "[(1, '嵌套太深')]"]


def test_nesting_too_deep_in_front_matter_names_the_file_line(tmp_path):
    f = tmp_path / "s.md"
    f.write_text("---\ntitle: 标题\ntags: " + "[" * 5_000 + "\n---\n正文\n", encoding="utf-8")
    p = Problems()
    assert load_markdown_file(f, "s.md", p) is None
    [err] = p.errors
    assert (err.line, err.message) == (3, TOO_DEEP)


def test_deep_nesting_the_text_check_misses_is_still_caught(monkeypatch):
    """Without the check on the text, the loaders' own depth checks still give the problem."""
    monkeypatch.setattr("builder.parse.too_deep", lambda text, always=False: None)
    err, _ = _one_error("a: 1\nb: " + "[" * 2_000 + "]" * 2_000)  # composed by libyaml, built by us
    # the column is where the parser gave up: ours at level 50, or earlier PyYAML releases' own limit
    assert (err.line, err.message) == (2, TOO_DEEP) and err.column >= 54
    err, _ = _one_error("a: 1\nb: " + "[" * 2_000)  # a syntax error: PyYAML's composer recurses
    assert (err.line, err.message) == (2, TOO_DEEP)


def test_a_5_mb_file_of_ordinary_data_loads(tmp_path):
    grids = (SITES / "minimal/content/grids/donghu.yml").read_text(encoding="utf-8")
    f = tmp_path / "big.yml"
    f.write_text(grids * (5_000_000 // len(grids.encode()) + 1), encoding="utf-8")
    p = Problems()
    start = time.perf_counter()
    with gc_paused():  # as load_content runs
        doc = load_yaml_file(f, "big.yml", p)
    took = time.perf_counter() - start
    assert not p.items
    assert doc.data[-2:] == doc.data[:2] and doc.data[0]["id"] == "ly-01"
    assert took < 20, f"{took:.1f} s"


def test_a_repeated_merge_key_of_a_scalar_is_a_problem_once():
    """Found by hypothesis (b'<<:\\r<<:'): the duplicate-key path read it again with PyYAML's
    constructor, whose error about merging a scalar escaped; each problem is named once."""
    for text in ("<<:\r<<:", "a: 1\na: 2\n<<: x\n"):
        problems = Problems()
        assert parse_yaml(text, "x.yml", problems) is None
        said = [p.message for p in problems.items]
        assert len(said) == len(set(said)) == 2 and "重复出现" in said[0], said
