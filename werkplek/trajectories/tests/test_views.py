from datetime import date

import pytest

from werkplek.candidates.models import Candidate
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.conftest import membership_of
from werkplek.notifications.agenda import AGENDA_SOURCES
from werkplek.trajectories import transitions
from werkplek.trajectories.models import Kind, Status, Trajectory


@pytest.fixture
def coordinator_client(client_for, coordinator):
    return client_for(coordinator)


def html(response) -> str:
    return response.content.decode()


def test_list_filters_by_status_kind_mentor_and_searches_names(
    coordinator_client, make_trajectory, organisation, mentor, other_mentor
):
    make_trajectory(
        candidate=CandidateFactory(
            organisation=organisation, first_name="Wout", last_name="Van Aert"
        ),
        mentors=[mentor],
    )
    make_trajectory(
        candidate=CandidateFactory(
            organisation=organisation, first_name="Lotte", last_name="Kopecky"
        ),
        mentors=[other_mentor],
        kind=Kind.STAGE,
    )
    page = html(coordinator_client.get("/o/autocars/trajectories/?q=aert"))
    assert "Wout Van Aert" in page and "Lotte Kopecky" not in page
    page = html(coordinator_client.get("/o/autocars/trajectories/?kind=stage"))
    assert "Lotte Kopecky" in page and "Wout Van Aert" not in page
    page = html(coordinator_client.get(f"/o/autocars/trajectories/?mentor={mentor.pk}"))
    assert "Wout Van Aert" in page and "Lotte Kopecky" not in page
    page = html(coordinator_client.get("/o/autocars/trajectories/?status=running"))
    assert "Wout Van Aert" not in page and "Lotte Kopecky" not in page


def test_the_step_filter_speaks_the_readers_language(client_for, coordinator):
    """Found by the crawler (issue 17): the steps were put in words once, when the form was
    defined, so a French coordinator read them in Dutch."""
    coordinator.language = "fr"
    coordinator.save(update_fields=["language"])
    page = html(client_for(coordinator).get("/o/autocars/trajectories/"))
    assert "4. Apprendre sur le lieu de travail" in page
    assert "Leren op de werkplek" not in page


def test_list_htmx_filter_returns_only_the_results(coordinator_client, make_trajectory):
    make_trajectory()
    response = coordinator_client.get(
        "/o/autocars/trajectories/?kind=ibo",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="trajectory-results",
    )
    assert response.status_code == 200
    assert html(response).lstrip().startswith('<div id="trajectory-results"')


def test_list_paginates(coordinator_client, make_trajectory, settings):
    settings.PAGE_SIZE = 3
    for _ in range(4):
        make_trajectory()
    page = html(coordinator_client.get("/o/autocars/trajectories/"))
    assert "4 trajecten" in page and "Pagina 1 van 2" in page


def test_list_query_count_does_not_grow_with_trajectories(
    coordinator_client, make_trajectory, mentor, django_assert_max_num_queries
):
    make_trajectory(mentors=[mentor])
    with django_assert_max_num_queries(12) as few:
        coordinator_client.get("/o/autocars/trajectories/")
    for _ in range(15):
        make_trajectory(mentors=[mentor])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = coordinator_client.get("/o/autocars/trajectories/")
    assert response.status_code == 200


def test_detail_query_count_is_bounded(
    coordinator_client, make_trajectory, mentor, django_assert_max_num_queries
):
    trajectory = make_trajectory(mentors=[mentor])
    # 20 + the portal's side panels: the guests (1) and the trainee's login (1 once linked)
    # + "What is next": one query per agenda source, one for the open items without a date
    with django_assert_max_num_queries(23 + len(AGENDA_SOURCES)):
        response = coordinator_client.get(trajectory.get_absolute_url())
    assert response.status_code == 200


def test_a_mentor_sees_only_their_own_trainees(client_for, make_trajectory, mentor, other_mentor):
    mine = make_trajectory(mentors=[mentor])
    theirs = make_trajectory(mentors=[other_mentor])
    client = client_for(mentor)
    page = html(client.get("/o/autocars/trajectories/"))
    assert mine.candidate.full_name in page and theirs.candidate.full_name not in page
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.get(f"/o/autocars/candidates/{theirs.candidate.public_id}/").status_code == 404
    page = html(client.get("/o/autocars/trajectories/mine/"))
    assert mine.candidate.full_name in page and theirs.candidate.full_name not in page


def test_my_trainees_shows_what_is_due_next(client_for, make_trajectory, mentor):
    make_trajectory(mentors=[mentor], planned_start=date(2026, 12, 1))
    page = html(client_for(mentor).get("/o/autocars/trajectories/mine/"))
    # the earliest open item: the strategic preparation, 30 days before the start
    assert "strategisch" in page and "01/11/2026" in page


def test_create_candidate_and_trajectory(coordinator_client, mentor, organisation):
    response = coordinator_client.post(
        "/o/autocars/trajectories/new/",
        {
            "candidate-first_name": "Jef",
            "candidate-last_name": "Peeters",
            "candidate-email": "jef@example.be",
            "candidate-language": "nl",
            "trajectory-kind": "ibo",
            "trajectory-mentors": [mentor.pk],
            "trajectory-planned_start": "01/12/2026",
            "trajectory-planned_end": "2027-03-01",
            "trajectory-hours_per_week": "38",
        },
    )
    trajectory = Trajectory.objects.get(candidate__last_name="Peeters")
    assert response.status_code == 302 and response["Location"] == trajectory.get_absolute_url()
    assert trajectory.status == Status.DRAFT and trajectory.planned_start == date(2026, 12, 1)
    assert list(trajectory.mentors.all()) == [mentor]
    assert trajectory.checklist_items.get(code="mentor_assigned").state == "done"


def test_bad_input_is_shown_beside_the_fields_kept_and_nothing_saved(coordinator_client):
    response = coordinator_client.post(
        "/o/autocars/trajectories/new/",
        {
            "candidate-first_name": "Jef",
            "candidate-last_name": "",
            "candidate-email": "not-an-email",
            "candidate-phone": "call me",
            "candidate-date_of_birth": "31/02/2001",
            "candidate-language": "nl",
            "trajectory-kind": "ibo",
            "trajectory-planned_start": "2026-12-01",
            "trajectory-planned_end": "2026-11-01",
            "trajectory-hours_per_week": "-3",
        },
    )
    assert response.status_code == 422
    page = html(response)
    for field in (
        "candidate-last_name",
        "candidate-email",
        "candidate-phone",
        "candidate-date_of_birth",
        "trajectory-planned_end",
        "trajectory-hours_per_week",
    ):
        assert f'id="id_{field}_error"' in page, field
    assert 'value="Jef"' in page and 'value="not-an-email"' in page and 'value="call me"' in page
    assert "De einddatum valt na de startdatum." in page
    assert Candidate.objects.count() == 0 and Trajectory.objects.count() == 0


def test_the_detail_page_explains_why_it_cannot_start(
    coordinator_client, make_trajectory, coordinator, organisation
):
    trajectory = make_trajectory(planned_start=date(2026, 12, 1))
    transitions.trajectory_confirm(
        trajectory=trajectory, membership=membership_of(coordinator, organisation)
    )
    page = html(coordinator_client.get(trajectory.get_absolute_url()))
    assert "Het traject kan nog niet starten" in page
    assert "laat de kandidaat een rijtest afleggen" in page
    assert "Een goede voorbereiding is de helft van het succes!" in page  # the step's maxim


def test_refused_start_lists_the_open_items_as_a_message(
    coordinator_client, make_trajectory, coordinator, organisation
):
    trajectory = make_trajectory(planned_start=date(2026, 12, 1))
    transitions.trajectory_confirm(
        trajectory=trajectory, membership=membership_of(coordinator, organisation)
    )
    response = coordinator_client.post(
        f"/o/autocars/trajectories/{trajectory.public_id}/transition/start/", follow=True
    )
    page = html(response)
    assert "message--error" in page and "“contract”" in page
    trajectory.refresh_from_db()
    assert trajectory.status == Status.PREPARING


def test_htmx_tick_returns_the_work_area_with_the_item_done(
    coordinator_client, make_trajectory, coordinator
):
    trajectory = make_trajectory()
    item = trajectory.checklist_items.get(code="intake_admin_other")
    response = coordinator_client.post(
        f"/o/autocars/checklist/items/{item.public_id}/tick/", HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    page = html(response)
    assert page.lstrip().startswith('<div id="work">')
    assert f'id="item-{item.public_id}" class="check check--done' in page
    item.refresh_from_db()
    assert item.state == "done" and item.resolved_by == coordinator


def test_ticking_an_automatic_item_is_refused_with_a_message(coordinator_client, make_trajectory):
    trajectory = make_trajectory()
    item = trajectory.checklist_items.get(code="mentor_assigned")
    response = coordinator_client.post(
        f"/o/autocars/checklist/items/{item.public_id}/tick/", HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert "vinkt zichzelf aan" in html(response)
    item.refresh_from_db()
    assert item.state == "open"


def test_waive_without_reason_is_refused_and_with_reason_recorded(
    coordinator_client, make_trajectory
):
    trajectory = make_trajectory()
    item = trajectory.checklist_items.get(code="transport_passes")
    url = f"/o/autocars/checklist/items/{item.public_id}/waive/"
    assert coordinator_client.post(url, {"reason": ""}, HTTP_HX_REQUEST="true").status_code == 422
    item.refresh_from_db()
    assert item.state == "open"
    coordinator_client.post(url, {"reason": "Komt met de fiets"})
    item.refresh_from_db()
    assert (item.state, item.note) == ("waived", "Komt met de fiets")


def test_stop_form_requires_a_reason(coordinator_client, make_trajectory):
    trajectory = make_trajectory()
    url = f"/o/autocars/trajectories/{trajectory.public_id}/stop/"
    response = coordinator_client.post(url, {"reason": ""})
    assert response.status_code == 422 and 'id="id_reason_error"' in html(response)
    coordinator_client.post(url, {"reason": "Verhuist naar het buitenland"})
    trajectory.refresh_from_db()
    assert trajectory.status == Status.STOPPED


def test_edit_changes_mentors_and_logs_it(
    coordinator_client, make_trajectory, mentor, other_mentor
):
    trajectory = make_trajectory(mentors=[mentor])
    response = coordinator_client.post(
        f"/o/autocars/trajectories/{trajectory.public_id}/edit/",
        {
            "kind": "ibo",
            "mentors": [other_mentor.pk],
            "coordinator": trajectory.coordinator.pk,
            "planned_start": "2026-12-01",
            "planned_end": "2027-01-01",
            "hours_per_week": "20",
        },
    )
    assert response.status_code == 302
    assert list(trajectory.mentors.all()) == [other_mentor]
    history = html(
        coordinator_client.get(f"/o/autocars/trajectories/{trajectory.public_id}/history/")
    )
    assert other_mentor.full_name in history and mentor.full_name in history


def test_a_mentor_from_another_organisation_cannot_be_assigned(
    coordinator_client, make_trajectory, outsider
):
    trajectory = make_trajectory()
    response = coordinator_client.post(
        f"/o/autocars/trajectories/{trajectory.public_id}/edit/",
        {"kind": "ibo", "mentors": [outsider.pk], "hours_per_week": ""},
    )
    assert response.status_code == 422
    assert not trajectory.mentors.exists()
