from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from werkplek.accounts.models import Membership, Organisation, User
from werkplek.accounts.tests.factories import OrganisationFactory
from werkplek.audit.backup import collect_all, organisation_records
from werkplek.candidates.models import Candidate
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.checklists.models import ChecklistItem
from werkplek.competences.models import Competence
from werkplek.credentials.tests.factories import record
from werkplek.documents.models import Document
from werkplek.documents.tests.factories import one_of_each as documents_of_each
from werkplek.logbook.models import LogEntry
from werkplek.trajectories.models import Trajectory


def snapshot(organisation_slug):
    organisation = Organisation.objects.get(slug=organisation_slug)
    documents = Document.objects.filter(organisation=organisation).order_by("pk")
    return {
        "candidates": sorted(
            Candidate.objects.filter(organisation=organisation).values_list(
                "public_id", "first_name", "last_name"
            )
        ),
        "trajectories": sorted(
            Trajectory.objects.filter(organisation=organisation).values_list("public_id", "status")
        ),
        "items": ChecklistItem.objects.filter(trajectory__organisation=organisation).count(),
        "members": sorted(
            Membership.objects.filter(organisation=organisation).values_list("user__email", "role")
        ),
        "files": [(d.public_id, d.file.read()) for d in documents],
    }


def test_backup_then_restore_gives_back_the_same_organisation(
    tmp_path, organisation, other_organisation, coordinator, mentor, make_trajectory
):
    trajectory = make_trajectory(mentors=[mentor])
    record(trajectory.candidate, "licence_d", by=coordinator)
    documents_of_each(trajectory=trajectory, by=coordinator)
    make_trajectory(other_organisation)
    before = snapshot("autocars")
    assert before["files"]
    other_before = snapshot("andere")
    archive = tmp_path / "autocars.zip"
    call_command("backup_organisation", "autocars", str(archive))

    for document in Document.objects.filter(organisation=organisation):
        document.file.delete(save=False)
    # Foreign keys are checked at commit: delete every row of the organisation, any order.
    for obj in organisation_records(organisation):
        if not isinstance(obj, User):
            type(obj).objects.filter(pk=obj.pk)._raw_delete("default")
    assert not Organisation.objects.filter(slug="autocars").exists()

    call_command("restore_organisation", str(archive))
    assert snapshot("autocars") == before
    assert snapshot("andere") == other_before


def history_of(organisation) -> dict:
    """How many history rows each audited record of the organisation has."""
    trajectories = Trajectory.history.filter(organisation=organisation).values("id")
    return {
        "candidates": Candidate.history.filter(organisation=organisation).count(),
        "trajectories": Trajectory.history.filter(organisation=organisation).count(),
        "items": ChecklistItem.history.filter(trajectory_id__in=trajectories).count(),
        "documents": Document.history.filter(organisation=organisation).count(),
        "memberships": Membership.history.filter(organisation=organisation).count(),
    }


def delete_everything_of(organisation, *, history: bool = True) -> None:
    """As on a fresh installation: the organisation's rows and their history are gone (the
    users stay: they may be members elsewhere). Foreign keys are checked at commit. Without
    `history`, as when the organisation is deleted here: its history stays."""
    for document in Document.objects.filter(organisation=organisation):
        document.file.delete(save=False)
    link_rows = [
        obj
        for model, objs in collect_all([organisation]).items()
        if model._meta.auto_created
        for obj in objs
    ]
    for obj in [*organisation_records(organisation), *link_rows]:
        if isinstance(obj, User) or (not history and hasattr(obj, "instance_type")):
            continue
        type(obj)._base_manager.filter(pk=obj.pk)._raw_delete("default")
    assert not Organisation.objects.filter(pk=organisation.pk).exists()


def a_logbook_entry_naming_a_competence(trajectory, mentor) -> LogEntry:
    competence = (
        Competence.objects.filter(framework__organisation=trajectory.organisation).first()
        or Competence.objects.first()
    )
    entry = LogEntry.objects.create(
        trajectory=trajectory, author=mentor, date=date.today(), description="Eerste rit"
    )
    entry.competences.add(competence)
    return entry


def test_a_backup_with_a_logbook_naming_a_competence_and_history_restores_whole(
    tmp_path, organisation, coordinator, mentor, make_trajectory
):
    trajectory = make_trajectory(mentors=[mentor])
    entry = a_logbook_entry_naming_a_competence(trajectory, mentor)
    competences = list(entry.competences.values_list("pk", flat=True))
    candidate = trajectory.candidate
    candidate.city = "Gent"
    candidate.save()
    before, history = snapshot("autocars"), history_of(organisation)
    assert history["candidates"] >= 2 and history["trajectories"] >= 1
    archive = tmp_path / "autocars.zip"
    call_command("backup_organisation", "autocars", str(archive))
    delete_everything_of(organisation)
    assert history_of(organisation) == dict.fromkeys(history, 0)
    if connection.vendor == "postgresql":  # a fresh installation: its sequences start at 1
        with connection.cursor() as cursor:
            for model in (Candidate, LogEntry):
                cursor.execute(f"ALTER SEQUENCE {model._meta.db_table}_id_seq RESTART WITH 1")

    call_command("restore_organisation", str(archive))
    assert snapshot("autocars") == before
    restored = LogEntry.objects.get(pk=entry.pk)
    assert list(restored.competences.values_list("pk", flat=True)) == competences
    assert history_of(organisation) == history
    # Rows made after the restore do not collide with the restored keys.
    entry = a_logbook_entry_naming_a_competence(Trajectory.objects.get(pk=trajectory.pk), mentor)
    assert entry.competences.count() == 1
    assert CandidateFactory(organisation=organisation).pk > candidate.pk


def test_restoring_next_to_another_organisation_leaves_it_alone(
    tmp_path, organisation, other_organisation, coordinator, mentor, outsider, make_trajectory
):
    trajectory = make_trajectory(mentors=[mentor])
    a_logbook_entry_naming_a_competence(trajectory, mentor)
    # The mentor is a member of both; after the backup the other organisation renames them.
    Membership.objects.create(user=mentor, organisation=other_organisation, role="mentor")
    make_trajectory(other_organisation, coordinator=outsider, by=outsider)
    before = snapshot("autocars")
    archive = tmp_path / "autocars.zip"
    call_command("backup_organisation", "autocars", str(archive))
    delete_everything_of(organisation)
    User.objects.filter(pk=mentor.pk).update(full_name="Mats Hernoemd")
    other_before = snapshot("andere")

    call_command("restore_organisation", str(archive))
    assert snapshot("autocars") == before
    assert snapshot("andere") == other_before
    assert User.objects.get(pk=mentor.pk).full_name == "Mats Hernoemd"


def test_a_restore_that_would_overwrite_another_organisation_is_refused(
    tmp_path, organisation, coordinator, mentor, make_trajectory, bus_coach_pack
):
    trajectory = make_trajectory(mentors=[mentor])
    a_logbook_entry_naming_a_competence(trajectory, mentor)
    candidate_pk, trajectory_pk = trajectory.candidate_id, trajectory.pk
    organisation_pk = organisation.pk
    archive = tmp_path / "autocars.zip"
    call_command("backup_organisation", "autocars", str(archive))
    delete_everything_of(organisation)
    # Another installation: a third organisation holds the same primary keys.
    third = OrganisationFactory(pk=organisation_pk, name="Derde", slug="derde")
    CandidateFactory(pk=candidate_pk, organisation=third, first_name="Dirk", last_name="Derde")
    third_before = snapshot("derde")
    candidates = Candidate.objects.count()

    with pytest.raises(CommandError) as refused:
        call_command("restore_organisation", str(archive))
    assert "already" in str(refused.value) and "candidates.Candidate" in str(refused.value)
    assert snapshot("derde") == third_before
    assert Candidate.objects.count() == candidates
    assert not Organisation.objects.filter(slug="autocars").exists()
    assert not Trajectory.objects.filter(pk=trajectory_pk).exists()


def test_an_organisation_deleted_here_restores_next_to_its_remaining_history(
    tmp_path, organisation, coordinator, mentor, make_trajectory
):
    trajectory = make_trajectory(mentors=[mentor])
    a_logbook_entry_naming_a_competence(trajectory, mentor)
    before, history = snapshot("autocars"), history_of(organisation)
    archive = tmp_path / "autocars.zip"
    call_command("backup_organisation", "autocars", str(archive))
    delete_everything_of(organisation, history=False)
    assert history_of(organisation) == history

    call_command("restore_organisation", str(archive))
    assert snapshot("autocars") == before
    assert history_of(organisation) == history
