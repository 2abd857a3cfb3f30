"""What the schema says matches what the API sends (issue 19 item 8, schema nits): times of
day, the content types of file downloads, and a 414 for an address that is too long."""

import re
from datetime import time, timedelta
from decimal import Decimal

import pytest

from werkplek.api.tests.helpers import org_url
from werkplek.competences.tests.factories import running
from werkplek.documents.services import document_upload
from werkplek.documents.tests.factories import docx_file, image_file, pdf_file
from werkplek.plans.models import LearningMoment
from werkplek.plans.services import learning_moment_save, plan_start


@pytest.fixture
def openapi(client):
    return client.get("/api/v1/openapi.json").json()


def test_a_time_of_day_is_documented_as_it_is_sent(api_for, openapi, make_trajectory, mentor):
    """JSON Schema's "time" format is RFC 3339's full-time, with an offset ("09:30:00+01:00");
    a moment's start is a local time of day without one, so the schema gives its pattern."""
    trajectory = running(make_trajectory, mentors=[mentor])
    version = plan_start(trajectory=trajectory, by=mentor)
    learning_moment_save(
        moment=LearningMoment(
            version=version,
            date=trajectory.period_start + timedelta(days=3),
            start_time=time(9, 30),
            duration_hours=Decimal("2"),
            topic="Manoeuvreren",
        )
    )
    sent = api_for(mentor).get(org_url("plans")).json()["items"][0]["moments"][0]["start_time"]
    documented = next(
        option
        for option in openapi["components"]["schemas"]["MomentOut"]["properties"]["start_time"][
            "anyOf"
        ]
        if option.get("type") == "string"
    )
    assert documented.get("format") != "time"
    assert re.fullmatch(documented["pattern"], sent)
    assert sent == "09:30:00"


def test_a_file_download_has_a_documented_content_type(
    api_for, openapi, make_trajectory, coordinator
):
    trajectory = make_trajectory()
    operation = openapi["paths"]["/api/v1/organisations/{org}/documents/{public_id}/file"]["get"]
    documented = set(operation["responses"]["200"]["content"])
    for file in (pdf_file(), image_file(), image_file("foto.jpg", "JPEG"), docx_file()):
        document = document_upload(
            candidate=trajectory.candidate, trajectory=trajectory, file=file, by=coordinator
        )
        answer = api_for(coordinator).get(org_url(f"documents/{document.public_id}/file"))
        assert answer.status_code == 200
        assert answer["Content-Type"] in documented, answer["Content-Type"]


def test_an_address_that_is_too_long_is_a_structured_414(api_for, client_for, coordinator, openapi):
    long_search = "x" * 5000
    answer = api_for(coordinator).get(org_url("candidates"), q=long_search)
    assert answer.status_code == 414
    assert answer.json() == {
        "errors": [
            {
                "field": None,
                "code": "uri_too_long",
                "message": "Het adres is te lang. Kort de zoekterm of de filters in.",
            }
        ]
    }
    page = client_for(coordinator).get("/o/autocars/candidates/", {"q": long_search})
    assert page.status_code == 414
    assert "Adres te lang" in page.content.decode()
    # documented wherever it can happen
    for path in openapi["paths"].values():
        for operation in path.values():
            assert "414" in operation["responses"]
    # a long search (3,000 characters) still works
    found = client_for(coordinator).get("/o/autocars/candidates/", {"q": "x" * 3000})
    assert found.status_code == 200
