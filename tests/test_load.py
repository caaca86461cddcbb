"""Loading: YAML with line marks, front matter, encodings, and YAML traps."""

from pathlib import Path

from builder.load import load_markdown_file, parse_yaml, read_text
from builder.problems import Mark, Problems


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
    assert "全角" in err.message


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


def test_gbk_file_is_reported_not_garbled(tmp_path: Path):
    f = tmp_path / "a.yml"
    f.write_bytes("name: 先锋\n".encode("gbk"))
    p = Problems()
    assert read_text(f, "a.yml", p) is None
    assert "UTF-8" in p.errors[0].message


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
