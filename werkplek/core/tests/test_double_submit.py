"""Double submits (issue 19 item 5): a form sent twice (a double click, a resend after a
slow answer) makes one record, and the second answer is the first one's.

Each create form carries a one-time token; the test posts the same page's form twice.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from werkplek.competences.tests.factories import running
from werkplek.core.tests.posted import posted
from werkplek.documents.models import Document
from werkplek.documents.tests.factories import pdf_file
from werkplek.intake.models import Meeting
from werkplek.logbook.models import LogEntry

ORG = "/o/autocars"


@pytest.fixture
def trajectory(make_trajectory, mentor):
    return running(make_trajectory, mentors=[mentor])


def twice(client, url, data, files=None):
    """The same form sent twice; files are sent again as the browser would."""
    answers = []
    for _attempt in range(2):
        sent = {**data, **({name: make() for name, make in files.items()} if files else {})}
        answers.append(client.post(url, sent))
    return answers


def same_answer(first, second) -> None:
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]


def test_a_logbook_entry_sent_twice_is_logged_once(client_for, mentor, trajectory):
    url = f"{ORG}/logbook/{trajectory.public_id}/new/"
    client = client_for(mentor)
    data = {**posted(client.get(url).content.decode(), "submit_token"), "description": "Rijles"}
    same_answer(*twice(client, url, data))
    assert LogEntry.objects.filter(trajectory=trajectory).count() == 1


def test_a_refused_first_send_does_not_use_up_the_form(client_for, mentor, trajectory):
    url = f"{ORG}/logbook/{trajectory.public_id}/new/"
    client = client_for(mentor)
    data = posted(client.get(url).content.decode(), "submit_token")
    refused = client.post(url, {**data, "description": ""})
    assert refused.status_code == 422
    again = posted(refused.content.decode(), "submit_token")
    assert again["submit_token"] == data["submit_token"]
    assert client.post(url, {**again, "description": "Rijles"}).status_code == 302
    assert LogEntry.objects.filter(trajectory=trajectory).count() == 1


def test_a_meeting_planned_twice_is_planned_once(client_for, mentor, trajectory):
    url = f"{ORG}/intake/trajectory/{trajectory.public_id}/meetings/new/"
    client = client_for(mentor)
    starts = timezone.localtime() + timedelta(days=3)
    data = {
        **posted(client.get(url).content.decode(), "submit_token"),
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "place": "Stelplaats",
    }
    same_answer(*twice(client, url, data))
    assert Meeting.objects.filter(trajectory=trajectory).count() == 1


def test_a_document_uploaded_twice_is_stored_once(client_for, coordinator, trajectory):
    url = f"{ORG}/documents/trajectory/{trajectory.public_id}/add/"
    client = client_for(coordinator)
    data = {
        **posted(client.get(url).content.decode(), "submit_token"),
        "kind": "other",
        "title": "Attest",
    }
    same_answer(*twice(client, url, data, files={"file": lambda: pdf_file("attest.pdf")}))
    assert Document.objects.filter(trajectory=trajectory, title="Attest").count() == 1


def test_another_users_token_makes_nothing(client_for, mentor, coordinator, trajectory):
    """A token belongs to the user whose form it is: replayed by someone else, it is refused."""
    url = f"{ORG}/logbook/{trajectory.public_id}/new/"
    data = {
        **posted(client_for(mentor).get(url).content.decode(), "submit_token"),
        "description": "Rijles",
    }
    assert client_for(mentor).post(url, data).status_code == 302
    assert client_for(coordinator).post(url, data).status_code == 422
    assert LogEntry.objects.filter(trajectory=trajectory).count() == 1
