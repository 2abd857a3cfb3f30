"""Issue 20, mentors: the organisation's limit of open trajectories per mentor."""

import pytest
from django.core.exceptions import ValidationError

from werkplek.trajectories.models import Status
from werkplek.trajectories.services import trajectory_create, trajectory_update
from werkplek.trajectories.tests.test_views import html


@pytest.fixture
def coordinator_client(client_for, coordinator):
    return client_for(coordinator)


@pytest.fixture
def full_mentor(make_trajectory, mentor):
    """Mats Mentor with two open trajectories: the default limit."""
    make_trajectory(mentors=[mentor], mentor_reason="")
    make_trajectory(mentors=[mentor], mentor_reason="")
    return mentor


def _edit_data(trajectory, mentors, **extra) -> dict:
    return {
        "kind": "ibo",
        "mentors": [m.pk for m in mentors],
        "coordinator": trajectory.coordinator.pk,
        "planned_start": "2026-12-01",
        "planned_end": "2027-01-01",
        "hours_per_week": "20",
        **extra,
    }


def test_the_limit_defaults_to_two_and_is_set_in_the_organisation_settings(
    client_for, admin, organisation
):
    assert organisation.max_trainees_per_mentor == 2
    page = html(client_for(admin).get("/o/autocars/settings/"))
    assert 'name="max_trainees_per_mentor"' in page and 'value="2"' in page
    response = client_for(admin).post(
        "/o/autocars/settings/",
        {
            "name": organisation.name,
            "enterprise_number": organisation.enterprise_number,
            "sector": "Bus",
            "default_language": "nl",
            "max_trainees_per_mentor": "3",
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.max_trainees_per_mentor == 3


def test_the_mentor_choice_shows_each_mentors_load(
    coordinator_client, full_mentor, other_mentor, make_trajectory
):
    closed = make_trajectory(mentors=[other_mentor])
    closed.status = Status.CLOSED
    closed.save(update_fields=["status"])
    page = html(coordinator_client.get("/o/autocars/trajectories/new/"))
    assert "Mats Mentor (2/2)" in page
    assert "Olga Other (0/2)" in page  # a closed trajectory does not count


def test_the_mentor_choice_counts_loads_in_one_query(
    coordinator_client, make_trajectory, organisation, django_assert_max_num_queries
):
    from werkplek.conftest import _member

    mentors = [_member(organisation, "mentor").user for _ in range(6)]
    for mentor in mentors:
        make_trajectory(mentors=[mentor])
    coordinator_client.get("/o/autocars/trajectories/new/")
    with django_assert_max_num_queries(25) as few:
        coordinator_client.get("/o/autocars/trajectories/new/")
    for _ in range(6):
        mentors.append(_member(organisation, "mentor").user)
        make_trajectory(mentors=[mentors[-1]])
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = html(coordinator_client.get("/o/autocars/trajectories/new/"))
    assert f"{mentors[-1].full_name} (1/2)" in page


def test_assigning_a_full_mentor_asks_for_a_reason_keeps_input_and_saves_nothing(
    coordinator_client, full_mentor, make_trajectory
):
    trajectory = make_trajectory()
    response = coordinator_client.post(
        f"/o/autocars/trajectories/{trajectory.public_id}/edit/",
        _edit_data(trajectory, [full_mentor], job_title="Buschauffeur nacht"),
    )
    assert response.status_code == 422
    page = html(response)
    assert 'id="id_mentor_reason_error"' in page
    assert "Mats Mentor begeleidt al 2 lopende trajecten (hoogstens 2)" in page
    assert "<textarea" in page and 'name="mentor_reason"' in page
    assert 'value="Buschauffeur nacht"' in page
    assert list(trajectory.mentors.all()) == []


def test_the_reason_field_is_not_shown_when_nobody_is_over_the_limit(
    coordinator_client, make_trajectory
):
    trajectory = make_trajectory()
    page = html(coordinator_client.get(f"/o/autocars/trajectories/{trajectory.public_id}/edit/"))
    assert 'type="hidden" name="mentor_reason"' in page
    assert "<textarea" not in page.split('name="mentor_reason"')[0].rsplit("<", 1)[-1]


def test_with_a_reason_the_full_mentor_is_assigned_and_the_timeline_keeps_it(
    client_for, coordinator, full_mentor, make_trajectory
):
    trajectory = make_trajectory()
    response = client_for(coordinator).post(
        f"/o/autocars/trajectories/{trajectory.public_id}/edit/",
        _edit_data(trajectory, [full_mentor], mentor_reason="Enige mentor op de nachtlijn"),
    )
    assert response.status_code == 302
    assert list(trajectory.mentors.all()) == [full_mentor]
    event = trajectory.events.get(action="trajectories.mentor.assigned_over_capacity")
    assert event.data == {
        "mentor": "Mats Mentor",
        "load": 3,
        "limit": 2,
        "reason": "Enige mentor op de nachtlijn",
    }
    coordinator.language = "nl"
    coordinator.save(update_fields=["language"])
    history = html(
        client_for(coordinator).get(f"/o/autocars/trajectories/{trajectory.public_id}/history/")
    )
    assert "Mats Mentor" in history and "Enige mentor op de nachtlijn" in history
    assert "boven de limiet" in history


def test_a_mentor_already_on_the_trajectory_needs_no_reason(
    coordinator, full_mentor, make_trajectory
):
    trajectory = full_mentor.mentored_trajectories.first()
    trajectory_update(trajectory=trajectory, by=coordinator, mentors=[full_mentor], job_title="X")
    assert trajectory.job_title == "X"


def test_a_closed_trajectory_does_not_count_against_the_limit(coordinator, mentor, make_trajectory):
    first = make_trajectory(mentors=[mentor], mentor_reason="")
    make_trajectory(mentors=[mentor], mentor_reason="")
    first.status = Status.STOPPED
    first.save(update_fields=["status"])
    assert make_trajectory(mentors=[mentor], mentor_reason="").mentors.get() == mentor


def test_the_service_refuses_without_a_reason(coordinator, full_mentor, organisation):
    from werkplek.candidates.tests.factories import CandidateFactory

    with pytest.raises(ValidationError) as error:
        trajectory_create(
            candidate=CandidateFactory(organisation=organisation),
            created_by=coordinator,
            mentors=[full_mentor],
            kind="ibo",
        )
    assert "mentor_reason" in error.value.message_dict


def test_a_higher_limit_lets_the_mentor_take_more(coordinator, full_mentor, make_trajectory):
    organisation = full_mentor.memberships.get().organisation
    organisation.max_trainees_per_mentor = 3
    organisation.save()
    assert make_trajectory(mentors=[full_mentor], mentor_reason="").mentors.get() == full_mentor
