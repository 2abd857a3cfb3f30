"""Nothing is added to a closed or stopped trajectory's documents (issue 19, item 8), except
copies Werkplek generates of the end-of-trajectory paperwork (final evaluation report,
attendance lists, placement file), which are printed and kept when the trajectory ends."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from werkplek.documents.demo import pdf_bytes
from werkplek.documents.models import Document
from werkplek.documents.services import (
    document_slot_update,
    document_store_generated,
    document_upload,
)
from werkplek.documents.tests.factories import pdf_file
from werkplek.trajectories.models import Status, Trajectory


def closed(make_trajectory, status=Status.CLOSED):
    trajectory = make_trajectory()
    Trajectory.objects.filter(pk=trajectory.pk).update(status=status)
    trajectory.refresh_from_db()
    return trajectory


def add(client, trajectory, scope, title="Attest na afloop"):
    return client.post(
        f"/o/autocars/documents/trajectory/{trajectory.public_id}/add/",
        {"kind": "other", "title": title, "scope": scope, "file": pdf_file("attest.pdf")},
    )


@pytest.mark.parametrize("status", [Status.CLOSED, Status.STOPPED])
def test_a_closed_trajectory_takes_no_new_documents_but_its_candidate_does(
    client_for, make_trajectory, coordinator, settings, status
):
    trajectory = closed(make_trajectory, status)
    client = client_for(coordinator)
    form = client.get(f"/o/autocars/documents/trajectory/{trajectory.public_id}/add/")
    page = form.content.decode()
    assert 'value="candidate"' in page and 'value="trajectory"' not in page
    refused = add(client, trajectory, "trajectory")
    assert refused.status_code == 422
    page = refused.content.decode()
    assert 'id="id_scope_error"' in page
    assert "Dit traject is afgesloten: voeg het document toe bij de kandidaat." in page
    assert 'value="Attest na afloop"' in page  # what was typed stays
    assert not Document.objects.exists()
    assert [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()] == []
    # a document about the candidate (e.g. the contract signed after the trajectory) is fine
    assert add(client, trajectory, "candidate", "Arbeidscontract").status_code == 302
    document = Document.objects.get()
    assert (document.title, document.trajectory) == ("Arbeidscontract", None)


def test_the_services_refuse_documents_on_a_closed_trajectory(make_trajectory, coordinator):
    trajectory = closed(make_trajectory)
    with pytest.raises(ValidationError):
        document_upload(
            candidate=trajectory.candidate,
            trajectory=trajectory,
            file=pdf_file(),
            by=coordinator,
        )
    slot_type = trajectory.organisation.document_slot_types.get(code="contract")
    with pytest.raises(ValidationError):
        document_slot_update(
            trajectory=trajectory, slot_type=slot_type, status="signed", by=coordinator
        )
    with pytest.raises(ValidationError):
        document_store_generated(
            trajectory=trajectory,
            content=pdf_bytes("Opleidingsplan"),
            kind=Document.Kind.TRAINING_PLAN,
            title="Opleidingsplan",
            filename="plan.pdf",
            by=coordinator,
        )
    assert not Document.objects.exists()
    for kind in (
        Document.Kind.DOSSIER,
        Document.Kind.EVALUATION_REPORT,
        Document.Kind.ATTENDANCE_LIST,
    ):
        document_store_generated(
            trajectory=trajectory,
            content=pdf_bytes(kind),
            kind=kind,
            title=kind,
            filename=f"{kind}.pdf",
            by=coordinator,
        )
    assert Document.objects.count() == 3
