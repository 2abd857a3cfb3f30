import re

import pytest

from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.conftest import membership_of
from werkplek.credentials.models import Credential
from werkplek.credentials.tests.factories import credential_type, day, record
from werkplek.documents.models import Document
from werkplek.documents.tests.factories import exe_renamed, pdf_file
from werkplek.trajectories import transitions
from werkplek.trajectories.models import Status


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def trainee_trajectory(make_trajectory, organisation, trainee, mentor, coordinator):
    """The trainee persona's own trajectory, mentored by `mentor`, with a medical fitness."""
    candidate = CandidateFactory(organisation=organisation, user=trainee)
    trajectory = make_trajectory(candidate=candidate, mentors=[mentor])
    record(candidate, "medical_fitness", by=coordinator, expires_on=day(45))
    record(candidate, "licence_d", by=coordinator, expires_on=day(700))
    return trajectory


# --- Medical data per role ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ["admin", "coordinator"])
def test_staff_see_the_medical_date(request, client_for, trainee_trajectory, role):
    user = request.getfixturevalue(role)
    page = html(
        client_for(user).get(f"/o/autocars/credentials/trajectory/{trainee_trajectory.public_id}/")
    )
    assert "Geschikt voor groep 2, geldig tot" in page
    assert day(45).strftime("%d/%m/%Y") in page
    assert "Verloopt binnen 90 dagen" in page


@pytest.mark.parametrize("role", ["mentor", "trainee"])
def test_mentor_and_trainee_see_only_whether_it_is_valid(
    request, client_for, trainee_trajectory, role
):
    user = request.getfixturevalue(role)
    client = client_for(user)
    page = html(client.get(f"/o/autocars/credentials/trajectory/{trainee_trajectory.public_id}/"))
    medical = page[page.index('id="credential-medical_fitness"') :]
    medical = medical[: medical.index("</li>")]
    assert ">Geldig<" in medical
    assert day(45).strftime("%d/%m/%Y") not in medical
    assert "groep 2" not in medical and "Verloopt" not in medical
    assert day(700).strftime("%d/%m/%Y") in page  # the licence is not medical: shown


def test_the_overview_panel_hides_the_medical_date_from_a_mentor(
    client_for, trainee_trajectory, mentor, coordinator
):
    Credential.objects.filter(type__code="medical_fitness").update(expires_on=day(-3))
    mentor_page = html(client_for(mentor).get(trainee_trajectory.get_absolute_url()))
    panel = mentor_page[mentor_page.index("credentials-panel") :]
    panel = panel[: panel.index("</section>")]
    assert "Medische schifting" in panel and "Verlopen" in panel
    assert day(-3).strftime("%d/%m/%Y") not in mentor_page
    transitions.trajectory_confirm(
        trajectory=trainee_trajectory,
        membership=membership_of(coordinator, trainee_trajectory.organisation),
    )
    staff_page = html(client_for(coordinator).get(trainee_trajectory.get_absolute_url()))
    assert "Medische schifting is verlopen." in staff_page  # the gate explains itself to staff


def test_a_guest_sees_no_credentials(client_for, trainee_trajectory, guest):
    url = f"/o/autocars/credentials/trajectory/{trainee_trajectory.public_id}/"
    assert client_for(guest).get(url).status_code == 403


def test_a_mentor_cannot_open_the_medical_form_or_the_radar(client_for, trainee_trajectory, mentor):
    medical = Credential.objects.get(type__code="medical_fitness")
    client = client_for(mentor)
    assert client.get(f"/o/autocars/credentials/{medical.public_id}/edit/").status_code == 403
    assert client.get("/o/autocars/credentials/").status_code == 403


def test_another_mentor_does_not_see_this_trainee(client_for, trainee_trajectory, other_mentor):
    url = f"/o/autocars/credentials/trajectory/{trainee_trajectory.public_id}/"
    assert client_for(other_mentor).get(url).status_code == 404


# --- Recording through the pages -----------------------------------------------------------


def test_record_a_licence_with_its_proof(client_for, make_trajectory, coordinator, organisation):
    trajectory = make_trajectory()
    licence = credential_type(organisation, "licence_d")
    url = f"/o/autocars/credentials/trajectory/{trajectory.public_id}/new/?type={licence.public_id}"
    form = html(client_for(coordinator).get(url))
    assert 'type="file"' in form and "Rijbewijsnummer" in form
    response = client_for(coordinator).post(
        url,
        {
            "number": "2312345671",
            "categories": ["D", "DE"],
            "issued_on": day(-300).isoformat(),
            "expires_on": day(1000).isoformat(),
            "evidence_file": pdf_file("rijbewijs.pdf"),
            "verified": "on",
        },
    )
    assert response.status_code == 302
    credential = Credential.objects.get(candidate=trajectory.candidate)
    assert credential.category_list == ["D", "DE"] and credential.verified_by == coordinator
    assert credential.evidence.staff_only and credential.evidence.kind == "credential_evidence"
    assert trajectory.checklist_items.get(code="licence_d").state == "done"


VERIFIED_BOX = re.compile(r'<input[^>]*name="verified"[^>]*>')


def test_the_check_of_the_original_starts_unticked_and_needs_a_deliberate_tick(
    client_for, make_trajectory, coordinator, organisation
):
    """Issue 17 item 3: every credential form started ticked, so a driver card saved without
    touching the box was recorded as checked by the coordinator and ticked the checklist."""
    trajectory = make_trajectory()
    card = credential_type(organisation, "driver_card")
    client = client_for(coordinator)
    url = f"/o/autocars/credentials/trajectory/{trajectory.public_id}/new/?type={card.public_id}"
    box = VERIFIED_BOX.search(html(client.get(url))).group()
    assert "checked" not in box
    data = {"number": "B100000000000001", "expires_on": day(700).isoformat()}
    assert client.post(url, data).status_code == 302  # the box left as it was
    credential = Credential.objects.get(candidate=trajectory.candidate)
    assert credential.verified_by is None and credential.verified_at is None
    assert trajectory.checklist_items.get(code="driver_card").state == "open"


def test_editing_keeps_an_earlier_check_until_what_was_checked_changes(
    client_for, make_trajectory, coordinator, admin, organisation
):
    trajectory = make_trajectory()
    credential = record(trajectory.candidate, "driver_card", by=coordinator, expires_on=day(700))
    url = f"/o/autocars/credentials/{credential.public_id}/edit/"
    client = client_for(admin)
    page = html(client.get(url))
    assert "checked" not in VERIFIED_BOX.search(page).group()
    assert coordinator.full_name in page  # who checked it, beside the box
    data = {
        "number": credential.number,
        "expires_on": credential.expires_on.isoformat(),
        "remarks": "Kaart in de kluis",
        "version": re.search(r'name="version" value="([^"]*)"', page).group(1),
    }
    assert client.post(url, data).status_code == 302
    credential.refresh_from_db()
    assert credential.verified_by == coordinator and credential.remarks == "Kaart in de kluis"
    page = html(client.get(url))
    data["version"] = re.search(r'name="version" value="([^"]*)"', page).group(1)
    assert client.post(url, {**data, "number": "B100000000000002"}).status_code == 302
    credential.refresh_from_db()
    assert credential.verified_by is None  # a new number is not what was checked
    page = html(client.get(url))
    data["version"] = re.search(r'name="version" value="([^"]*)"', page).group(1)
    data["number"] = "B100000000000002"
    assert client.post(url, {**data, "verified": "on"}).status_code == 302
    credential.refresh_from_db()
    assert credential.verified_by == admin


def test_the_medical_form_asks_only_for_the_date(
    client_for, make_trajectory, coordinator, organisation
):
    trajectory = make_trajectory()
    medical = credential_type(organisation, "medical_fitness")
    url = f"/o/autocars/credentials/trajectory/{trajectory.public_id}/new/?type={medical.public_id}"
    page = html(client_for(coordinator).get(url))
    fields = set(re.findall(r'<(?:input|select|textarea)[^>]*name="([a-z_]+)"', page))
    fields -= {"csrfmiddlewaretoken", "language", "next"}
    assert fields == {"expires_on", "verified"}
    assert "geen diagnose" in page


def test_bad_input_stays_with_its_messages_and_nothing_is_saved(
    client_for, make_trajectory, coordinator, organisation
):
    trajectory = make_trajectory()
    licence = credential_type(organisation, "licence_d")
    url = f"/o/autocars/credentials/trajectory/{trajectory.public_id}/new/?type={licence.public_id}"
    response = client_for(coordinator).post(
        url,
        {
            "number": "2312345671",
            "categories": ["D"],
            "issued_on": "2024-02-01",
            "expires_on": "2031-02-01",
            "evidence_file": exe_renamed("rijbewijs.pdf"),
        },
    )
    assert response.status_code == 422
    page = html(response)
    assert 'id="id_evidence_file_error"' in page
    assert "is geen PDF, JPEG of PNG-bestand" in page
    assert 'value="2312345671"' in page
    assert Credential.objects.count() == 0 and Document.objects.count() == 0


def test_the_validity_limit_is_shown_beside_the_expiry_date(
    client_for, make_trajectory, coordinator, organisation
):
    trajectory = make_trajectory()
    card = credential_type(organisation, "driver_card")
    url = f"/o/autocars/credentials/trajectory/{trajectory.public_id}/new/?type={card.public_id}"
    response = client_for(coordinator).post(
        url, {"number": "B1", "issued_on": "2024-02-01", "expires_on": "2031-02-01"}
    )
    assert response.status_code == 422
    assert 'id="id_expires_on_error"' in html(response)
    assert "hoogstens 5 jaar geldig" in html(response)


# --- The expiry radar ------------------------------------------------------------------------


def test_the_radar_lists_expired_and_expiring_with_trainee_and_mentor(
    client_for, make_trajectory, coordinator, mentor, organisation
):
    soon = make_trajectory(mentors=[mentor])
    record(soon.candidate, "driver_card", by=coordinator, expires_on=day(20))
    late = make_trajectory()
    record(late.candidate, "medical_fitness", by=coordinator, expires_on=day(-4))
    renewed = make_trajectory()
    old = record(renewed.candidate, "licence_d", by=coordinator, expires_on=day(10))
    record(renewed.candidate, "licence_d", by=coordinator, expires_on=day(1500))
    far = make_trajectory()
    record(far.candidate, "licence_d", by=coordinator, expires_on=day(200))
    page = html(client_for(coordinator).get("/o/autocars/credentials/"))
    assert "3 attesten" not in page  # translated count: see below
    assert soon.candidate.full_name in page and mentor.full_name in page
    assert "Nog 20 dagen" in page and "4 dagen geleden verlopen" in page
    assert renewed.candidate.full_name not in page  # replaced by its renewal
    assert far.candidate.full_name not in page
    assert old.expires_on.strftime("%d/%m/%Y") not in page
    expired_only = html(client_for(coordinator).get("/o/autocars/credentials/?show=expired"))
    assert late.candidate.full_name in expired_only
    assert soon.candidate.full_name not in expired_only


def test_the_radar_sorts_by_name(client_for, make_trajectory, coordinator, organisation):
    for first, last, days in (("Zoë", "Aerts", 50), ("Arne", "Wuyts", 5)):
        trajectory = make_trajectory(
            candidate=CandidateFactory(organisation=organisation, first_name=first, last_name=last)
        )
        record(trajectory.candidate, "driver_card", by=coordinator, expires_on=day(days))
    by_date = html(client_for(coordinator).get("/o/autocars/credentials/"))
    assert by_date.index("Arne Wuyts") < by_date.index("Zoë Aerts")
    by_name = html(client_for(coordinator).get("/o/autocars/credentials/?sort=candidate"))
    assert by_name.index("Zoë Aerts") < by_name.index("Arne Wuyts")


def test_the_radar_leaves_out_closed_trajectories(client_for, make_trajectory, coordinator):
    trajectory = make_trajectory()
    record(trajectory.candidate, "driver_card", by=coordinator, expires_on=day(5))
    trajectory.status = Status.CLOSED
    trajectory.save()
    assert trajectory.candidate.full_name not in html(
        client_for(coordinator).get("/o/autocars/credentials/")
    )


def test_the_radar_query_count_does_not_grow(
    client_for, make_trajectory, coordinator, mentor, settings, django_assert_max_num_queries
):
    settings.PAGE_SIZE = 50
    trajectory = make_trajectory(mentors=[mentor])
    record(trajectory.candidate, "driver_card", by=coordinator, expires_on=day(5))
    client = client_for(coordinator)
    with django_assert_max_num_queries(15) as few:
        client.get("/o/autocars/credentials/")
    baseline = len(few.captured_queries)  # read now: the query log is a bounded deque
    for offset in range(12):
        other = make_trajectory(mentors=[mentor])
        record(other.candidate, "medical_fitness", by=coordinator, expires_on=day(offset))
    with django_assert_max_num_queries(baseline):
        page = html(client.get("/o/autocars/credentials/"))
    assert "13 attesten" in page


def test_an_organisation_adds_its_own_credential_type(client_for, coordinator, organisation):
    response = client_for(coordinator).post(
        "/o/autocars/credentials/types/new/",
        {
            "label_nl": "Attest eerste hulp",
            "label_fr": "Brevet de premiers secours",
            "has_expiry": "on",
            "max_validity_years": "3",
            "evidence_allowed": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    created = organisation.credential_types.get(label__nl="Attest eerste hulp")
    assert (created.category, created.code, created.max_validity_years) == (
        "other",
        "attest-eerste-hulp",
        3,
    )


def test_the_rules_of_a_sector_type_stay_fixed(client_for, coordinator, organisation):
    medical = credential_type(organisation, "medical_fitness")
    client_for(coordinator).post(
        f"/o/autocars/credentials/types/{medical.public_id}/",
        {
            "label_nl": "Medische schifting (groep 2)",
            "has_expiry": "",
            "max_validity_years": "10",
            "evidence_allowed": "on",
            "required_for": ["ibo"],
            "is_active": "on",
        },
    )
    medical.refresh_from_db()
    assert medical.label["nl"] == "Medische schifting (groep 2)"
    assert medical.required_for == ["ibo"]
    assert (medical.has_expiry, medical.max_validity_years, medical.evidence_allowed) == (
        True,
        5,
        False,
    )


def test_a_sector_type_without_warning_days_can_be_edited(client_for, coordinator, organisation):
    """Found by the hostile-input probe: the driving test has no warning days, and saving
    its page crashed on the empty list."""
    driving_test = credential_type(organisation, "driving_test")
    assert driving_test.warning_days == []
    response = client_for(coordinator).post(
        f"/o/autocars/credentials/types/{driving_test.public_id}/",
        {"label_nl": "Praktijkexamen", "required_for": ["ibo"], "is_active": "on"},
    )
    assert response.status_code == 302
    driving_test.refresh_from_db()
    assert driving_test.label["nl"] == "Praktijkexamen"


def test_the_radar_exports_with_its_filters(client_for, make_trajectory, coordinator, mentor):
    soon = make_trajectory(mentors=[mentor])
    record(soon.candidate, "driver_card", by=coordinator, expires_on=day(20))
    late = make_trajectory()
    record(late.candidate, "medical_fitness", by=coordinator, expires_on=day(-4))
    page = html(client_for(coordinator).get("/o/autocars/credentials/?show=upcoming"))
    assert 'href="/o/autocars/credentials/radar.csv?show=upcoming"' in page
    response = client_for(coordinator).get("/o/autocars/credentials/radar.csv?show=upcoming")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Kandidaat;Attest;Geldig tot;Dagen te gaan;Status;Mentoren")
    assert len(lines) == 2 and soon.candidate.full_name in lines[1]
    assert "Verloopt binnen 30 dagen" in lines[1] and mentor.full_name in lines[1]
    assert client_for(mentor).get("/o/autocars/credentials/radar.csv").status_code == 403


# French words that agree with a noun: beside a type's name ("Permis de conduire D",
# "Carte de conducteur") the agreement must hold for either gender, so these texts avoid it.
BESIDE_A_TYPE = [
    "required to start",
    "Required to start",
    "Valid",
    "Expiring",
    "Expired",
    "Missing",
    "Not verified",
    "Failed",
    "Passed",
    "Verified",
    "%(type)s is not verified yet.",
    "%s recorded.",
    "%s verified.",
    "%s deleted.",
]
GENDERED = re.compile(r"\(e\)|ée\b|ées\b|ise\b|ises\b|ante\b|antes\b|é\b|és\b")


def test_french_beside_a_credential_type_agrees_with_any_gender():
    from pathlib import Path

    import polib
    from django.conf import settings

    path = Path(settings.BASE_DIR) / "werkplek/credentials/locale/fr/LC_MESSAGES/django.po"
    catalogue = polib.pofile(str(path))
    found = {msgid: catalogue.find(msgid).msgstr for msgid in BESIDE_A_TYPE}
    # Agreeing is fine with its own noun: "Attestation enregistrée : %s."
    wrong = {
        msgid: text
        for msgid, text in found.items()
        if GENDERED.search(text.removeprefix("Attestation "))
        and not text.startswith("Attestation ")
    }
    assert wrong == {}
    expired = catalogue.find("Expired %(counter)s day ago")
    assert not any(GENDERED.search(text) for text in expired.msgstr_plural.values())


def test_a_required_licence_reads_right_in_french(client_for, trainee_trajectory, coordinator):
    coordinator.language = "fr"
    coordinator.save()
    page = html(
        client_for(coordinator).get(
            f"/o/autocars/credentials/trajectory/{trainee_trajectory.public_id}/"
        )
    )
    assert "obligatoire pour commencer" in page
    assert "requise" not in page
