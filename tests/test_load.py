"""Loading: YAML with line marks, front matter, encodings, and YAML traps."""

from pathlib import Path

import pytest
from conftest import TODAY, make_site

from builder import pipeline
from builder.encoding import read_text
from builder.load import load_markdown_file, parse_yaml
from builder.problems import ContentError, Mark, Problems
from builder.report import Report

SAVE_AS_UTF8 = "。请用记事本或 VS Code “另存为”，编码选 UTF-8"
NOT_TEXT = "请在记事本或 VS Code 里新建文件，把内容复制进去，另存为 UTF-8 编码的 .yml 或 .md 文件"
FULL_WIDTH_INDENT = (
    "这一行开头有全角空格“\u3000”（中文输入法下打的空格）。YAML 的缩进只认半角空格，"
    "全角空格会被当成文字，内容就放错了位置：请切换到英文输入法，把它换成半角空格"
)


def read(tmp_path: Path, raw: bytes) -> tuple[str | None, Problems]:
    f = tmp_path / "a.yml"
    f.write_bytes(raw)
    p = Problems()
    return read_text(f, "a.yml", p), p


def test_marks_point_at_each_value():
    text = "- id: a\n  team:\n    - name: 王某\n      phone: '138'\n"
    p = Problems()
    doc = parse_yaml(text, "x.yml", p)
    assert not p.items
    assert doc.mark(0, "id") == Mark(1, 7)
    assert doc.mark(0, "team", 0, "phone") == Mark(4, 14)
    # a key that is not there falls back to its nearest ancestor
    assert doc.mark(0, "team", 0, "missing") == Mark(3, 7)


def test_duplicate_keys_are_errors_with_both_lines():
    p = Problems()
    parse_yaml("id: a\nname: x\nid: b\n", "x.yml", p)
    [err] = p.errors
    assert (err.line, err.field) == (3, "id")
    assert "第 1 行和第 3 行" in err.message


def test_syntax_error_names_line_and_hints():
    p = Problems()
    assert parse_yaml("a: 1\n\tb: 2\n", "x.yml", p) is None
    [err] = p.errors
    assert err.line == 2
    assert "Tab" in err.message


def test_full_width_colon_gets_a_hint():
    p = Problems()
    parse_yaml("name: 甲\nphone：1\nx: [\n", "x.yml", p)
    [err] = p.errors
    assert err.line == 2  # the line of the key, not the line after it where PyYAML gave up
    assert (
        err.message
        == "缺少冒号“:”（注意用英文半角冒号，冒号后加空格）；注意：冒号要用英文半角“:”，不要用中文全角“：”"
    )


def test_full_width_space_after_a_colon_gets_a_hint():
    p = Problems()
    parse_yaml("name:\u3000甲\nb: 1\n", "x.yml", p)
    [err] = p.errors
    assert err.line == 1
    assert err.message.endswith("；注意：冒号后面要打半角空格，不要用全角空格")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("team:\n  - name: 甲\n\u3000\u3000- name: 乙\n", 3),  # PyYAML: could not find expected ':'
        ("- 甲\n\u3000- 乙\n", 2),
        ("name: 甲\n\u3000\u3000\n", 2),  # a blank line typed with the IME
    ],
)
def test_full_width_space_indent_is_named(text, line):
    p = Problems()
    assert parse_yaml(text, "x.yml", p) is None
    [err] = p.errors
    assert (err.line, err.column, err.message) == (line, 1, FULL_WIDTH_INDENT)


def test_full_width_space_indent_that_yaml_accepts_is_still_named():
    """PyYAML reads “　　phone:” as a key named “　　phone” one level too high, without a word."""
    p = Problems()
    assert parse_yaml("team:\n  - name: 甲\n\u3000\u3000phone: '0531-88888888'\n", "x.yml", p) is None
    [err] = p.errors
    assert (err.line, err.column, err.message) == (3, 1, FULL_WIDTH_INDENT)
    assert err.english.startswith("this line is indented with the full-width space U+3000")


def test_full_width_spaces_inside_text_are_fine():
    p = Problems()
    doc = parse_yaml("intro: |\n  \u3000\u3000第一段\ntitle: \u3000标题\n", "x.yml", p)
    assert not p.items
    assert doc.data == {"intro": "\u3000\u3000第一段\n", "title": "\u3000标题"}


def test_full_width_id_suggests_the_half_width_one(tmp_path: Path):
    site = make_site(tmp_path)
    grids = site / "content/grids/donghu.yml"
    grids.write_text(
        grids.read_text(encoding="utf-8").replace("- id: ly-02", "- id: ｌｙ－０２", 1), encoding="utf-8"
    )
    with pytest.raises(ContentError) as info:
        pipeline.check(site / "site_config.yml", TODAY, Report())
    [err] = [e for e in info.value.problems.errors if e.field == "[1].id"]
    assert (err.path, err.line, err.column) == ("content/grids/donghu.yml", 27, 7)
    assert err.message == "编号“ｌｙ－０２”用了全角字符（中文输入法下打的字母、数字或符号），应写成“ly-02”"
    assert (
        err.english
        == "id 'ｌｙ－０２' has full-width characters (typed in Chinese input mode); write it as 'ly-02'"
    )


def test_aliases_are_refused():
    p = Problems()
    assert parse_yaml("a: &x [1, 2]\nb: *x\n", "x.yml", p) is None
    assert "别名" in p.errors[0].message


def test_impossible_date_stays_text_for_validation():
    p = Problems()
    doc = parse_yaml("until: 2026-02-30\n", "x.yml", p)
    assert doc.data == {"until": "2026-02-30"}


def test_bom_and_crlf_are_fine(tmp_path: Path):
    f = tmp_path / "a.yml"
    f.write_bytes("\ufeffname: 先锋\r\nslogan: 为人民服务\r\n".encode())
    p = Problems()
    assert read_text(f, "a.yml", p) == "name: 先锋\nslogan: 为人民服务\n"
    assert not p.items


def test_lone_cr_line_ends_are_fine(tmp_path: Path):
    text, p = read(tmp_path, "name: 先锋\rslogan: 为人民服务\r".encode())
    assert text == "name: 先锋\nslogan: 为人民服务\n" and not p.items


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_read_with_a_warning(tmp_path: Path, codec):
    """Windows Notepad's “Unicode” (and “Unicode big endian”)."""
    text, p = read(tmp_path, "\ufeffname: 先锋\r\nslogan: 为人民服务\r\n".encode(codec))
    assert text == "name: 先锋\nslogan: 为人民服务\n"
    assert not p.errors
    [w] = p.warnings
    assert (w.path, w.line) == ("a.yml", 1)
    assert w.message == (
        "文件是 UTF-16 编码（记事本里叫“Unicode”），已按 UTF-16 读取；"
        "请用记事本或 VS Code “另存为”，编码选 UTF-8，以免别的工具读错"
    )
    assert w.english == "the file is UTF-16 (Notepad's 'Unicode'); it was read as such, but save it as UTF-8"


def test_utf16_markdown_keeps_its_lines(tmp_path: Path):
    f = tmp_path / "s.md"
    f.write_bytes("\ufeff---\r\ntitle: 标题\r\ndate: 2026-13-01\r\n---\r\n\r\n正文\r\n".encode("utf-16-le"))
    p = Problems()
    doc = load_markdown_file(f, "s.md", p)
    assert doc.mark("date") == Mark(3, 7) and doc.body.strip() == "正文"
    assert [w.line for w in p.warnings] == [1] and not p.errors


def test_broken_utf16_is_an_error_not_garbled_text(tmp_path: Path):
    text, p = read(tmp_path, "\ufeffname: 先锋\n".encode("utf-16-le") + b"x")  # cut off mid-character
    assert text is None
    [err] = p.errors
    assert err.message.startswith("文件开头标着 UTF-16 编码（记事本里叫“Unicode”），内容却读不出来")


def test_gbk_file_is_reported_not_garbled(tmp_path: Path):
    text, p = read(tmp_path, "id: a\nname: 先锋社区\n".encode("gbk"))
    assert text is None
    [err] = p.errors
    assert (err.path, err.line) == ("a.yml", 2)  # the first byte that is not UTF-8
    assert (
        err.message
        == "文件不是 UTF-8 编码（可能是 GBK/ANSI；这一行按 GBK 读是“name: 先锋社区”）" + SAVE_AS_UTF8
    )
    assert (
        err.english
        == "the file is not UTF-8 (perhaps GBK/ANSI; as GBK this line reads 'name: 先锋社区'); save it again as UTF-8"
    )


def test_gbk_quote_is_short_and_starts_near_the_chinese(tmp_path: Path):
    line = "  description_of_the_grid: " + "兰苑社区第一网格党支部书记" * 3
    text, p = read(tmp_path, ("id: a\r\nb: 1\r\n" + line + "\r\n").encode("gbk"))
    [err] = p.errors
    assert err.line == 3
    assert "这一行按 GBK 读是“…grid: 兰苑社区第一网格党支部书记兰…”" in err.message


def test_gbk_after_a_utf8_bom_names_the_right_line(tmp_path: Path):
    text, p = read(tmp_path, b"\xef\xbb\xbf" + "a: 1\nb: 2\nname: 先锋\n".encode("gbk"))
    assert [(e.line, "“name: 先锋”" in e.message) for e in p.errors] == [(3, True)]


def test_bytes_neither_utf8_nor_gbk(tmp_path: Path):
    text, p = read(tmp_path, b"a: 1\nb: \xff\xfe\xff\n")
    [err] = p.errors
    assert (err.line, err.message) == (2, "文件不是 UTF-8 编码（可能是 GBK/ANSI）" + SAVE_AS_UTF8)


@pytest.mark.parametrize(
    ("raw", "message", "english"),
    [
        (b"a: 1\x00\x00\n", "这不是文本文件。", "this is not a text file; "),
        (
            b"PK\x03\x04\x14\x00\x06\x00",
            "这不是文本文件：看起来是 Word/Excel/WPS 文档（.docx、.xlsx）或压缩包，只是改了扩展名。",
            "this is not a text file (it looks like a Word/Excel document or a zip file renamed); ",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "这不是文本文件：看起来是 旧版 Word/Excel/WPS 文档（.doc、.xls、.wps），只是改了扩展名。",
            "this is not a text file (it looks like an old Word/Excel/WPS document renamed); ",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "这不是文本文件：看起来是 图片，只是改了扩展名。",
            "this is not a text file (it looks like an image renamed); ",
        ),
    ],
    ids=["nul-bytes", "docx", "doc-wps", "png"],
)
def test_binary_file_is_not_text(tmp_path: Path, raw, message, english):
    text, p = read(tmp_path, raw)
    assert text is None
    [err] = p.errors
    assert (err.line, err.message, err.english) == (
        1,
        message + NOT_TEXT,
        english + "paste its text into a new file saved as UTF-8",
    )


def test_control_character_names_line_and_column():
    p = Problems()
    assert parse_yaml("name: 甲\nslogan: 为人\x08民服务\n", "x.yml", p) is None
    [err] = p.errors
    assert (err.line, err.column) == (2, 11)
    assert (
        err.message == "这里有一个看不见的控制字符（U+0008），多半是从网页、Word 或微信复制带进来的：请删掉它"
    )


def test_front_matter_lines_are_file_lines(tmp_path: Path):
    f = tmp_path / "s.md"
    f.write_text("---\ntitle: 标题\ndate: 2026-13-01\n---\n\n正文第一行\n", encoding="utf-8")
    p = Problems()
    doc = load_markdown_file(f, "s.md", p)
    assert doc.mark("date") == Mark(3, 7)
    assert doc.body.strip() == "正文第一行"
    assert doc.body_line == 5


def test_markdown_without_front_matter_is_a_problem(tmp_path: Path):
    f = tmp_path / "s.md"
    f.write_text("# 只有正文\n", encoding="utf-8")
    p = Problems()
    assert load_markdown_file(f, "s.md", p) is None
    assert "front matter" in p.errors[0].message


def test_base_60_times_stay_text():
    p = Problems()
    doc = parse_yaml("hours: 9:00\ncount: 12\nratio: 1.5\ncode: 0531777\n", "x.yml", p)
    # 0531777 would be an octal number in YAML 1.1: a leading zero means a code, kept as written
    assert doc.data == {"hours": "9:00", "count": 12, "ratio": 1.5, "code": "0531777"}


def test_numbers_and_tags_yaml_cannot_read_stay_text():
    p = Problems()
    text = f"big: {'9' * 5000}\nhex: 0x{'f' * 4000}\nodd: !!int abc\nwhen: !!timestamp soon\n"
    doc = parse_yaml(text, "x.yml", p)
    assert not p.items
    assert doc.data == {"big": "9" * 5000, "hex": "0x" + "f" * 4000, "odd": "abc", "when": "soon"}


def test_unknown_tag_is_named():
    p = Problems()
    assert parse_yaml("a: !!python/object:os.system x\n", "x.yml", p) is None
    [err] = p.errors
    assert (err.line, err.column) == (1, 4)
    assert err.message == "不认识以 ! 开头的类型标记（如 !!python/object）：请删掉它，直接写内容"
