from datetime import date, datetime

import pytest

from werkplek.imports.readers import CSV, XLSX, UnreadableFile, read_upload
from werkplek.imports.tests.helpers import csv_bytes, upload, xlsx_bytes


def test_an_excel_file_is_read_from_its_content_whatever_its_name():
    content = xlsx_bytes(
        [
            ["Voornaam", "Geboortedatum", "Postcode", "GSM"],
            ["Emma", datetime(2001, 3, 14), 9000, "0470 12 34 56"],
            [None, None, None, None],
            ["Lars", date(1996, 7, 2), 9300.0, None],
        ]
    )
    table = read_upload(upload("kandidaten.csv", content))
    assert table.file_format == XLSX
    assert table.headers == ["Voornaam", "Geboortedatum", "Postcode", "GSM"]
    assert table.rows == [
        ["Emma", "14/03/2001", "9000", "0470 12 34 56"],
        ["Lars", "02/07/1996", "9300", ""],
    ]
    assert table.lines == [2, 4]  # the empty row is left out, line numbers stay true


@pytest.mark.parametrize(("delimiter", "encoding"), [(";", "utf-8-sig"), (",", "cp1252")])
def test_a_csv_file_with_either_separator_and_windows_accents_is_read(delimiter, encoding):
    content = csv_bytes(
        [["Voornaam", "Naam", "Gemeente"], ["Zoë", "Dewaële", "Liège"], ["Jan", "Peeters", ""]],
        delimiter=delimiter,
        encoding=encoding,
    )
    table = read_upload(upload("lijst.xlsx", content))
    assert table.file_format == CSV
    assert table.rows[0] == ["Zoë", "Dewaële", "Liège"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel file (.xls)"),
        (b"%PDF-1.7\n\x00\x01\x02binary", "This is not a spreadsheet"),
        (b"PK\x03\x04not really a zip", "cannot be read"),
        (b"Voornaam;Naam\n", "no rows below it"),
    ],
)
def test_what_cannot_be_read_is_refused_with_a_clear_message(db, content, message):
    with pytest.raises(UnreadableFile) as refused:
        read_upload(upload("bestand.xlsx", content))
    assert message in str(refused.value)


def test_a_zip_that_is_no_workbook_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(UnreadableFile) as refused:
        read_upload(upload("x.xlsx", buffer.getvalue()))
    assert "not an Excel workbook" in str(refused.value)


def test_too_large_a_file_is_refused_before_reading(settings):
    settings.IMPORT_MAX_BYTES = 1000
    with pytest.raises(UnreadableFile) as refused:
        read_upload(upload("big.csv", b"Voornaam\n" + b"Jan\n" * 500))
    assert "too large" in str(refused.value)


def test_too_many_rows_are_refused(settings):
    settings.IMPORT_MAX_ROWS = 3
    with pytest.raises(UnreadableFile) as refused:
        read_upload(upload("many.csv", b"Voornaam\n" + b"Jan\n" * 4))
    assert "more than 3 rows" in str(refused.value)
