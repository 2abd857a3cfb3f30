from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from werkplek.competences.models import CompetenceRating
from werkplek.competences.tests.factories import competence, running
from werkplek.logbook.models import LogEntry
from werkplek.logbook.services import (
    Observation,
    log_entry_create,
    log_entry_delete,
    log_entry_update,
)
from werkplek.plans.models import LearningMoment
from werkplek.plans.services import learning_moment_delete, learning_moment_save, plan_start


@pytest.fixture
def trajectory(make_trajectory, mentor):
    return running(make_trajectory, mentors=[mentor], days_ago=20)


def test_an_observed_level_becomes_the_competence_level(trajectory, organisation, mentor):
    eco = competence(organisation, "eco_driving")
    today = timezone.localdate()
    entry = log_entry_create(
        trajectory=trajectory,
        author=mentor,
        by_trainee=False,
        day=today,
        description="Stationair draaien aan de eindhalte vermeden.",
        hours=Decimal("0.5"),
        observations=[
            Observation(eco, 3),
            Observation(competence(organisation, "route_timetable")),
        ],
    )
    assert entry.kind == LogEntry.Kind.UNORGANISED
    assert {c.code for c in entry.competences.all()} == {"eco_driving", "route_timetable"}
    rating = CompetenceRating.objects.get(trajectory=trajectory)
    assert (rating.competence, rating.level, rating.source, rating.source_ref) == (
        eco,
        3,
        "logbook",
        entry.public_id,
    )
    log_entry_update(
        entry=entry,
        by=mentor,
        day=today,
        description=entry.description,
        kind=entry.kind,
        observations=[Observation(eco, 2)],
    )
    assert CompetenceRating.objects.get(trajectory=trajectory).level == 2
    log_entry_delete(entry=entry, by=mentor)
    assert not CompetenceRating.objects.filter(trajectory=trajectory).exists()


def test_an_organised_entry_points_to_a_planned_moment(trajectory, mentor):
    version = plan_start(trajectory=trajectory, by=mentor)
    moment = learning_moment_save(
        moment=LearningMoment(
            version=version,
            date=trajectory.period_start,
            duration_hours=Decimal("2"),
            topic="Rondleiding stelplaats",
        )
    )
    with pytest.raises(ValidationError, match="planned learning moment"):
        log_entry_create(
            trajectory=trajectory,
            author=mentor,
            by_trainee=False,
            day=trajectory.period_start,
            kind=LogEntry.Kind.ORGANISED,
            description="Rondleiding",
        )
    entry = log_entry_create(
        trajectory=trajectory,
        author=mentor,
        by_trainee=False,
        day=trajectory.period_start,
        kind=LogEntry.Kind.ORGANISED,
        planned_moment=moment,
        description="Rondleiding gegeven, kent de stelplaats.",
    )
    assert entry.planned_moment == moment
    with pytest.raises(ValidationError, match="in the logbook already"):
        learning_moment_delete(moment=moment)


@pytest.mark.parametrize(
    ("days", "hours", "message"),
    [
        (1, None, "cannot be in the future"),
        (-400, None, "Choose a date within the trajectory"),
        (0, Decimal("24.5"), "at most 24 hours"),
        (0, Decimal("0"), "at most 24 hours"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(trajectory, mentor, days, hours, message):
    with pytest.raises(ValidationError, match=message):
        log_entry_create(
            trajectory=trajectory,
            author=mentor,
            by_trainee=False,
            day=timezone.localdate() + timedelta(days=days),
            description="Iets",
            hours=hours,
        )
    assert not LogEntry.objects.exists()


def test_a_trainee_logs_competences_but_gives_no_levels(trajectory, organisation, trainee):
    eco = competence(organisation, "eco_driving")
    with pytest.raises(ValidationError, match="given by the mentor"):
        log_entry_create(
            trajectory=trajectory,
            author=trainee,
            by_trainee=True,
            day=timezone.localdate(),
            description="Zuinig gereden",
            observations=[Observation(eco, 4)],
        )
    entry = log_entry_create(
        trajectory=trajectory,
        author=trainee,
        by_trainee=True,
        day=timezone.localdate(),
        description="Zuinig gereden",
        observations=[Observation(eco)],
    )
    assert entry.by_trainee and list(entry.competences.all()) == [eco]
