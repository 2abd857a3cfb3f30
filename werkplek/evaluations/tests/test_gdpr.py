"""Erasing a trainee keeps their signed evaluations, without their name."""

from werkplek.audit.gdpr import person_erase
from werkplek.evaluations.models import Signature
from werkplek.evaluations.tests.factories import held, scheduled, sign_all


def test_erasure_keeps_the_signed_evaluation_but_not_the_trainees_name(
    trajectory, coordinator, mentor, staff
):
    evaluation = held(scheduled(trajectory, coordinator), mentor)
    sign_all(evaluation, staff)
    evaluation.refresh_from_db()
    assert evaluation.locked_at is not None
    person_erase(candidate=trajectory.candidate, by=coordinator, reason="Verzoek van de persoon")
    evaluation.refresh_from_db()
    assert evaluation.locked_at is not None  # still there, still signed
    trainee_signature = evaluation.signatures.get(party=Signature.Party.TRAINEE)
    assert trainee_signature.typed_name == "(erased)"
    assert trainee_signature.ip_address is None
    mentor_signature = evaluation.signatures.get(party=Signature.Party.MENTOR)
    assert mentor_signature.typed_name == "Naam mentor"
