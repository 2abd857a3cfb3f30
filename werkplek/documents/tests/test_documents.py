import re
from pathlib import Path

import pytest

from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.documents.models import Document, DocumentSlot
from werkplek.documents.tests.factories import empty_file, exe_renamed, image_file, pdf_file
from werkplek.trajectories.models import Kind


def html(response) -> str:
    return response.content.decode()


def stored_files(settings) -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def slot_url(trajectory, code):
    return f"/o/autocars/documents/trajectory/{trajectory.public_id}/formalities/{code}/"


def post_slot(client, trajectory, code, status, file=None):
    data = {f"slot-{code}-status": status, f"slot-{code}-note": "via de school"}
    if file is not None:
        data[f"slot-{code}-file"] = file
    return client.post(slot_url(trajectory, code), data)


# --- Refused uploads: clear error, nothing saved ---------------------------------------------


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (exe_renamed("contract.pdf"), "is geen PDF, JPEG, PNG, Word (.docx) of Excel (.xlsx)"),
        (empty_file("contract.pdf"), "Het bestand “contract.pdf” is leeg."),
    ],
)
def test_a_refused_upload_shows_why_and_saves_nothing(
    client_for, make_trajectory, coordinator, settings, file, message
):
    trajectory = make_trajectory()
    response = post_slot(client_for(coordinator), trajectory, "contract", "signed", file)
    assert response.status_code == 422
    page = html(response)
    assert 'id="id_slot-contract-file_error"' in page and message in page
    assert 'value="via de school"' in page  # what was typed stays
    assert not DocumentSlot.objects.exists() and not Document.objects.exists()
    assert stored_files(settings) == []
    assert trajectory.checklist_items.get(code="contract").state == "open"


def test_an_oversized_upload_is_refused(client_for, make_trajectory, coordinator, settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 2000
    trajectory = make_trajectory()
    big = pdf_file("contract.pdf", text="x" * 3000)
    response = post_slot(client_for(coordinator), trajectory, "contract", "signed", big)
    assert response.status_code == 422
    assert "is te groot" in html(response) and "de grens is 2,0" in html(response)
    assert not Document.objects.exists() and stored_files(settings) == []


def test_the_other_documents_form_refuses_a_renamed_program(
    client_for, make_trajectory, coordinator, settings
):
    trajectory = make_trajectory()
    response = client_for(coordinator).post(
        f"/o/autocars/documents/trajectory/{trajectory.public_id}/add/",
        {
            "kind": "certificate",
            "title": "Diploma",
            "scope": "candidate",
            "file": exe_renamed("diploma.png"),
        },
    )
    assert response.status_code == 422
    assert 'id="id_file_error"' in html(response) and 'value="Diploma"' in html(response)
    assert not Document.objects.exists() and stored_files(settings) == []


# --- Accepted uploads --------------------------------------------------------------------------


def test_an_upload_is_stored_under_a_random_name_and_served_only_through_the_view(
    client, client_for, make_trajectory, coordinator, settings
):
    trajectory = make_trajectory()
    response = post_slot(
        client_for(coordinator),
        trajectory,
        "transport_passes",
        "todo",
        image_file("abonnement.jpg", "JPEG"),
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert re.fullmatch(
        rf"documents/{trajectory.organisation.public_id.hex}/[0-9a-f]{{32}}\.jpg",
        document.file.name,
    )
    assert (document.original_name, document.content_type) == ("abonnement.jpg", "image/jpeg")
    # an upload means the formality is received; its checklist item ticks
    assert DocumentSlot.objects.get().status == "received"
    assert trajectory.checklist_items.get(code="transport_passes").state == "done"
    download = client_for(coordinator).get(document.get_download_url())
    assert download.status_code == 200
    assert download["Content-Type"] == "image/jpeg"
    assert 'attachment; filename="abonnement.jpg"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == Path(document.file.path).read_bytes()
    assert client.get(f"/media/{document.file.name}").status_code == 404
    assert client.get(document.get_download_url()).status_code == 302  # sign in first


def test_a_new_upload_of_a_contract_is_a_new_version_and_keeps_the_old_one(
    client_for, make_trajectory, coordinator
):
    trajectory = make_trajectory()
    client = client_for(coordinator)
    post_slot(client, trajectory, "contract", "received", pdf_file("ontwerp.pdf"))
    post_slot(client, trajectory, "contract", "signed", pdf_file("getekend.pdf"))
    first, second = Document.objects.order_by("version")
    assert (first.version, second.version, second.previous) == (1, 2, first)
    page = html(client.get(f"/o/autocars/documents/trajectory/{trajectory.public_id}/"))
    assert "getekend.pdf" in page and "ontwerp.pdf" not in page and "versie 2" in page
    assert trajectory.checklist_items.get(code="contract").state == "done"


def test_download_permissions_per_role(
    client_for, make_trajectory, organisation, coordinator, mentor, other_mentor, trainee, guest
):
    candidate = CandidateFactory(organisation=organisation, user=trainee)
    trajectory = make_trajectory(candidate=candidate, mentors=[mentor])
    post_slot(client_for(coordinator), trajectory, "contract", "signed", pdf_file())
    contract = Document.objects.get()
    client_for(coordinator).post(
        f"/o/autocars/documents/trajectory/{trajectory.public_id}/add/",
        {
            "kind": "other",
            "title": "Nota HR",
            "scope": "trajectory",
            "staff_only": "on",
            "file": pdf_file("nota.pdf"),
        },
    )
    staff_note = Document.objects.get(title="Nota HR")
    expected = {
        mentor: (200, 404),
        trainee: (200, 404),
        other_mentor: (404, 404),
        guest: (403, 403),
        coordinator: (200, 200),
    }
    for user, (for_contract, for_note) in expected.items():
        client = client_for(user)
        assert client.get(contract.get_download_url()).status_code == for_contract, user
        assert client.get(staff_note.get_download_url()).status_code == for_note, user
    mentor_tab = html(
        client_for(mentor).get(f"/o/autocars/documents/trajectory/{trajectory.public_id}/")
    )
    assert "Nota HR" not in mentor_tab and "Status wijzigen" not in mentor_tab


def test_formalities_follow_the_kind_and_tick_their_items(client_for, make_trajectory, coordinator):
    ibo = make_trajectory(kind=Kind.IBO)
    page = html(client_for(coordinator).get(f"/o/autocars/documents/trajectory/{ibo.public_id}/"))
    assert "IBO-aanvraag" in page and "Stageformulier" not in page
    assert post_slot(client_for(coordinator), ibo, "stage_form", "signed").status_code == 404
    post_slot(client_for(coordinator), ibo, "ibo_request", "requested")
    assert ibo.checklist_items.get(code="ibo_request").state == "done"  # done once requested
    post_slot(client_for(coordinator), ibo, "workstation_sheet", "received")
    assert ibo.checklist_items.get(code="workstation_sheet").state == "open"  # needs signing
    post_slot(client_for(coordinator), ibo, "workstation_sheet", "signed")
    assert ibo.checklist_items.get(code="workstation_sheet").state == "done"
    post_slot(client_for(coordinator), ibo, "workstation_sheet", "todo")
    assert ibo.checklist_items.get(code="workstation_sheet").state == "open"
    assert ibo.events.filter(action="documents.slot.updated").count() == 4


def test_deleting_a_document_removes_its_file(
    client_for, make_trajectory, coordinator, settings, django_capture_on_commit_callbacks
):
    trajectory = make_trajectory()
    post_slot(client_for(coordinator), trajectory, "contract", "signed", pdf_file())
    document = Document.objects.get()
    assert len(stored_files(settings)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            f"/o/autocars/documents/{document.public_id}/delete/",
            {"trajectory": str(trajectory.public_id)},
        )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/documents/trajectory/{trajectory.public_id}/")
    assert not Document.objects.exists() and stored_files(settings) == []


def test_the_documents_tab_query_count_is_bounded(
    client_for, make_trajectory, coordinator, django_assert_max_num_queries
):
    trajectory = make_trajectory()
    client = client_for(coordinator)
    with django_assert_max_num_queries(14) as few:
        client.get(f"/o/autocars/documents/trajectory/{trajectory.public_id}/")
    baseline = len(few.captured_queries)  # read now: the query log is a bounded deque
    for index in range(6):
        post_slot(client, trajectory, "transport_passes", "received", pdf_file(f"pas{index}.pdf"))
        post_slot(client, trajectory, "contract", "signed", pdf_file(f"contract{index}.pdf"))
    with django_assert_max_num_queries(baseline):
        assert (
            client.get(f"/o/autocars/documents/trajectory/{trajectory.public_id}/").status_code
            == 200
        )
