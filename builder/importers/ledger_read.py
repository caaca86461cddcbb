"""Ledger reading: an .xlsx or .csv grid ledger → sheets of rows of cells, each cell knowing its place.

Excel ledgers (网格台账) as offices keep them: a title row or two above the header, merged cells for
the street and community of a block of rows, numbers typed as numbers (a phone 13800001234 becomes
the float 13800001234.0), CSV saved by Excel in GBK or as “Unicode text” (UTF-16, tab-separated). Merged cells are filled with their top-left
value so every row stands alone. Where a cell sits is `FILE.xlsx:Sheet!C14` (CSV: `FILE.csv:C14`).

Size limits, so that a small hostile file cannot take the machine's memory: a file of at most
MAX_FILE_BYTES (an .xlsx unzipping to at most MAX_UNPACKED_BYTES), and values only within the first
MAX_ROWS rows and MAX_COLUMNS columns of each sheet. What a sheet declares (its dimension, styled
empty cells, merged ranges) counts only as far as its values reach (`ledger_extent.py`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from .ledger_extent import Extent, Malformed, OutOfBounds, scan
from .text_bytes import NotText, decode

MAX_FILE_BYTES = 20 * 1024 * 1024  # the file as saved
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # an .xlsx unzipped: its XML, where the cells are
MAX_ROWS = 100_000  # values beyond this row of a sheet are refused
MAX_COLUMNS = 200  # …and beyond this column (GR)


class LedgerUnreadable(Exception):
    """The file cannot be read as a ledger at all: (zh, en)."""

    def __init__(self, zh: str, en: str):
        super().__init__(f"{zh} ({en})")
        self.zh, self.en = zh, en


@dataclass
class Sheet:
    """One sheet: its name ("" for CSV) and its rows; rows[i][j] is the text of row i+1, column j+1."""

    file: str
    name: str
    rows: list[list[str]] = field(default_factory=list)

    def where(self, row: int, col: int | None = None) -> str:
        """`FILE.xlsx:Sheet!C14` for 1-based row and column (`!14` alone for a whole row)."""
        cell = f"{get_column_letter(col)}{row}" if col else f"{row}行"
        return f"{self.file}:{self.name}!{cell}" if self.name else f"{self.file}:{cell}"


def read_ledger(path: Path, shown: str) -> list[Sheet]:
    """All sheets of an .xlsx/.xlsm or the one table of a .csv/.txt, as text cells."""
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise LedgerUnreadable(
            f"{shown} 是旧版 Excel（.xls）文件：请在 Excel 或 WPS 里“另存为” .xlsx 后再导入",
            "an old .xls workbook: save it as .xlsx first",
        )
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt"):
        raise LedgerUnreadable(
            f"{shown} 不是 Excel（.xlsx）或 CSV 文件", "not an .xlsx or .csv file: save the ledger as .xlsx"
        )
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise LedgerUnreadable(
            f"{shown} 有 {_mb(size)}，超过导入上限 {_mb(MAX_FILE_BYTES)}：请只留下网格台账的表格"
            "（删掉图片和无关的工作表），或分成几个文件导入",
            f"the file is {_mb(size)}, over the import limit of {_mb(MAX_FILE_BYTES)}: "
            "keep only the grid ledger, or split it into several files",
        )
    if suffix in (".csv", ".txt"):
        return [_read_csv(path, shown)]
    return _read_xlsx(path, shown)


def _read_xlsx(path: Path, shown: str) -> list[Sheet]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise LedgerUnreadable(
                f"{shown} 解压后有 {_mb(unpacked)}，超过导入上限 {_mb(MAX_UNPACKED_BYTES)}：请只留下网格台账的表格，"
                "或分成几个文件导入",
                f"the workbook unzips to {_mb(unpacked)}, over the import limit of {_mb(MAX_UNPACKED_BYTES)}",
            )
        # read-only: cells are streamed, and merged ranges are not expanded into cells
        book = load_workbook(path, read_only=True, data_only=True)
    except LedgerUnreadable:
        raise
    except Exception as exc:  # zip or XML errors of a damaged or renamed file
        raise _damaged(shown, type(exc).__name__) from None
    try:  # hidden sheets hold drop-down lists and scratch work, not grids
        return [_read_sheet(ws, shown) for ws in book.worksheets if ws.sheet_state == "visible"]
    finally:
        book.close()


def _read_sheet(ws, shown: str) -> Sheet:
    """One sheet, read no further than its values reach; merged blocks filled with their top-left value."""
    sheet = Sheet(shown, ws.title)
    try:
        with ws._get_source() as source:  # the sheet's XML in the archive (openpyxl keeps it private)
            extent = scan(source, MAX_ROWS, MAX_COLUMNS)
        if not extent.rows:
            return sheet
        sheet.rows = _trim(
            [cell_text(v) for v in row]
            for row in ws.iter_rows(max_row=extent.rows, max_col=extent.columns, values_only=True)
        )
    except OutOfBounds as far:
        raise _too_big(sheet.where(far.row, far.column)) from None
    except Malformed as err:
        raise _damaged(f"{shown}:{ws.title}", err.zh, err.en) from None
    except Exception as exc:  # XML errors openpyxl finds in the cells
        raise _damaged(f"{shown}:{ws.title}", type(exc).__name__) from None
    _fill_merged(sheet.rows, extent)
    return sheet


def _fill_merged(rows: list[list[str]], extent: Extent) -> None:
    """Every cell of a merged block gets the block's value (the ranges are clipped to the values)."""
    for min_row, min_col, max_row, max_col in extent.merged:
        top = rows[min_row - 1] if min_row <= len(rows) else []
        value = top[min_col - 1] if min_col <= len(top) else ""
        if not value:
            continue
        for r in range(min_row, max_row + 1):
            row = rows[r - 1]
            row.extend([""] * (max_col - len(row)))
            row[min_col - 1 : max_col] = [value] * (max_col - min_col + 1)


def _read_csv(path: Path, shown: str) -> Sheet:
    sheet = Sheet(shown, "")
    try:
        text = decode(path.read_bytes())
    except NotText:
        raise LedgerUnreadable(
            "这个 CSV 文件读不出文字：可能是改了扩展名的 Excel 文件，或编码无法识别；请另存为“CSV UTF-8”，或直接导入 .xlsx",
            "not readable as text: a renamed workbook or an unknown encoding; save as CSV UTF-8, or import the .xlsx",
        ) from None
    dialect = csv.excel_tab if text.count("\t") > text.count(",") else csv.excel
    rows = []
    for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        cells = _trim_row([c.strip() for c in row])
        if cells and (number > MAX_ROWS or len(cells) > MAX_COLUMNS):
            first = 0 if number > MAX_ROWS else MAX_COLUMNS  # name the first value past the limit
            raise _too_big(sheet.where(number, next(j for j in range(first, len(cells)) if cells[j]) + 1))
        rows.append(cells)
    sheet.rows = _trim(rows)
    return sheet


def _too_big(where: str) -> LedgerUnreadable:
    return LedgerUnreadable(
        f"{where} 有内容，超出了导入上限（每张表 {MAX_ROWS} 行、{MAX_COLUMNS} 列以内）：请删掉表格以外的内容，"
        "或把台账分成几个文件导入",
        f"a value lies past the import limit of {MAX_ROWS} rows × {MAX_COLUMNS} columns a sheet: "
        "delete what lies outside the table, or split the ledger",
    )


def _damaged(where: str, why: str, why_en: str = "") -> LedgerUnreadable:
    return LedgerUnreadable(
        f"{where} 打不开，可能已损坏或不是 Excel 文件（{why}）",
        "cannot open the workbook: damaged, or not an .xlsx file" + (f"; {why_en}" if why_en else ""),
    )


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def cell_text(value: object) -> str:
    """A cell as the text a person sees: 13800001234.0 → "13800001234", dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _trim(rows) -> list[list[str]]:
    """Drop trailing empty cells and rows; keep empty rows in between so row numbers stay true."""
    rows = [_trim_row(list(r)) for r in rows]
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _trim_row(row: list[str]) -> list[str]:
    while row and not row[-1]:
        row.pop()
    return row
