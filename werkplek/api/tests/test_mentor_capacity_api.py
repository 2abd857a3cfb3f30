"""Issue 20: over the mentor limit the API needs a reason, like the web form."""

import pytest

from werkplek.api.tests.helpers import org_url


@pytest.fixture
def full_mentor(make_trajectory, mentor):
    make_trajectory(mentors=[mentor], mentor_reason="")
    make_trajectory(mentors=[mentor], mentor_reason="")
    return mentor


def test_the_api_answers_a_structured_422_without_a_reason_and_assigns_with_one(
    api_for, coordinator, full_mentor, make_trajectory
):
    trajectory = make_trajectory()
    url = f"{org_url('trajectories')}/{trajectory.public_id}"
    api = api_for(coordinator)
    refused = api.patch(url, {"mentors": [str(full_mentor.public_id)]})
    assert refused.status_code == 422
    assert [error["field"] for error in refused.json()["errors"]] == ["mentor_reason"]
    assert list(trajectory.mentors.all()) == []
    accepted = api.patch(
        url, {"mentors": [str(full_mentor.public_id)], "mentor_reason": "Vakantieperiode"}
    )
    assert accepted.status_code == 200, accepted.content
    assert (
        trajectory.events.get(action="trajectories.mentor.assigned_over_capacity").data["reason"]
        == "Vakantieperiode"
    )
