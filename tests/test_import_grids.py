"""`gridboard import grids` and `gridboard template grids` on real .xlsx and .csv files made here,
imported into a copy of the example district; results are read back by parsing the YAML."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import ROOT, TODAY

from builder import pipeline
from builder.cli import main
from builder.report import Report

HEADERS = [
    " 街道 ",
    "社区（村）",
    "网格 名称",
    "网格类型",
    "户数（户）",
    "楼栋",
    "网格长",
    "联系电话",
    "网格员",
    "党支部",
]


@pytest.fixture
def site(tmp_path) -> Path:
    """A copy of the example district's content and config (its media too: photos are checked)."""
    root = tmp_path / "district"
    root.mkdir()
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copy(ROOT / "site_config.yml", root / "site_config.yml")
    return root


def digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((root / "content").rglob("*.yml"))
    }


def grids(root: Path) -> dict[str, dict]:
    out = {}
    for path in (root / "content" / "grids").glob("*.yml"):
        for g in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            out[g["id"]] = g
    return out


def run(root: Path, *args: str) -> int:
    return main([*args, "--config", str(root / "site_config.yml")])


def ledger(
    path: Path, rows: list[list], headers=HEADERS, title: str | None = "华山街道网格台账（2026年）"
) -> Path:
    """An .xlsx the way offices make them: a merged title row, then the header, then the rows."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "网格台账"
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws.append(headers)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


ROW_HSH01 = ["华山街道", "华山湖社区", "华山湖社区第一网格", "基础网格", 488, "A区1号楼、A区2号楼、A区3号楼、A区4号楼、A区5号楼、A区6号楼、A区7号楼、A区8号楼", "武新华", 13800001806, "仲美华", "华山湖社区第一网格党支部"]  # fmt: skip


def test_edited_sheet_changes_only_what_changed(site, tmp_path, capsys):
    rows = [
        [*ROW_HSH01[:4], "490户", *ROW_HSH01[5:]],  # households edited, written with its unit
        [
            "华山街道",
            "华山湖社区",
            "华山湖社区第五网格",
            "专属网格",
            None,
            "北门商铺",
            "万淑琴",
            "13800001834",
            "巩丽萍",
            None,
        ],
        [
            "华山街道",
            "新湖社区",
            "新湖社区第一网格",
            "基础网格",
            120,
            "1号楼",
            "张建国",
            "13800009901",
            "李秀英",
            None,
        ],
    ]
    book = ledger(tmp_path / "台账.xlsx", rows)
    ws = openpyxl.load_workbook(book)
    before = (site / "content/grids/huashan.yml").read_text(encoding="utf-8")

    assert run(site, "import", "grids", str(book)) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    g = grids(site)
    assert g["hsh-01"]["households"] == 490
    assert "户数 488 → 490" in out
    assert "表中 3 个网格：新增 2，更新 1，不变 0" in out
    # everything the sheet does not speak for is kept: consent, photo, other roles, services
    leader = g["hsh-01"]["team"][0]
    assert leader["consent"]["scope"] == ["phone", "photo"] and leader["photo"].endswith("p09.svg")
    assert [m["role"] for m in g["hsh-01"]["team"]].count("volunteer") == 1
    assert g["hsh-01"]["services"][0] == "gaoling-jintie"
    # comments are kept, and the only lines that differ are the edited one
    after = (site / "content/grids/huashan.yml").read_text(encoding="utf-8")
    assert "# 户数，只写数字" in after and after.startswith("# yaml-language-server")
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert changed[0].startswith("  households: 490") and all("hsh-05" not in c for c in changed[:1])
    # a new grid of an existing community goes next to its neighbours, with the next free id
    new = g["hsh-05"]
    assert new["community"] == "huashanhu" and new["kind"] == "dedicated"
    assert [(m["role"], m["name"], m.get("phone")) for m in new["team"]] == [
        ("grid_leader", "万淑琴", "13800001834"),
        ("grid_worker", "巩丽萍", None),
    ]
    assert "consent" not in new["team"][0]  # consent is never copied from another grid's record
    # a new community is added to org.yml under its street, with a pinyin id
    org = yaml.safe_load((site / "content/org.yml").read_text(encoding="utf-8"))
    huashan = next(s for s in org["streets"] if s["id"] == "huashan")
    assert {"id": "xinhu", "name": "新湖社区", "kind": "community"} in huashan["communities"]
    assert g["xh-01"]["community"] == "xinhu" and g["xh-01"]["buildings"] == ["1号楼"]
    assert "# 组织架构" in (site / "content/org.yml").read_text(encoding="utf-8")
    # the site still passes its own check
    pipeline.check(site / "site_config.yml", TODAY, Report())
    # importing the same sheet again changes nothing, byte for byte
    snapshot = digest(site)
    assert run(site, "import", "grids", str(book)) == 0
    assert "没有变化" in capsys.readouterr().out
    assert digest(site) == snapshot
    assert ws  # the workbook itself is a real .xlsx openpyxl reads back


def test_every_error_is_reported_by_cell_and_nothing_is_written(site, tmp_path, capsys):
    rows = [
        [*ROW_HSH01[:3], "普通网格", "约四百户", *ROW_HSH01[5:7], "1380000123", *ROW_HSH01[8:]],
        ["华山街道", "不存在社区", "某网格", "基础网格", 10, None, "张三", None, "李四", None],
    ]
    book = ledger(tmp_path / "bad.xlsx", rows)
    snapshot = digest(site)
    assert run(site, "import", "grids", str(book)) == 1
    err = capsys.readouterr().err
    assert "bad.xlsx:网格台账!D3" in err and "基础网格" in err  # the kind, with what is right
    assert "bad.xlsx:网格台账!E3" in err and "整数" in err  # households
    assert "bad.xlsx:网格台账!H3" in err and "电话" in err  # the phone after 网格长
    assert "共 3 处错误" in err and "nothing was written" in err
    assert "Traceback" not in err
    assert digest(site) == snapshot
    # the unknown community of a known street is created, not an error
    assert "不存在社区" not in err


def test_partial_imports_the_valid_grids_and_lists_the_rest(site, tmp_path, capsys):
    rows = [
        [*ROW_HSH01[:4], 500, *ROW_HSH01[5:]],
        [
            "华山街道",
            "华山湖社区",
            "华山湖社区第二网格",
            "基础网格",
            "很多",
            None,
            "万淑琴",
            None,
            "亓新峰",
            None,
        ],
    ]
    book = ledger(tmp_path / "p.xlsx", rows)
    assert run(site, "import", "grids", str(book)) == 1
    assert grids(site)["hsh-01"]["households"] == 488
    assert run(site, "import", "grids", str(book), "--partial") == 0
    captured = capsys.readouterr()
    assert grids(site)["hsh-01"]["households"] == 500
    assert grids(site)["hsh-02"]["households"] == 472
    assert "p.xlsx:网格台账!E4" in captured.err and "skipped" in captured.err


def test_team_roster_one_row_per_member_from_gbk_csv(site, tmp_path, capsys):
    """A roster (姓名/角色/电话 per row, grid name only on its first row) saved by Excel as GBK CSV;
    it speaks for the roles it lists: a replaced building leader goes, with their record."""
    text = "\n".join(
        [
            "序号,社区,网格名称,姓名,角色,电话,政治面貌,分工,身份证号",
            "1,华山湖社区,华山湖社区第一网格,王梓轩,楼长,13800001827,中共党员,A 区 3 号楼楼长,370112199001011234",
            "2,,,刘德胜,楼长,,群众,A 区 5 号楼楼长,",
            "3,,,黄淑华,志愿者,,否,“银龄互助”助老志愿者,",
        ]
    )
    path = tmp_path / "队伍.csv"
    path.write_bytes(text.encode("gb18030"))
    assert run(site, "import", "grids", str(path)) == 0, capsys.readouterr().err
    captured = capsys.readouterr()
    team = grids(site)["hsh-01"]["team"]
    names = [(m["role"], m["name"]) for m in team]
    assert ("building_leader", "刘德胜") in names and ("building_leader", "王梓轩") in names
    assert team[[n for _, n in names].index("刘德胜")]["party_member"] is False
    assert names[:3] == [("grid_leader", "武新华"), ("grid_worker", "仲美华"), ("party_instructor", "容锦华")]
    assert "身份证号" in captured.err and "370112199001011234" not in (
        site / "content/grids/huashan.yml"
    ).read_text(encoding="utf-8")
    assert "+刘德胜" in captured.out
    # the roster drops a building leader it no longer lists
    lines = text.splitlines()
    lines = [lines[0], lines[2].replace("2,,,", "2,华山湖社区,华山湖社区第一网格,"), lines[3]]
    path.write_bytes("\n".join(lines).encode("gb18030"))
    assert run(site, "import", "grids", str(path)) == 0
    names = [(m["role"], m["name"]) for m in grids(site)["hsh-01"]["team"]]
    assert ("building_leader", "王梓轩") not in names and ("building_leader", "刘德胜") in names
    assert "−王梓轩" in capsys.readouterr().out


def test_mapping_file_names_unusual_headers(site, tmp_path, capsys):
    headers = ["社区", "网格", "负责人", "负责人手机", "片区", "住户总数"]
    book = ledger(
        tmp_path / "m.xlsx",
        [["华山湖社区", "华山湖社区第三网格", "武新华", "13800001806", "东片", 420]],
        headers,
        None,
    )
    mapping = tmp_path / "对照.yml"
    mapping.write_text(
        "columns:\n  负责人: 网格长\n  负责人手机: 网格长电话\n  片区: 忽略\n  住户总数: 户数\n",
        encoding="utf-8",
    )
    assert run(site, "import", "grids", str(book)) == 0  # without it: unknown columns are warned about
    assert "不认识的列名“负责人”" in capsys.readouterr().err
    assert run(site, "import", "grids", str(book), "--mapping", str(mapping)) == 0
    assert grids(site)["hsh-03"]["households"] == 420
    assert "不认识" not in capsys.readouterr().err


def test_import_that_would_break_the_site_writes_nothing(site, tmp_path, capsys):
    """The importer checks the site as it would be with `gridboard check`'s rules: a well-formed grid
    code that does not start with its community's code passes the sheet but not the check."""
    headers = ["社区", "网格名称", "网格代码"]
    book = ledger(
        tmp_path / "c.xlsx", [["华山湖社区", "华山湖社区第一网格", "370112999999001"]], headers, None
    )
    snapshot = digest(site)
    assert run(site, "import", "grids", str(book)) == 1
    err = capsys.readouterr().err
    assert "content/grids/huashan.yml" in err and "nothing was written" in err
    assert digest(site) == snapshot


def test_template_has_headers_dropdowns_and_imports_unchanged(site, tmp_path, capsys):
    out = tmp_path / "模板.xlsx"
    assert run(site, "template", "grids", "--out", str(out)) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["网格", "队伍", "选项", "说明"] and book["选项"].sheet_state == "hidden"
    ws = book["网格"]
    headers = [c.value for c in ws[1]]
    assert headers[:5] == ["街道", "社区", "网格名称", "网格代码", "网格类型"]
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    kind_col = openpyxl.utils.get_column_letter(headers.index("网格类型") + 1)
    kinds = [c.value for c in book["选项"]["A"] if c.value]
    assert "选项" in lists[f"{kind_col}2"] and kinds == ["基础网格", "专属网格"]
    roles = [c.value for c in book["选项"]["B"] if c.value]
    config = yaml.safe_load((site / "site_config.yml").read_text(encoding="utf-8"))
    assert set(roles) <= set(config["roles"].values()) and "楼长" in roles
    team = book["队伍"]
    assert any("选项" in dv.formula1 and "$B$" in dv.formula1 for dv in team.data_validations.dataValidation)
    assert ws["C2"].value == "华山湖社区第一网格" and ws["K2"].number_format == "@"
    # the untouched template imports cleanly and changes nothing
    snapshot = digest(site)
    assert run(site, "import", "grids", str(out)) == 0
    assert digest(site) == snapshot
    # it never overwrites a file
    assert run(site, "template", "grids", "--out", str(out)) == 1


def test_unreadable_files_get_a_clear_message(site, tmp_path, capsys):
    fake = tmp_path / "台账.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    old = tmp_path / "台账.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    for path, words in ((fake, "打不开"), (old, "另存为")):
        assert run(site, "import", "grids", str(path)) == 1
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err
    headerless = ledger(tmp_path / "h.xlsx", [["a", "b"]], ["甲", "乙"], None)
    assert run(site, "import", "grids", str(headerless)) == 1
    assert "h.xlsx:网格台账!1行" in capsys.readouterr().err


def test_filled_template_round_trips_every_grid(site, tmp_path, capsys):
    """`template grids --filled` writes the whole site; edited in Excel, it imports back as an edit."""
    out = tmp_path / "全部网格.xlsx"
    assert run(site, "template", "grids", "--filled", "--out", str(out)) == 0
    book = openpyxl.load_workbook(out)
    names = [c.value for c in book["网格"]["C"][1:] if c.value]
    assert len(names) == len(grids(site)) and "华山湖社区第三网格" in names
    snapshot = digest(site)
    assert run(site, "import", "grids", str(out)) == 0
    assert digest(site) == snapshot
    row = names.index("裕华社区第一网格") + 2 if "裕华社区第一网格" in names else 3
    before = book["网格"].cell(row, 8).value
    book["网格"].cell(row, 8).value = (before or 0) + 7
    book.save(out)
    assert run(site, "import", "grids", str(out)) == 0
    output = capsys.readouterr().out
    assert output.count("更新网格 updated") == 1 and f"户数 {before} → {(before or 0) + 7}" in output


def test_partial_adds_no_community_for_a_skipped_grid(site, tmp_path, capsys):
    org_before = (site / "content/org.yml").read_bytes()
    rows = [
        ["新城街道", "新城社区", "新城社区第一网格", "普通网格", 10, None, "张三", None, "李四", None],
        [*ROW_HSH01[:4], 499, *ROW_HSH01[5:]],
    ]
    assert run(site, "import", "grids", str(ledger(tmp_path / "n.xlsx", rows)), "--partial") == 0
    assert grids(site)["hsh-01"]["households"] == 499
    assert (site / "content/org.yml").read_bytes() == org_before  # neither street nor community added
    assert "新城" not in capsys.readouterr().out


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

CELL = st.one_of(
    st.none(),
    st.integers(-10, 10**16),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30),
    st.sampled_from(
        ["基础网格", "专属", "13800001806", "华山湖社区", "华山街道", "是", "网格长", "、", "（）"]
    ),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELL, min_size=10, max_size=10), min_size=1, max_size=4))
def test_any_ledger_gives_changes_or_cell_errors_never_a_crash(site, tmp_path, capsys, rows):
    """Whatever is typed into a ledger: exit 0 or 1 with messages, never an internal error."""
    book = tmp_path / "fuzz.xlsx"
    book.unlink(missing_ok=True)
    ledger(book, [[*ROW_HSH01[:3], *r[3:]] if i % 2 else r for i, r in enumerate(rows)])
    code = run(site, "import", "grids", str(book), "--dry-run")
    err = capsys.readouterr().err
    assert code in (0, 1), err
    assert "内部错误" not in err and "Traceback" not in err


def test_short_grid_names_and_notes_in_name_cells(site, tmp_path, capsys):
    """Ledgers kept by one community write “第一网格” and “武新华（社区书记）”: the same grid and person."""
    headers = ["社区", "网格", "户数", "网格长", "专职网格员"]
    rows = [["华山湖社区", "第一网格", 489, "武新华（社区书记）", "仲美华 13800001813"]]
    assert run(site, "import", "grids", str(ledger(tmp_path / "s.xlsx", rows, headers, None))) == 0
    g = grids(site)["hsh-01"]
    assert g["name"] == "华山湖社区第一网格" and g["households"] == 489
    leader = next(m for m in g["team"] if m["role"] == "grid_leader")
    # the note is not written over the duty the file has; a new person gets it as their duty
    assert leader["name"] == "武新华" and leader["duty"] == "社区党委书记兼任网格长" and "consent" in leader
    assert "new grid" not in capsys.readouterr().out
    rows = [["华山湖社区", "第一网格", 489, "武新华", "赵新（负责 A 区 1—4 号楼） 13800001999"]]
    assert run(site, "import", "grids", str(ledger(tmp_path / "s2.xlsx", rows, headers, None))) == 0
    worker = next(m for m in grids(site)["hsh-01"]["team"] if m["role"] == "grid_worker")
    assert (worker["name"], worker["duty"], worker["phone"]) == ("赵新", "负责 A 区 1—4 号楼", "13800001999")
    assert "consent" not in worker and "photo" not in worker


def test_two_row_header_and_total_row(site, tmp_path, capsys):
    """A header over two rows (网格长 merged over 姓名 | 电话) and a 合计 row under the table."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "台账"
    ws.append(["社区", "网格名称", "户数", "网格长", None, "专职网格员", None])
    ws.append([None, None, None, "姓名", "电话", "姓名", "联系电话"])
    for col in ("A", "B", "C"):
        ws.merge_cells(f"{col}1:{col}2")
    ws.merge_cells("D1:E1")
    ws.merge_cells("F1:G1")
    ws.append(["华山湖社区", "华山湖社区第二网格", 473, "万淑琴", "13800001834", "亓新峰", "13800001841"])
    ws.append(["合计", None, 473, None, None, None, None])
    book.save(tmp_path / "two.xlsx")
    assert run(site, "import", "grids", str(tmp_path / "two.xlsx")) == 0, capsys.readouterr().err
    out = capsys.readouterr()
    g = grids(site)["hsh-02"]
    assert g["households"] == 473
    assert [(m["role"], m["name"]) for m in g["team"][:2]] == [
        ("grid_leader", "万淑琴"),
        ("grid_worker", "亓新峰"),
    ]
    assert out.out.count("更新网格") == 1 and "不认识" not in out.err


def test_excel_unicode_text_is_read(site, tmp_path, capsys):
    """Excel's “Unicode text” (UTF-16 with a BOM, tab-separated); a renamed workbook is refused."""
    path = tmp_path / "台账.txt"
    path.write_bytes("社区\t网格名称\t户数\n华山湖社区\t华山湖社区第三网格\t416\n".encode("utf-16"))
    assert run(site, "import", "grids", str(path)) == 0, capsys.readouterr().err
    assert grids(site)["hsh-03"]["households"] == 416
    fake = tmp_path / "x.csv"
    fake.write_bytes(b"PK\x03\x04\x00\x00binary")
    assert run(site, "import", "grids", str(fake)) == 1
    assert "CSV UTF-8" in capsys.readouterr().err


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("138 0000 1806", "13800001806"),
        ("138-0000-1806", "13800001806"),
        ("0531 88001201", "0531-88001201"),
        ("0531—88001201转302", "0531-88001201-302"),
        ("12345", "12345"),  # the citizens' hotline
        ("400-123-4567", "400-123-4567"),
    ],
)
def test_phones_as_typed_in_excel(typed, stored):
    from builder.importers.ledger_values import phone

    assert phone(typed) == stored
