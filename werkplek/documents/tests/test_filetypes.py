import pytest
from django.core.exceptions import ValidationError

from werkplek.documents import filetypes
from werkplek.documents.tests.factories import (
    docx_file,
    empty_file,
    exe_renamed,
    image_file,
    pdf_file,
    xlsx_file,
)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (pdf_file, filetypes.PDF),
        (lambda: image_file("foto.png", "PNG"), filetypes.PNG),
        (lambda: image_file("foto.jpg", "JPEG"), filetypes.JPEG),
        (docx_file, filetypes.DOCX),
        (xlsx_file, filetypes.XLSX),
    ],
)
def test_each_accepted_type_is_recognised_from_its_content(make, expected):
    assert filetypes.validate_upload(make()) == expected


def test_the_name_does_not_decide_the_type():
    photo_named_pdf = image_file("contract.pdf", "JPEG")
    assert filetypes.validate_upload(photo_named_pdf) == filetypes.JPEG
    assert filetypes.clean_filename(photo_named_pdf.name, filetypes.JPEG) == "contract.jpg"


def test_a_renamed_program_is_refused_with_its_name_in_the_message():
    with pytest.raises(ValidationError) as error:
        filetypes.validate_upload(exe_renamed("contract.pdf"))
    assert error.value.code == "wrong_type"
    assert error.value.messages == [
        "The file “contract.pdf” is not a PDF, JPEG, PNG, Word (.docx) or Excel (.xlsx) file. "
        "Only those can be uploaded."
    ]


def test_only_pdf_and_images_as_proof_of_a_credential():
    with pytest.raises(ValidationError, match="not a PDF, JPEG or PNG file"):
        filetypes.validate_upload(docx_file(), allowed=filetypes.EVIDENCE_TYPES)


def test_fake_images_and_plain_zip_files_are_refused():
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    truncated = SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("virus.exe", b"MZ")
    plain_zip = SimpleUploadedFile("werkpostfiche.docx", buffer.getvalue())
    for file in (truncated, plain_zip):
        with pytest.raises(ValidationError):
            filetypes.validate_upload(file)


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as error:
        filetypes.validate_upload(empty_file("leeg.pdf"))
    assert error.value.messages == ["The file “leeg.pdf” is empty."]


def test_a_file_over_the_limit_is_refused(settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1024
    big = pdf_file("groot.pdf", text="x" * 2000)
    with pytest.raises(ValidationError) as error:
        filetypes.validate_upload(big)
    assert error.value.code == "too_large"
    assert "the limit is 1,0\xa0KB" in error.value.messages[0]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Contract Kevin.PDF", "Contract_Kevin.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\Users\\an\\scan.pdf", "scan.pdf"),
        ("...pdf", "document.pdf"),
        ("", "document.pdf"),
    ],
)
def test_file_names_are_made_safe(name, expected):
    assert filetypes.clean_filename(name, filetypes.PDF) == expected
