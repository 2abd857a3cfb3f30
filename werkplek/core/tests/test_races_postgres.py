"""Real races on PostgreSQL (issue 19 item 5): two threads, two connections, one moment.

SQLite runs one writing transaction at a time, so these only mean something on PostgreSQL
(CI runs the suite there too); the deterministic versions of each race run on both databases
(test_lost_updates, test_double_submit, candidates/test_email_unique).
"""

import threading
from uuid import uuid4

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from werkplek.candidates import services as candidate_services
from werkplek.candidates.models import Candidate
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.core.concurrency import version_of
from werkplek.core.idempotency import submit_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a real race needs PostgreSQL"),
]


def at_once(*jobs) -> list:
    """Run the jobs in threads released together; each result or the exception it raised."""
    start = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(index, job):
        try:
            start.wait()
            results[index] = job()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_two_saves_of_one_version_one_wins(organisation):
    candidate = CandidateFactory(organisation=organisation)
    opened = version_of(candidate)

    def save(city):
        return lambda: candidate_services.candidate_update(
            candidate=Candidate.objects.get(pk=candidate.pk), version=opened, city=city
        )

    results = at_once(save("Gent"), save("Brugge"))
    refused = [result for result in results if isinstance(result, ValidationError)]
    assert len(refused) == 1 and refused[0].error_list[0].code == "stale"
    winner = next(result for result in results if isinstance(result, Candidate))
    assert Candidate.objects.get(pk=candidate.pk).city == winner.city


def test_two_creates_with_one_address_make_one_candidate(organisation, monkeypatch):
    monkeypatch.setattr(candidate_services, "_refuse_duplicate_email", lambda candidate: None)

    def create(email):
        return lambda: candidate_services.candidate_create(
            organisation=organisation, first_name="Lien", last_name="Smet", email=email
        )

    results = at_once(create("lien@x.be"), create("LIEN@x.be"))
    refused = [result for result in results if isinstance(result, ValidationError)]
    assert len(refused) == 1
    assert refused[0].error_dict["email"][0].code == "duplicate_email"
    assert Candidate.objects.filter(organisation=organisation).count() == 1


def test_one_token_sent_twice_at_once_makes_one_record(organisation, coordinator):
    token = uuid4()

    def send():
        return submit_once(
            token=token,
            user=coordinator,
            action="candidates.candidate.create",
            model=Candidate,
            create=lambda: candidate_services.candidate_create(
                organisation=organisation, first_name="Jo", last_name="Smet"
            ),
        )

    results = at_once(send, send)
    assert sorted(made for _record, made in results) == [False, True]
    assert results[0][0].pk == results[1][0].pk
    assert Candidate.objects.filter(organisation=organisation).count() == 1
