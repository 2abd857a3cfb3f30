"""The logbook pages: who sees and changes what, bad input, the phone path."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from werkplek.competences.tests.factories import competence, running
from werkplek.logbook.models import LogEntry
from werkplek.logbook.services import log_entry_create


@pytest.fixture
def mine(make_trajectory, mentor, trainee):
    trajectory = running(make_trajectory, mentors=[mentor])
    trajectory.candidate.user = trainee
    trajectory.candidate.save()
    return trajectory


@pytest.fixture
def theirs(make_trajectory, other_mentor):
    return running(make_trajectory, mentors=[other_mentor])


def entry(trajectory, author, text, by_trainee=False):
    return log_entry_create(
        trajectory=trajectory,
        author=author,
        by_trainee=by_trainee,
        day=timezone.localdate(),
        description=text,
    )


def url(trajectory, rest=""):
    return f"/o/autocars/logbook/{trajectory.public_id}/{rest}"


def test_a_trainee_sees_only_their_own_logbook(
    client_for, mine, theirs, mentor, other_mentor, trainee
):
    entry(mine, mentor, "Rondleiding in de stelplaats")
    entry(theirs, other_mentor, "Geheime notitie over iemand anders")
    client = client_for(trainee)
    assert client.get("/o/autocars/logbook/mine/")["Location"] == url(mine)
    page = client.get(url(mine)).content.decode()
    assert "Rondleiding in de stelplaats" in page
    assert "Geheime notitie" not in page
    assert client.get(url(theirs)).status_code == 404


def test_a_mentor_sees_only_their_trainees(
    client_for, mine, theirs, mentor, other_mentor, coordinator
):
    other = entry(theirs, other_mentor, "Notitie van Olga")
    client = client_for(mentor)
    assert client.get(url(theirs)).status_code == 404
    assert client.get(f"/o/autocars/logbook/entry/{other.public_id}/edit/").status_code == 404
    assert client.post(f"/o/autocars/logbook/entry/{other.public_id}/delete/").status_code == 404
    assert "Notitie van Olga" in client_for(coordinator).get(url(theirs)).content.decode()


def test_only_the_author_or_staff_change_an_entry(client_for, mine, mentor, trainee, coordinator):
    by_mentor = entry(mine, mentor, "Observatie van de mentor")
    by_trainee = entry(mine, trainee, "Mijn eigen verslag", by_trainee=True)
    trainee_client = client_for(trainee)
    assert (
        trainee_client.get(f"/o/autocars/logbook/entry/{by_mentor.public_id}/edit/").status_code
        == 403
    )
    assert (
        trainee_client.post(f"/o/autocars/logbook/entry/{by_mentor.public_id}/delete/").status_code
        == 403
    )
    response = trainee_client.post(
        f"/o/autocars/logbook/entry/{by_trainee.public_id}/edit/",
        {
            "description": "Mijn verslag, aangevuld",
            "date": timezone.localdate().isoformat(),
            "kind": "unorganised",
        },
    )
    assert response.status_code == 302
    by_trainee.refresh_from_db()
    assert by_trainee.description == "Mijn verslag, aangevuld"
    assert (
        client_for(coordinator)
        .post(f"/o/autocars/logbook/entry/{by_mentor.public_id}/delete/")
        .status_code
        == 302
    )
    assert not LogEntry.objects.filter(pk=by_mentor.pk).exists()


def test_bad_input_is_shown_beside_the_field_kept_and_not_saved(client_for, mine, mentor):
    response = client_for(mentor).post(
        url(mine, "new/"),
        {
            "description": "Omleiding gereden",
            "date": (timezone.localdate() + timedelta(days=2)).isoformat(),
            "kind": "unorganised",
            "hours": "30",
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_hours_error"' in page and "Omleiding gereden" in page
    assert not LogEntry.objects.exists()
    response = client_for(mentor).post(
        url(mine, "new/"),
        {
            "description": "Omleiding gereden",
            "date": (timezone.localdate() + timedelta(days=2)).isoformat(),
            "kind": "unorganised",
        },
    )
    assert response.status_code == 422 and 'id="id_date_error"' in response.content.decode()
    assert not LogEntry.objects.exists()


class FormReader(HTMLParser):
    """The form fields of a page with the values a browser would send untouched."""

    def __init__(self):
        super().__init__()
        self.action, self.fields, self._select = None, {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("enctype") == "multipart/form-data":
            self.action = attrs.get("action") or ""
        if self.action is None:
            return
        if tag == "input" and attrs.get("type") not in ("file", "submit"):
            if attrs.get("type") in ("radio", "checkbox") and "checked" not in attrs:
                return
            self.fields[attrs["name"]] = attrs.get("value", "")
        elif tag == "textarea":
            self.fields[attrs["name"]] = ""
        elif tag == "select":
            self._select = attrs["name"]
            self.fields[self._select] = ""
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def test_a_mentor_logs_an_unorganised_moment_in_three_interactions_from_my_trainees(
    client_for, mine, mentor
):
    """On the phone: 1. tap "Log" on the trainee's card, 2. type what happened, 3. save."""
    client = client_for(mentor)
    trainees = client.get("/o/autocars/trajectories/mine/").content.decode()
    log_link = url(mine, "new/")
    assert f'href="{log_link}"' in trainees and ">Log<" in trainees  # 1. tap "Log"
    form_page = client.get(log_link).content.decode()
    reader = FormReader()
    reader.feed(form_page)
    assert (
        "autofocus"
        in form_page.split('name="description"')[0].rsplit("<textarea", 1)[1]
        + form_page.split('name="description"')[1].split(">")[0]
    )
    reader.fields["description"] = "Passagier met rolstoel geholpen aan de halte."  # 2. type
    response = client.post(reader.action or log_link, reader.fields)  # 3. save
    assert response.status_code == 302
    entry = LogEntry.objects.get(trajectory=mine)
    assert (entry.kind, entry.date, entry.author) == ("unorganised", timezone.localdate(), mentor)
    page = client.get(response["Location"]).content.decode()
    assert "Passagier met rolstoel geholpen aan de halte." in page


def test_the_form_offers_the_levels_of_the_scale_to_the_mentor_only(
    client_for, mine, mentor, trainee, organisation
):
    eco = competence(organisation, "eco_driving")
    mentor_page = client_for(mentor).get(url(mine, "new/")).content.decode()
    trainee_page = client_for(trainee).get(url(mine, "new/")).content.decode()
    assert f'name="competence_{eco.pk}"' in mentor_page and "gezien: zelfstandig" in mentor_page
    assert (
        f'name="competence_{eco.pk}"' in trainee_page and "gezien: zelfstandig" not in trainee_page
    )


def test_the_logbook_list_paginates_with_bounded_queries(
    client_for, mine, mentor, organisation, django_assert_max_num_queries, settings
):
    eco = competence(organisation, "eco_driving")
    from werkplek.logbook.services import Observation

    def add(count):
        for index in range(count):
            log_entry_create(
                trajectory=mine,
                author=mentor,
                by_trainee=False,
                day=timezone.localdate(),
                description=f"Rit {index}",
                observations=[Observation(eco, 2)],
            )

    add(2)
    client = client_for(mentor)
    with django_assert_max_num_queries(25) as captured:
        client.get(url(mine))
    add(20)
    with django_assert_max_num_queries(len(captured.captured_queries)):
        page = client.get(url(mine)).content.decode()
    assert "22 notities" in page
