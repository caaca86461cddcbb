"""Ledger reading: an .xlsx or .csv grid ledger → sheets of rows of cells, each cell knowing its place.

Excel ledgers (网格台账) as offices keep them: a title row or two above the header, merged cells for
the street and community of a block of rows, numbers typed as numbers (a phone 13800001234 becomes
the float 13800001234.0), CSV saved by Excel in GBK or as “Unicode text” (UTF-16, tab-separated). Merged cells are filled with their top-left
value so every row stands alone. Where a cell sits is `FILE.xlsx:Sheet!C14` (CSV: `FILE.csv:C14`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from .text_bytes import NotText, decode


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
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, shown)
    if suffix in (".csv", ".txt"):
        return [Sheet(shown, "", _read_csv(path))]
    if suffix == ".xls":
        raise LedgerUnreadable(
            f"{shown} 是旧版 Excel（.xls）文件：请在 Excel 或 WPS 里“另存为” .xlsx 后再导入",
            "an old .xls workbook: save it as .xlsx first",
        )
    raise LedgerUnreadable(
        f"{shown} 不是 Excel（.xlsx）或 CSV 文件", "not an .xlsx or .csv file: save the ledger as .xlsx"
    )


def _read_xlsx(path: Path, shown: str) -> list[Sheet]:
    from openpyxl import load_workbook

    try:
        # not read_only: merged ranges are only known to a fully loaded sheet
        book = load_workbook(path, data_only=True)
    except Exception as exc:  # zip or XML errors of a damaged or renamed file
        raise LedgerUnreadable(
            f"{shown} 打不开，可能已损坏或不是 Excel 文件（{type(exc).__name__}）",
            "cannot open the workbook: damaged, or not an .xlsx file",
        ) from None
    sheets = []
    for ws in book.worksheets:
        if ws.sheet_state != "visible":
            continue  # hidden sheets hold drop-down lists and scratch work, not grids
        rows = [[_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        for merged in ws.merged_cells.ranges:  # every cell of a merged block gets its value
            value = _text(ws.cell(merged.min_row, merged.min_col).value)
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    rows[r - 1][c - 1] = value
        sheets.append(Sheet(shown, ws.title, _trim(rows)))
    return sheets


def _read_csv(path: Path) -> list[list[str]]:
    try:
        text = decode(path.read_bytes())
    except NotText:
        raise LedgerUnreadable(
            "这个 CSV 文件读不出文字：可能是改了扩展名的 Excel 文件，或编码无法识别；请另存为“CSV UTF-8”，或直接导入 .xlsx",
            "not readable as text: a renamed workbook or an unknown encoding; save as CSV UTF-8, or import the .xlsx",
        ) from None
    dialect = csv.excel_tab if text.count("\t") > text.count(",") else csv.excel
    return _trim([[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)])


def _text(value: object) -> str:
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


def _trim(rows: list[list[str]]) -> list[list[str]]:
    """Drop trailing empty cells and rows; keep empty rows in between so row numbers stay true."""
    rows = [list(r) for r in rows]
    for r in rows:
        while r and not r[-1]:
            r.pop()
    while rows and not rows[-1]:
        rows.pop()
    return rows
