import json
from datetime import date, timedelta

from django.urls import reverse

from werkplek.audit.gdpr import retention_enforce
from werkplek.audit.models import Erasure, RetentionPolicy
from werkplek.candidates.models import Candidate
from werkplek.credentials.models import Credential
from werkplek.credentials.tests.factories import record
from werkplek.documents.models import Document
from werkplek.documents.tests.factories import one_of_each as documents_of_each
from werkplek.notifications.schedule import PERIODIC_JOBS
from werkplek.trajectories.models import Trajectory


def url(name, candidate):
    return reverse(name, kwargs={"org": "autocars", "public_id": candidate.public_id})


def test_the_export_holds_everything_about_the_person(client_for, coordinator, make_trajectory):
    trajectory = make_trajectory()
    candidate = trajectory.candidate
    record(candidate, "licence_d", by=coordinator)
    response = client_for(coordinator).get(url("audit:person_json", candidate))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["person"] == candidate.full_name
    models = {section["model"] for section in data["sections"]}
    assert {
        "candidates.Candidate",
        "trajectories.Trajectory",
        "checklists.ChecklistItem",
        "credentials.Credential",
    } <= models
    candidate_record = next(s for s in data["sections"] if s["model"] == "candidates.Candidate")
    assert candidate_record["records"][0]["last_name"] == candidate.last_name

    page = client_for(coordinator).get(url("audit:person", candidate))
    assert page.status_code == 200
    assert "1234567890" in page.content.decode()  # the licence number


def test_erasing_anonymises_keeps_the_trajectory_and_the_fact(
    client_for, admin, coordinator, make_trajectory
):
    trajectory = make_trajectory()
    candidate = trajectory.candidate
    name = candidate.last_name
    record(candidate, "licence_d", by=coordinator)
    documents_of_each(trajectory=trajectory, by=coordinator)
    files = [d.file.path for d in Document.objects.filter(candidate=candidate)]
    assert files
    client = client_for(admin)
    # Without the confirmation nothing happens.
    response = client.post(url("audit:person_erase", candidate), {"reason": "Op vraag"})
    assert response.status_code == 422
    assert Candidate.objects.get(pk=candidate.pk).last_name == name
    response = client.post(
        url("audit:person_erase", candidate), {"reason": "Op vraag per e-mail", "confirm": "on"}
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert name not in (candidate.first_name, candidate.last_name)
    assert candidate.email == "" and candidate.date_of_birth is None
    assert Trajectory.objects.filter(pk=trajectory.pk).exists()
    assert not Credential.objects.filter(candidate=candidate).exists()
    assert not Document.objects.filter(candidate=candidate).exists()
    assert not any(__import__("os").path.exists(path) for path in files)
    # History no longer holds the name, but the erasure is recorded.
    assert not Candidate.history.filter(id=candidate.pk, last_name=name).exists()
    erasure = Erasure.objects.get(candidate=candidate)
    assert erasure.by == admin and erasure.summary["credentials"] == 1
    privacy = client.get(reverse("audit:privacy", kwargs={"org": "autocars"})).content.decode()
    assert "Op vraag per e-mail" in privacy


def test_only_admins_erase(client_for, coordinator, make_trajectory):
    candidate = make_trajectory().candidate
    assert client_for(coordinator).get(url("audit:person_erase", candidate)).status_code == 403


def test_retention_anonymises_people_whose_trajectories_ended_long_ago(
    organisation, coordinator, make_trajectory
):
    old = make_trajectory()
    Trajectory.objects.filter(pk=old.pk).update(
        status="closed", actual_end=date.today() - timedelta(days=3 * 366)
    )
    recent = make_trajectory()
    Trajectory.objects.filter(pk=recent.pk).update(
        status="closed", actual_end=date.today() - timedelta(days=30)
    )
    still_open = make_trajectory()
    RetentionPolicy.objects.create(organisation=organisation, years_after_end=2)
    assert retention_enforce(today=date.today()) == 1
    assert Erasure.objects.get().candidate_id == old.candidate_id
    assert retention_enforce(today=date.today()) == 0  # once is enough
    for kept in (recent, still_open):
        assert Candidate.objects.get(pk=kept.candidate_id).last_name == kept.candidate.last_name
    assert any(job.name == "audit.retention" for job in PERIODIC_JOBS)


def test_admins_set_the_retention_period_coordinators_read_it(client_for, admin, coordinator):
    page = reverse("audit:privacy", kwargs={"org": "autocars"})
    assert client_for(coordinator).post(page, {"years_after_end": "3"}).status_code == 403
    assert client_for(admin).post(page, {"years_after_end": "-1"}).status_code == 422
    assert client_for(admin).post(page, {"years_after_end": "3"}).status_code == 302
    assert RetentionPolicy.objects.get().years_after_end == 3
    assert "Verwerkingsregister" in client_for(coordinator).get(page).content.decode()
