"""A closed or stopped trajectory's logbook is kept as it was (issue 19, item 8): no edit, no
delete, and every change to an entry before that leaves a trace in the history."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from werkplek.competences.tests.factories import running
from werkplek.logbook.models import LogEntry
from werkplek.logbook.services import log_entry_create, log_entry_delete, log_entry_update
from werkplek.trajectories.models import Status, Trajectory


@pytest.fixture
def trajectory(make_trajectory, mentor):
    return running(make_trajectory, mentors=[mentor])


def write(trajectory, author, text="Rondleiding in de stelplaats"):
    return log_entry_create(
        trajectory=trajectory,
        author=author,
        by_trainee=False,
        day=timezone.localdate(),
        description=text,
    )


def end(trajectory, status):
    Trajectory.objects.filter(pk=trajectory.pk).update(status=status)


@pytest.mark.parametrize("status", [Status.CLOSED, Status.STOPPED])
def test_a_closed_trajectorys_entries_can_no_longer_be_edited_or_deleted(
    client_for, trajectory, mentor, coordinator, status
):
    entry = write(trajectory, mentor)
    end(trajectory, status)
    for user in (mentor, coordinator):
        client = client_for(user)
        listing = client.get(f"/o/autocars/logbook/{trajectory.public_id}/").content.decode()
        assert "Rondleiding in de stelplaats" in listing
        assert f"/logbook/entry/{entry.public_id}/edit/" not in listing
        assert f"/logbook/entry/{entry.public_id}/delete/" not in listing
        edit_url = f"/o/autocars/logbook/entry/{entry.public_id}/edit/"
        refused = client.post(
            edit_url, {"date": timezone.localdate().isoformat(), "description": "Herschreven"}
        )
        assert refused.status_code == 302
        page = client.get(refused["Location"]).content.decode()
        assert "Dit traject is afgesloten; het logboek verandert niet meer." in page
        assert client.get(edit_url).status_code == 302
        deleted = client.post(f"/o/autocars/logbook/entry/{entry.public_id}/delete/")
        assert deleted.status_code == 302
        page = client.get(deleted["Location"]).content.decode()
        assert "Dit traject is afgesloten; het logboek verandert niet meer." in page
    entry.refresh_from_db()
    assert entry.description == "Rondleiding in de stelplaats"


def test_the_services_refuse_changes_to_a_closed_trajectorys_logbook(trajectory, mentor):
    entry = write(trajectory, mentor)
    end(trajectory, Status.CLOSED)
    entry = LogEntry.objects.select_related("trajectory").get(pk=entry.pk)
    with pytest.raises(ValidationError):
        log_entry_update(
            entry=entry,
            by=mentor,
            day=entry.date,
            description="Herschreven",
            kind=entry.kind,
        )
    with pytest.raises(ValidationError):
        log_entry_delete(entry=entry, by=mentor)
    with pytest.raises(ValidationError):
        write(LogEntry.objects.get(pk=entry.pk).trajectory, mentor, "Nieuw")
    assert LogEntry.objects.get(pk=entry.pk).description == "Rondleiding in de stelplaats"
    assert LogEntry.objects.count() == 1


def test_every_change_to_an_entry_is_kept_in_its_history(
    client_for, trajectory, mentor, coordinator
):
    entry = write(trajectory, mentor)
    pk = entry.pk
    log_entry_update(
        entry=entry, by=mentor, day=entry.date, description="Herschreven", kind=entry.kind
    )
    log_entry_delete(entry=entry, by=coordinator)
    history = LogEntry.history.filter(id=pk).order_by("history_date", "history_id")
    assert [(row.history_type, row.description) for row in history] == [
        ("+", "Rondleiding in de stelplaats"),
        ("~", "Herschreven"),
        ("-", "Herschreven"),
    ]
    # the trajectory's audit trail shows it to coordinators
    audit = client_for(coordinator).get(f"/o/autocars/audit/trajectory/{trajectory.public_id}/")
    assert audit.status_code == 200
    assert "Rondleiding in de stelplaats" in audit.content.decode()


def test_erasing_the_trainee_purges_the_history_of_their_logbook(trajectory, mentor, admin):
    """The history keeps earlier wordings, which may name the person: erasure takes them, as
    it does for the candidate's, credentials' and documents' history."""
    from werkplek.audit.gdpr import person_erase

    entry = write(trajectory, mentor, "Jan Peeters reed vandaag alleen")
    pk = entry.pk
    log_entry_update(entry=entry, by=mentor, day=entry.date, description="Goed", kind=entry.kind)
    assert LogEntry.history.filter(id=pk).count() == 2
    person_erase(candidate=trajectory.candidate, by=admin, reason="Op vraag van de persoon")
    assert not LogEntry.history.filter(id=pk).exists()
