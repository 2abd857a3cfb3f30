"""One candidate per e-mail address in an organisation, held by the database (issue 19 item 5).

Two API creates with one address at the same moment both pass an application check; the
race is simulated by switching the checks off, so that only the database stands in the way.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from werkplek.candidates import services
from werkplek.candidates.models import Candidate
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.core.tests.posted import posted


@pytest.fixture
def checks_raced_past(monkeypatch):
    """Both saves passed the service's check before either wrote."""
    monkeypatch.setattr(services, "_refuse_duplicate_email", lambda candidate: None, raising=False)


def test_the_service_turns_the_databases_refusal_into_an_error_on_the_email(
    organisation, checks_raced_past
):
    services.candidate_create(
        organisation=organisation, first_name="A", last_name="B", email="a@x.be"
    )
    with pytest.raises(ValidationError) as refused:
        services.candidate_create(
            organisation=organisation, first_name="C", last_name="D", email="A@X.be"
        )
    assert refused.value.error_dict["email"][0].code == "duplicate_email"
    assert Candidate.objects.filter(organisation=organisation).count() == 1


def test_the_database_allows_no_address_twice_but_any_number_without_one(
    organisation, other_organisation
):
    CandidateFactory(organisation=organisation, email="jo@x.be")
    CandidateFactory(organisation=other_organisation, email="jo@x.be")  # another organisation
    CandidateFactory(organisation=organisation, email="")
    CandidateFactory(organisation=organisation, email="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Candidate.objects.create(
            organisation=organisation, first_name="J", last_name="O", email="Jo@X.be"
        )


def test_the_edit_form_shows_the_taken_address_beside_the_field(
    client_for, coordinator, organisation
):
    CandidateFactory(organisation=organisation, email="lien@x.be")
    candidate = CandidateFactory(organisation=organisation, email="other@x.be", city="Gent")
    url = f"/o/autocars/candidates/{candidate.public_id}/edit/"
    client = client_for(coordinator)
    data = {**posted(client.get(url).content.decode()), "email": "Lien@x.be", "city": "Brugge"}
    response = client.post(url, data)
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_email_error"' in page
    assert 'value="Brugge"' in page  # what was typed is kept
    assert Candidate.objects.get(pk=candidate.pk).email == "other@x.be"


@pytest.mark.django_db(transaction=True)
def test_the_migration_resolves_existing_duplicates_and_keeps_the_address_in_the_history(
    bus_coach_pack,
):
    from werkplek.accounts.tests.factories import OrganisationFactory, UserFactory

    before = [("candidates", "0004_merge_search_key_and_names")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        Organisation = old.get_model("accounts", "Organisation")
        OldCandidate = old.get_model("candidates", "Candidate")
        organisation = Organisation.objects.get(pk=OrganisationFactory().pk)
        login = UserFactory()

        def make(email, **fields):
            return OldCandidate.objects.create(
                organisation=organisation,
                first_name="Lien",
                last_name="Smet",
                email=email,
                **fields,
            ).pk

        oldest, with_login, other_case, alone = (
            make("lien@x.be"),
            make("lien@x.be", user_id=login.pk),
            make("LIEN@X.BE"),
            make("jo@x.be"),
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    emails = dict(Candidate.objects.values_list("pk", "email"))
    assert emails[with_login] == "lien@x.be"  # the one with a login keeps it
    assert emails[oldest] == emails[other_case] == ""
    assert emails[alone] == "jo@x.be"
    reasons = list(
        Candidate.history.model.objects.filter(id=oldest).values_list(
            "history_change_reason", flat=True
        )
    )
    assert any("lien@x.be" in (reason or "") for reason in reasons)


def test_a_new_trajectory_for_a_taken_address_says_so_beside_the_email(
    client_for, coordinator, organisation
):
    CandidateFactory(organisation=organisation, email="jef@example.be")
    response = client_for(coordinator).post(
        "/o/autocars/trajectories/new/",
        {
            "candidate-first_name": "Jef",
            "candidate-last_name": "Peeters",
            "candidate-email": "Jef@Example.be",
            "candidate-language": "nl",
            "trajectory-kind": "ibo",
            "trajectory-planned_start": "2026-12-01",
            "trajectory-planned_end": "2027-03-01",
            "trajectory-hours_per_week": "38",
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_candidate-email_error"' in page
    assert 'value="Peeters"' in page
    assert not Candidate.objects.filter(last_name="Peeters").exists()
