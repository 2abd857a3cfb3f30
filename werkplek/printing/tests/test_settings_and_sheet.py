from werkplek.documents.tests.factories import image_file
from werkplek.printing.models import PrintSettings, WorkstationSheet
from werkplek.printing.selectors import organisation_logo
from werkplek.trajectories.models import Status, Trajectory


def test_a_closed_trajectorys_werkpostfiche_no_longer_changes(client_for, make_trajectory, mentor):
    trajectory = make_trajectory(mentors=[mentor], job_title="Chauffeur")
    Trajectory.objects.filter(pk=trajectory.pk).update(status=Status.CLOSED)
    response = client_for(mentor).post(
        f"/o/autocars/print/{trajectory.public_id}/workstation-sheet/",
        {"workstation": "Iets anders"},
    )
    assert response.status_code == 422
    assert "afgesloten" in response.content.decode()
    assert not WorkstationSheet.objects.filter(trajectory=trajectory).exists()


def test_the_logo_can_be_replaced_and_removed(client_for, organisation, coordinator, mentor):
    client = client_for(coordinator)
    client.post("/o/autocars/print/settings/", {"logo": image_file("logo.png")})
    first = PrintSettings.objects.get(organisation=organisation).logo.name
    client.post("/o/autocars/print/settings/", {"logo": image_file("nieuw.jpg", "JPEG")})
    settings_row = PrintSettings.objects.get(organisation=organisation)
    assert settings_row.logo.name != first and settings_row.logo_type == "image/jpeg"
    client.post("/o/autocars/print/settings/", {"remove": "on"})
    assert organisation_logo(organisation) is None
    assert client_for(mentor).get("/o/autocars/print/settings/").status_code == 403
