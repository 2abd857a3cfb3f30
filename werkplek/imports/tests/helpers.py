"""Building spreadsheets in memory for the import tests."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list], *, delimiter: str = ";", encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


HEADERS = ["Voornaam", "Naam", "E-mail", "GSM", "Geboortedatum", "Postcode", "Gemeente"]


def candidate_row(n: int, **overrides) -> list:
    row = {
        "Voornaam": f"Voornaam{n}",
        "Naam": f"Achternaam{n}",
        "E-mail": f"kandidaat{n}@example.be",
        "GSM": "0470 12 34 56",
        "Geboortedatum": "17/05/1995",
        "Postcode": "9000",
        "Gemeente": "Gent",
    }
    row.update(overrides)
    return [row[header] for header in HEADERS]
