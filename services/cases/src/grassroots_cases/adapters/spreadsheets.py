"""Tables (`domain.exports`) as the bytes of an XLSX workbook or a CSV file.

CSV is UTF-8 with a byte-order mark: Excel (as installed in China) reads a file without one in
the system's GBK code page and garbles the Chinese. Several tables (the statistics' summary,
categories and months) follow one another in one CSV file, each with its header, separated by an
empty row.

A cell a resident wrote (a title) that begins with `=`, `+`, `-`, `@` or a tab would be run as a
formula by a spreadsheet: in CSV it is written with a leading apostrophe, as OWASP recommends;
in XLSX it is a cell typed as text, as written (openpyxl would otherwise store it as a formula).
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell.cell import Cell as XlsxCell  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from grassroots_cases.domain.exports import Cell, Export, ExportFormat, Table

CONTENT_TYPES = {
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.CSV: "text/csv; charset=utf-8",
}
EXTENSIONS = {ExportFormat.XLSX: "xlsx", ExportFormat.CSV: "csv"}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
# Excel's sheet names: at most 31 characters, none of []:*?/\
_SHEET_NAME_MAX = 31


def _inert(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _csv_value(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, str):
        return _inert(value)
    return str(value)


def to_csv(tables: list[Table]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for index, table in enumerate(tables):
        if index:
            writer.writerow([])
        writer.writerow([_csv_value(h) for h in table.header])
        writer.writerows([_csv_value(v) for v in row] for row in table.rows)
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def _sheet_name(title: str) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title)
    return cleaned[:_SHEET_NAME_MAX] or "Sheet"


def _xlsx_cell(cell: XlsxCell, value: Cell) -> None:
    if isinstance(value, str):
        # Set the type explicitly: openpyxl stores any text that starts with "=" as a formula.
        cell.value = value
        cell.data_type = "s"
    else:
        cell.value = value
        if isinstance(value, datetime):
            cell.number_format = _DATETIME_FORMAT


def to_xlsx(tables: list[Table]) -> bytes:
    book = Workbook(write_only=False)
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(_sheet_name(table.title))
        lines: list[list[Cell]] = [list(table.header), *table.rows]
        for row_index, row in enumerate(lines, start=1):
            for column, value in enumerate(row, start=1):
                _xlsx_cell(sheet.cell(row=row_index, column=column), value)
        for column, heading in enumerate(table.header, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = max(12, 2 * len(heading))
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def encode(export: Export, fmt: ExportFormat) -> tuple[str, str, bytes]:
    """The file's name, content type and bytes."""
    data = to_xlsx(export.tables) if fmt is ExportFormat.XLSX else to_csv(export.tables)
    return f"{export.filename_stem}.{EXTENSIONS[fmt]}", CONTENT_TYPES[fmt], data
