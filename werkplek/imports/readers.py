"""Reading an uploaded spreadsheet: .xlsx or .csv, recognised from the content, not the name.

`read_table` returns the header row and the data rows as lists of cell values (text, numbers,
dates from Excel), or raises `UnreadableFile` with a message for the person who uploaded it.
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import BinaryIO

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

XLSX, CSV = "xlsx", "csv"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and .doc) format
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # an .xlsx is a zip: refuse zip bombs
CSV_DELIMITERS = ";,\t|"

Cell = str | int | float | date | datetime | bool | None


class UnreadableFile(Exception):
    pass


@dataclass
class Table:
    file_format: str
    headers: list[str]
    rows: list[list[str]]  # the rows below the header, empty rows left out
    lines: list[int]  # each row's line number in the file, as the spreadsheet shows it


def max_rows() -> int:
    return getattr(settings, "IMPORT_MAX_ROWS", 20_000)


def max_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_BYTES", 10 * 1024 * 1024)


def detect_format(head: bytes) -> str:
    """What the file is, from its first bytes."""
    if head.startswith(ZIP_MAGIC):
        return XLSX
    if head.startswith(OLE_MAGIC):
        raise UnreadableFile(
            _("This is an old Excel file (.xls). Open it in Excel and save it as .xlsx or .csv.")
        )
    if b"\x00" in head:
        raise UnreadableFile(_("This is not a spreadsheet: upload an .xlsx or .csv file."))
    return CSV


def read_upload(upload) -> Table:
    """The uploaded file as a table, or `UnreadableFile` saying what is wrong with it."""
    if upload.size == 0:
        raise UnreadableFile(_("The file is empty."))
    if upload.size > max_bytes():
        raise UnreadableFile(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes())}
        )
    upload.seek(0)
    file_format = detect_format(upload.read(2048))
    upload.seek(0)
    table = read_table(upload, file_format=file_format)
    if not table.rows:
        raise UnreadableFile(_("The file has a header row but no rows below it."))
    return table


def read_table(file: BinaryIO, *, file_format: str) -> Table:
    """The first row with any text is the header; every cell becomes text."""
    rows = _read_xlsx(file) if file_format == XLSX else _read_csv(file)
    header: list[str] | None = None
    data: list[list[str]] = []
    lines: list[int] = []
    for line, row in enumerate(rows, start=1):
        cells = [cell_text(cell) for cell in row]
        if header is None:
            if any(cells):
                header = cells
            continue
        if not any(cells):
            continue
        if len(data) >= max_rows():
            raise UnreadableFile(
                _("The file has more than %(limit)d rows; split it into smaller files.")
                % {"limit": max_rows()}
            )
        data.append(cells)
        lines.append(line)
    if header is None:
        raise UnreadableFile(_("The file is empty."))
    width = max(_width(header), *(_width(row) for row in data)) if data else _width(header)
    headers = [text[:100] or f"#{index + 1}" for index, text in enumerate(header[:width])]
    rows_out = [(row + [""] * width)[:width] for row in data]
    return Table(file_format=file_format, headers=headers, rows=rows_out, lines=lines)


def _width(cells: list[str]) -> int:
    """Up to the last cell with text."""
    for index in range(len(cells), 0, -1):
        if cells[index - 1]:
            return index
    return 0


def _read_xlsx(file: BinaryIO) -> Iterator[tuple]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" not in names:
                raise UnreadableFile(
                    _("This zip file is not an Excel workbook: upload an .xlsx or .csv file.")
                )
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise UnreadableFile(_("This workbook is too large once unpacked."))
        file.seek(0)
        workbook = load_workbook(file, read_only=True, data_only=True)
    except UnreadableFile:
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise UnreadableFile(
            _("This Excel file cannot be read; is it damaged or protected with a password?")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        yield from sheet.iter_rows(values_only=True)
    except UnreadableFile:
        raise
    except Exception as error:
        raise UnreadableFile(_("This Excel file cannot be read; is it damaged?")) from error
    finally:
        workbook.close()


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(_("The text of this CSV file cannot be read; save it as UTF-8."))


def _read_csv(file: BinaryIO) -> Iterator[list[str]]:
    text = _decode(file.read())
    sample = text[:65536]
    stream = io.StringIO(text, newline="")
    try:
        reader = csv.reader(stream, csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS))
    except csv.Error:  # one column, or too irregular to sniff: the commonest separator
        first_line = sample.splitlines()[0] if sample else ""
        reader = csv.reader(stream, delimiter=max(CSV_DELIMITERS, key=first_line.count))
    try:
        yield from reader
    except csv.Error as error:
        raise UnreadableFile(
            _("This CSV file cannot be read: %(reason)s") % {"reason": error}
        ) from error


def cell_text(cell: Cell) -> str:
    """A cell as text: numbers without a useless “.0”, dates as dd/mm/yyyy."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "1" if cell else "0"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        cell = cell.date()
    if isinstance(cell, date):
        return cell.strftime("%d/%m/%Y")
    return str(cell).replace("\x00", "").strip()
