"""Attacks through spreadsheets: formulas planted in content and written back by `template grids`
(issue 14 item 4), and small hostile workbooks that claim huge sheets (item 5). Each runs the real
command; workbooks are read back as XML and with openpyxl, sites by their YAML."""

from __future__ import annotations

import hashlib
import io
import re
import resource
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import ROOT, make_site

from builder.cli import main
from builder.importers import ledger_extent, ledger_read

PAYLOADS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x","y")', "+1+1", "@SUM(A1)", "-2+3"]
CMD, LINK, PLUS, AT, MINUS = PAYLOADS


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def plant(site: Path, swaps: dict[str, dict[str, str]]) -> None:
    """Replace exact text in the site's files: {relative path: {old: new}}; every old must be there."""
    for rel, pairs in swaps.items():
        path = site / rel
        text = path.read_text(encoding="utf-8")
        for old, new in pairs.items():
            assert old in text, old
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")


def digest(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((site / "content").rglob("*.yml"))
    }


def run(site: Path, *args: str) -> int:
    return main([*args, "--config", str(site / "site_config.yml")])


def formulas(book: Path) -> list[str]:
    """Every formula element in any XML part of the workbook, as `part: text`."""
    found = []
    with zipfile.ZipFile(book) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                for elem in ET.fromstring(archive.read(name)).iter():
                    if elem.tag.rsplit("}", 1)[-1] == "f":
                        found.append(f"{name}: {elem.text}")
    return found


def text_cells(book: Path) -> dict[str, tuple[str, bool]]:
    """Every string cell of the workbook as `Sheet!A1` → (text, quotePrefix)."""
    wb = openpyxl.load_workbook(book)
    return {
        f"{ws.title}!{c.coordinate}": (c.value, c.quotePrefix)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "s" and c.value is not None
    }


# ---- item 4: what Gridboard writes from content is text, never a formula ------------------------------

ALL_FIELDS = {
    "content/grids/donghu.yml": {
        "name: 兰苑社区第1网格\n": f"name: {q(CMD)}\n",
        "covers: 兰苑小区1—4号楼": f"covers: {q(LINK)}",
        "buildings: [兰苑1号楼, 兰苑2号楼]": f"buildings: [{q(MINUS)}, 兰苑2号楼]",
        "name: 周海燕\n": f"name: {q(PLUS)}\n",  # the grid leader, a column of the grid row
        "name: 孙明": f"name: {q(AT)}",  # a member in the team sheet
        "covers: 东湖小学": f"covers: {q(MINUS)}\n  notes: {q('#N/A')}",
        "name: 兰苑社区第一网格党支部": f"name: {q(LINK)}",
    },
    "content/org.yml": {"name: 竹园社区": f"name: {q(LINK)}", "name: 西山街道": f"name: {q(AT)}"},
}


def test_filled_template_writes_every_planted_formula_as_text(tmp_path, capsys):
    site = make_site(tmp_path)
    plant(site, ALL_FIELDS)
    out = tmp_path / "网格.xlsx"
    assert run(site, "template", "grids", "--filled", "--out", str(out)) == 0
    assert formulas(out) == []
    cells = text_cells(out)
    expected = {
        "网格!C2": CMD,  # grid name
        "网格!F2": LINK,  # covers
        "网格!G2": f"{MINUS}、兰苑2号楼",  # buildings
        "网格!J2": PLUS,  # grid leader's name
        "网格!N2": LINK,  # party branch
        "网格!F3": MINUS,
        "网格!R3": "#N/A",  # text, not Excel's error value
        "队伍!C2": AT,  # a team member's name
        "选项!D2": LINK,  # a community with no grid: the drop-down list
        "选项!C2": AT,  # a street
    }
    assert {k: cells.get(k, (None,))[0] for k in expected} == expected
    # Excel keeps these text even when a cell is edited (the leading ' it shows, not stored)
    assert all(cells[k][1] for k, v in expected.items() if v[0] in "=+-@")
    assert not cells["网格!C3"][1]  # ordinary text carries no mark
    # numbers that are numbers stay numbers
    ws = openpyxl.load_workbook(out)["网格"]
    assert (ws["H2"].value, ws["H2"].data_type) == (380, "n")


def test_the_untouched_example_row_is_text_too(tmp_path):
    site = make_site(tmp_path)
    plant(site, ALL_FIELDS)
    out = tmp_path / "模板.xlsx"
    assert run(site, "template", "grids", "--out", str(out)) == 0
    assert formulas(out) == []
    assert text_cells(out)["网格!C2"] == (CMD, True)


def test_filled_template_with_formula_text_imports_back_unchanged(tmp_path, capsys):
    """Export → import changes nothing: the protected cells read back as the text that was written,
    in names that are matched on import too (community and street)."""
    site = make_site(tmp_path)
    plant(
        site,
        {
            "content/grids/donghu.yml": {
                "name: 兰苑社区第1网格\n": f"name: {q(CMD)}\n",
                "covers: 兰苑小区1—4号楼": f"covers: {q(LINK)}",
                "name: 兰苑社区第一网格党支部": f"name: {q(PLUS)}",
                "covers: 东湖小学": f"covers: {q(MINUS)}\n  notes: {q(AT)}",
            },
            "content/org.yml": {"name: 兰苑社区": f"name: {q(LINK)}", "name: 东湖街道": f"name: {q(AT)}"},
        },
    )
    out = tmp_path / "网格.xlsx"
    assert run(site, "template", "grids", "--filled", "--out", str(out)) == 0
    cells = text_cells(out)
    assert [cells[k][0] for k in ("网格!A2", "网格!B2", "网格!C2", "网格!N2", "网格!R3")] == [
        AT,
        LINK,
        CMD,
        PLUS,
        AT,
    ]
    capsys.readouterr()
    snapshot = digest(site)
    assert run(site, "import", "grids", str(out)) == 0, capsys.readouterr().err
    assert "新增 0，更新 0，不变 2" in capsys.readouterr().out
    assert digest(site) == snapshot
    # saved again by a spreadsheet program (openpyxl here), the cells still hold the same text
    wb = openpyxl.load_workbook(out)
    wb.save(out)
    assert formulas(out) == []
    assert run(site, "import", "grids", str(out)) == 0
    assert digest(site) == snapshot


# ---- item 5: a small workbook that claims a huge sheet ------------------------------------------------

HEADERS = ["社区", "网格名称", "网格类型", "户数"]
ROWS = [
    ["兰苑社区", "兰苑社区第1网格", "基础网格", 381],
    ["兰苑社区", "兰苑社区第2网格（学校）", "专属网格", None],
]


def workbook(path: Path, rows: list[list], merged: tuple[str, ...] = (), title: str = "网格台账") -> Path:
    """A ledger with a merged title row over the header, then the rows; `merged` ranges are
    declared as a file would declare them (ws.merge_cells would itself make every merged cell)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title
    ws.append(["东湖街道网格台账"])
    ws.merge_cells("A1:D1")
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    for ref in merged:
        ws.merged_cells.add(ref)
    book.save(path)
    return path


def rewrite_sheet(book: Path, change) -> None:
    """Replace the first sheet's XML by change(xml)."""
    with zipfile.ZipFile(book) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name] = change(parts[name].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)


def _limit_memory() -> None:
    limit = 1536 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def import_limited(site: Path, book: Path) -> tuple[subprocess.CompletedProcess, float]:
    """`gridboard import grids` in a process that may use 1.5 GB of address space at most."""
    start = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "builder",
            "import",
            "grids",
            str(book),
            "--config",
            str(site / "site_config.yml"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_memory,
    )
    return done, time.monotonic() - start


def test_merged_range_to_the_end_of_the_sheet_imports_the_real_rows(tmp_path):
    """One merged range A600:XFD1048576 (17 billion cells) in a 5 KB file: the rows are imported,
    quickly, within 1.5 GB; before, openpyxl made every merged cell (7 GB and more)."""
    site = make_site(tmp_path)
    book = workbook(tmp_path / "合并.xlsx", ROWS, merged=("A600:XFD1048576", "A4:A1048576"))
    with zipfile.ZipFile(book) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert '<mergeCell ref="A600:XFD1048576"/>' in xml and book.stat().st_size < 10_000
    # the declared dimension says the whole sheet, too
    rewrite_sheet(book, lambda x: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', x))
    done, seconds = import_limited(site, book)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    assert "户数 380 → 381" in done.stdout and "新增 0，更新 1，不变 1" in done.stdout
    assert seconds < 60
    grids = yaml.safe_load((site / "content/grids/donghu.yml").read_text(encoding="utf-8"))
    assert [g.get("households") for g in grids] == [381, None]


def test_merged_block_reaches_only_as_far_as_the_rows(tmp_path):
    """A real merged block (the community down column A) fills its rows and stops where values stop."""
    sheets = ledger_read.read_ledger(
        workbook(tmp_path / "m.xlsx", [ROWS[0], ["", *ROWS[1][1:]]], merged=("A3:A1048576", "F1:F1048576")),
        "m.xlsx",
    )
    rows = sheets[0].rows
    assert len(rows) == 4 and [r[0] for r in rows[2:]] == ["兰苑社区", "兰苑社区"]
    assert rows[0] == ["东湖街道网格台账"] * 4  # the title row, merged A1:D1


def test_hostile_sheet_shapes_are_refused_cleanly(tmp_path):
    """Structures Excel never writes, each small on disk and huge in memory once read: a refusal
    naming the file and sheet, within the memory limit, never a traceback."""
    site = make_site(tmp_path)
    cases = {
        # 50,000 empty cells in one row: openpyxl would hold them all at once
        "wide.xlsx": lambda x: x.replace("</row>", "<c/>" * 50_000 + "</row>", 1),
        # rows numbered backwards: read-only openpyxl would drop them silently
        "order.xlsx": lambda x: x.replace('<row r="3">', '<row r="9">', 1),
        # a thousand copies of one merged range: each would be filled again
        "overlap.xlsx": lambda x: x.replace(
            "</mergeCells>", '<mergeCell ref="A2:D4"/>' * 1000 + "</mergeCells>"
        ),
        # 300,000 hyperlinks: openpyxl makes an object of each
        "links.xlsx": lambda x: x.replace(
            "</sheetData>",
            "</sheetData><hyperlinks>" + '<hyperlink ref="A2" display="x"/>' * 300_000 + "</hyperlinks>",
        ),
    }
    reasons = {
        "wide.xlsx": "第 1 行的单元格位置不对：须从左到右，且不超过 XFD 列",
        "order.xlsx": "第 9 行之后是第 4 行",
        "overlap.xlsx": "合并单元格互相重叠",
        "links.xlsx": "格式、超链接、数据验证等数据以外的部分 XML 元素超过 200000 个",
    }
    for name, change in cases.items():
        book = workbook(tmp_path / name, ROWS)
        rewrite_sheet(book, change)
        assert book.stat().st_size < 100_000
        done, seconds = import_limited(site, book)
        assert done.returncode == 1 and "Traceback" not in done.stderr, (name, done.stderr)
        assert f"{name}:网格台账 打不开，可能已损坏或不是 Excel 文件（" in done.stderr, done.stderr
        assert reasons[name] in done.stderr, (name, done.stderr)
        assert seconds < 60


def test_one_far_value_is_refused_by_name_with_the_real_limits(tmp_path, capsys):
    """A single value in the last cell of the sheet: refused, naming that cell, without reading
    a million rows."""
    site = make_site(tmp_path)
    book = workbook(tmp_path / "远.xlsx", ROWS)
    rewrite_sheet(
        book,
        lambda x: x.replace(
            "</sheetData>",
            '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
        ),
    )
    snapshot = digest(site)
    assert run(site, "import", "grids", str(book)) == 1
    err = capsys.readouterr().err
    assert (
        "远.xlsx:网格台账!XFD1048576 有内容，超出了导入上限（每张表 100000 行、200 列以内）："
        "请删掉表格以外的内容，或把台账分成几个文件导入\n"
        "    (a value lies past the import limit of 100000 rows × 200 columns a sheet: "
        "delete what lies outside the table, or split the ledger)"
    ) in err
    assert digest(site) == snapshot


def test_sheets_with_more_real_data_than_the_limit_are_refused(tmp_path, capsys, monkeypatch):
    """Real rows past the (lowered) limit, and a value past the last column: refused by cell,
    in .xlsx and .csv, and nothing is written."""
    monkeypatch.setattr(ledger_read, "MAX_ROWS", 30)
    monkeypatch.setattr(ledger_read, "MAX_COLUMNS", 6)
    site = make_site(tmp_path)
    snapshot = digest(site)
    many = [[ROWS[0][0], f"兰苑社区第{i}网格", "基础网格", i] for i in range(3, 40)]
    tall = workbook(tmp_path / "多.xlsx", many)
    wide = workbook(tmp_path / "宽.xlsx", [[*ROWS[0], None, None, "备注"], ROWS[1]])
    csv = tmp_path / "多.csv"
    csv.write_text("\n".join(",".join(map(str, r)) for r in [HEADERS, *many]), encoding="utf-8")
    within = workbook(tmp_path / "够.xlsx", [[*ROWS[0], None, "备注"], ROWS[1]])
    for book, cell in ((tall, "多.xlsx:网格台账!A31"), (wide, "宽.xlsx:网格台账!G3"), (csv, "多.csv:A31")):
        assert run(site, "import", "grids", str(book)) == 1
        err = capsys.readouterr().err
        assert f"{cell} 有内容，超出了导入上限（每张表 30 行、6 列以内）" in err, err
    assert digest(site) == snapshot
    assert run(site, "import", "grids", str(within), "--dry-run") == 0, capsys.readouterr().err


def test_files_past_the_size_limits_are_refused(tmp_path, capsys, monkeypatch):
    site = make_site(tmp_path)
    book = workbook(tmp_path / "大.xlsx", ROWS)
    monkeypatch.setattr(ledger_read, "MAX_FILE_BYTES", 1024)
    assert run(site, "import", "grids", str(book)) == 1
    assert re.search(r"大.xlsx 有 \d+ KB，超过导入上限 1 KB", capsys.readouterr().err)
    monkeypatch.setattr(ledger_read, "MAX_FILE_BYTES", 20 * 1024 * 1024)
    # a zip bomb: a sheet XML that unzips to far more than the file
    rewrite_sheet(book, lambda x: x.replace("</worksheet>", "<!--" + " " * 3_000_000 + "--></worksheet>"))
    monkeypatch.setattr(ledger_read, "MAX_UNPACKED_BYTES", 2 * 1024 * 1024)
    assert book.stat().st_size < 20_000
    assert run(site, "import", "grids", str(book)) == 1
    assert "大.xlsx 解压后有 3 MB，超过导入上限 2 MB" in capsys.readouterr().err


def test_limits_are_what_the_docs_say():
    """errors.md and the docstring name these numbers."""
    assert (ledger_read.MAX_ROWS, ledger_read.MAX_COLUMNS) == (100_000, 200)
    assert ledger_read.MAX_FILE_BYTES == 20 * 1024 * 1024
    assert ledger_read.MAX_UNPACKED_BYTES == 50 * 1024 * 1024
    assert ledger_extent.MAX_ELEMENTS == 200_000


def test_extent_scan_ignores_declared_size(tmp_path):
    """The extent comes from cells with values, not from the dimension or styled empty cells."""
    xml = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<dimension ref="A1:XFD1048576"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="Z1" s="1"/></row>'
        '<row r="3"><c r="B3"><v>2</v></c><c r="C3"><f>A1</f></c></row>'
        '<row r="900000" s="1" customFormat="1"><c r="A900000" s="1"/></row>'
        '</sheetData><mergeCells count="3"><mergeCell ref="A1:XFD1"/><mergeCell ref="C5:D9"/><mergeCell ref="B:B"/>'
        "</mergeCells>"
        "</worksheet>"
    )
    extent = ledger_extent.scan(io.BytesIO(xml.encode()), 100_000, 200)
    assert (extent.rows, extent.columns, extent.merged) == (3, 2, [(1, 1, 1, 2), (1, 2, 3, 2)])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_put_never_makes_a_formula(payload):
    """The one writer of content cells, on its own: every payload is a string cell."""
    from builder.importers.template import put

    ws = openpyxl.Workbook().active
    cell = put(ws, 1, 1, payload)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (payload, "s", True)
    assert put(ws, 2, 1, 7, number=True).data_type == "n"
    assert put(ws, 3, 1, "=1", number=True).data_type == "s"


def test_control_characters_in_content_do_not_crash_the_template(tmp_path, capsys):
    """No .xlsx can hold \\x0b or \\x01 (openpyxl raises): they are left out, not an internal error."""
    site = make_site(tmp_path)
    plant(site, {"content/grids/donghu.yml": {"covers: 东湖小学": 'covers: "=东湖\\x0b小学\\x01"'}})
    out = tmp_path / "网格.xlsx"
    assert run(site, "template", "grids", "--filled", "--out", str(out)) == 0, capsys.readouterr().err
    assert text_cells(out)["网格!F3"] == ("=东湖小学", True)
    assert formulas(out) == []
