from django.urls import reverse

from werkplek.audit.models import SensitiveRead
from werkplek.candidates.models import Candidate
from werkplek.candidates.services import candidate_update
from werkplek.checklists.models import ChecklistItem
from werkplek.credentials.tests.factories import record


def audit_url(trajectory):
    return reverse(
        "audit:trajectory",
        kwargs={"org": trajectory.organisation.slug, "public_id": trajectory.public_id},
    )


def candidate_form(candidate, **changes):
    data = {
        "first_name": candidate.first_name,
        "last_name": candidate.last_name,
        "email": candidate.email,
        "phone": "",
        "language": candidate.language,
        "date_of_birth": "",
        "street": "",
        "postal_code": "",
        "city": "",
        "target_group": "none",
        "target_group_note": "",
        "subsector_interest": "",
        "has_relations_in_company": "",
        "relations_in_company": "",
        "source": "other",
    }
    return {**data, **changes}


def test_an_edit_through_a_page_records_who_changed_what(client_for, coordinator, make_trajectory):
    trajectory = make_trajectory()
    candidate = trajectory.candidate
    url = reverse("candidates:edit", kwargs={"org": "autocars", "public_id": candidate.public_id})
    response = client_for(coordinator).post(url, candidate_form(candidate, last_name="Peeters"))
    assert response.status_code == 302
    latest = Candidate.history.filter(id=candidate.pk).first()
    assert latest.history_type == "~"
    assert latest.history_user == coordinator
    assert latest.last_name == "Peeters"

    page = client_for(coordinator).get(audit_url(trajectory)).content.decode()
    assert "Peeters" in page
    assert coordinator.full_name in page


def test_the_timeline_shows_before_and_after_and_pages_in_bounded_queries(
    client_for, coordinator, make_trajectory, django_assert_max_num_queries
):
    trajectory = make_trajectory()
    candidate = trajectory.candidate
    old_name = candidate.first_name
    for number in range(30):
        candidate_update(
            candidate=Candidate.objects.get(pk=candidate.pk), first_name=f"Naam{number}"
        )
    record(candidate, "licence_d", by=coordinator)
    client = client_for(coordinator)
    with django_assert_max_num_queries(25):
        page = client.get(audit_url(trajectory)).content.decode()
    assert "Naam29" in page and "Naam28" in page  # the newest first: Naam28 → Naam29
    assert "Rijbewijs" in page or "rijbewijs" in page.lower()
    with django_assert_max_num_queries(25):
        older = client.get(audit_url(trajectory) + "?page=2").content.decode()
    with django_assert_max_num_queries(25):
        client.get(audit_url(trajectory) + "?page=999")
    assert old_name in older or "Naam0" in older


def test_checklist_ticks_are_in_the_trail(client_for, coordinator, make_trajectory):
    trajectory = make_trajectory()
    item = ChecklistItem.objects.filter(trajectory=trajectory).first()
    item.note = "Gebeld met VDAB"
    item.save()
    page = client_for(coordinator).get(audit_url(trajectory)).content.decode()
    assert "Gebeld met VDAB" in page


def test_only_coordinators_and_admins_see_the_trail(
    client_for, admin, mentor, trainee, make_trajectory
):
    trajectory = make_trajectory(mentors=[mentor])
    assert client_for(admin).get(audit_url(trajectory)).status_code == 200
    assert client_for(mentor).get(audit_url(trajectory)).status_code == 403
    assert client_for(trainee).get(audit_url(trajectory)).status_code == 403


def test_reading_medical_fitness_is_logged_for_coordinators_only(
    client_for, coordinator, mentor, make_trajectory
):
    trajectory = make_trajectory(mentors=[mentor])
    record(trajectory.candidate, "medical_fitness", by=coordinator)
    url = reverse(
        "credentials:trajectory", kwargs={"org": "autocars", "public_id": trajectory.public_id}
    )
    assert client_for(mentor).get(url).status_code == 200
    assert not SensitiveRead.objects.exists()
    assert client_for(coordinator).get(url).status_code == 200
    read = SensitiveRead.objects.get()
    assert (read.user, read.candidate, read.what) == (
        coordinator,
        trajectory.candidate,
        "medical_fitness",
    )
    reads = client_for(coordinator).get(
        reverse("audit:sensitive_reads", kwargs={"org": "autocars"})
    )
    assert trajectory.candidate.full_name in reads.content.decode()


def test_documents_are_in_the_trail(client_for, coordinator, make_trajectory):
    from werkplek.documents.tests.factories import one_of_each

    trajectory = make_trajectory()
    one_of_each(trajectory=trajectory, by=coordinator)
    response = client_for(coordinator).get(audit_url(trajectory))
    assert response.status_code == 200
    assert "Document" in response.content.decode()


def test_reading_medical_fitness_through_the_api_is_logged(coordinator, make_trajectory):
    from werkplek.api.tests.helpers import ApiClient

    trajectory = make_trajectory()
    credential = record(trajectory.candidate, "medical_fitness", by=coordinator)
    client = ApiClient(coordinator)
    base = "/api/v1/organisations/autocars/credentials"
    assert client.get(base).status_code == 200
    assert client.get(f"{base}/{credential.public_id}").status_code == 200
    assert SensitiveRead.objects.filter(user=coordinator, what="medical_fitness").count() == 2


def test_automatic_ticks_are_recorded_with_the_person_who_caused_them(
    client_for, coordinator, make_trajectory
):
    trajectory = make_trajectory()
    url = reverse("credentials:new", kwargs={"org": "autocars", "public_id": trajectory.public_id})
    from werkplek.credentials.tests.factories import credential_type

    licence = credential_type(trajectory.organisation, "licence_d")
    before = ChecklistItem.history.filter(trajectory_id=trajectory.pk).count()
    response = client_for(coordinator).post(
        f"{url}?type={licence.public_id}",
        {"number": "1234567890", "categories": ["D"], "expires_on": "01/01/2030", "verified": "on"},
    )
    assert response.status_code == 302
    ticked = ChecklistItem.history.filter(trajectory_id=trajectory.pk, state="done")
    assert ChecklistItem.history.filter(trajectory_id=trajectory.pk).count() > before
    assert ticked.exists() and ticked.first().history_user == coordinator


def test_the_change_log_names_evaluations_and_the_outcome_decision(
    client_for, coordinator, mentor, organisation, make_trajectory
):
    """Issue 17 item 1: the change log was a 500 (KeyError) for every trajectory with an
    evaluation or an outcome."""
    from werkplek.competences.tests.factories import running
    from werkplek.conftest import membership_of
    from werkplek.evaluations.models import Evaluation
    from werkplek.evaluations.services import outcome_record
    from werkplek.evaluations.tests.factories import end_waivers, held, scheduled
    from werkplek.trajectories.models import Status, Step, Trajectory

    trajectory = running(make_trajectory, mentors=[mentor], days_ago=60)
    held(scheduled(trajectory, mentor), mentor)
    Trajectory.objects.filter(pk=trajectory.pk).update(
        status=Status.FINISHING, step=Step.FINAL_EVALUATION
    )
    held(scheduled(trajectory, mentor, Evaluation.Kind.FINAL), mentor)
    outcome_record(
        trajectory=trajectory,
        continue_training=True,
        membership=membership_of(coordinator, organisation),
        waivers=end_waivers(trajectory),
    )
    response = client_for(coordinator).get(audit_url(trajectory))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tussentijdse evaluatie" in page and "Eindevaluatie" in page
    assert "Opleiding verderzetten" in page
