"""Credential columns in the candidate import: checked in the dry run, recorded on import."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from werkplek.candidates.models import Candidate
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.credentials.models import Credential
from werkplek.credentials.tests.factories import record
from werkplek.imports import services
from werkplek.imports.tests.test_candidate_import import make_batch, outcome

HEADERS = [
    "Voornaam",
    "Naam",
    "E-mail",
    "Rijbewijs D: geldig tot",
    "Rijbewijs D: categorieën",
    "Rijbewijs D: nummer",
    "Bestuurderskaart: geldig tot",
]


def checked(organisation, coordinator, rows):
    batch = make_batch(organisation, coordinator, rows, headers=HEADERS)
    return services.import_batch_check(batch=batch, mapping=batch.mapping)


def in_days(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).strftime("%d/%m/%Y")


def test_dutch_credential_columns_are_recognised_and_recorded(organisation, coordinator):
    rows = [["An", "Peeters", "an@example.be", in_days(400), "D, DE", "123456", ""]]
    batch = checked(organisation, coordinator, rows)
    assert batch.mapping["3"] == "credential.licence_d.expires_on"
    assert batch.mapping["4"] == "credential.licence_d.categories"
    row = outcome(batch, 2)
    assert row["action"] == "create" and row["errors"] == []
    assert ["Driving licence D: valid until", "—", in_days(400)] in row["changes"]
    assert not Credential.objects.exists()  # a dry run

    services.import_batch_run(batch=batch, by=coordinator)
    credential = Candidate.objects.get(email="an@example.be").credentials.get()
    assert (credential.type.code, credential.number, credential.category_list) == (
        "licence_d",
        "123456",
        ["D", "DE"],
    )
    assert credential.expires_on == timezone.localdate() + timedelta(days=400)
    assert not credential.is_verified


def test_wrong_credential_cells_are_errors_of_that_row(organisation, coordinator):
    rows = [
        ["An", "Peeters", "an@example.be", "31/02/2027", "D", "1", ""],
        ["Bo", "Maes", "bo@example.be", in_days(400), "", "2", ""],
        ["Cas", "Claes", "cas@example.be", "", "", "", in_days(9000)],
    ]
    batch = checked(organisation, coordinator, rows)  # messages in English outside a request
    assert outcome(batch, 2)["errors"] == [
        ["Driving licence D: valid until", "Enter the date as dd/mm/yyyy."]
    ]
    assert outcome(batch, 3)["errors"] == [
        ["Driving licence D: categories", "Tick at least one category."]
    ]
    assert {title for title, _message in outcome(batch, 4)["errors"]} == {
        "Driver card: number",  # required for a driver card
        "Driver card: valid until",  # more than the five years a card is valid
    }
    assert batch.summary["error"] == 3


def test_an_unchanged_credential_stays_verified_and_a_new_date_unverifies(
    organisation, coordinator
):
    candidate = CandidateFactory(organisation=organisation, email="an@example.be")
    held = record(
        candidate,
        "licence_d",
        by=coordinator,
        expires_on=date(2030, 1, 31),
        categories=["D"],
        number="123456",
    )
    assert held.is_verified
    same = ["An", "Peeters", "an@example.be", "31/01/2030", "D", "123456", ""]
    batch = checked(organisation, coordinator, [same])
    assert not any("licence" in change[0] for change in outcome(batch, 2)["changes"])
    services.import_batch_run(batch=batch, by=coordinator)
    held.refresh_from_db()
    assert held.is_verified

    later = [*same[:3], "31/01/2031", *same[4:]]
    batch = checked(organisation, coordinator, [later])
    services.import_batch_run(batch=batch, by=coordinator)
    held.refresh_from_db()
    assert (held.expires_on, held.is_verified) == (date(2031, 1, 31), False)


def test_checking_credential_columns_takes_as_many_queries_for_many_rows(organisation, coordinator):
    def queries_for(count: int) -> int:
        rows = []
        for n in range(count):
            email = f"k{count}-{n}@example.be"
            CandidateFactory(organisation=organisation, email=email)
            rows.append(["K", "V", email, in_days(400), "D", str(n), ""])
        batch = make_batch(organisation, coordinator, rows, headers=HEADERS)
        with CaptureQueriesContext(connection) as captured:
            services.import_batch_check(batch=batch, mapping=batch.mapping)
        return len(captured.captured_queries)

    assert queries_for(2) == queries_for(20)
