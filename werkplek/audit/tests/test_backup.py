from django.core.management import call_command

from werkplek.accounts.models import Membership, Organisation, User
from werkplek.audit.backup import organisation_records
from werkplek.candidates.models import Candidate
from werkplek.checklists.models import ChecklistItem
from werkplek.credentials.tests.factories import record
from werkplek.documents.models import Document
from werkplek.documents.tests.factories import one_of_each as documents_of_each
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
