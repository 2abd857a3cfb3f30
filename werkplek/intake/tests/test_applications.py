from datetime import timedelta

from django.utils import timezone

from werkplek.candidates.models import Candidate
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.intake.models import Application
from werkplek.trajectories.models import Status, Trajectory


def html(response) -> str:
    return response.content.decode()


NEW = {
    "candidate-first_name": "Sander",
    "candidate-last_name": "Peeters",
    "candidate-email": "sander.peeters@example.be",
    "candidate-phone": "0478 11 22 33",
    "candidate-language": "nl",
    "application-received_on": "2026-11-20",
    "application-requested_kind": "ibo",
    "application-source": "vdab",
    "application-contact_name": "Els Vermeersch",
    "application-contact_organisation": "VDAB Gent",
    "application-contact_email": "els.vermeersch@vdab.be",
    "application-contact_phone": "09 265 12 34",
    "application-motivation": "Wil buschauffeur worden.",
}


def test_a_new_application_opens_a_draft_trajectory(client_for, coordinator, organisation):
    response = client_for(coordinator).post("/o/autocars/intake/applications/new/", NEW)
    application = Application.objects.get()
    trajectory = application.trajectory
    assert response.status_code == 302
    assert response["Location"] == f"/o/autocars/intake/trajectory/{trajectory.public_id}/"
    assert (trajectory.status, trajectory.kind, trajectory.coordinator) == (
        Status.DRAFT,
        "ibo",
        coordinator,
    )
    assert (application.contact_organisation, application.candidate.source) == ("VDAB Gent", "vdab")
    assert trajectory.checklist_items.get(code="application").state == "done"
    page = html(client_for(coordinator).get(response["Location"]))
    assert "VDAB Gent" in page and "Els Vermeersch" in page and "Motivatiegesprek" in page
    listing = html(client_for(coordinator).get("/o/autocars/intake/applications/"))
    assert "Sander Peeters" in listing and "1 aanmelding" in listing


def test_bad_input_keeps_what_was_typed_and_saves_nothing(client_for, coordinator):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    data = {
        **NEW,
        "candidate-email": "geen-adres",
        "application-received_on": tomorrow,
        "application-contact_organisation": "",
        "application-contact_phone": "bel me",
    }
    response = client_for(coordinator).post("/o/autocars/intake/applications/new/", data)
    assert response.status_code == 422
    page = html(response)
    for field in (
        "candidate-email",
        "application-contact_organisation",
        "application-contact_phone",
    ):
        assert f'id="id_{field}_error"' in page, field
    assert "Welke school of welk VDAB-kantoor stuurt de kandidaat?" in page
    assert 'value="Sander"' in page and 'value="bel me"' in page
    assert not Candidate.objects.exists() and not Trajectory.objects.exists()
    data = {**NEW, "application-received_on": tomorrow}
    response = client_for(coordinator).post("/o/autocars/intake/applications/new/", data)
    assert response.status_code == 422 and "Deze datum ligt in de toekomst." in html(response)
    assert not Candidate.objects.exists() and not Application.objects.exists()


def test_a_known_candidate_applies_again(client_for, coordinator, organisation):
    candidate = CandidateFactory(organisation=organisation, source="school")
    fields = {key: value for key, value in NEW.items() if key.startswith("application-")}
    response = client_for(coordinator).post(
        f"/o/autocars/intake/applications/new/?candidate={candidate.public_id}",
        {**fields, "application-requested_kind": "onboarding", "application-source": "vacancy"},
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.source == "vacancy"  # where the latest application came from
    assert candidate.trajectories.get().kind == "onboarding"


def test_the_application_of_a_trajectory_opened_without_one(
    client_for, coordinator, make_trajectory
):
    trajectory = make_trajectory()
    tab = html(
        client_for(coordinator).get(f"/o/autocars/intake/trajectory/{trajectory.public_id}/")
    )
    assert "Geen aanmelding geregistreerd voor dit traject." in tab
    response = client_for(coordinator).post(
        f"/o/autocars/intake/trajectory/{trajectory.public_id}/application/",
        {"received_on": "2026-10-01", "requested_kind": "ibo", "source": "application"},
    )
    assert response.status_code == 302
    assert trajectory.application.source == "application"
    assert trajectory.events.filter(action="intake.application.recorded").exists()


def test_applications_are_for_staff_only(client_for, mentor, make_trajectory):
    assert client_for(mentor).get("/o/autocars/intake/applications/").status_code == 403


def test_the_list_shows_what_is_still_to_be_handled(client_for, coordinator, make_trajectory):
    client_for(coordinator).post("/o/autocars/intake/applications/new/", NEW)
    accepted = Application.objects.get().trajectory
    from werkplek.conftest import membership_of
    from werkplek.trajectories import transitions

    transitions.trajectory_confirm(
        trajectory=accepted, membership=membership_of(coordinator, accepted.organisation)
    )
    assert "Sander Peeters" not in html(
        client_for(coordinator).get("/o/autocars/intake/applications/")
    )
    confirmed = html(client_for(coordinator).get("/o/autocars/intake/applications/?state=accepted"))
    assert "Sander Peeters" in confirmed


def test_knowing_nobody_and_naming_a_cousin_is_refused_beside_the_field(client_for, coordinator):
    data = {
        **NEW,
        "candidate-has_relations_in_company": "no",
        "candidate-relations_in_company": "Neef van Johan Wouters",
    }
    response = client_for(coordinator).post("/o/autocars/intake/applications/new/", data)
    assert response.status_code == 422
    page = html(response)
    assert 'id="id_candidate-relations_in_company_error"' in page
    assert 'value="Neef van Johan Wouters"' in page
    assert not Candidate.objects.exists()
    data["candidate-has_relations_in_company"] = "yes"
    response = client_for(coordinator).post("/o/autocars/intake/applications/new/", data)
    assert response.status_code == 302
    candidate = Candidate.objects.get()
    assert (candidate.has_relations_in_company, candidate.relations_in_company) == (
        True,
        "Neef van Johan Wouters",
    )
