from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from werkplek.competences.tests.factories import running
from werkplek.logbook.models import LogEntry
from werkplek.logbook.photos import MAX_PHOTO_BYTES


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def trajectory(make_trajectory, mentor):
    return running(make_trajectory, mentors=[mentor])


def png_with_location(width=1700, height=800) -> bytes:
    image = Image.new("RGB", (width, height), "orange")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {2: (51.0, 3.0, 0.0)}  # GPS info: latitude
    output = BytesIO()
    image.save(output, format="PNG", exif=exif)
    return output.getvalue()


def post(client, trajectory, upload):
    return client.post(
        f"/o/autocars/logbook/{trajectory.public_id}/new/",
        {
            "description": "Defect remlicht gemeld",
            "date": timezone.localdate().isoformat(),
            "kind": "unorganised",
            "photo": upload,
        },
    )


def test_a_photo_is_stored_as_a_smaller_jpeg_without_its_exif(client_for, trajectory, mentor):
    response = post(
        client_for(mentor), trajectory, SimpleUploadedFile("IMG_1234.png", png_with_location())
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get()
    with entry.photo.open("rb") as handle:
        stored = handle.read()
    assert stored[:3] == b"\xff\xd8\xff"  # JPEG
    image = Image.open(BytesIO(stored))
    assert max(image.size) == 1600 and not image.getexif()
    assert entry.photo.name == f"logbook/{trajectory.public_id}/{entry.public_id}.jpg"


def test_a_file_that_is_not_a_photo_is_refused_whatever_its_name(client_for, trajectory, mentor):
    fake = SimpleUploadedFile("foto.jpg", b"%PDF-1.7 not a photo at all", content_type="image/jpeg")
    response = post(client_for(mentor), trajectory, fake)
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_photo_error"' in page and "Defect remlicht gemeld" in page
    assert not LogEntry.objects.exists()


def test_a_photo_over_the_size_limit_is_refused(client_for, trajectory, mentor):
    big = SimpleUploadedFile("groot.png", b"\x89PNG" + b"0" * MAX_PHOTO_BYTES)
    response = post(client_for(mentor), trajectory, big)
    assert response.status_code == 422 and 'id="id_photo_error"' in response.content.decode()
    assert not LogEntry.objects.exists()


def test_the_photo_is_served_only_to_who_may_see_the_entry(
    client_for, trajectory, mentor, other_mentor, coordinator
):
    post(client_for(mentor), trajectory, SimpleUploadedFile("a.png", png_with_location(40, 30)))
    entry = LogEntry.objects.get()
    url = f"/o/autocars/logbook/entry/{entry.public_id}/photo/"
    response = client_for(coordinator).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
    assert client_for(other_mentor).get(url).status_code == 404
