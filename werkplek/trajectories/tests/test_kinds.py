"""Kinds as data: an IBO lasts 1 to 6 months and starts on its contract date; which
credentials hold the start is the credential types' own list, for the gate and the pages."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from werkplek.checklists.selectors import gate_open_items
from werkplek.conftest import membership_of
from werkplek.trajectories import transitions
from werkplek.trajectories.kinds import add_months, period_errors
from werkplek.trajectories.models import Kind
from werkplek.trajectories.services import trajectory_update
from werkplek.trajectories.tests.test_transitions import resolve_gate


@pytest.mark.parametrize(
    ("kind", "end", "field_in_error"),
    [
        (Kind.IBO, date(2027, 7, 15), True),  # 9.5 months
        (Kind.IBO, date(2027, 6, 30), False),  # 6 months
        (Kind.IBO, date(2027, 1, 20), True),  # under a month
        (Kind.IBO, date(2027, 1, 31), False),
        (Kind.STAGE, date(2027, 10, 1), False),  # a stage has no such rule
    ],
)
def test_an_ibo_lasts_one_to_six_months(kind, end, field_in_error):
    assert ("planned_end" in period_errors(kind, date(2027, 1, 1), end)) is field_in_error


def test_add_months_keeps_the_last_day_of_a_short_month():
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)


def test_the_form_shows_the_ibo_error_next_to_the_end_date_and_keeps_the_input(
    client_for, coordinator, make_trajectory, organisation
):
    trajectory = make_trajectory(planned_start=date(2027, 1, 4), planned_end=date(2027, 3, 1))
    url = f"/o/{organisation.slug}/trajectories/{trajectory.public_id}/edit/"
    page = client_for(coordinator).get(url)
    assert page.status_code == 200
    response = client_for(coordinator).post(
        url,
        {
            "kind": "ibo",
            "coordinator": coordinator.pk,
            "planned_start": "04/01/2027",
            "planned_end": "15/10/2027",
            "version": page.context["form"]["version"].value()
            if "version" in page.context["form"].fields
            else "",
        },
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert "Een IBO duurt 1 tot 6 maanden" in text
    assert 'value="2027-10-15"' in text  # kept, in the date picker
    assert response.context["form"].errors["planned_end"]


def test_the_service_refuses_a_too_long_ibo(make_trajectory, coordinator):
    trajectory = make_trajectory(planned_start=date(2027, 1, 4), planned_end=date(2027, 3, 1))
    with pytest.raises(ValidationError) as refused:
        trajectory_update(trajectory=trajectory, by=coordinator, planned_end=date(2027, 10, 15))
    assert "planned_end" in refused.value.message_dict


def test_an_ibo_does_not_start_before_its_contract_date(
    make_trajectory, coordinator, mentor, organisation
):
    start = timezone.localdate() + timedelta(days=7)
    staff = membership_of(coordinator, organisation)
    trajectory = make_trajectory(
        mentors=[mentor], planned_start=start, planned_end=start + timedelta(weeks=12)
    )
    trajectory = transitions.trajectory_confirm(trajectory=trajectory, membership=staff)
    resolve_gate(trajectory, coordinator)
    with pytest.raises(transitions.TransitionRefused) as refused:
        transitions.trajectory_start(trajectory=trajectory, membership=staff)
    assert any("contract" in reason for reason in refused.value.reasons)
    trajectory_update(trajectory=trajectory, by=coordinator, planned_start=timezone.localdate())
    assert transitions.trajectory_start(trajectory=trajectory, membership=staff).step == 4


def test_a_stage_is_not_held_by_a_licence_it_does_not_need(make_trajectory, mentor):
    stage = make_trajectory(kind=Kind.STAGE, mentors=[mentor])
    ibo = make_trajectory(kind=Kind.IBO, mentors=[mentor])
    assert "licence_d" not in {item.code for item in gate_open_items(trajectory=stage)}
    assert "licence_d" in {item.code for item in gate_open_items(trajectory=ibo)}
