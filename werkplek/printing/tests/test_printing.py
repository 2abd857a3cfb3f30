from datetime import timedelta

import pytest
from django.utils import timezone

from werkplek.accounts.tests.factories import MembershipFactory
from werkplek.attendance.models import AttendanceDay
from werkplek.documents.models import Document
from werkplek.printing.models import WorkstationSheet
from werkplek.printing.pdf import page_counter_css
from werkplek.printing.tests.factories import (
    MEDICAL_EXPIRY_OFFSET,
    full_trajectory,
    pdf_pages,
    pdf_text,
)


@pytest.fixture
def trajectory(make_trajectory, organisation, mentor, coordinator):
    return full_trajectory(make_trajectory, organisation, mentor=mentor, coordinator=coordinator)


def url(trajectory, code, suffix=".pdf"):
    return f"/o/autocars/print/{trajectory.public_id}/{code}{suffix}"


def test_page_counter_is_translated_into_css():
    from django.utils import translation

    with translation.override("nl"):
        assert page_counter_css() == '"Pagina " counter(page) " van " counter(pages)'


def test_the_training_plan_pdf_shows_goals_moments_version_and_signatures(
    client_for, trajectory, coordinator
):
    response = client_for(coordinator).get(url(trajectory, "plan"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    text = pdf_text(response.content)
    assert "Opleidingsplan" in text
    assert "Zoë Van Hoëgaerden" in text
    assert "Cora Coördinator" in text  # Dutch diacritics survive
    assert "Autocars Vlaanderen" in text  # the header
    assert "Veilig achteruit rijden op de stelplaats" in text
    assert "Manoeuvreren op het oefenterrein" in text
    assert "Versie 1" in text and "Overeengekomen" in text
    assert "Handtekening" in text
    assert "Pagina 1 van 1" in text


def test_the_pdf_is_in_the_trainees_language(client_for, trajectory, coordinator):
    trajectory.candidate.language = "fr"
    trajectory.candidate.save()
    text = pdf_text(client_for(coordinator).get(url(trajectory, "plan")).content)
    assert "Plan de formation" in text
    assert "Page 1 sur 1" in text


@pytest.mark.dates
def test_the_attendance_list_has_a_row_per_day_totals_and_signature_lines(
    client_for, trajectory, mentor
):
    sick_day = trajectory.attendance_days.get(status=AttendanceDay.Status.SICK).date
    first = sick_day.replace(day=1)
    response = client_for(mentor).get(url(trajectory, "attendance"), {"month": f"{first:%Y-%m}"})
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Aanwezigheidslijst" in text
    assert sick_day.strftime("%d/%m/%Y") in text
    assert "Griep – doktersattest" in text
    month_days = [
        record
        for record in trajectory.attendance_days.all()
        if (record.date.year, record.date.month) == (first.year, first.month)
    ]
    hours = sum(record.hours for record in month_days)
    assert f"{hours:.2f}".replace(".", ",").rstrip("0").rstrip(",") in text
    assert text.count("Handtekening") == 2  # trainee and mentor
    assert pdf_pages(response.content) == 1


def test_the_dossier_for_a_coordinator_holds_every_section_and_medical_details(
    client_for, trajectory, coordinator
):
    response = client_for(coordinator).get(url(trajectory, "dossier"))
    text = pdf_text(response.content)
    for heading in (
        "Contactpersonen",
        "Checklist per fase",
        "Attesten",
        "Opleidingsplan",
        "Logboek",
        "Aanwezigheid",
        "Resultaat",
    ):
        assert heading in text, heading
    expiry = timezone.localdate() + timedelta(days=MEDICAL_EXPIRY_OFFSET)
    assert expiry.strftime("%d/%m/%Y") in text
    assert "Mats Mentor" in text and "Cora Coördinator" in text
    pages = pdf_pages(response.content)
    assert f"Pagina {pages} van {pages}" in text


def test_a_mentors_dossier_leaves_out_medical_details(client_for, trajectory, mentor):
    text = pdf_text(client_for(mentor).get(url(trajectory, "dossier")).content)
    expiry = timezone.localdate() + timedelta(days=MEDICAL_EXPIRY_OFFSET)
    assert expiry.strftime("%d/%m/%Y") not in text
    assert "Medische gegevens: enkel voor coördinatoren" in text
    assert "Zoë Van Hoëgaerden" in text


def test_a_mentor_prints_only_their_own_trainees(client_for, trajectory, other_mentor):
    assert client_for(other_mentor).get(url(trajectory, "plan")).status_code == 404


def test_a_trainee_gets_no_dossier_and_a_guest_nothing(client_for, trajectory, trainee, guest):
    trajectory.candidate.user = trainee
    trajectory.candidate.save()
    assert client_for(trainee).get(url(trajectory, "plan")).status_code == 200
    assert client_for(trainee).get(url(trajectory, "dossier")).status_code == 403
    assert client_for(guest).get(url(trajectory, "plan")).status_code == 403


def test_another_organisations_trajectory_is_404(client_for, trajectory, outsider):
    MembershipFactory(user=outsider, organisation=trajectory.organisation, role="coordinator")
    other = client_for(outsider)
    response = other.get(f"/o/andere/print/{trajectory.public_id}/plan.pdf")
    assert response.status_code == 404


def test_an_unknown_document_is_404(client_for, trajectory, coordinator):
    assert client_for(coordinator).get(url(trajectory, "nonsense")).status_code == 404


def test_keeping_a_copy_stores_versions_and_keeps_the_signed_one(
    client_for, trajectory, coordinator
):
    client = client_for(coordinator)
    response = client.post(url(trajectory, "plan", "/store/"))
    assert response.status_code == 302
    first = Document.objects.get(trajectory=trajectory, source="generated")
    assert (first.kind, first.version, first.content_type) == (
        "training_plan",
        1,
        "application/pdf",
    )
    assert first.title == "Opleidingsplan – Zoë Van Hoëgaerden"
    signed = first.file.open("rb").read()
    first.file.close()
    assert "Veilig achteruit rijden" in pdf_text(signed)

    client.post(url(trajectory, "plan", "/store/"))
    second = Document.objects.get(trajectory=trajectory, source="generated", version=2)
    assert second.previous == first
    first.refresh_from_db()
    with first.file.open("rb") as handle:
        assert handle.read() == signed  # what was signed stays as it was
    download = client.get(f"/o/autocars/documents/{second.public_id}/download/")
    assert download.status_code == 200
    tab = client.get(f"/o/autocars/print/{trajectory.public_id}/")
    assert "Opleidingsplan – Zoë Van Hoëgaerden" in tab.content.decode()


def test_a_coordinators_dossier_copy_is_for_coordinators_only(
    client_for, trajectory, coordinator, mentor
):
    client_for(coordinator).post(url(trajectory, "dossier", "/store/"))
    document = Document.objects.get(trajectory=trajectory, kind="dossier")
    assert document.staff_only
    download = f"/o/autocars/documents/{document.public_id}/download/"
    assert client_for(mentor).get(download).status_code == 404


def test_attendance_copies_are_kept_per_month(client_for, trajectory, coordinator):
    client = client_for(coordinator)
    first = trajectory.period_start.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    client.post(url(trajectory, "attendance", "/store/"), {"month": f"{first:%Y-%m}"})
    client.post(url(trajectory, "attendance", "/store/"), {"month": f"{following:%Y-%m}"})
    titles = set(
        Document.objects.filter(trajectory=trajectory, kind="attendance_list").values_list(
            "title", "version"
        )
    )
    assert titles == {
        (f"Aanwezigheidslijst {first:%m/%Y} – Zoë Van Hoëgaerden", 1),
        (f"Aanwezigheidslijst {following:%m/%Y} – Zoë Van Hoëgaerden", 1),
    }


def test_only_staff_keep_copies(client_for, trajectory, mentor):
    assert client_for(mentor).post(url(trajectory, "plan", "/store/")).status_code == 403


def test_the_workstation_sheet_is_filled_from_the_trajectory_edited_and_printed(
    client_for, trajectory, mentor
):
    client = client_for(mentor)
    edit = f"/o/autocars/print/{trajectory.public_id}/workstation-sheet/"
    page = client.get(edit)
    assert page.status_code == 200
    assert 'value="Buschauffeur"' in page.content.decode()
    response = client.post(
        edit,
        {
            "workstation": "Buschauffeur streekvervoer",
            "location": "Stelplaats Gent",
            "activities": "Rijden met begeleiding",
            "onboarding_emergencies": "on",
            "risk_noise": "on",
            "measures_noise": "",
            "risk_traffic": "on",
            "measures_traffic": "Defensief rijden; dodehoekspiegels",
        },
    )
    assert response.status_code == 422
    assert "Zeg welke maatregelen" in response.content.decode()
    assert 'value="Stelplaats Gent"' in response.content.decode()  # typed input kept
    response = client.post(
        edit,
        {
            "workstation": "Buschauffeur streekvervoer",
            "location": "Stelplaats Gent",
            "activities": "Rijden met begeleiding",
            "onboarding_emergencies": "on",
            "risk_traffic": "on",
            "measures_traffic": "Defensief rijden; dodehoekspiegels",
            "health_surveillance": "on",
        },
    )
    assert response.status_code == 302
    sheet = WorkstationSheet.objects.get(trajectory=trajectory)
    assert sheet.risks == {"traffic": "Defensief rijden; dodehoekspiegels"}
    text = pdf_text(client.get(url(trajectory, "workstation-sheet")).content)
    assert "Werkpostfiche" in text
    assert "Buschauffeur streekvervoer" in text
    assert "Defensief rijden; dodehoekspiegels" in text
    assert "ARBEIDSGENEESHEER" in text  # a health assessment: the physician signs too


def test_the_print_tab_lists_what_this_role_may_print(
    client_for, trajectory, coordinator, mentor, django_assert_max_num_queries
):
    client = client_for(mentor)
    client.get(f"/o/autocars/print/{trajectory.public_id}/")
    with django_assert_max_num_queries(10):
        page = client.get(f"/o/autocars/print/{trajectory.public_id}/")
    html = page.content.decode()
    assert "Stagemap" in html and "Kopie bewaren" not in html
    html = client_for(coordinator).get(f"/o/autocars/print/{trajectory.public_id}/").content
    assert "Kopie bewaren" in html.decode()


def test_a_logo_is_checked_by_content_and_printed(client_for, trajectory, coordinator):
    from werkplek.documents.tests.factories import image_file, pdf_file

    client = client_for(coordinator)
    response = client.post("/o/autocars/print/settings/", {"logo": pdf_file("logo.png")})
    assert response.status_code == 422
    response = client.post("/o/autocars/print/settings/", {"logo": image_file("logo.png")})
    assert response.status_code == 302
    from werkplek.printing.selectors import organisation_logo

    assert organisation_logo(trajectory.organisation).startswith("data:image/png;base64,")
    assert client.get(url(trajectory, "plan")).status_code == 200


def test_the_dossier_takes_a_bounded_number_of_queries(
    client_for, trajectory, coordinator, django_assert_max_num_queries
):
    client = client_for(coordinator)
    client.get(url(trajectory, "plan"))
    with django_assert_max_num_queries(26):
        client.get(url(trajectory, "dossier"))


def test_the_dossier_in_french(client_for, trajectory, coordinator):
    trajectory.candidate.language = "fr"
    trajectory.candidate.save()
    text = pdf_text(client_for(coordinator).get(url(trajectory, "dossier")).content)
    assert "Dossier de stage" in text and "Sommaire" in text and "Coordinateur" in text
    assert "Présences" in text


def test_a_trainee_does_not_get_a_draft_plan(
    client_for, make_trajectory, organisation, mentor, trainee
):
    from werkplek.candidates.tests.factories import CandidateFactory
    from werkplek.competences.tests.factories import running
    from werkplek.plans.models import PlanGoal
    from werkplek.plans.services import plan_goal_save, plan_start

    candidate = CandidateFactory(organisation=organisation, user=trainee)
    trajectory = running(make_trajectory, mentors=[mentor], candidate=candidate)
    version = plan_start(trajectory=trajectory, by=mentor)
    plan_goal_save(goal=PlanGoal(version=version, description="Geheim conceptdoel"))
    assert "Geheim conceptdoel" in pdf_text(client_for(mentor).get(url(trajectory, "plan")).content)
    text = pdf_text(client_for(trainee).get(url(trajectory, "plan")).content)
    assert "Geheim conceptdoel" not in text
    assert "Er is nog geen opleidingsplan opgesteld." in text


def _filename(response) -> str:
    from email.message import Message

    header = Message()
    header["Content-Disposition"] = response["Content-Disposition"]
    return header.get_filename()


def test_download_names_keep_the_title_without_a_slash(client_for, trajectory, coordinator):
    # "Liste de présences 12/2026 – …pdf": a "/" in a file name is a folder to the browser
    # and the disk; the stored copy lost everything before it ("2026__Zoë…").
    trajectory.candidate.language = "fr"
    trajectory.candidate.save()
    client = client_for(coordinator)
    first = trajectory.period_start.replace(day=1)
    expected = f"Liste de présences {first:%m-%Y} – Zoë Van Hoëgaerden.pdf"
    response = client.get(url(trajectory, "attendance"), {"month": f"{first:%Y-%m}"})
    assert _filename(response) == expected
    client.post(url(trajectory, "attendance", "/store/"), {"month": f"{first:%Y-%m}"})
    document = Document.objects.get(trajectory=trajectory, kind="attendance_list")
    assert document.original_name == expected
    download = client.get(f"/o/autocars/documents/{document.public_id}/download/")
    assert download.status_code == 200
    assert _filename(download) == expected


def test_every_download_name_goes_through_one_cleaner():
    from werkplek.core.downloads import download_filename

    assert download_filename("Liste de présences 12/2026 – Zoë.pdf") == (
        "Liste de présences 12-2026 – Zoë.pdf"
    )
    assert download_filename('a\\b:c*d?e"f<g>h|i\nj.pdf') == "a-b-c-d-e-f-g-h-i j.pdf"
    assert download_filename("../../etc/passwd") == "etc-passwd"
    assert download_filename("  ") == "download"
    assert len(download_filename("x" * 300 + ".pdf")) <= 150
    assert download_filename("x" * 300 + ".pdf").endswith(".pdf")


def test_a_closed_trajectory_keeps_copies_of_its_end_paperwork_only(
    client_for, trajectory, coordinator
):
    """Issue 19: after close, only the end-of-trajectory paperwork (placement file, attendance
    lists, evaluation reports) may still be kept; the page offers only those."""
    from werkplek.trajectories.models import Status, Trajectory

    Trajectory.objects.filter(pk=trajectory.pk).update(status=Status.CLOSED)
    client = client_for(coordinator)
    page = client.get(f"/o/autocars/print/{trajectory.public_id}/").content.decode()
    assert url(trajectory, "dossier", "/store/") in page
    assert url(trajectory, "attendance", "/store/") in page
    assert url(trajectory, "plan", "/store/") not in page
    assert url(trajectory, "workstation-sheet", "/store/") not in page
    refused = client.post(url(trajectory, "plan", "/store/"))
    assert refused.status_code == 302
    message = "Dit traject is afgesloten; alleen de papieren van het einde"
    assert message in client.get(refused["Location"]).content.decode()
    assert not Document.objects.filter(trajectory=trajectory, kind="training_plan").exists()
    assert client.post(url(trajectory, "dossier", "/store/")).status_code == 302
    assert Document.objects.filter(trajectory=trajectory, kind="dossier").exists()


def test_the_stagemap_item_ticks_when_the_dossier_is_kept_and_reopens_when_it_is_deleted(
    client_for, trajectory, coordinator
):
    item = trajectory.checklist_items.get(code="stage_file")
    assert item.state == "open"
    client = client_for(coordinator)
    client.post(url(trajectory, "dossier", "/store/"))
    item.refresh_from_db()
    assert item.state == "done" and item.resolved_by is None  # the fact ticked it, not a person
    document = Document.objects.get(trajectory=trajectory, kind="dossier")
    client.post(f"/o/autocars/documents/{document.public_id}/delete/")
    item.refresh_from_db()
    assert item.state == "open"


def test_the_stagemap_item_cannot_be_ticked_by_hand(trajectory, coordinator):
    from django.core.exceptions import ValidationError

    from werkplek.checklists.services import checklist_item_tick

    with pytest.raises(ValidationError, match="placement file"):
        checklist_item_tick(item=trajectory.checklist_items.get(code="stage_file"), by=coordinator)
