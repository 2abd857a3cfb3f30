"""The status of a credential around every boundary: valid until and including its date,
"expiring" in the 90/30/7-day bands, expired the day after."""

from datetime import date, timedelta

import pytest

from werkplek.credentials.models import Credential
from werkplek.credentials.tests.factories import credential_type, record
from werkplek.credentials.validity import Status, credential_validity, usable_q

TODAY = date(2027, 3, 10)


@pytest.fixture
def licence(organisation, coordinator):
    from werkplek.candidates.tests.factories import CandidateFactory

    return record(CandidateFactory(organisation=organisation), "licence_d", by=coordinator)


@pytest.mark.parametrize(
    ("days_left", "status", "band"),
    [
        (-400, Status.EXPIRED, None),
        (-1, Status.EXPIRED, None),
        (0, Status.EXPIRING, 7),  # valid through its last day
        (1, Status.EXPIRING, 7),
        (7, Status.EXPIRING, 7),
        (8, Status.EXPIRING, 30),
        (30, Status.EXPIRING, 30),
        (31, Status.EXPIRING, 90),
        (90, Status.EXPIRING, 90),
        (91, Status.VALID, None),
        (1500, Status.VALID, None),
    ],
)
def test_status_around_the_warning_bands(licence, days_left, status, band):
    licence.expires_on = TODAY + timedelta(days=days_left)
    validity = credential_validity(licence, today=TODAY)
    assert (validity.status, validity.within) == (status, band)
    assert validity.days_left == days_left


def test_the_bands_come_from_the_credential_type(licence):
    licence.type.warning_days = [60, 14]
    licence.expires_on = TODAY + timedelta(days=45)
    assert credential_validity(licence, today=TODAY).within == 60
    licence.expires_on = TODAY + timedelta(days=61)
    assert credential_validity(licence, today=TODAY).status == Status.VALID


def test_not_verified_until_checked_but_expired_wins(licence):
    licence.verified_at = None
    licence.expires_on = TODAY + timedelta(days=200)
    assert credential_validity(licence, today=TODAY).status == Status.UNVERIFIED
    licence.expires_on = TODAY - timedelta(days=1)
    assert credential_validity(licence, today=TODAY).status == Status.EXPIRED


def test_missing_and_driving_test_results(organisation, coordinator):
    from werkplek.candidates.tests.factories import CandidateFactory

    assert credential_validity(None, today=TODAY).status == Status.MISSING
    candidate = CandidateFactory(organisation=organisation)
    passed = record(candidate, "driving_test", by=coordinator)
    failed = record(candidate, "driving_test", by=coordinator, result="failed")
    assert credential_validity(passed, today=TODAY).status == Status.VALID
    assert credential_validity(failed, today=TODAY).status == Status.FAILED


@pytest.mark.parametrize("days_left", [-1, 0, 1, 90, 91])
@pytest.mark.parametrize("verified", [True, False])
def test_the_sql_rule_agrees_with_the_status(licence, days_left, verified):
    """The checklist and the daily refresh use the SQL form; pages use the Python one."""
    on = licence.created_at.date()
    Credential.objects.filter(pk=licence.pk).update(
        expires_on=on + timedelta(days=days_left),
        verified_at=licence.verified_at if verified else None,
    )
    licence.refresh_from_db()
    in_sql = Credential.objects.filter(usable_q(on=on), pk=licence.pk).exists()
    assert in_sql == credential_validity(licence, today=on).is_usable


def test_a_failed_test_is_not_usable_in_sql_either(organisation, coordinator):
    from werkplek.candidates.tests.factories import CandidateFactory

    candidate = CandidateFactory(organisation=organisation)
    failed = record(candidate, "driving_test", by=coordinator, result="failed")
    assert not Credential.objects.filter(usable_q(on=TODAY), pk=failed.pk).exists()
    assert credential_type(organisation, "driving_test").is_test
