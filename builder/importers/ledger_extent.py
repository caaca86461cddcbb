"""The part of an .xlsx sheet that holds values, found by one streaming pass over the sheet's XML.

A sheet's declared `<dimension>`, its styled empty cells and its merged ranges can all claim far more
than the file holds (one `<mergeCell ref="A600:XFD1048576"/>` is 17 billion cells). Only cells with a
value count: the extent is the last row and column of those, merged ranges are clipped to it, and a
value past the caller's limits stops the pass at once. Memory stays flat: each cell and row is
dropped as soon as it has been looked at, and what Excel never writes (rows or cells out of order, a
row or the rest of the sheet with more XML elements than MAX_ELEMENTS) is refused before openpyxl,
which holds a whole row, or every hyperlink and validation of a sheet, at once, ever reads it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import IO

from openpyxl.utils import coordinate_to_tuple, range_boundaries

EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384  # the most any Excel sheet can have
MAX_ELEMENTS = 200_000  # XML elements in one row, and in the sheet outside its rows

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _MERGE, _DATA = f"{_NS}row", f"{_NS}c", f"{_NS}mergeCell", f"{_NS}sheetData"
_VALUE, _INLINE = f"{_NS}v", f"{_NS}is"


class OutOfBounds(Exception):
    """A value lies past the limits: at (row, column), 1-based."""

    def __init__(self, row: int, column: int):
        super().__init__(row, column)
        self.row, self.column = row, column


class Malformed(Exception):
    """The sheet's XML is not what Excel writes: (zh, en)."""

    def __init__(self, zh: str, en: str):
        super().__init__(f"{zh} ({en})")
        self.zh, self.en = zh, en


@dataclass
class Extent:
    """Rows and columns up to the last value (0, 0 for a sheet without values); merged ranges in it."""

    rows: int = 0
    columns: int = 0
    merged: list[tuple[int, int, int, int]] = field(
        default_factory=list
    )  # min_row, min_col, max_row, max_col
    merged_cells: int = 0  # cells the merged ranges cover together


def scan(source: IO[bytes], max_rows: int, max_columns: int) -> Extent:
    """The extent of one sheet's XML; OutOfBounds at the first value past the limits."""
    extent = Extent()
    row_number = column = depth = in_row = outside = 0
    root = data = row = None
    try:
        for event, elem in ET.iterparse(source, events=("start", "end")):
            tag = elem.tag
            if event == "start":
                depth += 1
                if root is None:
                    root = elem
                elif tag == _DATA:
                    data = elem
                elif tag == _ROW:
                    row, column, in_row = elem, 0, 0
                    row_number = _row_number(elem.get("r"), row_number)
                if row is not None:
                    in_row += 1
                else:
                    outside += 1
                if in_row > MAX_ELEMENTS:
                    raise Malformed(
                        f"第 {row_number} 行的 XML 元素超过 {MAX_ELEMENTS} 个",
                        f"row {row_number} has more than {MAX_ELEMENTS} XML elements",
                    )
                if outside > MAX_ELEMENTS:
                    raise Malformed(
                        f"格式、超链接、数据验证等数据以外的部分 XML 元素超过 {MAX_ELEMENTS} 个",
                        f"more than {MAX_ELEMENTS} XML elements outside the rows",
                    )
                continue
            depth -= 1
            if tag == _CELL and row is not None:
                column = _column(elem.get("r"), column, row_number)
                if _has_value(elem):
                    if row_number > max_rows or column > max_columns:
                        raise OutOfBounds(row_number, column)
                    extent.rows = max(extent.rows, row_number)
                    extent.columns = max(extent.columns, column)
                del row[:]  # the cell has been looked at: keep nothing of it
            elif tag == _ROW and data is not None:
                row = None
                del data[:]
            elif tag == _MERGE:
                _add_merge(extent, elem.get("ref") or "")
            if depth == 1:
                del root[:]  # a finished part of the sheet
    except ET.ParseError as exc:
        raise Malformed("XML 格式错误", f"XML error: {exc}") from None
    except ValueError as exc:  # a row number or cell reference that is not one
        raise Malformed("单元格位置写法不对", str(exc)) from None
    return extent


def _row_number(ref: str | None, previous: int) -> int:
    number = int(float(ref)) if ref else previous + 1  # openpyxl accepts "12.0" too
    if not previous < number <= EXCEL_ROWS:
        raise Malformed(
            f"第 {previous} 行之后是第 {number} 行：行号须从上到下递增，且不超过 {EXCEL_ROWS}",
            "rows out of order, or past Excel's last row",
        )
    return number


def _column(ref: str | None, previous: int, row_number: int) -> int:
    number = coordinate_to_tuple(ref)[1] if ref else previous + 1
    if not previous < number <= EXCEL_COLUMNS:
        raise Malformed(
            f"第 {row_number} 行的单元格位置不对：须从左到右，且不超过 XFD 列",
            "cells out of order, or past Excel's last column",
        )
    return number


def _has_value(cell: ET.Element) -> bool:
    """A cell that shows something: a value (a formula's cached one included) or inline text."""
    return any(child.tag == _INLINE or (child.tag == _VALUE and child.text) for child in cell)


def _add_merge(extent: Extent, ref: str) -> None:
    """Keep the part of a merged range inside the extent (mergeCells follow sheetData: it is known)."""
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    min_row, min_col = min_row or 1, min_col or 1  # whole columns ("A:B") or whole rows ("3:4")
    max_row = min(max_row or EXCEL_ROWS, extent.rows)
    max_col = min(max_col or EXCEL_COLUMNS, extent.columns)
    if min_row > max_row or min_col > max_col or (min_row, min_col) == (max_row, max_col):
        return  # its top-left cell lies past every value (so it is empty), or one cell is left
    extent.merged.append((min_row, min_col, max_row, max_col))
    # Excel's merged ranges never overlap, so together they cover at most the extent; more is forged,
    # and filling each copy would cost rows × columns again
    extent.merged_cells += (max_row - min_row + 1) * (max_col - min_col + 1)
    if extent.merged_cells > extent.rows * extent.columns:
        raise Malformed("合并单元格互相重叠", "merged ranges overlap")
