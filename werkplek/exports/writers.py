"""Writing a list to .xlsx or .csv with bounded memory, whatever its length.

CSV streams row by row (semicolons and a UTF-8 byte order mark, so Excel in Belgium opens it
as columns, accents intact). XLSX is written by openpyxl's write-only mode to a temporary
file, then streamed. Text is always text: a cell starting with "=" never becomes a formula.
"""

import csv
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone

from werkplek.core.downloads import content_disposition, download_filename

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value: str) -> str:
        return value


def plain(value: Any) -> Any:
    """A value as a spreadsheet cell: dates stay dates (in Belgian time), the rest text."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, date | int | float | Decimal):
        return value
    if isinstance(value, bool):
        return value
    return str(value)


def _csv_cell(value: Any) -> str:
    value = plain(value)
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float | Decimal):
        return str(value).replace(".", ",")
    text = str(value)
    if text.startswith(FORMULA_START):
        return "'" + text  # a spreadsheet must not run it as a formula
    return text


def csv_lines(headers: list[str], rows: Iterable[list[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff" + writer.writerow(headers)
    for row in rows:
        yield writer.writerow([_csv_cell(value) for value in row])


def csv_response(filename: str, *, headers: list[str], rows: Iterable[list[Any]]) -> HttpResponse:
    response = StreamingHttpResponse(
        csv_lines(headers, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition(filename, attachment=True)
    response["Cache-Control"] = "no-store"
    return response


def write_xlsx(file, *, title: str, headers: list[str], rows: Iterable[list[Any]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "Werkplek")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        cells = []
        for value in row:
            value = plain(value)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, even when it starts with "="
            elif isinstance(value, datetime):
                cell.number_format = "DD/MM/YYYY HH:MM"
            elif isinstance(value, date):
                cell.number_format = "DD/MM/YYYY"
            cells.append(cell)
        sheet.append(cells)
    workbook.save(file)


def xlsx_response(
    filename: str, *, title: str, headers: list[str], rows: Iterable[list[Any]]
) -> HttpResponse:
    file = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
    write_xlsx(file, title=title, headers=headers, rows=rows)
    file.seek(0)
    response = FileResponse(
        file, as_attachment=True, filename=download_filename(filename), content_type=XLSX_TYPE
    )
    response["Cache-Control"] = "no-store"
    return response
