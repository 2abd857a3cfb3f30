"""Name search: accent- and case-insensitive, prefix and infix, on both databases; the stored
search key follows every way a name is written."""

from werkplek.candidates.models import Candidate
from werkplek.candidates.selectors import candidates_search
from werkplek.candidates.services import candidate_update
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.imports import services as imports
from werkplek.imports.tests.helpers import HEADERS
from werkplek.imports.tests.test_candidate_import import make_batch


def found(organisation, text) -> set[str]:
    candidates = Candidate.objects.filter(organisation=organisation)
    return {candidate.full_name for candidate in candidates_search(candidates, text)}


def test_celine_finds_celine_with_its_accent_and_back(organisation):
    CandidateFactory(organisation=organisation, first_name="Céline", last_name="Vandaële")
    CandidateFactory(organisation=organisation, first_name="Celine", last_name="Öztürk")
    CandidateFactory(organisation=organisation, first_name="Jan", last_name="Peeters")
    assert found(organisation, "Celine") == {"Céline Vandaële", "Celine Öztürk"}
    assert found(organisation, "CÉLINE") == {"Céline Vandaële", "Celine Öztürk"}
    assert found(organisation, "oztu") == {"Celine Öztürk"}  # infix, no accents typed
    assert found(organisation, "vandaele cel") == {"Céline Vandaële"}  # every word, prefix
    assert found(organisation, "eeter") == {"Jan Peeters"}


def test_the_trajectory_list_search_ignores_accents(
    client_for, coordinator, make_trajectory, organisation
):
    make_trajectory(
        candidate=CandidateFactory(organisation=organisation, first_name="Céline", last_name="Dion")
    )
    make_trajectory(
        candidate=CandidateFactory(organisation=organisation, first_name="Jan", last_name="Smet")
    )
    page = client_for(coordinator).get("/o/autocars/trajectories/?q=celine").content.decode()
    assert "Céline Dion" in page and "Jan Smet" not in page


def test_the_candidate_list_search_ignores_accents(client_for, coordinator, organisation):
    CandidateFactory(organisation=organisation, first_name="Zoë", last_name="Maës")
    CandidateFactory(organisation=organisation, first_name="Jan", last_name="Smet")
    page = client_for(coordinator).get("/o/autocars/candidates/?q=zoe+maes").content.decode()
    assert "Zoë" in page and "Maës" in page and "Smet" not in page


def test_a_renamed_candidate_is_found_by_the_new_name_only(organisation):
    candidate = CandidateFactory(organisation=organisation, first_name="Anaïs", last_name="Claes")
    candidate_update(candidate=candidate, first_name="Noémie")
    assert found(organisation, "noemie") == {"Noémie Claes"}
    assert found(organisation, "anais") == set()
    candidate.last_name = "Goossens"
    candidate.save(update_fields=["last_name"])
    assert found(organisation, "goossens noemie") == {"Noémie Goossens"}


def test_imported_candidates_are_found_without_their_accents(organisation, coordinator):
    existing = CandidateFactory(
        organisation=organisation, email="els@example.be", first_name="Els", last_name="Maes"
    )
    rows = [
        ["Hélène", "Brück", "helene@example.be", "", "", "", ""],
        ["Els", "Maës", "els@example.be", "", "", "", ""],
    ]
    batch = make_batch(organisation, coordinator, rows, HEADERS)
    batch = imports.import_batch_check(batch=batch, mapping=batch.mapping)
    imports.import_batch_run(batch=batch, by=coordinator, skip_errors=True)
    assert found(organisation, "helene bruck") == {"Hélène Brück"}
    existing.refresh_from_db()
    assert existing.search_key == "els maës".replace("ë", "e") + " els@example.be"
