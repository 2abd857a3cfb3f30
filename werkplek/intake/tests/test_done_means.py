"""Done means: a coordinator takes a new applicant from application to "ready" in the demo
organisation using only the pages, and the demo shows an expiring and an expired credential
on the radar and at the gate. One test, so the demo is built once."""

import io
from datetime import datetime, time, timedelta

from django.core.management import call_command
from django.utils import timezone

from werkplek.accounts.models import User
from werkplek.credentials.models import CredentialType
from werkplek.documents.tests.factories import pdf_file
from werkplek.intake.models import Application
from werkplek.plans.acknowledgements import plan_version_acknowledge
from werkplek.sectorpacks.loader import load_all
from werkplek.trajectories.models import Status, Trajectory

ORG = "/o/demo-autocars"


def html(response) -> str:
    return response.content.decode()


def signed_in(client):
    load_all()
    call_command("load_demo", stdout=io.StringIO())
    response = client.post(
        "/accounts/login/",
        {"username": "coordinator@demo-autocars.be", "password": "werkplek-demo"},
    )
    assert response.status_code == 302
    return client


def moment(days: int, hour: int = 10) -> str:
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour, 0)).strftime("%Y-%m-%dT%H:%M")


def test_a_coordinator_takes_a_new_applicant_to_ready(client, db):
    client = signed_in(client)
    today = timezone.localdate()
    start = today + timedelta(days=14)

    # 1. The application
    response = client.post(
        f"{ORG}/intake/applications/new/",
        {
            "candidate-first_name": "Sander",
            "candidate-last_name": "Peeters",
            "candidate-email": "sander.peeters@example.be",
            "candidate-phone": "0478 11 22 33",
            "candidate-language": "nl",
            "candidate-date_of_birth": "1990-04-12",
            "candidate-street": "Kortrijksesteenweg 100",
            "candidate-postal_code": "9000",
            "candidate-city": "Gent",
            "candidate-target_group": "long_term",
            "candidate-subsector_interest": "Streekvervoer",
            "candidate-has_relations_in_company": "no",
            "application-received_on": today.isoformat(),
            "application-requested_kind": "ibo",
            "application-source": "vdab",
            "application-contact_name": "Els Vermeersch",
            "application-contact_organisation": "VDAB Gent",
        },
    )
    assert response.status_code == 302
    trajectory = Application.objects.get(candidate__last_name="Peeters").trajectory
    base = f"{ORG}/trajectories/{trajectory.public_id}"

    # 2. Mentor, dates and hours; confirm the intake
    luc = User.objects.get(email="luc@demo-autocars.be")
    an = User.objects.get(email="coordinator@demo-autocars.be")
    response = client.post(
        f"{base}/edit/",
        {
            "kind": "ibo",
            "job_title": "Buschauffeur",
            "coordinator": an.pk,
            "mentors": [luc.pk],
            # Luc already guides more trainees than the policy's limit (the demo): say why.
            "mentor_reason": "Luc kent de streeklijnen van Gent het best.",
            "planned_start": start.isoformat(),
            "planned_end": (start + timedelta(weeks=16)).isoformat(),
            "hours_per_week": "38",
        },
    )
    assert response.status_code == 302
    client.post(f"{base}/transition/confirm/")
    trajectory.refresh_from_db()
    assert trajectory.status == Status.PREPARING

    # The gate explains what is missing, credentials included
    refused = html(client.post(f"{base}/transition/mark_ready/", follow=True))
    assert "Geen geldig attest geregistreerd: Rijbewijs D." in refused

    # 3. Motivation interview and getting-acquainted talk, held
    intake = f"{ORG}/intake/trajectory/{trajectory.public_id}"
    for kind, days in (("motivation", -6), ("introduction", -3)):
        response = client.post(
            f"{intake}/meetings/new/?kind={kind}",
            {
                "kind": kind,
                "starts_at": moment(days),
                "duration_minutes": "60",
                "place": "Stelplaats Gent",
                "participants": [an.pk, luc.pk],
                "candidate_attends": "on",
                "status": "held",
                "answers-answer_0": "Luc stelde zich voor als peter.",
            },
        )
        assert response.status_code == 302, html(response)

    # 4. The mentor's operational preparation
    response = client.post(
        f"{intake}/preparation/",
        {f"answer_{index}": f"Afgesproken ({index + 1})" for index in range(4)},
    )
    assert response.status_code == 302

    # 5. Credentials, with proof where it is kept
    types = {t.code: t for t in CredentialType.objects.filter(organisation=trajectory.organisation)}
    credentials = {
        "licence_d": {
            "number": "2312345671",
            "categories": ["D"],
            "issued_on": (today - timedelta(days=400)).isoformat(),
            "expires_on": (today + timedelta(days=1000)).isoformat(),
            "evidence_file": pdf_file("rijbewijs.pdf"),
        },
        "professional_competence": {
            "issued_on": (today - timedelta(days=400)).isoformat(),
            "expires_on": (today + timedelta(days=1000)).isoformat(),
            "training_hours": "7",
        },
        "medical_fitness": {"expires_on": (today + timedelta(days=900)).isoformat()},
        "driver_card": {
            "number": "B100000000000042",
            "issued_on": (today - timedelta(days=30)).isoformat(),
            "expires_on": (today + timedelta(days=1700)).isoformat(),
        },
        "driving_test": {
            "issued_on": (today - timedelta(days=2)).isoformat(),
            "examiner": "Luc Janssens",
            "result": "passed",
        },
    }
    for code, fields in credentials.items():
        response = client.post(
            f"{ORG}/credentials/trajectory/{trajectory.public_id}/new/?type={types[code].public_id}",
            {**fields, "verified": "on"},
        )
        assert response.status_code == 302, (code, html(response))

    # 6. Administrative formalities
    documents = f"{ORG}/documents/trajectory/{trajectory.public_id}/formalities"
    for code, status, file in (
        ("ibo_request", "requested", None),
        ("contract", "signed", pdf_file("ibo-contract.pdf")),
        ("workstation_sheet", "signed", pdf_file("werkpostfiche.pdf")),
        ("transport_passes", "received", None),
    ):
        data = {f"slot-{code}-status": status}
        if file:
            data[f"slot-{code}-file"] = file
        assert client.post(f"{documents}/{code}/", data).status_code == 302, code

    # 7. The introduction: workplace tour, ready to dive in; first-day arrangements
    response = client.post(
        f"{intake}/meetings/new/?kind=tour",
        {
            "kind": "tour",
            "starts_at": moment(-1, 9),
            "duration_minutes": "90",
            "status": "held",
            "ready_to_start": "yes",
            "ready_comment": "Kent de stelplaats en de collega's.",
        },
    )
    assert response.status_code == 302
    response = client.post(
        f"{intake}/meetings/new/?kind=first_day",
        {
            "kind": "first_day",
            "starts_at": datetime.combine(start, time(7, 30)).strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": "60",
            "status": "planned",
        },
    )
    assert response.status_code == 302

    # 8. Learning on the job prepared: competences mapped, plan agreed, planning handed over
    from werkplek.competences.selectors import framework_for

    framework = framework_for(trajectory)
    competences = list(framework.competences.filter(is_active=True))
    response = client.post(
        f"{ORG}/competences/trajectory/{trajectory.public_id}/baseline/",
        {"rated_on": today.isoformat(), **{f"level_{c.pk}": "2" for c in competences}},
    )
    assert response.status_code == 302, html(response)
    plans = f"{ORG}/plans/{trajectory.public_id}"
    client.post(f"{plans}/start/")
    response = client.post(
        f"{plans}/goals/new/",
        {
            "competence": competences[0].pk,
            "target_level": "4",
            "target_date": (start + timedelta(weeks=16)).isoformat(),
            "description": "Zelfstandig een dienst rijden",
        },
    )
    assert response.status_code == 302, html(response)
    version = trajectory.plan_versions.get()
    client.post(f"{ORG}/plans/version/{version.public_id}/agree/")  # put to the mentor
    plan_version_acknowledge(
        version=version,
        membership=luc.memberships.get(organisation=trajectory.organisation),
        typed_name="Luc",
        agreed=True,
        ip_address=None,
    )
    client.post(f"{plans}/send/", {"method": "in_person"})

    # The interim evaluation is planned (with the school) on the Evaluations tab
    response = client.post(
        f"{ORG}/evaluations/{trajectory.public_id}/new/",
        {"kind": "interim", "scheduled_on": (start + timedelta(weeks=6)).strftime("%d/%m/%Y")},
    )
    assert response.status_code == 302, html(response)
    assert trajectory.checklist_items.get(code="interim_evaluation_planned").state == "done"

    # 9. What is left is ticked by hand
    left = trajectory.checklist_items.filter(
        state="open", required=True, phase__in=["preparation", "before_start"]
    ).exclude(rule="all_children_done")
    assert set(left.values_list("rule", flat=True)) <= {""}, list(left.values_list("code", "rule"))
    for item in left:
        response = client.post(f"{ORG}/checklist/items/{item.public_id}/tick/")
        assert response.status_code == 302

    page = html(client.get(f"{base}/"))
    assert "het traject kan starten" in page
    ready = html(client.post(f"{base}/transition/mark_ready/", follow=True))
    trajectory.refresh_from_db()
    assert trajectory.status == Status.READY
    assert "Klaar om te starten" in ready

    # The demo shows an expired credential at the gate and on the radar, and expiring ones
    radar = html(client.get(f"{ORG}/credentials/"))
    assert "Yasmine El Amrani" in radar and "5 dagen geleden verlopen" in radar
    assert "Kevin Mertens" in radar and "Nog 20 dagen" in radar
    yasmine = Trajectory.objects.get(candidate__first_name="Yasmine")
    page = html(client.get(yasmine.get_absolute_url()))
    assert "Medische schifting is verlopen." in page
    refused = html(
        client.post(f"{ORG}/trajectories/{yasmine.public_id}/transition/start/", follow=True)
    )
    assert "Medische schifting is verlopen." in refused
    kevin = Trajectory.objects.get(candidate__first_name="Kevin")
    panel = html(client.get(kevin.get_absolute_url()))
    assert "Vakbekwaamheid (code 95) verloopt op" in panel and "vóór het geplande einde" in panel
