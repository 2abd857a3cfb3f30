"""Lost updates (issue 19 item 5): two people saving one record at once.

The race is made deterministic: the page is opened, its form is posted unchanged but for
what this user types, and someone else's save lands *after* the form was checked and before
the service writes (inside the view's form validation). The later save must be refused
with the stale message, keep what was typed, and leave the other person's change; posting
the refused form again then saves knowingly.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from werkplek.candidates.forms import CandidateForm
from werkplek.candidates.models import Candidate
from werkplek.candidates.services import candidate_update
from werkplek.competences.tests.factories import running
from werkplek.core.tests.posted import posted
from werkplek.credentials.forms import CredentialForm
from werkplek.credentials.models import Credential
from werkplek.credentials.services import credential_update
from werkplek.credentials.tests.factories import record
from werkplek.evaluations.forms import LevelsForm
from werkplek.evaluations.services import mentor_scores_save
from werkplek.evaluations.tests.factories import levels, scheduled
from werkplek.intake.forms import MeetingForm
from werkplek.intake.models import Meeting, MeetingKind
from werkplek.intake.services import meeting_plan, meeting_update
from werkplek.logbook.forms import LogEntryForm
from werkplek.logbook.models import LogEntry
from werkplek.logbook.services import log_entry_create, log_entry_update
from werkplek.printing.forms import WorkstationSheetForm
from werkplek.printing.models import WorkstationSheet
from werkplek.printing.services import workstation_sheet_save
from werkplek.trajectories.forms import TrajectoryForm
from werkplek.trajectories.models import Status, Trajectory
from werkplek.trajectories.services import trajectory_update

STALE = "Iemand anders bewaarde"
ORG = "/o/autocars"


def saved_meanwhile(monkeypatch, form_class, save) -> None:
    """Run `save` (someone else's save) once, right after the form was checked."""
    original = form_class.clean
    done = []

    def clean(self):
        data = original(self)
        if not done:
            done.append(True)
            save()
        return data

    monkeypatch.setattr(form_class, "clean", clean)


def refused_then_saved(client, url, data, *, typed: str, ok=(302,)) -> None:
    """The stale post is refused with what was typed kept; the refused form saves."""
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 422, page[:2000]
    assert STALE in page
    assert typed in page
    again = client.post(url, posted(page))
    assert again.status_code in ok, again.content.decode()[:2000]


def test_candidate(monkeypatch, client_for, coordinator, make_trajectory):
    candidate = make_trajectory().candidate
    url = f"{ORG}/candidates/{candidate.public_id}/edit/"
    client = client_for(coordinator)
    data = {**posted(client.get(url).content.decode()), "last_name": "Tabéén"}
    saved_meanwhile(
        monkeypatch,
        CandidateForm,
        lambda: candidate_update(candidate=Candidate.objects.get(pk=candidate.pk), phone="0470 12"),
    )
    response = client.post(url, data)
    assert response.status_code == 422 and STALE in response.content.decode()
    assert 'value="Tabéén"' in response.content.decode()
    fresh = Candidate.objects.get(pk=candidate.pk)
    assert (fresh.last_name, fresh.phone) == (candidate.last_name, "0470 12")
    assert client.post(url, posted(response.content.decode())).status_code == 302
    assert Candidate.objects.get(pk=candidate.pk).last_name == "Tabéén"


def test_trajectory(monkeypatch, client_for, coordinator, make_trajectory):
    trajectory = make_trajectory(hours_per_week=38)
    url = f"{ORG}/trajectories/{trajectory.public_id}/edit/"
    client = client_for(coordinator)
    data = {**posted(client.get(url).content.decode()), "hours_per_week": "20"}
    saved_meanwhile(
        monkeypatch,
        TrajectoryForm,
        lambda: trajectory_update(
            trajectory=Trajectory.objects.get(pk=trajectory.pk), by=coordinator, hours_per_week=30
        ),
    )
    refused_then_saved(client, url, data, typed='value="20"')
    assert Trajectory.objects.get(pk=trajectory.pk).hours_per_week == 20


def test_trajectory_update_writes_only_what_changed(coordinator, make_trajectory):
    """A stale copy (loaded before someone moved the trajectory on) writes only its edits."""
    trajectory = make_trajectory(hours_per_week=38)
    stale = Trajectory.objects.get(pk=trajectory.pk)
    Trajectory.objects.filter(pk=trajectory.pk).update(status=Status.CLOSED, job_title="Later")
    trajectory_update(trajectory=stale, by=coordinator, hours_per_week=20)
    fresh = Trajectory.objects.get(pk=trajectory.pk)
    assert (fresh.hours_per_week, fresh.status, fresh.job_title) == (20, Status.CLOSED, "Later")


def test_credential(monkeypatch, client_for, coordinator, make_trajectory):
    credential = record(make_trajectory().candidate, "licence_d", by=coordinator, number="111")
    url = f"{ORG}/credentials/{credential.public_id}/edit/"
    client = client_for(coordinator)
    data = {**posted(client.get(url).content.decode()), "number": "222"}

    def other():
        current = Credential.objects.select_related("type", "candidate").get(pk=credential.pk)
        credential_update(credential=current, by=coordinator, verified=None, number="999")

    saved_meanwhile(monkeypatch, CredentialForm, other)
    refused_then_saved(client, url, data, typed='value="222"')
    assert Credential.objects.get(pk=credential.pk).number == "222"


@pytest.fixture
def running_trajectory(make_trajectory, mentor):
    return running(make_trajectory, mentors=[mentor])


def test_logbook_entry(monkeypatch, client_for, mentor, coordinator, running_trajectory):
    entry = log_entry_create(
        trajectory=running_trajectory,
        author=mentor,
        by_trainee=False,
        day=timezone.localdate(),
        description="Eerste versie",
    )
    url = f"{ORG}/logbook/entry/{entry.public_id}/edit/"
    client = client_for(mentor)
    data = {**posted(client.get(url).content.decode()), "description": "Mijn aanvulling"}

    def other():
        current = LogEntry.objects.get(pk=entry.pk)
        log_entry_update(
            entry=current,
            by=coordinator,
            day=current.date,
            kind=current.kind,
            description="Aanvulling van de coördinator",
        )

    saved_meanwhile(monkeypatch, LogEntryForm, other)
    response = client.post(url, data)
    assert response.status_code == 422 and STALE in response.content.decode()
    assert "Mijn aanvulling" in response.content.decode()
    assert LogEntry.objects.get(pk=entry.pk).description == "Aanvulling van de coördinator"
    assert client.post(url, posted(response.content.decode())).status_code == 302
    assert LogEntry.objects.get(pk=entry.pk).description == "Mijn aanvulling"


def test_meeting(monkeypatch, client_for, mentor, coordinator, running_trajectory):
    meeting = meeting_plan(
        trajectory=running_trajectory,
        by=coordinator,
        participants=[mentor],
        kind=MeetingKind.MOTIVATION_INTERVIEW,
        starts_at=timezone.now() + timedelta(days=2),
        place="Stelplaats",
    )
    url = f"{ORG}/intake/meetings/{meeting.public_id}/edit/"
    client = client_for(mentor)
    data = {**posted(client.get(url).content.decode()), "notes": "Notities van de mentor"}

    def other():
        meeting_update(
            meeting=Meeting.objects.select_related("trajectory").get(pk=meeting.pk),
            by=coordinator,
            notes="Notities van de coördinator",
        )

    saved_meanwhile(monkeypatch, MeetingForm, other)
    response = client.post(url, data)
    assert response.status_code == 422 and STALE in response.content.decode()
    assert "Notities van de mentor" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).notes == "Notities van de coördinator"
    assert client.post(url, posted(response.content.decode())).status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).notes == "Notities van de mentor"


def test_workstation_sheet(monkeypatch, client_for, mentor, coordinator, running_trajectory):
    sheet = WorkstationSheet(trajectory=running_trajectory, workstation="Chauffeur")
    workstation_sheet_save(sheet=sheet, risks={}, by=coordinator)
    url = f"{ORG}/print/{running_trajectory.public_id}/workstation-sheet/"
    client = client_for(mentor)
    data = {**posted(client.get(url).content.decode()), "activities": "Lijndienst rijden"}

    def other():
        current = WorkstationSheet.objects.get(pk=sheet.pk)
        current.activities = "Schoolvervoer"
        workstation_sheet_save(sheet=current, risks={}, by=coordinator)

    saved_meanwhile(monkeypatch, WorkstationSheetForm, other)
    response = client.post(url, data)
    assert response.status_code == 422 and STALE in response.content.decode()
    assert "Lijndienst rijden" in response.content.decode()
    assert WorkstationSheet.objects.get(pk=sheet.pk).activities == "Schoolvervoer"
    assert client.post(url, posted(response.content.decode())).status_code == 302
    assert WorkstationSheet.objects.get(pk=sheet.pk).activities == "Lijndienst rijden"


def test_a_second_first_werkpostfiche_is_refused(
    client_for, mentor, coordinator, running_trajectory
):
    """Two people open the not yet saved werkpostfiche; the second first save is refused."""
    url = f"{ORG}/print/{running_trajectory.public_id}/workstation-sheet/"
    client = client_for(mentor)
    data = {**posted(client.get(url).content.decode()), "workstation": "Chauffeur lijndienst"}
    first = WorkstationSheet(trajectory=running_trajectory, workstation="Chauffeur")
    workstation_sheet_save(sheet=first, risks={}, by=coordinator)
    response = client.post(url, data)
    assert response.status_code == 422 and STALE in response.content.decode()
    assert WorkstationSheet.objects.get(trajectory=running_trajectory).activities == ""


def test_evaluation_scores(monkeypatch, client_for, mentor, coordinator, running_trajectory):
    """Mentor and coordinator scoring at once no longer lose each other's text."""
    evaluation = scheduled(running_trajectory, mentor)
    url = f"{ORG}/evaluations/e/{evaluation.public_id}/score/"
    client = client_for(mentor)
    data = {**posted(client.get(url).content.decode()), "strengths": "Stipt (mentor)"}
    saved_meanwhile(
        monkeypatch,
        LevelsForm,
        lambda: mentor_scores_save(
            evaluation=type(evaluation).objects.get(pk=evaluation.pk),
            levels=levels(running_trajectory, {"manoeuvring": 3}, "Coördinator zegt"),
            strengths="Vriendelijk (coördinator)",
            improvements="",
            by=coordinator,
        ),
    )
    response = client.post(url, data)
    assert response.status_code == 422 and STALE in response.content.decode()
    assert "Stipt (mentor)" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.strengths == "Vriendelijk (coördinator)"
    assert evaluation.mentor_scores.get().comment == "Coördinator zegt"
    assert client.post(url, posted(response.content.decode())).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.strengths == "Stipt (mentor)"
