"""What an uploaded file really is, read from its content, never from its name.

Only a few types are accepted: PDF, JPEG, PNG, Word (.docx) and Excel (.xlsx). A renamed
program, an empty file or an oversized one is refused with a message a user understands.
"""

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError


@dataclass(frozen=True)
class FileType:
    code: str
    label: str
    extension: str
    content_type: str


PDF = FileType("pdf", "PDF", ".pdf", "application/pdf")
JPEG = FileType("jpeg", "JPEG", ".jpg", "image/jpeg")
PNG = FileType("png", "PNG", ".png", "image/png")
DOCX = FileType(
    "docx",
    "Word (.docx)",
    ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
XLSX = FileType(
    "xlsx",
    "Excel (.xlsx)",
    ".xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)

DOCUMENT_TYPES = (PDF, JPEG, PNG, DOCX, XLSX)
EVIDENCE_TYPES = (PDF, JPEG, PNG)
BY_CODE = {file_type.code: file_type for file_type in DOCUMENT_TYPES}


def _is_image(file: UploadedFile, image_format: str) -> bool:
    try:
        with Image.open(file) as image:
            found = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    finally:
        file.seek(0)
    return found == image_format


def _office_type(file: UploadedFile) -> FileType | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        file.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def detect(file: UploadedFile) -> FileType | None:
    """The file's type from its first bytes (and structure), or None when not accepted."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG if _is_image(file, "JPEG") else None
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG if _is_image(file, "PNG") else None
    if head.startswith(b"PK\x03\x04"):
        return _office_type(file)
    return None


def type_list(allowed: tuple[FileType, ...]) -> str:
    labels = [file_type.label for file_type in allowed]
    if len(labels) == 1:
        return labels[0]
    return _("%(first)s or %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def max_upload_bytes() -> int:
    return settings.DOCUMENT_MAX_UPLOAD_BYTES


def validate_upload(
    file: UploadedFile, *, allowed: tuple[FileType, ...] = DOCUMENT_TYPES
) -> FileType:
    """The file's type if it is acceptable; otherwise a ValidationError saying why."""
    limit = max_upload_bytes()
    if not file.size:
        raise ValidationError(_("The file “%(name)s” is empty.") % {"name": file.name}, "empty")
    if file.size > limit:
        raise ValidationError(
            _("The file “%(name)s” is too large (%(size)s); the limit is %(limit)s.")
            % {
                "name": file.name,
                "size": filesizeformat(file.size),
                "limit": filesizeformat(limit),
            },
            "too_large",
        )
    file_type = detect(file)
    if file_type is None or file_type not in allowed:
        raise ValidationError(
            _("The file “%(name)s” is not a %(types)s file. Only those can be uploaded.")
            % {"name": file.name, "types": type_list(allowed)},
            "wrong_type",
        )
    return file_type


def clean_filename(name: str, file_type: FileType) -> str:
    """A safe display name that ends in the extension of what the file really is."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    try:
        stem = get_valid_filename(stem.strip() or "document")[:120]
    except SuspiciousFileOperation:
        stem = "document"
    return stem + file_type.extension
