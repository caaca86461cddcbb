"""`gridboard template|import wishes|members`: the 微心愿 and 报到党员 Excel ledgers on a small
site written here (conftest.make_site), read back as YAML and as workbooks."""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import make_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.cli import main
from builder.importers import ledger_members, ledger_wishes
from builder.importers.records_ledger import EXAMPLE_ID, Names

WISHES = """\
# 兰苑社区的微心愿（手写的说明，导入后要留着）
- id: w-ly-001
  wish: 一台助行器
  for: 王奶奶
  community: lanyuan
  grid: ly-01
  posted: 2026-09-03
  status: done
  claimed: {by: m-zhao-lei, date: 2026-09-05}  # 赵磊上门送的
  fulfilled: {date: 2026-09-12, thanks: 有了助行器，我自己能下楼了}
  note: 家属已同意

- id: w-ly-002
  wish: 冬天的棉被两床
  for: 李大爷
  community: lanyuan
  posted: 2026-11-10
  status: open
"""
UNITS = """\
- id: u-hospital
  name: 东湖医院党支部
  community: lanyuan
  reported: 2026-03-06
"""
MEMBERS = """\
# 兰苑社区报到党员
- id: m-zhao-lei
  name: 赵磊
  unit: u-hospital
  community: lanyuan
  grid: ly-01
  reported: 2026-03-10
  phone: "13905310001"
  consent: {scope: [phone], date: 2026-03-10, recorded_by: 兰苑社区党委}
  commitment: 每月参加一次网格巡查

- id: m-sun-yan
  name: 孙燕
  employer: 东湖小学
  community: lanyuan
  reported: 2026-05-20
"""
FILES = {
    "content/wishes/lanyuan.yml": WISHES,
    "content/units/units.yml": UNITS,
    "content/members/lanyuan.yml": MEMBERS,
}
WISH_HEAD = ["编号", "社区", "网格", "心愿", "为谁（称呼）", "发布日期", "情况说明", "状态", "认领人", "认领日期", "实现日期", "感谢的话", "关闭日期", "关闭原因", "草稿", "内部备注（不发布）"]  # fmt: skip
MEMBER_HEAD = ["编号", "姓名", "报到单位", "工作单位", "社区", "网格", "报到日期", "电话", "同意公开电话", "同意公开照片", "同意书日期", "承诺"]  # fmt: skip


@pytest.fixture
def site(tmp_path) -> Path:
    return make_site(tmp_path, FILES)


def run(site: Path, *args: str) -> int:
    return main(
        [
            *args,
            "--config",
            str(site / "site_config.yml"),
            *(["--today", "2026-12-07"] if args[0] == "import" else []),
        ]
    )


def digest(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((site / "content").rglob("*.yml"))
    }


def records(site: Path, kind: str) -> dict[str, dict]:
    out = {}
    for path in sorted((site / "content" / kind).glob("*.yml")):
        for r in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            out[r["id"]] = r
    return out


def sheet(path: Path, head: list[str], rows: list[list], title: str = "台账") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title
    ws.append(head)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def template(site: Path, kind: str, out: Path, *flags: str) -> openpyxl.Workbook:
    assert run(site, "template", kind, str(out), *flags) == 0
    return openpyxl.load_workbook(out)


@pytest.mark.parametrize("kind, head", [("wishes", WISH_HEAD), ("members", MEMBER_HEAD)])
def test_filled_and_blank_templates_import_back_unchanged(site, tmp_path, capsys, kind, head):
    before = digest(site)
    filled = template(site, kind, tmp_path / "filled.xlsx", "--filled")
    ws = filled.worksheets[0]
    assert [c.value for c in ws[1]] == head
    assert ws.max_row >= 3 and ws["A2"].value and ws["A3"].value
    blank = template(site, kind, tmp_path / "blank.xlsx")
    assert blank.worksheets[0]["A2"].font.i and blank.worksheets[0]["A3"].value is None  # grey example
    capsys.readouterr()
    for book in ("filled.xlsx", "blank.xlsx"):
        assert run(site, "import", kind, str(tmp_path / book)) == 0, capsys.readouterr().err
        assert "新增 0，更新 0" in capsys.readouterr().out
    assert digest(site) == before


def test_template_columns_have_dropdowns_and_rows_read_as_the_site_has_them(site, tmp_path):
    ws = template(site, "wishes", tmp_path / "w.xlsx", "--filled")["微心愿"]
    lists = ws.parent["选项"]
    assert lists.sheet_state == "hidden"
    values = {c.value for row in lists.iter_rows() for c in row if c.value}
    assert {"兰苑社区", "竹园社区", "松林村", "待认领", "已认领", "已实现", "已关闭", "是", "否"} <= values
    checked = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert set(checked) >= {"B2", "H2", "O2"}  # community, status, draft
    assert ["w-ly-001", "兰苑社区", "兰苑社区第1网格", "一台助行器", "王奶奶", "2026-09-03"] == [
        c.value for c in ws[2][:6]
    ]
    assert [ws["H2"].value, ws["I2"].value, ws["P2"].value] == ["已实现", "赵磊", "家属已同意"]
    ms = template(site, "members", tmp_path / "m.xlsx", "--filled")["报到党员"]
    assert [c.value for c in ms[2]][:11] == ["m-zhao-lei", "赵磊", "东湖医院党支部", None, "兰苑社区", "兰苑社区第1网格", "2026-03-10", "13905310001", "是", "否", "2026-03-10"]  # fmt: skip


def test_an_edited_sheet_changes_what_it_edits_and_keeps_comments(site, tmp_path, capsys):
    book = tmp_path / "w.xlsx"
    ws_book = template(site, "wishes", book, "--filled")
    ws = ws_book["微心愿"]
    ws["H3"], ws["I3"] = "已认领", "孙燕"  # w-ly-002 claimed, by name, on a date Excel typed as one
    ws["J3"] = dt.datetime(2026, 11, 12)
    ws["A4"], ws["B4"], ws["C4"], ws["D4"] = None, "兰苑", "第2网格（学校）", "一个新书包"
    ws["E4"], ws["F4"], ws["H4"] = "小同学", "2026/12/1", "待认领"
    ws_book.save(book)
    capsys.readouterr()
    assert run(site, "import", "wishes", str(book)) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "新增 1，更新 1，不变 1" in out
    wishes = records(site, "wishes")
    assert wishes["w-ly-002"]["claimed"] == {
        "by": "m-sun-yan",
        "date": __import__("datetime").date(2026, 11, 12),
    }
    new = wishes["w-ly-003"]  # generated: the community's initials and the next number
    assert (new["community"], new["grid"], new["for"], str(new["posted"])) == (
        "lanyuan",
        "ly-02",
        "小同学",
        "2026-12-01",
    )
    text = (site / "content/wishes/lanyuan.yml").read_text(encoding="utf-8")
    assert text.startswith("# 兰苑社区的微心愿（手写的说明，导入后要留着）\n")
    assert "claimed: {by: m-zhao-lei, date: 2026-09-05}  # 赵磊上门送的" in text
    assert "  status: claimed\n  claimed: {by: m-sun-yan, date: 2026-11-12}\n\n- id: w-ly-003" in text
    # the same sheet again, the new row still without an id: found by what it says, nothing changes
    snapshot = digest(site)
    assert run(site, "import", "wishes", str(book)) == 0
    assert "新增 0，更新 0，不变 3" in capsys.readouterr().out
    assert digest(site) == snapshot


def test_every_error_is_said_at_its_cell_and_nothing_is_written(site, tmp_path, capsys):
    before = digest(site)
    rows = [
        ["w-ly-001", "兰苑社区", "兰苑社区第1网格", "一台助行器", "王奶奶", "2026-09-03", None, "完成了"],
        [None, "东湖社区", None, "一把椅子", "王奶奶", "2026-12-01", None, "待认领"],
        [None, "兰苑社区", None, "一把伞", "张三丰", "2026-12-01", None, "待认领"],
        [None, "兰苑社区", None, "一双鞋", "刘阿姨", "2026-13-45", None, "待认领"],
        ["w-ly-002", "兰苑社区", None, "冬天的棉被两床", "李大爷", "2026-11-10", None, "已实现"],
        [
            None,
            "兰苑社区",
            "第9网格",
            "一盏灯",
            "周大爷",
            "2026-12-01",
            None,
            "已认领",
            "m-nobody",
            "2026-12-02",
        ],
    ]
    book = sheet(tmp_path / "坏.xlsx", WISH_HEAD, rows)
    capsys.readouterr()
    assert run(site, "import", "wishes", str(book)) == 1
    err = capsys.readouterr().err
    at = {line.split(": 错误")[0] for line in err.splitlines() if ": 错误" in line}
    assert {
        "坏.xlsx:台账!H2",  # status word
        "坏.xlsx:台账!B3",  # unknown community name
        "坏.xlsx:台账!E4",  # a full name where an alias goes
        "坏.xlsx:台账!F5",  # not a date
        "坏.xlsx:台账!H6",  # 已实现 needs a date fulfilled (found by gridboard check)
        "坏.xlsx:台账!C7",  # no such grid in the community
    } <= at
    assert "状态“完成了”不对，应为 待认领、已认领、已实现 或 已关闭" in err
    assert "社区“东湖社区”不在 content/org.yml 里" in err
    assert "“张三丰”像是全名" in err
    assert "发布日期“2026-13-45”不是日期" in err
    assert "没有写入任何文件" in err and "nothing was written" in err
    assert digest(site) == before


def test_a_header_with_a_column_twice_is_refused_even_with_partial(site, tmp_path, capsys):
    book = sheet(
        tmp_path / "w.xlsx",
        [*WISH_HEAD, "备注"],
        [[None, "兰苑社区", None, "一把伞", "王奶奶", "2026-12-01"]],
    )
    before = digest(site)
    assert run(site, "import", "wishes", str(book), "--partial") == 1
    assert (
        "w.xlsx:台账!Q1: 错误 error [备注]: “备注”与 w.xlsx:台账!P1 是同一项，请删去一列"
        in capsys.readouterr().err
    )
    assert digest(site) == before


def test_partial_writes_the_right_rows_and_lists_the_rest(site, tmp_path, capsys):
    rows = [
        [None, "兰苑社区", None, "一把椅子", "王奶奶", "2026-12-01", None, "待认领"],
        [None, "兰苑社区", None, "一把伞", "张三丰", "2026-12-01", None, "待认领"],
        ["w-ly-002", "兰苑社区", None, "冬天的棉被两床", "李大爷", "2026-11-10", None, "已实现"],
    ]
    book = sheet(tmp_path / "w.csv.xlsx", WISH_HEAD, rows)
    capsys.readouterr()
    assert run(site, "import", "wishes", str(book), "--partial") == 0
    out, err = capsys.readouterr()
    assert "新增 1，更新 0，不变 0，跳过 2" in out
    assert "台账!3行" in err and "台账!4行" in err
    wishes = records(site, "wishes")
    assert wishes["w-ly-003"]["wish"] == "一把椅子" and wishes["w-ly-002"]["status"] == "open"


def test_members_consent_unit_and_csv(site, tmp_path, capsys):
    csv = tmp_path / "党员.csv"
    lines = [
        ",".join(MEMBER_HEAD),
        "m-zhao-lei,赵磊,东湖医院党支部,,兰苑社区,兰苑社区第1网格,2026-03-10,13905310001,是,是,2026-03-10,每月参加一次网格巡查",
        "m-sun-yan,孙燕,,东湖小学,兰苑社区,,2026-05-20,,,,,",
        ",李新民,东湖医院党支部,,兰苑社区,第2网格（学校）,2026-12-02,138 0000 1111,否,否,,周末值守",
    ]
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run(site, "import", "members", str(csv)) == 0, capsys.readouterr().err
    members = records(site, "members")
    assert members["m-zhao-lei"]["consent"]["scope"] == ["phone", "photo"]
    assert members["m-zhao-lei"]["consent"]["recorded_by"] == "兰苑社区党委"  # no column: kept
    new = members["m-li-xinmin"]
    assert (new["unit"], new["grid"], new["phone"], "consent" in new) == (
        "u-hospital",
        "ly-02",
        "13800001111",
        False,
    )
    text = (site / "content/members/lanyuan.yml").read_text(encoding="utf-8")
    assert "consent: {scope: [phone, photo], date: 2026-03-10, recorded_by: 兰苑社区党委}" in text
    lines[1] = lines[1].replace("东湖医院党支部", "西湖医院")
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert run(site, "import", "members", str(csv)) == 1
    assert (
        "党员.csv:C2: 错误 error [报到单位]: 报到单位“西湖医院”不在 content/units/ 里"
        in capsys.readouterr().err
    )


PAYLOADS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x","y")', "+1+1", "@SUM(A1)"]


def test_formula_text_is_written_as_text_and_reads_back_unchanged(tmp_path, capsys):
    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    files = dict(FILES)
    files["content/wishes/lanyuan.yml"] = WISHES.replace(
        "有了助行器，我自己能下楼了", q(PAYLOADS[1])
    ).replace("note: 家属已同意", f"note: {q(PAYLOADS[0])}")
    files["content/members/lanyuan.yml"] = MEMBERS.replace("每月参加一次网格巡查", q(PAYLOADS[2])).replace(
        "employer: 东湖小学", f"employer: {q(PAYLOADS[3])}"
    )
    site = make_site(tmp_path, files)
    before = digest(site)
    for kind in ("wishes", "members"):
        out = tmp_path / f"{kind}.xlsx"
        book = template(site, kind, out, "--filled")
        with zipfile.ZipFile(out) as archive:
            assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in archive.namelist())
        cells = [c for row in book.worksheets[0].iter_rows() for c in row if c.value in PAYLOADS]
        assert len(cells) == 2 and all(c.data_type == "s" and c.quotePrefix for c in cells)
        capsys.readouterr()
        assert run(site, "import", kind, str(out)) == 0, capsys.readouterr().err
    assert digest(site) == before


def test_new_ids_are_readable_and_follow_the_community_s_own(site):
    names = Names(site)
    taken = {"w-lyx-007": "lanyuan", "w-lyx-002": "lanyuan", "w-zy-001": "zhuyuan"}
    assert ledger_wishes.SPEC.new_id({"community": "lanyuan"}, taken, names) == "w-lyx-008"
    assert ledger_wishes.SPEC.new_id({"community": "songlin"}, taken, names) == "w-sl-001"
    members = {"m-zhao-lei": "lanyuan"}
    assert ledger_members.SPEC.new_id({"name": "赵磊"}, members, names) == "m-zhao-lei-2"
    assert ledger_members.SPEC.new_id({"name": "李新民"}, members, names) == "m-li-xinmin"


CELL = st.one_of(
    st.none(),
    st.integers(-10, 10**16),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30),
    st.sampled_from(
        ["w-ly-001", "m-zhao-lei", "兰苑社区", "已认领", "赵磊", "是", "2026-12-01", "王奶奶", "=A1"]
    ),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["wishes", "members"]), rows=st.lists(st.lists(CELL, max_size=16), max_size=4))
def test_any_ledger_gives_changes_or_cell_errors_never_a_crash(site, tmp_path, capsys, kind, rows):
    """Whatever is typed into a ledger: exit 0 or 1 with messages, never an internal error."""
    book = tmp_path / "fuzz.xlsx"
    book.unlink(missing_ok=True)
    sheet(book, WISH_HEAD if kind == "wishes" else MEMBER_HEAD, rows)
    code = run(site, "import", kind, str(book), "--dry-run")
    err = capsys.readouterr().err
    assert code in (0, 1), err
    assert "内部错误" not in err and "Traceback" not in err


@pytest.mark.parametrize("kind", ["wishes", "members"])
def test_a_blank_template_s_made_up_example_row_is_never_imported(tmp_path, capsys, kind):
    """On a site with none of the kind yet, the blank template's grey row is made up (一台助行器 for
    王奶奶): its id cell says it is skipped, and the import skips it, alone or beside real rows."""
    bare = make_site(tmp_path / "bare")  # the minimal site: no wishes, no members
    book = template(bare, kind, tmp_path / "t.xlsx")
    ws = book.worksheets[0]
    assert ws.cell(2, 1).value == EXAMPLE_ID
    before = digest(bare)
    assert run(bare, "import", kind, str(tmp_path / "t.xlsx")) == 1  # nothing but the example
    assert digest(bare) == before
    assert "没有任何" in capsys.readouterr().err
