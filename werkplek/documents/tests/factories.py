"""Real files of every accepted type, and a few that must be refused."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from PIL import Image

from werkplek.documents.demo import pdf_bytes


def pdf_file(name: str = "contract.pdf", text: str = "Contract") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(text), "application/pdf")


def image_file(name: str = "scan.png", image_format: str = "PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (29, 78, 137)).save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), f"image/{image_format.lower()}")


def docx_file(name: str = "werkpostfiche.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue(), "application/octet-stream")


def xlsx_file(name: str = "uren.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "Aanwezigheden"
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), "application/octet-stream")


def exe_renamed(name: str = "contract.pdf") -> SimpleUploadedFile:
    """A Windows program with a document's name."""
    return SimpleUploadedFile(
        name, b"MZ\x90\x00" + b"\x00" * 200 + b"This program", "application/pdf"
    )


def empty_file(name: str = "leeg.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"", "application/pdf")


def one_of_each(*, trajectory, by) -> None:
    """A formality with a signed document in it (see the permission matrix)."""
    from werkplek.documents.models import DocumentSlotType
    from werkplek.documents.services import document_slot_update, document_upload

    contract = DocumentSlotType.objects.get(organisation=trajectory.organisation, code="contract")
    slot = document_slot_update(trajectory=trajectory, slot_type=contract, status="signed", by=by)
    document_upload(
        candidate=trajectory.candidate, trajectory=trajectory, slot=slot, file=pdf_file(), by=by
    )
