from datetime import date

import pytest
from django.core.exceptions import ValidationError

from werkplek.candidates.models import Candidate
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.imports import importers, services
from werkplek.imports.importers import Column
from werkplek.imports.models import ImportBatch
from werkplek.imports.readers import Table
from werkplek.imports.tests.helpers import HEADERS, candidate_row


def make_batch(organisation, coordinator, rows, headers=HEADERS) -> ImportBatch:
    table = Table(
        file_format="csv",
        headers=list(headers),
        rows=[[str(cell) for cell in row] for row in rows],
        lines=list(range(2, len(rows) + 2)),
    )
    return services.import_batch_create(
        organisation=organisation, by=coordinator, kind="candidates", file_name="x.csv", table=table
    )


def outcome(batch, line):
    return next(row for row in batch.results if row["line"] == line)


def test_dutch_column_titles_are_recognised(organisation, coordinator):
    batch = make_batch(organisation, coordinator, [candidate_row(1)])
    assert batch.mapping == {
        "0": "first_name",
        "1": "last_name",
        "2": "email",
        "3": "phone",
        "4": "date_of_birth",
        "5": "postal_code",
        "6": "city",
    }


def test_the_dry_run_says_per_row_what_would_happen_and_writes_nothing(organisation, coordinator):
    existing = CandidateFactory(
        organisation=organisation, email="kandidaat2@example.be", city="Brugge"
    )
    same = CandidateFactory(
        organisation=organisation,
        email="kandidaat3@example.be",
        first_name="Voornaam3",
        last_name="Achternaam3",
        phone="0470 12 34 56",
        date_of_birth=date(1995, 5, 17),
        postal_code="9000",
        city="Gent",
    )
    rows = [
        candidate_row(1),
        candidate_row(2),
        candidate_row(3),
        candidate_row(4, **{"E-mail": "geen-adres"}),
        candidate_row(5, **{"E-mail": ""}),
        candidate_row(6, **{"E-mail": "KANDIDAAT1@example.be"}),
        candidate_row(7, Geboortedatum="31/02/1990", GSM="bel me"),
    ]
    batch = make_batch(organisation, coordinator, rows)
    before = Candidate.objects.count()
    batch = services.import_batch_check(batch=batch, mapping=batch.mapping)

    assert batch.summary == {"rows": 7, "create": 1, "update": 1, "unchanged": 1, "error": 4}
    assert outcome(batch, 2)["action"] == "create"
    update = outcome(batch, 3)
    assert update["action"] == "update"
    assert ["city", "Brugge", "Gent"] in update["changes"]
    assert outcome(batch, 4)["action"] == "unchanged"
    assert outcome(batch, 5)["errors"] == [["E-mail", "Enter a valid email address."]]
    assert "how duplicates are found" in outcome(batch, 6)["errors"][0][1]
    assert outcome(batch, 7)["errors"] == [["E-mail", "The same e-mail address as line 2."]]
    assert {what for what, _message in outcome(batch, 8)["errors"]} == {"GSM", "Geboortedatum"}
    assert Candidate.objects.count() == before
    existing.refresh_from_db()
    assert existing.city == "Brugge"
    assert same.public_id


def test_choices_are_recognised_in_any_language(organisation, coordinator):
    headers = ["Voornaam", "Naam", "E-mail", "Taal", "Bron", "Kennissen in het bedrijf"]
    rows = [["An", "Smet", "an@example.be", "Français", "VDAB", "ja"]]
    batch = make_batch(organisation, coordinator, rows, headers)
    batch = services.import_batch_check(batch=batch, mapping=batch.mapping)
    assert batch.summary["create"] == 1, batch.results
    services.import_batch_run(batch=batch, by=coordinator)
    candidate = Candidate.objects.get(email="an@example.be")
    assert (candidate.language, candidate.source) == ("fr", "vdab")
    assert candidate.has_relations_in_company is True


def test_an_unknown_choice_lists_the_possible_ones(organisation, coordinator):
    headers = ["Voornaam", "Naam", "E-mail", "Bron"]
    batch = make_batch(organisation, coordinator, [["An", "Smet", "a@x.be", "Krant"]], headers)
    batch = services.import_batch_check(batch=batch, mapping=batch.mapping)
    [[what, message]] = outcome(batch, 2)["errors"]
    assert what == "Bron"
    assert message.startswith("“Krant” is not one of: VDAB, School, Own application")


def test_the_import_creates_and_updates_in_one_go_and_forgets_the_rows(organisation, coordinator):
    existing = CandidateFactory(organisation=organisation, email="kandidaat2@example.be")
    batch = make_batch(organisation, coordinator, [candidate_row(1), candidate_row(2)])
    batch = services.import_batch_check(batch=batch, mapping=batch.mapping)
    batch = services.import_batch_run(batch=batch, by=coordinator)
    created = Candidate.objects.get(email="kandidaat1@example.be")
    assert created.organisation == organisation
    assert created.date_of_birth == date(1995, 5, 17)
    existing.refresh_from_db()
    assert existing.first_name == "Voornaam2"
    assert batch.status == ImportBatch.Status.IMPORTED
    assert batch.rows == [] and batch.imported_at is not None
    assert batch.summary["create"] == 1 and batch.summary["update"] == 1


def test_rows_with_errors_block_the_import_unless_skipped(organisation, coordinator):
    rows = [candidate_row(1), candidate_row(2, **{"E-mail": "fout"})]
    batch = make_batch(organisation, coordinator, rows)
    batch = services.import_batch_check(batch=batch, mapping=batch.mapping)
    with pytest.raises(ValidationError):
        services.import_batch_run(batch=batch, by=coordinator)
    assert not Candidate.objects.filter(email="kandidaat1@example.be").exists()
    services.import_batch_run(batch=batch, by=coordinator, skip_errors=True)
    assert Candidate.objects.filter(email="kandidaat1@example.be").exists()
    assert not Candidate.objects.filter(first_name="Voornaam2").exists()


def test_the_import_checks_again_against_the_data_of_that_moment(organisation, coordinator):
    batch = make_batch(organisation, coordinator, [candidate_row(1)])
    batch = services.import_batch_check(batch=batch, mapping=batch.mapping)
    assert batch.summary["create"] == 1
    CandidateFactory(organisation=organisation, email="kandidaat1@example.be")
    batch = services.import_batch_run(batch=batch, by=coordinator)
    assert batch.summary["create"] == 0 and batch.summary["update"] == 1
    assert Candidate.objects.filter(email="kandidaat1@example.be").count() == 1


def test_an_import_is_done_once(organisation, coordinator):
    batch = make_batch(organisation, coordinator, [candidate_row(1)])
    batch = services.import_batch_check(batch=batch, mapping=batch.mapping)
    services.import_batch_run(batch=batch, by=coordinator)
    with pytest.raises(ValidationError):
        services.import_batch_run(batch=batch, by=coordinator)
    assert Candidate.objects.filter(email="kandidaat1@example.be").count() == 1


def test_updated_contact_details_tick_the_checklist_of_open_trajectories(
    organisation, coordinator, make_trajectory
):
    candidate = CandidateFactory(
        organisation=organisation, email="kandidaat1@example.be", phone="", city=""
    )
    trajectory = make_trajectory(candidate=candidate)
    item = trajectory.checklist_items.get(rule="contact_details_complete")
    assert item.state == "open"
    batch = make_batch(organisation, coordinator, [candidate_row(1)])
    batch = services.import_batch_check(batch=batch, mapping=batch.mapping)
    services.import_batch_run(batch=batch, by=coordinator)
    item.refresh_from_db()
    assert item.state == "done"


def test_candidates_of_another_organisation_are_not_matched(
    organisation, other_organisation, coordinator
):
    CandidateFactory(organisation=other_organisation, email="kandidaat1@example.be")
    batch = make_batch(organisation, coordinator, [candidate_row(1)])
    batch = services.import_batch_check(batch=batch, mapping=batch.mapping)
    assert batch.summary["create"] == 1


class BadgeNumbers:
    """A stand-in for the credentials app: a column with a number checked per row."""

    def __init__(self):
        self.applied = []

    def columns(self, organisation):
        return [Column("badge", "badge number", ("badge",))]

    def check(self, *, organisation, values, candidate):
        badge = values.get("badge", "")
        if badge and not badge.isdigit():
            return [], [["badge", "A badge number has digits only."]], None
        return ([["badge", "—", badge]] if badge else []), [], badge

    def apply(self, *, candidate, prepared, by):
        assert candidate.pk is not None
        self.applied.append((candidate.email, prepared, by))


def test_an_app_can_add_columns_to_the_candidate_import(organisation, coordinator, monkeypatch):
    extension = BadgeNumbers()
    monkeypatch.setattr(importers, "CANDIDATE_EXTENSIONS", [extension])
    headers = [*HEADERS, "Badge"]
    rows = [[*candidate_row(1), "1234"], [*candidate_row(2), "12a"]]
    batch = make_batch(organisation, coordinator, rows, headers)
    assert batch.mapping["7"] == "badge"
    batch = services.import_batch_check(batch=batch, mapping=batch.mapping)
    assert outcome(batch, 3)["errors"] == [["badge", "A badge number has digits only."]]
    assert ["badge", "—", "1234"] in outcome(batch, 2)["changes"]
    services.import_batch_run(batch=batch, by=coordinator, skip_errors=True)
    assert extension.applied == [("kandidaat1@example.be", "1234", coordinator)]


def test_a_failure_halfway_leaves_nothing_behind(organisation, coordinator, monkeypatch):
    class Broken(BadgeNumbers):
        def apply(self, *, candidate, prepared, by):
            raise RuntimeError("disk full")

    monkeypatch.setattr(importers, "CANDIDATE_EXTENSIONS", [Broken()])
    batch = make_batch(organisation, coordinator, [candidate_row(1), candidate_row(2)])
    batch = services.import_batch_check(batch=batch, mapping=batch.mapping)
    with pytest.raises(RuntimeError):
        services.import_batch_run(batch=batch, by=coordinator)
    assert not Candidate.objects.filter(email__startswith="kandidaat").exists()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKED
