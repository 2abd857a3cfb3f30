"""Two tabs editing the same record: the later save is refused with a clear message."""

import re
from datetime import date

from django.db.models import Model
from django.urls import reverse

from werkplek.candidates.models import Candidate
from werkplek.candidates.services import candidate_update
from werkplek.credentials.models import Credential
from werkplek.credentials.tests.factories import record
from werkplek.trajectories.forms import TrajectoryForm
from werkplek.trajectories.models import Trajectory

STALE = "Iemand anders bewaarde"


def version_in(page: str) -> str:
    return re.search(r'name="version" value="([^"]+)"', page)[1]


def data_of(form) -> dict:
    """What the browser would post back unchanged."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(value, date):
            value = value.strftime("%d/%m/%Y")
        elif isinstance(value, Model):
            value = value.pk
        elif isinstance(value, list | tuple):
            value = [item.pk if isinstance(item, Model) else item for item in value]
        elif value is None:
            value = ""
        if not field.disabled:
            data[name] = value
    return data


def candidate_data(candidate, **changes):
    from werkplek.candidates.forms import CandidateForm

    return {**data_of(CandidateForm(instance=candidate)), **changes}


def test_a_stale_candidate_form_is_refused_then_saved_knowingly(
    client_for, coordinator, make_trajectory
):
    candidate = make_trajectory().candidate
    url = reverse("candidates:edit", kwargs={"org": "autocars", "public_id": candidate.public_id})
    tab_one = client_for(coordinator)
    opened = version_in(tab_one.get(url).content.decode())
    # Tab two (or a colleague) saves first.
    candidate_update(candidate=Candidate.objects.get(pk=candidate.pk), phone="0470 12 34 56")
    response = tab_one.post(url, candidate_data(candidate, last_name="Tabéén", version=opened))
    assert response.status_code == 422
    page = response.content.decode()
    assert STALE in page
    assert 'value="Tabéén"' in page  # what was typed is kept
    fresh = Candidate.objects.get(pk=candidate.pk)
    assert fresh.last_name == candidate.last_name and fresh.phone == "0470 12 34 56"
    # Saving again, after the warning, overwrites knowingly.
    response = tab_one.post(
        url, candidate_data(candidate, last_name="Tabéén", version=version_in(page))
    )
    assert response.status_code == 302
    assert Candidate.objects.get(pk=candidate.pk).last_name == "Tabéén"


def test_a_stale_trajectory_form_is_refused(client_for, coordinator, make_trajectory, organisation):
    trajectory = make_trajectory()
    url = reverse(
        "trajectories:edit", kwargs={"org": "autocars", "public_id": trajectory.public_id}
    )
    client = client_for(coordinator)
    opened = version_in(client.get(url).content.decode())
    Trajectory.objects.get(pk=trajectory.pk).save()  # someone else saves
    data = data_of(TrajectoryForm(instance=trajectory, organisation=organisation))
    response = client.post(url, {**data, "version": opened})
    assert response.status_code == 422
    assert STALE in response.content.decode()
    response = client.post(url, {**data, "version": version_in(response.content.decode())})
    assert response.status_code == 302


def test_a_stale_credential_form_is_refused(client_for, coordinator, make_trajectory):
    trajectory = make_trajectory()
    credential = record(trajectory.candidate, "licence_d", by=coordinator)
    url = reverse("credentials:edit", kwargs={"org": "autocars", "public_id": credential.public_id})
    client = client_for(coordinator)
    opened = version_in(client.get(url).content.decode())
    Credential.objects.filter(pk=credential.pk).update(number="999")  # bumps nothing…
    credential.refresh_from_db()
    credential.examiner = "Another tab"
    credential.save()  # …but a save does
    data = {
        "number": "1234567890",
        "categories": ["D"],
        "expires_on": credential.expires_on.strftime("%d/%m/%Y"),
        "verified": "on",
        "version": opened,
    }
    response = client.post(url, data)
    assert response.status_code == 422
    assert STALE in response.content.decode()
    assert Credential.objects.get(pk=credential.pk).number == "999"
