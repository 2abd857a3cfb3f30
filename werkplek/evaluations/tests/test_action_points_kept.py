"""Action points have an owner and a due date, wait for the owner as an obligation, and the
next evaluation records whether each was kept."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from werkplek.core.obligations import obligation_text, obligations_for
from werkplek.evaluations import services
from werkplek.evaluations.action_obligations import KIND, open_action_points
from werkplek.evaluations.models import ActionPoint, Evaluation
from werkplek.evaluations.tests.factories import held, scheduled
from werkplek.trajectories.models import Trajectory


def first_talk(trajectory, mentor, trainee, due_in=10):
    today = timezone.localdate()
    evaluation = scheduled(trajectory, mentor, on=today - timedelta(days=20))
    point = services.action_point_add(
        evaluation=evaluation,
        text="Spiegels afstellen voor vertrek",
        competence=None,
        by=mentor,
        owner=trainee,
        due_on=today + timedelta(days=due_in),
    )
    held(evaluation, mentor, on=today - timedelta(days=20))
    return evaluation, point


def test_an_action_point_waits_for_its_owner_until_it_is_checked(trajectory, mentor, trainee):
    _first, point = first_talk(trajectory, mentor, trainee, due_in=3)
    today = timezone.localdate()
    found = obligations_for(
        trajectories=Trajectory.objects.filter(pk=trajectory.pk), today=today, user_id=trainee.pk
    )
    mine = [o for o in found if o.kind == KIND]
    assert len(mine) == 1 and mine[0].due == today + timedelta(days=3)
    assert mine[0].level == "soon" and mine[0].key == f"{KIND}:{point.pk}"
    assert "Spiegels afstellen voor vertrek" in obligation_text(mine[0])
    assert (today + timedelta(days=3)).strftime("%d/%m/%Y") in obligation_text(mine[0])
    assert not [
        o
        for o in obligations_for(
            trajectories=Trajectory.objects.filter(pk=trajectory.pk),
            today=today,
            user_id=mentor.pk,
        )
        if o.kind == KIND
    ]
    second = scheduled(trajectory, mentor, on=today)
    services.action_point_check(point=point, evaluation=second, kept=True, by=mentor)
    assert not list(
        open_action_points(trajectories=Trajectory.objects.filter(pk=trajectory.pk), today=today)
    )


def test_the_next_evaluation_shows_each_earlier_point_to_record_kept_or_not(
    client_for, trajectory, mentor, trainee
):
    _first, point = first_talk(trajectory, mentor, trainee)
    second = scheduled(trajectory, mentor, on=timezone.localdate())
    client = client_for(mentor)
    url = f"/o/autocars/evaluations/e/{second.public_id}/"
    page = client.get(url).content.decode()
    assert "Spiegels afstellen voor vertrek" in page and 'id="kept"' in page
    response = client.post(
        f"/o/autocars/evaluations/e/{second.public_id}/kept/",
        {"point": str(point.public_id), "kept": "no"},
    )
    assert response.status_code == 302
    point.refresh_from_db()
    assert point.kept is False and point.checked_in == second and point.checked_by == mentor
    page = client.get(url).content.decode()
    assert "Niet nagekomen" in page or "Not kept" in page
    event = trajectory.events.order_by("-id").first()
    assert event.action == "evaluations.action_point.not_kept"


def test_a_point_is_checked_only_by_a_later_evaluation_of_the_same_trajectory(
    make_trajectory, trajectory, mentor, trainee
):
    first, point = first_talk(trajectory, mentor, trainee)
    with pytest.raises(ValidationError, match="earlier evaluation"):
        services.action_point_check(point=point, evaluation=first, kept=True, by=mentor)
    from werkplek.competences.tests.factories import running

    other = running(make_trajectory, mentors=[mentor], days_ago=60)
    elsewhere = scheduled(other, mentor, on=timezone.localdate())
    with pytest.raises(ValidationError, match="earlier evaluation"):
        services.action_point_check(point=point, evaluation=elsewhere, kept=True, by=mentor)


def test_the_action_point_form_asks_who_and_by_when(client_for, trajectory, mentor, trainee):
    evaluation = scheduled(trajectory, mentor, on=timezone.localdate() + timedelta(days=2))
    client = client_for(mentor)
    url = f"/o/autocars/evaluations/e/{evaluation.public_id}/actions/"
    response = client.post(url, {"text": "Tachograaf oefenen"})
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_owner_error"' in page and 'id="id_due_on_error"' in page
    assert "Tachograaf oefenen" in page  # the input is kept
    assert not ActionPoint.objects.exists()
    due = evaluation.scheduled_on + timedelta(days=14)
    response = client.post(
        url, {"text": "Tachograaf oefenen", "owner": trainee.pk, "due_on": due.isoformat()}
    )
    assert response.status_code == 302
    point = ActionPoint.objects.get()
    assert (point.owner, point.due_on) == (trainee, due)


def test_the_source_reads_many_trajectories_in_one_query(
    make_trajectory, trajectory, mentor, trainee, django_assert_num_queries
):
    first_talk(trajectory, mentor, trainee)
    from werkplek.competences.tests.factories import running

    for _ in range(3):
        other = running(make_trajectory, mentors=[mentor], days_ago=60)
        evaluation = scheduled(other, mentor, on=timezone.localdate() - timedelta(days=5))
        services.action_point_add(
            evaluation=evaluation,
            text="Oefenen",
            competence=None,
            by=mentor,
            owner=mentor,
            due_on=timezone.localdate(),
        )
        held(evaluation, mentor, on=timezone.localdate() - timedelta(days=5))
    with django_assert_num_queries(1):
        found = list(
            open_action_points(trajectories=Trajectory.objects.all(), today=timezone.localdate())
        )
    assert len(found) == 4
    assert Evaluation.objects.count() == 4
