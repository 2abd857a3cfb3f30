"""Issue 18: the facts the at-risk board and the credentials radar filter on are stored on the
rows and kept right by the services; what depends on the date is compared with today when
read."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from werkplek.competences.tests.factories import running
from werkplek.conftest import membership_of
from werkplek.credentials.models import Credential
from werkplek.credentials.selectors import credentials_radar
from werkplek.credentials.services import credential_delete, credential_update
from werkplek.credentials.tests.factories import day, record
from werkplek.followup.selectors import (
    at_risk_trajectories,
    attach_risk_facts,
    risk_signals,
    settings_for,
)
from werkplek.logbook.models import LogEntry
from werkplek.logbook.services import log_entry_create, log_entry_delete, log_entry_update
from werkplek.trajectories.models import Trajectory


@pytest.fixture
def trajectory(make_trajectory, mentor):
    return running(make_trajectory, mentors=[mentor], days_ago=40)


def last_log_on(trajectory) -> object:
    return Trajectory.objects.values_list("last_log_on", flat=True).get(pk=trajectory.pk)


def write(trajectory, mentor, days_ago: int) -> LogEntry:
    return log_entry_create(
        trajectory=trajectory,
        author=mentor,
        by_trainee=False,
        day=timezone.localdate() - timedelta(days=days_ago),
        description="Rit",
    )


def board_signals(trajectory, coordinator, *, today) -> set[str] | None:
    """The signals the board shows for the trajectory, None when it is not on the board."""
    membership = membership_of(coordinator, trajectory.organisation)
    settings = settings_for(trajectory.organisation)
    found = list(at_risk_trajectories(membership, today=today, settings=settings))
    attach_risk_facts(found, today=today, settings=settings)
    for row in found:
        if row.pk == trajectory.pk:
            return {
                signal.code for signal in risk_signals(row, today=today, settings=settings).signals
            }
    return None


def test_the_last_log_follows_entries_written_changed_and_deleted(trajectory, mentor):
    assert last_log_on(trajectory) is None
    older = write(trajectory, mentor, days_ago=20)
    assert last_log_on(trajectory) == timezone.localdate() - timedelta(days=20)
    newer = write(trajectory, mentor, days_ago=3)
    assert last_log_on(trajectory) == timezone.localdate() - timedelta(days=3)
    log_entry_update(
        entry=newer,
        by=mentor,
        day=timezone.localdate() - timedelta(days=25),
        description="Rit",
        kind=newer.kind,
    )
    assert last_log_on(trajectory) == timezone.localdate() - timedelta(days=20)
    log_entry_delete(entry=older, by=mentor)
    assert last_log_on(trajectory) == timezone.localdate() - timedelta(days=25)
    log_entry_delete(entry=LogEntry.objects.get(pk=newer.pk), by=mentor)
    assert last_log_on(trajectory) is None


def test_the_board_counts_days_without_a_log_from_today_not_from_when_it_was_stored(
    trajectory, mentor, coordinator
):
    write(trajectory, mentor, days_ago=2)
    today = timezone.localdate()
    assert "no_log" not in (board_signals(trajectory, coordinator, today=today) or set())
    # Nothing is written for a week: the same stored date is now too long ago.
    assert "no_log" in board_signals(trajectory, coordinator, today=today + timedelta(days=6))
    write(trajectory, mentor, days_ago=0)
    later = board_signals(trajectory, coordinator, today=today + timedelta(days=6))
    assert "no_log" not in (later or set())


def test_the_refresh_command_repairs_facts_written_around_the_services(
    trajectory, mentor, coordinator
):
    entry = write(trajectory, mentor, days_ago=1)
    LogEntry.objects.filter(pk=entry.pk).update(date=timezone.localdate() - timedelta(days=30))
    Trajectory.objects.filter(pk=trajectory.pk).update(last_log_on=None)
    out = StringIO()
    call_command("refresh_facts", stdout=out)
    assert last_log_on(trajectory) == timezone.localdate() - timedelta(days=30)
    assert "logbook.last_log_on" in out.getvalue()
    assert "credentials.is_current" in out.getvalue()


def radar_ids(coordinator, organisation, *, today=None) -> set[int]:
    membership = membership_of(coordinator, organisation)
    found = credentials_radar(membership, today=today or timezone.localdate(), within=90)
    return set(found.values_list("pk", flat=True))


def test_a_renewed_credential_replaces_the_old_one_on_the_radar(
    trajectory, coordinator, organisation
):
    candidate = trajectory.candidate
    old = record(candidate, "medical_fitness", by=coordinator, expires_on=day(20))
    assert radar_ids(coordinator, organisation) == {old.pk}
    renewed = record(candidate, "medical_fitness", by=coordinator, expires_on=day(60))
    assert Credential.objects.get(pk=old.pk).is_current is False
    assert radar_ids(coordinator, organisation) == {renewed.pk}
    # The renewal was a mistake: deleting it makes the old one current again.
    credential_delete(credential=renewed, by=coordinator)
    assert Credential.objects.get(pk=old.pk).is_current is True
    assert radar_ids(coordinator, organisation) == {old.pk}


def test_an_edit_of_the_date_decides_which_one_is_current(trajectory, coordinator, organisation):
    candidate = trajectory.candidate
    first = record(candidate, "medical_fitness", by=coordinator, expires_on=day(20))
    second = record(candidate, "medical_fitness", by=coordinator, expires_on=day(30))
    credential_update(credential=first, by=coordinator, verified=True, expires_on=day(50))
    assert Credential.objects.get(pk=first.pk).is_current is True
    assert Credential.objects.get(pk=second.pk).is_current is False
    assert radar_ids(coordinator, organisation) == {first.pk}


def test_a_credential_expires_by_the_date_alone(trajectory, coordinator, organisation):
    credential = record(trajectory.candidate, "medical_fitness", by=coordinator, expires_on=day(5))
    membership = membership_of(coordinator, organisation)
    later = timezone.localdate() + timedelta(days=10)
    upcoming = credentials_radar(membership, today=later, within=90, expired=False)
    assert not upcoming.filter(pk=credential.pk).exists()  # expired by then: not "upcoming"
    assert radar_ids(coordinator, organisation, today=later) == {credential.pk}  # but listed
